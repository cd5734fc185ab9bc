"""`quiz new`: write a starter bank (with the schema, and the source text when given)."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.cli.common import CommandError, add_force, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the new bank, e.g. my-bank.yaml")
    parser.add_argument(
        "--source",
        type=Path,
        metavar="TEXT_FILE",
        help="the source text: copied beside the bank, contexts taken from it",
    )
    add_force(parser)


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.starter import StarterError, write_starter

    try:
        written = write_starter(args.file, args.source, force=args.force)
    except StarterError as error:
        raise CommandError(str(error)) from None
    sources = args.file.parent / "sources"
    for path in written:
        say(f"wrote {path}")
        if args.source is not None and path.parent == sources and path.name != args.source.name:
            say(f"  ({sources / args.source.name} holds another text; the new bank uses this one)")
    say(
        f"next: edit {args.file}, then run 'quiz validate {args.file}' "
        f"or preview it with 'quiz play {args.file} --watch'"
    )
    return 0
