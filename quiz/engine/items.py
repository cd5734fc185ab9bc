"""Item analysis: how each question of a bank worked with the class that played it.

For every question: how many players answered it, its facility (the share who got it right),
its discrimination (how much better the class's stronger players did on it than the weaker
ones), and how often each choice was picked; flagged when a wrong choice was never picked or
when the stronger players did worse than the weaker ones.

The method, as the teachers' guide states it:

- each player counts once per question, with their **first** answer to it (later answers come
  after the feedback has taught it); answers to an earlier version of a question (its choices,
  answer or spellings since changed) are left out;
- a player's **strength**, for a question, is their share of right first answers to the bank's
  *other* questions (so the question does not count towards judging itself);
- **discrimination** is the upper–lower index (Kelley's 27% groups): the share right among the
  strongest 27% of the players who answered it, minus the share right among the weakest 27%
  (−1 to 1; each group 27% of them rounded to the nearest whole player, halves up, at least
  one; players tied at the edge of a group share its last places). It is left blank when
  fewer than `MIN_PLAYERS` players answered the question and others.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, assert_never

from quiz.engine.checking import normalise_text
from quiz.engine.live import MISSED
from quiz.engine.model import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.question_types.order import OrderQuestion
from quiz.engine.session import TIMED_OUT
from quiz.engine.store import Store, question_hash, timestamp

GROUP_PERCENT = 27
"""Each of the upper and lower groups holds this share of the players, in percent (Kelley's
27%; see `group_size` for the rounding)."""
MIN_PLAYERS = 5
"""Fewer players than this who answered a question (and others): no discrimination, no flags."""
ITEM_COLUMNS = (
    "bank",
    "question_id",
    "type",
    "answered",
    "right",
    "unanswered",
    "facility",
    "discrimination",
    "picks",
    "flags",
)
UNANSWERED = frozenset((TIMED_OUT, MISSED))
"""What the store keeps when a player gave no answer (a game's countdown, a live game's): the
question counts as answered and wrong, and in `unanswered`, never as a pick."""
NEVER_PICKED = "never picked: {choices}"
STRONGER_DO_WORSE = "stronger players do worse"


@dataclass
class _Item:
    """One question's first answers: each player's answer text and whether it was right."""

    bank: str
    question_id: str
    answers: dict[str, tuple[str, bool]] = field(default_factory=dict)


def _options(question: AnyQuestion | None) -> tuple[list[str], set[str], bool] | None:
    """The choices a player picks among, the right ones, and whether several are picked at
    once, for questions answered by picking; None for answers typed or arranged (counted as
    given)."""
    match question:
        case ChoiceQuestion():
            return list(question.choices), {question.answer}, False
        case MultiQuestion():
            return list(question.choices), set(question.answer), True
        case TrueFalseQuestion():
            return ["True", "False"], {"True" if question.answer else "False"}, False
        case NumberQuestion() | TextQuestion() | OrderQuestion() | MatchQuestion() | None:
            return None
        case _:
            assert_never(question)


def _picked(given: str, options: Sequence[str], multi: bool) -> list[str]:
    """The choices an answer picked: the choice itself, or for a multi question the choices it
    lists (the game writes them in the bank's order, joined by ', ')."""
    if not multi:
        return [given] if given in options else []
    picked, rest = [], given
    for option in options:
        if rest == option or rest.startswith(option + ", "):
            picked.append(option)
            rest = rest[len(option) + 2 :]
    return picked


def first_answers(
    store: Store,
    bank: str | None,
    current: Mapping[tuple[str, str], AnyQuestion],
    since: datetime | None = None,
    game: int | None = None,
) -> list[_Item]:
    """Each player's first answer to each question (of one bank, or all; answered since
    `since`, or ever; in one live class game, or any), as recorded under the question's current
    version when the bank is known."""
    clauses: list[str] = []
    parameters: list[Any] = []
    if game is not None:
        clauses.append("g.live_game_id = ?")
        parameters.append(game)
    if bank:
        clauses.append("a.bank = ?")
        parameters.append(bank)
    if since:
        clauses.append("a.answered_at >= ?")
        parameters.append(timestamp(since))
    condition = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.query(
        "SELECT bank, question_id, question_hash, player, answer, correct FROM ("
        " SELECT a.bank, a.question_id, a.question_hash, g.player_id AS player, a.answer,"
        " a.correct, a.answered_at, a.id, ROW_NUMBER() OVER (PARTITION BY g.player_id, a.bank,"
        " a.question_id, a.question_hash ORDER BY a.answered_at, a.id) AS attempt"
        f" FROM answers a JOIN games g ON g.id = a.game_id {condition}"
        ") WHERE attempt = 1 ORDER BY answered_at, id",
        parameters,
    )
    hashes = {key: question_hash(question) for key, question in current.items()}
    items: dict[tuple[str, str], _Item] = {}
    for row in rows:
        key = (row["bank"], row["question_id"])
        if key in hashes and row["question_hash"] != hashes[key]:
            continue  # an answer to an earlier version of the question
        item = items.setdefault(key, _Item(*key))
        # Rows come oldest first: of several versions (the bank unknown), the first one counts.
        item.answers.setdefault(str(row["player"]), (row["answer"], bool(row["correct"])))
    return list(items.values())


def _group_share(ranked: Sequence[tuple[float, bool]], size: float) -> float:
    """The share right among the first `size` players of `ranked` (strongest or weakest
    first); players tied with the last place share the places left equally."""
    taken, right, index = 0.0, 0.0, 0
    while taken < size and index < len(ranked):
        strength = ranked[index][0]
        tied = [correct for value, correct in ranked[index:] if value == strength]
        places = min(float(len(tied)), size - taken)
        right += places * sum(tied) / len(tied)
        taken += places
        index += len(tied)
    return right / size


def group_size(players: int) -> int:
    """How many players each of the upper and lower groups holds: 27% of `players`, rounded to
    the nearest whole number, halves up (13.5 → 14), and at least 1. Worked in whole numbers:
    `round` would take halves to the even number, and 0.27 × 50 is not exactly 13.5 in floats."""
    return max(1, (GROUP_PERCENT * players + 50) // 100)


def discrimination(strength_and_right: Sequence[tuple[float, bool]]) -> float | None:
    """The upper–lower index of one question from each player's (strength, right?)."""
    if len(strength_and_right) < MIN_PLAYERS:
        return None
    size = float(group_size(len(strength_and_right)))
    ranked = sorted(strength_and_right, key=lambda pair: pair[0])
    upper = _group_share(ranked[::-1], size)
    lower = _group_share(ranked, size)
    return upper - lower


def item_analysis(
    store: Store,
    banks: Sequence[Bank],
    bank: str | None = None,
    since: datetime | None = None,
    game: int | None = None,
) -> list[dict[str, Any]]:
    """One row per question answered (of `bank`, or of every bank; since `since`, or ever; in
    one live class game, or any), with ITEM_COLUMNS: in each bank's question order, then
    questions no longer in a known bank by id."""
    known = {(b.name, q.id): q for b in banks if bank in (None, b.name) for q in b.questions}
    order = {key: place for place, key in enumerate(known)}
    items = first_answers(store, bank, known, since, game)
    totals: dict[tuple[str, str], Counter[bool]] = defaultdict(Counter)  # (bank, player)
    for item in items:
        for player, (_, correct) in item.answers.items():
            totals[item.bank, player][correct] += 1
    rows = [_row(item, known.get((item.bank, item.question_id)), totals) for item in items]
    rows.sort(
        key=lambda row: (
            row["bank"],
            order.get((row["bank"], row["question_id"]), math.inf),
            row["question_id"],
        )
    )
    return rows


def _row(
    item: _Item,
    question: AnyQuestion | None,
    totals: Mapping[tuple[str, str], Counter[bool]],
) -> dict[str, Any]:
    answered = len(item.answers)
    right = sum(correct for _, correct in item.answers.values())
    pairs = []
    for player, (_, correct) in item.answers.items():
        others = totals[item.bank, player].copy()
        others[correct] -= 1
        if others.total():
            pairs.append((others[True] / others.total(), correct))
    index = discrimination(pairs)
    lists = _options(question)
    given_answers = [given for given, _ in item.answers.values() if given not in UNANSWERED]
    flags = []
    if lists is not None:
        options, right_options, multi = lists
        picks = Counter({option: 0 for option in options})
        for given in given_answers:
            picks.update(_picked(given, options, multi))
        unpicked = [o for o in options if not picks[o] and o not in right_options]
        if unpicked and answered >= MIN_PLAYERS:
            flags.append(NEVER_PICKED.format(choices=", ".join(unpicked)))
    else:  # typed answers: the same answer typed differently counts once, as first typed
        spelt: dict[str, str] = {}
        for given in given_answers:
            spelt.setdefault(normalise_text(given) or given, given)
        picks = Counter(spelt[normalise_text(given) or given] for given in given_answers)
    if index is not None and index < 0:
        flags.append(STRONGER_DO_WORSE)
    return {
        "bank": item.bank,
        "question_id": item.question_id,
        "type": question.kind if question is not None else "unknown",
        "answered": answered,
        "right": right,
        "unanswered": answered - len(given_answers),
        "facility": round(right / answered, 3),
        "discrimination": None if index is None else round(index, 3),
        "picks": dict(picks) if lists is not None else dict(picks.most_common()),
        "flags": flags,
    }


def flat(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows for a table or CSV: flags joined by '; ', a blank for no discrimination (picks
    stay a mapping, which the report writers show as `choice ×count`)."""
    return [
        {
            **row,
            "discrimination": "" if row["discrimination"] is None else row["discrimination"],
            "flags": "; ".join(row["flags"]),
        }
        for row in rows
    ]
