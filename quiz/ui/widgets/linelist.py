"""A list of entries drawn a line at a time (Textual's line API): the match grid's items and
partners, and the choice, multiple-answer and order lists; redrawn after every key.

An `OptionList` builds and renders each option as a widget of its own would (its styles looked
up, its text wrapped to measure it, then again to draw it): the two lists of a match question
took 2.7 ms to draw for the next question, a third of its key press, and a four-choice list put
the next choice question at 1.5-1.7x the full-screen floor where a two-choice one was at 1.1x.
`LineList` wraps its entries once per width and draws only the lines in view. It takes no focus
and no keys (the match grid has them); a click on an entry says which (`Clicked`). `PickList`
is one that takes the focus and moves its highlight by the keys, as an `OptionList` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
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


def _same(entries: Sequence[Content], others: Sequence[Content]) -> bool:
    """The same text in the same styles (`Content`'s `==` compares the text alone: a check box
    ticked, or a line restyled, is a change too)."""
    return len(entries) == len(others) and all(
        entry.plain == other.plain and entry.spans == other.spans
        for entry, other in zip(entries, others, strict=True)
    )


class LineList(ScrollView, can_focus=False):
    """Entries one under the other, each wrapped to the width, one of them highlighted."""

    ALLOW_SELECT = False
    SCOPED_CSS = False  # for the focus rule of a list held by a focused widget
    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--highlighted", "line-list--hover"}
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
        & > .line-list--hover {
            background: $block-hover-background;
        }
    }
    /* Focused as an `OptionList` is: when it has the focus (a `PickList`), or when the widget
       holding it has (the match grid's lists). */
    LineList:focus, *:focus > LineList {
        border: tall $border;
        background-tint: $foreground 5%;
        & > .line-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
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
        self.hovered: int | None = None
        """The entry under the mouse (drawn with the hover style)."""
        self._rows: list[tuple[int, Content]] = []
        """Each line: the entry it belongs to, and its text (wrapped to `_width`)."""
        self._width = -1
        self._strips: dict[tuple[int, Style], Strip] = {}

    def set_entries(self, entries: Sequence[Content], highlighted: int | None) -> None:
        """These entries, this one highlighted (kept in view)."""
        if not _same(entries, self.entries):
            self.highlighted = highlighted
            self.entries = tuple(entries)
            self._width = -1  # wrapped again by the layout this asks for
            self.refresh(layout=True)
        else:
            self.highlight(highlighted)

    def highlight(self, index: int | None) -> None:
        """Highlight this entry (kept in view)."""
        self.highlighted = index
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
        elif index == self.hovered:
            style = base + self.get_visual_style("line-list--hover")
        key = (row, style)
        strip = self._strips.get(key)
        if strip is None:
            strip = line_strip(line, width, style, self._get_style)
            self._strips[key] = strip
        return strip

    def entry_at(self, event: events.MouseEvent) -> int | None:
        """The entry under the mouse, if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = offset.y + self.scroll_offset.y
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        index = self.entry_at(event)
        if index is not None:
            self.post_message(self.Clicked(self, index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.entry_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, index: int | None) -> None:
        if index != self.hovered:
            self.hovered = index
            self.refresh()


class PickList(LineList, can_focus=True):
    """A `LineList` that takes the focus: the arrow keys, `Home`/`End` and `PageUp`/`PageDown`
    move the highlight, as in an `OptionList`, and it is drawn focused as one is. What
    `Enter` and a click do is its owner's (`action_select`, `Clicked`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]

    def action_cursor(self, step: int) -> None:
        """Highlight the entry below (`1`) or above (`-1`), if there is one."""
        if self.entries:
            current = self.highlighted if self.highlighted is not None else -step
            self.highlight(min(max(current + step, 0), len(self.entries) - 1))

    def action_first(self) -> None:
        if self.entries:
            self.highlight(0)

    def action_last(self) -> None:
        if self.entries:
            self.highlight(len(self.entries) - 1)

    def action_page(self, direction: int) -> None:
        """Highlight the entry a view's height below (`1`) or above (`-1`)."""
        rows = [row for row, (index, _) in enumerate(self._rows) if index == self.highlighted]
        if not rows:
            self.action_cursor(direction)
            return
        height = max(self.scrollable_content_region.height, 1)
        target = min(max(rows[0] + direction * height, 0), len(self._rows) - 1)
        self.highlight(self._rows[target][0])
