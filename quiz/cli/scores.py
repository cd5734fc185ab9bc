"""`quiz scores`: the top ten of each bank played (or of one bank)."""

from __future__ import annotations

import argparse

from quiz.cli.common import open_store, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", metavar="NAME", help="one bank's leaderboard (by file name)")


def run(args: argparse.Namespace) -> int:
    from quiz.engine import reports

    store = open_store()
    banks = [args.bank] if args.bank else reports.played_banks(store)
    if not banks:
        say("No finished games yet: play one with 'quiz'.")
    for index, name in enumerate(banks):
        rows = reports.leaderboard(store, name)
        if index:
            say()
        say(name)
        if rows:
            columns = ("rank", "player", "score", "accuracy", "questions", "date")
            say(reports.to_table(rows, columns))
        else:
            say("  no finished games")
    return 0
