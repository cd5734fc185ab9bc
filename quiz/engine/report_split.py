"""A big answers report written by two processes, a half each (`quiz report --format csv|json`).

Python reads SQLite's values one at a time (the `sqlite3` module makes each a Python object),
and a school year of a class's answers is 3.6 million values: read by one process, the report
takes about 1.6× what the `sqlite3` shell takes for the same result. A second core takes half
of it. The report is split at the key (answered_at, id) of a middle answer: this process
writes the answers before that key, a forked child writes the rest into an anonymous file,
which this process then copies after its own. Measured in benchmarks/README.md; the trick is
listed in docs/architecture.md.

Why the two halves make one report, exactly:
- Both read only answers whose id is at most the highest id when the split was made. Answers
  are only ever added (never changed, never deleted), so whatever a game records between the
  two processes' snapshots, both halves read the same answers; split by key, none is
  repeated and none dropped.
- The child is forked before the store is opened, while the process has no other thread and
  no SQLite connection: what makes a fork safe. It opens its own connection, read-only, once
  told its half.
- The child's half is copied only if it finished and read the same file that this process
  finished on, in the same generation: when the store's integrity check finds the file
  damaged (it is replaced, as at open), when the child fails or dies, or the file was
  replaced, this process writes the second half itself. Nothing of a damaged file is written.

Where a fork is not safe or not worth it (not Linux, one core, a thread already running, a
report of fewer than SPLIT_ROWS answers), one process writes the whole report.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from quiz.engine.report_output import BATCH_ROWS
from quiz.engine.storefile import FileIdentity, identity_of

SPLIT_ROWS = 50_000
"""The fewest answers a report is split for: below, forking and copying cost more than the
second core saves (a class's term is about 30,000 answers)."""
SPLIT_FILE_BYTES = 8 << 20
"""The smallest store file a child is forked for, before the store is opened (a store holds
about 220 bytes an answer: 8 MiB is some 38,000): a small class's report forks nothing."""

Batches = Iterable[Sequence[tuple[Any, ...]]]
WriteRows = Callable[[Batches, TextIO], int]
"""Writes rows from batches to a text stream, as the rest of a report (no header, not
first); returns how many."""

_COPY_CHARACTERS = 1 << 20


def fork_is_safe() -> bool:
    """A fork here is safe and worth it: Linux (where a forked Python is well trodden), a second
    core to run on, and no thread in the process (a forked child would inherit the locks other
    threads hold)."""
    if sys.platform != "linux" or not hasattr(os, "sched_getaffinity"):
        return False
    if len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class SecondHalf:
    """A forked child waiting to write the second half of a report: `start` gives it its query,
    `copy_to` copies what it wrote, `dismiss` lets it go unused."""

    def __init__(self, pid: int, orders: int, results: int, output: BinaryIO) -> None:
        self._pid: int | None = pid
        self._orders: int | None = orders
        self._results = results
        self._output = output

    @classmethod
    def fork(cls, write: WriteRows, store: Path) -> SecondHalf | None:
        """A child that will write its half of a report from the store file at `store` with
        `write`; None where a fork is not safe (see `fork_is_safe`), the store is small, or the
        system refuses (too many processes, no temporary folder): one process writes it all.
        Call before this process opens the store, or any SQLite file."""
        try:
            if not fork_is_safe() or os.stat(store).st_size < SPLIT_FILE_BYTES:
                return None
            import tempfile  # here: 7 ms, for the reports that are split (docs/architecture.md)

            output = tempfile.TemporaryFile()  # noqa: SIM115 - the child writes it, this process reads it
        except OSError:
            return None
        pipes: list[int] = []
        try:
            pipes += os.pipe()
            pipes += os.pipe()
            orders_read, orders_write, results_read, results_write = pipes
            parent = os.getpid()
            pid = os.fork()
        except OSError:
            for end in pipes:
                os.close(end)
            output.close()
            return None
        if pid == 0:  # the child: it never returns, and leaves the parent's buffers unflushed
            code = 1
            try:
                os.close(orders_write)
                os.close(results_read)
                code = _write_half(orders_read, results_write, output, write, parent)
            finally:
                os._exit(code)
        os.close(orders_read)
        os.close(results_write)
        return cls(pid, orders_write, results_read, output)

    def start(self, path: Path, sql: str, parameters: Sequence[Any]) -> None:
        """Tell the child its half: the query (read-only) of the store file at `path`. The
        order is pickled: it goes to a fork of this very program, and a key read from a
        damaged store may be bytes."""
        order = pickle.dumps((str(path), sql, list(parameters)))
        assert self._orders is not None, "a second half is started once"
        try:
            with open(self._orders, "wb") as orders:
                self._orders = None
                orders.write(order)
        except BrokenPipeError:
            pass  # the child is gone: `copy_to` finds nothing, and the caller writes the half

    def copy_to(
        self, out: TextIO, identity: FileIdentity | None, first: Callable[[str], str] = str
    ) -> int | None:
        """Wait for the child; copy what it wrote to `out` (its first text through `first`) and
        return its row count, if it finished and read the file of `identity`. None (and nothing
        copied) if it did not: the caller writes the half itself."""
        with open(self._results, "rb") as results:
            self._results = -1
            said = results.read()
        self._reap()
        try:
            rows, read = pickle.loads(said)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None  # the child failed or died before it said anything
        if read != identity:
            return None
        self._output.seek(0)
        text = io.TextIOWrapper(self._output, encoding="utf-8", newline="")
        chunk = _lines(text)
        chunk = first(chunk) if chunk else chunk
        while chunk:
            out.write(chunk)
            chunk = _lines(text)
        text.close()
        return int(rows)

    def dismiss(self) -> None:
        """Let the child go and wait for it: unstarted, it exits; started and not copied (the
        report failed), it is stopped. Safe to call twice."""
        if self._orders is not None:
            os.close(self._orders)
            self._orders = None
        elif self._pid is not None:
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(self._pid, signal.SIGKILL)
        if self._results >= 0:
            os.close(self._results)
            self._results = -1
        self._reap()
        self._output.close()

    def _reap(self) -> None:
        """Wait for the child to end (the system may have reaped it: SIGCHLD ignored)."""
        if self._pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None


def _lines(text: TextIO) -> str:
    """The next text to copy, whole lines only: a line end is never cut in two, and the output
    (terminal-safe standard output among them) sees a line's `\r\n` together."""
    chunk = text.read(_COPY_CHARACTERS)
    return chunk + text.readline() if chunk and not chunk.endswith("\n") else chunk


def _write_half(orders: int, results: int, output: BinaryIO, write: WriteRows, parent: int) -> int:
    """The child's whole life: wait for an order, write its half to `output`, tell the parent
    how many rows and which file it read. Returns the exit code; stops if the parent is gone
    (killed alone, e.g. by `timeout`), rather than keep its output streams open."""
    with open(orders, "rb") as pipe:
        said = pipe.read()
    if not said:
        return 0  # dismissed
    place, sql, parameters = pickle.loads(said)
    path = Path(place)
    identity = identity_of(path)
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    connection.execute("PRAGMA threads = 1")
    cursor = connection.execute(sql, parameters)
    text = io.TextIOWrapper(output, encoding="utf-8", newline="")
    rows = write(_while_parent_lives(iter(partial(cursor.fetchmany, BATCH_ROWS), []), parent), text)
    text.flush()
    connection.close()
    if identity is None or identity_of(path) != identity:
        return 1
    with open(results, "wb") as pipe:
        pipe.write(pickle.dumps((rows, identity)))
    return 0


def _while_parent_lives(batches: Batches, parent: int) -> Iterator[Sequence[tuple[Any, ...]]]:
    """The batches, while the parent process lives: an orphaned child stops (exit code 1)."""
    for batch in batches:
        if os.getppid() != parent:
            raise SystemExit(1)
        yield batch
