"""Banks to Moodle XML, the format Moodle's question bank imports by default.

Every text is written `plain_text`, so Moodle shows it exactly as the bank says (no HTML is
read into it), inside CDATA when it holds `<`, `&` or `>`, as Moodle's own export writes it.
Each topic becomes a category (`$course$/top/Topic`, a `/` in its name written `//`); choice
is a one-answer multichoice, multi a multiple-answer one (each right choice an equal share,
each wrong one -100%), truefalse, number (numerical with its tolerance and unit), text
(shortanswer, case ignored), order (all-or-nothing ordering), match (matching: a distractor is
a subquestion without text, an answer HTML-escaped on one line, as Moodle shows it). What Moodle
has no place for is kept where `quiz import` reads it back: the context at the end of the
general feedback (`Evidence: “…”`), the hint as Moodle's hint, the difficulty as a
`difficulty:` tag, the lint silence in a `<!-- lint: … -->` comment in the question, the bank's
header in a comment at the top.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

from quiz.authoring.convert import (
    encode_note,
    header_lines,
    lint_note,
    number_text,
    with_article,
)
from quiz.authoring.moodle import EVIDENCE
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


def _cdata(text: str) -> str:
    """The text as XML character data: CDATA when it holds markup characters."""
    if any(char in text for char in "<>&"):
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return text


def _text(tag: str, text: str, indent: str = "    ", attrs: str = ' format="plain_text"') -> str:
    return f"{indent}<{tag}{attrs}>\n{indent}  <text>{_cdata(text)}</text>\n{indent}</{tag}>\n"


def _comment_text(text: str) -> str:
    """Text an XML comment may hold (no `--`): every `-` after a `-` escaped as `\\-`, which
    `decode_note` undoes (the text is `encode_note`d first, its own backslashes doubled)."""
    return re.sub(r"(?<=-)-", r"\\-", text)


def _comment(bank: Bank) -> str:
    source = None
    if bank.source is not None:
        source = {
            "title": bank.source.title,
            "publisher": bank.source.publisher,
            "url": bank.source.url,
            "text": bank.source.text,
        }
    lines = header_lines(bank.title, bank.description, source)
    # an XML comment may not hold `--`: every `-` after a `-` is escaped (`decode_note` undoes it)
    body = "\n".join(_comment_text(line) for line in lines)
    name = re.sub(r"(?<=-)-", " -", bank.path.name)
    return f"<!-- Exported by quiz from {name}.\n{body}\n-->\n"


def export_moodle_xml(bank: Bank, warn: Callable[[str], None] | None = None) -> str:
    """The bank as Moodle XML; `warn` hears of each question Moodle XML cannot hold."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', _comment(bank), "<quiz>\n"]
    topic = None
    for question in bank.questions:
        body = _question(question)
        if isinstance(body, LeftOut):
            if warn is not None:
                warn(f"{question.id}: {body.reason}; left out")
            continue
        folded = folded_answer_warning(question)
        if folded and warn is not None:
            warn(folded)
        if question.topic != topic:
            topic = question.topic
            if "\n" in topic and warn is not None:
                warn(f"{question.id}: its topic is written on one line (a category has one)")
            path = f"$course$/top/{' '.join(topic.split()).replace('/', '//')}"
            parts.append(
                '  <question type="category">\n    <category>\n'
                f"      <text>{_cdata(path)}</text>\n    </category>\n  </question>\n"
            )
        parts.append(body)
    parts.append("</quiz>\n")
    return "".join(parts)


@dataclass(frozen=True)
class LeftOut:
    """Why a question cannot be written in Moodle XML."""

    reason: str


def _question(question: AnyQuestion) -> str | LeftOut:
    """The question in Moodle XML, or why Moodle XML cannot say it."""
    written = _answers(question)
    if written is None:
        return LeftOut(f"{with_article(question.kind)} question has no Moodle XML form")
    if isinstance(written, LeftOut):
        return written
    kind, answers = written
    general = f"{question.explanation}\n\n{EVIDENCE}{question.context}”"
    out = [
        f'  <question type="{kind}">\n',
        "    <name>\n",
        f"      <text>{_cdata(question.id)}</text>\n",
        "    </name>\n",
        _text("questiontext", question.prompt),
        _text("generalfeedback", general),
        "    <defaultgrade>1</defaultgrade>\n",
        "    <penalty>0.3333333</penalty>\n",
        "    <hidden>0</hidden>\n",
    ]
    out += answers
    if question.hint:
        out.append(_text("hint", question.hint))
    if question.difficulty != "medium":
        out.append(
            f"    <tags>\n      <tag><text>difficulty:{question.difficulty}</text></tag>\n"
            "    </tags>\n"
        )
    if question.lint:
        out.append(f"    <!-- lint: {_comment_text(encode_note(lint_note(question.lint)))} -->\n")
    out.append("  </question>\n")
    return "".join(out)


def _answer(fraction: str, text: str, feedback: str = "", extra: str = "") -> str:
    return (
        f'    <answer fraction="{fraction}" format="plain_text">\n'
        f"      <text>{_cdata(text)}</text>\n"
        + _text("feedback", feedback, "      ")
        + extra
        + "    </answer>\n"
    )


def _answers(question: AnyQuestion) -> tuple[str, list[str]] | LeftOut | None:
    """Moodle's question type for the question, and its answers' XML, by the question's type
    (None for a type Moodle has no question for, LeftOut for one it cannot say as written)."""
    match question:
        case ChoiceQuestion():
            return "multichoice", _choices(question.choices, {question.answer}, question.feedback)
        case MultiQuestion():
            right = set(question.answer)
            return "multichoice", _choices(question.choices, right, question.feedback, multi=True)
        case TrueFalseQuestion():
            return "truefalse", [
                _answer("100" if question.answer else "0", "true"),
                _answer("0" if question.answer else "100", "false"),
            ]
        case NumberQuestion():
            tolerance = f"      <tolerance>{number_text(question.tolerance)}</tolerance>\n"
            out = [_answer("100", number_text(question.answer), extra=tolerance)]
            if question.unit:
                out += [
                    "    <units>\n      <unit>\n        <multiplier>1</multiplier>\n",
                    f"        <unit_name>{_cdata(question.unit)}</unit_name>\n",
                    "      </unit>\n    </units>\n",
                    "    <unitgradingtype>0</unitgradingtype>\n    <showunits>0</showunits>\n",
                    "    <unitsleft>0</unitsleft>\n",
                ]
            return "numerical", out
        case TextQuestion():
            return "shortanswer", [
                "    <usecase>0</usecase>\n",
                *(
                    _answer("100", spelling.replace("*", "\\*"))  # `*` alone is Moodle's wildcard
                    for spelling in (question.answer, *question.accept)
                ),
            ]
        case OrderQuestion():
            return "ordering", [
                "    <layouttype>VERTICAL</layouttype>\n",
                "    <selecttype>ALL</selecttype>\n",
                f"    <selectcount>{len(question.items)}</selectcount>\n",
                "    <gradingtype>ALL_OR_NOTHING</gradingtype>\n",
                "    <showgrading>SHOW</showgrading>\n",
                "    <numberingstyle>none</numberingstyle>\n",
                *(_answer(str(place), item) for place, item in enumerate(question.items, 1)),
            ]
        case MatchQuestion():
            problem = match_answers_problem(question.right_items())
            if problem:
                return LeftOut(problem)
            # an extra answer is a subquestion without text, as Moodle writes it; the items in
            # the bank's order, as quiz asks them (Moodle always shuffles the answers)
            subquestions = [
                f'    <subquestion format="plain_text">\n      <text>{_cdata(left)}</text>\n'
                "      <answer>\n"
                f"        <text>{_cdata(one_line_choice(right))}</text>\n"
                "      </answer>\n    </subquestion>\n"
                for left, right in [
                    *question.pairs,
                    *(("", extra) for extra in question.distractors),
                ]
            ]
            return "matching", ["    <shuffleanswers>false</shuffleanswers>\n", *subquestions]
        case _:
            assert_never(question)


def _choices(
    choices: list[str], right: set[str], feedback: dict[str, str], *, multi: bool = False
) -> list[str]:
    share = number_text(round(100 / len(right), 5)) if multi else "100"
    out = [
        f"    <single>{'false' if multi else 'true'}</single>\n",
        "    <shuffleanswers>true</shuffleanswers>\n",
        "    <answernumbering>abc</answernumbering>\n",
    ]
    for choice in choices:
        fraction = share if choice in right else ("-100" if multi else "0")
        out.append(_answer(fraction, choice, feedback.get(choice, "")))
    return out
