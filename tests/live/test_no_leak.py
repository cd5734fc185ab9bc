"""The right answer never leaves the host before the reveal: a whole game with every question
type, late joiners, rejoins, pauses and refused answers, and every message sent is read."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.live.conftest import Room, right_response, wrong_response

BEFORE_REVEAL = {"welcome", "lobby", "question", "timer", "locked", "wait", "error"}
AFTER_REVEAL = {"reveal", "result", "leaderboard", "end", "removed"}
QUESTION_KEYS = {
    "type",
    "number",
    "total",
    "topic",
    "difficulty",
    "prompt",
    "seconds",
    "seconds_left",
    "paused",
    "kind",
    "input",
}
PER_KIND = {
    "choice": {"choices"},
    "multi": {"choices"},
    "truefalse": {"choices"},
    "number": {"unit"},
    "text": {"unit"},
}


def keys(value: Any) -> set[str]:
    """Every key in a JSON value, at any depth."""
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in keys(item)}
    return set()


def play_everything(room: Callable[..., Room]) -> Room:
    class_ = room(seconds=30.0)
    token = class_.join("a", "Ann")["token"]
    class_.join("b", "Bo")
    class_.join("x", "Bo", code="999999")  # refused: an error
    class_.command("start")
    for number in range(1, class_.game.total + 1):
        class_.join(f"late{number}", f"Late {number}")  # late joiners: wait, then play
        class_.answer("a", wrong_response(class_.game))
        class_.answer("a", right_response(class_.game))  # refused: already answered
        class_.answer("b", "garbage" if number % 2 else 99)  # refused: not an answer (or fine)
        class_.command("pause")
        class_.command("add_time", 5)
        class_.command("resume")
        class_.leave("a")
        class_.join(f"a{number}", "Ann", token=token)  # back: the question again, locked
        class_.wait(40)  # time out
        assert class_.game.phase == "reveal"
        class_.command("advance")
        class_.command("advance")
    return class_


def test_no_message_tells_the_answer_before_the_reveal(room: Callable[..., Room]) -> None:
    class_ = play_everything(room)
    assert class_.game.phase == "ended"
    secrets = []
    for asked in class_.game.asked:
        question = asked.question
        secrets += [question.explanation, question.context]
        if question.kind in ("number", "text"):
            secrets.append(question.answer_text())
            secrets += getattr(question, "accept", [])
    seen_kinds = set()
    for _connection, message in class_.log:
        kind = message["type"]
        seen_kinds.add(kind)
        assert kind in BEFORE_REVEAL | AFTER_REVEAL, kind
        if kind not in BEFORE_REVEAL:
            continue
        text = json.dumps(message, ensure_ascii=False)
        for secret in secrets:
            assert secret not in text, (secret, message)
        assert not keys(message) & {"answer", "right", "correct", "explanation", "passage"}
        if kind == "question":
            assert set(message) == QUESTION_KEYS | PER_KIND[message["kind"]], message
    assert seen_kinds >= BEFORE_REVEAL | {"reveal", "result", "leaderboard", "end"}


def test_reveal_comes_only_after_the_question_closes(room: Callable[..., Room]) -> None:
    class_ = play_everything(room)
    open_question = 0
    for _connection, message in class_.log:
        if message["type"] == "question":
            open_question = message["number"]
        if message["type"] in ("reveal", "result"):
            assert message["number"] == open_question
