"""The line of keys at the bottom of each screen: what the player can press now, and what it does.

Textual's `Footer` does this by rebuilding one widget per key whenever the keys change (on every
focus change, every answer): at start-up that was the costliest part of the game screen, and
after every answer it ran again. `KeyBar` draws the same line as one piece of text and redraws
it in place. A click on a key presses it, as with `Footer`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

_PARENTHESES = re.compile(r"\s*\([^)]*\)")
"""A description's words in parentheses (`Hint (halves points)`), left out on a narrow bar."""


class KeyBar(Widget):
    """One line listing the shown key bindings active now; updated in place when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._key_spans: list[tuple[int, int, str, bool]] = []
        """Where each key is drawn: (first cell, cell after the last, key, enabled)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Content:
        """` key description ` for each shown binding, in the order the screen lists them; when
        they do not fit the width, without the descriptions' words in parentheses."""
        line = self._line(short=False)
        if line.cell_length > self.size.width:
            line = self._line(short=True)
        return line

    def _line(self, *, short: bool) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        description_style = self.get_visual_style("key-bar--description")
        pieces: list[Content] = []
        spans: list[tuple[int, int, str, bool]] = []
        shown_actions: set[str] = set()
        start = 0
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in shown_actions:
                continue  # like Footer: one entry per action, the first key bound to it
            shown_actions.add(binding.action)
            description = (
                _PARENTHESES.sub("", binding.description) if short else binding.description
            )
            piece = Content.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style),
                (f"{description} ", description_style),
            )
            if not enabled:  # shown but unavailable now (a check_action that returns None)
                piece = piece.stylize("dim")
            pieces.append(piece)
            spans.append((start, start + piece.cell_length, binding.key, enabled))
            start += piece.cell_length
        self._key_spans = spans
        return Content("").join(pieces)

    def key_at(self, x: int) -> tuple[str, bool] | None:
        """The key drawn at column `x`, and whether it is enabled (None between keys)."""
        for start, end, key, enabled in self._key_spans:
            if start <= x < end:
                return key, enabled
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it (a disabled key only rings the bell)."""
        found = self.key_at(event.x)
        if found is None:
            return
        key, enabled = found
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
