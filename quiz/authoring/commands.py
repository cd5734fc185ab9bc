"""The teacher commands: `quiz new`, `quiz schema`, `quiz import` and `quiz export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quiz.authoring.aiken import import_aiken
from quiz.authoring.gift import export_gift, import_gift
from quiz.authoring.schema import schema_text
from quiz.authoring.starter import StarterError, write_starter
from quiz.engine.errors import BankError
from quiz.engine.loader import load_bank
from quiz.engine.yamltree import ReadFailed, decode


def run_new(args: argparse.Namespace) -> int:
    """Write the starter bank; refuse to overwrite."""
    try:
        written = write_starter(args.file, args.source)
    except StarterError as error:
        print(f"quiz: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(
        f"next: edit {args.file}, then run 'quiz validate {args.file}' "
        f"or preview it with 'quiz play {args.file} --watch'"
    )
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema."""
    sys.stdout.write(schema_text())
    return 0


def _read_text(path: Path) -> str | None:
    try:
        return decode(path.read_bytes())
    except OSError as error:
        print(f"quiz: cannot read {path}: {error.strerror}", file=sys.stderr)
    except ReadFailed as failure:
        problem = failure.problem
        print(f"{path}:{problem.line}:{problem.column}: error: {problem.message}", file=sys.stderr)
    return None


def run_import(args: argparse.Namespace) -> int:
    """Convert a GIFT or Aiken file into a bank; report by line what could not be kept."""
    text = _read_text(args.file)
    if text is None:
        return 1
    title = args.file.stem.replace("-", " ").replace("_", " ").capitalize()
    converter = import_gift if args.source_format == "gift" else import_aiken
    result = converter(text, title)
    for skipped in result.skipped:
        print(f"{args.file}:{skipped.line}: skipped: {skipped.reason}", file=sys.stderr)
    for loss in result.losses:
        print(f"{args.file}:{loss.line}: warning: {loss.message}", file=sys.stderr)
    output: Path = args.output or args.file.with_suffix(".yaml")
    if output.exists():
        print(f"quiz: {output} already exists; choose another name with -o", file=sys.stderr)
        return 1
    if not result.bank["questions"]:
        print("quiz: no question could be imported", file=sys.stderr)
        return 1
    try:
        output.write_text(result.to_yaml(), encoding="utf-8")
    except OSError as error:
        print(f"quiz: cannot write {output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {result.summary()}")
    if result.missing_context:
        print(
            f"{len(result.missing_context)} question(s) have no context yet (the passage that proves "
            f"the answer): add one to each, then run 'quiz validate {output}'"
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write a bank as GIFT."""
    try:
        bank = load_bank(args.file)
    except BankError as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("quiz: fix the bank before exporting it", file=sys.stderr)
        return 1
    text = export_gift(bank)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"quiz: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {len(bank.questions)} question(s)")
    return 0
