"""Moodle's questions, as its importers leave them, made into bank questions: one mapping for
GIFT, Aiken and Moodle XML, so weights, feedback and blanks mean the same whatever the file.

The readers (`gift_reader`, `aiken`, `moodle_xml`) build `MoodleQuestion`s that hold exactly what
Moodle's own importer would store: each answer's text with its format and its fraction of the
mark, per-answer and general feedback. `to_bank` then decides, question by question:

- what counts as right is what Moodle gives 100% for, never more and never less; an answer worth
  part of the mark counts as wrong, and the partial credit is reported;
- whatever the bank has no place for (feedback on a right answer, a true/false answer's feedback,
  an image, a unit's penalty) is reported as a loss, by line;
- a question the bank cannot ask as Moodle does (an essay, a cloze, several answers each fully
  right in a one-answer question) is skipped, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quiz.authoring.contexts import find_context
from quiz.authoring.convert import (
    ImportResult,
    Loss,
    Skipped,
    number_text,
    read_lint_note,
    slug,
)
from quiz.authoring.markup import to_plain
from quiz.authoring.moodle_match import match_fields
from quiz.authoring.moodle_model import (
    Answer,
    MoodleQuestion,
    Refused,
    Texts,
    parse_number,
)
from quiz.engine.model import format_number
from quiz.engine.question_types.order import ARROW

EVIDENCE = "Evidence: “"
"""How exports end the general feedback with the question's context, which imports read back."""

RIGHT = 0.9999999
"""The fraction from which Moodle grades an answer fully right."""


@dataclass
class Mapped:
    """A bank question's fields (without its id) and what it lost on the way."""

    fields: dict[str, Any]
    losses: list[str]


def to_bank(question: MoodleQuestion) -> Mapped | Refused:
    """The bank fields for `question`, or why it cannot be imported."""
    texts = Texts()
    prompt = texts(question.text, "question text")
    if question.qtype in ("description", "essay"):
        return Refused(
            "a description is not a question"
            if question.qtype == "description"
            else "essay questions have no answer to check",
            question.qtype,
        )
    if not prompt:
        return Refused("the question has no text", "unreadable")
    fields: dict[str, Any] = {"topic": question.topic, "prompt": prompt}
    if question.notes.get("difficulty", "").lower() in ("easy", "medium", "hard"):
        fields["difficulty"] = question.notes["difficulty"].lower()
    losses = list(question.losses)
    if "lint" in question.notes:
        lint = read_lint_note(question.notes["lint"])
        if lint is None:
            losses.append(
                f"the lint note could not be read, so it is dropped: {question.notes['lint']}"
            )
        else:
            fields["lint"] = lint
    hints = [texts(hint, "hint") for hint in question.hints]
    hints = [hint for hint in hints if hint]
    if "hint" in question.notes:
        hints.insert(0, question.notes["hint"])
    if hints:
        fields["hint"] = hints[0]
    if len(hints) > 1:
        losses.append(f"{len(hints) - 1} more hint(s) dropped: a question has one hint")
    mapper = _MAPPERS.get(question.qtype)
    if mapper is None:
        return Refused(f"Moodle's '{question.qtype}' questions are not supported", question.qtype)
    result = mapper(question, texts, losses)
    if isinstance(result, Refused):
        return result
    fields.update(result)
    general = texts(question.general_feedback, "general feedback")
    fields.update(_explanation_and_context(general, str(fields.pop("_shown"))))
    return Mapped(fields, losses + texts.losses)


def _explanation_and_context(general: str, shown: str) -> dict[str, str]:
    """Explanation and context from the general feedback: an exported `Evidence: “…”` ending
    is the context; general feedback without one fills both; none leaves the context to add."""
    if not general:
        return {"explanation": f"The right answer is: {shown}."}
    if EVIDENCE in general and general.endswith("”"):
        explanation, _, evidence = general.rpartition(EVIDENCE)
        return {
            "explanation": explanation.strip() or general,
            "context": evidence.removesuffix("”").strip(),
        }
    return {"explanation": general, "context": general}


def _percent(fraction: float) -> str:
    return f"{format_number(round(fraction * 100, 5))}%"


def _kept(answers: list[Answer], texts: Texts, what: str) -> list[tuple[str, Answer]]:
    """Answers with their plain text; blank answers dropped, as Moodle drops them on saving."""
    kept = []
    for answer in answers:
        text = texts(answer.text, what)
        if text:
            kept.append((text, answer))
    return kept


def _multichoice(q: MoodleQuestion, texts: Texts, losses: list[str]) -> dict[str, Any] | Refused:
    answers = _kept(q.answers, texts, "a choice")
    if len(answers) < 2:
        return Refused("a multiple-choice question needs at least two answers", "unreadable")
    if len(answers) > 8:
        return Refused(f"{len(answers)} choices: a bank question has at most 8", "too many choices")
    choices: list[str] = []
    fractions: dict[str, float] = {}
    for text, answer in answers:
        folded = text.casefold()
        same = next((c for c in choices if c.casefold() == folded), None)
        if same is None:
            choices.append(text)
            fractions[text] = answer.fraction
        elif abs(fractions[same] - answer.fraction) > 1e-9:
            return Refused(
                f"the choice '{text}' is listed twice with different marks", "unreadable"
            )
        else:
            losses.append(f"the choice '{text}' is listed twice: kept once")
    by_text = {text: answer for text, answer in answers}
    feedback = {}
    floor = RIGHT if q.single else 1e-9  # a multi's right answers are those worth anything
    for choice in choices:
        answer = by_text[choice]
        note = texts(answer.feedback, f"feedback on '{choice}'")
        if note and fractions[choice] >= floor:
            losses.append(f"feedback on the right answer '{choice}' dropped: {_short(note)}")
        elif note:
            feedback[choice] = note
    if q.single:
        right = [c for c in choices if fractions[c] >= RIGHT]
        if not right:
            best = max(fractions.values())
            return Refused(
                f"no answer is worth 100% (the best is {_percent(best)})", "no right answer"
            )
        if len(right) > 1:
            return Refused(
                f"{len(right)} answers are each fully right ({', '.join(right)}) in a "
                "one-answer question; a choice question has one right answer",
                "several right answers",
            )
        _partial(choices, fractions, losses)
        return {"choices": choices, "answer": right[0], "feedback": feedback, "_shown": right[0]}
    right = [c for c in choices if fractions[c] > 0]
    if not right:
        return Refused("no answer has a positive weight", "no right answer")
    total = sum(fractions[c] for c in right)
    if round(total, 2) != 1:
        losses.append(
            f"the right answers' weights add up to {_percent(total)}, not 100%: quiz counts "
            "the question right when every one of them, and nothing else, is picked"
        )
    free = [c for c in choices if fractions[c] == 0]
    if free:
        names = ", ".join(f"'{c}'" for c in free)
        losses.append(
            f"{names} cost nothing in Moodle (weight 0%, so picking every choice scores full "
            "marks there); quiz counts picking them as wrong"
        )
    return {
        "type": "multi",
        "choices": choices,
        "answer": right,
        "feedback": feedback,
        "_shown": ", ".join(right),
    }


def _partial(choices: list[str], fractions: dict[str, float], losses: list[str]) -> None:
    partial = [f"'{c}' ({_percent(fractions[c])})" for c in choices if 0 < fractions[c] < RIGHT]
    if partial:
        verb = "counts" if len(partial) == 1 else "count"
        losses.append(f"partial credit dropped: {', '.join(partial)} now {verb} as wrong")


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:60]}…”" if len(flat) > 60 else f"“{flat}”"


def _truefalse(q: MoodleQuestion, texts: Texts, losses: list[str]) -> dict[str, Any] | Refused:
    answer = next((a for a in q.answers if a.text.text == "true"), None)
    if answer is None:
        return Refused("a true/false question without its answers", "unreadable")
    right = answer.fraction >= RIGHT
    for option in q.answers:
        note = texts(option.feedback, f"feedback on {option.text.text}")
        if note:
            losses.append(f"the feedback shown for '{option.text.text}' dropped: {_short(note)}")
    shown = "True" if right else "False"
    return {"type": "truefalse", "answer": right, "_shown": shown}


def _shortanswer(q: MoodleQuestion, texts: Texts, losses: list[str]) -> dict[str, Any] | Refused:
    answers = _kept(q.answers, texts, "an answer")
    right: list[str] = []
    for text, answer in answers:
        note = texts(answer.feedback, f"feedback on '{text}'")
        wildcard = re.search(r"(?<!\\)\*", text) is not None
        text = text.replace("\\*", "*")  # Moodle's escaped asterisk is a literal one
        if answer.fraction >= RIGHT:
            if wildcard:
                return Refused(
                    f"the right answer '{text}' uses Moodle's * wildcard, which quiz cannot check",
                    "wildcard",
                )
            if any(r.casefold() == text.casefold() for r in right):
                continue  # Moodle compares without case: `It is` and `it is` are one answer
            right.append(text)
            if note:
                losses.append(f"feedback on the right answer '{text}' dropped: {_short(note)}")
        elif answer.fraction > 0:
            losses.append(
                f"partial credit dropped: '{text}' ({_percent(answer.fraction)}) now counts as wrong"
            )
        elif note:
            shown = "any other answer" if wildcard and text == "*" else f"'{text}'"
            losses.append(f"the feedback for {shown} dropped: {_short(note)}")
    if not right:
        return Refused("no answer is worth 100%", "no right answer")
    if q.case_sensitive:
        losses.append("Moodle checks this answer's case; quiz ignores case")
    return {"type": "text", "answer": right[0], "accept": right[1:], "_shown": right[0]}


def _numerical(q: MoodleQuestion, texts: Texts, losses: list[str]) -> dict[str, Any] | Refused:
    ranges: list[tuple[float, float]] = []
    for answer in q.answers:
        raw = answer.text.text.strip()
        note = texts(answer.feedback, f"feedback on {raw}")
        if raw == "*":
            if note:
                losses.append(f"the feedback for any other number dropped: {_short(note)}")
            continue
        value = parse_number(raw)
        if value is None:
            return Refused(f"the answer '{raw}' is not a number", "unreadable")
        tolerance = abs(answer.tolerance)
        raw = number_text(value)
        if answer.fraction >= RIGHT:
            ranges.append((value, tolerance))
            if note:
                losses.append(f"feedback on the right answer {raw} dropped: {_short(note)}")
        elif answer.fraction > 0:
            losses.append(
                f"partial credit dropped: {raw}±{number_text(tolerance)} ({_percent(answer.fraction)}) now counts as wrong"
            )
        elif note:
            losses.append(f"the feedback for {raw} dropped: {_short(note)}")
    if not ranges:
        return Refused("no number is worth 100%", "no right answer")
    widest = max(ranges, key=lambda r: r[1])
    if any(abs(v - widest[0]) + t > widest[1] + 1e-12 for v, t in ranges):
        return Refused(
            "several right numbers that do not lie within one range; a number question has one",
            "several right answers",
        )
    fields: dict[str, Any] = {
        "type": "number",
        "answer": widest[0],
        "tolerance": widest[1],
        "_shown": format_number(widest[0]),
    }
    unit = q.unit or q.notes.get("unit")
    if unit:
        fields["unit"] = unit
    return fields


def _cloze(q: MoodleQuestion, texts: Texts, losses: list[str]) -> Refused:
    return Refused(
        "embedded answers (Cloze) have several blanks in one text; a bank question has one",
        "cloze",
    )


def _ordering(q: MoodleQuestion, texts: Texts, losses: list[str]) -> dict[str, Any] | Refused:
    """Moodle's ordering question as an `order`: its answers are the items in the right order
    (blank ones dropped, as Moodle drops them); the reader has reported what grading is lost."""
    items = [text for text, _answer in _kept(q.answers, texts, "an item")]
    if not 3 <= len(items) <= 8:
        return Refused(
            f"{len(items)} items to put in order: an order question has 3 to 8", "ordering"
        )
    seen: dict[str, str] = {}
    for item in items:
        if item.casefold() in seen:
            return Refused(f"the item '{item}' is listed twice: its place is unclear", "ordering")
        seen[item.casefold()] = item
    return {"type": "order", "items": items, "_shown": ARROW.join(items)}


_MAPPERS: dict[str, Any] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "cloze": _cloze,
    "match": match_fields,
    "ordering": _ordering,
}


def assemble(
    title: str,
    items: list[MoodleQuestion | Skipped],
    header: dict[str, str] | None = None,
) -> ImportResult:
    """The bank from what a reader found, in file order: questions mapped and given ids, skips
    and losses kept by line. A description's text gives the context of the questions after it
    (the sentence that holds a question's answer), until the next description."""
    questions: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    losses: list[Loss] = []
    used: set[str] = set()
    passage: tuple[str, int, list[int]] | None = None  # text, line, how many it gave a context
    passages: list[tuple[str, int, list[int]]] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if item.qtype == "description":
            text = to_plain(item.text.text, item.text.format).text
            passage = (text, item.line, [0])
            passages.append(passage)
            continue
        result = to_bank(item)
        if isinstance(result, Refused):
            skipped.append(Skipped(item.line, result.reason, result.kind))
            continue
        fields = result.fields
        if passage is not None and "context" not in fields:
            found = find_context(fields, passage[0])
            if found is not None:
                fields["context"] = found
                passage[2][0] += 1
        fields["id"] = slug(item.name or fields["prompt"], used)
        questions.append(fields)
        losses += [Loss(item.line, message) for message in result.losses]
    for _text, line, uses in passages:
        reason = "a description is not a question"
        if uses[0]:
            reason += f" (its text gave the context of {uses[0]} question(s) after it)"
        skipped.append(Skipped(line, reason, "description"))
    return ImportResult.build(title, questions, skipped, losses, header)
