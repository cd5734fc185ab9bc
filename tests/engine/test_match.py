"""`match` questions: both ways of writing pairs, the messages at their line, asking, checking,
the typed form, and the exports (Moodle's matching question)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from quiz.authoring.gift import export_gift
from quiz.authoring.moodle_xml_writer import export_moodle_xml
from quiz.engine.errors import BankError
from quiz.engine.loader import load_bank
from quiz.engine.question_types.match import MatchQuestion

WriteBank = Callable[..., Path]
BANKS = Path(__file__).parent.parent / "banks"
COMMON = {"topic": "T", "prompt": "P?", "explanation": "E.", "context": "C."}
HEAD = (
    "title: T\nquestions:\n  - id: m\n    type: match\n    topic: T\n    prompt: P?\n"
    "    explanation: E.\n    context: C.\n"
)


def match(*pairs: tuple[str, str], distractors: tuple[str, ...] = ()) -> MatchQuestion:
    return MatchQuestion(
        id="m", type="match", pairs=list(pairs), distractors=list(distractors), **COMMON
    )


def errors_of(write_bank: WriteBank, body: str) -> list[str]:
    with pytest.raises(BankError) as failure:
        load_bank(write_bank(HEAD + body))
    return [f"{e.line}:{e.column}: {e.message}" for e in failure.value.errors]


@pytest.mark.parametrize(
    "pairs",
    [
        "    pairs:\n      Gas: Turkmenistan\n      Uranium: Kazakhstan\n",
        "    pairs:\n      - [Gas, Turkmenistan]\n      - [Uranium, Kazakhstan]\n",
        "    pairs: [[Gas, Turkmenistan], [' Uranium ', Kazakhstan]]\n",
    ],
)
def test_pairs_read_the_same_written_either_way(write_bank: WriteBank, pairs: str) -> None:
    (question,) = load_bank(write_bank(HEAD + pairs)).questions
    assert isinstance(question, MatchQuestion)
    assert question.pairs == [("Gas", "Turkmenistan"), ("Uranium", "Kazakhstan")]
    assert question.distractors == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "    pairs:\n      Gas: Turkmenistan\n      Uranium:\n",
            "11:15: pair 'Uranium' has nothing on its right side; write 'left: right'",
        ),
        (
            "    pairs:\n      - [Gas, Turkmenistan]\n      - [Uranium]\n",
            "11:9: pair 2 has no right side; write it as [left, right]",
        ),
        (
            "    pairs:\n      - [Gas, Turkmenistan]\n      - [Uranium, Kazakhstan, Russia]\n",
            "11:9: pair 2 has 3 items; a pair is [left, right]",
        ),
        ("    pairs:\n      Gas: Turkmenistan\n", "10:7: a match needs 2 to 8 pairs, found 1"),
        ("    pairs: [[Gas, Turkmenistan]]\n", "9:12: a match needs 2 to 8 pairs, found 1"),
        (
            "    pairs: Gas\n",
            "9:12: 'pairs' must be 'left: right' lines or a list of [left, right] pairs, not 'Gas'",
        ),
        (
            "    pairs:\n      - [Gas, Turkmenistan]\n      - [Uranium, '']\n",
            "11:19: pair 2 has an empty right side",
        ),
        (
            "    pairs:\n      - [Gas, Turkmenistan]\n      - Uranium\n",
            "11:9: pair 2 must be a list [left, right], not 'Uranium'",
        ),
        (
            "    pairs:\n      Gas: Turkmenistan\n      gas: Kazakhstan\n",
            "11:7: left item 'gas' is listed twice (also pair 1)",
        ),
        (
            "    pairs:\n      - [Gas, Turkmenistan]\n      - [gas, Kazakhstan]\n",
            "11:9: left item 'gas' is listed twice (also pair 1)",
        ),
        (
            "    pairs:\n      Gas: Turkmenistan\n      Uranium: Kazakhstan\n"
            "    distractors: [Russia, kazakhstan]\n",
            "12:27: distractor 'kazakhstan' is the right side of pair 2; a distractor matches nothing",
        ),
        (
            "    pairs:\n      Gas: Turkmenistan\n      Uranium: Kazakhstan\n"
            "    distractors: [Russia, Russia]\n",
            "12:27: distractor 'Russia' is listed twice (also distractor 1)",
        ),
        (
            "    pairs: {A: a, B: b, C: c, D: d, E: e, F: f, G: g, H: h}\n"
            "    distractors: [i, j, k]\n",
            "10:18: 11 right-hand items (partners and distractors); at most 10 fit the keys a–j",
        ),
        (
            "    pairs: {A: a, B: b}\n    items: [x]\n",
            "10:5: field 'items' does not apply to a match question",
        ),
    ],
)
def test_match_mistakes_are_reported_at_their_line(
    write_bank: WriteBank, body: str, message: str
) -> None:
    assert message in errors_of(write_bank, body)


def test_asked_partners_are_shuffled_with_the_distractors_in_every_order() -> None:
    """No arrangement is ruled out: with two pairs, ruling out the lined-up one gave the answer."""
    question = match(("A", "a"), ("B", "b"), distractors=("x",))
    asked = {question.ask(random.Random(seed)) for seed in range(60)}
    assert len(asked) == 6 and all(sorted(order) == ["a", "b", "x"] for order in asked)
    two_pairs = match(("A", "a"), ("B", "b"))
    assert {two_pairs.ask(random.Random(seed)) for seed in range(20)} == {("a", "b"), ("b", "a")}


def test_a_partner_may_match_several_items_and_is_shown_once() -> None:
    question = match(("Gas", "Turkmenistan"), ("Oil", "Turkmenistan"), ("Uranium", "Kazakhstan"))
    assert sorted(question.ask(random.Random(1))) == ["Kazakhstan", "Turkmenistan"]
    assert question.check(("Turkmenistan", "Turkmenistan", "Kazakhstan")).correct


def test_every_pair_right_or_wrong_with_its_right_partner() -> None:
    question = match(
        ("Gas", "Turkmenistan"), ("Uranium", "Kazakhstan"), ("Rare earths", "Tajikistan")
    )
    assert question.check(("Turkmenistan", "Kazakhstan", "Tajikistan")).correct
    verdict = question.check(("Turkmenistan", "Tajikistan", "Kazakhstan"))
    assert not verdict.correct
    assert verdict.given == "Gas → Turkmenistan; Uranium → Tajikistan; Rare earths → Kazakhstan"
    assert verdict.breakdown is not None
    assert verdict.breakdown.headings == ("Your matches", "Right partner")
    assert [(r.given, r.right, r.correct, r.remark) for r in verdict.breakdown.rows] == [
        ("Gas → Turkmenistan", "Turkmenistan", True, ""),
        ("Uranium → Tajikistan", "Kazakhstan", False, "wrong"),
        ("Rare earths → Kazakhstan", "Tajikistan", False, "wrong"),
    ]
    assert not question.check(("Turkmenistan",)).correct  # a pair left unmatched
    assert question.answer_text() == (
        "Gas → Turkmenistan; Uranium → Kazakhstan; Rare earths → Tajikistan"
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1b 2a 3c", ("y", "x", "z")),
        ("1b2a3c", ("y", "x", "z")),
        ("3c, 1B, 2a", ("y", "x", "z")),
        ("1b 2a", None),
        ("1b 1a 3c", None),
        ("1b 2a 3e", None),
        ("4a 2a 3c", None),
        ("1b 2a 3c!", None),
    ],
)
def test_the_typed_form_is_numbers_and_letters(typed: str, read: tuple[str, ...] | None) -> None:
    question = match(("A", "x"), ("B", "y"), ("C", "z"), distractors=("w",))
    assert question.read(typed, ("x", "y", "z", "w")) == read


def test_the_fingerprint_follows_the_pairs_not_their_order_or_wording() -> None:
    base = match(("A", "x"), ("B", "y"), distractors=("w",))
    assert match(("B", "y"), ("A", "x"), distractors=("w",)).fingerprint() == base.fingerprint()
    assert match(("A", "y"), ("B", "x"), distractors=("w",)).fingerprint() != base.fingerprint()
    assert match(("A", "x"), ("B", "y")).fingerprint() != base.fingerprint()


def test_gift_writes_moodles_matching_question_distractors_with_no_left_side() -> None:
    bank = load_bank(BANKS / "match.yaml")
    question = next(q for q in bank.questions if q.id == "resources-by-country")
    gift = export_gift(replace(bank, questions=[question]))
    body = gift[gift.index("::resources-by-country::") :]
    assert body.splitlines()[1:5] == [
        "\t=Turkmenistan -> gas",
        "\t=Kazakhstan -> uranium",
        "\t=Tajikistan -> rare earth elements",
        "\t= -> oil",
    ]
    assert body.splitlines()[5].startswith("\t####")


def test_gift_leaves_out_a_match_whose_left_item_holds_an_arrow() -> None:
    bank = load_bank(BANKS / "match.yaml")
    question = match(("A -> B", "x"), ("C", "y"))
    warnings: list[str] = []
    gift = export_gift(replace(bank, questions=[question]), warnings.append)
    assert "::m::" not in gift
    assert warnings == [
        "m: a left item holds '->', which GIFT reads as the end of the item; left out"
    ]


def test_moodle_xml_writes_a_matching_question() -> None:
    bank = load_bank(BANKS / "match.yaml")
    question = next(q for q in bank.questions if q.id == "resources-by-country")
    xml = export_moodle_xml(replace(bank, questions=[question]))
    assert '<question type="matching">' in xml
    assert xml.count("<subquestion") == 4
    assert "<text></text>\n      <answer>\n        <text>oil</text>" in xml


def test_the_json_schema_accepts_both_ways_of_writing_pairs() -> None:
    import jsonschema
    import yaml

    from quiz.authoring.schema import bank_schema

    data = yaml.safe_load((BANKS / "match.yaml").read_text(encoding="utf-8"))
    forms = {type(q["pairs"]).__name__ for q in data["questions"] if q.get("type") == "match"}
    assert forms == {"dict", "list"}
    jsonschema.validate(data, bank_schema())
    data["questions"][0]["pairs"] = {"Turkmenistan": "gas"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, bank_schema())
