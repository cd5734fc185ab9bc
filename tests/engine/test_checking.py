"""Answer checking for every question type, with the edge cases students really type."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.engine.checking import check, normalise_text, parse_number, vocabulary
from quiz.engine.model import (
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

COMMON: dict[str, Any] = {"topic": "T", "prompt": "P?", "explanation": "E.", "context": "C."}


def number(answer: float, tolerance: float = 0) -> NumberQuestion:
    return NumberQuestion(id="n", type="number", answer=answer, tolerance=tolerance, **COMMON)


def text(answer: str, accept: tuple[str, ...] = ()) -> TextQuestion:
    return TextQuestion(id="t", type="text", answer=answer, accept=list(accept), **COMMON)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("95", 95),
        ("95.0", 95),
        ("$95", 95),
        ("95 billion", 95),
        ("$95 billion", 95),
        ("1,000", 1000),
        ("1,000,000.5", 1000000.5),
        ("  -3 ", -3),
        (".5", 0.5),
        ("80%", 80),
        ("95 or 96", None),
        ("about", None),
        ("", None),
        ("1,00", None),
    ],
)
def test_parse_number(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    ("typed", "right"),
    [("95", True), ("$95 billion", True), ("96.9", True), ("97.5", False), ("ninety-five", True)],
)
def test_numbers_count_within_tolerance(typed: str, right: bool) -> None:
    assert check(number(95, tolerance=2), typed).correct is right


def test_number_without_tolerance_must_be_exact() -> None:
    assert check(number(1991), "1991").correct
    assert not check(number(1991), "1992").correct


def test_not_a_number_says_so() -> None:
    verdict = check(number(5), "a few")
    assert not verdict.correct and verdict.note == "That is not a number."


def test_normalise_text_drops_case_punctuation_and_spaces() -> None:
    assert normalise_text("  The Belt-and-Road, Initiative! ") == "belt and road initiative"


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("Khorgos", True),
        ("  khorgos. ", True),
        ("KHORGOS", True),
        ("Horgos", True),  # an accepted spelling
        ("Khorgoss", True),  # one typo
        ("Khrogos", False),  # swapping two letters is two edits; 7 letters allow one
        ("Kurgos", False),
        ("Astana", False),
        ("", False),
    ],
)
def test_text_answers(typed: str, right: bool) -> None:
    question = text("Khorgos", accept=("Horgos",))
    assert check(question, typed).correct is right


def test_forgiven_typo_is_noted() -> None:
    verdict = check(text("Tajikistan"), "Tajikstan")
    assert verdict.correct
    assert verdict.note == "Accepted with a typo: it is spelt 'Tajikistan'."


def test_short_answers_get_no_typo_allowance() -> None:
    assert not check(text("BRI"), "BRA").correct


def test_digits_must_match_exactly() -> None:
    assert not check(text("G20 summit"), "G21 summit").correct


def test_a_different_known_answer_is_never_accepted_as_a_typo() -> None:
    question = text("Austria")
    other = TextQuestion(id="o", type="text", answer="Australia", **COMMON)
    known = vocabulary([question, other])
    assert check(question, "Austri", known).correct  # a typo
    similar = text("Kazakhstan")
    near = TextQuestion(id="k", type="text", answer="Kazakhstn", **COMMON)  # a bank's other answer
    assert not check(similar, "Kazakhstn", vocabulary([similar, near])).correct


def test_choice_multi_and_truefalse() -> None:
    choice = ChoiceQuestion(id="c", choices=["a", "b"], answer="a", **COMMON)
    assert check(choice, "a").correct and not check(choice, "b").correct
    multi = MultiQuestion(
        id="m", type="multi", choices=["a", "b", "c"], answer=["a", "c"], **COMMON
    )
    assert check(multi, frozenset({"c", "a"})).correct
    assert not check(multi, frozenset({"a"})).correct
    assert not check(multi, frozenset({"a", "b", "c"})).correct
    assert check(multi, frozenset({"c", "b"})).given == "b, c"
    truth = TrueFalseQuestion(id="t", type="truefalse", answer=False, **COMMON)
    assert check(truth, False).correct and not check(truth, True).correct
    assert check(truth, "False").correct and not check(truth, "True").correct
