"""Pydantic's validation errors, said the way a teacher editing a YAML file needs to read them."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from typing import Any

from pydantic_core import ErrorDetails

from quiz.engine.model import (
    DIFFICULTIES,
    QUESTION_CLASSES,
    QUESTION_TYPES,
    LintSilence,
    Source,
    format_number,
)
from quiz.engine.schema import BankHeader


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


_FIELDS_OF_ANY_TYPE = frozenset(name for cls in QUESTION_CLASSES.values() for name in _fields(cls))


def field_name(loc: Sequence[str | int]) -> str:
    """A loc as the teacher wrote it: `choices[2]`, `source.title`, `feedback['$64 billion']`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]" if text else f"item {part + 1}"
        elif part == "[key]":
            text += " key"
        else:
            text += f".{part}" if text else part
    return f"'{text}'" if text else "the bank"


def suggest(word: str, options: Sequence[str]) -> str:
    """` (did you mean 'x'?)` for the nearest option, or nothing when none is near."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _allowed_fields(parent: Sequence[str | int], question_type: str | None) -> list[str]:
    if question_type is not None and parent and parent[-1] == "lint":
        return list(LintSilence.__annotations__)
    if question_type is not None:
        return _fields(QUESTION_CLASSES[question_type])
    if parent and parent[-1] == "source":
        return _fields(Source)
    return [*_fields(BankHeader), "questions"]


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else f"'{value}'"


def describe(error: ErrorDetails, loc: Sequence[str | int], question_type: str | None) -> str:
    """One sentence for one pydantic error at `loc` (the loc without any union tag)."""
    kind = error["type"]
    name = field_name(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    last = loc[-1] if loc else ""
    if question_type in QUESTION_CLASSES:
        own = QUESTION_CLASSES[question_type].describe_error(kind, loc, value)
        if own is not None:
            return own
    if kind in ("missing", "missing_keyword_argument"):
        return f"missing required field '{last}'"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(last)
        if question_type and len(loc) == 1 and key in _FIELDS_OF_ANY_TYPE:
            article = "an" if question_type[:1] in "aeiou" else "a"
            return f"field '{key}' does not apply to {article} {question_type} question"
        return f"unknown field '{key}'" + suggest(key, _allowed_fields(loc[:-1], question_type))
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        return f"'{tag}' is not a question type; use one of {', '.join(QUESTION_TYPES)}" + suggest(
            tag, QUESTION_TYPES
        )
    if kind in ("string_type", "str_type"):
        return f"{name} must be text, not {_shown(value)}"
    if kind == "string_too_short":
        return f"{name} must not be empty"
    if kind == "string_pattern_mismatch" and last == "id":
        return (
            f"id {_shown(value)} must be lowercase letters and digits joined by '-' "
            "(for example 'trade-china-2024')"
        )
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"{name} must be a number, not {_shown(value)}"
    if kind == "finite_number":
        return f"{name} must be a finite number"
    if kind in ("bool_parsing", "bool_type"):
        return f"{name} must be true or false, not {_shown(value)}"
    if kind == "list_type":
        return f"{name} must be a list, not {_shown(value)}"
    if kind == "dict_type":
        return f"{name} must be a mapping of 'key: value' lines, not {_shown(value)}"
    if kind in ("model_type", "model_attributes_type", "dataclass_type", "dataclass_exact_type"):
        what = "a question" if question_type else name
        return f"{what} must be a mapping of 'field: value' lines, not {_shown(value)}"
    if kind == "too_short":
        return f"{name} needs at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "too_long":
        return (
            f"{name} allows at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}"
        )
    if kind == "literal_error" and last == "difficulty":
        return f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {_shown(value)}"
    if kind == "greater_than_equal":
        return (
            f"{name} must be {format_number(float(ctx.get('ge', 0)))} or more, not {_shown(value)}"
        )
    return f"{name}: {error['msg']}"
