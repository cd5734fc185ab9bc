"""The evidence: the source paragraph that holds a question's excerpt, the excerpt highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from quiz.engine.source import Paragraph

HIGHLIGHT = "bold underline reverse"
"""Readable without colour (NO_COLOR): bold, underlined and reversed."""


def passage_content(paragraphs: Sequence[Paragraph]) -> Content:
    """Paragraphs as literal text, separated by blank lines, with their highlights styled."""
    pieces: list[Content] = []
    for paragraph in paragraphs:
        content = Content(paragraph.text)
        for start, end in paragraph.highlights:
            content = content.stylize(HIGHLIGHT, start, end)
        pieces.append(content)
    return Content("\n\n").join(pieces)


class Passage(Static):
    """A block of source text with the proving excerpt highlighted."""

    DEFAULT_CSS = """
    Passage {
        padding: 0 1;
        border-left: thick $accent;
    }
    """

    def show(self, paragraphs: Sequence[Paragraph]) -> None:
        """Replace the passage shown."""
        self.update(passage_content(paragraphs))
