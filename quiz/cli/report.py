"""`quiz report`: every answer kept, each question's results, or the item analysis of a class's
answers (`--items`), as a table, CSV or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from quiz.cli.common import (
    CommandError,
    add_output,
    open_store,
    print_error,
    say,
    since_date,
    terminal_safe_stdout,
    write_file_from,
)

if TYPE_CHECKING:
    from quiz.engine.report_split import SecondHalf
    from quiz.engine.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bank",
        metavar="NAME",
        help="only this bank: its name (file name), or its file's path (a bank played by path)",
    )
    parser.add_argument("--player", metavar="NAME", help="only this player")
    parser.add_argument(
        "--since", metavar="DATE", type=since_date, help="only answers since (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--game",
        metavar="ID",
        type=int,
        help="only the answers of this live class game (its id, as `quiz host` shows it)",
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

    if args.items and args.player:
        raise CommandError("--items analyses the whole class's answers; drop --player", 2)
    # The answers as CSV or JSON are read through `Store.batches` alone: the store's integrity
    # check runs while SQLite sorts them, and the first row waits for its verdict.
    streamed = not args.items and args.by == "answer" and args.format != "table"
    second_half = None
    if streamed and args.player is None and args.game is None and args.since is None:
        from quiz.engine.paths import store_path
        from quiz.engine.report_split import SecondHalf

        # A big report is written a half by each of two processes: the child is forked now,
        # before the store is opened (quiz.engine.report_split).
        second_half = SecondHalf.fork(reports.second_half_writer(args.format), store_path())
    try:
        return _run(args, streamed, second_half)
    finally:
        if second_half:
            second_half.dismiss()


def _run(args: argparse.Namespace, streamed: bool, second_half: SecondHalf | None) -> int:
    from quiz.engine import reports
    from quiz.engine.store import StoreError

    store = open_store(check_started=streamed and args.game is None)
    if args.game is not None and not store.query(
        "SELECT 1 FROM live_games WHERE id = ?", (args.game,)
    ):
        raise CommandError(f"no live game {args.game} in the scores file {store.path}")
    bank, bank_files = _bank_option(args.bank)
    filters = reports.Filters(bank=bank, player=args.player, since=args.since, game=args.game)
    columns: Sequence[str] = reports.ANSWER_COLUMNS
    if args.items:
        from quiz.engine.items import ITEM_COLUMNS, flat  # and checking: only for --items

        analysed = _items(store, args, bank, bank_files)
        shown = analysed if args.format == "json" else flat(analysed)  # a row per choice
        columns = ITEM_COLUMNS

        def rows() -> Iterable[dict[str, Any]]:
            return shown
    elif args.by == "question":
        listed = reports.question_report(store, filters)  # one row per question: small
        columns = reports.QUESTION_COLUMNS

        def rows() -> Iterable[dict[str, Any]]:
            return listed
    else:

        def rows() -> Iterable[dict[str, Any]]:  # read as they are written: never all at once
            return reports.answer_rows(store, filters)

    def write(out: TextIO) -> int:
        if not streamed:
            return reports.write_report(rows, columns, args.format, out)
        try:
            return reports.write_answers(store, filters, args.format, out, second_half)
        except StoreError as error:  # a damaged file that could not be replaced (as at open)
            raise CommandError(str(error)) from None

    if args.output:
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"  # a BOM: spreadsheets see UTF-8
        count = write_file_from(args.output, write, force=args.force, encoding=encoding)
    else:
        write(terminal_safe_stdout())
    notice = store.take_notice()  # the check found the file damaged: it was replaced
    if notice:
        print_error(notice)
    if args.output:
        say(f"{count} rows written to {args.output}", err=True)
    return 0


def _bank_option(value: str | None) -> tuple[str | None, list[Path]]:
    """`--bank` as a name and the bank files to read questions from: a path (a bank played with
    `quiz play some/bank.yaml`, which the search folders may not hold) names its file's bank."""
    if value is None:
        return None, []
    path = Path(value)
    if path.is_file():
        return path.stem, [path]
    if path.suffix.casefold() in (".yaml", ".yml") or len(path.parts) > 1:
        raise CommandError(f"no such bank file: {value}")
    return value, []


def _items(
    store: Store, args: argparse.Namespace, bank: str | None, bank_files: list[Path]
) -> list[dict[str, Any]]:
    """The item analysis of the answers kept (of one bank with `--bank`, one live class game
    with `--game`), with the banks found (bundled, QUIZ_PATH, and a file `--bank` names) giving
    each question's type and choices."""
    from quiz.engine.discovery import load_library
    from quiz.engine.items import item_analysis

    banks = load_library().banks
    if bank_files:
        named = load_library(bank_files)
        if named.errors:
            error = named.errors[0]
            raise CommandError(error.message, where=f"{error.file}:{error.line}:{error.column}")
        banks = [*banks, *named.banks]  # the file named wins over a bank of the same name
    rows = item_analysis(store, banks, bank, since=args.since, game=args.game)
    unknown = sorted({row["bank"] for row in rows} - {known.name for known in banks})
    if unknown:
        say(
            f"quiz: bank {', '.join(unknown)} not found (bundled or QUIZ_PATH): its questions' "
            "types and choices are unknown; name its file with --bank PATH",
            err=True,
        )
    return rows
