"""Moodle's text formats to the plain text a bank holds, and back: what a text means, not its tags.

Moodle keeps every text (question, answer, feedback) with a format: `html`; `moodle` (HTML in
which a new line is a line break); `plain` (shown exactly as written, tags and all); `markdown`.
`to_plain` turns each into the text a student would read on Moodle's page: HTML through
inscriptis (paragraphs and line breaks kept, `<pre>` indentation kept, comments and scripts
dropped, entities decoded), Markdown rendered to HTML first (markdown-it). What a terminal cannot
show (an image, a sound, a link's address, TeX) is reported as a loss, never dropped silently.

`needs_plain_format` answers the export's question: would Moodle's default (`moodle`) format
show this text differently from what it says? Then the export marks it `[plain]`.

inscriptis, lxml and markdown-it are imported on first use: only `quiz import` needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FORMATS = ("moodle", "html", "plain", "markdown")
"""Moodle's text formats, by the names GIFT's `[format]` tags use."""

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)  # the characters the bank loader refuses: control and bidi-override characters
_MARKUP = re.compile(r"<[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_TEX = re.compile(r"\$\$.+?\$\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)
_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_MEDIA = {"audio": "a sound", "video": "a video", "iframe": "an embedded page"}
_MEDIA |= {"object": "an embedded object", "embed": "an embedded object", "svg": "a drawing"}


@dataclass(frozen=True)
class Plain:
    """A text as plain text, and what could not come along (each loss a short phrase)."""

    text: str
    losses: tuple[str, ...] = ()


def to_plain(text: str, text_format: str = "moodle") -> Plain:
    """The text as a student reads it on Moodle's page, in plain text, with what was lost."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    losses: list[str] = []
    if _UNSAFE.search(text):
        text = _UNSAFE.sub("", text)
        losses.append("control characters removed")
    if _TEX.search(text):
        losses.append("TeX math is shown as written")
    if text_format == "plain":
        return Plain(text.strip(), tuple(losses))
    if text_format == "markdown":
        from markdown_it import MarkdownIt

        text = MarkdownIt("commonmark").render(text)
    elif not _MARKUP.search(text):  # moodle text without tags: HTML's spacing, lines kept
        lines = (re.sub(r"[ \t]+", " ", line).strip(" \t") for line in text.strip().split("\n"))
        return Plain("\n".join(lines), tuple(losses))
    elif text_format != "html":  # moodle text with tags: its new lines are line breaks
        text = text.strip().replace("\n", "<br>\n")
    plain, html_losses = _html_to_text(text)
    return Plain(plain, (*losses, *html_losses))


def _html_to_text(html: str) -> tuple[str, list[str]]:
    """HTML to readable text (inscriptis), with what a terminal cannot show."""
    if not html.strip():
        return "", []
    from inscriptis import Inscriptis
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:  # a whole document, as inscriptis parses: a fragment's wrapper would add indentation
        tree = lxml_html.document_fromstring(html)
    except (ParserError, ValueError):
        return " ".join(html.split()), ["the HTML could not be read; kept as written"]
    losses = _losses(tree)
    for tag, table, mark in (("sup", _SUPERSCRIPT, "^"), ("sub", _SUBSCRIPT, "_")):
        for element in tree.iter(tag):
            inner = element.text_content()
            for child in list(element):
                element.remove(child)
            element.text = _script(inner, table, mark)
    for node in tree.iter():
        # inscriptis unescapes the text lxml has already unescaped (`&amp;lt;` would show as
        # `<`): its ampersands escaped once more, so that its unescaping gives the text back
        if isinstance(node.text, str):
            node.text = node.text.replace("&", "&amp;")
        if isinstance(node.tail, str):
            node.tail = node.tail.replace("&", "&amp;")
    # the strict profile spaces inline elements as a browser does (`</span>.` stays glued)
    text = Inscriptis(tree, ParserConfig(css=CSS_PROFILES["strict"])).get_text()
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), losses


def _script(inner: str, table: dict[int, Any], mark: str) -> str:
    """A superscript or subscript in plain text: `x²`, `H₂O`, else `x^(n+1)`."""
    shown = inner.translate(table)
    if inner and all(a != b for a, b in zip(inner, shown, strict=True)):
        return shown
    return mark + (inner if len(inner) <= 1 else f"({inner})")


def _losses(tree: Any) -> list[str]:
    """What the HTML shows that plain text cannot: images, media, links' addresses."""
    losses: list[str] = []
    for image in tree.iter("img"):
        source = str(image.get("src", "")).replace("@@PLUGINFILE@@/", "")
        alt = str(image.get("alt", "")).strip()
        losses.append(f"an image was dropped ({alt or source or 'no name'})")
    for tag, what in _MEDIA.items():
        if any(True for _ in tree.iter(tag)):
            losses.append(f"{what} was dropped")
    for link in tree.iter("a"):
        href = str(link.get("href", "")).strip()
        if href and href not in link.text_content():
            losses.append(f"a link's address was dropped ({href})")
    return losses


def needs_plain_format(text: str) -> bool:
    """Whether Moodle's default format would show `text` other than as written: HTML tags or
    entities, runs of spaces or tabs, or indented lines (HTML folds them)."""
    if "<" in text or "&" in text:
        return True
    return bool(re.search(r"[ \t]{2}|\t|\n[ \t]|[ \t]\n", text))
