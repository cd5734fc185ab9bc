"""Moodle XML (the format Moodle exports by default) to banks, read as Moodle's `qformat_xml`
reads it.

The file is parsed safely: defusedxml refuses a document type declaration, entity expansion and
external entities, so a hostile file gets a clear error, never a billion laughs. Each
`<question>` becomes a `MoodleQuestion` (the mapping to bank questions is `quiz.authoring.moodle`'s,
shared with GIFT): multichoice (single or multiple, fractions), truefalse, shortanswer
(`usecase`), numerical (tolerance, units), matching, ordering, description, with general and
per-answer feedback, hints, tags, CDATA and HTML. Categories become topics. quiz's own export
writes what Moodle has no place for in a comment before the questions (`title: ...`), a
`difficulty:` tag and a `<!-- lint: ... -->` comment in a question; all are read back.
"""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass, field
from typing import Any

from quiz.authoring.convert import ImportResult, Skipped, decode_note, read_header_line
from quiz.authoring.gift_reader import topic_of
from quiz.authoring.moodle import assemble
from quiz.authoring.moodle_model import Answer, MoodleQuestion, Text, parse_number

FORMATS = {
    "moodle_auto_format": "moodle",
    "html": "html",
    "plain_text": "plain",
    "markdown": "markdown",
    "wiki_like": "moodle",
}
"""Moodle XML's format names, by GIFT's (an unknown name is read as HTML, as Moodle does)."""

_COMBINED_FEEDBACK = {
    "correctfeedback": "any right response",
    "partiallycorrectfeedback": "any partly right response",
    "incorrectfeedback": "any wrong response",
}
"""The feedback Moodle shows by how right a response is, which a bank has no place for."""

_DEFAULT_FEEDBACK = {
    "",
    "Your answer is correct.",
    "Your answer is partially correct.",
    "Your answer is incorrect.",
}


class XmlError(Exception):
    """The file is not a Moodle XML question file; `line` and `column` say where."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class Node:
    """An element: its tag, attributes, text (CDATA included), children and line."""

    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def all(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def first(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def value(self, *path: str, default: str = "") -> str:
        """The trimmed text at `path` (`value("name", "text")`), or `default`."""
        node: Node | None = self
        for tag in path:
            node = node.first(tag) if node is not None else None
        return node.text.strip() if node is not None else default


class _Builder(xml.sax.handler.ContentHandler):
    """Builds the Node tree with line numbers, and keeps the comments before any question."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.comments: list[str] = []
        self.locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:
        line = self.locator.getLineNumber() if self.locator is not None else 1
        node = Node(name, dict(attrs), line)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].text += content

    def comment(self, content: str) -> None:
        """A comment before the questions is the bank's header; one in a question its notes."""
        if self.root is None or not any(n.tag == "question" for n in self.root.children):
            self.comments.append(content)
        elif len(self.stack) > 1 and self.stack[1].tag == "question":
            self.stack[1].comments.append(content)

    def startDTD(self, *args: Any) -> None:
        """Refused by defusedxml before it gets here."""

    endDTD = startCDATA = endCDATA = lambda self, *args: None


def parse(data: bytes) -> tuple[Node, list[str]]:
    """The document's tree and its leading comments, or XmlError."""
    import defusedxml
    import defusedxml.sax

    builder = _Builder()
    parser = defusedxml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    parser.forbid_dtd = True
    parser.setContentHandler(builder)
    parser.setProperty(xml.sax.handler.property_lexical_handler, builder)
    try:
        import io

        parser.parse(io.BytesIO(data))
    except xml.sax.SAXParseException as error:
        raise XmlError(
            str(error.getMessage()), error.getLineNumber() or 1, (error.getColumnNumber() or 0) + 1
        ) from None
    except defusedxml.DefusedXmlException:
        raise XmlError(
            "the file declares a document type or entities, which a Moodle XML file never needs"
        ) from None
    if builder.root is None or builder.root.tag != "quiz":
        raise XmlError("not a Moodle XML question file: its root element is not <quiz>")
    return builder.root, builder.comments


def import_moodle_xml(data: bytes, title: str) -> ImportResult:
    """Moodle XML bytes as bank data, with what was skipped or lost, by line."""
    root, comments = parse(data)
    header: dict[str, str] = {}
    for comment in comments:
        for line in comment.splitlines():
            pair = read_header_line(line.strip())
            if pair:
                header.setdefault(*pair)
    items: list[MoodleQuestion | Skipped] = []
    topic = "Imported"
    for node in root.all("question"):
        kind = node.attrs.get("type", "")
        if kind == "category":
            category = node.first("category")
            if category is not None:
                topic = topic_of(category.value("text") or category.text)
            continue
        items.append(_question(node, kind, topic))
    return assemble(title, items, header)


def _text(node: Node | None, default_format: str = "html") -> Text:
    if node is None:
        return Text("", FORMATS.get(default_format, "html"))
    name = node.attrs.get("format", default_format).strip()
    return Text(node.value("text"), FORMATS.get(name, "html"))


def _question(node: Node, kind: str, topic: str) -> MoodleQuestion | Skipped:
    """One `<question>` as Moodle's import_headers and its type's importer read it."""
    qtext_node = node.first("questiontext")
    text = _text(qtext_node)
    default = next((k for k, v in FORMATS.items() if v == text.format), "html")
    qtype = {"matching": "match", "multianswer": "cloze"}.get(kind, kind)
    q = MoodleQuestion(node.line, qtype, node.value("name", "text"), text, topic)
    q.general_feedback = _text(node.first("generalfeedback"), default)
    q.hints = [_text(hint, default) for hint in node.all("hint")]
    for tag in node.all("tags"):
        for item in tag.all("tag"):
            key, _, value = item.value("text").partition(":")
            if key.strip().lower() == "difficulty":
                q.notes["difficulty"] = value.strip()
    for comment in node.comments:
        key, colon, value = comment.strip().partition(":")
        if colon and key.strip() == "lint":
            q.notes["lint"] = decode_note(value.strip())
    _files(node, q)
    grade = parse_number(node.value("defaultgrade", default="1"))
    if grade is not None and grade != 1:
        q.losses.append(
            f"the question is worth {node.value('defaultgrade')} marks in Moodle; in a bank every question counts the same"
        )
    for name, response in _COMBINED_FEEDBACK.items():
        shown = node.value(name, "text")
        if shown not in _DEFAULT_FEEDBACK:
            q.losses.append(f"the feedback on {response} dropped: “{shown[:60]}”")
    if qtype == "multichoice":
        single = node.value("single", default="true")
        q.single = single not in ("false", "", "0")
        q.answers = [_answer(a, default, with_format=True) for a in node.all("answer")]
    elif qtype == "truefalse":
        answers = node.all("answer")
        for index, answer in enumerate(answers):
            name = answer.value("text")
            if name not in ("true", "false"):  # old files: true first, then false
                name = "true" if index == 0 else "false"
            fraction = (parse_number(answer.attrs.get("fraction", "0")) or 0.0) / 100
            q.answers.append(Answer(Text(name), fraction, _text(answer.first("feedback"), default)))
    elif qtype == "shortanswer":
        q.case_sensitive = node.value("usecase", default="0") not in ("0", "", "false")
        q.answers = [_answer(a, default, with_format=False) for a in node.all("answer")]
    elif qtype == "numerical":
        for answer in node.all("answer"):
            read = _answer(answer, default, with_format=False)
            read.tolerance = parse_number(answer.value("tolerance", default="0")) or 0.0
            q.answers.append(read)
        _units(node, q)
    elif qtype == "match":
        for sub in node.all("subquestion"):
            q.pairs.append((_text(sub, default), sub.value("answer", "text")))
    elif qtype == "ordering":
        q.answers = [_answer(a, default, with_format=True) for a in node.all("answer")]
        _ordering_losses(node, q)
    return q


def _answer(node: Node, default: str, *, with_format: bool) -> Answer:
    """An answer as Moodle's import_answer reads it: fraction in percent, text, feedback."""
    text = _text(node, default) if with_format else Text(node.value("text"), "plain")
    fraction = (parse_number(node.attrs.get("fraction", "0")) or 0.0) / 100
    legacy = parse_number(node.value("fraction", default=""))
    if legacy is not None:
        fraction = legacy
    return Answer(text, fraction, _text(node.first("feedback"), default))


def _files(node: Node, q: MoodleQuestion) -> None:
    """Attached files that no image in the text shows (those are reported with the text)."""
    for part in node.children:
        for attached in part.all("file"):
            name = attached.attrs.get("name", "a file")
            shown = part.value("text")
            if f"@@PLUGINFILE@@/{name}" not in shown:
                q.losses.append(f"the attached file {name} dropped")


def _units(node: Node, q: MoodleQuestion) -> None:
    units = node.first("units")
    for unit in units.all("unit") if units is not None else []:
        name = unit.value("unit_name")
        if parse_number(unit.value("multiplier", default="1")) == 1 and q.unit is None:
            q.unit = name or None
        elif name:
            q.losses.append(
                f"the unit {name} (×{unit.value('multiplier')}) dropped: quiz reads the number alone"
            )
    if q.unit and node.value("unitgradingtype", default="0") not in ("0", ""):
        q.losses.append("Moodle takes marks off for a wrong unit; quiz reads the number alone")


def _ordering_losses(node: Node, q: MoodleQuestion) -> None:
    select = node.value("selecttype", default=node.value("logical", default="RANDOM")).upper()
    count = parse_number(node.value("selectcount", default=node.value("studentsee", default="6")))
    total = len([a for a in q.answers if a.text.text.strip()])
    shown = total if select in ("ALL", "EXACT") else min(int(count or 6), total)
    if shown < total:
        q.losses.append(f"Moodle shows {shown} of the {total} items at a time; quiz asks for all")
    if node.value("gradingtype", default="RELATIVE").upper() != "ALL_OR_NOTHING":
        q.losses.append(
            "partial credit for a partly right order dropped: quiz counts the exact order"
        )
