"""The line of keys at the bottom of each screen: what the player can press now, and what it does.

Textual's `Footer` does this by rebuilding one widget per key whenever the keys change (on every
focus change, every answer): at start-up that was the costliest part of the game screen, and
after every answer it ran again. `KeyBar` draws the same line as one piece of text and redraws
it in place. A click on a key presses it, as with `Footer`.

The keys change at every answer and every question, but between a few sets: each set's line is
drawn once per width (Textual's line API) and then reused, so a key press draws the bar from
memory (it took about 1 ms of each, a tenth of the next question's frame).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from quiz.ui.widgets.linelist import line_strip

if TYPE_CHECKING:
    from textual.screen import Screen

_PARENTHESES = re.compile(r"\s*\([^)]*\)")
"""A description's words in parentheses (`Hint (halves points)`), left out on a narrow bar."""

KeySpan = tuple[int, int, str, bool]
"""Where a key is drawn: (first cell, cell after the last, key, enabled)."""

Shown = list[tuple[Binding, bool]]
"""The keys the bar lists, each with whether it is enabled now."""

Signature = tuple[tuple[str, str, str, str | None, bool], ...]
"""What tells one set of shown keys from another (each key's fields that the bar draws)."""


def _signature(shown: Shown) -> Signature:
    return tuple(
        (binding.key, binding.action, binding.description, binding.key_display, enabled)
        for binding, enabled in shown
    )


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
        self._key_spans: list[KeySpan] = []
        """Where each key is drawn, on the line drawn last."""
        self._drawn: dict[tuple[Signature, int], tuple[Content, list[KeySpan], Strip | None]] = {}
        """Each set of keys' line at each width, its keys' places, and its strip once drawn."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        """The lines are drawn again in the new styles (a theme change, say)."""
        self._drawn.clear()
        super().notify_style_update()

    def render(self) -> Content:
        """` key description ` for each shown binding, in the order the screen lists them; when
        they do not fit the width, without the descriptions' words in parentheses."""
        return self._entry(self._shown())[0]

    def render_line(self, y: int) -> Strip:
        """The bar's line, from memory when these keys were drawn at this width before."""
        width = self.size.width
        style = self.visual_style
        if y:
            return Strip.blank(width, style.rich_style)
        shown = self._shown()
        line, spans, strip = self._entry(shown)
        if strip is None:
            strip = line_strip(line, width, style, self._get_style).crop(0, width)
            self._drawn[_signature(shown), width] = (line, spans, strip)
        self._key_spans = spans
        return strip

    def _shown(self) -> Shown:
        """The keys to list: like `Footer`, one per action (the first key bound to it)."""
        shown: list[tuple[Binding, bool]] = []
        shown_actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown_actions:
                shown_actions.add(binding.action)
                shown.append((binding, enabled))
        return shown

    def _entry(self, shown: Shown) -> tuple[Content, list[KeySpan], Strip | None]:
        """These keys' line at the bar's width (shortened if it must be), with its keys'
        places and its strip if it was drawn."""
        key = (_signature(shown), self.size.width)
        entry = self._drawn.get(key)
        if entry is None:
            line, spans = self._line(shown, short=False)
            if line.cell_length > self.size.width:
                line, spans = self._line(shown, short=True)
            entry = self._drawn[key] = (line, spans, None)
        return entry

    def _line(self, shown: Shown, *, short: bool) -> tuple[Content, list[KeySpan]]:
        key_style = self.get_visual_style("key-bar--key")
        description_style = self.get_visual_style("key-bar--description")
        pieces: list[Content] = []
        spans: list[KeySpan] = []
        start = 0
        for binding, enabled in shown:
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
        return Content("").join(pieces), spans

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
