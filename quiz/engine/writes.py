"""What a game writes to the store, as data: a game started, an answer given, a game finished.

The recorder keeps these in order until they are in the file (see `quiz.engine.recording`), so
that a write can wait for a lock, be written again into a new file after a damaged one is moved
aside, or be named to the player when it could not be written at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quiz.engine.model import AnyQuestion


@dataclass(frozen=True, eq=False)  # one event each: compared by identity
class GameStarted:
    """A player's game began (`game`: the recorder's number for it)."""

    game: int
    player: str
    bank: str
    mode: str
    seed: int | None
    questions: int
    at: datetime


@dataclass(frozen=True, eq=False)  # one event each: compared by identity
class AnswerGiven:
    """A player answered a question of game `game`."""

    game: int
    player: str
    bank: str
    question: AnyQuestion
    answer: str
    correct: bool
    points: int
    seconds: float
    hint_used: bool
    at: datetime


@dataclass(frozen=True, eq=False)  # one event each: compared by identity
class GameFinished:
    """Game `game` (`player`'s, of `bank`) was played to its end."""

    game: int
    player: str
    bank: str
    at: datetime


Write = GameStarted | AnswerGiven | GameFinished


def describe_unsaved(waiting: list[Write], reason: str) -> list[str]:
    """One line per game with writes that could not be written: whose game, of which bank, and
    what of it is missing from the scores file."""
    names: dict[int, tuple[str, str]] = {}
    answers: dict[int, int] = {}
    ends: set[int] = set()
    started: set[int] = set()
    for write in waiting:
        names[write.game] = (write.player, write.bank)
        if isinstance(write, GameStarted):
            started.add(write.game)
        elif isinstance(write, AnswerGiven):
            answers[write.game] = answers.get(write.game, 0) + 1
        else:
            ends.add(write.game)
    lines = []
    for game, (player, bank) in sorted(names.items()):
        parts = []
        if game in started:
            parts.append("its start")
        if answers.get(game):
            count = answers[game]
            parts.append(f"{count} answer{'' if count == 1 else 's'}")
        if game in ends:
            parts.append("its end")
        missing = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        lines.append(f"Not saved ({reason}): {player}'s game of {bank}: {missing}.")
    return lines
