"""Moodle GIFT to banks and back.

Import keeps what maps: multiple choice (one right answer, or several with positive weights),
true/false, short answer (every `=` answer is an accepted spelling), numerical (`#5:0.5` and
`#4..6`), per-answer feedback and general feedback (`####`), `::title::` names, `$CATEGORY:` lines
(as topics), comments and the escapes `\\~ \\= \\# \\{ \\} \\:`. What does not map (matching,
essay, description) is reported with its line and skipped.

GIFT has no `context` (the passage that proves the answer) nor difficulty nor hint. Export writes
the context at the end of the general feedback (`Evidence: “…”`), and the difficulty, hint and unit
as `// difficulty:`, `// hint:` and `// unit:` comments that Moodle ignores; import reads them all
back, so a bank survives the round trip. General feedback without evidence fills both explanation and
context; a question with no general feedback gets no context, and `quiz validate` asks for one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, assert_never

from quiz.authoring.convert import ImportResult, Skipped, slug
from quiz.engine.model import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
    format_number,
)

_ESCAPES = {
    "\\~": "\ue000",
    "\\=": "\ue001",
    "\\#": "\ue002",
    "\\{": "\ue003",
    "\\}": "\ue004",
    "\\:": "\ue005",
    "\\\\": "\ue006",
    "\\n": "\n",
}
_LITERALS = {
    "\ue000": "~",
    "\ue001": "=",
    "\ue002": "#",
    "\ue003": "{",
    "\ue004": "}",
    "\ue005": ":",
    "\ue006": "\\",
}
_EVIDENCE = "Evidence: “"
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)


def _protect(text: str) -> str:
    """Escaped characters become private placeholders, so splitting never sees them."""
    return re.sub(r"\\[~=#{}:\\n]", lambda m: _ESCAPES[m.group(0)], text)


def _literal(text: str) -> str:
    """Placeholders back to the characters they stand for, white space tidied."""
    for mark, char in _LITERALS.items():
        text = text.replace(mark, char)
    return re.sub(r"[ \t]+", " ", text).strip()


def _plain(text: str, markup: str) -> str:
    """Question text without HTML tags (for `[html]` text) and without entities."""
    if markup == "html" or re.search(r"</?(p|br|b|i|strong|em|span)\b", text, re.IGNORECASE):
        text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return _literal(text)


@dataclass
class _Block:
    """One question's text as it stood in the file, with what comments said about it."""

    text: str
    line: int
    topic: str
    notes: dict[str, str] = field(default_factory=dict)


def _blocks(text: str) -> Iterator[_Block]:
    """Split GIFT text into question blocks (blank-line separated), tracking categories."""
    topic = "Imported"
    notes: dict[str, str] = {}
    lines: list[str] = []
    start = 0
    for number, raw in enumerate([*text.splitlines(), ""], start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("//"):
            note = re.match(r"//\s*(difficulty|hint|unit)\s*:\s*(.+)$", stripped, re.IGNORECASE)
            if note and not lines:
                notes[note.group(1).lower()] = note.group(2).strip()
            continue
        if stripped.startswith("$CATEGORY:") and not lines:
            topic = stripped.split(":", 1)[1].strip().rstrip("/").split("/")[-1] or "Imported"
            topic = topic.replace("$course$", "").strip() or "Imported"
            continue
        if stripped:
            if not lines:
                start = number
            lines.append(line)
            continue
        if lines:
            yield _Block("\n".join(lines), start, topic, notes)
            lines, notes = [], {}


@dataclass
class _Answer:
    text: str
    right: bool
    weight: float
    feedback: str | None


def _answers(body: str) -> list[_Answer]:
    """`=right#fb ~wrong#fb ~%50%partial` into answers."""
    answers = []
    for part in re.split(r"(?=[=~])", body):
        part = part.strip()
        if not part or part[0] not in "=~":
            continue
        marker, rest = part[0], part[1:].strip()
        weight = 100.0 if marker == "=" else 0.0
        match = _WEIGHT.match(rest)
        if match:
            weight = float(match.group(1))
            rest = rest[match.end() :]
        text, _, feedback = rest.partition("#")
        answers.append(
            _Answer(_literal(text), marker == "=" or weight > 0, weight, _literal(feedback) or None)
        )
    return answers


def _explanation_and_context(general: str | None, answer_text: str) -> dict[str, str]:
    """Fields from the general feedback: explanation, and context where it can be had."""
    if not general:
        return {"explanation": f"The right answer is: {answer_text}."}
    if _EVIDENCE in general:
        explanation, _, evidence = general.rpartition(_EVIDENCE)
        return {
            "explanation": explanation.strip() or general,
            "context": evidence.rstrip().removesuffix("”").strip(),
        }
    return {"explanation": general, "context": general}


def _number(body: str) -> dict[str, Any] | None:
    """`#5:0.5`, `#4..6` or `#=5:0.5#fb =%50%4:1` into answer and tolerance."""
    spec = body[1:].strip()
    if spec.startswith("="):
        first = next(
            (a for a in re.split(r"(?==)", spec) if a.startswith("=") and not _WEIGHT.match(a[1:])),
            spec.split()[0],
        )
        spec = first[1:]
    spec = spec.split("#", 1)[0].strip()
    try:
        if ".." in spec:
            low, high = (float(x) for x in spec.split(".."))
            return {"answer": (low + high) / 2, "tolerance": abs(high - low) / 2}
        value, _, tolerance = spec.partition(":")
        return {"answer": float(value), "tolerance": float(tolerance or 0)}
    except ValueError:
        return None


def _question(block: _Block) -> dict[str, Any] | str:
    """One block as bank fields, or the reason it cannot be imported."""
    text = _protect(block.text).strip()
    title = None
    markup = ""
    for _ in range(2):  # `::title::[html]text`, and the `[html]::title::text` some tools write
        format_match = _FORMAT.match(text)
        if format_match:
            markup = format_match.group(1).lower()
            text = text[format_match.end() :].strip()
        match = re.match(r"^::(.*?)::", text, re.DOTALL)
        if match and title is None:
            title = _literal(match.group(1))
            text = text[match.end() :].strip()
    if "{" not in text:
        return "a description without answers is not a question"
    before, _, rest = text.partition("{")
    body, _, after = rest.partition("}")
    prompt = _plain(before + (" _____ " + after if after.strip() else ""), markup)
    body, _, general_raw = body.partition("####")
    general = _plain(general_raw, markup) or None
    body = body.strip()
    fields: dict[str, Any] = {"prompt": prompt, "topic": block.topic, "_title": title}
    if block.notes.get("difficulty", "").lower() in ("easy", "medium", "hard"):
        fields["difficulty"] = block.notes["difficulty"].lower()
    if "hint" in block.notes:
        fields["hint"] = _literal(_protect(block.notes["hint"]))
    if not body:
        return "essay questions have no answer to check"
    if "->" in body:
        return "matching questions are not supported"
    if body.startswith("#"):
        number = _number(body)
        if number is None:
            return "this numerical answer could not be read"
        fields.update(type="number", **number)
        if "unit" in block.notes:
            fields["unit"] = block.notes["unit"]
        return {**fields, **_explanation_and_context(general, format_number(number["answer"]))}
    tf = _TRUE_FALSE.match(body)
    if tf:
        fields.update(type="truefalse", answer=tf.group(1).upper().startswith("T"))
        return {
            **fields,
            **_explanation_and_context(general, "True" if fields["answer"] else "False"),
        }
    answers = _answers(body)
    if not answers:
        return "no answers were found between the braces"
    right = [a for a in answers if a.right]
    if not right:
        return "no answer is marked right (=) or given a positive weight"
    wrong = [a for a in answers if not a.right]
    if not wrong:
        fields.update(type="text", answer=right[0].text, accept=[a.text for a in right[1:]])
        return {**fields, **_explanation_and_context(general, right[0].text)}
    choices = [a.text for a in answers]
    feedback = {a.text: a.feedback for a in wrong if a.feedback}
    is_multi = len(right) > 1 or any(0 < a.weight < 100 for a in right)
    if is_multi:
        fields.update(type="multi", choices=choices, answer=[a.text for a in right])
        shown = ", ".join(a.text for a in right)
    else:
        fields.update(choices=choices, answer=right[0].text)
        shown = right[0].text
    if feedback:
        fields["feedback"] = feedback
    return {**fields, **_explanation_and_context(general, shown)}


def import_gift(text: str, title: str) -> ImportResult:
    """GIFT text as bank data (a dict ready for YAML) and the questions skipped, by line."""
    questions: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for block in _blocks(text.replace("\r\n", "\n")):
        result = _question(block)
        if isinstance(result, str):
            skipped.append(Skipped(block.line, result))
            continue
        result["id"] = slug(result.pop("_title") or result["prompt"], used)
        questions.append(result)
    return ImportResult.build(title, questions, skipped)


def _escape(text: str) -> str:
    """Text with GIFT's special characters escaped, on one line."""
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def _weight(count: int) -> str:
    value = 100 / count
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _general(question: AnyQuestion) -> str:
    return _escape(f"{question.explanation}\n\n{_EVIDENCE}{question.context}”")


def export_gift(bank: Bank) -> str:
    """The bank as GIFT text for Moodle's question import."""
    lines = [f"// {_escape(bank.title)}: exported by quiz", ""]
    topic = None
    for question in bank.questions:
        if question.topic != topic:
            topic = question.topic
            lines += [f"$CATEGORY: $course$/{topic.replace('/', '-')}", ""]
        if question.difficulty != "medium":
            lines.append(f"// difficulty: {question.difficulty}")
        if question.hint:
            lines.append(f"// hint: {question.hint.replace(chr(10), ' ')}")
        head = f"::{_escape(question.id)}::{_escape(question.prompt)} {{"
        lines += _gift_lines(question, head)
        lines.append("")
    return "\n".join(lines)


def _gift_lines(question: AnyQuestion, head: str) -> list[str]:
    """A question's GIFT from its `::id::prompt {` head to its closing brace, by its type."""
    general = f"####{_general(question)}"
    match question:
        case TrueFalseQuestion():
            return [f"{head}{'TRUE' if question.answer else 'FALSE'}{general}}}"]
        case NumberQuestion():
            unit = [f"// unit: {question.unit}"] if question.unit else []
            return [*unit, f"{head}#{question.answer:g}:{question.tolerance:g}{general}}}"]
        case TextQuestion():
            spellings = " ".join(f"={_escape(s)}" for s in (question.answer, *question.accept))
            return [f"{head}{spellings}{general}}}"]
        case ChoiceQuestion():
            return [head, *_choice_lines(question), general, "}"]
        case MultiQuestion():
            return [head, *_multi_lines(question), general, "}"]
        case _:
            assert_never(question)


def _choice_lines(question: ChoiceQuestion) -> Iterator[str]:
    for choice in question.choices:
        marker = "=" if choice == question.answer else "~"
        yield f"\t{marker}{_escape(choice)}{_choice_feedback(question.feedback, choice)}"


def _multi_lines(question: MultiQuestion) -> Iterator[str]:
    right = set(question.answer)
    for choice in question.choices:
        marker = f"~%{_weight(len(right))}%" if choice in right else "~%-100%"
        yield f"\t{marker}{_escape(choice)}{_choice_feedback(question.feedback, choice)}"


def _choice_feedback(feedback: dict[str, str], choice: str) -> str:
    """`#feedback` for a choice that has some, escaped."""
    return f"#{_escape(feedback[choice])}" if choice in feedback else ""
