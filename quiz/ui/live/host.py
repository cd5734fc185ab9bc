"""`quiz host`: the teacher's app, projected for the class. It runs the live game's server in
its own event loop and shows the game's phase: lobby, question, reveal, leaderboard, end.

The app holds no rules. The server (`LiveHost`) feeds the students' joins and answers to the
game and says when something changed; the app then shows the screen of the game's phase, or
redraws the one shown in place. The teacher's keys reach the game only from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from quiz.live.server import LiveHostError
from quiz.ui.live.phase import GameChanged, PhaseScreen
from quiz.ui.signals import exit_on_signals

if TYPE_CHECKING:
    from quiz.engine.live import LiveGame
    from quiz.live.server import LiveHost


STORE_NEWS_SECONDS = 1.0
"""How often the app asks the recorder for news of the scores file."""


class HostApp(App[None]):
    """The teacher's screens of one live game, served by `host` in this app's loop."""

    CSS_PATH = Path(__file__).parent.parent / "quiz.tcss"  # the shared dialogs' styles
    TITLE = "quiz host"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, host: LiveHost, *, notice: str | None = None) -> None:
        super().__init__()
        self.host = host
        host.on_change = self.game_changed
        self.notice = notice
        """A line for the lobby (serving to the whole network, say)."""

    @property
    def game(self) -> LiveGame:
        """The game being hosted."""
        return self.host.game

    def on_load(self) -> None:
        exit_on_signals(self)  # the terminal is restored and the game saved, whatever ends it

    async def on_mount(self) -> None:
        try:
            await self.host.start()
        except LiveHostError as error:
            self.exit(return_code=1, message=f"quiz: {error}")
            return
        self.show_phase()
        self.show_store_news()
        self.set_interval(STORE_NEWS_SECONDS, self.show_store_news)

    def game_changed(self) -> None:
        """The server's `on_change` (called in this app's loop)."""
        self.post_message(GameChanged())

    def on_game_changed(self, message: GameChanged) -> None:
        message.stop()
        self.show_phase()
        self.show_store_news()

    def show_store_news(self) -> None:
        """Tell the teacher what happened to the scores file, each message once, oldest first:
        saving delayed (another program holds it), saved again, a damaged file replaced, or
        the answers no longer kept."""
        recorder = self.host.recorder
        while recorder is not None and (news := recorder.take_problem()) is not None:
            self.notify(news, severity="warning", timeout=15, markup=False)

    def _phase_screen(self) -> PhaseScreen | None:
        """The phase screen shown, even under a dialog."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, PhaseScreen):
                return screen
        return None

    def show_phase(self) -> None:
        """Redraw the screen shown if it shows the game's phase, or show the phase's screen
        (after any dialog open is closed: the dialog was about the screen under it)."""
        shown = self._phase_screen()
        if shown is not None and shown.shows(self.game):
            shown.sync()
            return
        if shown is not None and self.screen is not shown:
            return  # the screen asks again when the dialog closes (PhaseScreen.on_screen_resume)
        screen = self._screen_for_phase()
        if shown is None:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def _screen_for_phase(self) -> PhaseScreen:
        phase = self.game.phase
        if phase == "lobby":
            from quiz.ui.live.lobby import LobbyScreen

            return LobbyScreen(self.host, self.notice)
        if phase == "question":
            from quiz.ui.live.question import QuestionScreen

            return QuestionScreen(self.host)
        if phase == "reveal":
            from quiz.ui.live.reveal import RevealScreen

            return RevealScreen(self.host)
        if phase == "leaderboard":
            from quiz.ui.live.leaderboard import LeaderboardScreen

            return LeaderboardScreen(self.host)
        from quiz.ui.live.end import EndScreen

        return EndScreen(self.host)

    def action_end_game(self) -> None:
        """`q`: after a confirmation, end the game for everyone (its results show), or close
        the lobby."""
        from quiz.ui.screens.confirm import ConfirmScreen

        if self.game.phase == "ended":
            self.run_worker(self.action_quit())
            return
        in_lobby = self.game.phase == "lobby"

        def end(yes: bool | None) -> None:
            if not yes:
                return
            self.host.end_game()
            if in_lobby:
                self.run_worker(self.action_quit())

        if in_lobby:
            dialog = ConfirmScreen(
                "Close the lobby?", "The students who joined are told the game is over."
            )
        else:
            dialog = ConfirmScreen(
                "End the game now?",
                "Every student sees the final results; the answers given so far are kept.",
            )
        self.push_screen(dialog, end)

    async def action_quit(self) -> None:
        """Stop serving (the game's state is saved), then close."""
        await self.host.stop()
        self.exit()

    async def on_unmount(self) -> None:
        """However the app closes, the server stops with it (stopping twice is harmless)."""
        await self.host.stop()
