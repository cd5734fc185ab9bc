"""Containers that draw nothing of their own, drawn as plain background.

Textual draws every widget in the region a frame updates, containers included: a container
renders its whole region line by line (styles, background, padding) even where its children
cover it. The game screen's question and answer area and the match grid hold others and have
no border or content of their own: 1.3 ms of the 12 ms that showed the next match question,
measured per widget. `BLANK` (Textual's flag for "no border, no content") draws each as blank
lines of its background instead; the screens look the same (their snapshots are the same
pixels).
"""

from __future__ import annotations

from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ContentSwitcher


class BlankScroll(VerticalScroll):
    """A `VerticalScroll` with no border or padding of its own (its scrollbar is a widget)."""

    BLANK = True


class BlankSwitcher(ContentSwitcher):
    """A `ContentSwitcher` with no border or padding of its own."""

    BLANK = True


class BlankRow(Horizontal):
    """A `Horizontal` with no border or padding of its own."""

    BLANK = True
