"""Aiken files (Moodle's plain multiple-choice format) to banks, read as Moodle's `qformat_aiken`
reads them.

    What is the capital of Kazakhstan?
    A. Almaty
    B) Astana
    ANSWER: B

Moodle's rules: every line that is neither an option nor an `ANSWER:` line starts a new question
(so a question's text is one line, and a question left without its `ANSWER:` line is dropped);
an option is a capital letter, `.` or `)`, then the text (the space after is optional:
`A)Almaty` reads); options count in order, whatever their letters; `ANSWER:` (in capitals) takes
the first letter after it, `A` for the first option. Lines shorter than two characters are
ignored. Texts are shown as written (Moodle escapes them): `<b>` stays `<b>`.

Aiken has no feedback, topic or context: questions get the topic `Imported`, an explanation that
names the right answer, and no context, which `quiz validate` then asks the teacher to add.
"""

from __future__ import annotations

import re

from quiz.authoring.convert import ImportResult, Skipped
from quiz.authoring.moodle import assemble
from quiz.authoring.moodle_model import Answer, MoodleQuestion, Text

_OPTION = re.compile(r"^[A-Z][).][ \t]?")
_PHP_SPACE = " \t\n\r\0\x0b"


def import_aiken(text: str, title: str) -> ImportResult:
    """Aiken text as bank data, with what was skipped or lost, by line."""
    items: list[MoodleQuestion | Skipped] = []
    question: MoodleQuestion | None = None
    labels: list[str] = []
    number = 0
    for raw in text.split("\n"):
        for piece in raw.split("\r"):
            number += 1
            line = piece.strip(_PHP_SPACE)
            if len(line.encode("utf-8")) < 2:
                continue
            if _OPTION.match(line):
                if question is None:
                    items.append(
                        Skipped(number, "an option with no question before it", "unreadable")
                    )
                    continue
                labels.append(line[0])
                question.answers.append(Answer(Text(line[2:].strip(_PHP_SPACE), "plain"), 0.0))
            elif line.startswith("ANSWER:"):
                if question is None:
                    items.append(
                        Skipped(number, "an ANSWER: line with no question before it", "unreadable")
                    )
                    continue
                items.append(_answered(question, line, number, labels))
                question, labels = None, []
            else:
                if question is not None:
                    items.append(
                        _unfinished(question, f"the next question starts at line {number}")
                    )
                question, labels = (
                    MoodleQuestion(number, "multichoice", "", Text(line, "plain")),
                    [],
                )
    if question is not None:
        items.append(_unfinished(question, "the file ends"))
    return assemble(title, items)


def _unfinished(question: MoodleQuestion, before: str) -> Skipped:
    return Skipped(
        question.line,
        f"no ANSWER: line before {before} (in Aiken a question's text is one line, followed by "
        "its options and its ANSWER: line)",
        "unreadable",
    )


def _answered(
    question: MoodleQuestion, line: str, number: int, labels: list[str]
) -> MoodleQuestion | Skipped:
    """The question with its right answer marked, or why Moodle would not import it."""
    given = line[len("ANSWER:") :].strip(_PHP_SPACE)
    letter = given[:1]
    if len(question.answers) < 2:
        return Skipped(question.line, "a question needs at least two options", "unreadable")
    index = ord(letter) - ord("A") if letter else -1
    if not 0 <= index < len(question.answers):
        shown = f"ANSWER: {given}" if given else "an empty ANSWER: line"
        hint = (
            " (Moodle reads capital letters only)" if letter.isalpha() and letter.islower() else ""
        )
        return Skipped(number, f"{shown} is not one of the options{hint}", "no right answer")
    question.answers[index].fraction = 1.0
    if len(given) > 1 and not given[1].isspace():
        question.losses.append(f"'ANSWER: {given}': Moodle takes the first letter only, {letter}")
    expected = [chr(ord("A") + i) for i in range(len(labels))]
    if labels != expected:
        question.losses.append(
            f"the options are lettered {''.join(labels)}: Moodle counts them in order, so "
            f"ANSWER: {letter} is the option listed {_ordinal(index)}"
        )
    return question


def _ordinal(index: int) -> str:
    return {0: "first", 1: "second", 2: "third"}.get(index, f"{index + 1}th")
