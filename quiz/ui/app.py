"""The Textual app: moves between the start, game and results screens.

`QuizApp` is the one factory the command line and the tests both use: give it banks and settings
(and, in tests, a fake clock). With `ask=False` the game starts at once with the settings given.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from textual.app import App

from quiz.engine.model import Bank
from quiz.engine.session import GameSettings, Session, SessionError, new_session
from quiz.ui.screens.game import GameScreen
from quiz.ui.screens.results import NextStep, ResultsScreen
from quiz.ui.screens.start import StartScreen


class QuizApp(App[None]):
    """The quiz game for one terminal (or one browser tab)."""

    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"

    def __init__(
        self,
        banks: Sequence[Bank],
        settings: GameSettings | None = None,
        *,
        ask: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.banks = list(banks)
        self.settings = settings or GameSettings()
        self.ask = ask
        self.clock = clock
        self.session: Session | None = None

    def on_mount(self) -> None:
        if self.ask:
            self.show_start()
        else:
            self.start_game(self.settings)

    def show_start(self) -> None:
        """Show the start screen; the game starts with the settings it returns."""
        self.push_screen(StartScreen(self.banks, self.settings), self._started)

    def _started(self, settings: GameSettings | None) -> None:
        if settings is not None:
            self.settings = settings
            self.start_game(settings)

    def start_game(self, settings: GameSettings) -> None:
        """Start a new game with these settings, or say why it cannot start."""
        try:
            session = new_session(self.banks, settings, self.clock)
        except SessionError as problem:
            self.notify(str(problem), severity="error", markup=False)
            self.show_start()
            return
        self.play(session)

    def play(self, session: Session) -> None:
        """Play a session, then show its results."""
        self.session = session
        self.push_screen(GameScreen(session), self._finished)

    def _finished(self, session: Session | None) -> None:
        if session is not None:
            self.push_screen(ResultsScreen(session), self._next_step)

    def _next_step(self, step: NextStep | None) -> None:
        session = self.session
        if step == "again":
            self.start_game(replace(self.settings, seed=None))
        elif step == "mistakes" and session is not None and session.mistakes():
            self.play(
                Session(
                    session.mistakes(),
                    players=[p.name for p in session.players],
                    mode=session.mode,
                    seed=session.seed,
                    clock=self.clock,
                )
            )
        elif step == "new":
            self.show_start()
        else:
            self.exit()
