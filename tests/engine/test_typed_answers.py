"""What students type is read as they mean it: `&` for "and", no leading "the", number words and
ordinals, "about 80 million", and scale words read in the question's unit (issue 17, item 3)."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.engine.checking import check, normalise_text, number_readings, read_number
from quiz.engine.model import NumberQuestion, TextQuestion

COMMON: dict[str, Any] = {"topic": "T", "prompt": "P?", "explanation": "E.", "context": "C."}


def text(answer: str, *accept: str) -> TextQuestion:
    return TextQuestion(id="t", type="text", answer=answer, accept=list(accept), **COMMON)


def number(answer: float, unit: str | None = None, tolerance: float = 0) -> NumberQuestion:
    return NumberQuestion(
        id="n", type="number", answer=answer, unit=unit, tolerance=tolerance, **COMMON
    )


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("Belt & Road Initiative", True),
        ("belt&road initiative", True),
        ("The Belt and Road Initiative", True),
        ("the belt & road", True),  # an accepted spelling, with '&' and 'the'
        ("Belt Initiative", False),
    ],
)
def test_ampersand_and_a_leading_article(typed: str, right: bool) -> None:
    question = text("Belt and Road Initiative", "Belt and Road")
    assert check(question, typed).correct is right


def test_an_article_is_dropped_only_before_a_word() -> None:
    assert normalise_text("The Hague") == "hague"
    assert normalise_text("A") == "a"
    assert normalise_text("Theory") == "theory"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("two", 2),
        ("Two.", 2),
        ("second", 2),
        ("2nd", 2),
        ("the second", 2),
        ("The 2nd.", 2),
        ("twice", 2),
        ("once", 1),
        ("the", None),
        ("twenty-five", 25),
        ("ninety five", 95),
        ("twenty-first", 21),
        ("about 80 million", 80),
        ("approximately $95 billion", 95),
        ("over a million", 1),
        ("a few", None),
        ("about", None),
        ("2 or 3", None),
    ],
)
def test_number_words_ordinals_and_approximations(typed: str, value: float | None) -> None:
    read = read_number(typed)
    assert (read.value if read else None) == value


@pytest.mark.parametrize(
    ("typed", "unit", "readings"),
    [
        ("80 million", "million people", (80,)),
        ("80,000,000", "million people", (80_000_000, 80)),
        ("80", "million people", (80, 0.00008)),
        ("80 million", "people", (80_000_000,)),
        ("95 billion", None, (95_000_000_000, 95)),
        ("over a million", "people", (1_000_000,)),
        ("lots", "people", ()),
    ],
)
def test_scale_words_are_read_in_the_questions_unit(
    typed: str, unit: str | None, readings: tuple[float, ...]
) -> None:
    assert number_readings(typed, unit) == pytest.approx(readings)


@pytest.mark.parametrize(
    ("question", "typed", "right"),
    [
        (number(2), "two", True),
        (number(2), "second", True),
        (number(2), "the second", True),
        (number(2), "twice", True),
        (number(2), "third", False),
        (number(80, "million people", 5), "approximately 80 million", True),
        (number(80, "million people", 5), "80,000,000", True),
        (number(80, "million people", 5), "8 million", False),
        (number(1_000_000, "people"), "over a million", True),
        (number(64, "billion US dollars", 1), "around $64 billion", True),
        (number(80, "people"), "80 million", False),
    ],
)
def test_a_number_as_the_text_writes_it_counts(
    question: NumberQuestion, typed: str, right: bool
) -> None:
    assert check(question, typed).correct is right
