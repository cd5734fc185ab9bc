"""Moodle XML both ways: every question type Moodle exports, read as qformat_xml reads it,
hostile files refused, and banks round-tripped unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quiz.authoring.moodle_xml import XmlError, import_moodle_xml
from quiz.authoring.moodle_xml_writer import export_moodle_xml
from quiz.engine.discovery import bundled_folder
from quiz.engine.loader import load_bank, parse_bank
from tests.authoring.roundtrip import bank_state, expected_losses, loss_messages, reload

DATA = Path(__file__).parent.parent / "data"


def quiz(*questions: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"
    ).encode()


def one(xml: bytes) -> dict[str, Any]:
    result = import_moodle_xml(xml, "T")
    assert result.skipped == [], result.skipped
    (question,) = result.bank["questions"]
    return question


CATEGORY = """<question type="category"><category><text>$course$/top/Trade//Energy</text></category></question>"""

MULTICHOICE = """<question type="multichoice">
  <name><text>Greeting</text></name>
  <questiontext format="html"><text><![CDATA[<p>What language is <b>spoken</b>?</p>]]></text></questiontext>
  <generalfeedback format="html"><text><![CDATA[<p>It is French.</p>]]></text></generalfeedback>
  <single>true</single>
  <answer fraction="0" format="html"><text>English</text><feedback format="html"><text>Sorry.</text></feedback></answer>
  <answer fraction="100" format="html"><text><![CDATA[<p>French</p>]]></text><feedback format="html"><text>Yes!</text></feedback></answer>
  <answer fraction="50" format="html"><text>Occitan</text></answer>
  <answer fraction="0" format="html"><text></text></answer>
</question>"""


def test_multichoice_single_with_html_cdata_and_feedback() -> None:
    result = import_moodle_xml(quiz(CATEGORY, MULTICHOICE), "T")
    (q,) = result.bank["questions"]
    assert q["id"] == "greeting"
    assert q["topic"] == "Trade/Energy"
    assert q["prompt"] == "What language is spoken?"
    assert (q["choices"], q["answer"]) == (["English", "French", "Occitan"], "French")
    assert q["feedback"] == {"English": "Sorry."}
    assert q["explanation"] == q["context"] == "It is French."
    assert [loss.message for loss in result.losses] == [
        "feedback on the right answer 'French' dropped: “Yes!”",
        "partial credit dropped: 'Occitan' (50%) now counts as wrong",
    ]


def test_multichoice_multiple() -> None:
    q = one(
        quiz("""<question type="multichoice"><name><text>Two</text></name>
      <questiontext format="plain_text"><text>Pick two</text></questiontext><single>false</single>
      <answer fraction="50"><text>a</text></answer><answer fraction="50"><text>b</text></answer>
      <answer fraction="-100"><text>c</text></answer></question>""")
    )
    assert (q["type"], q["answer"]) == ("multi", ["a", "b"])


def test_truefalse_shortanswer_numerical_and_hints() -> None:
    xml = quiz(
        """<question type="truefalse"><name><text>TF</text></name>
        <questiontext format="moodle_auto_format"><text>The sun is a star.</text></questiontext>
        <answer fraction="100"><text>true</text><feedback><text></text></feedback></answer>
        <answer fraction="0"><text>false</text><feedback><text></text></feedback></answer>
        <hint format="html"><text>Think of the sky.</text></hint></question>""",
        """<question type="shortanswer"><name><text>SA</text></name>
        <questiontext format="html"><text>Best animal?</text></questiontext><usecase>1</usecase>
        <answer fraction="100"><text>Frog</text></answer><answer fraction="100"><text>frog</text></answer>
        <answer fraction="50"><text>Cat</text></answer></question>""",
        """<question type="numerical"><name><text>NUM</text></name>
        <questiontext format="html"><text>How far, in km?</text></questiontext>
        <answer fraction="100"><text>42</text><tolerance>0.5</tolerance></answer>
        <answer fraction="0"><text>*</text><feedback><text>No.</text></feedback></answer>
        <units><unit><multiplier>1</multiplier><unit_name>km</unit_name></unit>
        <unit><multiplier>1000</multiplier><unit_name>m</unit_name></unit></units></question>""",
    )
    result = import_moodle_xml(xml, "T")
    tf, sa, num = result.bank["questions"]
    assert (tf["type"], tf["answer"], tf["hint"]) == ("truefalse", True, "Think of the sky.")
    assert (sa["answer"], sa.get("accept")) == ("Frog", None)
    assert (num["answer"], num["tolerance"], num["unit"]) == (42, 0.5, "km")
    messages = [loss.message for loss in result.losses]
    assert "Moodle checks this answer's case; quiz ignores case" in messages
    assert "the unit m (×1000) dropped: quiz reads the number alone" in messages


def test_description_gives_the_context_of_the_questions_after_it() -> None:
    xml = quiz(
        """<question type="description"><name><text>Passage</text></name>
        <questiontext format="html"><text><![CDATA[<p>Astana became the capital in 1997. Almaty is the largest city.</p>]]></text></questiontext></question>""",
        """<question type="multichoice"><name><text>Capital</text></name>
        <questiontext format="html"><text>Which city is the capital?</text></questiontext>
        <answer fraction="100"><text>Astana</text></answer><answer fraction="0"><text>Almaty</text></answer></question>""",
    )
    result = import_moodle_xml(xml, "T")
    (q,) = result.bank["questions"]
    assert q["context"] == "Astana became the capital in 1997."
    (skipped,) = result.skipped
    assert skipped.kind == "description"
    assert "gave the context of 1 question" in skipped.reason


def test_unsupported_types_are_skipped_with_their_line() -> None:
    xml = quiz(
        '<question type="essay"><name><text>E</text></name><questiontext><text>Why?</text></questiontext></question>',
        '<question type="calculated"><name><text>C</text></name><questiontext><text>{a}+1?</text></questiontext></question>',
        '<question type="cloze"><name><text>Z</text></name><questiontext><text>{1:SA:=x}</text></questiontext></question>',
    )
    result = import_moodle_xml(xml, "T")
    assert [(s.line, s.kind) for s in result.skipped] == [
        (3, "essay"),
        (4, "calculated"),
        (5, "cloze"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">]><quiz>&a;</quiz>',
        b'<?xml version="1.0"?><!DOCTYPE quiz SYSTEM "http://example.org/x.dtd"><quiz/>',
        b"<quiz><question type='truefalse'>",
        b"<html><body/></html>",
    ],
)
def test_hostile_or_broken_files_are_refused_with_a_place(data: bytes) -> None:
    with pytest.raises(XmlError) as caught:
        import_moodle_xml(data, "T")
    assert caught.value.line >= 1 and caught.value.message


@pytest.mark.parametrize(
    "path",
    [
        bundled_folder() / "xi-kazakhstan-central-asia.yaml",
        DATA / "demo.yaml",
        DATA.parent / "banks" / "new-types.yaml",
        DATA.parent / "banks" / "match.yaml",
    ],
    ids=lambda p: p.name,
)
def test_every_bank_round_trips_through_moodle_xml(path: Path, tmp_path: Path) -> None:
    bank = load_bank(path)
    result = import_moodle_xml(export_moodle_xml(bank).encode(), "Other")
    assert result.skipped == []
    assert loss_messages(result.losses) == expected_losses(result)
    assert bank_state(reload(result, bank, tmp_path)) == bank_state(bank)


def test_texts_with_markup_and_cdata_ends_read_back(tmp_path: Path) -> None:
    bank = parse_bank(
        "title: 'A -- b'\nquestions:\n"
        "  - id: q\n    topic: 'a/b'\n    prompt: 'Is <b>x</b> & y ]]> z?'\n"
        "    choices: ['<p>', '&amp;']\n    answer: '<p>'\n    hint: 'two  spaces'\n"
        '    difficulty: hard\n    explanation: e\n    context: "c\\n  d"\n',
        tmp_path / "t.yaml",
    )
    result = import_moodle_xml(export_moodle_xml(bank).encode(), "T")
    assert result.losses == []
    assert bank_state(reload(result, bank, tmp_path / "back")) == bank_state(bank)


ORDERING = """<question type="ordering">
  <name><text>Steps</text></name>
  <questiontext format="html"><text><![CDATA[<p>Put the route in order.</p>]]></text></questiontext>
  <layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype><selectcount>0</selectcount>
  <gradingtype>{grading}</gradingtype>
  <answer fraction="1" format="html"><text><![CDATA[<p>Khorgos</p>]]></text></answer>
  <answer fraction="2" format="html"><text>Almaty</text></answer>
  <answer fraction="3" format="html"><text></text></answer>
  <answer fraction="4" format="html"><text>Astana</text></answer>
</question>"""


def test_ordering_comes_in_as_order_and_partial_grading_is_reported() -> None:
    exact = one(quiz(ORDERING.replace("{grading}", "ALL_OR_NOTHING")))
    assert exact["type"] == "order"
    assert exact["items"] == ["Khorgos", "Almaty", "Astana"]  # the blank one dropped, as Moodle
    result = import_moodle_xml(
        quiz(ORDERING.replace("{grading}", "RELATIVE_NEXT_EXCLUDE_LAST")), "T"
    )
    assert [(loss.line, "partial credit" in loss.message) for loss in result.losses] == [(3, True)]


def test_ordering_with_too_few_or_repeated_items_is_skipped_with_its_reason() -> None:
    two = ORDERING.replace('<answer fraction="4" format="html"><text>Astana</text></answer>', "")
    repeated = ORDERING.replace(">Astana<", ">almaty<")
    for xml in (two, repeated):
        (skip,) = import_moodle_xml(quiz(xml.replace("{grading}", "ALL_OR_NOTHING")), "T").skipped
        assert skip.line == 3 and skip.kind == "ordering"
    assert "2 items" in import_moodle_xml(quiz(two), "T").skipped[0].reason


def test_order_questions_round_trip_through_moodle_xml(tmp_path: Path) -> None:
    bank = parse_bank(
        "title: Orders\nquestions:\n"
        "  - id: route\n    type: order\n    topic: Trade\n    prompt: Put the route in order.\n"
        "    items: [Khorgos, '<b>Almaty</b>', 'A & B', Astana]\n"
        "    explanation: East to west.\n    context: The route runs east to west.\n",
        tmp_path / "t.yaml",
    )
    result = import_moodle_xml(export_moodle_xml(bank).encode(), "T")
    assert result.skipped == [] and result.losses == []
    assert bank_state(reload(result, bank, tmp_path / "back")) == bank_state(bank)
