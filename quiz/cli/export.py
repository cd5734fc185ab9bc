"""`quiz export`: write a bank in another format (GIFT, for Moodle)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quiz.cli.common import CommandError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--to", dest="target_format", choices=("gift",), required=True)
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="where to write (default: print it)"
    )


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.gift import export_gift
    from quiz.engine.errors import BankError
    from quiz.engine.loader import load_bank

    try:
        bank = load_bank(args.file)
    except BankError as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        raise CommandError("fix the bank before exporting it") from None
    text = export_gift(bank)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {args.output}: {error.strerror}") from None
    print(f"wrote {args.output}: {len(bank.questions)} question(s)")
    return 0
