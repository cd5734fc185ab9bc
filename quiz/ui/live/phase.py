"""What every screen of the host app shares: it shows one phase of the game and asks for
commands.

A phase screen reads the game (attributes down) and redraws itself in place on `sync`; the
teacher's keys become `HostCommand` messages (messages up), which only the host app turns into
commands of the game. No network message can reach them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from quiz.ui.live.state import GameView, Phase

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


class HostCommand(Message):
    """The teacher asked for a command of the game: `start`, `advance`, `remove`..."""

    def __init__(self, name: str, *args: object) -> None:
        self.name = name
        self.args = args
        super().__init__()


class GameChanged(Message):
    """Something changed in the game (a join, an answer, the end of the countdown), or a
    screen found the game moved on while a dialog covered it: show where the game is."""


class PhaseScreen(Screen[None]):
    """A screen showing one phase of the live game (and, for questions, one question)."""

    PHASE: ClassVar[Phase]
    AUTO_FOCUS = ""  # nothing to type on the teacher's screens: the keys go to the screen

    def __init__(self, game: GameView, clock: Callable[[], float]) -> None:
        super().__init__()
        self.game = game
        self.clock = clock
        self.number = game.number
        """The question this screen shows (the game's number when it was made)."""

    def shows(self, game: GameView) -> bool:
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

    def command(self, name: str, *args: object) -> None:
        """Ask the host app to apply a command of the game."""
        self.post_message(HostCommand(name, *args))
