"""Keeps a game's answers in the store as they are given, without ever stopping the game.

`GameRecorder` observes a session: it starts one stored game per player, commits each answer at
once (with its spaced-repetition update), and marks games finished. When the store cannot be
used (locked too long, a read-only folder, a newer version's file) the game goes on and the
recorder keeps one sentence, `problem`, for the player.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from quiz.engine.session import Outcome, Session
from quiz.engine.store import Store, StoreError, utc_now

NOT_SAVED = "Results are not being saved: {reason}. You can still play."


class GameRecorder:
    """A session observer that writes to the store, or explains why it cannot."""

    def __init__(
        self, store: Store | None, problem: str | None = None, notice: str | None = None
    ) -> None:
        self.store = store
        self.problem = problem
        self.notice = notice
        self._games: dict[str, int] = {}
        self._session: Session | None = None

    @classmethod
    def open(cls, path: Path, now: Callable[[], datetime] = utc_now) -> GameRecorder:
        """A recorder on the store at `path`; on failure, one that keeps nothing and says why.

        The file's integrity check waits for `prepare` and runs in the background: the game
        starts without reading the whole file, and a file found damaged is replaced before the
        next write."""
        try:
            opened = Store.open(path, now, check_later=True)
        except StoreError as error:
            return cls(None, NOT_SAVED.format(reason=str(error)))
        return cls(opened.store, notice=opened.notice)

    def take_messages(self) -> list[str]:
        """What the player should be told now (each message once)."""
        messages = [m for m in (self.notice, self.problem) if m]
        self.notice = self.problem = None
        return messages

    def _guard(self, action: Callable[[Store], None], attempts: int = 3) -> None:
        """Run a write; a lock is waited out up to `attempts` times before saving stops."""
        if self.store is not None and self.store.found_damage():
            self._replace_damaged_store()
        if self.store is None:
            return
        try:
            for attempt in range(attempts):
                try:
                    action(self.store)
                    return
                except sqlite3.OperationalError as error:
                    if "locked" not in str(error) or attempt == attempts - 1:
                        raise
        except (sqlite3.Error, StoreError) as error:
            reason = str(error)
            if isinstance(error, sqlite3.OperationalError) and "locked" in reason:
                reason = "the scores file stayed locked by another game for too long"
            self.problem = NOT_SAVED.format(reason=reason)
            self.store.close()
            self.store = None

    def _replace_damaged_store(self) -> None:
        """The background check found the file damaged: move it aside (the answers kept so far
        stay in it) and go on in a fresh file, where the running games start again."""
        assert self.store is not None
        path, now = self.store.path, self.store.now
        self.store.close()
        self.store = None
        try:
            opened = Store.replace_damaged(path, now)
        except StoreError as error:
            self.problem = NOT_SAVED.format(reason=str(error))
            return
        self.store, self.notice = opened.store, opened.notice
        self._games.clear()
        if self._session is not None:
            self._start_games(self.store, self._session)

    def _start_games(self, store: Store, session: Session) -> None:
        for player in session.players:
            self._games[player.name] = store.start_game(
                player.name, session.bank_name, session.mode, session.seed, session.total
            )

    def started(self, session: Session) -> None:
        """Start one stored game per player."""
        self._guard(lambda store: self._start_games(store, session))
        self._session = session  # its games start again should the file be replaced

    def answered(self, session: Session, outcome: Outcome) -> None:
        """Commit the answer with the player's review card for the question, in one go."""
        from quiz.engine.review import next_review  # and fsrs: after the first screen

        def keep(store: Store) -> None:
            asked = outcome.asked
            review, _due = next_review(
                store,
                outcome.player,
                asked.bank.name,
                asked.question,
                outcome.correct,
                outcome.hint_used,
                store.now(),
            )
            store.record_answer(
                self._games[outcome.player],
                asked.bank.name,
                asked.question,
                outcome.verdict.given,
                outcome.correct,
                outcome.points.total,
                outcome.seconds,
                outcome.hint_used,
                review,
            )

        self._guard(keep)

    def prepare(self) -> None:
        """Start the store's integrity check and load what recording an answer needs (fsrs),
        so that the first answer is as quick as the others: called once the first question is
        on screen."""
        if self.store is not None:
            from quiz.engine.review import prepare_scheduler

            self.store.start_integrity_check()
            prepare_scheduler()

    def finished(self, session: Session) -> None:
        """Mark every player's game finished."""

        def finish(store: Store) -> None:
            for game_id in self._games.values():
                store.finish_game(game_id)

        self._guard(finish)
