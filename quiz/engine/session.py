"""One game: which questions, in which order, whose turn, the answers so far and what comes next.

The UI shows `session.current`, calls `shown()` when the question is on screen, and sends the
player's answer to `answer()`; the returned `Outcome` is everything the feedback panel needs.
Time comes from an injected clock, so tests (and snapshots) are deterministic.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, Protocol

from quiz.engine.model import AnyQuestion, Bank
from quiz.engine.players import player_problem
from quiz.engine.question_types.base import Response
from quiz.engine.scoring import Points, accuracy, score_answer
from quiz.engine.source import Paragraph, SourceText

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict

# Checking (quiz.engine.checking) is imported on the first answer, or while the player reads
# the first question (`prepare`): a game shows its first question without it (5.5 ms).

Mode = Literal["practice", "timed", "review"]
MODES: tuple[str, ...] = ("practice", "timed", "review")
TIME_LIMITS: dict[str, float] = {"easy": 20.0, "medium": 30.0, "hard": 45.0}
"""Seconds per question in timed mode, by difficulty."""
TIMED_OUT = "(no answer in time)"
"""What the store keeps as the answer when the countdown ran out (item analysis leaves it out
of the picks)."""


@dataclass(frozen=True, eq=False)  # compared by identity: one per question asked
class Asked:
    """A question as this game asks it: its bank, and what the player picks from (its choices,
    its items to order, its right-hand items to match) in this game's order."""

    bank: Bank
    question: AnyQuestion
    choices: tuple[str, ...] = ()

    def passage(self) -> list[Paragraph]:
        """The evidence: the source paragraph(s) holding the context, the context highlighted."""
        source: SourceText | None = self.bank.source_text
        if source is None:
            text = self.question.context
            return [Paragraph(text, ((0, len(text)),))]
        return source.passage(self.question.context)


@dataclass(frozen=True, eq=False)  # compared by identity: one per answer
class Outcome:
    """What happened when a player answered: right or wrong, the points, and the teaching."""

    asked: Asked
    player: str
    verdict: Verdict
    points: Points
    hint_used: bool
    seconds: float
    timed_out: bool = False

    @property
    def correct(self) -> bool:
        """Whether the answer counted."""
        return self.verdict.correct

    @property
    def right_answer(self) -> str:
        """The right answer, written out."""
        return self.asked.question.answer_text()

    @property
    def feedback(self) -> list[str]:
        """The bank's words on each wrong choice the player picked."""
        return list(self.verdict.feedback)


@dataclass(eq=False)  # running state, compared by identity
class TopicTally:
    """Right answers out of questions asked, for one topic."""

    right: int = 0
    asked: int = 0


@dataclass(eq=False)  # running state, compared by identity
class PlayerScore:
    """One player's game so far."""

    name: str
    score: int = 0
    streak: int = 0
    best_streak: int = 0
    right: int = 0
    asked: int = 0
    seconds: float = 0.0
    topics: dict[str, TopicTally] = field(default_factory=dict)
    missed: list[Asked] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Right answers out of questions asked, 0 to 1."""
        return accuracy(self.right, self.asked)

    def record(self, outcome: Outcome) -> None:
        """Count an answer in this player's totals."""
        self.asked += 1
        self.seconds += outcome.seconds
        self.score += outcome.points.total
        tally = self.topics.setdefault(outcome.asked.question.topic, TopicTally())
        tally.asked += 1
        if outcome.correct:
            self.right += 1
            tally.right += 1
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
        else:
            self.streak = 0
            self.missed.append(outcome.asked)


class SessionObserver(Protocol):
    """Something that follows a game: the store's recorder, say."""

    def started(self, session: Session) -> None:
        """The game was set up."""

    def answered(self, session: Session, outcome: Outcome) -> None:
        """A player answered (or ran out of time)."""

    def finished(self, session: Session) -> None:
        """The last question was answered and the game moved past it."""


class SessionError(Exception):
    """A game cannot be set up as asked (no questions match, a count below 1, ...)."""


class Session:
    """A game in progress, for one player or several taking turns (hot seat)."""

    def __init__(
        self,
        items: Sequence[tuple[Bank, AnyQuestion]],
        *,
        players: Sequence[str] = ("Player",),
        mode: Mode = "practice",
        seed: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        observers: Sequence[SessionObserver] = (),
    ) -> None:
        if not items:
            raise SessionError("a game needs at least one question")
        problem = player_problem(players)  # none, too many, or one name twice
        if problem is not None:
            raise SessionError(problem)
        rng = random.Random(seed)
        self.asked = [self._ask(bank, question, rng) for bank, question in items]
        self.players = [PlayerScore(name) for name in players]
        self.mode: Mode = mode
        self.seed = seed
        self.outcomes: list[Outcome] = []
        self._clock = clock
        self._index = 0
        self._shown_at: float | None = None
        self._hint_used = False
        self._answered = False
        self._vocabulary: frozenset[str] | None = None  # made on the first answer
        self.observers = list(observers)
        for observer in self.observers:
            observer.started(self)

    @staticmethod
    def _ask(bank: Bank, question: AnyQuestion, rng: random.Random) -> Asked:
        return Asked(bank, question, question.ask(rng))

    @property
    def total(self) -> int:
        """How many questions the game asks."""
        return len(self.asked)

    @property
    def number(self) -> int:
        """The current question's number, from 1."""
        return min(self._index, self.total - 1) + 1

    @property
    def finished(self) -> bool:
        """True once every question has been answered and the game moved past the last."""
        return self._index >= self.total

    @property
    def current(self) -> Asked:
        """The question on screen (the last one once the game is finished)."""
        return self.asked[min(self._index, self.total - 1)]

    @property
    def player(self) -> PlayerScore:
        """Whose turn it is: players take questions in turn."""
        return self.players[(self.number - 1) % len(self.players)]

    @property
    def answered(self) -> bool:
        """Whether the current question has been answered (its feedback is showing)."""
        return self._answered

    @property
    def hint_used(self) -> bool:
        """Whether the hint of the current question has been shown."""
        return self._hint_used

    @property
    def time_limit(self) -> float | None:
        """Seconds allowed for the current question in timed mode; None otherwise."""
        if self.mode != "timed":
            return None
        return TIME_LIMITS.get(self.current.question.difficulty, TIME_LIMITS["medium"])

    def shown(self) -> None:
        """Mark the moment the current question appeared (starts its clock, once)."""
        if self._shown_at is None:
            self._shown_at = self._clock()

    def elapsed(self) -> float:
        """Seconds since the current question was shown (0 before it is)."""
        return 0.0 if self._shown_at is None else max(0.0, self._clock() - self._shown_at)

    def take_hint(self) -> str | None:
        """The current question's hint, marking it used; None when it has none."""
        hint = self.current.question.hint
        if hint is not None and not self._answered:
            self._hint_used = True
        return hint

    def prepare(self) -> None:
        """Load what answering needs (checking, scoring, the typo vocabulary, the typo distance
        when the game has typed names, the source's index for the evidence) before the first
        answer, while the player reads: the first answer is then as quick as the others."""
        from quiz.engine.checking import vocabulary

        if self._vocabulary is None:
            self._vocabulary = vocabulary(asked.question for asked in self.asked)
            if not self.finished:
                self.current.passage()  # reads the source and indexes it, on first use
        for kind in dict.fromkeys(type(asked.question) for asked in self.asked):
            kind.prepare_checking()

    def answer(self, response: Response) -> Outcome:
        """Check and score the player's answer to the current question."""
        if self._answered or self.finished:
            raise SessionError("this question has already been answered")
        self.prepare()
        assert self._vocabulary is not None
        return self._settle(self.current.question.check(response, self._vocabulary))

    def time_out(self) -> Outcome:
        """The countdown ran out: the question counts as missed."""
        if self._answered or self.finished:
            raise SessionError("this question has already been answered")
        from quiz.engine.checking import Verdict

        return self._settle(Verdict(False, TIMED_OUT), timed_out=True)

    def _settle(self, verdict: Verdict, *, timed_out: bool = False) -> Outcome:
        self.shown()
        assert self._shown_at is not None
        seconds = max(0.0, self._clock() - self._shown_at)
        limit = self.time_limit
        time_left = None if limit is None else max(0.0, 1 - seconds / limit)
        if limit is not None and seconds > limit and verdict.correct:
            verdict = replace(verdict, correct=False, note="Right, but the time was up.")
        player = self.player
        points = score_answer(
            self.current.question.difficulty,
            verdict.correct,
            streak_before=player.streak,
            hint_used=self._hint_used,
            time_left=time_left,
        )
        outcome = Outcome(
            self.current, player.name, verdict, points, self._hint_used, seconds, timed_out
        )
        player.record(outcome)
        self.outcomes.append(outcome)
        self._answered = True
        for observer in self.observers:
            observer.answered(self, outcome)
        return outcome

    def advance(self) -> None:
        """Move on to the next question after the feedback."""
        if not self._answered:
            raise SessionError("answer the question before moving on")
        self._index += 1
        self._answered = False
        self._hint_used = False
        self._shown_at = None
        if self.finished:
            for observer in self.observers:
                observer.finished(self)

    def reload(self, banks: Sequence[Bank]) -> None:
        """Preview: take every question of `banks` in file order, staying on the current one.

        The question on screen is found again by bank and id (edited or not); when it is gone,
        the game stays at the same position. Scores so far are kept.
        """
        current = (self.current.bank.path, self.current.question.id)
        rng = random.Random(self.seed)
        items = in_file_order(banks)
        if not items:
            raise SessionError("a game needs at least one question")
        self.asked = [self._ask(bank, question, rng) for bank, question in items]
        keys = [(asked.bank.path, asked.question.id) for asked in self.asked]
        self._index = keys.index(current) if current in keys else min(self._index, self.total - 1)
        self._answered = False
        self._hint_used = False
        self._shown_at = None
        self._vocabulary = None

    @property
    def bank_name(self) -> str:
        """The name of the bank played, or `mixed` when the questions come from several."""
        names = {asked.bank.name for asked in self.asked}
        return names.pop() if len(names) == 1 else "mixed"

    def ranking(self) -> list[PlayerScore]:
        """The players, best first: by score, then accuracy."""
        return sorted(self.players, key=lambda p: (-p.score, -p.accuracy, p.name))

    def mistakes(self) -> list[tuple[Bank, AnyQuestion]]:
        """The questions any player missed, in the order they were asked."""
        missed = {id(outcome.asked) for outcome in self.outcomes if not outcome.correct}
        return [(a.bank, a.question) for a in self.asked if id(a) in missed]


DEFAULT_COUNT = 10
"""Questions in a game when the player does not say: a game of a few minutes."""


@dataclass(frozen=True)
class GameSettings:
    """What the start screen (or the command line) asks for a game."""

    players: tuple[str, ...] = ("Player",)
    bank: str | None = None
    topics: tuple[str, ...] = ()
    count: int | None = DEFAULT_COUNT
    mode: Mode = "practice"
    seed: int | None = None


def in_file_order(banks: Iterable[Bank]) -> list[tuple[Bank, AnyQuestion]]:
    """Every question of the banks, in the order the files list them (a teacher's preview)."""
    return [(bank, question) for bank in banks for question in bank.questions]
