"""`order` questions: the bank's format and messages, asking, checking and the typed form."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.engine.errors import BankError
from quiz.engine.loader import load_bank
from quiz.engine.question_types.order import OrderQuestion

WriteBank = Callable[..., Path]

COMMON = {"topic": "T", "prompt": "P?", "explanation": "E.", "context": "C."}


def order(*items: str) -> OrderQuestion:
    return OrderQuestion(id="o", type="order", items=list(items), **COMMON)


def errors_of(write_bank: WriteBank, body: str) -> list[str]:
    path = write_bank(
        "title: T\nquestions:\n  - id: o\n    type: order\n    topic: T\n    prompt: P?\n"
        f"    explanation: E.\n    context: C.\n{body}"
    )
    with pytest.raises(BankError) as failure:
        load_bank(path)
    return [f"{e.line}:{e.column}: {e.message}" for e in failure.value.errors]


def test_a_valid_order_question_loads(write_bank: WriteBank) -> None:
    path = write_bank(
        "title: T\nquestions:\n  - id: o\n    type: order\n    topic: T\n    prompt: P?\n"
        "    items: [First, Second, Third]\n    explanation: E.\n    context: C.\n"
    )
    (question,) = load_bank(path).questions
    assert isinstance(question, OrderQuestion) and question.items == ["First", "Second", "Third"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("    items: [A, B]\n", "9:12: 'items' needs at least 3 item(s), found 2"),
        (
            "    items: [A, B, C, D, E, F, G, H, I]\n",
            "9:12: 'items' allows at most 8 items, found 9",
        ),
        ("    items: [A, B, a]\n", "9:19: item 'a' is listed twice (also item 1)"),
        ("    items: [A, B, '']\n", "9:19: 'items[3]' must not be empty"),
        ("", "3:5: missing required field 'items'"),
        (
            "    items: [A, B, C]\n    choices: [A, B]\n",
            "10:5: field 'choices' does not apply to an order question",
        ),
    ],
)
def test_order_mistakes_are_reported_at_their_line(
    write_bank: WriteBank, body: str, message: str
) -> None:
    assert message in errors_of(write_bank, body)


def test_asked_shuffled_never_in_order_nor_backwards_as_the_help_example_types() -> None:
    question = order("A", "B", "C")
    asked = {question.ask(random.Random(seed)) for seed in range(50)}
    assert asked == {("A", "C", "B"), ("B", "A", "C"), ("B", "C", "A"), ("C", "A", "B")}
    example = question.how_to_answer(3).split("e.g. ")[1][:3]
    assert example == "321"
    for shown in asked:
        assert not question.check(question.read(example, shown) or ()).correct


def test_only_the_exact_order_counts_and_misplaced_items_say_where_they_belong() -> None:
    question = order("Gas", "Oil", "Uranium", "Coal")
    assert question.check(("Gas", "Oil", "Uranium", "Coal")).correct
    verdict = question.check(("Gas", "Uranium", "Oil", "Coal"))
    assert not verdict.correct
    assert verdict.given == "Gas → Uranium → Oil → Coal"
    assert verdict.breakdown is not None
    assert verdict.breakdown.headings == ("Your order", "Right order")
    assert [(r.given, r.right, r.correct, r.remark) for r in verdict.breakdown.rows] == [
        ("1. Gas", "1. Gas", True, ""),
        ("2. Uranium", "2. Oil", False, "belongs 3rd"),
        ("3. Oil", "3. Uranium", False, "belongs 2nd"),
        ("4. Coal", "4. Coal", True, ""),
    ]
    assert not question.check("Gas").correct  # not an order at all
    assert question.answer_text() == "Gas → Oil → Uranium → Coal"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("3142", ("C", "A", "D", "B")),
        ("3 1 4 2", ("C", "A", "D", "B")),
        ("3,1,4,2", ("C", "A", "D", "B")),
        ("314", None),
        ("3144", None),
        ("3152", None),
        ("abcd", None),
    ],
)
def test_the_typed_form_is_the_numbers_in_the_new_order(
    typed: str, read: tuple[str, ...] | None
) -> None:
    assert order("W", "X", "Y", "Z").read(typed, ("A", "B", "C", "D")) == read


def test_the_fingerprint_follows_the_order_not_the_wording() -> None:
    base = order("A", "B", "C")
    assert order("A", "B", "C").fingerprint() == base.fingerprint()
    assert order("B", "A", "C").fingerprint() != base.fingerprint()
