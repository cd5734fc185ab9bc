"""Whatever text or bytes a loader is fed, it gives a bank or load errors, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.engine.errors import BankError
from quiz.engine.loader import parse_bank
from quiz.engine.model import Bank

YAMLISH = st.text(
    alphabet=st.sampled_from(
        [*list("abcdefgh:-[]{}&*!|>'\"#?,.\n\t 0123456789~%@`"), "é", "\x1b", "\u202e"]
    ),
    max_size=200,
)


def _parse(data: str | bytes) -> None:
    try:
        result = parse_bank(data, Path("/tmp/fuzz/bank.yaml"), shown="fuzz.yaml")
    except BankError as failure:
        assert failure.errors
        for error in failure.errors:
            assert error.line >= 1 and error.column >= 1 and error.message
    else:
        assert isinstance(result, Bank)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yaml_like_text_never_raises_anything_else(text: str) -> None:
    _parse(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises_anything_else(text: str) -> None:
    _parse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_never_raise_anything_else(data: bytes) -> None:
    _parse(data)


QUESTION_FIELDS = st.dictionaries(
    st.sampled_from(
        [
            "id",
            "type",
            "topic",
            "prompt",
            "choices",
            "answer",
            "accept",
            "tolerance",
            "feedback",
            "hint",
            "explanation",
            "context",
            "difficulty",
            "unit",
        ]
    ),
    st.one_of(
        st.text(max_size=8),
        st.lists(st.text(max_size=5), max_size=3),
        st.none(),
        st.integers(),
        st.booleans(),
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(QUESTION_FIELDS, max_size=3))
def test_structured_banks_never_raise_anything_else(questions: list[dict[str, object]]) -> None:
    import json

    _parse(json.dumps({"title": "t", "questions": questions}))
