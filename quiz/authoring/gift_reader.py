"""GIFT read the way Moodle's own importer (`qformat_gift`) reads it, into `MoodleQuestion`s.

Moodle's rules, followed to the letter because they decide what counts as right:
- questions are separated by blank lines (a line holding only `0` counts as blank, as in PHP);
  lines starting `//` are comments; `$CATEGORY:` takes its whole block as the category;
- `\\~ \\= \\# \\{ \\} \\: \\\\` are escapes and `\\n` a new line;
- the first `{` and the first `}` hold the answers; text after the `}` makes a missing-word
  question (`_____` where the braces were); the last `####` starts the general feedback;
- each text may start with a format tag, `[html]`, `[moodle]`, `[plain]` or `[markdown]` (in
  lower case); answers and feedback take the question text's format unless they name one;
- the type: `#` first is numerical; any `~` is multiple choice (one answer allowed when there is
  an `=`, several when there is none); `=` with `->` is matching; `T`, `TRUE`, `F`, `FALSE`
  (capitals) are true/false; anything else is short answer, even a single word without `=`;
- weights `%n%` (up to two digits before the point: `%100%` and `%-33.3%` read, `%125%`
  does not) follow `~`, or `=` in short and numerical answers; an `=` in multiple choice is
  always 100%, and what follows it is the answer's text;
- `{>N ...}` is Moodle's ordering question; `{1:SA:...}` (Cloze) is not GIFT.

What quiz's own export writes in comments is read back: the bank's header in the file's first
comment block (`// title: ...`), and `// difficulty:`, `// hint:`, `// unit:`, `// lint:` before
a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quiz.authoring.convert import Skipped, decode_note, read_header_line
from quiz.authoring.moodle_model import Answer, MoodleQuestion, Text, parse_number

_PHP_SPACE = " \t\n\r\0\x0b"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPES = {
    "\\\\": "\ue006",
    "\\~": "\ue000",
    "\\=": "\ue001",
    "\\#": "\ue002",
    "\\{": "\ue003",
    "\\}": "\ue004",
    "\\:": "\ue005",
    "\\n": "\n",
}
_LITERALS = {"\ue000": "~", "\ue001": "=", "\ue002": "#", "\ue003": "{", "\ue004": "}"}
_LITERALS |= {"\ue005": ":", "\ue006": "\\"}
_ESCAPE = re.compile(r"\\[\\~=#{}:n]")
_WEIGHT = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")
_FORMAT_NAMES = ("moodle", "html", "plain", "markdown")
_NOTE = re.compile(r"^//\s*(difficulty|hint|unit|lint)\s*:\s*(.+)$", re.IGNORECASE)
_CLOZE = re.compile(
    r"^\d*:(SHORTANSWER(_C)?|SA|MW|SAC|MWC|NUMERICAL|NM|MULTICHOICE(_[VH])?(_?S)?|MC[VH]?S?"
    r"|MULTIRESPONSE(_H)?(_?S)?|MR[H]?S?):"
)
_ORDERING = re.compile(
    r"^\s*>\s*(\d+)\s*(ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?\s*"
    r"(HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?\s*"
    r"(ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST"
    r"|RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT"
    r"|RELATIVE_TO_CORRECT|RELATIVE|RELLONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET)?\s*"
    r"(SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?\s*(none|123|abc|ABCD|iii|IIII)?\s*(.*?)\s*$",
    re.DOTALL,
)  # Moodle's own pattern for `{>...}`, its missing `|` after REL included


def _trim(text: str) -> str:
    """PHP's trim(): only ASCII white space and NUL, unlike str.strip()."""
    return text.strip(_PHP_SPACE)


def _protect(text: str) -> str:
    """Escapes become placeholders, so that splitting never sees them."""
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text)


def _literal(text: str) -> str:
    """Placeholders back to the characters they stand for."""
    for mark, char in _LITERALS.items():
        text = text.replace(mark, char)
    return text


def _with_format(text: str, default: str) -> Text:
    """A text with its leading `[format]` tag read (Moodle's parse_text_with_format)."""
    chosen = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end] if end > 0 else ""
        if name in _FORMAT_NAMES:
            chosen, text = name, text[end + 1 :]
    return Text(_trim(_literal(text)), chosen)


def _comment_answer(text: str, default: str) -> tuple[Text, Text]:
    """`answer#feedback` (the first `#` splits), each with its own format."""
    answer, _, feedback = text.partition("#")
    return _with_format(_trim(answer), default), _with_format(_trim(feedback), default)


def _weighted(answer: str, default_weight: float) -> tuple[float, str] | None:
    """A leading `%n%` weight read off (None when it is not a number PHP can divide)."""
    match = _WEIGHT.match(answer)
    if not match:
        return default_weight, answer
    rest = answer[1:]
    end = rest.find("%")
    try:
        return float(rest[:end]) / 100, rest[end + 1 :]
    except ValueError:
        return None


def _split(answer_text: str, marker: str) -> list[str]:
    """Moodle's explode on `marker`, the first piece dropped when blank or `0` (PHP's empty)."""
    parts = answer_text.split(marker)
    parts[0] = _trim(parts[0])
    if parts[0] in ("", "0"):
        parts.pop(0)
    return parts


class GiftReader:
    """Reads one GIFT text block by block, keeping the category and the file's header."""

    def __init__(self) -> None:
        self.topic = "Imported"
        self.header: dict[str, str] = {}
        self.seen_question = False

    def read(self, text: str) -> Iterator[MoodleQuestion | Skipped]:
        """Every question block as a MoodleQuestion, or the reason it cannot be read."""
        for start, lines in _blocks(text):
            result = self._block(start, lines)
            if result is not None:
                yield result

    def _block(self, start: int, lines: list[str]) -> MoodleQuestion | Skipped | None:
        comments = [line for line in lines if line.startswith("//")]
        body = [(start + i, line) for i, line in enumerate(lines) if not line.startswith("//")]
        if not body:
            if not self.seen_question:
                for comment in comments:
                    pair = read_header_line(comment[2:].strip())
                    if pair:
                        self.header.setdefault(*pair)
            return None
        line = body[0][0]
        text = _protect(_trim("\n".join(" " if ln.startswith("//") else ln for ln in lines)))
        if text.startswith("$CATEGORY:"):
            _, _, rest = text.partition("\n")
            self.topic = topic_of(body[0][1][len("$CATEGORY:") :])  # Moodle unescapes nothing here
            if _trim(rest):
                return Skipped(
                    body[1][0],
                    "no blank line after $CATEGORY: Moodle reads these lines as part of the "
                    "category's name, so this question would be lost",
                    "unreadable",
                )
            return None
        self.seen_question = True
        notes = {}
        for comment in comments:
            note = _NOTE.match(comment)
            if note:
                notes[note.group(1).lower()] = decode_note(note.group(2).strip())
        return self._question(line, text, notes)

    def _question(self, line: int, text: str, notes: dict[str, str]) -> MoodleQuestion | Skipped:
        name, losses = "", []
        if text.startswith("["):  # `[html]::title::text`, which Moodle reads as text
            tag = re.match(r"^\[(moodle|html|plain|markdown)\]::(.*?)::", text, re.DOTALL)
            if tag:
                name = _literal(tag.group(2)).strip()
                text = f"[{tag.group(1)}]" + _trim(text[tag.end() :])
                losses.append(
                    f"the format tag [{tag.group(1)}] stands before the ::title::, where "
                    "Moodle would show the title as part of the question text"
                )
        if text.startswith("::"):
            text = text[2:]
            end = text.find("::")
            if end >= 0:
                name = _literal(text[:end]).strip()
                text = _trim(text[end + 2 :])
        start, finish = text.find("{"), text.find("}")
        if start < 0 and finish < 0:
            return MoodleQuestion(
                line, "description", name, _with_format(text, "moodle"), self.topic
            )
        if start < 0 or finish < 0 or finish < start:
            return Skipped(
                line,
                "a '{' or '}' is missing or out of place (escape a literal one as \\{ or \\})",
                "unreadable",
            )
        if "{" in text[finish + 1 :] or "}" in text[finish + 1 :]:
            return Skipped(
                line,
                "more than one {…} answer block: Moodle reads only the first and shows the rest as text",
                "cloze",
            )
        answer_text = _trim(text[start + 1 : finish])
        if text.endswith("}"):
            question_text = text[:start] + text[finish + 1 :]
        else:
            question_text = text[:start] + "_____" + text[finish + 1 :]
        general = ""
        separator = answer_text.rfind("####")
        if separator >= 0:
            general = answer_text[separator + 4 :]
            answer_text = _trim(answer_text[:separator])
        qtext = _with_format(question_text, "moodle")
        question = MoodleQuestion(
            line, "", name, qtext, self.topic, _with_format(general, qtext.format), notes=notes
        )
        question.losses += losses
        if _CLOZE.match(answer_text):
            question.qtype = "cloze"
            return question
        return _answers(question, answer_text)


def _answers(q: MoodleQuestion, answer_text: str) -> MoodleQuestion | Skipped:
    """The answer block read by the type it makes (Moodle's readquestion, type by type)."""
    fmt = q.text.format
    ordering = _ORDERING.match(answer_text) if answer_text else None
    if ordering:
        return _ordering(q, ordering)
    if answer_text == "":
        q.qtype = "essay"
    elif answer_text.startswith("#"):
        return _numerical(q, answer_text[1:])
    elif "~" in answer_text:
        q.qtype, q.single = "multichoice", "=" in answer_text
        parts = _split(answer_text.replace("=", "~="), "~")
        if len(parts) < 2:
            return Skipped(
                q.line, "a multiple-choice question needs at least two answers", "unreadable"
            )
        for part in parts:
            part = _trim(part)
            if part.startswith("="):  # always 100%: a weight after it is part of the text
                weight: tuple[float, str] | None = (1.0, part[1:])
            else:
                weight = _weighted(part, 0.0)
            if weight is None:
                return Skipped(
                    q.line, f"the weight in '{_literal(part)}' is not a number", "unreadable"
                )
            text, feedback = _comment_answer(weight[1], fmt)
            q.answers.append(Answer(text, weight[0], feedback))
    elif "=" in answer_text and "->" in answer_text:
        q.qtype = "match"
        parts = _split(answer_text, "=")
        if len(parts) < 2:
            return Skipped(q.line, "a matching question needs at least two pairs", "unreadable")
        for part in parts:
            part = _trim(part)
            if "->" not in part:
                return Skipped(
                    q.line,
                    f"'{_literal(part)}' has no '->': every answer of a matching question is a pair",
                    "unreadable",
                )
            left, _, partner = part.partition("->")
            if re.search(r"(?<!&)#", part):  # an unescaped `#` (not `&#39;`): text here
                q.losses.append(
                    f"'{_literal(part)}' holds '#': Moodle reads no feedback in a matching "
                    "question, so it is part of the text (write \\# to say so)"
                )
            q.pairs.append((_with_format(left, fmt), _trim(_literal(partner))))
    else:
        check = answer_text
        if answer_text.find("#") > 0:
            check = _trim(answer_text[: answer_text.find("#")])
        if check in ("T", "TRUE", "F", "FALSE"):
            q.qtype = "truefalse"
            parts = [*answer_text.split("#", 2), "", ""]
            given = _with_format(_trim(parts[0]), fmt)
            wrong = _with_format(_trim(parts[1]), fmt)
            kept = _with_format(_trim(parts[2]), fmt)
            is_true = given.text in ("T", "TRUE")
            q.answers = [
                Answer(Text("true"), 1.0 if is_true else 0.0, kept if is_true else wrong),
                Answer(Text("false"), 0.0 if is_true else 1.0, wrong if is_true else kept),
            ]
        else:
            if check.lower() in ("t", "true", "f", "false"):
                q.losses.append(
                    f"'{check}' is not in capitals, so Moodle reads a short answer, not true/false"
                )
            return _shortanswer(q, answer_text)
    return q


def _shortanswer(q: MoodleQuestion, answer_text: str) -> MoodleQuestion | Skipped:
    q.qtype = "shortanswer"
    parts = _split(answer_text, "=")
    if not parts:
        return Skipped(q.line, "no answer between the braces", "unreadable")
    for part in parts:
        weight = _weighted(_trim(part), 1.0)
        if weight is None:
            return Skipped(
                q.line, f"the weight in '{_literal(part)}' is not a number", "unreadable"
            )
        text, feedback = _comment_answer(weight[1], q.text.format)
        q.answers.append(Answer(Text(text.text, "plain"), weight[0], feedback))
    return q


def _numerical(q: MoodleQuestion, answer_text: str) -> MoodleQuestion | Skipped:
    q.qtype = "numerical"
    wrong = ""
    if "~" in answer_text:
        at = answer_text.find("~")
        answer_text, wrong = answer_text[:at], answer_text[at:]
    parts = _split(answer_text, "=")
    if not parts:
        return Skipped(q.line, "a numerical question without a number", "unreadable")
    for part in parts:
        weight = _weighted(_trim(part), 1.0)
        if weight is None:
            return Skipped(
                q.line, f"the weight in '{_literal(part)}' is not a number", "unreadable"
            )
        text, feedback = _comment_answer(weight[1], q.text.format)
        value, tolerance = text.text, "0"
        if text.text.find("..") > 0:
            low, _, high = text.text.partition("..")
            numbers = [_number(low), _number(high)]
            if None in numbers:
                return Skipped(q.line, f"'{text.text}' is not a range of numbers", "unreadable")
            low_n, high_n = numbers[0] or 0.0, numbers[1] or 0.0
            middle = (low_n + high_n) / 2  # kept as PHP writes a float: 14 significant digits
            value, tolerance = f"{middle:.14g}", f"{abs(high_n - middle):.14g}"
        elif text.text.find(":") > 0:
            value, _, tolerance = text.text.partition(":")
        number, margin = _number(value), _number(tolerance)
        if number is None or margin is None:
            shown = _trim(value) if number is None else _trim(tolerance)
            return Skipped(
                q.line,
                f"'{shown}' is not a number (Moodle would accept any answer here)",
                "unreadable",
            )
        q.answers.append(Answer(Text(repr(number), "plain"), weight[0], feedback, margin))
    if wrong:
        _, feedback = _comment_answer(wrong, q.text.format)
        q.answers.append(Answer(Text("*", "plain"), 0.0, feedback))
    return q


def _number(text: str) -> float | None:
    return parse_number(_trim(text))


def _ordering(q: MoodleQuestion, match: re.Match[str]) -> MoodleQuestion:
    q.qtype = "ordering"
    items = [_trim(_literal(item)) for item in re.split(r"[\r\n]+", match.group(7))]
    q.answers = [Answer(Text(item), 1.0) for item in items if item not in ("", "0")]
    count, select = int(match.group(1)), (match.group(2) or "RANDOM").upper()
    total = len(q.answers)
    shown = (
        total if select in ("ALL", "EXACT") else (count if 2 <= count <= total else min(6, total))
    )
    if shown < total:
        q.losses.append(f"Moodle shows {shown} of the {total} items at a time; quiz asks for all")
    if (match.group(4) or "").upper() != "ALL_OR_NOTHING":
        q.losses.append(
            "partial credit for a partly right order dropped: quiz counts the exact order"
        )
    return q


def topic_of(category: str) -> str:
    """A topic from a category path: its last part (`$course$/top/Trade//Energy` →
    `Trade/Energy`: Moodle writes a `/` inside a name as `//`)."""
    parts = [
        part.replace("\ue007", "/").strip()
        for part in _trim(category).replace("//", "\ue007").split("/")
    ]
    parts = [part for part in parts if part]
    if parts and re.fullmatch(r"\$\w+\$", parts[0]):
        parts.pop(0)
        if parts and parts[0] == "top":
            parts.pop(0)
    return parts[-1] if parts else "Imported"


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """The blocks of trimmed, non-blank lines, with the line each starts at."""
    block: list[str] = []
    start = 0
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        line = _trim(raw)
        if line in ("", "0"):
            if block:
                yield start, block
            block = []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, block
