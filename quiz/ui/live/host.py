"""`quiz host`: the teacher's app, projected for the class. It runs the live game's server in
its own event loop and shows the game's phase: lobby, question, reveal, leaderboard, end.

The app holds no rules. The server (`LiveHost`) feeds the students' joins and answers to the
game and tells the app when something changed; the app then shows the screen of the game's
phase, or redraws the one shown in place. The teacher's keys reach the game only from here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from quiz.ui.live.phase import GameChanged, HostCommand, PhaseScreen
from quiz.ui.live.state import GameHost, GameView

MakeHost = Callable[[Callable[[], None]], GameHost]
"""Makes the server, given what it calls when the game changed (`on_change`)."""


class HostApp(App[None]):
    """The teacher's screens of one live game."""

    CSS_PATH = Path(__file__).parent.parent / "quiz.tcss"  # the shared dialogs' styles
    TITLE = "quiz host"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        make_host: MakeHost,
        *,
        clock: Callable[[], float] = time.monotonic,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.host = make_host(self.game_changed)
        self.clock = clock
        self.notice = notice
        """A line for the lobby (serving to the whole network, say)."""

    @property
    def game(self) -> GameView:
        """The game being hosted."""
        return self.host.game

    async def on_mount(self) -> None:
        try:
            await self.host.start()
        except OSError as error:
            self.exit(return_code=1, message=f"quiz: cannot serve the game: {error}")
            return
        self.show_phase()

    def game_changed(self) -> None:
        """The server's `on_change`: called in this app's loop."""
        self.post_message(GameChanged())

    def on_game_changed(self, message: GameChanged) -> None:
        message.stop()
        self.show_phase()

    def on_host_command(self, message: HostCommand) -> None:
        """A teacher's command from a screen: apply it, then show where the game is."""
        message.stop()
        self.host.command(message.name, *message.args)
        self.show_phase()

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
        game = self.game
        phase = game.phase
        if phase == "lobby":
            from quiz.ui.live.lobby import LobbyScreen

            return LobbyScreen(game, self.clock, self.host.url, self.notice)
        if phase == "question":
            from quiz.ui.live.question import QuestionScreen

            return QuestionScreen(game, self.clock)
        if phase == "reveal":
            from quiz.ui.live.reveal import RevealScreen

            return RevealScreen(game, self.clock)
        if phase == "leaderboard":
            from quiz.ui.live.leaderboard import LeaderboardScreen

            return LeaderboardScreen(game, self.clock)
        from quiz.ui.live.end import EndScreen

        return EndScreen(game, self.clock, self.host.game_id)

    def action_end_game(self) -> None:
        """`q`: after a confirmation, end the game for everyone (its results show), or close
        the lobby."""
        from quiz.ui.screens.confirm import ConfirmScreen

        in_lobby = self.game.phase == "lobby"

        def end(yes: bool | None) -> None:
            if not yes:
                return
            if in_lobby:
                self.run_worker(self.action_quit())
            else:
                self.host.command("end")
                self.show_phase()

        if in_lobby:
            dialog = ConfirmScreen("Close the lobby?", "The students who joined are sent home.")
        else:
            dialog = ConfirmScreen(
                "End the game now?",
                "Every student sees the final results; the answers given so far are kept.",
            )
        self.push_screen(dialog, end)

    async def action_quit(self) -> None:
        """Stop serving, then close."""
        await self.host.stop()
        self.exit()
