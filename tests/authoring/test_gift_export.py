"""GIFT export: every text reads back identically and means the same in Moodle (issue 16,
items 11 to 13), and banks survive the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.gift import export_gift, import_gift
from quiz.engine.discovery import bundled_folder
from quiz.engine.loader import load_bank, parse_bank
from tests.authoring.roundtrip import bank_state, expected_losses, loss_messages, reload

DATA = Path(__file__).parent.parent / "data"
BANKS = [
    bundled_folder() / "xi-kazakhstan-central-asia.yaml",
    DATA / "demo.yaml",
    DATA.parent / "banks" / "match.yaml",
]


def bank_from(tmp_path: Path, questions: str, header: str = "title: T\n") -> object:
    return parse_bank(f"{header}questions:\n{questions}", tmp_path / "t.yaml")


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_bank_round_trips_through_gift(path: Path, tmp_path: Path) -> None:
    """Every question comes back the same, match questions included, but `order` questions:
    GIFT has none, so the export leaves each out, named in a warning."""
    bank = load_bank(path)
    warnings: list[str] = []
    result = import_gift(export_gift(bank, warn=warnings.append), "Other title")
    assert result.skipped == []
    assert loss_messages(result.losses) == expected_losses(result)
    orders = [question.id for question in bank.questions if question.kind == "order"]
    assert warnings == [f"{name}: GIFT has no ordering question; left out" for name in orders]
    expected = bank_state(bank)
    expected["questions"] = [q for q in expected["questions"] if q["id"] not in orders]
    assert bank_state(reload(result, bank, tmp_path)) == expected


def test_numbers_are_written_in_full(tmp_path: Path) -> None:
    bank = bank_from(
        tmp_path,
        "  - {id: big, type: number, topic: T, prompt: 'Big?', answer: 1234567, "
        "tolerance: 0.000000005, explanation: e, context: c}\n",
    )
    gift = export_gift(bank)  # type: ignore[arg-type]
    assert "{#1234567:0.000000005####" in gift
    back = import_gift(gift, "T").bank["questions"][0]
    assert (back["answer"], back["tolerance"]) == (1234567, 5e-09)


TRICKY = """\
  - id: weights
    topic: 'Trade/Energy'
    prompt: '[html] is not a tag here'
    choices: ['%50% of it', '->', 'a <b>bold</b> claim', '[plain]x']
    answer: '%50% of it'
    feedback: {'->': '%25% wrong', 'a <b>bold</b> claim': '[moodle] no'}
    explanation: 'Tom & Jerry: {x} ~ = # \\\\ back'
    context: "two  spaces\\n  and an indented line"
  - id: arrows
    type: text
    topic: Trade/Energy
    prompt: Which arrow?
    answer: '%50%'
    accept: ['=>']
    explanation: e
    context: c
  - id: multi
    type: multi
    topic: Other
    prompt: Pick.
    choices: ['%10%a', b, c]
    answer: ['%10%a', b]
    hint: "line one\\nline two \\\\n"
    explanation: e
    context: c
"""


def test_texts_that_look_like_gift_or_html_read_back_identically(tmp_path: Path) -> None:
    bank = bank_from(tmp_path, TRICKY)
    gift = export_gift(bank)  # type: ignore[arg-type]
    assert "$CATEGORY: $course$/top/Trade//Energy" in gift
    assert "::weights::[plain]" in gift  # Moodle would render <b> and & as HTML
    result = import_gift(gift, "T")
    assert result.skipped == [] and result.losses == []
    assert bank_state(reload(result, bank, tmp_path / "back")) == bank_state(bank)  # type: ignore[arg-type]


def test_a_typed_answer_with_an_arrow_cannot_be_gift(tmp_path: Path) -> None:
    bank = bank_from(
        tmp_path,
        "  - {id: arrow, type: text, topic: T, prompt: 'P?', answer: 'a -> b', "
        "explanation: e, context: c}\n",
    )
    warned: list[str] = []
    gift = export_gift(bank, warned.append)  # type: ignore[arg-type]
    assert "::arrow::" not in gift
    assert warned == ["arrow: a typed answer holds '->', which GIFT reads as matching; left out"]


def test_the_header_is_kept_in_comments(tmp_path: Path) -> None:
    header = (
        "title: 'Xi: a visit'\ndescription: \"Two lines\\nof text\"\n"
        "source: {title: An article, publisher: A paper, url: 'https://example.org/a'}\n"
    )
    bank = bank_from(
        tmp_path,
        "  - {id: q, type: truefalse, topic: T, prompt: P, answer: true, explanation: e, "
        "context: c}\n",
        header,
    )
    gift = export_gift(bank)  # type: ignore[arg-type]
    assert "// title: Xi: a visit" in gift
    assert "// description: Two lines\\nof text" in gift
    back = import_gift(gift, "Other").bank
    assert back["title"] == "Xi: a visit"
    assert back["description"] == "Two lines\nof text"
    assert back["source"] == {
        "title": "An article",
        "publisher": "A paper",
        "url": "https://example.org/a",
    }


def test_order_questions_are_left_out_of_gift_each_named() -> None:
    warned: list[str] = []
    gift = export_gift(load_bank(DATA.parent / "banks" / "new-types.yaml"), warned.append)
    assert warned == [
        "trade-partners-ranked: GIFT has no ordering question; left out",
        "summit-leaders-listed: GIFT has no ordering question; left out",
    ]
    assert "{" not in gift
