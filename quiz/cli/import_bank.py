"""`quiz import`: turn a GIFT or Aiken file into a bank, saying by line what could not be kept."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.cli.common import CommandError, add_output, read_file, say, write_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--from", dest="source_format", choices=("gift", "aiken"), required=True)
    add_output(parser, "where to write the bank (default: FILE with .yaml)")


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.aiken import import_aiken
    from quiz.authoring.gift import import_gift

    text = _read_text(args.file)
    title = args.file.stem.replace("-", " ").replace("_", " ").capitalize()
    converter = import_gift if args.source_format == "gift" else import_aiken
    result = converter(text, title)
    for skipped in result.skipped:
        say(f"{args.file}:{skipped.line}: skipped: {skipped.reason}", err=True)
    output: Path = args.output or args.file.with_suffix(".yaml")
    if not result.bank["questions"]:
        raise CommandError("no question could be imported")
    write_file(output, result.to_yaml(), inputs=[args.file], force=args.force)
    count = len(result.bank["questions"])
    say(f"wrote {output}: {count} question(s), {len(result.skipped)} skipped")
    if result.missing_context:
        say(
            f"{result.missing_context} question(s) have no context yet (the passage that proves "
            f"the answer): add one to each, then run 'quiz validate {output}'"
        )
    return 0


def _read_text(path: Path) -> str:
    """The file's text, or CommandError saying why it cannot be read."""
    from quiz.engine.yamltree import ReadFailed, decode

    data = read_file(path, what="files to import")
    try:
        return decode(data)
    except ReadFailed as failure:
        problem = failure.problem
        where = f"{path}:{problem.line}:{problem.column}"
        raise CommandError(problem.message, where=where) from None
