"""Exports of match questions and of the bank-only `lint:` field, in GIFT and in Moodle XML:
what Moodle reads is what the bank says, what it cannot say is named in a warning, and
`quiz import` brings every question back the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.authoring.convert import ImportResult, with_article
from quiz.authoring.gift import export_gift, import_gift
from quiz.authoring.moodle_xml import import_moodle_xml
from quiz.authoring.moodle_xml_writer import export_moodle_xml
from quiz.engine.loader import parse_bank
from quiz.engine.model import Bank
from quiz.engine.question_types import QUESTION_TYPES
from tests.authoring.roundtrip import bank_state, expected_losses, loss_messages, reload

Export = Callable[..., str]


def gift_round_trip(bank: Bank, warn: Callable[[str], None]) -> ImportResult:
    return import_gift(export_gift(bank, warn), "T")


def xml_round_trip(bank: Bank, warn: Callable[[str], None]) -> ImportResult:
    return import_moodle_xml(export_moodle_xml(bank, warn).encode(), "T")


FORMATS = [
    pytest.param(gift_round_trip, id="gift"),
    pytest.param(xml_round_trip, id="moodle-xml"),
]


def match_bank(tmp_path: Path, pairs: str, distractors: str = "[]", more: str = "") -> Bank:
    return parse_bank(
        "title: T\nquestions:\n"
        "  - id: m\n    type: match\n    topic: T\n    prompt: Match them.\n"
        f"    pairs: {pairs}\n    distractors: {distractors}\n"
        f"    explanation: e\n    context: c\n{more}",
        tmp_path / "t.yaml",
    )


@pytest.mark.parametrize("round_trip", FORMATS)
def test_answers_with_markup_come_back_as_written(round_trip: Callable, tmp_path: Path) -> None:
    """Moodle shows a matching answer as HTML: the export escapes it, the import reads it."""
    bank = match_bank(
        tmp_path,
        "[['<b>bold</b> item', 'a <b> tag'], ['Tom & Jerry', '&amp; is an entity'], "
        "['x = y # z', '-> {arrow} ~ = #']]",
        "['1 < 2 > 0', '[html] no tag']",
    )
    warnings: list[str] = []
    result = round_trip(bank, warnings.append)
    assert warnings == [] and result.skipped == []
    assert loss_messages(result.losses) == expected_losses(result)
    assert bank_state(reload(result, bank, tmp_path / "back")) == bank_state(bank)


def test_matching_answers_are_written_as_moodle_writes_them(tmp_path: Path) -> None:
    bank = match_bank(tmp_path, "{frog: a <b> tag, cat: mammal}", "[insect]")
    assert "\t=frog -> a &lt;b&gt; tag\n\t=cat -> mammal\n\t= -> insect\n" in export_gift(bank)
    xml = export_moodle_xml(bank)
    assert "<shuffleanswers>false</shuffleanswers>" in xml  # the items in the bank's order
    assert "<text><![CDATA[a &lt;b&gt; tag]]></text>" in xml
    assert (
        '<subquestion format="plain_text">\n      <text></text>\n      <answer>\n'
        "        <text>insect</text>" in xml
    )


@pytest.mark.parametrize("round_trip", FORMATS)
def test_an_answer_on_several_lines_is_written_on_one_with_a_warning(
    round_trip: Callable, tmp_path: Path
) -> None:
    bank = match_bank(tmp_path, '{frog: "an\\n  amphibian", cat: mammal}')
    warnings: list[str] = []
    (question,) = round_trip(bank, warnings.append).bank["questions"]
    assert question["pairs"] == {"frog": "an amphibian", "cat": "mammal"}
    assert warnings == [
        "m: the answer 'an amphibian' is written on one line (Moodle shows a matching answer "
        "on one line)"
    ]


@pytest.mark.parametrize("round_trip", FORMATS)
@pytest.mark.parametrize(
    ("pairs", "distractors", "reason"),
    [
        (
            "{one: '1', also one: '1.0'}",
            "[]",
            "its answers '1' and '1.0' would be one answer in Moodle (it compares them as numbers)",
        ),
        (
            "{a: x y, b: z}",
            "['x  y']",
            "its answers 'x y' and 'x  y' would be one answer in "
            "Moodle (it compares them on one line)",
        ),
    ],
)
def test_answers_moodle_would_merge_leave_the_question_out_named(
    round_trip: Callable, pairs: str, distractors: str, reason: str, tmp_path: Path
) -> None:
    bank = match_bank(
        tmp_path,
        pairs,
        distractors,
        more="  - {id: t, type: truefalse, topic: "
        "T, prompt: P, answer: true, explanation: e, context: c}\n",
    )
    warnings: list[str] = []
    result = round_trip(bank, warnings.append)
    assert [q["id"] for q in result.bank["questions"]] == ["t"]
    assert warnings[-1] == f"m: {reason}; left out"


def test_a_left_item_with_an_arrow_cannot_be_gift(tmp_path: Path) -> None:
    bank = match_bank(tmp_path, "{a -> b: x, c: y}")
    warnings: list[str] = []
    export_gift(bank, warnings.append)
    assert warnings == [
        "m: a left item holds '->', which GIFT reads as the end of the item; left out"
    ]
    assert xml_round_trip(bank, warnings.append).bank["questions"][0]["pairs"]["a -> b"] == "x"


LINT = (
    "    lint:\n      ignore: [longest-answer, all-of-the-above]\n"
    '      why: "The article\'s own words -- \\\\n and {braces}:\\nsecond line"\n'
)


@pytest.mark.parametrize("round_trip", FORMATS)
def test_the_lint_field_comes_back(round_trip: Callable, tmp_path: Path) -> None:
    bank = parse_bank(
        "title: T\nquestions:\n"
        "  - id: q\n    topic: T\n    prompt: P?\n    choices: [a, b]\n    answer: a\n"
        f"    explanation: e\n    context: c\n{LINT}",
        tmp_path / "t.yaml",
    )
    assert bank.questions[0].lint is not None
    result = round_trip(bank, lambda warning: pytest.fail(warning))
    assert result.skipped == [] and result.losses == []
    assert bank_state(reload(result, bank, tmp_path / "back")) == bank_state(bank)


def test_a_damaged_lint_note_is_reported_not_kept() -> None:
    gift = '// lint: {"ignore": "x"}\n::q::P? {=a ~b####e}\n'
    result = import_gift(gift, "T")
    assert "lint" not in result.bank["questions"][0]
    assert [(loss.line, loss.message) for loss in result.losses] == [
        (2, 'the lint note could not be read, so it is dropped: {"ignore": "x"}')
    ]


def test_every_type_name_takes_its_article() -> None:
    """Messages that name a type say `a choice` and `an order`: by rule, for every type."""
    expected = {
        "choice": "a choice",
        "multi": "a multi",
        "truefalse": "a truefalse",
        "number": "a number",
        "text": "a text",
        "order": "an order",
        "match": "a match",
    }
    assert {name: with_article(name) for name in QUESTION_TYPES} == expected
