"""What the host's screens read of a live game, and the messages that show a device the game as
it is: the read-only half of `LiveGame` (quiz.engine.live), which holds the state and changes it.
"""

from __future__ import annotations

from quiz.engine import live_messages as messages
from quiz.engine.live_join import name_key
from quiz.engine.live_state import (
    EndSummary,
    LiveAnswer,
    LivePlayer,
    Outbound,
    Phase,
    QuestionResult,
    TopicResult,
)
from quiz.engine.session import Asked
from quiz.engine.source import Paragraph

LEADERBOARD_SIZE = 5
PODIUM_SIZE = 3
HARDEST_SIZE = 3


class LiveView:
    """The state of a live game (set up by `LiveGame`) and every question asked of it."""

    asked: list[Asked]
    phase: Phase
    players: list[LivePlayer]
    """Every player who joined, in the order they first joined (removed ones included)."""
    results: list[QuestionResult]
    """Each question's result, as it is revealed."""
    title: str
    _by_name: dict[str, LivePlayer]
    _by_connection: dict[str, LivePlayer]
    _index: int
    _answers: dict[str, LiveAnswer]
    _limit: float
    _deadline: float
    _remaining: float | None
    _topics: dict[str, list[int]]
    _passages: dict[int, list[Paragraph]]

    @property
    def total(self) -> int:
        """How many questions the game asks."""
        return len(self.asked)

    @property
    def number(self) -> int:
        """The current question's number from 1 (0 in the lobby)."""
        return self._index + 1

    @property
    def current(self) -> Asked | None:
        """The question open or last revealed (None in the lobby)."""
        return self.asked[self._index] if self._index >= 0 else None

    @property
    def paused(self) -> bool:
        """Whether the countdown is paused."""
        return self._remaining is not None

    @property
    def time_limit(self) -> float:
        """The current question's countdown in seconds, time added included."""
        return self._limit

    def seconds_left(self, now: float) -> float | None:
        """Seconds left on the current question's countdown (None when no question is open)."""
        if self.phase != "question":
            return None
        if self._remaining is not None:
            return self._remaining
        return max(0.0, self._deadline - now)

    @property
    def active_players(self) -> list[LivePlayer]:
        """Players not removed, in the order they joined."""
        return [player for player in self.players if not player.removed]

    @property
    def connected_count(self) -> int:
        """Players connected now."""
        return len(self._by_connection)

    @property
    def answered_count(self) -> int:
        """Answers to the open question so far."""
        return len(self._answers)

    @property
    def expected_count(self) -> int:
        """Answers the open question waits for: connected players taking part, and those who
        answered and left ("17 of 28 answered")."""
        waiting = {name_key(p.name) for p in self._by_connection.values() if self._takes_part(p)}
        return len(waiting | self._answers.keys())

    def has_answered(self, player: LivePlayer) -> bool:
        """Whether this player answered the open question."""
        return name_key(player.name) in self._answers

    def player(self, name: str) -> LivePlayer | None:
        """The player with this name (case ignored), removed or not."""
        return self._by_name.get(name_key(name))

    def connection_ids(self) -> list[str]:
        """The connections of every connected player: where a message `to` None goes."""
        return list(self._by_connection)

    def tally(self) -> list[tuple[str, int]]:
        """The last revealed question's bars: each choice (or commonest typed answer) and how
        many gave it."""
        if not self.results:
            return []
        return [(row.label, row.count) for row in self.results[-1].tally]

    def ranking(self) -> list[LivePlayer]:
        """Players not removed, best first (by score, then name)."""
        return sorted(self.active_players, key=lambda p: (-p.score, name_key(p.name)))

    def leaderboard(self, limit: int = LEADERBOARD_SIZE) -> list[LivePlayer]:
        """The top `limit` players (with `moved`: places gained at the last reveal)."""
        return [player for player in self.ranking() if player.rank][:limit]

    def summary(self) -> EndSummary:
        """The end screen's figures: podium, accuracy by topic, the hardest questions."""
        hardest = sorted(
            (result for result in self.results if result.took_part),
            key=lambda result: (result.share_right, result.number),
        )
        return EndSummary(
            podium=tuple(self.leaderboard(PODIUM_SIZE)),
            topics=tuple(
                TopicResult(topic, right, asked) for topic, (right, asked) in self._topics.items()
            ),
            hardest=tuple(hardest[:HARDEST_SIZE]),
            players=len(self.active_players),
            questions=len(self.results),
        )

    # The messages that show the game as it is.

    def _takes_part(self, player: LivePlayer) -> bool:
        return not player.removed and player.first_question <= self.number

    def _question_message(self, now: float) -> dict[str, object]:
        asked = self.asked[self._index]
        left = self.seconds_left(now) or 0.0
        return messages.question(asked, self.number, self.total, self._limit, left, self.paused)

    def _reveal_message(self, result: QuestionResult) -> dict[str, object]:
        passage = self._passage(result.number - 1)
        return messages.reveal(
            result.asked,
            result.number,
            self.total,
            result.tally,
            result.answered,
            result.took_part,
            passage,
        )

    def _catch_up(self, player: LivePlayer, now: float) -> list[Outbound]:
        """What a player who just joined (or came back) needs to see where the game is."""
        connection = player.connection
        assert connection is not None
        if self.phase == "lobby":
            return []
        if self.phase == "question":
            if not self._takes_part(player):
                return [Outbound(connection, messages.wait(self.number))]
            out = [Outbound(connection, self._question_message(now))]
            if name_key(player.name) in self._answers:
                out.append(Outbound(connection, messages.locked(self.number)))
            return out
        players = len(self.ranking())
        if self.phase == "reveal":
            result = self.results[-1]
            answer = self._answers.get(name_key(player.name))
            return [
                Outbound(
                    connection,
                    self._reveal_message(result),
                ),
                Outbound(connection, messages.result(player, result.number, answer, players)),
            ]
        if self.phase == "leaderboard":
            top = self.leaderboard()
            return [
                Outbound(connection, messages.leaderboard(self.number, self.total, top, players))
            ]
        return [Outbound(connection, messages.end(player, self.leaderboard(PODIUM_SIZE), players))]

    def _passage(self, index: int) -> list[Paragraph]:
        if index not in self._passages:
            self._passages[index] = self.asked[index].passage()
        return self._passages[index]
