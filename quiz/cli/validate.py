"""`quiz validate`: every mistake in the banks, one line each (`file:line:col: error: ...`), as
text or JSON; with `--watch`, again after every save."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from quiz.cli.common import CommandError, add_paths, plural, say
from quiz.engine.discovery import load_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--watch", action="store_true", help="check again each time a file is saved"
    )


def run(args: argparse.Namespace) -> int:
    if args.watch:
        return watch(args.paths, args.format)
    return check(args.paths, args.format)


def check(paths: Sequence[Path], output: str = "text") -> int:
    """One line per problem and a summary; 0 when every bank is valid, 1 otherwise (and
    CommandError when there are no banks at all)."""
    library = load_library(paths)
    if output == "json":
        say(json.dumps([error.as_dict() for error in library.errors], indent=2, ensure_ascii=False))
    else:
        for error in library.errors:
            say(str(error))
    if not library.files and not library.errors:
        raise CommandError("no banks found")
    if output == "text":
        summary = (
            f"{plural(len(library.banks), 'bank')}, {plural(library.question_count, 'question')}"
        )
        if library.errors:
            invalid = library.files - len(library.banks)
            say(
                f"{plural(len(library.errors), 'error')} in {plural(invalid, 'bank')}; "
                f"valid: {summary}"
            )
        else:
            say(f"all valid: {summary}")
    return 1 if library.errors else 0


def watch(
    paths: Sequence[Path], output: str, interval: float = 0.5, rounds: int | None = None
) -> int:
    """Check now, then again after every save, until Ctrl+C (or `rounds` checks, for tests)."""
    from quiz.engine.watch import FileWatcher

    watcher = FileWatcher(paths)
    _check_and_go_on(paths, output)
    say(f"-- watching {len(paths) or 'the default'} path(s); Ctrl+C stops", flush=True)
    checks = 0
    try:
        while rounds is None or checks < rounds:
            time.sleep(interval)
            checks += 1
            if watcher.changed():
                say(f"-- {datetime.now().strftime('%H:%M:%S')} changed, checking again", flush=True)
                _check_and_go_on(paths, output)
    except KeyboardInterrupt:
        pass
    return 0


def _check_and_go_on(paths: Sequence[Path], output: str) -> None:
    """A check while watching: what would end `quiz validate` is said, and watching goes on."""
    try:
        check(paths, output)
    except CommandError as error:
        say(str(error), err=True)
