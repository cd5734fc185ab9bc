"""`quiz export`: write a bank in another format for Moodle (GIFT or Moodle XML)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quiz.cli.common import CommandError, plural, print_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--to",
        dest="target_format",
        choices=("gift", "moodle"),
        required=True,
        help="gift, or moodle (Moodle XML)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="where to write (default: print it)"
    )


def run(args: argparse.Namespace) -> int:
    from quiz.engine.errors import BankError
    from quiz.engine.loader import load_bank

    try:
        bank = load_bank(args.file)
    except BankError as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        raise CommandError("fix the bank before exporting it") from None
    left_out: list[str] = []

    def warn(message: str) -> None:
        left_out.append(message)
        print_error(f"warning: {message}")

    if args.target_format == "moodle":
        from quiz.authoring.moodle_xml_writer import export_moodle_xml

        text = export_moodle_xml(bank, warn)
    else:
        from quiz.authoring.gift import export_gift

        text = export_gift(bank, warn)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {args.output}: {error.strerror}") from None
    written = len(bank.questions) - len(left_out)
    print(f"wrote {args.output}: {plural(written, 'question')}")
    return 0
