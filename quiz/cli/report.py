"""`quiz report`: every answer kept, each question's results, or the item analysis of a class's
answers (`--items`), as a table, CSV or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quiz.cli.common import (
    CommandError,
    add_output,
    open_store,
    say,
    since_date,
    write_file,
    write_out,
)

if TYPE_CHECKING:
    from typing import Any

    from quiz.engine.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", metavar="NAME", help="only this bank (by file name)")
    parser.add_argument("--player", metavar="NAME", help="only this player")
    parser.add_argument(
        "--since", metavar="DATE", type=since_date, help="only answers since (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--by",
        choices=("answer", "question"),
        default="answer",
        help="one row per answer (default) or per question, hardest first",
    )
    parser.add_argument(
        "--items",
        action="store_true",
        help="item analysis: facility, discrimination and choices picked, per question",
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_output(parser, "write to FILE (default: print it)")


def run(args: argparse.Namespace) -> int:
    from quiz.engine import reports
    from quiz.engine.items import ITEM_COLUMNS, flat

    if args.items and args.player:
        raise CommandError("--items analyses the whole class's answers; drop --player", 2)
    store = open_store()
    filters = reports.Filters(bank=args.bank, player=args.player, since=args.since)
    columns: Sequence[str] = reports.ANSWER_COLUMNS
    if args.items:
        rows, columns = _items(store, args), ITEM_COLUMNS
    elif args.by == "question":
        rows, columns = reports.question_report(store, filters), reports.QUESTION_COLUMNS
    else:
        rows = reports.answers_report(store, filters)
    shown = flat(rows) if args.items and args.format != "json" else rows
    if args.format == "csv":
        text = reports.to_csv(shown, columns)
    elif args.format == "json":
        text = reports.to_json(rows) + "\n"
    else:
        text = reports.to_table(shown, columns) + "\n" if rows else "No answers match.\n"
    if args.output:
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"  # a BOM: spreadsheets see UTF-8
        write_file(args.output, text, force=args.force, encoding=encoding)
        say(f"{len(rows)} rows written to {args.output}", err=True)
    else:
        write_out(text)
    return 0


def _items(store: Store, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The item analysis of the answers kept (of one bank, with `--bank`), with the banks found
    (bundled and QUIZ_PATH) giving each question's choices."""
    from quiz.engine.discovery import load_library
    from quiz.engine.items import item_analysis

    return item_analysis(store, load_library().banks, args.bank, since=args.since)
