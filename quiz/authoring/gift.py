"""Moodle GIFT to banks and back.

Import reads GIFT exactly as Moodle does (`quiz.authoring.gift_reader`) and maps what Moodle
would store onto bank questions (`quiz.authoring.moodle`): every question is imported meaning
what it means in Moodle, or skipped with its line and the reason; whatever the bank cannot keep
is reported as a warning with its line.

GIFT has no `context` (the passage that proves the answer) nor difficulty nor hint nor lint
silence, nor a bank title, description or source. Export writes the context at the end of the
general feedback (`Evidence: “…”`), the difficulty, hint, unit and lint silence as
`// difficulty:`, `// hint:`, `// unit:` and `// lint:` comments before the question, and the
bank's header as `// title:`, `// description:`, `// source title:`... comments at the top;
Moodle ignores comments and `quiz import` reads them all back, so a bank survives the round
trip. Every text is written so that Moodle shows it as written and reads it back identically:
GIFT's special characters escaped, `[plain]` where Moodle would otherwise read HTML, an explicit
weight or format tag where a text starts like one, numbers in full without exponents, a matching
answer HTML-escaped on one line (Moodle shows it as HTML in a list).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import assert_never

from quiz.authoring.convert import (
    ImportResult,
    encode_note,
    header_lines,
    lint_note,
    number_text,
)
from quiz.authoring.gift_reader import GiftReader
from quiz.authoring.markup import needs_plain_format
from quiz.authoring.moodle import EVIDENCE, assemble
from quiz.authoring.moodle_match import (
    folded_answer_warning,
    match_answers_problem,
    one_line_choice,
)
from quiz.engine.model import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.question_types.order import OrderQuestion

_FORMAT_TAG = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_WEIGHT_LIKE = re.compile(r"^\s*%-*[0-9]{1,2}\.?[0-9]*%")


def import_gift(text: str, title: str) -> ImportResult:
    """GIFT text as bank data (a dict ready for YAML), with what was skipped or lost, by line."""
    reader = GiftReader()
    items = list(reader.read(text))
    return assemble(title, items, reader.header)


def _escape(text: str) -> str:
    """Text with GIFT's special characters escaped, on one line (Moodle's own escaping)."""
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _weight(count: int) -> str:
    return number_text(round(100 / count, 5))


def _texts(question: AnyQuestion) -> list[str]:
    """Every text of a question that GIFT writes with a format."""
    return [question.prompt, question.explanation, question.context, *question.part_texts()]


class _Writer:
    """Writes one question's texts in one format: `[plain]` when Moodle's default format would
    show any of them differently from what it says."""

    def __init__(self, question: AnyQuestion) -> None:
        self.plain = any(needs_plain_format(text) for text in _texts(question))

    def first(self, text: str) -> str:
        """The question text, with `[plain]` when the question needs it."""
        tag = "[plain]" if self.plain else "[moodle]" if _FORMAT_TAG.match(text) else ""
        return tag + _escape(text)

    def part(self, text: str) -> str:
        """An answer or feedback: it inherits the question's format, so a tag is written only
        when the text itself starts like one."""
        tag = ("[plain]" if self.plain else "[moodle]") if _FORMAT_TAG.match(text) else ""
        return tag + _escape(text)


def _general(question: AnyQuestion, writer: _Writer) -> str:
    return writer.part(f"{question.explanation}\n\n{EVIDENCE}{question.context}”")


def export_gift(bank: Bank, warn: Callable[[str], None] | None = None) -> str:
    """The bank as GIFT text for Moodle's question import; `warn` hears of each question GIFT
    cannot hold (it is left out)."""
    lines = [
        f"// Exported by quiz from {bank.path.name}. The comments keep what GIFT has no place for."
    ]
    source = None
    if bank.source is not None:
        source = {
            "title": bank.source.title,
            "publisher": bank.source.publisher,
            "url": bank.source.url,
            "text": bank.source.text,
        }
    lines += [f"// {line}" for line in header_lines(bank.title, bank.description, source)]
    lines.append("")
    topic = None
    for question in bank.questions:
        body = _question_lines(question)
        if isinstance(body, str):
            if warn is not None:
                warn(f"{question.id}: {body}; left out")
            continue
        folded = folded_answer_warning(question)
        if folded and warn is not None:
            warn(folded)
        if question.topic != topic:
            topic = question.topic
            if "\n" in topic and warn is not None:
                warn(f"{question.id}: its topic is written on one line (a category has one)")
            category = " ".join(topic.split()).replace("/", "//")
            lines += [f"$CATEGORY: $course$/top/{category}", ""]
        if question.difficulty != "medium":
            lines.append(f"// difficulty: {question.difficulty}")
        if question.hint:
            lines.append(f"// hint: {encode_note(question.hint)}")
        if question.lint:
            lines.append(f"// lint: {encode_note(lint_note(question.lint))}")
        lines += body
        lines.append("")
    return "\n".join(lines)


def _question_lines(question: AnyQuestion) -> list[str] | str:
    """The question in GIFT, by its type, or why GIFT cannot say it."""
    writer = _Writer(question)
    head = f"::{_escape(question.id)}::{writer.first(question.prompt)} {{"
    general = _general(question, writer)
    match question:
        case TrueFalseQuestion():
            return [f"{head}{'TRUE' if question.answer else 'FALSE'}####{general}}}"]
        case NumberQuestion():
            unit = [f"// unit: {encode_note(question.unit)}"] if question.unit else []
            value = f"{number_text(question.answer)}:{number_text(question.tolerance)}"
            return [*unit, f"{head}#{value}####{general}}}"]
        case TextQuestion():
            spellings = (question.answer, *question.accept)
            if any("->" in spelling for spelling in spellings):
                return "a typed answer holds '->', which GIFT reads as matching"
            written = []
            for spelling in spellings:
                text = writer.part(spelling.replace("*", "\\*"))  # `*` alone is Moodle's wildcard
                written.append(f"=%100%{text}" if _WEIGHT_LIKE.match(text) else f"={text}")
            return [f"{head}{' '.join(written)}####{general}}}"]
        case ChoiceQuestion():
            lines = _choice_lines(question.choices, {question.answer}, question.feedback, writer)
            return [head, *lines, f"\t####{general}", "}"]
        case MultiQuestion():
            right = set(question.answer)
            lines = _choice_lines(question.choices, right, question.feedback, writer, multi=True)
            return [head, *lines, f"\t####{general}", "}"]
        case OrderQuestion():
            return "GIFT has no ordering question"
        case MatchQuestion():
            if any("->" in left for left in question.lefts):
                return "a left item holds '->', which GIFT reads as the end of the item"
            problem = match_answers_problem(question.right_items())
            if problem:
                return problem
            entries = [
                f"\t={writer.part(left)} -> {_escape(one_line_choice(right))}"
                for left, right in question.pairs
            ]
            entries += [
                f"\t= -> {_escape(one_line_choice(extra))}" for extra in question.distractors
            ]
            return [head, *entries, f"\t####{general}", "}"]
        case _:
            assert_never(question)


def _choice_lines(
    choices: list[str],
    right: set[str],
    feedback: dict[str, str],
    writer: _Writer,
    *,
    multi: bool = False,
) -> Iterator[str]:
    for choice in choices:
        note = feedback.get(choice)
        tail = f"#{writer.part(note)}" if note else ""
        text = writer.part(choice)
        if multi:
            marker = f"~%{_weight(len(right))}%" if choice in right else "~%-100%"
        else:
            marker = "=" if choice in right else "~%0%" if _WEIGHT_LIKE.match(text) else "~"
        yield f"\t{marker}{text}{tail}"
