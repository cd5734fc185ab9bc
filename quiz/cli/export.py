"""`quiz export`: write a bank in another format for Moodle (GIFT or Moodle XML)."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.cli.common import (
    CommandError,
    add_output,
    plural,
    print_error,
    read_file,
    say,
    write_file,
    write_out,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--to",
        dest="target_format",
        choices=("gift", "moodle"),
        required=True,
        help="gift, or moodle (Moodle XML)",
    )
    add_output(parser, "where to write (default: print it)")


def run(args: argparse.Namespace) -> int:
    from quiz.engine.errors import BankError
    from quiz.engine.loader import parse_bank

    data = read_file(args.file, what="banks")
    try:
        bank = parse_bank(data, args.file)
    except BankError as failure:
        for error in failure.errors:
            say(str(error), err=True)
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
        write_out(text)
        return 0
    inputs = [args.file]
    if bank.source is not None and bank.source.text is not None:
        inputs.append(args.file.parent / bank.source.text)
    write_file(args.output, text, inputs=inputs, force=args.force)
    written = len(bank.questions) - len(left_out)
    say(f"wrote {args.output}: {plural(written, 'question')}")
    return 0
