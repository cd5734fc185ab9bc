"""The lobby: where to join, the code in large digits, and the students as they arrive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Static

from quiz.ui.live.phase import PhaseScreen, scroll_bindings
from quiz.ui.live.text import literal
from quiz.ui.live.widgets import NameTiles, name_tiles
from quiz.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quiz.live.server import LiveHost


def spaced_code(code: str) -> str:
    """`123 456`: a six-digit code in two groups, easier to read from the back of the room."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


def address_for_join(url: str) -> str:
    """The address as `quiz join` takes it: `HOST:PORT`, without `http://`."""
    return url.removeprefix("http://").removeprefix("https://").rstrip("/")


def joined_line(count: int) -> Content:
    """`12 students joined`, or an invitation while nobody has."""
    if count == 0:
        return Content("Waiting for students to join…")
    return Content.styled(f"{count} student{'' if count == 1 else 's'} joined", "bold")


class LobbyScreen(PhaseScreen):
    """Students join with the code; `Enter` starts the game once someone has."""

    PHASE = "lobby"

    DEFAULT_CSS = """
    LobbyScreen {
        #lobby { padding: 0 2; }
        #lobby-title { text-style: bold; color: $accent; padding: 1 0 0 0; width: 100%; content-align: center top; }
        #join-how { width: 100%; content-align: center top; padding: 1 0 0 0; }
        #code-label { width: 100%; content-align: center top; color: $text-muted; padding-top: 1; }
        #code { width: auto; color: $text-accent; text-style: bold; }
        #lobby-notice { width: 100%; content-align: center top; padding-top: 1; }
        #joined { padding: 1 0 0 0; }
        NameTiles { padding: 1 0 0 0; }
    }
    """

    BINDINGS = [
        Binding("enter", "start", "Start the game"),
        Binding("x", "remove", "Remove a student"),
        *scroll_bindings(),
        Binding("q", "app.end_game", "Quit"),
    ]

    def __init__(self, host: LiveHost, notice: str | None = None) -> None:
        super().__init__(host)
        self.notice = notice

    def compose(self) -> ComposeResult:
        url = self.host.url
        address = address_for_join(url)
        with VerticalScroll(id="lobby", can_focus=False):
            yield Static("Join the class game", id="lobby-title")
            yield Static(
                Content.assemble(
                    "Open ",
                    literal(url, "bold"),
                    " in a browser\nor type ",
                    literal(f"quiz join {address} --code {self.game.code}", "bold"),
                    " in a terminal",
                ),
                id="join-how",
            )
            if self.notice:
                yield Static(Content.styled(self.notice, "$text-warning"), id="lobby-notice")
            yield Static("Game code", id="code-label")
            with Center():
                yield Digits(spaced_code(self.game.code), id="code")
            yield Static(id="joined")
            yield NameTiles()
        yield KeyBar()

    def sync(self) -> None:
        players = self.game.active_players
        self.query_one("#joined", Static).update(joined_line(len(players)))
        self.query_one(NameTiles).tiles = name_tiles(players)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Start and remove need a student to have joined (shown dimmed until then)."""
        if action in ("start", "remove"):
            return bool(self.game.active_players) or None
        return True

    def action_scroll(self, action: str) -> None:
        """Scroll the lobby (a class of 300 is longer than the screen)."""
        getattr(self.query_one("#lobby", VerticalScroll), f"action_{action}")()

    def action_start(self) -> None:
        """Start the game: question 1 for everyone who joined."""
        self.host.start_game()
