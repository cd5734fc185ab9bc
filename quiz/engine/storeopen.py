"""Opening the scores file: a connection to the file at the store's path, made whole when there
is none, set up or migrated when it is old, moved aside and replaced when it is damaged (once,
whatever the number of games that find it so), following the rules of `quiz.engine.storefile`;
and the integrity check that finds damage deep in a file.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from quiz.engine.storefile import (
    FileIdentity,
    StoreError,
    StoreLock,
    build_new,
    identity_of,
    is_corrupt,
    move_aside,
    store_error,
)
from quiz.engine.storeschema import Damaged, judge, set_up, set_up_new

OPEN_ATTEMPTS = 5
"""How many times opening starts again when the file changes under it (another game moving a
damaged file aside and making a new one) before it gives up."""

CHECK_TIMEOUT_SECONDS = 10.0
"""How long the integrity check waits for a lock before it gives up (finding nothing)."""


class StoreFile:
    """The file at a store's path, as a game opens it (see the module's docstring)."""

    def __init__(self, path: Path, now: Callable[[], datetime], busy_timeout: float) -> None:
        self.path = path
        self.now = now
        self.busy_timeout = busy_timeout
        self.notices: list[str] = []
        """What the player should be told (a damaged file replaced), for the store to pass on."""

    def attach(self) -> tuple[sqlite3.Connection, FileIdentity]:
        """A connection to the file at the path, and which file it is: made whole if there is
        none, set up or migrated if it is old, moved aside and replaced if it is damaged."""
        for _ in range(OPEN_ATTEMPTS):
            found = identity_of(self.path)
            if found is None:
                self._with_exclusive_lock(None, lambda: None)  # makes a new store
                continue
            try:
                connection = self._connect_to(found)
            except (Damaged, sqlite3.DatabaseError) as error:
                if identity_of(self.path) != found:
                    continue  # moved while it opened: open what is there now
                if isinstance(error, sqlite3.DatabaseError) and not is_corrupt(error):
                    raise store_error(error, self.path) from None
                self.replace(found)
                continue
            if connection is not None:
                return connection, found
        raise StoreError(f"the scores file {self.path} kept changing while it was opened")

    def _connect_to(self, found: FileIdentity) -> sqlite3.Connection | None:
        """A connection to the file `found` if it is ready for games; None after setting it up
        or migrating it, or when it moved meanwhile (open again)."""
        connection = self.connect()
        try:
            state = judge(connection, self.path)
        except BaseException:
            connection.close()
            raise
        if identity_of(self.path) == found and state.ready:
            return connection
        connection.close()
        if not state.ready:
            self._with_exclusive_lock(found, self._set_up)
        return None

    def connect(self) -> sqlite3.Connection:
        """A connection to the file at the path, never creating one (`mode=rw`)."""
        connection = sqlite3.connect(
            f"{self.path.absolute().as_uri()}?mode=rw",
            uri=True,
            timeout=self.busy_timeout,
            isolation_level=None,
            check_same_thread=False,  # a game's recorder writes from a thread too (Store._uses)
        )
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # In WAL mode, NORMAL keeps every commit through a crash of the game (only a power
            # cut may lose the last ones) without waiting for the disk at each answer.
            connection.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            connection.close()
            raise
        return connection

    def _set_up(self) -> None:
        connection = self.connect()
        try:
            set_up(connection, self.path, self.busy_timeout)
        finally:
            connection.close()

    def _with_exclusive_lock(self, found: FileIdentity | None, action: Callable[[], None]) -> None:
        """Run `action` under the exclusive lock if the file at the path is still `found`; with
        no file there, make a new store instead. A damaged file's errors pass through (Damaged,
        sqlite3.DatabaseError) for the caller to move it aside; others become StoreErrors."""
        lock = StoreLock(self.path)
        try:
            with lock.held(exclusive=True, timeout=self.busy_timeout):
                now = identity_of(self.path)
                if now is None:
                    build_new(self.path, set_up_new, self.now)
                elif now == found:
                    action()
        except sqlite3.Error as error:
            if isinstance(error, sqlite3.DatabaseError) and is_corrupt(error):
                raise
            raise store_error(error, self.path) from None
        except OSError as error:
            raise StoreError(
                f"the scores file {self.path} cannot be written: {error.strerror or error}"
            ) from None
        finally:
            lock.close()

    def replace(self, found: FileIdentity) -> None:
        """Move the damaged file `found` aside and make a new store, unless another game did."""
        moved: list[Path] = []

        def move() -> None:
            moved.append(move_aside(self.path, self.now()))
            build_new(self.path, set_up_new, self.now)

        self._with_exclusive_lock(found, move)
        if moved:
            self.notices.append(
                f"The scores file was damaged; it was moved to {moved[0]} "
                "and a new one was started."
            )
        else:
            self.notices.append(
                "The scores file was damaged; another game moved it aside and started a "
                "new one, which this game uses."
            )


class IntegrityCheck:
    """SQLite's quick_check of one file, in a thread, on a read-only connection of its own; its
    result holds only if the path still named that file before and after."""

    def __init__(self, path: Path, identity: FileIdentity, generation: int) -> None:
        self.path = path
        self.identity = identity
        self.generation = generation
        self._damaged: bool | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        try:
            if identity_of(self.path) != self.identity:
                return
            connection = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode=ro", uri=True, timeout=CHECK_TIMEOUT_SECONDS
            )
            try:
                damaged = connection.execute("PRAGMA quick_check").fetchone()[0] != "ok"
            finally:
                connection.close()
            if identity_of(self.path) == self.identity:
                self._damaged = damaged
        except sqlite3.DatabaseError as error:
            if is_corrupt(error) and identity_of(self.path) == self.identity:
                self._damaged = True
        except (sqlite3.Error, StoreError):
            pass  # locked or gone: a check that cannot run finds nothing
        finally:
            self._done.set()

    def result(self, wait: float | None = 0.0) -> bool | None:
        """True if the file is damaged, False if not, None while unknown; `wait` seconds at
        most for the check to finish (None: until it does)."""
        self._done.wait(wait)
        return self._damaged if self._done.is_set() else None
