"""The two lists of a `match` question: the items, numbered, beside the partners, lettered.

Keyboard first: a number picks an item, a letter gives it that partner and moves on to the next
item without one; so typing `1b 2a 3c` answers. `↑`/`↓` pick the item above or below,
`Backspace` undoes the picked item's match, `Enter` submits once every item has a partner. With
the mouse: click an item, then its partner. A partner may be given to several items.

Item text is bank data, so it is always shown literally (as `Content`, never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content

from quiz.engine.question_types.match import MatchQuestion
from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.choices import DIGIT_KEYS, numbered
from quiz.ui.widgets.containers import BlankRow
from quiz.ui.widgets.linelist import LineList

if TYPE_CHECKING:
    from quiz.engine.session import Asked

LETTERS = "abcdefghij"
"""The partners' keys, in the order they are shown."""


def lettered(index: int, text: str) -> Content:
    """`b. text`, with the letter styled and the text literal."""
    return Content.assemble((f"{LETTERS[index]}. ", "bold"), text)


class MatchGrid(AnswerInput, BlankRow, can_focus=True):
    """The items on the left, the partners on the right; the grid has the focus and the keys,
    the lists show the state (the picked item, and its partner, highlighted)."""

    SCOPED_CSS = False  # for the rule of short screens (`SCREEN_HEIGHTS`), which starts there
    DEFAULT_CSS = """
    Screen.-short MatchGrid > LineList, Screen.-short MatchGrid:focus > LineList {
        border: none;  /* at 60×20, ten partners show only without the lists' borders */
    }
    MatchGrid {
        height: auto;
        max-height: 100%;
        & > #match-items {
            width: 2fr;  /* items are usually names, partners often longer */
        }
        & > #match-partners {
            width: 3fr;
            margin-left: 1;
        }
    }
    """

    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("1", "item(0)", "Item", key_display="1–8"),
        *[Binding(key, f"item({int(key) - 1})", show=False) for key in DIGIT_KEYS[1:]],
        Binding("a", "partner(0)", "Its partner", key_display="a–j"),
        *[Binding(key, f"partner({i})", show=False) for i, key in enumerate(LETTERS) if i],
        Binding("backspace", "unmatch", "Undo", key_display="⌫"),
        Binding("delete", "unmatch", show=False),
        Binding("up", "step(-1)", show=False),
        Binding("down", "step(1)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[str] = []
        """The left-hand items, in the bank's order."""
        self.partners: tuple[str, ...] = ()
        """The right-hand items, as asked (shuffled)."""
        self.matched: list[int | None] = []
        """Each item's partner so far (its place among `partners`), or None."""
        self.picked = 0
        """The item the next letter is for."""

    def compose(self) -> ComposeResult:
        items = LineList(id="match-items")  # neither takes the focus: the grid has the keys
        partners = LineList(id="match-partners")
        items.border_title, partners.border_title = "Items", "Partners"
        yield items
        yield partners

    def show(self, asked: Asked) -> None:
        """The question's items and its partners as asked, nothing matched."""
        assert isinstance(asked.question, MatchQuestion)  # the one type answered with this grid
        self.set_pairs(asked.question.lefts, asked.choices)

    def set_pairs(self, items: Sequence[str], partners: Sequence[str]) -> None:
        """These items to match to these partners (as shown), nothing matched, the first item
        picked (the live game's student app gives them from the host's message)."""
        self.items = list(items)
        self.partners = tuple(partners)
        self.matched = [None] * len(self.items)
        self.picked = 0
        self._redraw()

    def _redraw(self) -> None:
        """Show the matches so far, the picked item and its partner highlighted."""
        users: dict[int, list[str]] = {}
        for item, partner in enumerate(self.matched):
            if partner is not None:
                users.setdefault(partner, []).append(str(item + 1))
        self.query_one("#match-items", LineList).set_entries(
            [self._item_line(i) for i in range(len(self.items))], self.picked
        )
        self.query_one("#match-partners", LineList).set_entries(
            [
                lettered(p, text).append(Content.styled(f" ← {', '.join(users[p])}", "dim"))
                if p in users
                else lettered(p, text)
                for p, text in enumerate(self.partners)
            ],
            self.matched[self.picked] if self.items else None,
        )

    def _item_line(self, item: int) -> Content:
        """`1. Kazakhstan → b` (its partner's letter: the partners' list says `b. uranium ← 1`),
        or `→ ?` while it has none."""
        partner = self.matched[item]
        if partner is None:
            return numbered(item, self.items[item]).append(Content.styled(" → ?", "dim"))
        return numbered(item, self.items[item]).append(
            Content.assemble(" → ", (LETTERS[partner], "bold"))
        )

    def action_item(self, item: int) -> None:
        """Pick an item by its number: the next letter gives it its partner."""
        if item >= len(self.items):
            self.app.bell()
            return
        self.picked = item
        self._redraw()

    def press_number(self, index: int) -> None:
        self.action_item(index)

    def action_step(self, step: int) -> None:
        """Pick the item above (`-1`) or below (`1`)."""
        self.picked = min(max(self.picked + step, 0), max(len(self.items) - 1, 0))
        self._redraw()

    def action_partner(self, partner: int) -> None:
        """Give the picked item this partner, then pick the next item without one."""
        if partner >= len(self.partners) or not self.items:
            self.app.bell()
            return
        self.matched[self.picked] = partner
        count = len(self.items)
        following = [(self.picked + step) % count for step in range(1, count + 1)]
        self.picked = next((i for i in following if self.matched[i] is None), self.picked)
        self._redraw()

    def action_unmatch(self) -> None:
        """Undo the picked item's match."""
        if self.items:
            self.matched[self.picked] = None
            self._redraw()

    def action_submit(self) -> None:
        """Answer, once every item has a partner."""
        missing = [str(i + 1) for i, partner in enumerate(self.matched) if partner is None]
        if missing:
            self.notify(
                f"Give every item a partner first (still: {', '.join(missing)}).",
                severity="warning",
            )
            return
        self.post_message(
            self.Answered(tuple(self.partners[p] for p in self.matched if p is not None))
        )

    @on(LineList.Clicked, "#match-items")
    def _item_clicked(self, event: LineList.Clicked) -> None:
        event.stop()
        self.focus()
        self.action_item(event.index)

    @on(LineList.Clicked, "#match-partners")
    def _partner_clicked(self, event: LineList.Clicked) -> None:
        event.stop()
        self.focus()
        self.action_partner(event.index)
