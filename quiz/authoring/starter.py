"""`quiz new`: a commented starter bank with one example of every question type, already valid.

The examples are the types' own (`example` in each module of `quiz.engine.question_types`), in
the registry's order: a new type appears here by being registered.

With a source text, the text is copied into `sources/` beside the bank, the `source` block is
filled in, and the examples' `context` lines are excerpts of that text, so the bank validates
from the first minute; the teacher then rewrites each example.
"""

from __future__ import annotations

import json
from pathlib import Path

from quiz.authoring.schema import SCHEMA_FILE, modeline, schema_text
from quiz.engine.files import FileRefused, check_output, read_input, write_output
from quiz.engine.model import QUESTION_CLASSES
from quiz.engine.source import UnsafeText, clean_source_text
from quiz.engine.terminal_safety import terminal_safe
from quiz.engine.yamltree import ReadFailed, decode

TEMPLATE = """\
{modeline}
# A question bank for quiz. Check it with:  quiz validate {name}
# Preview it while you edit (reloads on save): quiz play {name} --watch
# Every field and rule: docs/authoring.md in the quiz repository.

title: {title}
description: What this bank teaches, in one sentence.
{source_block}
questions:
{questions}"""

SOURCE_BLOCK = """\
source:
  title: {title}
  # publisher: Who published it
  # url: https://example.org/where-to-read-it
  text: {text}  # the full text; every context must be found in it"""

NO_SOURCE_BLOCK = """\
# source:                           # optional: where the questions come from
#   title: The source's title
#   publisher: Who published it
#   text: sources/source.txt        # the full text, beside this file; contexts are checked
#                                   # against it"""


class StarterError(Exception):
    """The starter bank could not be written; the message says why."""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def excerpts(text: str, count: int, words: int = 8) -> list[str]:
    """`count` excerpts of `words` consecutive words each, taken in order through the text."""
    tokens = text.split()
    if not tokens:
        raise StarterError("the source text is empty")
    size = min(words, len(tokens))
    starts = [(i * size) % max(1, len(tokens) - size + 1) for i in range(count)]
    return [" ".join(tokens[start : start + size]) for start in starts]


def write_starter(target: Path, source: Path | None = None, *, force: bool = False) -> list[Path]:
    """Write the starter bank at `target` (and the schema and source text beside it).

    Refuses to overwrite an existing bank unless `force`; returns the files written (see
    `write_bank`). The examples' contexts are excerpts of the source text, when given.
    """
    title = target.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "My bank"
    types = list(QUESTION_CLASSES.values())
    contexts = [_quoted(kind.example_context) for kind in types]
    source_block = NO_SOURCE_BLOCK
    copy: tuple[Path, bytes] | None = None
    if source is not None:
        data, text = read_source(source)
        contexts = [_quoted(c) for c in excerpts(text, len(types))]
        copy = (source_copy(target, source, data), data)
        headline = text.strip().splitlines()[0].strip() if text.strip() else source.stem
        source_block = SOURCE_BLOCK.format(
            title=_quoted(headline[:200]), text=_quoted(f"sources/{copy[0].name}")
        )
    content = TEMPLATE.format(
        modeline=modeline(),
        name=target.name,
        title=_quoted(terminal_safe(title)),
        source_block=source_block,
        questions="\n".join(
            kind.example.format(context=context)
            for kind, context in zip(types, contexts, strict=True)
        ),
    )
    return write_bank(target, content, source, copy, force=force)


def source_copy(target: Path, source: Path, data: bytes) -> Path:
    """Where the bank `target`'s copy of the source text goes: `sources/` beside it, under the
    text's own name, or, when another text already has that name there, a free one
    (`name-2.txt`)."""
    return _free_source_name(target.parent / "sources", source.name, data)


def write_bank(
    target: Path,
    content: str,
    source: Path | None,
    copy: tuple[Path, bytes] | None,
    *,
    force: bool = False,
) -> list[Path]:
    """Write a new bank `content` at `target`, the copy of its `source` text (`copy`: where, and
    its bytes) and the JSON Schema beside it; returns the files written.

    Refuses to replace a bank unless `force`, checked before anything is written. Every file is
    written by the one rule for output files (`quiz.engine.files.write_output`).
    """
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise StarterError(f"{target} should end in .yaml so that quiz finds it")
    if target.exists() and not force:
        raise StarterError(
            f"{target} already exists; choose another name, or add --force to replace it "
            "(nothing was changed)"
        )
    inputs = [source] if source is not None else []
    try:
        check_output(target, inputs=inputs, force=force)  # before writing anything else
    except FileRefused as refused:
        raise StarterError(f"cannot write {target}: {refused.reason}") from None
    written = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if copy is not None:
            copied, data = copy
            copied.parent.mkdir(exist_ok=True)
            if not copied.exists():  # else: the same text is there already
                _write(copied, data, inputs)
                written.append(copied)
        schema = target.parent / SCHEMA_FILE
        if not schema.exists():
            _write(schema, schema_text().encode("utf-8"))
            written.append(schema)
        _write(target, content.encode("utf-8"), inputs, force=force)
    except OSError as error:
        raise StarterError(f"cannot write {target}: {error.strerror}") from None
    return [target, *written]


def _write(path: Path, data: bytes, inputs: list[Path] | None = None, force: bool = False) -> None:
    try:
        write_output(path, data, inputs=inputs or (), force=force)
    except FileRefused as refused:
        raise StarterError(f"cannot write {path}: {refused.reason}") from None


def read_source(source: Path) -> tuple[bytes, str]:
    """The source text's bytes and its text, checked as the loader will check it."""
    try:
        data = read_input(source, what="source texts")
    except FileRefused as refused:
        raise StarterError(f"cannot read {source}: {refused.reason}") from None
    try:
        return data, clean_source_text(decode(data))
    except ReadFailed as failure:
        problem = failure.problem
        raise StarterError(f"{source}:{problem.line}:{problem.column}: {problem.message}") from None
    except UnsafeText as unsafe:
        raise StarterError(f"{source}:{unsafe.line}:{unsafe.column}: {unsafe.message}") from None


def _free_source_name(folder: Path, name: str, data: bytes) -> Path:
    """Where the source text goes in `folder`: its own name when free or holding the same
    bytes, else the first free `stem-2.txt`, `stem-3.txt`..."""
    wanted = folder / name
    for number in range(1, 1000):
        candidate = wanted if number == 1 else wanted.with_stem(f"{wanted.stem}-{number}")
        if not candidate.exists():
            return candidate
        try:
            if read_input(candidate) == data:
                return candidate
        except FileRefused:
            continue
    raise StarterError(f"too many source texts named like {name} in {folder}")
