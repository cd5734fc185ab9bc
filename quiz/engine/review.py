"""Spaced repetition on top of the store, with the `fsrs` scheduler (the one Anki uses).

Every question a player answers gets an FSRS card: a wrong answer is rated Again (it comes back
within minutes), a right one with the hint Hard, a right one Good (it comes back later, and
later still each time). Cards are keyed by player, bank and question id, and carry the
question's fingerprint: when a teacher changes the answer or the choices, the old card no longer
applies and the question starts afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from quiz.engine.model import AnyQuestion, Bank
from quiz.engine.store import Store, timestamp

if TYPE_CHECKING:
    from fsrs import Rating, Scheduler


class ReviewRow(NamedTuple):
    """A player's spaced-repetition card for one question, as the `reviews` table keeps it."""

    player_id: int
    bank: str
    question_id: str
    question_hash: str
    card: str
    """The fsrs card, as its JSON."""
    due: str
    """When the card is next due (`timestamp`)."""


@cache
def _scheduler() -> Scheduler:
    """FSRS with its published defaults, without random fuzz (so tests and replays agree)."""
    from fsrs import Scheduler  # loaded on the first answer, not at start-up

    return Scheduler(enable_fuzzing=False)


def rating(correct: bool, hint_used: bool) -> Rating:
    """How an answer rates a card: wrong Again, right with a hint Hard, right Good."""
    from fsrs import Rating

    if not correct:
        return Rating.Again
    return Rating.Hard if hint_used else Rating.Good


def next_review(
    store: Store,
    player: str,
    bank: str,
    question: AnyQuestion,
    correct: bool,
    hint_used: bool,
    when: datetime,
) -> tuple[ReviewRow, datetime]:
    """The player's card for this question after this answer, as the row to write (with the
    answer, by `Store.record_answer`), and when the card is next due."""
    player_id = store.player_id(player)
    fingerprint = question.fingerprint()
    rows = store.query(
        "SELECT card, question_hash FROM reviews WHERE player_id = ? AND bank = ? AND question_id = ?",
        (player_id, bank, question.id),
    )
    from fsrs import Card

    same = bool(rows) and rows[0]["question_hash"] == fingerprint
    # A new card is given its id (fsrs's own, the time in milliseconds, is made unique by
    # sleeping a millisecond in the constructor: in the player's key press). Cards are found
    # by player, bank and question here; the id is never read.
    card = Card.from_json(rows[0]["card"]) if same else Card(card_id=int(when.timestamp() * 1000))
    card, _ = _scheduler().review_card(card, rating(correct, hint_used), when)
    row = ReviewRow(player_id, bank, question.id, fingerprint, card.to_json(), timestamp(card.due))
    due: datetime = card.due
    return row, due


def record_review(
    store: Store,
    player: str,
    bank: str,
    question: AnyQuestion,
    correct: bool,
    hint_used: bool,
    when: datetime,
) -> datetime:
    """Update the player's card for this question on its own; return when it is next due."""
    row, due = next_review(store, player, bank, question, correct, hint_used, when)
    store.save_review(row)
    return due


def prepare_scheduler() -> None:
    """Import fsrs and build its scheduler now rather than on the first answer."""
    _scheduler()


@dataclass(frozen=True, eq=False)  # a result, compared by identity
class ReviewPlan:
    """The questions due for a player, most overdue first, and when the next one falls due."""

    due: list[tuple[Bank, AnyQuestion]]
    next_due: datetime | None
    met: int


def plan_review(store: Store, player: str, banks: Sequence[Bank], now: datetime) -> ReviewPlan:
    """What a review game for `player` asks now, from the questions they have met.

    Cards whose question changed (another fingerprint) or vanished are left out.
    """
    by_key = {(bank.name, q.id): (bank, q) for bank in banks for q in bank.questions}
    rows = store.query(
        "SELECT r.bank, r.question_id, r.question_hash, r.due FROM reviews r"
        " JOIN players p ON p.id = r.player_id WHERE p.name = ? ORDER BY r.due, r.question_id",
        (player,),
    )
    due: list[tuple[Bank, AnyQuestion]] = []
    upcoming: list[str] = []
    met = 0
    now_text = timestamp(now)
    for row in rows:
        found = by_key.get((row["bank"], row["question_id"]))
        if found is None or found[1].fingerprint() != row["question_hash"]:
            continue
        met += 1
        if row["due"] <= now_text:
            due.append(found)
        else:
            upcoming.append(row["due"])
    next_due = datetime.fromisoformat(min(upcoming).replace("Z", "+00:00")) if upcoming else None
    return ReviewPlan(due, next_due, met)


def describe_wait(plan: ReviewPlan, now: datetime) -> str:
    """What to tell a player with nothing due: when the next review is, or how to start."""
    if plan.next_due is None:
        return (
            "Nothing to review yet: play a game first, and the questions you meet come back here."
        )
    seconds = max(0, int((plan.next_due - now).total_seconds()))
    if seconds < 3600:
        wait = f"{max(1, seconds // 60)} minute(s)"
    elif seconds < 2 * 86400:
        wait = f"{seconds // 3600} hour(s)"
    else:
        wait = f"{seconds // 86400} day(s)"
    when = plan.next_due.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"Nothing is due for review now; the next question is due in {wait} ({when})."
