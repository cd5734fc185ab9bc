"""Choices that are all numbers are shown in the bank's order (smallest first, as `quiz lint`
asks); any other choices are shuffled."""

from __future__ import annotations

import random
from typing import Any

from quiz.engine.model import ChoiceQuestion, MultiQuestion
from quiz.engine.quantities import all_quantities, quantity

COMMON: dict[str, Any] = {"topic": "T", "prompt": "P?", "explanation": "E.", "context": "C."}
FIGURES = ["$44 billion", "$64 billion", "$80 billion", "$95 billion"]
WORDS = ["Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Turkmenistan", "Tajikistan"]


def test_figures_keep_the_banks_order_in_every_game() -> None:
    choice = ChoiceQuestion(id="c", choices=FIGURES, answer="$95 billion", **COMMON)
    multi = MultiQuestion(id="m", type="multi", choices=FIGURES, answer=FIGURES[:2], **COMMON)
    for seed in range(20):
        assert list(choice.ask(random.Random(seed))) == FIGURES
        assert list(multi.ask(random.Random(seed))) == FIGURES


def test_words_are_shuffled() -> None:
    choice = ChoiceQuestion(id="c", choices=WORDS, answer="Kazakhstan", **COMMON)
    orders = {choice.ask(random.Random(seed)) for seed in range(20)}
    assert len(orders) > 1 and all(sorted(order) == sorted(WORDS) for order in orders)


def test_what_counts_as_a_number() -> None:
    assert quantity("$95 billion") == (95e9, "money")
    assert quantity("About 2 times") == (2, "times")
    assert quantity("Over a million") == (1e6, "")
    assert quantity("They gained independence in 1991") is None  # a sentence
    assert quantity("Kazakhstan") is None
    assert all_quantities(["Over 100,000", "Over a million", "About 80 million"])
    assert not all_quantities(["$44 billion", "Kazakhstan"])
