"""What several subcommands share: the one error type, argument types, the store, the terminal.

Kept light (the standard library only, engine modules imported where used): every command,
the game's start-up included, imports it.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO, cast

if TYPE_CHECKING:
    from datetime import datetime

    from quiz.engine.store import Store


class CommandError(Exception):
    """The command cannot do its work: `main` prints one line on stderr and exits `status`.

    The line is `quiz: MESSAGE`, or `FILE:LINE:COL: error: MESSAGE` when `where` names the place
    in a file (as `quiz validate` does). Status 1 for a problem with the banks, files, store or
    environment; 2 for a usage error (options that cannot go together, a value out of range)."""

    def __init__(self, message: str, status: int = 1, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.where = where

    def __str__(self) -> str:
        line = f"{self.where}: error: {self.message}" if self.where else f"quiz: {self.message}"
        return _terminal_safe(line)


def say(text: str = "", *, err: bool = False, flush: bool = False) -> None:
    """Print a line (or lines) on stdout, or stderr with `err`: the only way commands print, so
    that text from a file, the store or a person never reaches the terminal as escape codes
    (control and bidi characters are shown as `\\x1b`; see quiz.engine.terminal_safety)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(_terminal_safe(text, multiline=True) + "\n")
    if flush:
        stream.flush()


def write_out(text: str) -> None:
    """Write a whole output (a report, an export, the schema) to stdout, terminal-safe."""
    sys.stdout.write(_terminal_safe(text, multiline=True))


def print_error(message: str) -> None:
    """Tell the user on stderr, as one line `quiz: MESSAGE` (errors, warnings and notices)."""
    say(f"quiz: {_terminal_safe(message)}", err=True)


def _terminal_safe(text: str, *, multiline: bool = False) -> str:
    from quiz.engine.terminal_safety import terminal_safe

    return terminal_safe(text, multiline=multiline)


def plural(count: int, word: str) -> str:
    """`1 bank`, `2 banks`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def add_paths(parser: argparse.ArgumentParser) -> None:
    """The bank files or folders a command reads."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bank files or folders (default: the bundled banks and QUIZ_PATH)",
    )


def question_count(text: str) -> int:
    """`--count`: a whole number of at least 1, or `all` (returned as 0)."""
    if text.strip().lower() == "all":
        return 0
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of questions") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the number of questions must be at least 1")
    return value


def since_date(text: str) -> datetime:
    """`--since`: a date, or a date and time."""
    from quiz.engine.reports import DateOutOfRange, parse_since

    try:
        return parse_since(text)
    except DateOutOfRange:
        raise argparse.ArgumentTypeError(f"'{text}' is too far in the past or future") from None
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-28") from None


SEED_DIGITS = 18
"""A seed is kept in the store, as a 64-bit number: at most 18 digits, to say it simply."""


def seed_number(text: str) -> int:
    """`--seed`: a whole number of at most SEED_DIGITS digits."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if abs(value) >= 10**SEED_DIGITS:
        raise argparse.ArgumentTypeError(f"a seed has at most {SEED_DIGITS} digits")
    return value


def port_number(text: str) -> int:
    """`--port`: 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535")
    return value


def at_least_one(text: str) -> int:
    """A whole number of at least 1 (`--max-games`)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("it must be at least 1")
    return value


def add_output(parser: argparse.ArgumentParser, help: str) -> None:
    """`-o FILE` and `--force`: every command that writes a file takes both."""
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=help)
    add_force(parser)


def add_force(parser: argparse.ArgumentParser) -> None:
    """`--force`: replace an existing file (never an input, never the store)."""
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")


def read_file(path: Path, what: str = "files") -> bytes:
    """A file the command was given: a regular file within the size limit, or CommandError."""
    from quiz.engine.files import FileRefused, read_input

    try:
        return read_input(path, what=what)
    except FileRefused as refused:
        raise CommandError(f"cannot read {path}: {refused.reason}") from None


def write_file(
    path: Path,
    content: str | bytes,
    *,
    inputs: Sequence[Path] = (),
    force: bool = False,
    encoding: str = "utf-8",
) -> None:
    """Write a command's output by the one rule (quiz.engine.files.write_output): never over an
    input or the store, never over an existing file without `--force`, whole or not at all."""
    from quiz.engine.files import FileRefused, write_output

    data = content.encode(encoding) if isinstance(content, str) else content
    try:
        write_output(path, data, inputs=inputs, force=force)
    except FileRefused as refused:
        raise CommandError(f"cannot write {path}: {refused.reason}") from None


def write_file_from(
    path: Path,
    write: Callable[[TextIO], int],
    *,
    inputs: Sequence[Path] = (),
    force: bool = False,
    encoding: str = "utf-8",
) -> int:
    """`write_file` for an output written as it is made (`write` writes text into the stream it
    is given and returns what it counted, e.g. rows): by the same rule, never held whole."""
    from quiz.engine.files import FileRefused, write_output_from

    counted = 0

    def write_bytes(handle: BinaryIO) -> None:
        nonlocal counted
        text = io.TextIOWrapper(handle, encoding=encoding, newline="", write_through=False)
        counted = write(text)
        text.flush()
        text.detach()  # the handle stays open for the rule's fsync and rename

    try:
        write_output_from(path, write_bytes, inputs=inputs, force=force)
    except FileRefused as refused:
        raise CommandError(f"cannot write {path}: {refused.reason}") from None
    return counted


class _TerminalSafeWriter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(_terminal_safe(text, multiline=True))
        return len(text)


def terminal_safe_stdout() -> TextIO:
    """Standard output as a text stream that makes what is written through it terminal-safe:
    for outputs printed as they are made (see `write_out`)."""
    return cast(TextIO, _TerminalSafeWriter(sys.stdout))


def check_file(path: Path, *, inputs: Sequence[Path] = (), force: bool = False) -> None:
    """CommandError now if `write_file` would refuse `path`: for a command that writes other
    files first."""
    from quiz.engine.files import FileRefused, check_output

    try:
        check_output(path, inputs=inputs, force=force)
    except FileRefused as refused:
        raise CommandError(f"cannot write {path}: {refused.reason}") from None


def open_store(*, check_started: bool = False) -> Store:
    """The store of games and answers (created or migrated as needed); its notice, if any,
    printed (e.g. that a damaged store was moved aside). With `check_started`, the file's
    integrity check is started but not awaited: for a command that reads only through
    `Store.batches` (which waits for it) and prints `take_notice()` at its end."""
    from quiz.engine.paths import store_path
    from quiz.engine.store import Store, StoreError

    try:
        opened = Store.open(store_path(), check_later=check_started)
    except StoreError as error:
        raise CommandError(str(error)) from None
    if opened.notice:
        print_error(opened.notice)
    if check_started:
        opened.store.start_integrity_check()
    return opened.store


def has_terminal() -> bool:
    """Whether the game can draw: a terminal on both ends, or Textual's web driver (browsers)."""
    if "web" in os.environ.get("TEXTUAL_DRIVER", "").lower():
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()
