"""The line above each question: whose turn, question k of n, score, streak, topic, difficulty."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class StatusBar(Widget):
    """Progress and score, updated in place as the game goes (reactive attributes)."""

    DEFAULT_CSS = """
    StatusBar {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    player: reactive[str] = reactive("", layout=True)
    number: reactive[int] = reactive(0, layout=True)
    total: reactive[int] = reactive(0, layout=True)
    score: reactive[int] = reactive(0, layout=True)
    streak: reactive[int] = reactive(0, layout=True)
    topic: reactive[str] = reactive("", layout=True)
    difficulty: reactive[str] = reactive("", layout=True)
    seconds_left: reactive[int | None] = reactive(None, layout=True)

    def render(self) -> Content:
        """One line (wrapped on narrow terminals), literal text for bank data."""
        parts: list[str | tuple[str, str]] = []
        if self.player:
            parts += [(self.player, "bold"), " · "]
        parts += [(f"Question {self.number} of {self.total}", "bold"), " · "]
        parts += [f"Score {self.score}", " · ", f"Streak {self.streak}"]
        if self.seconds_left is not None:
            parts += [" · ", (f"{self.seconds_left}s left", "bold")]
        parts += [" · ", self.topic, " · ", (self.difficulty, "italic")]
        return Content.assemble(*parts)
