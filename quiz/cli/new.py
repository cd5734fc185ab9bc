"""`quiz new`: write a starter bank (with the schema, and the source text when given)."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.cli.common import CommandError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the new bank, e.g. my-bank.yaml")
    parser.add_argument(
        "--source",
        type=Path,
        metavar="TEXT_FILE",
        help="the source text: copied beside the bank, contexts taken from it",
    )


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.starter import StarterError, write_starter

    try:
        written = write_starter(args.file, args.source)
    except StarterError as error:
        raise CommandError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    print(
        f"next: edit {args.file}, then run 'quiz validate {args.file}' "
        f"or preview it with 'quiz play {args.file} --watch'"
    )
    return 0
