"""The end of the game: the podium, how the class did by topic, the hardest questions, and
where the answers are kept (`quiz report --game ID`)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.engine.live import LiveGame
from quiz.engine.live_state import LivePlayer, QuestionResult, TopicResult
from quiz.ui.live.phase import PhaseScreen, scroll_bindings
from quiz.ui.live.text import clip, literal
from quiz.ui.widgets.bars import bar
from quiz.ui.widgets.keybar import KeyBar

PODIUM_ORDER = (1, 0, 2)
"""Second on the left, first in the middle, third on the right (indexes in the podium)."""
STEP_HEIGHTS = (5, 3, 2)
"""How tall the first, second and third steps are drawn."""
TOPIC_CELLS = 28


def place_name(place: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`... (places shared by equal scores keep their number)."""
    if place % 100 in (11, 12, 13):
        return f"{place}th"
    return f"{place}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(place % 10, 'th') }"


def topics_content(topics: Sequence[TopicResult]) -> Content:
    """One line per topic: `Trade figures  ██████░░░░  12/20  60%`."""
    if not topics:
        return Content("No answers.")
    cells = min(TOPIC_CELLS, max(Content(t.topic).cell_length for t in topics))
    lines = []
    for topic in topics:
        name = literal(clip(topic.topic, cells))
        percent = round(100 * topic.right / topic.asked) if topic.asked else 0
        lines.append(
            Content.assemble(
                name.pad_right(cells - name.cell_length),
                "  ",
                (bar(topic.right, topic.asked), "bold"),
                f"  {topic.right}/{topic.asked} {percent:>3}%",
            )
        )
    return Content("\n").join(lines)


def share_right(result: QuestionResult) -> Content:
    """` 33% right (1 of 3)`: how many of those counted got a question right."""
    percent = round(100 * result.right / result.took_part) if result.took_part else 0
    return Content.assemble(
        (f"{percent:>3}% right", "bold"), f" ({result.right} of {result.took_part})"
    )


class EndScreen(PhaseScreen):
    """The final results, for the class; `q` closes the host."""

    PHASE = "ended"

    DEFAULT_CSS = """
    EndScreen {
        #end-body { padding: 0 2; }
        #end-title { text-style: bold; color: $accent; padding: 1 0 0 0; width: 100%; content-align: center top; }
        #end-played { color: $text-muted; width: 100%; content-align: center top; padding-bottom: 1; }
        #podium { height: 7; align-horizontal: center; }
        .podium-place { width: 1fr; max-width: 26; height: 100%; align-vertical: bottom; }
        .podium-name { width: 100%; content-align: center bottom; text-style: bold; }
        .podium-score { width: 100%; content-align: center bottom; color: $text-muted; }
        .podium-step { width: 100%; content-align: center middle; text-style: bold; background: $primary; color: $text; }
        .podium-step.-first { background: $warning; color: $background; }
        .heading { text-style: bold underline; margin-top: 1; }
        #end-hardest { height: auto; }
        .hard-question { height: auto; }
        .hard-share { width: 22; }
        .hard-prompt { width: 1fr; }
        #end-report { margin: 1 0; padding: 0 1; border-left: thick $accent; }
    }
    """

    BINDINGS = [*scroll_bindings(), Binding("q", "app.end_game", "Quit")]

    def shows(self, game: LiveGame) -> bool:
        """The end is the end, whatever the question number."""
        return game.phase == self.PHASE

    def compose(self) -> ComposeResult:
        summary = self.game.summary()
        with VerticalScroll(id="end-body", can_focus=False):
            yield Static("Final results", id="end-title")
            yield Static(self._played_line(summary.questions, summary.players), id="end-played")
            with Horizontal(id="podium"):
                yield from self._podium(summary.podium)
            yield Static("Class accuracy by topic", classes="heading")
            yield Static(topics_content(summary.topics), id="end-topics")
            yield Static("Hardest questions", classes="heading")
            with Vertical(id="end-hardest"):
                for result in summary.hardest:
                    with Horizontal(classes="hard-question"):
                        yield Static(share_right(result), classes="hard-share")
                        yield Static(literal(result.asked.question.prompt), classes="hard-prompt")
                if not summary.hardest:
                    yield Static("No answers.")
            yield Static(self._report_line(), id="end-report")
        yield KeyBar()

    def _played_line(self, questions: int, players: int) -> str:
        played = f"{questions} of {self.game.total}" if questions < self.game.total else questions
        return f"{played} questions · {players} student{'' if players == 1 else 's'}"

    def _podium(self, podium: Sequence[LivePlayer]) -> ComposeResult:
        for index in PODIUM_ORDER:
            if index >= len(podium):
                continue
            player = podium[index]
            with Vertical(classes="podium-place"):
                yield Static(literal(clip(player.name, 24)), classes="podium-name")
                yield Static(f"{player.score:,} points", classes="podium-score")
                step = Static(
                    place_name(player.rank),
                    classes="podium-step" + (" -first" if index == 0 else ""),
                )
                step.styles.height = STEP_HEIGHTS[index]
                yield step

    def _report_line(self) -> Content:
        game_id = self.host.game_id
        if game_id is None:
            return Content("The answers were not kept: the scores file could not be used.")
        return Content.assemble("Every answer is kept: ", (f"quiz report --game {game_id}", "bold"))

    def action_scroll(self, action: str) -> None:
        """Scroll the results (`action`: one of their scrolling actions)."""
        getattr(self.query_one("#end-body", VerticalScroll), f"action_{action}")()
