"""Aiken import, read as Moodle's qformat_aiken reads it (issue 16, item 9)."""

from __future__ import annotations

import yaml

from quiz.authoring.aiken import import_aiken

AIKEN = """\
What is the capital of Kazakhstan?
A. Almaty
B. Astana
C) Tashkent
ANSWER: B

Which sea borders Kazakhstan?
A. Caspian Sea
B. Black Sea
ANSWER: D

A question with no answer line
A. yes
B. no
"""


def test_questions_options_and_answers() -> None:
    result = import_aiken(AIKEN, "Aiken")
    (question,) = result.bank["questions"]
    assert question["choices"] == ["Almaty", "Astana", "Tashkent"]
    assert question["answer"] == "Astana"
    assert question["id"] == "what-is-the-capital-of-kazakhstan"
    assert [(s.line, s.reason) for s in result.skipped] == [
        (10, "ANSWER: D is not one of the options"),
        (
            12,
            "no ANSWER: line before the file ends (in Aiken a question's text is one line, "
            "followed by its options and its ANSWER: line)",
        ),
    ]
    assert yaml.safe_load(result.to_yaml())["questions"][0]["topic"] == "Imported"


def test_a_stray_option_and_an_invalid_answer_line_are_reported_not_glued() -> None:
    text = "A) Question not started\n\nANSWER: Question not started\n\nGood?\nA) yes\nB) no\nANSWER: A\n"
    result = import_aiken(text, "T")
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "an option with no question before it"),
        (3, "an ANSWER: line with no question before it"),
    ]
    (question,) = result.bank["questions"]
    assert question["prompt"] == "Good?"


def test_an_option_without_a_space_is_an_option() -> None:
    text = "A second good question\nA)Incorrect (No space)\nB)Correct (No space)\nANSWER: B\n"
    (question,) = import_aiken(text, "T").bank["questions"]
    assert question["choices"] == ["Incorrect (No space)", "Correct (No space)"]
    assert question["answer"] == "Correct (No space)"


def test_a_second_text_line_starts_a_new_question_as_in_moodle() -> None:
    text = "What is\nthe capital?\nA. Astana\nB. Almaty\nANSWER: A\n"
    result = import_aiken(text, "T")
    assert [q["prompt"] for q in result.bank["questions"]] == ["the capital?"]
    assert result.skipped[0].line == 1
    assert "the next question starts at line 2" in result.skipped[0].reason


def test_too_few_options_lowercase_answer_and_html_characters() -> None:
    text = (
        "One option only\nA) Only answer\nANSWER: A\n\n"
        "Lower case?\nA) x\nB) y\nANSWER: b\n\n"
        "A third good question with HTML chars such as > < &\nA) Correct (< > &)\n"
        "B) Incorrect (< > &)\nANSWER: A\n"
    )
    result = import_aiken(text, "T")
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "a question needs at least two options"),
        (8, "ANSWER: b is not one of the options (Moodle reads capital letters only)"),
    ]
    (question,) = result.bank["questions"]
    assert question["answer"] == "Correct (< > &)"  # shown as written, like Moodle's escaping


def test_letters_out_of_order_count_in_order_with_a_warning() -> None:
    text = "Pick one\nA) first\nC) second\nANSWER: B\n"
    result = import_aiken(text, "T")
    assert result.bank["questions"][0]["answer"] == "second"
    assert "lettered AC" in result.losses[0].message
