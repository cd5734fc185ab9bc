"""The files commands are given to read and write: one rule for each direction.

Reading (`read_input`): only a regular file, and at most `MAX_FILE_BYTES`. A FIFO would make
the command wait for ever, `/dev/zero` would fill the memory, a huge text would take gigabytes;
each is refused with a reason instead. The file is opened without blocking and checked on the
open handle, so what is checked is what is read.

Writing (`write_output`), for every command that writes a file (`export`, `report`, `import`,
`new`, and any later one):
- never over an input of the same command, nor over the store of games and answers (or its
  journal files), whatever the options;
- never over an existing file unless the user said `--force` (`force=True`);
- the data goes to a temporary file in the same folder, which is then renamed over the target:
  an interrupted write leaves the old file whole, and never a half-written new one.
Devices and pipes (`-o /dev/stdout`, `-o >(gzip)`) are written to directly: they are streams,
not files to replace.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from quiz.engine.paths import store_path

MAX_FILE_BYTES = 8 * 1024 * 1024
"""The most a bank, a source text or a file to import may hold (10,000 questions take about
4 MB)."""

STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")
"""The store's file and SQLite's companions beside it, none of which a command may write."""


class FileRefused(Exception):
    """A file cannot be read or written. `reason` says why, without the file's name: the
    caller names the file the way its messages do."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_input(path: Path, *, what: str = "files", advice: str = "") -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or FileRefused saying why not.

    `what` names such files in the size message (`banks are limited to 8 MB`), followed by
    `advice` when given."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except ValueError:  # a NUL in the name
        raise FileRefused("the name contains a NUL character") from None
    except OSError as error:
        raise FileRefused(_strerror(error)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("it is not a regular file (a device, a pipe or a socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise FileRefused(_too_large(info.st_size, what, advice))
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileRefused(_strerror(error)) from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise FileRefused(_too_large(len(data), what, advice))
    return data


def _too_large(size: int, what: str, advice: str) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"the file is {size:,} bytes; {what} are limited to {limit} MB" + (
        f", {advice}" if advice else ""
    )


def _strerror(error: OSError) -> str:
    return error.strerror or str(error)


def write_output(
    target: Path,
    data: bytes,
    *,
    inputs: Iterable[Path] = (),
    force: bool = False,
) -> None:
    """Write `data` to `target` whole, by the rules above; FileRefused when a rule or the
    system says no (nothing is then changed). `inputs` are the files the command read."""
    write_output_from(target, lambda handle: handle.write(data), inputs=inputs, force=force)


def write_output_from(
    target: Path,
    write: Callable[[BinaryIO], object],
    *,
    inputs: Iterable[Path] = (),
    force: bool = False,
) -> None:
    """`write_output` for an output made as it is written (a report of a year of answers):
    `write` writes it into the handle it is given, by the same rules."""
    real, existing = _check(target, inputs, force)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_stream(real, write)
    else:
        _write_whole(real, write, existing)


def check_output(target: Path, *, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """FileRefused now if `write_output` would refuse `target` for its rules: for a command
    that writes several files, before it writes the first."""
    _check(target, inputs, force)


def _check(target: Path, inputs: Iterable[Path], force: bool) -> tuple[Path, os.stat_result | None]:
    """The target's real path and what is there now (None: nothing), or FileRefused."""
    try:
        real = Path(os.path.realpath(target))
    except ValueError:
        raise FileRefused("the name contains a NUL character") from None
    _refuse_protected(real, inputs)
    try:
        existing = os.stat(real)
    except FileNotFoundError:
        return real, None
    except OSError as error:
        raise FileRefused(_strerror(error)) from None
    if stat.S_ISDIR(existing.st_mode):
        raise FileRefused("it is a folder")
    if stat.S_ISREG(existing.st_mode) and not force:
        raise FileRefused("it already exists; add --force to replace it")
    return real, existing


def _refuse_protected(real: Path, inputs: Iterable[Path]) -> None:
    """Refuse the store (by name, even before it exists) and the command's inputs (by identity:
    links and other names of the same file count)."""
    store = os.path.realpath(store_path())
    if str(real) in {store + suffix for suffix in STORE_SUFFIXES}:
        raise FileRefused("it is the store of games and answers; choose another file")
    protected = [
        (Path(store + suffix), "the store of games and answers") for suffix in STORE_SUFFIXES
    ]
    protected += [(path, "a file this command reads") for path in inputs]
    try:
        written = os.stat(real)
    except (OSError, ValueError):
        return  # a file that does not exist is nobody's input
    for path, role in protected:
        with contextlib.suppress(OSError, ValueError):
            if os.path.samestat(written, os.stat(path)):
                raise FileRefused(f"it is {role}; choose another file")


def _write_stream(real: Path, write: Callable[[BinaryIO], object]) -> None:
    """A device or a pipe: write into it."""
    try:
        with open(real, "wb") as handle:
            write(handle)
    except OSError as error:
        raise FileRefused(_strerror(error)) from None


def _write_whole(
    real: Path, write: Callable[[BinaryIO], object], existing: os.stat_result | None
) -> None:
    """Write a temporary file beside `real`, then rename it into place (without replacing a
    file that appeared meanwhile, unless one was there to replace)."""
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise FileRefused(_strerror(error)) from None
    try:
        with open(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        if existing is not None:
            os.replace(temporary, real)
        else:
            _rename_without_replacing(temporary, real)
    except OSError as error:
        raise FileRefused(_strerror(error)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_folder(real.parent)


def _rename_without_replacing(temporary: str, real: Path) -> None:
    """Give the temporary file its name, unless a file of that name appeared since the check
    (a hard link fails then; where links are not supported, check again and rename)."""
    try:
        os.link(temporary, real)
    except FileExistsError:
        raise FileRefused("it already exists; add --force to replace it") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if real.exists():
            raise FileRefused("it already exists; add --force to replace it") from None
        os.replace(temporary, real)


def _umask() -> int:
    """The process's umask (read by setting it and back: there is no other way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the system allows it (POSIX); best effort."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
