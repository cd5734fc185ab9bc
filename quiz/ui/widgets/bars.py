"""Per-topic bars for the results screen: right answers out of asked, drawn as a bar."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from quiz.engine.session import TopicTally

BAR_WIDTH = 20


def bar(right: int, asked: int, width: int = BAR_WIDTH) -> str:
    """A bar of `width` cells, filled in proportion to right / asked."""
    filled = round(width * right / asked) if asked else 0
    return "█" * filled + "░" * (width - filled)


def topic_bars_content(topics: Mapping[str, TopicTally]) -> Content:
    """One line per topic: name, bar, `right/asked` and the percentage."""
    if not topics:
        return Content("No questions answered.")
    name_width = min(28, max(len(name) for name in topics))
    lines: list[Content] = []
    for name, tally in topics.items():
        shown = name if len(name) <= name_width else name[: name_width - 1] + "…"
        percent = round(100 * tally.right / tally.asked) if tally.asked else 0
        lines.append(
            Content.assemble(
                shown.ljust(name_width),
                " ",
                (bar(tally.right, tally.asked), "bold"),
                f" {tally.right}/{tally.asked} {percent:>3}%",
            )
        )
    return Content("\n").join(lines)


class TopicBars(Static):
    """How a player did in each topic."""

    def show(self, topics: Mapping[str, TopicTally]) -> None:
        """Draw the bars for these tallies."""
        self.update(topic_bars_content(topics))
