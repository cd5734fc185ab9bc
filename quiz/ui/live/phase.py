"""What every screen of the host app shares: it shows one phase of the live game.

A phase screen reads the game (`host.game`, attributes down) and redraws itself in place on
`sync`; the teacher's keys call the host's commands (`host.start_game()`, `host.pause()`...),
which only this terminal can reach. The host then says the game changed, and the app shows the
screen of the game's new phase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from quiz.engine.live import LiveGame
    from quiz.engine.live_state import Phase
    from quiz.live.server import LiveHost

SCROLL_KEYS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}
"""The keys that scroll a long screen, and the scrolling actions they run."""


def scroll_bindings() -> list[Binding]:
    """Bindings of the scrolling keys to `scroll(action)`; the footer shows `↑↓ Scroll`."""
    return [
        Binding(key, f"scroll('{action}')", "Scroll", key_display="↑↓", show=key == "up")
        for key, action in SCROLL_KEYS.items()
    ]


class GameChanged(Message):
    """Something changed in the game (a join, an answer, a command, the end of the countdown),
    or a screen found that the game moved on while a dialog covered it: show where it is."""


class PhaseScreen(Screen[None]):
    """A screen showing one phase of the live game (and, for questions, one question)."""

    PHASE: ClassVar[Phase]
    AUTO_FOCUS = ""  # nothing to type on the teacher's screens: the keys go to the screen
    BINDINGS = [Binding("ctrl+c", "app.end_game", show=False)]  # as `q`: a habit, confirmed

    def __init__(self, host: LiveHost) -> None:
        super().__init__()
        self.host = host
        self.number = host.game.number
        """The question this screen shows (the game's number when it was made)."""

    @property
    def game(self) -> LiveGame:
        """The game the screen shows."""
        return self.host.game

    def shows(self, game: LiveGame) -> bool:
        """Whether this screen shows the game's phase (and question) now."""
        return game.phase == self.PHASE and game.number == self.number

    def on_mount(self) -> None:
        self.sync()

    def on_screen_resume(self) -> None:
        """Back from a dialog: if the game moved on meanwhile, have the app catch up."""
        if not self.shows(self.game):
            self.post_message(GameChanged())

    def sync(self) -> None:
        """Redraw what changed in the game, in place (a join, an answer, a tick)."""

    def action_remove(self) -> None:
        """Pick a student to remove (a mistyped or unwelcome name): in the lobby, or on the
        leaderboard, where a late joiner's name first shows."""
        from quiz.ui.live.remove import RemoveScreen

        def remove(name: str | None) -> None:
            if name is not None:
                self.host.remove(name)

        names = [player.name for player in self.game.active_players]
        self.app.push_screen(RemoveScreen(names), remove)
