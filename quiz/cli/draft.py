"""`quiz draft`: a draft bank from an article, for the teacher to review, edit and play."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.cli.common import CommandError, add_force, question_count, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", type=Path, metavar="ARTICLE", help="the article, as plain text")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="BANK.yaml",
        help="the draft bank to write (default: ARTICLE's name with .yaml, here)",
    )
    parser.add_argument("--title", metavar="TITLE", help="the bank's title (default: the headline)")
    parser.add_argument(
        "--count", type=question_count, metavar="N", help="keep the N best questions (default: all)"
    )
    add_force(parser)
    parser.add_argument(
        "--play", action="store_true", help="then preview it, reloading on every save (--watch)"
    )


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.draft import DraftError, write_draft
    from quiz.authoring.starter import StarterError

    output: Path = args.output or Path(args.article.stem + ".yaml")
    try:
        written = write_draft(
            args.article, output, args.title, args.count or None, force=args.force
        )
    except (DraftError, StarterError) as error:
        raise CommandError(str(error)) from None
    for path in written:
        say(f"wrote {path}")
    say(
        f"next: review each question marked '# draft:' in {output}, then run "
        f"'quiz validate {output}' and 'quiz play {output} --watch'"
    )
    if args.play:
        from quiz.cli import main

        return main(["play", str(output), "--watch"])
    return 0
