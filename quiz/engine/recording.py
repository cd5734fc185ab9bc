"""Keeps a game's answers in the store as they are given, without ever stopping the game.

`GameRecorder` observes a session: it starts one stored game per player, keeps each answer
(with its spaced-repetition update) and marks games finished. Each of these is a `Write`, kept
in memory in the order given and written at once when the store is free. When it is not (another
program holds its lock), the game goes on: a background thread writes what waits as soon as the
lock is freed, and the player is told that saving is delayed, then that it caught up. When the
file is replaced (found damaged, by this game or another), every write of this game is written
again into the new file, so nothing given is lost and nothing lands in a file moved aside. When
the store cannot be used at all (a read-only folder, a newer version's file) the game goes on
and the recorder says why, once. `close` writes what still waits (within a bound) and says
what could not be written.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import assert_never

from quiz.engine.review import next_review, prepare_scheduler
from quiz.engine.session import Outcome, Session
from quiz.engine.store import Store, StoreError, StoreLocked, StoreReplaced, utc_now
from quiz.engine.storefile import explain, is_busy, is_corrupt
from quiz.engine.writes import AnswerGiven, GameFinished, GameStarted, Write, describe_unsaved

NOT_SAVED = "Results are not being saved: {reason}. You can still play."
SAVING_DELAYED = (
    "Saving is delayed: {reason}. Your answers are kept and will be saved when it is free."
)
SAVED_NOW = "Saved: the delayed answers are now in the scores file."

WRITE_WAIT_SECONDS = 0.1
"""How long a write waits for a lock before it is left to the background thread: other games'
writes take milliseconds, and a screen that waits longer feels stuck."""

OPEN_WAIT_SECONDS = 1.0
"""How long opening the store at the start of a game waits for a lock (another game making or
setting up the file takes milliseconds) before the game starts without it and opens it later."""

DELAY_NOTICE_SECONDS = 1.0
"""How long writes may wait before the player is told that saving is delayed."""

RETRY_PAUSE_SECONDS = (0.05, 2.0)
"""The background thread's first and longest pause between attempts."""

EXIT_WAIT_SECONDS = 10.0
"""How long `close` keeps trying to write what still waits when the game ends."""


class GameRecorder:
    """A session observer that writes to the store, or explains why it cannot."""

    def __init__(
        self,
        store: Store | None,
        problem: str | None = None,
        notice: str | None = None,
        *,
        path: Path | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        """`path`, when `store` is None, is a store to open later (it was locked)."""
        self.store = store
        self._path = path
        self._now = store.now if store is not None else now
        self._generation = store.generation if store is not None else 0
        self._messages = [m for m in (notice, problem) if m]
        self._keeps = store is not None or path is not None or problem is not None
        """Whether this recorder is meant to save (else, a preview's: it ignores the game)."""
        self._stopped = store is None and path is None
        self._log: list[Write] = []
        self._written = 0  # how many of `_log` are in the file now at the path
        self._ids: dict[int, int] = {}  # game number -> the game's id in that file
        self._games: dict[str, int] = {}  # the session's players -> their game numbers
        self._next_game = 0
        self._state = threading.Lock()  # guards the attributes above
        self._writing = threading.Lock()  # one writer at a time: the game or the thread
        self._retrying: threading.Thread | None = None
        self._closing = threading.Event()
        self.write_later: Callable[[Callable[[], None]], object] | None = None
        """How a game's screen puts an answer's write off until its feedback is drawn (a
        Textual app's `call_after_refresh`): the write waits in memory for one frame, and
        `close` writes it if the game ends first. None: written at once."""
        if store is not None:
            store.busy_timeout = WRITE_WAIT_SECONDS

    @classmethod
    def open(cls, path: Path, now: Callable[[], datetime] = utc_now) -> GameRecorder:
        """A recorder on the store at `path`; on failure, one that keeps nothing and says why
        (or, when the file is locked, one that opens it later and says saving is delayed).

        The file's integrity check waits for `prepare` and runs in the background: the game
        starts without reading the whole file, and a file found damaged is replaced before the
        next write."""
        try:
            opened = Store.open(path, now, check_later=True, busy_timeout=OPEN_WAIT_SECONDS)
        except StoreLocked as error:
            recorder = cls(None, path=path, now=now)
            recorder._reason = str(error)
            return recorder
        except StoreError as error:
            return cls(None, NOT_SAVED.format(reason=str(error)))
        return cls(opened.store, notice=opened.notice)

    _reason = ""  # why writes wait, for SAVING_DELAYED

    def take_messages(self) -> list[str]:
        """What the player should be told now (each message once)."""
        with self._state:
            messages, self._messages = self._messages, []
        return messages

    def _say(self, message: str | None) -> None:
        if message:
            with self._state:
                self._messages.append(message)

    def started(self, session: Session) -> None:
        """Start one stored game per player."""
        at = self._now()
        writes = []
        with self._state:
            self._games = {}
            for player in session.players:
                number = self._games[player.name] = self._next_game
                self._next_game += 1
                writes.append(
                    GameStarted(
                        number,
                        player.name,
                        session.bank_name,
                        session.mode,
                        session.seed,
                        session.total,
                        at,
                    )
                )
        self._submit(*writes)

    def answered(self, session: Session, outcome: Outcome) -> None:
        """Keep the answer with the player's review card for the question."""
        asked = outcome.asked
        self._submit(
            AnswerGiven(
                self._games[outcome.player],
                outcome.player,
                asked.bank.name,
                asked.question,
                outcome.verdict.given,
                outcome.correct,
                outcome.points.total,
                outcome.seconds,
                outcome.hint_used,
                self._now(),
            ),
            later=True,
        )

    def finished(self, session: Session) -> None:
        """Mark every player's game finished."""
        at = self._now()
        bank = session.bank_name
        self._submit(*(GameFinished(game, name, bank, at) for name, game in self._games.items()))

    def prepare(self) -> None:
        """Start the store's integrity check and load what recording an answer needs (fsrs),
        so that the first answer is as quick as the others: called once the first question is
        on screen."""
        if self.store is not None:
            self.store.start_integrity_check()
            prepare_scheduler()

    def _submit(self, *writes: Write, later: bool = False) -> None:
        """Keep the writes in order; write them now (or, `later`, through `write_later`)
        unless earlier ones wait for a lock."""
        if not self._keeps:
            return
        with self._state:
            self._log.extend(writes)
            if self._stopped or self._retrying is not None:
                return  # the thread writes them in order
        if later and self.write_later is not None:
            self.write_later(self._write_now)
        else:
            self._write_now()

    def _write_now(self) -> None:
        """Write what waits, in order; leave it to the background thread if a lock stops it."""
        with self._writing:
            done = self._write_waiting()
        if not done:
            self._retry_in_background()

    def _write_waiting(self) -> bool:
        """Write every write not yet in the file, in order; True when none waits any more (or
        saving stopped), False when a lock stopped it (try again later)."""
        replacements = 0
        while True:
            with self._state:
                if self._stopped or self._written >= len(self._log):
                    return True
            store = self.store
            try:
                store = self._usable_store()
                if store is None:
                    return False
                if store.found_damage():
                    replacements += 1
                    store.replace_damaged()
                    self._say(store.take_notice())
                with self._state:
                    if store.generation != self._generation:  # a new file: write it all again
                        self._generation, self._written, self._ids = store.generation, 0, {}
                        continue
                    write = self._log[self._written]
                self._write(store, write)
            except StoreReplaced:
                continue
            except StoreLocked as error:
                self._reason = str(error)
                return False
            except (sqlite3.Error, StoreError) as error:
                if isinstance(error, sqlite3.Error) and is_busy(error):
                    self._reason = explain(error, self._store_path())
                    return False
                if (
                    isinstance(error, sqlite3.DatabaseError)
                    and is_corrupt(error)
                    and store is not None
                    and replacements < 3
                ):
                    replacements += 1  # damage met while writing: as if the check found it
                    store.replace_damaged()
                    self._say(store.take_notice())
                    continue
                reason = str(error)
                if isinstance(error, sqlite3.Error):
                    reason = explain(error, self._store_path())
                self._stop(reason)
                return True
            with self._state:
                self._written += 1

    def _write(self, store: Store, write: Write) -> None:
        """One write, into the file of `self._generation` (StoreReplaced if it moved since)."""
        generation = self._generation
        if isinstance(write, GameStarted):
            self._ids[write.game] = store.start_game(
                write.player,
                write.bank,
                write.mode,
                write.seed,
                write.questions,
                at=write.at,
                generation=generation,
            )
        elif isinstance(write, AnswerGiven):
            review, _due = next_review(
                store,
                write.player,
                write.bank,
                write.question,
                write.correct,
                write.hint_used,
                write.at,
            )
            store.record_answer(
                self._ids[write.game],
                write.bank,
                write.question,
                write.answer,
                write.correct,
                write.points,
                write.seconds,
                write.hint_used,
                review,
                at=write.at,
                generation=generation,
            )
        elif isinstance(write, GameFinished):
            store.finish_game(self._ids[write.game], at=write.at, generation=generation)
        else:
            assert_never(write)

    def _usable_store(self) -> Store | None:
        """The store, opened now if it was locked when the game started; None if still not."""
        if self.store is None and self._path is not None:
            opened = Store.open(
                self._path, self._now, check_later=True, busy_timeout=OPEN_WAIT_SECONDS
            )
            opened.store.busy_timeout = WRITE_WAIT_SECONDS
            opened.store.start_integrity_check()
            self._say(opened.notice)
            self.store = opened.store
        return self.store

    def _store_path(self) -> Path:
        return self.store.path if self.store is not None else self._path or Path("quiz.db")

    def _stop(self, reason: str) -> None:
        """Saving cannot go on: say why once; what waits is reported by `close`."""
        with self._state:
            self._stopped = True
            self._messages.append(NOT_SAVED.format(reason=reason))

    def _retry_in_background(self) -> None:
        with self._state:
            if self._retrying is None and not self._closing.is_set():
                self._retrying = threading.Thread(target=self._retry, daemon=True)
                self._retrying.start()

    def _retry(self) -> None:
        """The background thread: write what waits as soon as the store is free."""
        first_failure = time.monotonic()
        pause, longest = RETRY_PAUSE_SECONDS
        delayed = False
        while not self._closing.wait(pause):
            pause = min(pause * 2, longest)
            with self._writing:
                done = self._write_waiting()
            if (
                not done
                and not delayed
                and time.monotonic() - first_failure >= DELAY_NOTICE_SECONDS
            ):
                delayed = True
                self._say(SAVING_DELAYED.format(reason=self._reason))
            with self._state:
                if done and (self._stopped or self._written >= len(self._log)):
                    self._retrying = None
                    if delayed and not self._stopped:
                        self._messages.append(SAVED_NOW)
                    return

    def close(
        self,
        timeout: float = EXIT_WAIT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
    ) -> list[str]:
        """The game is over: write what still waits, trying for `timeout` seconds at most, and
        close the store; return what the player must be told (what could not be written).
        `on_wait` hears, once, why writes still wait if they do (before the wait)."""
        self._closing.set()
        deadline = time.monotonic() + timeout
        thread = self._retrying
        if thread is not None:
            thread.join(timeout)
        if self.store is not None:
            # Damage the check finds now still moves this game's answers to a new file.
            self.store.found_damage(wait=max(0.0, deadline - time.monotonic()))
        while True:
            with self._writing:
                if self.store is not None and not self._stopped:
                    with contextlib.suppress(StoreError, sqlite3.Error):
                        self.store.refresh()  # moved aside by another game since the last write?
                done = self._write_waiting()
            if done or time.monotonic() >= deadline:
                break
            if on_wait is not None:
                on_wait(self._reason or "the scores file is locked")
                on_wait = None
            time.sleep(0.1)
        with self._state:
            waiting = self._log[self._written :]
            if not done and waiting:
                self._stopped = True
        if self.store is not None:
            self.store.close()
        lines = self.take_messages()
        if waiting:
            reason = self._reason or "the scores file could not be used"
            lines += describe_unsaved(waiting, reason)
        return lines
