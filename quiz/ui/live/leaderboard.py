"""The leaderboard between questions: the top five, and who moved up."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.engine.live_state import LivePlayer
from quiz.ui.live.phase import PhaseScreen
from quiz.ui.live.text import clip, literal
from quiz.ui.widgets.keybar import KeyBar

TOP = 5
NAME_CELLS = 24


def movement(player: LivePlayer) -> Content:
    """`▲ 2` for a student who moved up two places, `▼ 1` down one; nothing otherwise."""
    if player.moved > 0:
        return Content.styled(f"▲ {player.moved}", "bold $text-success")
    if player.moved < 0:
        return Content.styled(f"▼ {-player.moved}", "$text-error")
    return Content("")


def standing_content(player: LivePlayer, score_cells: int) -> Content:
    """`  1  Ann              1,240  ▲ 2`: place, name, points, movement."""
    name = literal(clip(player.name, NAME_CELLS))
    return Content.assemble(
        (f"{player.rank:>3}  ", "bold"),
        name.pad_right(NAME_CELLS + 2 - name.cell_length),
        (f"{player.score:,}".rjust(score_cells), "bold"),
        "  ",
        movement(player),
    )


class LeaderboardScreen(PhaseScreen):
    """Who leads after this question; `Enter` shows the next question."""

    PHASE = "leaderboard"

    DEFAULT_CSS = """
    LeaderboardScreen {
        #board-top { height: auto; padding: 0 1; background: $panel; text-style: bold; }
        #board-body { width: 56; max-width: 100%; height: auto; padding: 0 1; }
        #board-title { text-style: bold; color: $accent; padding: 1 0; width: 100%; content-align: center top; }
        .standing { background: $boost; padding: 0 1; margin-bottom: 1; }
        .standing.-first { background: $warning 30%; }
        #board-note { color: $text-muted; width: 100%; content-align: center top; }
    }
    """

    BINDINGS = [
        Binding("enter", "advance", "Next question"),
        Binding("x", "remove", "Remove a student"),
        Binding("q", "app.end_game", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(f"After question {self.number} of {self.game.total}", id="board-top")
        with Center(), Vertical(id="board-body"):
            yield Static("Leaderboard", id="board-title")
            for place in range(TOP):
                yield Static(classes="standing" + (" -first" if place == 0 else ""))
            yield Static(id="board-note")
        yield KeyBar()

    def sync(self) -> None:
        if not self.shows(self.game):
            return
        top = self.game.leaderboard(TOP)
        score_cells = max((len(f"{p.score:,}") for p in top), default=1)
        for index, row in enumerate(self.query(".standing").results(Static)):
            row.display = index < len(top)
            if index < len(top):
                row.update(standing_content(top[index], score_cells))
        count = len(self.game.active_players)
        note = f"Top {len(top)} of {count} student{'' if count == 1 else 's'}."
        self.query_one("#board-note", Static).update(note if top else "Nobody has answered yet.")

    def action_advance(self) -> None:
        """Show the next question."""
        self.host.advance()
