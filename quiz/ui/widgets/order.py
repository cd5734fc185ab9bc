"""The list for `order` questions: put the items in order, then `Enter`.

Keyboard first: `↑`/`↓` (or `k`/`j`) move the highlight; `Shift+↑`/`Shift+↓` move the highlighted
item; `Space` picks it up, so that `↑`/`↓` carry it, and puts it down again. Or type the items'
numbers in their new order (`3142`: item 3 first, then 1, 4 and 2): the list takes that order
once every number is typed (`Backspace` takes one back). With the mouse: click an item to pick
it up, then click the place it goes.

Item text is bank data, so it is always shown literally (as `Content`, never parsed as markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.content import Content

from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.choices import DIGIT_KEYS, numbered
from quiz.ui.widgets.linelist import LineList, PickList

if TYPE_CHECKING:
    from quiz.engine.session import Asked

PICKED_UP = "  ⇅ picked up"
"""Beside the item being carried: in words, not in colour alone."""


class OrderList(AnswerInput, PickList):
    """The items in the player's current order, numbered; `Enter` submits that order. Drawn a
    line at a time (`PickList`), as the other answer lists are."""

    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("shift+up", "move(-1)", "Move", key_display="⇧↑↓"),
        Binding("shift+down", "move(1)", "Move", show=False),
        Binding("space", "pick_up", "Pick up"),
        Binding("space", "put_down", "Put down"),
        Binding("k", "cursor(-1)", show=False),
        Binding("j", "cursor(1)", show=False),
        Binding("backspace", "erase", show=False),
        *[Binding(key, f"type_number({key})", show=False) for key in DIGIT_KEYS],
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[str] = []
        """The items in the order the player has put them in so far."""
        self.picked_up: int | None = None
        """The place of the item being carried, if one is."""
        self.typed: list[int] = []
        """The numbers typed so far (from 1, as the items were numbered when typing began)."""

    def show(self, asked: Asked) -> None:
        """The question's items, as asked (shuffled), none picked up, nothing typed."""
        self.items = list(asked.choices)
        self.picked_up = None
        self.typed = []
        self._redraw(0)

    def _redraw(self, highlight: int) -> None:
        """Show the items in their current order, the highlight at `highlight` (and the keys
        that apply now in the footer)."""
        self.set_entries(
            [
                numbered(place, item).append(Content.styled(PICKED_UP, "bold"))
                if place == self.picked_up
                else numbered(place, item)
                for place, item in enumerate(self.items)
            ],
            highlight,
        )
        self._show_typed()
        self.refresh_bindings()

    def _show_typed(self) -> None:
        if self.typed:
            blanks = ["_"] * (len(self.items) - len(self.typed))
            numbers = " ".join([*map(str, self.typed), *blanks])
            self.border_subtitle = f"typed {numbers} · Backspace erases"
        else:
            self.border_subtitle = ""

    def _move_item(self, start: int, end: int) -> None:
        """Move the item at place `start` to place `end`, the others closing up."""
        item = self.items.pop(start)
        self.items.insert(end, item)
        if self.picked_up is not None:
            self.picked_up = end
        self._redraw(end)

    def action_move(self, step: int) -> None:
        """Move the highlighted item one place up (`-1`) or down (`1`)."""
        here = self.highlighted
        if here is None or not 0 <= here + step < len(self.items):
            self.app.bell()
            return
        self._move_item(here, here + step)

    def action_cursor(self, step: int) -> None:
        """Up (`-1`) or down (`1`): carry the picked-up item, or move the highlight."""
        if self.picked_up is not None:
            self.action_move(step)
        else:
            super().action_cursor(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`Space` picks up, or puts down when an item is carried (the footer says which)."""
        allowed = super().check_action(action, parameters)
        if not allowed:
            return allowed
        if action == "pick_up":
            return self.picked_up is None
        if action == "put_down":
            return self.picked_up is not None
        return allowed

    def action_pick_up(self) -> None:
        """Pick up the highlighted item: `↑`/`↓` then carry it."""
        if self.highlighted is not None:
            self.picked_up = self.highlighted
            self._redraw(self.highlighted)

    def action_put_down(self) -> None:
        """Put down the item carried, where it is."""
        self.picked_up = None
        self._redraw(self.highlighted or 0)

    @on(LineList.Clicked)
    def _clicked(self, event: LineList.Clicked) -> None:
        """A click: pick the clicked item up, or put the carried one down where clicked."""
        event.stop()
        here = event.index
        self.highlight(here)
        if self.picked_up is None:
            self.picked_up = here
            self._redraw(here)
        else:
            start, self.picked_up = self.picked_up, None
            self._move_item(start, here)

    def action_type_number(self, number: int) -> None:
        """One number of the new order; once all are typed, the list takes that order."""
        if number > len(self.items) or number in self.typed:
            self.app.bell()
            return
        self.typed.append(number)
        if len(self.typed) == len(self.items):
            self.items = [self.items[n - 1] for n in self.typed]
            self.typed = []
            self.picked_up = None
            self._redraw(0)
        else:
            self._show_typed()

    def press_number(self, index: int) -> None:
        self.action_type_number(index + 1)

    def action_erase(self) -> None:
        """Take back the last number typed."""
        if self.typed:
            self.typed.pop()
            self._show_typed()

    def action_submit(self) -> None:
        """Answer with the items in their current order (not while an order is half typed)."""
        if self.typed:
            self.notify(
                f"Type all {len(self.items)} numbers, or Backspace to erase them.",
                severity="warning",
            )
            return
        self.post_message(self.Answered(tuple(self.items)))
