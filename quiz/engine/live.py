"""A live class game: the teacher paces one game, every student answers the same question.

`LiveGame` is a pure state machine: no network, no Textual, no clock of its own. Network events
(`join`, `answer`, `disconnect`, `tick`) and the host's commands (`start`, `pause`, `resume`,
`add_time`, `close_question`, `advance`, `remove`, `end`) each take the host's time `now`
(monotonic seconds) and return the messages to send (`Outbound`). The host's screens read its
attributes (`quiz.engine.live_view`). No network message can reach the host's commands: the server only calls the four
network events.

The rules, each tested in tests/live/ (test_game.py and the others, without sockets):
- joining needs the code; wrong codes are throttled per address; names are checked once
  (`live_join`) and unique ignoring case;
- a player who comes back with the same name keeps their score: with the token the game gave
  them at any time (their old connection is dropped), without it only while the name's
  connection is gone (so nobody can take over a connected player's name);
- a late joiner takes part from the next question;
- one answer per player per question, timed by the host; speed points follow
  `quiz.engine.scoring`'s time bonus; points count at the reveal, so nothing before it tells
  who was right;
- the question closes when its time is up, when every connected player has answered, or when
  the teacher closes it; present players who did not answer count as missing it.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from quiz.engine import live_messages as messages
from quiz.engine.checking import check, prepare_typo_check, vocabulary
from quiz.engine.live_join import CodeThrottle, JoinError, clean_name, code_matches, name_key
from quiz.engine.live_questions import ask, picked_choices, read_response, tally
from quiz.engine.live_state import (
    LiveAnswer,
    LivePlayer,
    Outbound,
    Phase,
    QuestionResult,
)
from quiz.engine.live_view import PODIUM_SIZE, LiveView
from quiz.engine.model import AnyQuestion, Bank
from quiz.engine.scoring import score_answer
from quiz.engine.session import TIME_LIMITS, Asked
from quiz.engine.source import Paragraph

MAX_PLAYERS = 500
"""Players one game takes (a school hall); the next is told the game is full."""
MISSED = "(no answer)"
"""What the store keeps as the answer of a player who did not answer in time."""


class LiveError(Exception):
    """A live game cannot be set up or restored as asked; the message says why."""


class LiveObserver(Protocol):
    """Something that follows a live game: the store's recorder."""

    def answered(self, game: LiveGame, answer: LiveAnswer) -> None:
        """A player answered (or, at the reveal, is counted as having missed the question)."""

    def ended(self, game: LiveGame) -> None:
        """The game is over."""


def ask_all(items: Iterable[tuple[Bank, AnyQuestion]], seed: int | None = None) -> list[Asked]:
    """The questions of a live game, their choices shuffled by `seed`."""
    rng = random.Random(seed)
    return [ask(bank, question, rng) for bank, question in items]


def new_token() -> str:
    """A player's secret rejoin token."""
    return secrets.token_urlsafe(18)


class LiveGame(LiveView):
    """One live game, from the lobby to the end (see the module's docstring for its rules)."""

    def __init__(
        self,
        asked: Sequence[Asked],
        *,
        code: str,
        seconds: float | None = None,
        title: str = "quiz",
        make_token: Callable[[], str] = new_token,
        observers: Sequence[LiveObserver] = (),
    ) -> None:
        if not asked:
            raise LiveError("a live game needs at least one question")
        self.asked = list(asked)
        self.code = code
        self.seconds = seconds
        self.title = title
        self.observers = list(observers)
        self.address: tuple[str, int] | None = None
        """Where the host listened (address, port): kept in the snapshot so that `quiz host
        --resume` listens there again, where the students' devices reconnect. The game's
        rules never read it."""
        self.phase: Phase = "lobby"
        self.players: list[LivePlayer] = []
        """Every player who joined, in the order they first joined (removed ones included)."""
        self.results: list[QuestionResult] = []
        """Each question's result, as it is revealed."""
        self.revision = 0
        """Counts changes of state: the server saves a snapshot when it moves."""
        self._make_token = make_token
        self._by_name: dict[str, LivePlayer] = {}
        self._by_connection: dict[str, LivePlayer] = {}
        self._index = -1
        self._answers: dict[str, LiveAnswer] = {}
        self._present: set[str] = set()
        self._limit = 0.0
        self._deadline = 0.0
        self._remaining: float | None = None  # seconds left while paused
        self._topics: dict[str, list[int]] = {}
        self._throttle = CodeThrottle()
        self._vocabulary: frozenset[str] | None = None
        self._passages: dict[int, list[Paragraph]] = {}

    def snapshot(self, now: float) -> dict[str, Any]:
        """The game written down, JSON-ready, to continue it after the host dies (see
        `quiz.engine.live_snapshot`)."""
        from quiz.engine.live_snapshot import snapshot

        return snapshot(self, now)

    @classmethod
    def restore(
        cls,
        data: dict[str, Any],
        banks: Sequence[Bank],
        *,
        make_token: Callable[[], str] = new_token,
        observers: Sequence[LiveObserver] = (),
        later_answers: Sequence[dict[str, Any]] = (),
    ) -> LiveGame:
        """The game a snapshot wrote down, with its questions found in `banks`, paused."""
        from quiz.engine.live_snapshot import restore

        return restore(
            data, banks, make_token=make_token, observers=observers, later_answers=later_answers
        )

    def prepare(self) -> None:
        """Do now what the first answer and each reveal would otherwise do while the class
        waits: the typo check's vocabulary, and each question's passage of the source (the
        first one indexes the whole source text). The server calls it before it listens."""
        self._prepared_vocabulary()
        for index in range(self.total):
            self._passage(index)

    def _prepared_vocabulary(self) -> frozenset[str]:
        if self._vocabulary is None:
            self._vocabulary = vocabulary(item.question for item in self.asked)
            if any(item.question.kind == "text" for item in self.asked):
                prepare_typo_check()
        return self._vocabulary

    # Network events.

    def join(
        self,
        connection: str,
        code: str,
        name: str,
        token: str | None,
        now: float,
        address: str = "",
    ) -> list[Outbound]:
        """A device asks to join (or rejoin) with the code, a name and the token it was given."""
        if connection in self._by_connection:
            return self._refuse(connection, "already_joined", "You have already joined.")
        wait = self._throttle.wait(address, now)
        if wait:
            return self._refuse(
                connection,
                "throttled",
                f"Too many wrong codes: wait {int(wait) + 1} seconds and try again.",
                retry_after=int(wait) + 1,
            )
        if not code_matches(self.code, code):
            self._throttle.failed(address, now)
            return self._refuse(connection, "bad_code", "That is not this game's code.")
        if self.phase == "ended":
            return self._refuse(connection, "ended", "This game is over.")
        try:
            name = clean_name(name)
        except JoinError as problem:
            return self._refuse(connection, "bad_name", f"{str(problem).capitalize()}.")
        out: list[Outbound] = []
        player = self._by_name.get(name_key(name))
        if player is None:
            if len(self.players) >= MAX_PLAYERS:
                return self._refuse(connection, "full", "This game is full.")
            after_open = self.phase in ("question", "reveal", "leaderboard")
            player = LivePlayer(name, self._make_token(), self.number + 1 if after_open else 1)
            self.players.append(player)
            self._by_name[name_key(name)] = player
        elif player.removed:
            return self._refuse(
                connection, "name_removed", "The teacher removed this name from the game."
            )
        elif token is not None and code_matches(player.token, token):
            if player.connection is not None:  # the same device again, or its new tab
                out.append(Outbound(player.connection, self._replaced(), close=True))
                del self._by_connection[player.connection]
        elif player.connection is not None:
            return self._refuse(
                connection,
                "name_taken",
                "Someone in the game has that name: add your initial, say.",
            )
        else:
            player.token = self._make_token()  # taken back without the token: a new one
        player.connection = connection
        self._by_connection[connection] = player
        if self.phase == "question" and self._takes_part(player):
            self._present.add(name_key(player.name))
        self.revision += 1
        out.append(
            Outbound(
                connection,
                messages.welcome(player, self.title, self.total, len(self.active_players)),
            )
        )
        out += self._catch_up(player, now)
        if self.phase == "lobby":
            out.append(Outbound(None, messages.lobby(self.connected_count)))
        return out

    def answer(self, connection: str, number: int, response: object, now: float) -> list[Outbound]:
        """A player's answer to question `number`; its time is `now`, the host's."""
        player = self._by_connection.get(connection)
        if player is None:
            return self._refuse(connection, "not_joined", "Join the game first.")
        out = self.tick(now)
        if self.phase != "question" or number != self.number:
            return [*out, *self._refuse(connection, "closed", "That question is closed.")]
        asked = self.asked[self._index]
        key = name_key(player.name)
        if not self._takes_part(player):
            return self._refuse(connection, "late", "You take part from the next question.")
        if key in self._answers:
            return self._refuse(connection, "already_answered", "You have already answered.")
        parsed = read_response(asked, response)
        if parsed is None:
            return self._refuse(connection, "bad_answer", "That is not an answer to this question.")
        verdict = check(asked.question, parsed, self._prepared_vocabulary())
        left = self.seconds_left(now) or 0.0
        points = score_answer(
            asked.question.difficulty,
            verdict.correct,
            streak_before=player.streak,
            time_left=left / self._limit if self._limit else 0.0,
        )
        answer = LiveAnswer(
            player.name,
            self.number,
            asked,
            verdict.given,
            verdict.correct,
            points.total,
            round(self._limit - left, 3),
            picked_choices(asked, parsed),
            verdict.note,
            feedback=verdict.feedback,
            breakdown=verdict.breakdown,
        )
        self._answers[key] = answer
        self._present.add(key)
        self.revision += 1
        for observer in self.observers:
            observer.answered(self, answer)
        out = [Outbound(connection, messages.locked(self.number))]
        if self._everyone_answered():
            out += self._close()
        return out

    def disconnect(self, connection: str, now: float) -> list[Outbound]:
        """A device's connection closed; its player keeps their place and score."""
        player = self._by_connection.pop(connection, None)
        if player is None:
            return []
        player.connection = None
        self.revision += 1
        return (
            [Outbound(None, messages.lobby(self.connected_count))] if self.phase == "lobby" else []
        )

    def tick(self, now: float) -> list[Outbound]:
        """The host's clock moved: a question whose time is up closes."""
        if self.phase == "question" and self._remaining is None and now >= self._deadline:
            return self._close()
        return []

    # The host's commands (the host's terminal only; no network message leads here).

    def start(self, now: float) -> list[Outbound]:
        """Leave the lobby for the first question."""
        if self.phase != "lobby":
            return []
        return self._show_next(now)

    def pause(self, now: float) -> list[Outbound]:
        """Stop the countdown."""
        if self.phase != "question" or self._remaining is not None:
            return []
        self._remaining = max(0.0, self._deadline - now)
        return self._timer_changed(now)

    def resume(self, now: float) -> list[Outbound]:
        """Restart the countdown where it stopped."""
        if self.phase != "question" or self._remaining is None:
            return []
        self._deadline = now + self._remaining
        self._remaining = None
        return self._timer_changed(now)

    def add_time(self, seconds: float, now: float) -> list[Outbound]:
        """Give the open question more time."""
        if self.phase != "question" or seconds <= 0:
            return []
        self._limit += seconds
        if self._remaining is not None:
            self._remaining += seconds
        else:
            self._deadline = max(self._deadline, now) + seconds
        return self._timer_changed(now)

    def close_question(self, now: float) -> list[Outbound]:
        """End the open question now and reveal its answer."""
        return self._close() if self.phase == "question" else []

    def advance(self, now: float) -> list[Outbound]:
        """From the reveal to the leaderboard (or the end after the last question), and from the
        leaderboard to the next question."""
        if self.phase == "reveal":
            if self.number >= self.total:
                return self.end(now)
            self.phase = "leaderboard"
            self.revision += 1
            top = self.leaderboard()
            message = messages.leaderboard(self.number, self.total, top, len(self.ranking()))
            return [Outbound(None, message)]
        if self.phase == "leaderboard":
            return self._show_next(now)
        return []

    def remove(self, name: str, now: float) -> list[Outbound]:
        """Take a player out of the game (their answers stay in the store); their name cannot
        join again."""
        player = self.player(name)
        if player is None or player.removed:
            return []
        player.removed = True
        key = name_key(player.name)
        self._answers.pop(key, None)
        self._present.discard(key)
        self.revision += 1
        out: list[Outbound] = []
        if player.connection is not None:
            out.append(Outbound(player.connection, messages.removed(), close=True))
            del self._by_connection[player.connection]
            player.connection = None
        if self.phase == "lobby":
            out.append(Outbound(None, messages.lobby(self.connected_count)))
        if self._everyone_answered():
            out += self._close()
        return out

    def end(self, now: float) -> list[Outbound]:
        """End the game (an open question is scored first, without its reveal)."""
        if self.phase == "ended":
            return []
        if self.phase == "question":
            self._close()
        self.phase = "ended"
        self.revision += 1
        for observer in self.observers:
            observer.ended(self)
        podium = self.leaderboard(PODIUM_SIZE)
        players = len(self.ranking())
        return [
            Outbound(connection, messages.end(player, podium, players))
            for connection, player in self._by_connection.items()
        ]

    # The machinery.

    def _everyone_answered(self) -> bool:
        if self.phase != "question" or not self._answers:
            return False
        return all(
            name_key(player.name) in self._answers
            for player in self._by_connection.values()
            if self._takes_part(player)
        )

    def _refuse(
        self, connection: str, code: messages.ErrorCode, text: str, **extra: object
    ) -> list[Outbound]:
        return [Outbound(connection, messages.error(code, text, **extra))]

    def _replaced(self) -> dict[str, object]:
        return messages.error("replaced", "You joined again from another window.")

    def _show_next(self, now: float) -> list[Outbound]:
        self._index += 1
        self.phase = "question"
        asked = self.asked[self._index]
        self._answers = {}
        self._present = {
            name_key(p.name) for p in self._by_connection.values() if self._takes_part(p)
        }
        difficulty = asked.question.difficulty
        self._limit = self.seconds or TIME_LIMITS.get(difficulty, TIME_LIMITS["medium"])
        self._deadline = now + self._limit
        self._remaining = None
        self.revision += 1
        return [Outbound(None, self._question_message(now))]

    def _timer_changed(self, now: float) -> list[Outbound]:
        self.revision += 1
        left = self.seconds_left(now) or 0.0
        return [Outbound(None, messages.timer(self.number, left, self.paused))]

    def _close(self) -> list[Outbound]:
        """Score the open question, count the misses, rank everyone and reveal the answer."""
        asked = self.asked[self._index]
        for key in sorted(self._present - self._answers.keys()):
            player = self._by_name[key]
            if player.removed:
                continue
            missed = LiveAnswer(
                player.name, self.number, asked, MISSED, False, 0, self._limit, timed_out=True
            )
            self._answers[key] = missed
            for observer in self.observers:
                observer.answered(self, missed)
        topic = self._topics.setdefault(asked.question.topic, [0, 0])
        for key, answer in self._answers.items():
            player = self._by_name[key]
            player.asked += 1
            player.score += answer.points
            topic[1] += 1
            if answer.correct:
                player.right += 1
                player.streak += 1
                topic[0] += 1
            else:
                player.streak = 0
        self._rank()
        given = [(a.picked, a.given, a.correct) for a in self._answers.values() if not a.timed_out]
        result = QuestionResult(
            number=self.number,
            asked=asked,
            took_part=len(self._answers),
            answered=len(given),
            right=sum(1 for answer in self._answers.values() if answer.correct),
            tally=tuple(tally(asked, given)),
        )
        self.results.append(result)
        self.phase = "reveal"
        self._remaining = None
        self.revision += 1
        return self._reveal_messages()

    def _reveal_messages(self) -> list[Outbound]:
        result = self.results[-1]
        shared = self._reveal_message(result)
        players = len(self.ranking())
        out = [Outbound(None, shared)]
        for connection, player in self._by_connection.items():
            answer = self._answers.get(name_key(player.name))
            out.append(
                Outbound(connection, messages.result(player, result.number, answer, players))
            )
        return out

    def _rank(self) -> None:
        """Places from 1 by score; equal scores share a place."""
        previous_score: int | None = None
        place = 0
        for position, player in enumerate(self.ranking(), start=1):
            if player.score != previous_score:
                place, previous_score = position, player.score
            player.previous_rank = player.rank
            player.rank = place
