"""The high-score screen: each player's best finished game in a bank, top ten (names as typed,
terminal-safe)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Select, Static

from quiz.engine import reports
from quiz.engine.model import Bank
from quiz.engine.store import Store
from quiz.engine.terminal_safety import terminal_safe
from quiz.ui.widgets.keybar import KeyBar


class ScoresScreen(Screen[None]):
    """Leaderboards, one bank at a time; `Escape` goes back."""

    DEFAULT_CSS = """
    ScoresScreen {
        #scores {
            padding: 0 2;
        }
        #scores-title {
            text-style: bold;
            color: $accent;
            padding: 1 0;
        }
        #scores-note {
            color: $text-muted;
        }
        #scores-table {
            height: 1fr;
        }
    }
    """

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, store: Store | None, banks: Sequence[Bank]) -> None:
        super().__init__()
        self.store = store
        self.banks = list(banks)

    def compose(self) -> ComposeResult:
        with Vertical(id="scores"):
            yield Static("High scores", id="scores-title")
            if len(self.banks) > 1:
                yield Select(
                    [(Content(terminal_safe(b.title)), b.name) for b in self.banks],
                    value=self.banks[0].name,
                    allow_blank=False,
                    id="scores-bank",
                )
            yield Static(id="scores-note")
            yield DataTable(id="scores-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Player", "Score", "Accuracy", "Questions", "Date")
        if self.banks:
            self.show_bank(self.banks[0].name)

    @on(Select.Changed, "#scores-bank")
    def _bank_changed(self, event: Select.Changed) -> None:
        self.show_bank(str(event.value))

    def show_bank(self, name: str) -> None:
        """Fill the table with one bank's leaderboard."""
        table = self.query_one(DataTable)
        table.clear()
        note = self.query_one("#scores-note", Static)
        if self.store is None:
            note.update("Scores are not available: the scores file cannot be used.")
            return
        rows = reports.leaderboard(self.store, name)
        note.update("" if rows else "No finished games yet. Be the first!")
        for row in rows:
            table.add_row(
                str(row["rank"]),
                Text(terminal_safe(row["player"])),
                str(row["score"]),
                f"{round(100 * row['accuracy'])}%",
                str(row["questions"]),
                row["date"],
            )
