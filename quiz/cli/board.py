"""`quiz board`: the teacher's live leaderboard of today's games (a Textual app)."""

from __future__ import annotations

import argparse
from datetime import datetime

from quiz.cli.common import CommandError, has_terminal, open_store, since_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since",
        metavar="DATE",
        type=since_date,
        help="show games since DATE (default: since midnight)",
    )


def run(args: argparse.Namespace) -> int:
    if not has_terminal():
        raise CommandError("the board needs a terminal")
    store = open_store()
    from quiz.ui.board import BoardApp

    since = args.since or datetime.now().astimezone().replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    BoardApp(store, since).run()
    return 0
