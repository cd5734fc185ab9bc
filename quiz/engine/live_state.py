"""The pieces of a live game's state that the host's screens read: players, answers, each
question's result, the end summary, and the messages the game sends (`Outbound`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from quiz.engine.live_questions import TallyRow
from quiz.engine.session import Asked

if TYPE_CHECKING:
    from quiz.engine.checking import Breakdown

Phase = Literal["lobby", "question", "reveal", "leaderboard", "ended"]
"""Where the game is: the lobby, a question open, its reveal, the leaderboard, the end."""


@dataclass(frozen=True)
class Outbound:
    """One message to send: to one connection, or (`to` None) to every connected player.

    `message` is JSON-ready and safe to send: before a question's reveal, nothing in it tells
    the answer. With `close`, the server closes that connection once the message is sent."""

    to: str | None
    message: dict[str, Any]
    close: bool = False


@dataclass(eq=False)  # running state, compared by identity
class LivePlayer:
    """One student in the game: their name, their rejoin token, their connection (None while
    disconnected) and their score so far."""

    name: str
    token: str
    first_question: int
    """The first question this player takes part in (a late joiner starts at the next one)."""
    connection: str | None = None
    removed: bool = False
    score: int = 0
    streak: int = 0
    right: int = 0
    asked: int = 0
    rank: int = 0
    """Place on the leaderboard from 1 (ties share a place); 0 until their first reveal."""
    previous_rank: int = 0
    """Place before the last reveal (0 when they had none)."""

    @property
    def connected(self) -> bool:
        """Whether the player's device is connected now."""
        return self.connection is not None

    @property
    def moved(self) -> int:
        """Places gained at the last reveal (negative: lost), 0 for a first ranking."""
        return self.previous_rank - self.rank if self.previous_rank and self.rank else 0

    @property
    def accuracy(self) -> float:
        """Right answers out of the questions this player took part in, 0 to 1."""
        return self.right / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class LiveAnswer:
    """One player's answer to one question (or their missing it), scored by the host."""

    player: str
    number: int
    asked: Asked
    given: str
    correct: bool
    points: int
    seconds: float
    picked: tuple[str, ...] = ()
    note: str | None = None
    timed_out: bool = False
    feedback: tuple[str, ...] = ()
    """The bank's words on each wrong choice picked."""
    breakdown: Breakdown | None = None
    """An answer given in parts (an order), part by part beside the right one."""


@dataclass(frozen=True)
class QuestionResult:
    """How the class did on one question."""

    number: int
    asked: Asked
    took_part: int
    """Players counted: those who answered and those present who did not."""
    answered: int
    right: int
    tally: tuple[TallyRow, ...]

    @property
    def share_right(self) -> float:
        """Right answers out of players counted, 0 to 1."""
        return self.right / self.took_part if self.took_part else 0.0


@dataclass(frozen=True)
class TopicResult:
    """The class's right answers out of answers counted, for one topic."""

    topic: str
    right: int
    asked: int

    @property
    def accuracy(self) -> float:
        """Right out of asked, 0 to 1."""
        return self.right / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class EndSummary:
    """What the end screen shows: the podium, accuracy by topic, the hardest questions."""

    podium: tuple[LivePlayer, ...]
    topics: tuple[TopicResult, ...]
    hardest: tuple[QuestionResult, ...]
    players: int
    questions: int
    """Questions played (fewer than the game's when the teacher ended it early)."""
