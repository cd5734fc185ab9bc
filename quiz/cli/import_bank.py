"""`quiz import`: turn a GIFT or Aiken file into a bank, saying by line what could not be kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quiz.cli.common import CommandError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--from", dest="source_format", choices=("gift", "aiken"), required=True)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.yaml",
        help="where to write the bank (default: FILE with .yaml)",
    )


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.aiken import import_aiken
    from quiz.authoring.gift import import_gift

    text = _read_text(args.file)
    title = args.file.stem.replace("-", " ").replace("_", " ").capitalize()
    converter = import_gift if args.source_format == "gift" else import_aiken
    result = converter(text, title)
    for skipped in result.skipped:
        print(f"{args.file}:{skipped.line}: skipped: {skipped.reason}", file=sys.stderr)
    output: Path = args.output or args.file.with_suffix(".yaml")
    if output.exists():
        raise CommandError(f"{output} already exists; choose another name with -o")
    if not result.bank["questions"]:
        raise CommandError("no question could be imported")
    try:
        output.write_text(result.to_yaml(), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror}") from None
    count = len(result.bank["questions"])
    print(f"wrote {output}: {count} question(s), {len(result.skipped)} skipped")
    if result.missing_context:
        print(
            f"{result.missing_context} question(s) have no context yet (the passage that proves "
            f"the answer): add one to each, then run 'quiz validate {output}'"
        )
    return 0


def _read_text(path: Path) -> str:
    """The file's text, or CommandError saying why it cannot be read."""
    from quiz.engine.yamltree import ReadFailed, decode

    try:
        return decode(path.read_bytes())
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    except ReadFailed as failure:
        problem = failure.problem
        where = f"{path}:{problem.line}:{problem.column}"
        raise CommandError(problem.message, where=where) from None
