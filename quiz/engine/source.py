"""A bank's source text: finding a question's excerpt in it and the paragraphs that hold it.

Excerpts are compared with white space folded and curly and straight quotes treated alike, so a
teacher who types `"` for `“` is not told the excerpt is missing. Matches map back to the exact
characters of the original text, which the game highlights inside their paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "…": "...",
    }
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class UnsafeText(ValueError):
    """A source text holds a character that could change a terminal: at `line`, `column`."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def clean_source_text(text: str) -> str:
    """A decoded source text with its line ends made `\n`; UnsafeText at the first control or
    bidi character (the passage is shown to students, so it is refused like a bank value)."""
    from quiz.engine.terminal_safety import describe_unsafe, first_unsafe  # not at start-up

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    unsafe = first_unsafe(text, multiline=True)
    if unsafe is not None:
        before = text[:unsafe]
        line, column = before.count("\n") + 1, unsafe - before.rfind("\n")
        raise UnsafeText(line, column, describe_unsafe(text[unsafe]))
    return text


def fold(text: str) -> str:
    """The form excerpts are compared in: NFC, straight quotes, single spaces, no outer space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source and the parts of it to highlight, as (start, end) offsets."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()


class SourceText:
    """A source's full text. Checking that an excerpt is there is a fast folded-string search;
    the index that maps a match back to the original characters is built on first use.

    The text itself may come later: give `loader` instead of `text`, and it is called the first
    time the text is needed (a bank served from the cache reads its source only for feedback).
    """

    def __init__(self, text: str | None = None, *, loader: Callable[[], str] | None = None) -> None:
        self._text = unicodedata.normalize("NFC", text) if text is not None else None
        self._loader = loader
        self._folded_text: str | None = None
        self._index: tuple[str, list[int]] | None = None

    @property
    def text(self) -> str:
        """The full text (NFC)."""
        if self._text is None:
            assert self._loader is not None, "a SourceText needs a text or a loader"
            self._text = unicodedata.normalize("NFC", self._loader())
        return self._text

    @property
    def _folded(self) -> str:
        if self._folded_text is None:
            self._folded_text = fold(self.text)
        return self._folded_text

    def __repr__(self) -> str:
        return f"SourceText({len(self.text)} characters)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceText) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __contains__(self, excerpt: object) -> bool:
        if not isinstance(excerpt, str):
            return False
        needle = fold(excerpt)
        return bool(needle) and needle in self._folded

    def _mapped(self) -> tuple[str, list[int]]:
        """The folded text again, with the original offset of each of its characters."""
        if self._index is None:
            folded: list[str] = []
            origin: list[int] = []
            pending_space = False
            for index, char in enumerate(self.text):
                if char.isspace():
                    pending_space = bool(folded)
                    continue
                if pending_space:
                    folded.append(" ")
                    origin.append(index - 1)
                    pending_space = False
                for piece in char.translate(_FOLD):
                    folded.append(piece)
                    origin.append(index)
            self._index = ("".join(folded), origin)
        return self._index

    def find(self, excerpt: str) -> tuple[int, int] | None:
        """The (start, end) offsets of `excerpt` in the original text, or None when absent."""
        needle = fold(excerpt)
        if not needle or needle not in self._folded:
            return None
        folded, origin = self._mapped()
        at = folded.find(needle)
        return origin[at], origin[at + len(needle) - 1] + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """The (start, end) offsets of each paragraph (paragraphs are separated by blank lines)."""
        spans = []
        start = 0
        for match in _PARAGRAPH_BREAK.finditer(self.text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(self.text)))
        return spans

    def passage(self, excerpt: str) -> list[Paragraph]:
        """The paragraphs that hold `excerpt`, with the excerpt's span highlighted in each.

        An excerpt that is not in the text comes back as a paragraph of its own, all highlighted,
        so the player always sees the evidence.
        """
        span = self.find(excerpt)
        if span is None:
            return [Paragraph(excerpt.strip(), ((0, len(excerpt.strip())),))]
        start, end = span
        paragraphs: list[Paragraph] = []
        for para_start, para_end in self.paragraphs():
            if para_end <= start or para_start >= end:
                continue
            raw = self.text[para_start:para_end]
            stripped = raw.lstrip()
            offset = para_start + len(raw) - len(stripped)
            body = stripped.rstrip()
            low = max(start, offset) - offset
            high = min(end, offset + len(body)) - offset
            paragraphs.append(Paragraph(body, ((low, high),) if high > low else ()))
        return paragraphs
