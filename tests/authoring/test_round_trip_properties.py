"""Property tests: any bank (texts with GIFT's and HTML's special characters, numbers of any
size, match questions, lint silences) comes back identical through GIFT and through Moodle
XML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from quiz.authoring.gift import export_gift, import_gift
from quiz.authoring.moodle_match import match_answers_problem
from quiz.authoring.moodle_xml import import_moodle_xml
from quiz.authoring.moodle_xml_writer import export_moodle_xml
from quiz.engine.loader import parse_bank
from tests.authoring.roundtrip import bank_state, expected_losses, loss_messages

SPECIAL = "~=#{}:\\<>&%[]->_*/\"' \n"
letters = (
    st.text(alphabet=st.sampled_from("abcXYZ019éż" + SPECIAL), min_size=1, max_size=14)
    .map(str.strip)
    .filter(bool)
)
numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(
    lambda x: x == 0 or abs(x) > 1e-9
)


@st.composite
def questions(draw: Any, index: int) -> dict[str, Any]:
    base = {
        "id": f"q{index}",
        # a topic is a one-line label; Moodle's category paths cannot say a name that starts
        # or ends with "/" (`top///x` is ambiguous)
        "topic": " ".join(draw(letters).split()).strip("/ ") or "topic",
        "difficulty": draw(st.sampled_from(["easy", "medium", "hard"])),
        "prompt": draw(letters),
        "explanation": draw(letters),
        "context": draw(letters),
    }
    if draw(st.booleans()):
        base["hint"] = draw(letters)
    if draw(st.booleans()):
        base["lint"] = {
            "ignore": draw(st.lists(letters, min_size=1, max_size=2)),
            "why": draw(letters),
        }
    kind = draw(st.sampled_from(["choice", "multi", "truefalse", "number", "text", "match"]))
    if kind in ("choice", "multi"):
        choices = draw(st.lists(letters, min_size=2, max_size=5, unique_by=str.casefold))
        right = draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
        base.update(type=kind, choices=choices)
        base["answer"] = right[0] if kind == "choice" else [c for c in choices if c in right]
        wrong = [c for c in choices if c not in right]
        if wrong and draw(st.booleans()):
            base["feedback"] = {wrong[0]: draw(letters)}
    elif kind == "truefalse":
        base.update(type=kind, answer=draw(st.booleans()))
    elif kind == "number":
        base.update(type=kind, answer=draw(numbers), tolerance=abs(draw(numbers)))
        if draw(st.booleans()):
            base["unit"] = draw(letters)
    elif kind == "match":
        lefts = draw(st.lists(letters, min_size=2, max_size=4, unique_by=str.casefold))
        lefts = [left for left in lefts if "->" not in left]  # GIFT ends an item at its `->`
        one_line = letters.map(lambda text: " ".join(text.split()))
        partners = draw(st.lists(one_line, min_size=len(lefts), max_size=len(lefts)))
        extras = draw(st.lists(one_line, max_size=2, unique_by=str.casefold))
        taken = {partner.casefold() for partner in partners}
        extras = [extra for extra in extras if extra.casefold() not in taken]
        assume(len(lefts) >= 2)
        assume(match_answers_problem(list(dict.fromkeys(partners + extras))) is None)
        base.update(
            type=kind, pairs=[[left, right] for left, right in zip(lefts, partners, strict=True)]
        )
        base["distractors"] = extras
    else:
        spellings = draw(st.lists(letters, min_size=1, max_size=3, unique_by=str.casefold))
        spellings = [s for s in spellings if "->" not in s] or ["plain"]
        base.update(type=kind, answer=spellings[0], accept=spellings[1:])
    return base


@st.composite
def banks(draw: Any) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=4))
    return {
        "title": draw(letters),
        "description": draw(letters),
        "questions": [draw(questions(i)) for i in range(count)],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=banks())
@example(  # `---` in a header: an XML comment may hold no `--` (found by hypothesis)
    data={
        "title": "0",
        "description": "---",
        "questions": [
            {
                "id": "q0",
                "topic": "0",
                "prompt": "0",
                "explanation": "0",
                "context": "0",
                "choices": ["0", "00"],
                "answer": "0",
            }
        ],
    }
)
def test_any_bank_round_trips_through_gift_and_moodle_xml(data: dict[str, Any]) -> None:
    path = Path("generated.yaml")
    bank = parse_bank(yaml.safe_dump(data, allow_unicode=True), path)
    expected = bank_state(bank)
    for text in (export_gift(bank), export_moodle_xml(bank)):
        if text.startswith("<?xml"):
            result = import_moodle_xml(text.encode("utf-8"), "Other")
        else:
            result = import_gift(text, "Other")
        assert result.skipped == []
        assert loss_messages(result.losses) == expected_losses(result)
        back = parse_bank(result.to_yaml(), path)
        assert bank_state(back) == expected
