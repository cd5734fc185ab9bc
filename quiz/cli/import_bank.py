"""`quiz import`: turn a GIFT, Aiken or Moodle XML file into a bank, saying by line what was
skipped and what was lost on the way, then a summary; `--strict` refuses any loss, `--source`
finds each question's context in the article the questions are about."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.cli.common import CommandError, plural

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
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.yaml",
        help="where to write the bank (default: FILE with .yaml)",
    )
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


def _safe(text: str) -> str:
    """A message for the terminal: control characters shown, never obeyed."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group(0)):02x}", text)


def run(args: argparse.Namespace) -> int:
    result = _convert(args.file, args.source_format)
    for skipped in result.skipped:
        print(_safe(f"{args.file}:{skipped.line}: skipped: {skipped.reason}"), file=sys.stderr)
    for loss in result.losses:
        print(_safe(f"{args.file}:{loss.line}: warning: {loss.message}"), file=sys.stderr)
    output: Path = args.output or args.file.with_suffix(".yaml")
    if output.exists():
        raise CommandError(f"{output} already exists; choose another name with -o")
    if not result.bank["questions"]:
        raise CommandError("no question could be imported")
    if args.strict and (result.skipped or result.losses):
        raise CommandError(f"--strict: {result.summary()}; nothing written")
    filled: int | None = None
    if args.source is not None:
        filled = _use_source(result, args.source, output)
    try:
        output.write_text(result.to_yaml(), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror}") from None
    print(f"wrote {output}: {result.summary()}")
    if filled is not None:
        print(f"{plural(filled, 'context')} found in {args.source}")
    named = (result.bank.get("source") or {}).get("text")
    if named and not (output.parent / named).is_file():
        print(
            f"the file names its source text {named}, which is not beside {output}: copy it "
            "there (or import again with --source) before 'quiz validate'"
        )
    missing = result.missing_context
    if missing:
        print(
            f"{plural(len(missing), 'question')} still need a context (the passage that proves "
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
        if place.exists() and place.read_bytes() != source.read_bytes():
            raise CommandError(f"{place} already exists with another text; nothing was written")
        if not place.exists():
            place.parent.mkdir(parents=True, exist_ok=True)
            place.write_bytes(source.read_bytes())
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
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None


def _read_text(path: Path) -> str:
    """The file's text, or CommandError saying why it cannot be read."""
    from quiz.engine.yamltree import ReadFailed, decode

    try:
        return decode(_read_bytes(path))
    except ReadFailed as failure:
        problem = failure.problem
        where = f"{path}:{problem.line}:{problem.column}"
        raise CommandError(problem.message, where=where) from None
