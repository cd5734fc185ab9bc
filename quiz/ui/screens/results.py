"""The results screen: score, accuracy, best streak, time, bars per topic, and what was missed.

Players' names and the bank's words are shown literally and terminal-safe."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from quiz.engine.session import PlayerScore, Session
from quiz.engine.terminal_safety import terminal_safe
from quiz.ui.widgets.bars import TopicBars
from quiz.ui.widgets.keybar import KeyBar

NextStep = Literal["again", "mistakes", "new", "quit"]


def duration(seconds: float) -> str:
    """`2m 05s`, or `45s` under a minute."""
    whole = round(seconds)
    return f"{whole // 60}m {whole % 60:02d}s" if whole >= 60 else f"{whole}s"


def summary_content(player: PlayerScore) -> Content:
    """The headline figures of one player's game."""
    lines = [
        Content.assemble(("Score        ", "bold"), (str(player.score), "bold $text-accent")),
        Content.assemble(
            ("Accuracy     ", "bold"),
            f"{round(100 * player.accuracy)}%  ({player.right} right of {player.asked})",
        ),
        Content.assemble(("Best streak  ", "bold"), str(player.best_streak)),
        Content.assemble(("Time         ", "bold"), duration(player.seconds)),
    ]
    return Content("\n").join(lines)


def ranking_content(session: Session) -> Content:
    """Players ranked, best first, for a hot-seat game."""
    lines = [
        Content.assemble(
            (f"{place}. ", "bold"),
            terminal_safe(player.name),
            f" — {player.score} points, {round(100 * player.accuracy)}% right",
        )
        for place, player in enumerate(session.ranking(), start=1)
    ]
    return Content("\n").join(lines)


def missed_content(player: PlayerScore) -> Content:
    """Each missed question's prompt and its right answer."""
    if not player.missed:
        return Content("None: every answer was right!")
    lines = [
        Content.assemble(
            "• ",
            terminal_safe(asked.question.prompt),
            "\n  ",  # the answer on its own line: order and match answers hold arrows
            ("Answer:", "bold"),
            " ",
            terminal_safe(asked.question.answer_text()),
        )
        for asked in player.missed
    ]
    return Content("\n").join(lines)


class ResultsScreen(Screen[NextStep]):
    """Dismisses with what the player wants next: play again, review mistakes, new game, quit."""

    DEFAULT_CSS = """
    ResultsScreen {
        #results {
            padding: 0 2;
        }
        #results-title {
            text-style: bold;
            color: $accent;
            padding: 1 0;
        }
        #results .heading, #results .player-name {
            text-style: bold underline;
            margin-top: 1;
        }
        #actions {
            height: auto;
            dock: bottom;
            margin-bottom: 1;
        }
        #actions Button {
            margin: 0 1;
            min-width: 10;
        }
    }
    """

    BINDINGS = [
        Binding("a", "choose('again')", "Play again"),
        Binding("r", "choose('mistakes')", "Review mistakes"),
        Binding("n", "choose('new')", "New game"),
        Binding("q,escape", "choose('quit')", "Quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        leader = session.ranking()[0]
        with VerticalScroll(id="results"):
            yield Static("Results", id="results-title")
            if len(session.players) > 1:
                yield Static(ranking_content(session), id="ranking")
            for player in session.players:
                if len(session.players) > 1:
                    yield Static(Content(terminal_safe(player.name)), classes="player-name")
                yield Static(summary_content(player), classes="summary")
                yield Static("By topic", classes="heading")
                bars = TopicBars(classes="topic-bars")
                bars.show(player.topics)
                yield bars
                yield Static("Missed questions", classes="heading")
                yield Static(missed_content(player), classes="missed")
        with Horizontal(id="actions"):
            # Short labels fit 60 columns; the footer gives each one's key.
            yield Button("Play again", id="again", variant="primary")
            yield Button("Review mistakes", id="mistakes", disabled=not session.mistakes())
            yield Button("New game", id="new")
            yield Button("Quit", id="quit")
        yield KeyBar()
        self.sub_title = f"{terminal_safe(leader.name)}: {leader.score} points"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review mistakes only when something was missed."""
        if action == "choose" and parameters == ("mistakes",):
            return bool(self.session.mistakes())
        return True

    def on_mount(self) -> None:
        self.query_one("#again", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("again", "mistakes", "new", "quit"):
            self.action_choose(event.button.id)

    def action_choose(self, step: str) -> None:
        """Leave the results with the chosen next step."""
        self.dismiss(step)  # type: ignore[arg-type]
