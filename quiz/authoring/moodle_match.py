"""Moodle's matching question (qtype_match) as a bank's `match`, both ways: what Moodle makes
of its subquestions on import, and which answers an export cannot keep apart in Moodle."""

from __future__ import annotations

import html
from typing import Any

from quiz.authoring.moodle_model import MoodleQuestion, Refused, Text, Texts, parse_number
from quiz.engine.model import AnyQuestion
from quiz.engine.question_types.match import ARROW, LETTERS, MAX_PAIRS, MIN_PAIRS, MatchQuestion

MATCH_PARTIAL_CREDIT = (
    "partial credit dropped: Moodle gives a share of the mark for each item matched right; "
    "quiz counts only a wholly right match"
)
"""The loss every Moodle matching question reports: Moodle has no all-or-nothing matching."""


def match_fields(q: MoodleQuestion, texts: Texts, losses: list[str]) -> dict[str, Any] | Refused:
    """Moodle's matching question as a `match`, as Moodle's qtype_match saves and asks it.

    A subquestion with neither side is dropped on saving; one with an item but no answer is
    the error Moodle warns of ("You must specify an answer matching the question"); one with
    no item is an extra answer, a distractor. Answers that PHP's `==` finds equal (`Rome` and
    `Rome`, `1` and `1.0`) are one choice, the first one's text. Each item is read in its
    format; an answer as Moodle shows a choice (`format_string`: tags dropped, entities read,
    on one line). Moodle marks each item; quiz only a wholly right match, which is reported.
    """
    choices: dict[tuple[str, Any], str] = {}  # choice as PHP's == compares it → Moodle's text
    stems: list[tuple[str, tuple[str, Any]]] = []
    for number, (left, right) in enumerate(q.pairs, 1):
        answer = right.strip()
        if not left.text and not answer:
            continue
        if left.text and not answer:
            shown = texts(left, f"item {number}") or left.text
            return Refused(f"the item '{shown}' has no answer to match", "matching")
        value = parse_number(answer)
        key = ("number", value) if value is not None else ("text", answer)
        first = choices.setdefault(key, answer)
        if first != answer:
            losses.append(
                f"the answers '{first}' and '{answer}' are one choice in Moodle (PHP compares "
                f"them as numbers): shown as '{first}'"
            )
        if left.text:
            item = texts(left, f"item {number}")
            if not item:
                return Refused(f"item {number} has no text a terminal can show", "matching")
            stems.append((item, key))
    shown_choice = {key: _choice_text(raw, texts) for key, raw in choices.items()}
    by_shown: dict[str, str] = {}
    for key, raw in choices.items():
        if not shown_choice[key]:
            return Refused(f"the answer '{raw}' has no text a terminal can show", "matching")
        first = by_shown.setdefault(shown_choice[key], raw)
        if first != raw:
            return Refused(
                f"the answers '{first}' and '{raw}' are two choices in Moodle but read the same "
                f"('{shown_choice[key]}'): which one is right cannot be told",
                "matching",
            )
    pairs: dict[str, str] = {}
    for item, key in stems:
        same = next((left for left in pairs if left.casefold() == item.casefold()), None)
        if same is None:
            pairs[item] = shown_choice[key]
        elif pairs[same] == shown_choice[key]:
            losses.append(f"the item '{item}' is listed twice with the same answer: kept once")
        else:
            return Refused(
                f"the item '{item}' is listed twice with different answers "
                f"('{pairs[same]}', '{shown_choice[key]}'): which is which cannot be told",
                "matching",
            )
    if not MIN_PAIRS <= len(pairs) <= MAX_PAIRS:
        return Refused(
            f"{len(pairs)} item{'s' * (len(pairs) != 1)} to match: a match question has "
            f"{MIN_PAIRS} to {MAX_PAIRS}",
            "matching",
        )
    partners = set(pairs.values())
    distractors = [text for text in shown_choice.values() if text not in partners]
    folded = {partner.casefold(): partner for partner in partners}
    for distractor in distractors:
        other = folded.setdefault(distractor.casefold(), distractor)
        if other != distractor:
            return Refused(
                f"the answers '{other}' and '{distractor}' differ only in case, and one of them "
                "matches no item: a match question's extra answers must differ from the others "
                "in more than case",
                "matching",
            )
    if len(partners) + len(distractors) > len(LETTERS):
        return Refused(
            f"{len(partners) + len(distractors)} answers to choose from: a match question "
            f"shows at most {len(LETTERS)}",
            "matching",
        )
    losses.append(MATCH_PARTIAL_CREDIT)
    shown = "; ".join(f"{left}{ARROW}{right}" for left, right in pairs.items())
    written: dict[str, str] | list[list[str]] = pairs
    if any(len(left) > 80 or "\n" in left for left in pairs):  # YAML would write `? key`
        written = [[left, right] for left, right in pairs.items()]
    return {"type": "match", "pairs": written, "distractors": distractors, "_shown": shown}


def match_answers_problem(answers: list[str]) -> str | None:
    """Why Moodle would not keep a match question's right-hand answers apart (for the
    exports): two that PHP's `==` finds equal once written on one line are one choice there."""
    seen: dict[tuple[str, Any], str] = {}
    for answer in answers:
        written = " ".join(answer.split())
        value = parse_number(written)
        key = ("number", value) if value is not None else ("text", written)
        if key in seen:
            how = "as numbers" if value is not None else "on one line"
            return (
                f"its answers '{seen[key]}' and '{answer}' would be one answer in Moodle "
                f"(it compares them {how})"
            )
        seen[key] = answer
    return None


def _choice_text(raw: str, texts: Texts) -> str:
    """A matching answer as Moodle shows it in its drop-down list: read as HTML (tags dropped,
    entities read), its white space folded onto one line."""
    return " ".join(texts(Text(raw, "html"), f"the answer '{raw}'").split())


def one_line_choice(text: str) -> str:
    """A matching answer as Moodle must be given it to show it as written: Moodle shows the
    answer as HTML in a drop-down list, so `<`, `>` and `&` are escaped and white space is one
    space (the list folds it anyway)."""
    return html.escape(" ".join(text.split()), quote=False)


def folded_answer_warning(question: AnyQuestion) -> str | None:
    """Why an export writes one of a match question's answers differently (on one line), for
    the export's warning; None when every answer is written as it is."""
    if isinstance(question, MatchQuestion):
        for text in question.right_items():
            if " ".join(text.split()) != text:
                return (
                    f"{question.id}: the answer '{' '.join(text.split())}' is written on one "
                    "line (Moodle shows a matching answer on one line)"
                )
    return None
