"""Every way a game is made, in one place: a new game, a teacher's preview, a review of what is
due, and a replay of the questions a game missed.

Each returns a `Session` (see `quiz.engine.session`), made the one way `_session` makes them;
the screens and commands only choose which.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from quiz.engine.discovery import pick_bank
from quiz.engine.model import AnyQuestion, Bank
from quiz.engine.session import (
    GameSettings,
    Mode,
    Session,
    SessionError,
    SessionObserver,
    in_file_order,
)

if TYPE_CHECKING:
    from quiz.engine.review import ReviewPlan

Clock = Callable[[], float]


def _session(
    items: Sequence[tuple[Bank, AnyQuestion]],
    players: Sequence[str],
    mode: Mode,
    seed: int | None,
    clock: Clock,
    observers: Sequence[SessionObserver],
) -> Session:
    return Session(items, players=players, mode=mode, seed=seed, clock=clock, observers=observers)


def select(
    banks: Iterable[Bank],
    topics: Sequence[str] = (),
    count: int | None = None,
    seed: int | None = None,
) -> list[tuple[Bank, AnyQuestion]]:
    """The questions of a game: those of the given topics (all when none), shuffled, then cut.

    Topics match case-insensitively. Raises SessionError when nothing matches.
    """
    wanted = {topic.casefold() for topic in topics}
    pool = [
        (bank, index)
        for bank in banks
        for index, topic in enumerate(bank.question_topics)
        if not wanted or topic.casefold() in wanted
    ]
    if not pool:
        raise SessionError(
            "no questions match" + (f" the topics {', '.join(topics)}" if topics else "")
        )
    if count is not None and count < 1:
        raise SessionError("the number of questions must be at least 1")
    shuffler = random.Random(seed)
    if count and count < len(pool):
        chosen = shuffler.sample(pool, count)  # a few out of many: no need to shuffle them all
    else:
        chosen = pool
        shuffler.shuffle(chosen)
    return [(bank, bank.questions[index]) for bank, index in chosen]  # read only what is asked


def new_session(
    banks: Sequence[Bank],
    settings: GameSettings,
    clock: Clock = time.monotonic,
    observers: Sequence[SessionObserver] = (),
) -> Session:
    """A game for these settings: the chosen bank (all when none), topics and count.

    Without a seed, one is drawn, so that any game can be replayed exactly from its seed.
    """
    chosen = list(banks)
    if settings.bank is not None:
        picked = pick_bank(banks, settings.bank)
        if picked is None:
            raise SessionError(f"no bank named '{settings.bank}'")
        chosen = [picked]
    seed = settings.seed if settings.seed is not None else random.randrange(2**31)
    items = select(chosen, settings.topics, settings.count, seed)
    return _session(items, settings.players, settings.mode, seed, clock, observers)


def preview_session(
    banks: Sequence[Bank], settings: GameSettings, clock: Clock = time.monotonic
) -> Session:
    """A preview for a teacher: every question, in file order, for reloading as the file
    changes (`Session.reload`); nothing observes it, so nothing is kept."""
    return _session(
        in_file_order(banks), settings.players, "practice", settings.seed or 0, clock, ()
    )


def review_session(
    plan: ReviewPlan,
    settings: GameSettings,
    clock: Clock = time.monotonic,
    observers: Sequence[SessionObserver] = (),
) -> Session:
    """A review game: the due questions, most overdue first, cut to the settings' count."""
    if len(settings.players) != 1:
        raise SessionError("review mode is for one player at a time")
    if not plan.due:
        raise SessionError("nothing is due for review")
    items = plan.due[: settings.count] if settings.count else plan.due
    return _session(items, settings.players, "review", settings.seed, clock, observers)


def mistakes_session(
    played: Session, clock: Clock = time.monotonic, observers: Sequence[SessionObserver] = ()
) -> Session:
    """The questions a game's players missed, again, in the order they were asked, for the
    same players in the same mode."""
    return _session(
        played.mistakes(),
        [player.name for player in played.players],
        played.mode,
        played.seed,
        clock,
        observers,
    )
