"""The live apps' test bench: the real game and server, on a fake clock, with a fixed address,
code and names, and students who join and answer as the server would let them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.loader import load_bank
from quiz.engine.session import Asked
from quiz.live.server import LiveHost
from quiz.ui.live.host import HostApp
from tests.ui.helpers import FakeClock, demo_bank

BANKS = Path(__file__).parent.parent.parent / "banks"

CODE = "123456"
URL = "http://192.168.1.20:8765"
NAMES = ("Ann", "Bob", "Chen", "Dana", "Erik", "Farida", "Gulnara", "Hiro")
ORDER = ("trade-china-2024", "summit-countries", "independence-1991", "trade-russia", "khorgos")
"""The demo bank's questions, one of every type, in the order the tests ask them."""


def demo_asked() -> list[Asked]:
    """The demo bank's five questions in `ORDER`, their choices shuffled by a fixed seed."""
    bank = demo_bank()
    by_id = {question.id: question for question in bank.questions}
    return ask_all([(bank, by_id[id]) for id in ORDER], seed=1)


def order_asked() -> list[Asked]:
    """The order questions of tests/banks/new-types.yaml, their items shuffled by a fixed seed."""
    bank = load_bank(BANKS / "new-types.yaml")
    orders = [question for question in bank.questions if question.kind == "order"]
    return ask_all([(bank, question) for question in orders], seed=1)


def match_asked() -> list[Asked]:
    """A match of eight pairs and two distractors (ten partners, as many as a match shows)."""
    bank = load_bank(Path(__file__).parent / "banks" / "match-ten.yaml")
    return ask_all([(bank, question) for question in bank.questions], seed=1)


class ClockedHost(LiveHost):
    """The live server on the test's clock, showing a fixed address and game id (on loopback,
    a free port)."""

    def __init__(self, game: LiveGame, clock: FakeClock, recorder: Any = None) -> None:
        super().__init__(game, host="127.0.0.1", port=0, recorder=recorder)
        self.clock = clock

    def now(self) -> float:
        return self.clock()

    @property
    def url(self) -> str:
        return URL

    @property
    def game_id(self) -> int | None:
        return 17


class HostBench:
    """A host app on the real game, and the class around it."""

    def __init__(self, asked: list[Asked] | None = None, recorder: Any = None) -> None:
        self.clock = FakeClock()
        self.game = LiveGame(asked or demo_asked(), code=CODE, title="Demo bank for the tests")
        self.host = ClockedHost(self.game, self.clock, recorder)
        self.app = HostApp(self.host)

    def changed(self) -> None:
        """What the server does after a network event: tell the app."""
        assert self.host.on_change is not None
        self.host.on_change()

    def join(self, *names: str) -> None:
        for name in names:
            self.game.join(f"device-{name}", CODE, name, None, self.clock())
        self.changed()

    def leave(self, name: str) -> None:
        self.game.disconnect(f"device-{name}", self.clock())
        self.changed()

    def answer(self, name: str, response: object) -> None:
        """A student's answer as the protocol carries it (a choice's index, a list of them,
        true or false, or typed text)."""
        self.game.answer(f"device-{name}", self.game.number, response, self.clock())
        self.changed()

    def pick(self, name: str, *choices: str) -> None:
        """A student picks choices by their text (one for a choice question, a list for multi)."""
        asked = self.game.current
        assert asked is not None
        indices = [asked.choices.index(choice) for choice in choices]
        multi = asked.question.kind == "multi"
        self.answer(name, indices if multi else indices[0])

    def tick(self, now: float) -> None:
        """The clock reaches `now`; the game notices at its next tick (done here at once)."""
        self.clock.now = now
        self.game.tick(now)
        self.changed()

    def skip_to(self, number: int) -> None:
        """Play questions with nobody answering until question `number` is open."""
        while not (self.game.phase == "question" and self.game.number == number):
            now = self.clock()
            if self.game.phase == "lobby":
                self.game.start(now)
            elif self.game.phase == "question":
                self.game.close_question(now)
            else:
                self.game.advance(now)
        self.changed()


@pytest.fixture
def bench() -> HostBench:
    return HostBench()
