"""Real public files (tests/data/import, origins and licences in its README): each imports to
as many questions as Moodle makes of it, every one imported or skipped with its line, and a
sample of questions has exactly the fields Moodle's reading implies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quiz.authoring.aiken import import_aiken
from quiz.authoring.convert import ImportResult
from quiz.authoring.gift import import_gift
from quiz.authoring.moodle_match import MATCH_PARTIAL_CREDIT
from quiz.authoring.moodle_xml import import_moodle_xml
from quiz.engine.loader import parse_bank

CORPUS = Path(__file__).parent.parent / "data" / "import"


# file: (questions Moodle makes, imported, skipped by kind, warnings)
EXPECTED: dict[str, tuple[int, int, dict[str, int], int]] = {
    "moodle-gift-examples.txt": (43, 43, {}, 26),
    "moodle-gift-fixture-questions.txt": (9, 8, {"essay": 1}, 10),
    "moodle-gift-fixture-in-category.txt": (4, 4, {}, 3),
    "moodle-match-fixture.moodle.xml": (1, 1, {}, 4),
    "moodle-ordering-fixture.gift.txt": (1, 1, {}, 2),
    "moodle-aiken-fixture-questions.txt": (2, 2, {}, 0),
    "moodle-aiken-fixture-errors.txt": (2, 2, {"unreadable": 4}, 0),
    "moodle-xml-fixture-categories.xml": (2, 1, {"essay": 1}, 0),
}


def load(name: str) -> ImportResult:
    path = CORPUS / name
    if path.suffix == ".xml":
        return import_moodle_xml(path.read_bytes(), "Corpus")
    if "aiken" in name:
        return import_aiken(path.read_text(encoding="utf-8"), "Corpus")
    return import_gift(path.read_text(encoding="utf-8"), "Corpus")


def by_prompt(result: ImportResult, start: str) -> dict[str, Any]:
    return next(q for q in result.bank["questions"] if q["prompt"].startswith(start))


def test_every_file_in_the_corpus_is_counted() -> None:
    assert {p.name for p in CORPUS.iterdir() if p.name != "README.md"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_match_what_moodle_makes(name: str, tmp_path: Path) -> None:
    moodle, imported, skipped, warnings = EXPECTED[name]
    result = load(name)
    kinds: dict[str, int] = {}
    for item in result.skipped:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    made = len(result.bank["questions"]) + sum(n for k, n in kinds.items() if k != "unreadable")
    assert (made, len(result.bank["questions"]), kinds) == (moodle, imported, skipped)
    assert len(result.losses) == warnings
    assert all(item.line > 0 for item in [*result.skipped, *result.losses])
    for question in result.bank["questions"]:
        question.setdefault("context", "c")  # the loader checks everything but the missing one
    if result.bank["questions"]:
        parse_bank(result.to_yaml(), tmp_path / "corpus.yaml")  # every imported question is valid


def test_gift_examples_sample() -> None:
    result = load("moodle-gift-examples.txt")
    grant = by_prompt(result, "Grant is _____ in Grant's tomb.")
    assert (grant["choices"], grant["answer"]) == (["buried", "entombed", "living"], "entombed")
    pi = by_prompt(result, "What is the value of pi (to 3 decimal places)? _____.")
    assert (pi["type"], pi["answer"], pi["tolerance"]) == ("number", 3.1415, 0.0005)
    two = by_prompt(result, "Two plus two equals _____.")
    assert (two["type"], two["answer"], two["accept"]) == ("text", "four", ["4"])
    kanji = by_prompt(result, "Japanese characters originally\ncame from")
    assert (kanji["type"], kanji["answer"]) == ("text", "China")
    markdown = by_prompt(result, "Who's buried in Grant's tomb?")
    assert markdown.get("type", "choice") == "choice"
    ranged = [q for q in result.bank["questions"] if q["id"] == "what-is-the-value-of-pi-2"]
    assert ranged[0]["answer"] == 3.1415  # PHP's 14 digits, as Moodle stores it
    assert ranged[0]["tolerance"] == pytest.approx(0.0005)
    entombed = [q for q in result.bank["questions"] if q["prompt"].startswith("What two people")]
    assert [q["answer"] for q in entombed] == [["Grant", "Grant's wife"]] * 2
    control = by_prompt(result, "Which of the following is NOT a control character")
    assert control["choices"] == ["~", "=", "#", "{", "}", "\\"]
    assert control["answer"] == "\\"


def test_gift_fixture_sample() -> None:
    result = load("moodle-gift-fixture-questions.txt")
    colours = next(q for q in result.bank["questions"] if q["id"] == "colours")
    assert colours["type"] == "multi"
    assert colours["choices"] == ["yellow", "red", "off-beige", "blue"]
    assert colours["answer"] == ["yellow", "off-beige"]
    assert colours["feedback"] == {"red": "wrong", "blue": "wrong"}
    q1 = next(q for q in result.bank["questions"] if q["id"] == "q1")
    assert (q1["answer"], q1["explanation"]) == (
        False,
        "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
    )
    animal = next(q for q in result.bank["questions"] if q["id"] == "shortanswer")
    assert (animal["answer"], animal.get("accept")) == ("Frog", None)


def test_in_category_sample() -> None:
    result = load("moodle-gift-fixture-in-category.txt")
    acronym = next(q for q in result.bank["questions"] if q["id"] == "moodle-acronym")
    assert acronym["topic"] == "Default for New Features"
    assert acronym["prompt"] == (
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment."
    )
    greeting = next(q for q in result.bank["questions"] if q["id"] == "greeting")
    assert greeting["prompt"] == "Listen to this greeting:\n\nWhat language is being spoken?"


def test_aiken_and_xml_samples() -> None:
    aiken = load("moodle-aiken-fixture-questions.txt")
    html = aiken.bank["questions"][1]
    assert html["prompt"] == (
        'Moodle\'s abilities include handling user input that includes <html class="cool"> & images:'
    )
    xml = load("moodle-xml-fixture-categories.xml")
    (sigma,) = xml.bank["questions"]
    assert (sigma["topic"], sigma["answer"], sigma["prompt"]) == (
        "Sigma",
        "yes",
        "Testing Sigma Question",
    )


def test_matching_samples() -> None:
    """Moodle's matching questions as match questions: an answer two items share is one
    partner of both, a subquestion without text is an extra answer, formats are read."""
    capitals = by_prompt(load("moodle-gift-examples.txt"), "Match the following countries")
    assert capitals["pairs"] == {
        "Canada": "Ottawa",
        "Italy": "Rome",
        "Japan": "Tokyo",
        "India": "New Delhi",
    }
    activities = load("moodle-gift-fixture-questions.txt").bank["questions"][0]
    assert activities["prompt"] == "Match the activity to the description."
    assert list(activities["pairs"].values()) == ["Forum", "Choice", "Database", "Wiki"]
    assert activities["distractors"] == ["Chat"]
    animals = load("moodle-match-fixture.moodle.xml")
    (question,) = animals.bank["questions"]
    assert question["pairs"] == {"frog": "amphibian", "cat": "mammal", "newt": "amphibian"}
    assert question["distractors"] == ["insect"]
    assert [loss.message for loss in animals.losses] == [
        "the feedback on any right response dropped: “Well done!”",
        "the feedback on any partly right response dropped: “Parts, but only parts, of your "
        "response are correct.”",
        "the feedback on any wrong response dropped: “That is not right at all.”",
        MATCH_PARTIAL_CREDIT,
    ]
