"""The Textual app: moves between the start, game and results screens.

`QuizApp` is the one factory the command line and the tests both use: give it banks and settings
(and, in tests, a fake clock). With `ask=False` the game starts at once with the settings given.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.screen import Screen

from quiz.engine.games import mistakes_session, new_session, preview_session, review_session
from quiz.engine.model import Bank
from quiz.engine.recording import GameRecorder
from quiz.engine.review import describe_wait, plan_review
from quiz.engine.session import GameSettings, Outcome, Session, SessionError, SessionObserver
from quiz.engine.store import Store, utc_now
from quiz.engine.terminal_safety import terminal_safe
from quiz.startup import AFTER_FIRST_FRAME_SECONDS, resume_collector
from quiz.ui.screens.errors import ErrorsScreen
from quiz.ui.screens.game import GameScreen
from quiz.ui.screens.results import NextStep, ResultsScreen
from quiz.ui.signals import exit_on_signals
from quiz.ui.widgets.answer import SCREEN_HEIGHTS

if TYPE_CHECKING:
    from quiz.engine.watch import FileWatcher

AnyScreen = TypeVar("AnyScreen", bound=Screen[Any])

STORE_MESSAGES_SECONDS = 1.0
"""How often the app asks the recorder for news about saving (see `show_store_messages`)."""

# The start screen is imported when first shown (19.5 ms of imports): a game started with a
# player name goes straight to its first question without it. See docs/architecture.md,
# "Deferred imports", for the list and what each saves.


class QuizApp(App[None]):
    """The quiz game for one terminal (or one browser tab)."""

    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"
    ENABLE_COMMAND_PALETTE = False  # students need the game's keys only; the footer lists them
    VERTICAL_BREAKPOINTS = SCREEN_HEIGHTS

    def __init__(
        self,
        banks: Sequence[Bank],
        settings: GameSettings | None = None,
        *,
        ask: bool = True,
        clock: Callable[[], float] = time.monotonic,
        recorder: GameRecorder | None = None,
        now: Callable[[], datetime] = utc_now,
        watcher: FileWatcher | None = None,
    ) -> None:
        super().__init__()
        self.banks = list(banks)
        self.settings = settings or GameSettings()
        self.ask = ask
        self.clock = clock
        self.now = now
        self.recorder = recorder or GameRecorder(None)
        self.recorder.write_later = self.call_after_refresh  # an answer's feedback comes first
        self.watcher = watcher
        self.session: Session | None = None

    def on_load(self) -> None:
        # the terminal is restored whatever ends the game, the answers kept (quiz.ui.signals)
        exit_on_signals(self, on_stuck=self.recorder.close)

    def on_mount(self) -> None:
        self.set_timer(AFTER_FIRST_FRAME_SECONDS, self._after_first_screen)
        self.show_store_messages()
        # What the recorder says later (saving delayed, then caught up) shows within a second.
        self.set_interval(STORE_MESSAGES_SECONDS, self.show_store_messages)
        if self.watcher is not None:
            self.start_preview()
        elif self.ask:
            self.show_start()
        else:
            self.start_game(self.settings)

    def _after_first_screen(self) -> None:
        """What waits until the first screen is drawn: the cycle collector (paused while the
        game started, see quiz.startup) and loading what recording the first answer needs."""
        resume_collector()
        self.recorder.prepare()

    def show_start(self) -> None:
        """Show the start screen; the game starts with the settings it returns."""
        from quiz.ui.screens.start import StartScreen

        start = StartScreen(self.banks, self.settings, self.store)
        self.push_screen(self.sized(start), self._started)

    def _started(self, settings: GameSettings | None) -> None:
        if settings is not None:
            self.settings = settings
            self.start_game(settings)

    def start_game(self, settings: GameSettings) -> None:
        """Start a new game with these settings, or say why it cannot start."""
        observers: list[SessionObserver] = [self.recorder, self]
        try:
            if settings.mode == "review":
                session = self._review_session(settings, observers)
                if session is None:
                    return
            else:
                session = new_session(self.banks, settings, self.clock, observers)
        except SessionError as problem:
            self.notify(str(problem).capitalize() + ".", severity="error", markup=False)
            self.show_start()
            return
        self.play(session)

    def _review_session(
        self, settings: GameSettings, observers: list[SessionObserver]
    ) -> Session | None:
        """A review game of what is due, or None after saying when the next review is due."""
        store = self.recorder.store
        if store is None:
            self.notify(
                "Review needs the scores file, which cannot be used now.",
                severity="error",
                markup=False,
            )
            self.show_start()
            return None
        plan = plan_review(store, settings.players[0], self.banks, self.now())
        if not plan.due:
            self.notify(describe_wait(plan, self.now()), timeout=8, markup=False)
            self.show_start()
            return None
        return review_session(plan, settings, self.clock, observers)

    @property
    def store(self) -> Store | None:
        """The store games are kept in, if it can be used."""
        return self.recorder.store

    def show_store_messages(self) -> None:
        """Tell the player once about the store: a moved corrupt file, results not being saved."""
        for message in self.recorder.take_messages():  # paths and names in them: made safe
            self.notify(terminal_safe(message), severity="warning", timeout=10, markup=False)

    def started(self, session: Session) -> None:
        """Session observer: show any store problem met while starting."""
        self.call_later(self.show_store_messages)

    def answered(self, session: Session, outcome: Outcome) -> None:
        """Session observer: show any store problem met while saving the answer (saved once
        the feedback is drawn, see `GameRecorder.write_later`)."""
        self.call_after_refresh(self.show_store_messages)

    def finished(self, session: Session) -> None:
        """Session observer: nothing to do; the results screen follows."""

    def start_preview(self) -> None:
        """Preview with `--watch`: every question in file order, reloaded when files change."""
        assert self.watcher is not None
        library = self.watcher.load()
        if library.errors or not library.banks:
            self.push_screen(self.sized(ErrorsScreen(self.watcher, library.errors)), self._preview)
        else:
            self._preview(library.banks)

    def _preview(self, banks: list[Bank] | None) -> None:
        if banks:
            self.banks = banks
            session = preview_session(banks, self.settings, self.clock)
            self.session = session
            self.push_screen(self.sized(GameScreen(session, self.watcher)), self._finished)

    def play(self, session: Session) -> None:
        """Play a session, then show its results."""
        self.session = session
        self.push_screen(self.sized(GameScreen(session)), self._finished)

    def sized(self, screen: AnyScreen) -> AnyScreen:
        """`screen` with the class of the terminal's height already set (`-short` or `-tall`, see
        `VERTICAL_BREAKPOINTS`); the app pushes every screen so. Textual sets it when the screen
        is first resized, after its widgets were styled, and then styles them all again (1% of
        the game's start-up); set before, that resize finds nothing to change (and corrects the
        class if it differs)."""
        breakpoints = sorted(self.VERTICAL_BREAKPOINTS, reverse=True)  # as Textual reads them
        height = next((name for rows, name in breakpoints if self.size.height >= rows), None)
        screen.update_classes({name: name == height for _, name in breakpoints}, update=False)
        return screen  # (styled with its classes when it is mounted)

    def _finished(self, session: Session | None) -> None:
        if session is not None:
            self.push_screen(self.sized(ResultsScreen(session)), self._next_step)

    def _next_step(self, step: NextStep | None) -> None:
        session = self.session
        if step == "again":
            self.start_game(replace(self.settings, seed=None))
        elif step == "mistakes" and session is not None and session.mistakes():
            # A replay of what was just missed, with the right answers fresh in mind, is not
            # kept: its scores would flatter the leaderboard and the review schedule.
            self.play(mistakes_session(session, self.clock))
        elif step == "new":
            self.show_start()
        else:
            self.exit()
