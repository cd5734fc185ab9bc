"""The `lint` field: a question may silence lint rules with a reason; the loader checks its shape."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from quiz.authoring.schema import bank_schema
from quiz.engine import cache
from quiz.engine.errors import BankError
from quiz.engine.loader import load_bank

WriteBank = Callable[..., Path]

QUESTION = """\
title: T
questions:
  - id: q1
    topic: T
    prompt: Which one?
    choices: [Alpha, Beta]
    answer: Alpha
    explanation: Alpha is right.
    context: Alpha.
"""


def test_a_question_may_silence_rules_with_a_reason(write_bank: WriteBank) -> None:
    text = QUESTION + "    lint: {ignore: [longest-answer], why: The article's own words.}\n"
    path = write_bank(text)
    (question,) = load_bank(path).questions
    assert question.lint == {"ignore": ["longest-answer"], "why": "The article's own words."}
    jsonschema.validate(yaml.safe_load(text), bank_schema())


def test_without_it_nothing_is_silenced(write_bank: WriteBank) -> None:
    (question,) = load_bank(write_bank(QUESTION)).questions
    assert question.lint is None


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            "    lint: {ignore: [longest-answer]}\n",
            "10:11: error: question 'q1': missing required field 'why'",
        ),
        (
            "    lint: {ignore: [], why: W.}\n",
            "10:20: error: question 'q1': 'lint.ignore' needs at least 1 item(s), found 0",
        ),
        (
            "    lint: {ignore: longest-answer, why: W.}\n",
            "10:20: error: question 'q1': 'lint.ignore' must be a list, not 'longest-answer'",
        ),
        (
            "    lint: {ignore: [x], why: W., wy: W.}\n",
            "10:34: error: question 'q1': unknown field 'wy' (did you mean 'why'?)",
        ),
        (
            "    lint: {ignore: [x], why: W., topic: T}\n",
            "10:34: error: question 'q1': unknown field 'topic'",
        ),
        (
            "    lint: longest-answer\n",
            "10:11: error: question 'q1': 'lint' must be a mapping of 'key: value' lines, not 'longest-answer'",
        ),
    ],
)
def test_a_malformed_one_is_an_error_at_its_place(
    write_bank: WriteBank, lines: str, message: str
) -> None:
    path = write_bank(QUESTION + lines)
    with pytest.raises(BankError) as failure:
        load_bank(path)
    assert [str(error) for error in failure.value.errors] == [f"{path}:{message}"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(QUESTION + lines), bank_schema())


def test_it_survives_the_cache(write_bank: WriteBank) -> None:
    path = write_bank(QUESTION + "    lint: {ignore: [longest-answer], why: W.}\n")
    bank = load_bank(path)
    cache.save(bank, cache.stamp(path))
    cached = cache.load(path)
    assert cached is not None
    assert cached.questions[0] == bank.questions[0]
