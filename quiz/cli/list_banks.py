"""`quiz list`: each bank found, with its title, question count and topics."""

from __future__ import annotations

import argparse

from quiz.cli.common import CommandError, add_paths, plural, print_error, say
from quiz.engine.discovery import load_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)


def run(args: argparse.Namespace) -> int:
    library = load_library(args.paths)
    for bank in library.banks:
        say(f"{bank.name}: {bank.title} ({plural(len(bank.questions), 'question')})")
        say(f"  file: {bank.path}")
        say(f"  topics: {', '.join(bank.topics)}")
    for error in library.errors:
        say(str(error), err=True)
    if not library.banks:
        raise CommandError(
            "no valid banks; run 'quiz validate' for details"
            if library.errors
            else "no banks found"
        )
    if library.errors:
        print_error(f"{plural(len(library.errors), 'error')}; run 'quiz validate' for details")
    return 0
