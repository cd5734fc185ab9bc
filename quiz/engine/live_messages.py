"""The messages a live game sends to students' devices, built in one place (see
docs/protocol.md): each function returns one JSON-ready message.

Nothing sent before a question's reveal tells its answer: `question` carries only what
`live_questions.question_part` gives, `locked` only the question's number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from quiz.engine.live_questions import TallyRow, answer_part, question_part
from quiz.engine.live_state import LiveAnswer, LivePlayer
from quiz.engine.session import Asked
from quiz.engine.source import Paragraph

if TYPE_CHECKING:
    from quiz.engine.checking import Breakdown

PROTOCOL_VERSION = 1
"""The protocol's version: a client sends it in `join`, the host in `welcome`."""

ErrorCode = Literal[
    "bad_message",
    "too_big",
    "version",
    "bad_code",
    "throttled",
    "bad_name",
    "name_taken",
    "name_removed",
    "full",
    "ended",
    "already_joined",
    "not_joined",
    "closed",
    "late",
    "already_answered",
    "bad_answer",
    "replaced",
]
"""The error codes of the protocol (docs/protocol.md says what each means)."""


def error(code: ErrorCode, text: str, **extra: Any) -> dict[str, Any]:
    """An `error`: a code for programs and a sentence for the student."""
    return {"type": "error", "code": code, "message": text, **extra}


def welcome(player: LivePlayer, title: str, total: int, players: int) -> dict[str, Any]:
    """Sent once a join is accepted: the name as the game keeps it, the token to rejoin, and
    the player's score and place among the class (for one who comes back mid-game)."""
    return {
        "type": "welcome",
        "protocol": PROTOCOL_VERSION,
        "name": player.name,
        "token": player.token,
        "title": title,
        "total": total,
        "score": player.score,
        "rank": player.rank,
        "players": players,
    }


def lobby(players: int) -> dict[str, Any]:
    """The lobby: how many players are in."""
    return {"type": "lobby", "players": players}


def question(
    asked: Asked, number: int, total: int, seconds: float, left: float, paused: bool
) -> dict[str, Any]:
    """A question as students see it: never its answer."""
    return {
        "type": "question",
        "number": number,
        "total": total,
        "topic": asked.question.topic,
        "difficulty": asked.question.difficulty,
        "prompt": asked.question.prompt,
        "seconds": round(seconds, 1),
        "seconds_left": round(left, 1),
        "paused": paused,
        **question_part(asked),
    }


def timer(number: int, left: float, paused: bool) -> dict[str, Any]:
    """The countdown changed (paused, resumed, time added)."""
    return {"type": "timer", "number": number, "seconds_left": round(left, 1), "paused": paused}


def locked(number: int) -> dict[str, Any]:
    """The student's answer is in; nothing about whether it is right."""
    return {"type": "locked", "number": number}


def wait(number: int) -> dict[str, Any]:
    """A late joiner: they take part from the next question."""
    return {"type": "wait", "number": number}


def reveal(
    asked: Asked,
    number: int,
    total: int,
    tally: Sequence[TallyRow],
    answered: int,
    took_part: int,
    passage: Sequence[Paragraph],
) -> dict[str, Any]:
    """The same for everyone: the right answer, how the class answered, the explanation and the
    passage of the source that proves it (each paragraph with its highlighted spans), and the
    source's title and publisher (null when the bank names no source)."""
    source = asked.bank.source
    return {
        "type": "reveal",
        "number": number,
        "total": total,
        **answer_part(asked),
        "explanation": asked.question.explanation,
        "passage": [
            {"text": paragraph.text, "highlights": [list(span) for span in paragraph.highlights]}
            for paragraph in passage
        ],
        "source": None
        if source is None
        else {"title": source.title, "publisher": source.publisher},
        "tally": [row.as_message() for row in tally],
        "answered": answered,
        "took_part": took_part,
    }


def result(
    player: LivePlayer, number: int, answer: LiveAnswer | None, players: int
) -> dict[str, Any]:
    """One student's own result at a reveal: right or wrong, points, score and place."""
    message: dict[str, Any] = {
        "type": "result",
        "number": number,
        "took_part": answer is not None,
        "answered": answer is not None and not answer.timed_out,
        "given": None,
        "correct": False,
        "points": 0,
        "note": None,
        "feedback": [],
        "breakdown": None,
        "score": player.score,
        "rank": player.rank,
        "moved": player.moved,
        "players": players,
    }
    if answer is not None and not answer.timed_out:
        message.update(
            given=answer.given,
            correct=answer.correct,
            points=answer.points,
            note=answer.note,
            feedback=list(answer.feedback),
            breakdown=breakdown(answer.breakdown),
        )
    return message


def breakdown(parts: Breakdown | None) -> dict[str, Any] | None:
    """An answer given in parts (an order), part by part: what the student gave beside what is
    right, with a remark on each wrong part."""
    if parts is None:
        return None
    return {
        "headings": list(parts.headings),
        "rows": [
            {"given": row.given, "right": row.right, "correct": row.correct, "remark": row.remark}
            for row in parts.rows
        ],
    }


def standing(player: LivePlayer) -> dict[str, Any]:
    """One line of a leaderboard or podium."""
    return {"name": player.name, "score": player.score, "rank": player.rank, "moved": player.moved}


def leaderboard(number: int, total: int, top: Sequence[LivePlayer], players: int) -> dict[str, Any]:
    """Between questions: the top of the leaderboard, who moved up."""
    return {
        "type": "leaderboard",
        "number": number,
        "total": total,
        "top": [standing(player) for player in top],
        "players": players,
    }


def end(player: LivePlayer, podium: Sequence[LivePlayer], players: int) -> dict[str, Any]:
    """The game is over: the podium and this student's own place."""
    return {
        "type": "end",
        "podium": [standing(other) for other in podium],
        "players": players,
        "you": {
            "rank": player.rank,
            "score": player.score,
            "right": player.right,
            "asked": player.asked,
        },
    }


def removed() -> dict[str, Any]:
    """The teacher removed this student from the game."""
    return {"type": "removed", "message": "The teacher removed you from the game."}
