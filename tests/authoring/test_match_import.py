"""Moodle's matching questions come in as match questions meaning what Moodle makes of them
(its qtype_match: how it saves subquestions, which answers are one choice, how it shows them),
or are skipped with their line and reason; every loss is reported. Each case is written once in
GIFT and once in Moodle XML, which both readers must read alike."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest

from quiz.authoring.convert import ImportResult
from quiz.authoring.gift import import_gift
from quiz.authoring.moodle_match import MATCH_PARTIAL_CREDIT
from quiz.authoring.moodle_xml import import_moodle_xml

Pairs = list[tuple[str, str]]


def gift(pairs: Pairs, left_format: str = "") -> str:
    """A GIFT matching question with these subquestions, on line 3."""
    body = "\n".join(
        f"  ={left_format}{left} -> {right}".replace("=", "\\=").replace("\\=", "=", 1)
        for left, right in pairs
    )
    return f"// a comment\n\n::m::Match them. {{\n{body}\n}}\n"


def xml(pairs: Pairs, left_format: str = "html", extra: str = "") -> bytes:
    """A Moodle XML matching question with these subquestions, on line 3."""
    subquestions = "".join(
        f'<subquestion format="{left_format}"><text>{escape(left)}</text>'
        f"<answer><text>{escape(right)}</text></answer></subquestion>\n"
        for left, right in pairs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="matching">\n'
        '<name><text>m</text></name><questiontext format="html"><text>Match them.</text>'
        f"</questiontext>\n{extra}{subquestions}</question>\n</quiz>\n"
    ).encode()


def both(pairs: Pairs) -> list[ImportResult]:
    """The question read from GIFT (items in GIFT's default format) and from Moodle XML (html)."""
    return [import_gift(gift(pairs), "T"), import_moodle_xml(xml(pairs), "T")]


def fields(result: ImportResult) -> dict[str, Any]:
    assert result.skipped == [], result.skipped
    (question,) = result.bank["questions"]
    return {key: question.get(key) for key in ("type", "pairs", "distractors")}


THREE = [("frog", "amphibian"), ("cat", "mammal"), ("newt", "reptile")]

IMPORTED = [
    pytest.param(THREE, {f: p for f, p in THREE}, None, [], id="pairs"),
    pytest.param(
        [*THREE[:2], ("", "insect")],
        {"frog": "amphibian", "cat": "mammal"},
        ["insect"],
        [],
        id="an item without text is an extra answer",
    ),
    pytest.param(
        [*THREE[:2], ("", ""), ("", "insect")],
        {"frog": "amphibian", "cat": "mammal"},
        ["insect"],
        [],
        id="a blank subquestion is dropped, as Moodle drops it",
    ),
    pytest.param(
        [("frog", "amphibian"), ("cat", "mammal"), ("newt", "amphibian")],
        {"frog": "amphibian", "cat": "mammal", "newt": "amphibian"},
        None,
        [],
        id="two items with one partner",
    ),
    pytest.param(
        [*THREE[:2], ("", "mammal")],
        {"frog": "amphibian", "cat": "mammal"},
        None,
        [],
        id="an extra answer equal to a partner is that partner",
    ),
    pytest.param(
        [("frog", "amphibian"), ("cat", "mammal"), ("Frog", "amphibian")],
        {"frog": "amphibian", "cat": "mammal"},
        None,
        ["the item 'Frog' is listed twice with the same answer: kept once"],
        id="an item twice with one answer is kept once",
    ),
    pytest.param(
        [("one", "1"), ("also one", "1.0"), ("two", "2")],
        {"one": "1", "also one": "1", "two": "2"},
        None,
        [
            "the answers '1' and '1.0' are one choice in Moodle (PHP compares them as numbers): "
            "shown as '1'"
        ],
        id="answers equal as numbers are one choice",
    ),
    pytest.param(
        [("frog", "<b>amphibian</b>"), ("cat", "cats &amp; dogs"), ("", "a  b\tc")],
        {"frog": "amphibian", "cat": "cats & dogs"},
        ["a b c"],
        [],
        id="answers read as Moodle shows them",
    ),
    pytest.param(
        [("frog", "Paris"), ("cat", "paris")],
        {"frog": "Paris", "cat": "paris"},
        None,
        [],
        id="partners differing in case are two choices",
    ),
]


@pytest.mark.parametrize(("pairs", "expected", "distractors", "losses"), IMPORTED)
def test_matching_imports_as_moodle_means_it(
    pairs: Pairs, expected: dict[str, str], distractors: list[str] | None, losses: list[str]
) -> None:
    for result in both(pairs):
        assert fields(result) == {"type": "match", "pairs": expected, "distractors": distractors}
        assert [(loss.line, loss.message) for loss in result.losses] == [
            (3, message) for message in [*losses, MATCH_PARTIAL_CREDIT]
        ]


SKIPPED = [
    pytest.param(
        [("frog", "amphibian"), ("cat", "")],
        "the item 'cat' has no answer to match",
        id="an item without an answer",
    ),
    pytest.param(
        [("frog", "amphibian"), ("cat", "mammal"), ("frog", "mammal")],
        "the item 'frog' is listed twice with different answers ('amphibian', 'mammal'): "
        "which is which cannot be told",
        id="an item twice with two answers",
    ),
    pytest.param(
        [("frog", "amphibian"), ("", "mammal")],
        "1 item to match: a match question has 2 to 8",
        id="fewer than 2 items",
    ),
    pytest.param(
        [(f"item {n}", f"answer {n}") for n in range(9)],
        "9 items to match: a match question has 2 to 8",
        id="more than 8 items",
    ),
    pytest.param(
        [("frog", "amphibian"), ("cat", "mammal"), *(("", f"extra {n}") for n in range(9))],
        "11 answers to choose from: a match question shows at most 10",
        id="more than 10 answers",
    ),
    pytest.param(
        [("frog", "<b>amphibian</b>"), ("newt", "amphibian")],
        "the answers '<b>amphibian</b>' and 'amphibian' are two choices in Moodle but read the "
        "same ('amphibian'): which one is right cannot be told",
        id="two answers that read the same",
    ),
    pytest.param(
        [("frog", "Amphibian"), ("cat", "mammal"), ("", "amphibian")],
        "the answers 'Amphibian' and 'amphibian' differ only in case, and one of them matches "
        "no item: a match question's extra answers must differ from the others in more than "
        "case",
        id="an extra answer differing from a partner only in case",
    ),
]


@pytest.mark.parametrize(("pairs", "reason"), SKIPPED)
def test_matching_the_bank_cannot_ask_is_skipped_with_its_reason(pairs: Pairs, reason: str) -> None:
    for result in both(pairs):
        assert result.bank["questions"] == []
        assert [(s.line, s.reason, s.kind) for s in result.skipped] == [(3, reason, "matching")]


def test_items_are_read_in_their_format() -> None:
    """GIFT items take the question's format or their own tag; XML items their `format`."""
    pairs = [("<b>frog</b>", "amphibian"), ("cat &amp; kitten", "mammal")]
    for result in (import_gift(gift(pairs, "[html]"), "T"), import_moodle_xml(xml(pairs), "T")):
        assert fields(result)["pairs"] == {"frog": "amphibian", "cat & kitten": "mammal"}
    for result in (
        import_gift(gift(pairs, "[plain]"), "T"),
        import_moodle_xml(xml(pairs, "plain_text"), "T"),
    ):
        assert fields(result)["pairs"] == {"<b>frog</b>": "amphibian", "cat &amp; kitten": "mammal"}


def test_an_item_or_answer_that_is_only_an_image_is_skipped_and_its_image_named() -> None:
    pairs = [('<img src="frog.png" alt="a frog">', "amphibian"), ("cat", "mammal")]
    for result in both(pairs):
        (skip,) = result.skipped
        assert (skip.line, skip.reason) == (3, "item 1 has no text a terminal can show")
    answer = both([("frog", '<img src="f.png">'), ("cat", "mammal")])
    assert [skip.reason for result in answer for skip in result.skipped] == [
        "the answer '<img src=\"f.png\">' has no text a terminal can show"
    ] * 2
    result = import_moodle_xml(
        xml([("<p>frog</p><img src='f.png'>", "amphibian"), *THREE[1:]]), "T"
    )
    assert "item 1: an image was dropped (f.png)" in [loss.message for loss in result.losses]


def test_moodle_xml_feedback_and_settings_the_bank_cannot_hold_are_reported() -> None:
    extra = (
        "<shuffleanswers>true</shuffleanswers>\n"
        '<correctfeedback format="html"><text>Well done!</text></correctfeedback>\n'
        '<incorrectfeedback format="html"><text>Your answer is incorrect.</text>'
        "</incorrectfeedback>\n"
        '<hint format="html"><text>Frogs lay eggs.</text></hint>\n'
        '<hint format="html"><text>Cats purr.</text></hint>\n'
    )
    result = import_moodle_xml(xml(THREE, extra=extra), "T")
    (question,) = result.bank["questions"]
    assert question["hint"] == "Frogs lay eggs."
    assert [loss.message for loss in result.losses] == [
        "the feedback on any right response dropped: “Well done!”",  # the default one is no loss
        "1 more hint(s) dropped: a question has one hint",
        MATCH_PARTIAL_CREDIT,
    ]


def test_gift_general_feedback_is_the_explanation() -> None:
    text = "::m::Match them. {\n =frog -> amphibian\n =cat -> mammal\n ####Frogs are amphibians.\n}"
    (question,) = import_gift(text, "T").bank["questions"]
    assert question["explanation"] == question["context"] == "Frogs are amphibians."
    bare = import_gift("::m::Match them. {=frog -> amphibian =cat -> mammal}", "T")
    assert bare.bank["questions"][0]["explanation"] == (
        "The right answer is: frog → amphibian; cat → mammal."
    )


def test_long_items_are_written_as_a_list_of_pairs() -> None:
    """`left: right` lines read best; an item too long for one (or on several lines) makes the
    pairs a list of `[left, right]`, which YAML writes without its `? key` form."""
    long = "An item long enough that YAML would write it as an explicit key " * 2
    pairs = [(long.strip(), "x"), ("b", "y")]
    for result in both(pairs):
        assert fields(result)["pairs"] == [[long.strip(), "x"], ["b", "y"]]
        assert "? " not in result.to_yaml()


def test_a_hash_in_a_gift_pair_is_text_as_in_moodle_with_a_warning() -> None:
    """Moodle reads no feedback in a matching question: `#good` stays in the answer."""
    gift = "::m::Match. {=frog -> amphibian#good =cat -> it&#39;s a mammal =\\# -> hash}"
    result = import_gift(gift, "T")
    assert fields(result)["pairs"] == {
        "frog": "amphibian#good",
        "cat": "it's a mammal",
        "#": "hash",
    }
    assert [loss.message for loss in result.losses] == [
        "'frog -> amphibian#good' holds '#': Moodle reads no feedback in a matching question, "
        "so it is part of the text (write \\# to say so)",
        MATCH_PARTIAL_CREDIT,
    ]
