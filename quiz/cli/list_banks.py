"""`quiz list`: each bank found, with its title, question count and topics."""

from __future__ import annotations

import argparse
import sys

from quiz.cli.common import CommandError, add_paths, plural, print_error
from quiz.engine.discovery import load_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)


def run(args: argparse.Namespace) -> int:
    library = load_library(args.paths)
    for bank in library.banks:
        print(f"{bank.name}: {bank.title} ({plural(len(bank.questions), 'question')})")
        print(f"  file: {bank.path}")
        print(f"  topics: {', '.join(bank.topics)}")
    for error in library.errors:
        print(error, file=sys.stderr)
    if library.errors:
        print_error(f"{plural(len(library.errors), 'error')}; run 'quiz validate' for details")
    if not library.banks:
        raise CommandError("no banks found")
    return 0
