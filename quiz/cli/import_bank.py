"""`quiz import`: turn a GIFT, Aiken or Moodle XML file into a bank, saying by line what was
skipped and what was lost on the way, then a summary; `--strict` refuses any loss, `--source`
finds each question's context in the article the questions are about."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.cli.common import (
    CommandError,
    add_output,
    check_file,
    plural,
    read_file,
    say,
    write_file,
)

if TYPE_CHECKING:
    from quiz.authoring.convert import ImportResult

FORMATS = ("gift", "aiken", "moodle")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=FORMATS,
        required=True,
        help="gift, aiken, or moodle (Moodle XML, Moodle's default export)",
    )
    add_output(parser, "where to write the bank (default: FILE with .yaml)")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="write nothing and exit 1 if any question is skipped or loses anything",
    )
    parser.add_argument(
        "--source",
        type=Path,
        metavar="TEXT_FILE",
        help="the article the questions are about: each question's context is looked up in it",
    )


def run(args: argparse.Namespace) -> int:
    result = _convert(args.file, args.source_format)
    for skipped in result.skipped:
        say(f"{args.file}:{skipped.line}: skipped: {skipped.reason}", err=True)
    for loss in result.losses:
        say(f"{args.file}:{loss.line}: warning: {loss.message}", err=True)
    output: Path = args.output or args.file.with_suffix(".yaml")
    inputs = [args.file, *([args.source] if args.source is not None else [])]
    check_file(output, inputs=inputs, force=args.force)  # before a source text is copied
    if not result.bank["questions"]:
        raise CommandError("no question could be imported")
    if args.strict and (result.skipped or result.losses):
        raise CommandError(f"--strict: {result.summary()}; nothing written")
    filled: int | None = None
    if args.source is not None:
        filled = _use_source(result, args.source, output)
    write_file(output, result.to_yaml(), inputs=inputs, force=args.force)
    say(f"wrote {output}: {result.summary()}")
    if filled is not None:
        say(f"{plural(filled, 'context')} found in {args.source}")
    named = (result.bank.get("source") or {}).get("text")
    if named and not (output.parent / named).is_file():
        say(
            f"the file names its source text {named}, which is not beside {output}: copy it "
            "there (or import again with --source) before 'quiz validate'"
        )
    missing = result.missing_context
    if missing:
        say(
            f"{plural(len(missing), 'question')} still {'needs' if len(missing) == 1 else 'need'} "
            "a context (the passage that proves "
            f"the answer): {', '.join(missing)}; add one to each, then run 'quiz validate {output}'"
        )
    return 0


def _convert(path: Path, source_format: str) -> ImportResult:
    title = path.stem.replace("-", " ").replace("_", " ").capitalize()
    if source_format == "moodle":
        from quiz.authoring.moodle_xml import XmlError, import_moodle_xml

        try:
            return import_moodle_xml(_read_bytes(path), title)
        except XmlError as error:
            raise CommandError(error.message, where=f"{path}:{error.line}:{error.column}") from None
    from quiz.authoring.aiken import import_aiken
    from quiz.authoring.gift import import_gift

    converter = import_gift if source_format == "gift" else import_aiken
    return converter(_read_text(path), title)


def _use_source(result: ImportResult, source: Path, output: Path) -> int:
    """Contexts from the article, and the bank's `source` pointing at it (copied into
    `sources/` beside the bank when it lies outside the bank's folder)."""
    import os

    from quiz.authoring.contexts import fill_from_source

    text = _read_text(source)
    folder = output.parent.resolve()
    place = source.resolve()
    if not place.is_relative_to(folder):
        place = folder / "sources" / source.name
        data = read_file(source, what="source texts")
        if place.exists() and read_file(place, what="source texts") != data:
            raise CommandError(f"{place} already exists with another text; nothing was written")
        if not place.exists():
            place.parent.mkdir(parents=True, exist_ok=True)
            write_file(place, data, inputs=[source])
    filled, _missing = fill_from_source(result.bank, text)
    header = result.bank.get("source") or {}
    headline = next((line.strip() for line in text.splitlines() if line.strip()), source.stem)
    header.setdefault("title", headline[:200])
    header["text"] = Path(os.path.relpath(place, folder)).as_posix()
    bank = result.bank
    questions = bank.pop("questions")
    bank["source"] = header
    bank["questions"] = questions
    return filled


def _read_bytes(path: Path) -> bytes:
    return read_file(path, what="files to import")


def _read_text(path: Path) -> str:
    """The file's text, or CommandError saying why it cannot be read."""
    from quiz.engine.yamltree import ReadFailed, decode

    try:
        return decode(_read_bytes(path))
    except ReadFailed as failure:
        problem = failure.problem
        where = f"{path}:{problem.line}:{problem.column}"
        raise CommandError(problem.message, where=where) from None
