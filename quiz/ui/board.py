"""`quiz board`: the teacher's live leaderboard of the games being played, in the terminal.

It polls the store once a second (SQLite's `data_version` says when another game committed)
and updates the table in place: player, score, question k of n, right answers, playing or done.
Names come from people and bank names from file names: both are shown terminal-safe.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from quiz.engine import reports
from quiz.engine.store import Store
from quiz.engine.terminal_safety import terminal_safe
from quiz.ui.signals import exit_on_signals
from quiz.ui.widgets.keybar import KeyBar

REFRESH_SECONDS = 1.0


class BoardApp(App[None]):
    """A live table of games since `since`, refreshed as answers land in the store."""

    CSS_PATH = "quiz.tcss"
    CSS = """
    #board-summary {
        padding: 0 1;
        color: $text-muted;
    }
    #board {
        height: 1fr;
    }
    """
    TITLE = "quiz board"
    BINDINGS = [Binding("q,escape", "quit", "Quit"), Binding("r", "refresh", "Refresh now")]

    def __init__(
        self, store: Store, since: datetime, refresh_seconds: float = REFRESH_SECONDS
    ) -> None:
        super().__init__()
        self.store = store
        self.since = since
        self.refresh_seconds = refresh_seconds
        self._version: int | None = None
        self.rows: list[dict[str, object]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="board-summary")
        yield DataTable(id="board", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_load(self) -> None:
        exit_on_signals(self)  # the terminal is restored whatever ends the board

    def on_mount(self) -> None:
        self.sub_title = f"games since {self.since.astimezone().strftime('%Y-%m-%d %H:%M')}"
        table = self.query_one(DataTable)
        table.add_columns("#", "Player", "Score", "Progress", "Right", "Bank", "Status")
        self.action_refresh()
        self.set_interval(self.refresh_seconds, self.poll)

    def poll(self) -> None:
        """Refresh when the store changed since the last look."""
        if reports.data_version(self.store) != self._version:
            self.action_refresh()

    def action_refresh(self) -> None:
        """Read the games again and redraw the table in place."""
        self._version = reports.data_version(self.store)
        self.rows = reports.live_games(self.store, self.since)
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            done = bool(row["finished"])
            progress = f"{row['asked']} of {row['questions']}"
            table.add_row(
                str(row["rank"]),
                Text(terminal_safe(str(row["player"]))),
                str(row["score"]),
                progress,
                str(row["right"]),
                Text(terminal_safe(str(row["bank"]))),
                "done" if done else "playing",
                key=str(row["game_id"]),
            )
        playing = sum(1 for row in self.rows if not row["finished"])
        self.query_one("#board-summary", Static).update(
            f"{len(self.rows)} game(s): {playing} playing, {len(self.rows) - playing} done"
        )
