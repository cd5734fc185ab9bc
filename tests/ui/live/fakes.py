"""A stand-in for the live game and its server, shaped as live-core's `LiveGame` and `LiveHost`
(LIVE.md), for the host app's tests until the engine's game lands: students, answers and the
clock are set by the test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from quiz.engine.checking import Response, check
from quiz.engine.session import TIME_LIMITS, Asked, Session
from quiz.ui.live.state import Phase
from tests.ui.helpers import FakeClock, demo_bank

CODE = "123456"
URL = "http://192.168.1.20:8765"
NAMES = ("Ann", "Bob", "Chen", "Dana", "Erik", "Farida", "Gulnara", "Hiro")


@dataclass(eq=False)
class FakePlayer:
    name: str
    score: int = 0
    connected: bool = True
    removed: bool = False
    rank: int = 0
    previous_rank: int = 0

    @property
    def moved(self) -> int:
        return self.previous_rank - self.rank if self.previous_rank and self.rank else 0


@dataclass(frozen=True)
class FakeRow:
    label: str
    count: int
    correct: bool


@dataclass(frozen=True)
class FakeResult:
    number: int
    asked: Asked
    took_part: int
    answered: int
    right: int
    tally: tuple[FakeRow, ...]


@dataclass(frozen=True)
class FakeTopic:
    topic: str
    right: int
    asked: int


@dataclass(frozen=True)
class FakeSummary:
    podium: tuple[FakePlayer, ...]
    topics: tuple[FakeTopic, ...]
    hardest: tuple[FakeResult, ...]
    players: int
    questions: int


@dataclass
class FakeGame:
    asked: list[Asked]
    code: str = CODE
    phase: Phase = "lobby"
    number: int = 0
    players: list[FakePlayer] = field(default_factory=list)
    paused: bool = False
    answers: dict[str, Response] = field(default_factory=dict)
    deadline: float = 0.0
    remaining: float = 0.0
    results: list[FakeResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.asked)

    @property
    def current(self) -> Asked | None:
        return self.asked[self.number - 1] if self.number else None

    @property
    def active_players(self) -> list[FakePlayer]:
        return [p for p in self.players if not p.removed]

    @property
    def answered_count(self) -> int:
        return len(self.answers)

    @property
    def expected_count(self) -> int:
        return len({p.name for p in self.active_players if p.connected} | set(self.answers))

    def seconds_left(self, now: float) -> float | None:
        if self.phase != "question":
            return None
        return self.remaining if self.paused else max(0.0, self.deadline - now)

    def leaderboard(self, limit: int = 5) -> list[FakePlayer]:
        ranked = sorted(self.active_players, key=lambda p: (-p.score, p.name.casefold()))
        return [p for p in ranked if p.rank][:limit]

    def summary(self) -> FakeSummary:
        topics: dict[str, list[int]] = {}
        for result in self.results:
            tally = topics.setdefault(result.asked.question.topic, [0, 0])
            tally[0] += result.right
            tally[1] += result.took_part
        hardest = sorted(self.results, key=lambda r: (r.right / (r.took_part or 1), r.number))
        return FakeSummary(
            tuple(self.leaderboard(3)),
            tuple(FakeTopic(t, r, a) for t, (r, a) in topics.items()),
            tuple(hardest[:3]),
            len(self.active_players),
            len(self.results),
        )

    # what students do (the server would call join/answer)
    def join(self, name: str) -> FakePlayer:
        player = FakePlayer(name)
        self.players.append(player)
        return player

    def answer(self, name: str, response: Response) -> None:
        self.answers[name] = response

    # the teacher's commands
    def start(self, now: float) -> None:
        self._ask(1, now)

    def _ask(self, number: int, now: float) -> None:
        self.phase = "question"
        self.number = number
        self.answers = {}
        self.paused = False
        self.deadline = now + TIME_LIMITS[self.asked[number - 1].question.difficulty]

    def pause(self, now: float) -> None:
        self.remaining = max(0.0, self.deadline - now)
        self.paused = True

    def resume(self, now: float) -> None:
        self.deadline = now + self.remaining
        self.paused = False

    def add_time(self, seconds: float, now: float) -> None:
        if self.paused:
            self.remaining += seconds
        else:
            self.deadline += seconds

    def close_question(self, now: float) -> None:
        asked = self.current
        assert asked is not None
        verdicts = {name: check(asked.question, r) for name, r in self.answers.items()}
        for player in self.active_players:
            verdict = verdicts.get(player.name)
            if verdict is not None and verdict.correct:
                player.score += 200
        counts: Counter[str] = Counter()
        for response in self.answers.values():
            if isinstance(response, frozenset):
                counts.update(response)
            elif isinstance(response, bool):
                counts["True" if response else "False"] += 1
            else:
                counts[response] += 1
        if asked.choices:
            right = {
                c for c in asked.choices if check(asked.question, self._as_response(c)).correct
            }
            if asked.question.kind == "multi":
                right = set(getattr(asked.question, "answer", []))
            rows = tuple(FakeRow(c, counts[c], c in right) for c in asked.choices)
        else:
            rows = tuple(
                FakeRow(text, n, check(asked.question, text).correct)
                for text, n in counts.most_common(5)
            )
        right_count = sum(v.correct for v in verdicts.values())
        took_part = self.expected_count
        self.results.append(
            FakeResult(self.number, asked, took_part, len(self.answers), right_count, rows)
        )
        ranked = sorted(self.active_players, key=lambda p: (-p.score, p.name.casefold()))
        for place, player in enumerate(ranked, start=1):
            player.previous_rank, player.rank = player.rank, place
        self.phase = "reveal"

    @staticmethod
    def _as_response(choice: str) -> Response:
        return {"True": True, "False": False}.get(choice, choice)

    def tick(self, now: float) -> None:
        everyone = self.answers and self.answered_count >= self.expected_count
        if self.phase == "question" and ((not self.paused and now >= self.deadline) or everyone):
            self.close_question(now)

    def advance(self, now: float) -> None:
        if self.phase == "reveal":
            self.phase = "ended" if self.number >= self.total else "leaderboard"
        elif self.phase == "leaderboard":
            self._ask(self.number + 1, now)

    def remove(self, name: str, now: float) -> None:
        for player in self.players:
            if player.name == name:
                player.removed = True

    def end(self, now: float) -> None:
        if self.phase == "question":
            self.close_question(now)
        self.phase = "ended"


class FakeHost:
    """The server's part the app sees: the game, its address, commands, and `on_change`."""

    def __init__(self, game: FakeGame, clock: FakeClock, on_change: Callable[[], None]) -> None:
        self.game = game
        self.clock = clock
        self.on_change = on_change
        self.url = URL
        self.game_id: int | None = 17
        self.commands: list[tuple[str, tuple[object, ...]]] = []
        self.started = False
        self.stopped = False

    async def start(self) -> None:
        self.started = True

    async def stop(self) -> None:
        self.stopped = True

    def command(self, name: str, *args: object) -> None:
        self.commands.append((name, args))
        getattr(self.game, name)(*args, now=self.clock())

    def tick(self) -> None:
        """What the server does every 0.2 s: the clock moves the game on, the app hears it."""
        self.game.tick(self.clock())
        self.on_change()

    def changed(self) -> None:
        """A join or an answer arrived."""
        self.on_change()


def demo_asked(seed: int = 1) -> list[Asked]:
    """The demo bank's five questions, one of every type, in a fixed order and shuffle."""
    bank = demo_bank()
    order = ["trade-china-2024", "summit-countries", "independence-1991", "trade-russia", "khorgos"]
    by_id = {q.id: q for q in bank.questions}
    return Session([(bank, by_id[i]) for i in order], seed=seed).asked
