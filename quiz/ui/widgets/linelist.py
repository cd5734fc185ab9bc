"""A list of entries drawn a line at a time (Textual's line API): the match grid's items and
partners, redrawn after every key.

An `OptionList` builds and renders each option as a widget of its own would (its styles looked
up, its text wrapped to measure it, then again to draw it): the two lists of a match question
took 2.7 ms to draw for the next question, a third of its key press. This list wraps its entries
once per width and draws only the lines in view. It takes no focus and no keys (its owner has
them); a click on an entry says which (`Clicked`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style


def line_strip(
    line: Content, width: int, style: Style, parse_style: Callable[[str | Style], Style]
) -> Strip:
    """One line of text (no wider than `width`) as a strip `width` cells wide, on `style`:
    what `Visual.to_strips` gives for it, without wrapping it again (it is wrapped already)."""
    segments = [
        Segment(text, part.rich_style) for text, part in line.render(style, "", parse_style)
    ]
    return Strip(segments, line.cell_length).extend_cell_length(width, style.rich_style)


class LineList(ScrollView, can_focus=False):
    """Entries one under the other, each wrapped to the width, one of them highlighted."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--highlighted"}
    DEFAULT_CSS = """
    LineList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .line-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
    }
    """

    class Clicked(Message):
        """An entry was clicked."""

        def __init__(self, line_list: LineList, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index

        @property
        def control(self) -> LineList:
            """The list clicked (what `@on(..., "#id")` matches)."""
            return self.line_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[Content, ...] = ()
        self.highlighted: int | None = None
        self._rows: list[tuple[int, Content]] = []
        """Each line: the entry it belongs to, and its text (wrapped to `_width`)."""
        self._width = -1
        self._strips: dict[tuple[int, Style], Strip] = {}

    def show(self, entries: Sequence[Content], highlighted: int | None) -> None:
        """These entries, this one highlighted (kept in view)."""
        self.highlighted = highlighted
        if tuple(entries) != self.entries:
            self.entries = tuple(entries)
            self._width = -1  # wrapped again by the layout this asks for
            self.refresh(layout=True)
        else:
            self.refresh()
            self._keep_in_view()

    def _lay_out(self, width: int) -> None:
        """Wrap the entries to `width` cells (once per width and entries), and make that the
        size to scroll over. Called while Textual lays the screen out: the size is set without
        asking for another layout."""
        if width == self._width or width <= 0:
            return
        self._width = width
        self._strips.clear()
        self._rows = [
            (index, line) for index, entry in enumerate(self.entries) for line in entry.wrap(width)
        ]
        self.set_reactive(LineList.virtual_size, Size(width, len(self._rows)))

    def _keep_in_view(self) -> None:
        """Scroll so that the highlighted entry's lines show."""
        rows = [row for row, (index, _) in enumerate(self._rows) if index == self.highlighted]
        if not rows:
            return
        top, bottom = rows[0], rows[-1] + 1
        height = self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif height and bottom > self.scroll_offset.y + height:
            self.scroll_to(y=max(top, bottom - height), animate=False, immediate=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._lay_out(width)
        return len(self._rows)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Wrap again for the size the layout gives (less a scrollbar's width when the entries
        do not fit its height), before the frame that draws it; keep the highlighted entry in
        view."""
        room = size - self.styles.gutter.totals
        self._lay_out(room.width)
        scrollbar = self.styles.scrollbar_size_vertical
        if len(self._rows) > room.height > 0 and room.width > scrollbar:
            self._lay_out(room.width - scrollbar)
        changed = super()._size_updated(size, self.virtual_size, container_size, layout)
        self._keep_in_view()
        return changed

    def render_line(self, y: int) -> Strip:
        """The line `y` rows from the top of the view."""
        row = y + self.scroll_offset.y
        width = self._width
        base = self.visual_style
        if row >= len(self._rows):
            return Strip.blank(width, base.rich_style)
        index, line = self._rows[row]
        style = base
        if index == self.highlighted:
            style = base + self.get_visual_style("line-list--highlighted")
        key = (row, style)
        strip = self._strips.get(key)
        if strip is None:
            strip = line_strip(line, width, style, self._get_style)
            self._strips[key] = strip
        return strip

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + self.scroll_offset.y
        if row < len(self._rows):
            self.post_message(self.Clicked(self, self._rows[row][0]))
