"""The start screen: player name(s), bank, topic, number of questions and mode."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from quiz.engine.model import Bank
from quiz.engine.players import parse_players, player_problem
from quiz.engine.session import GameSettings, Mode
from quiz.engine.store import Store
from quiz.engine.terminal_safety import terminal_safe
from quiz.ui.screens.scores import ScoresScreen
from quiz.ui.widgets.keybar import KeyBar

ALL = "__all__"
COUNTS = (5, 10, 20, 50)


class StartScreen(Screen[GameSettings]):
    """Collects the game's settings and dismisses with them when the player starts."""

    DEFAULT_CSS = """
    StartScreen {
        #start {
            padding: 0 2;
        }
        #logo {
            text-style: bold;
            color: $accent;
            content-align: center middle;
            width: 100%;
            padding: 1 0 0 0;
        }
        #library {
            content-align: center middle;
            width: 100%;
            margin-bottom: 1;
        }
        #start Label {
            margin-top: 1;
            text-style: bold;
        }
        #numbers {
            height: auto;
        }
        #numbers .field {
            height: auto;
            width: 1fr;
        }
        #start-buttons {
            height: auto;
            margin-top: 1;
        }
        #start-button {
            width: 2fr;
        }
        #scores-button {
            width: 1fr;
            margin-left: 1;
        }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("ctrl+o", "scores", "High scores"),
        Binding("escape", "app.quit", "Quit"),
    ]

    def __init__(
        self, banks: Sequence[Bank], settings: GameSettings, store: Store | None = None
    ) -> None:
        super().__init__()
        self.banks = list(banks)
        self.settings = settings
        self.store = store

    def compose(self) -> ComposeResult:
        settings = self.settings
        with VerticalScroll(id="start"):
            yield Static("quiz", id="logo")
            yield Static(self._library_line(), id="library")
            yield Label("Your name (names separated by commas take turns)")
            yield Input(
                value=", ".join(p for p in settings.players if p != "Player"),
                placeholder="Your name",
                id="player",
                max_length=200,
            )
            if len(self.banks) > 1:
                yield Label("Bank")
                bank_options = [(Content(b.title), b.name) for b in self.banks]
                yield Select(
                    [(Content("All banks"), ALL), *bank_options],
                    value=settings.bank or ALL,
                    allow_blank=False,
                    id="bank",
                )
            yield Label("Topic")
            yield Select(
                self._topic_options(settings.bank),
                value=self._first_topic(),
                allow_blank=False,
                id="topic",
            )
            with Horizontal(id="numbers"):
                with VerticalScroll(classes="field"):
                    yield Label("Questions")
                    counts = sorted({*COUNTS, *([settings.count] if settings.count else [])})
                    yield Select(
                        [(str(n), n) for n in counts] + [("All", 0)],
                        value=settings.count or 0,
                        allow_blank=False,
                        id="count",
                    )
                with VerticalScroll(classes="field"):
                    yield Label("Mode")
                    yield Select(
                        [
                            ("Practice (no clock)", "practice"),
                            ("Timed", "timed"),
                            ("Review what is due", "review"),
                        ],
                        value=settings.mode,
                        allow_blank=False,
                        id="mode",
                    )
            with Horizontal(id="start-buttons"):
                yield Button("Start", id="start-button", variant="primary")
                yield Button("High scores", id="scores-button")
        yield KeyBar()

    def _library_line(self) -> Content:
        total = sum(len(bank.questions) for bank in self.banks)
        if len(self.banks) == 1:
            return Content.assemble((self.banks[0].title, "bold"), f" · {total} questions")
        return Content(f"{len(self.banks)} banks · {total} questions")

    def _topic_options(self, bank_name: str | None) -> list[tuple[Content, str]]:
        banks = [b for b in self.banks if bank_name in (None, ALL, b.name)]
        topics = list(dict.fromkeys(topic for bank in banks for topic in bank.topics))
        return [(Content("All topics"), ALL)] + [(Content(topic), topic) for topic in topics]

    def _first_topic(self) -> str:
        topics = self.settings.topics
        known = {value for _, value in self._topic_options(self.settings.bank)}
        return topics[0] if len(topics) == 1 and topics[0] in known else ALL

    def on_mount(self) -> None:
        self.query_one("#player", Input).focus()

    @on(Select.Changed, "#bank")
    def _bank_changed(self, event: Select.Changed) -> None:
        topic = self.query_one("#topic", Select)
        topic.set_options(self._topic_options(str(event.value)))
        topic.value = ALL

    @on(Button.Pressed, "#scores-button")
    def action_scores(self) -> None:
        """Show the leaderboards."""
        self.app.push_screen(ScoresScreen(self.store, self.banks))

    @on(Input.Submitted, "#player")
    @on(Button.Pressed, "#start-button")
    def action_start(self) -> None:
        """Start the game, once there is a name to put on the scores."""
        players = parse_players(self.query_one("#player", Input).value)
        problem = player_problem(players)  # none, too many, or one name twice
        if problem is not None:
            sentence = problem[0].upper() + problem[1:] + "."  # names in it: made safe
            self.notify(terminal_safe(sentence), severity="warning", markup=False)
            self.query_one("#player", Input).focus()
            return
        bank = self.query("#bank").first(Select).value if len(self.banks) > 1 else None
        topic = self.query_one("#topic", Select).value
        count = self.query_one("#count", Select).value
        chosen = self.query_one("#mode", Select).value
        mode: Mode = chosen if chosen in ("timed", "review") else "practice"
        self.dismiss(
            GameSettings(
                players=tuple(players),
                bank=None if bank in (None, ALL) else str(bank),
                topics=() if topic == ALL else (str(topic),),
                count=int(count) if isinstance(count, int) and count > 0 else None,
                mode=mode,
                seed=self.settings.seed,
            )
        )
