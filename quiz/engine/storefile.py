"""The scores file as a file: which file it is, the lock beside it, making a new one whole and
moving a damaged one aside.

SQLite lets many games write to one store; it does not guard the file itself being replaced,
and a game still writing to a file another game has moved aside would scatter the class's
answers. So every process that uses the store keeps three rules (docs/architecture.md):

- The file changes shape (is made, set up, migrated or moved aside) only under the exclusive
  lock on `quiz.db.lock`; every write transaction holds the shared lock and first checks that
  the file at the store's path is still the one its connection has open (`FileIdentity`).
- A new store appears whole: it is built under a temporary name and renamed into place, so that
  no game opens a half-made file, and no two games set one up at once.
- A damaged file is moved aside only if it is still the one that was found damaged: of several
  games that find the same damage, the first moves it and starts a new store; the others use
  that one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

SIDE_FILES = ("-wal", "-shm")
"""The files SQLite keeps beside a store in WAL mode, named after it."""


class StoreError(Exception):
    """The store cannot be used; the message says why, in words for a player or teacher."""


class StoreLocked(StoreError):
    """The store stayed locked for longer than the caller would wait: trying again later may
    work."""


class FileIdentity(NamedTuple):
    """Which file a path names (device and inode): a file moved aside and a new one put in its
    place have different identities."""

    device: int
    inode: int


def identity_of(path: Path) -> FileIdentity | None:
    """The identity of the store file at `path`, or None when there is none.

    Raises StoreError when `path` is something a store cannot be: a folder, a FIFO or device,
    or a file this user may not read."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"the scores file {path} cannot be reached: {_reason(error)}") from None
    if stat.S_ISDIR(found.st_mode):
        raise StoreError(
            f"the scores file {path} is a folder; move it away (or set QUIZ_HOME elsewhere)"
        )
    if not stat.S_ISREG(found.st_mode):
        raise StoreError(f"the scores file {path} is not a regular file; move it away")
    if not os.access(path, os.R_OK):
        raise StoreError(f"the scores file {path} cannot be read: permission denied")
    return FileIdentity(found.st_dev, found.st_ino)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


class StoreLock:
    """The lock file beside the store (`quiz.db.lock`): shared while a game writes, exclusive
    while the file changes shape. Held per open file, so two stores in one process exclude each
    other as two processes do; the system frees it when a process dies."""

    def __init__(self, store: Path) -> None:
        self.path = store.with_name(store.name + ".lock")
        self._fd: int | None = None

    def acquire(self, *, exclusive: bool, timeout: float) -> None:
        """Take the lock, waiting up to `timeout` seconds; raises StoreLocked after that, and
        StoreError when the lock file cannot be made (a read-only folder)."""
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise StoreError(
                    f"the scores file {self.path.with_suffix('')} cannot be written "
                    f"(cannot make {self.path.name}: {_reason(error)})"
                ) from None
        deadline = time.monotonic() + timeout
        pause = 0.002
        while not _try_lock(self._fd, exclusive):
            if time.monotonic() >= deadline:
                raise StoreLocked(
                    f"the scores file {self.path.with_suffix('')} is busy: another game is "
                    "setting it up or moving it aside"
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def release(self) -> None:
        """Let the lock go (the lock file stays open for the next time)."""
        if self._fd is not None:
            _unlock(self._fd)

    def close(self) -> None:
        """Let the lock go and close the lock file."""
        if self._fd is not None:
            os.close(self._fd)  # closing frees the lock
            self._fd = None

    @contextlib.contextmanager
    def held(self, *, exclusive: bool, timeout: float) -> Iterator[None]:
        """The lock, held for a `with` block."""
        self.acquire(exclusive=exclusive, timeout=timeout)
        try:
            yield
        finally:
            self.release()


if sys.platform == "win32":  # pragma: no cover - Windows has one kind of lock: exclusive
    import msvcrt

    def _try_lock(fd: int, exclusive: bool) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def build_new(
    path: Path, set_up: Callable[[sqlite3.Connection], None], now: Callable[[], datetime]
) -> None:
    """Make a new store at `path` whole: set up (schema, WAL mode) under a temporary name in the
    same folder, then renamed into place. Call with the exclusive lock held, when there is no
    file at `path`; side files left without their store are moved aside first (never deleted),
    so that the new store cannot take them for its own."""
    for suffix in SIDE_FILES:
        orphan = path.with_name(path.name + suffix)
        if orphan.exists():
            orphan.rename(_free_name(path, "orphan", now(), suffix))
    temporary = path.with_name(f"{path.name}.new-{os.getpid()}")
    for leftover in (temporary, *(temporary.with_name(temporary.name + s) for s in SIDE_FILES)):
        leftover.unlink(missing_ok=True)  # our own, from a process of ours that died making it
    connection = sqlite3.connect(temporary, isolation_level=None)
    try:
        set_up(connection)
    finally:
        connection.close()  # the last connection: its WAL is written back and removed
    for suffix in SIDE_FILES:
        side = temporary.with_name(temporary.name + suffix)
        if side.exists() and side.stat().st_size:
            raise StoreError(f"the new scores file {path} could not be finished ({side.name})")
        side.unlink(missing_ok=True)
    os.replace(temporary, path)


def move_aside(path: Path, moment: datetime) -> Path:
    """Rename a damaged store (and its side files) to `quiz.db.corrupt-<time>`; never delete it.
    Call with the exclusive lock held, after checking it is still the file found damaged."""
    target = _free_name(path, "corrupt", moment)
    path.rename(target)
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _free_name(path: Path, kind: str, moment: datetime, suffix: str = "") -> Path:
    """`quiz.db.<kind>-<time>` (then `-2`, `-3`, ...), not yet taken."""
    stem = f"{path.name}.{kind}-{moment.strftime('%Y%m%d-%H%M%S')}"
    target = path.with_name(stem + suffix)
    number = 1
    while target.exists() or target.with_name(target.name + "-wal").exists():
        number += 1
        target = path.with_name(f"{stem}-{number}{suffix}")
    return target


def is_busy(error: sqlite3.Error) -> bool:
    """Whether an SQLite error means another connection holds a lock (try again later)."""
    text = str(error).lower()
    return "locked" in text or "busy" in text


def is_corrupt(error: sqlite3.Error) -> bool:
    """Whether an SQLite error means the file is damaged (or not a database at all)."""
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError that says why an SQLite error stops the store (StoreLocked for a lock)."""
    return (StoreLocked if is_busy(error) else StoreError)(explain(error, path))


def explain(error: sqlite3.Error, path: Path) -> str:
    """One sentence for a player or teacher on why the store cannot be used."""
    text = str(error).lower()
    if is_busy(error):
        return f"the scores file {path} is locked by another program"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"the scores file {path} cannot be written (a read-only folder?)"
    if "full" in text:
        return f"the scores file {path} cannot grow: the disk is full"
    return f"the scores file {path} cannot be used: {error}"
