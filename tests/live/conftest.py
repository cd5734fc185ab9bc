"""A live game on the demo bank, and a scripted class that keeps every message it is sent."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_state import Outbound
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank

DEMO = Path(__file__).parent.parent / "data" / "demo.yaml"
CODE = "123456"


@pytest.fixture(scope="session")
def demo() -> Bank:
    return load_bank(DEMO)


class Room:
    """A game and the devices around it: sends each `Outbound` where the server would, and
    keeps every message each device got (and all of them, in order, in `log`)."""

    def __init__(self, game: LiveGame) -> None:
        self.game = game
        self.now = 1000.0
        self.inbox: dict[str, list[dict[str, Any]]] = {}
        self.closed: set[str] = set()
        self.log: list[tuple[str, dict[str, Any]]] = []

    def deliver(self, outbound: list[Outbound]) -> list[Outbound]:
        for out in outbound:
            targets = [out.to] if out.to is not None else self.game.connection_ids()
            for target in targets:
                self.inbox.setdefault(target, []).append(out.message)
                self.log.append((target, out.message))
            if out.close and out.to is not None:
                self.closed.add(out.to)
        return outbound

    def join(
        self,
        connection: str,
        name: str,
        *,
        code: str = CODE,
        token: str | None = None,
        address: str = "10.0.0.1",
    ) -> dict[str, Any]:
        """Join and return the first message the device got back (a welcome or an error)."""
        before = len(self.inbox.get(connection, []))
        self.deliver(self.game.join(connection, code, name, token, self.now, address))
        return self.inbox[connection][before]

    def answer(
        self, connection: str, response: object, number: int | None = None
    ) -> dict[str, Any]:
        before = len(self.inbox.get(connection, []))
        number = self.game.number if number is None else number
        self.deliver(self.game.answer(connection, number, response, self.now))
        return self.inbox[connection][before]

    def command(self, name: str, *args: object) -> list[Outbound]:
        return self.deliver(getattr(self.game, name)(*args, self.now))

    def leave(self, connection: str) -> None:
        self.deliver(self.game.disconnect(connection, self.now))

    def wait(self, seconds: float) -> None:
        self.now += seconds
        self.deliver(self.game.tick(self.now))

    def last(self, connection: str, kind: str | None = None) -> dict[str, Any]:
        messages = [m for m in self.inbox.get(connection, []) if kind is None or m["type"] == kind]
        assert messages, f"{connection} got no {kind or 'message'}"
        return messages[-1]

    def kinds(self, connection: str) -> list[str]:
        return [message["type"] for message in self.inbox.get(connection, [])]


@pytest.fixture
def room(demo: Bank) -> Callable[..., Room]:
    """A Room on the demo bank's questions in file order (seeded choices)."""

    def make(seconds: float | None = 20.0, order: tuple[str, ...] = (), **options: Any) -> Room:
        questions = list(demo.questions)
        if order:
            questions = [next(q for q in questions if q.id == wanted) for wanted in order]
        tokens = (f"token-{n}" for n in itertools.count(1))
        game = LiveGame(
            ask_all([(demo, q) for q in questions], seed=1),
            code=CODE,
            seconds=seconds,
            title="Demo",
            make_token=lambda: next(tokens),
            **options,
        )
        return Room(game)

    return make


def right_response(game: LiveGame) -> object:
    """The response that answers the open question right, as a device sends it (by the
    question's input: an index, a list of indices, every item's index in order, or text)."""
    asked = game.current
    assert asked is not None
    question = asked.question
    right = question.right_response()
    if question.input == "choice":
        return next(i for i, option in enumerate(asked.choices) if question.check(option).correct)
    if question.input == "multi":
        assert isinstance(right, frozenset)
        return [i for i, option in enumerate(asked.choices) if option in right]
    if question.input in ("order", "match"):  # every item's index in order; each item's partner's
        assert isinstance(right, tuple)
        return [asked.choices.index(item) for item in right]
    return str(right)


def wrong_response(game: LiveGame) -> object:
    """A response that answers the open question wrong."""
    asked = game.current
    assert asked is not None
    question = asked.question
    if question.input == "choice":
        return next(
            i for i, option in enumerate(asked.choices) if not question.check(option).correct
        )
    if question.input == "multi":
        right = question.right_response()
        assert isinstance(right, frozenset)
        return [next(i for i, option in enumerate(asked.choices) if option not in right)]
    if question.input == "order":
        return list(reversed(right_response(game)))  # type: ignore[call-overload]
    if question.input == "match":  # each item given the next item's partner
        right = right_response(game)
        assert isinstance(right, list)
        return [*right[1:], right[0]]
    return "123456"
