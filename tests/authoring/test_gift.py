"""GIFT import (every construct and escape), Aiken import, GIFT export and the round trip."""

from __future__ import annotations

from pathlib import Path

from quiz.authoring.gift import export_gift, import_gift
from quiz.engine.loader import load_bank, parse_bank

GIFT = r"""
// A comment that is not a question
$CATEGORY: $course$/Geography/Capitals

::Capital KZ::What is the capital of Kazakhstan? {
  =Astana#Right: it moved from Almaty in 1997.
  ~Almaty#Almaty was the capital until 1997.
  ~Tashkent#That is Uzbekistan's capital.
  ####Astana is the capital. Evidence: “The gathering, taking place in Astana”
}

// difficulty: hard
// hint: Count them on a map.
::Five states::Central Asia has five states. {T####It has five: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan.}

::Hub spelling::Name the border hub. {=Khorgos =Horgos =Khorgas####Khorgos is on the border with China.}

$CATEGORY: Numbers

// unit: billion US dollars
::Trade::China's trade, in billions? {#95:2####About $95 billion.}

::Range::Independence year? {#1990..1992####1991.}

::Escapes::Which is written \{braces\} \~ \= \# \: here? {
  =a \= b#fine
  ~c \~ d
  ####Escapes \{ \} work.
}

::Pick two::Which are Central Asian? {
  ~%50%Kyrgyzstan
  ~%50%Tajikistan
  ~%-100%Mongolia#Mongolia is East Asian.
  ####Kyrgyzstan and Tajikistan.
}

::Match::Match them. {
  =Astana -> Kazakhstan
  =Tashkent -> Uzbekistan
}

::Essay::Write about trade. {}

Xi visits {=Kazakhstan ~Russia} this week.

::No feedback::Is 2 + 2 four? {TRUE}

[html]::Html::<p>Is <b>this</b> bold &amp; fine?</p> {=Yes ~No####Tags go.}
"""


def imported() -> dict[str, dict[str, object]]:
    result = import_gift(GIFT, "Test")
    return {q["id"]: q for q in result.bank["questions"]}


def test_multiple_choice_with_feedback_title_category_and_evidence() -> None:
    q = imported()["capital-kz"]
    assert q["topic"] == "Capitals"
    assert q["choices"] == ["Astana", "Almaty", "Tashkent"]
    assert q["answer"] == "Astana"
    assert q["feedback"] == {
        "Almaty": "Almaty was the capital until 1997.",
        "Tashkent": "That is Uzbekistan's capital.",
    }
    assert q["explanation"] == "Astana is the capital."
    assert q["context"] == "The gathering, taking place in Astana"


def test_true_false_with_difficulty_and_hint_comments() -> None:
    q = imported()["five-states"]
    assert (q["type"], q["answer"], q["difficulty"], q["hint"]) == (
        "truefalse",
        True,
        "hard",
        "Count them on a map.",
    )
    assert q["context"] == q["explanation"]  # general feedback without evidence fills both


def test_short_answer_keeps_alternatives_as_accepted_spellings() -> None:
    q = imported()["hub-spelling"]
    assert (q["type"], q["answer"], q["accept"]) == ("text", "Khorgos", ["Horgos", "Khorgas"])


def test_numerical_with_tolerance_range_and_unit() -> None:
    trade, year = imported()["trade"], imported()["range"]
    assert (trade["answer"], trade["tolerance"], trade["unit"], trade["topic"]) == (
        95,
        2,
        "billion US dollars",
        "Numbers",
    )
    assert (year["answer"], year["tolerance"]) == (1991, 1)


def test_escapes() -> None:
    q = imported()["escapes"]
    assert q["prompt"] == "Which is written {braces} ~ = # : here?"
    assert q["choices"] == ["a = b", "c ~ d"]
    assert q["explanation"] == "Escapes { } work."


def test_weighted_answers_become_multi() -> None:
    q = imported()["pick-two"]
    assert (q["type"], q["answer"]) == ("multi", ["Kyrgyzstan", "Tajikistan"])
    assert q["feedback"] == {"Mongolia": "Mongolia is East Asian."}


def test_missing_word_and_html() -> None:
    questions = imported()
    missing = questions["xi-visits-this-week"]
    assert missing["prompt"] == "Xi visits _____ this week."
    assert questions["html"]["prompt"] == "Is this bold & fine?"


def test_unsupported_questions_are_reported_by_line() -> None:
    result = import_gift(GIFT, "Test")
    lines = GIFT.splitlines()
    essay_line = lines.index("::Essay::Write about trade. {}") + 1
    assert [(s.line, s.reason) for s in result.skipped] == [
        (essay_line, "essay questions have no answer to check")
    ]


def test_matching_comes_in_as_match() -> None:
    q = imported()["match"]
    assert (q["type"], q["pairs"]) == ("match", {"Astana": "Kazakhstan", "Tashkent": "Uzbekistan"})


def test_questions_without_general_feedback_wait_for_a_context(tmp_path: Path) -> None:
    result = import_gift(GIFT, "Test")
    # the match, the missing word and the feedback-less true/false have no general feedback
    assert result.missing_context == ["match", "xi-visits-this-week", "no-feedback"]
    path = tmp_path / "imported.yaml"
    path.write_text(result.to_yaml(), encoding="utf-8")
    from quiz.engine.errors import BankError

    try:
        load_bank(path)
    except BankError as failure:
        messages = {e.message for e in failure.errors}
    assert messages == {"missing required field 'context'"}


def test_imported_bank_with_feedback_validates(tmp_path: Path) -> None:
    text = "\n\n".join(GIFT.split("\n\n")[:3])  # the first questions, all with general feedback
    path = tmp_path / "ok.yaml"
    path.write_text(import_gift(text, "Ok").to_yaml(), encoding="utf-8")
    assert len(load_bank(path).questions) == 2


def test_export_escapes_special_characters(tmp_path: Path) -> None:
    source = (
        "title: T\nquestions:\n"
        "  - id: q\n    topic: 'a/b'\n    prompt: 'What is {x} ~ = # : ?'\n"
        "    choices: ['=1', '~2']\n    answer: '=1'\n    explanation: 'e: #1'\n    context: 'c {}'\n"
    )
    bank = parse_bank(source, tmp_path / "t.yaml")
    gift = export_gift(bank)
    assert r"::q::What is \{x\} \~ \= \# \: ? {" in gift
    assert "\t=\\=1" in gift and "\t~\\~2" in gift
    back = import_gift(gift, "T").bank["questions"][0]
    assert (back["prompt"], back["answer"], back["context"]) == (
        "What is {x} ~ = # : ?",
        "=1",
        "c {}",
    )
