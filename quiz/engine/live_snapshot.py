"""A live game written down and read back, so that `quiz host --resume` continues a game whose
host died: at the question where it stopped, with every score, answer and token intact.

The snapshot is JSON-ready (the store keeps it beside the game's answers after every change).
Questions are named by their bank file and id; a restored game finds them again in the banks
loaded from those files. A game restored during a question comes back paused, its time left
kept, so that students have time to reconnect before the teacher restarts the countdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.engine import live_messages as messages
from quiz.engine.live import LiveError, LiveGame, LiveObserver, new_token
from quiz.engine.live_join import name_key
from quiz.engine.live_questions import TallyRow
from quiz.engine.live_state import LiveAnswer, LivePlayer, QuestionResult
from quiz.engine.model import Bank
from quiz.engine.session import Asked

if TYPE_CHECKING:
    from quiz.engine.checking import Breakdown

SNAPSHOT_VERSION = 1

_PLAYER_FIELDS = (
    "name",
    "token",
    "first_question",
    "removed",
    "score",
    "streak",
    "right",
    "asked",
    "rank",
    "previous_rank",
)


def snapshot(game: LiveGame, now: float) -> dict[str, Any]:
    """Everything needed to continue `game` later (connections excepted: students reconnect)."""
    return {
        "version": SNAPSHOT_VERSION,
        "code": game.code,
        "seconds": game.seconds,
        "title": game.title,
        "address": list(game.address) if game.address is not None else None,
        "questions": [
            {
                "bank": str(asked.bank.path.resolve()),
                "id": asked.question.id,
                "choices": list(asked.choices),
            }
            for asked in game.asked
        ],
        "phase": game.phase,
        "index": game._index,
        "players": [{field: getattr(p, field) for field in _PLAYER_FIELDS} for p in game.players],
        "answers": [answer_data(answer) for answer in game._answers.values()],
        "present": sorted(game._present),
        "limit": game._limit,
        "seconds_left": game.seconds_left(now),
        "topics": game._topics,
        "results": [
            {
                "number": result.number,
                "took_part": result.took_part,
                "answered": result.answered,
                "right": result.right,
                "tally": [[row.label, row.count, row.correct] for row in result.tally],
            }
            for result in game.results
        ],
    }


def answer_data(answer: LiveAnswer) -> dict[str, Any]:
    """One answer of the open question, as a snapshot (or the store, as it arrives) keeps it."""
    return {
        "player": answer.player,
        "given": answer.given,
        "correct": answer.correct,
        "points": answer.points,
        "seconds": answer.seconds,
        "picked": list(answer.picked),
        "note": answer.note,
        "timed_out": answer.timed_out,
        "feedback": list(answer.feedback),
        "breakdown": messages.breakdown(answer.breakdown),
    }


def snapshot_banks(data: dict[str, Any]) -> list[Path]:
    """The bank files a snapshot's questions come from (to load before `restore`)."""
    return [Path(path) for path in dict.fromkeys(q["bank"] for q in data["questions"])]


def restore(
    data: dict[str, Any],
    banks: Sequence[Bank],
    *,
    make_token: Callable[[], str] = new_token,
    observers: Sequence[LiveObserver] = (),
    later_answers: Sequence[dict[str, Any]] = (),
) -> LiveGame:
    """The game a snapshot wrote down, its questions found in `banks`; every player is
    disconnected until their device rejoins. Raises LiveError when a question is gone or its
    choices changed.

    `later_answers` are answers to the open question kept (by `answer_data`) after the snapshot
    was taken: they count as given. (The store keeps each answer as it arrives, and the whole
    state only once a second or so.)"""
    if data.get("version") != SNAPSHOT_VERSION:
        raise LiveError("the saved live game was written by another version of quiz")
    by_path = {str(bank.path.resolve()): bank for bank in banks}
    asked = [_find(by_path, item) for item in data["questions"]]
    game = LiveGame(
        asked,
        code=data["code"],
        seconds=data["seconds"],
        title=data["title"],
        make_token=make_token,
        observers=observers,
    )
    address = data.get("address")  # absent from games saved before it was kept
    if (
        isinstance(address, list)
        and len(address) == 2
        and isinstance(address[0], str)
        and isinstance(address[1], int)
    ):
        game.address = (address[0], address[1])
    game.phase = data["phase"]
    game._index = data["index"]
    for fields in data["players"]:
        player = LivePlayer(**{field: fields[field] for field in _PLAYER_FIELDS})
        game.players.append(player)
        game._by_name[name_key(player.name)] = player
    current = game.current
    known = {name_key(item["player"]) for item in data["answers"]}
    later = [
        item
        for item in later_answers
        if game.phase == "question"
        and not item["timed_out"]
        and name_key(item["player"]) not in known
    ]
    for item in [*data["answers"], *later]:
        assert current is not None
        answer = LiveAnswer(
            item["player"],
            game.number,
            current,
            item["given"],
            item["correct"],
            item["points"],
            item["seconds"],
            tuple(item["picked"]),
            item["note"],
            item["timed_out"],
            tuple(item.get("feedback", ())),
            _breakdown(item.get("breakdown")),
        )
        game._answers[name_key(answer.player)] = answer
    game._present = set(data["present"]) | {name_key(item["player"]) for item in later}
    game._limit = data["limit"]
    if game.phase == "question":
        game._remaining = data["seconds_left"] or 0.0
    game._topics = {topic: list(counts) for topic, counts in data["topics"].items()}
    game.results = [
        QuestionResult(
            number=item["number"],
            asked=asked[item["number"] - 1],
            took_part=item["took_part"],
            answered=item["answered"],
            right=item["right"],
            tally=tuple(TallyRow(label, count, correct) for label, count, correct in item["tally"]),
        )
        for item in data["results"]
    ]
    return game


def _find(banks: dict[str, Bank], item: dict[str, Any]) -> Asked:
    bank = banks.get(item["bank"])
    if bank is None:
        raise LiveError(f"the bank {item['bank']} of the saved game is not loaded")
    question = next((q for q in bank.questions if q.id == item["id"]), None)
    if question is None:
        raise LiveError(f"the question {item['id']} is no longer in {item['bank']}")
    choices = tuple(item["choices"])
    if sorted(choices) != sorted(getattr(question, "choices", choices)):
        raise LiveError(f"the choices of {item['id']} changed since the game was saved")
    return Asked(bank, question, choices)


def _breakdown(data: dict[str, Any] | None) -> Breakdown | None:
    from quiz.engine.checking import AnswerRow, Breakdown

    if data is None:
        return None
    rows = tuple(
        AnswerRow(row["given"], row["right"], row["correct"], row["remark"]) for row in data["rows"]
    )
    return Breakdown((data["headings"][0], data["headings"][1]), rows)
