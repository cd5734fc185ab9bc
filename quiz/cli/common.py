"""What several subcommands share: the one error type, argument types, the store, the terminal.

Kept light (the standard library only, engine modules imported where used): every command,
the game's start-up included, imports it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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
        return f"{self.where}: error: {self.message}" if self.where else f"quiz: {self.message}"


def print_error(message: str) -> None:
    """Tell the user on stderr, as `quiz: MESSAGE` (errors, warnings and notices alike)."""
    print(f"quiz: {message}", file=sys.stderr)


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
    from quiz.engine.reports import parse_since

    try:
        return parse_since(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-28") from None


def open_store() -> Store:
    """The store of games and answers (created or migrated as needed); its notice, if any,
    printed (e.g. that a damaged store was moved aside)."""
    from quiz.engine.paths import store_path
    from quiz.engine.store import Store, StoreError

    try:
        opened = Store.open(store_path())
    except StoreError as error:
        raise CommandError(str(error)) from None
    if opened.notice:
        print_error(opened.notice)
    return opened.store


def has_terminal() -> bool:
    """Whether the game can draw: a terminal on both ends, or Textual's web driver (browsers)."""
    if "web" in os.environ.get("TEXTUAL_DRIVER", "").lower():
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()
