"""How a choice is marked in the live game: a letter, a shape and a colour, never colour alone.

The projector and every student's screen mark the same choice the same way, so a student can
say "B, the diamond" and the class knows which one is meant, with or without colour.
"""

from __future__ import annotations

from textual.content import Content

from quiz.ui.live.text import literal

LETTERS = "ABCDEFGHIJ"
"""As many as a question may show: 8 choices, or a match's 8 partners and 2 distractors."""
SHAPES = ("▲", "◆", "●", "■", "★", "▼", "♥", "✚", "⬟", "♣")
COLOURS = (
    "#c0392b",
    "#1f6fc5",
    "#b7791f",
    "#2e8b3a",
    "#7d4cbf",
    "#0f8a8a",
    "#b8336a",
    "#5f6b7a",
    "#8a5a2b",
    "#3b5b9a",
)
"""Dark enough for white text on them (the first four as in the games classes know)."""

MAX_CHOICES = len(LETTERS)


def mark(index: int) -> str:
    """`A ▲`: the letter and the shape of choice `index`."""
    return f"{LETTERS[index]} {SHAPES[index]}"


def choice_label(index: int, text: str) -> Content:
    """`A ▲  text`, the mark bold and the choice's text literal."""
    return Content.assemble((mark(index), "bold"), "  ", literal(text))


def choice_css(selector: str) -> str:
    """CSS giving `selector.-choice-N` the colour of choice N (white text on it)."""
    return "\n".join(
        f"{selector}.-choice-{index} {{ background: {colour}; color: #ffffff; }}"
        for index, colour in enumerate(COLOURS)
    )
