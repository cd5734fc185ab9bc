"""`quiz new`: a commented starter bank with one example of every question type, already valid.

The examples are the types' own (`example` in each module of `quiz.engine.question_types`), in
the registry's order: a new type appears here by being registered.

With a source text, the text is copied into `sources/` beside the bank, the `source` block is
filled in, and the examples' `context` lines are excerpts of that text, so the bank validates
from the first minute; the teacher then rewrites each example.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from quiz.authoring.schema import SCHEMA_FILE, modeline, schema_text
from quiz.engine.model import QUESTION_CLASSES
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


def write_starter(target: Path, source: Path | None = None) -> list[Path]:
    """Write the starter bank at `target` (and the schema and source text beside it).

    Refuses to overwrite an existing bank; returns the files written.
    """
    if target.exists():
        raise StarterError(f"{target} already exists; choose another name (nothing was changed)")
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise StarterError(f"{target} should end in .yaml so that quiz finds it")
    title = target.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "My bank"
    types = list(QUESTION_CLASSES.values())
    contexts = [_quoted(kind.example_context) for kind in types]
    source_block = NO_SOURCE_BLOCK
    copied: Path | None = None
    if source is not None:
        try:
            text = decode(source.read_bytes())
        except OSError as error:
            raise StarterError(f"cannot read {source}: {error.strerror}") from None
        except ReadFailed as failure:
            raise StarterError(f"{source}: {failure.problem.message}") from None
        contexts = [_quoted(c) for c in excerpts(text, len(types))]
        copied = target.parent / "sources" / source.name
        headline = text.strip().splitlines()[0].strip() if text.strip() else source.stem
        source_block = SOURCE_BLOCK.format(
            title=_quoted(headline[:200]), text=_quoted(f"sources/{source.name}")
        )
    content = TEMPLATE.format(
        modeline=modeline(),
        name=target.name,
        title=_quoted(title),
        source_block=source_block,
        questions="\n".join(
            kind.example.format(context=context)
            for kind, context in zip(types, contexts, strict=True)
        ),
    )
    written = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if copied is not None and source is not None:
            copied.parent.mkdir(exist_ok=True)
            if not copied.exists():
                shutil.copyfile(source, copied)
                written.append(copied)
        schema = target.parent / SCHEMA_FILE
        if not schema.exists():
            schema.write_text(schema_text(), encoding="utf-8")
            written.append(schema)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(content)
    except OSError as error:
        raise StarterError(f"cannot write {target}: {error.strerror}") from None
    return [target, *written]
