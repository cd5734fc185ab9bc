"""`quiz join`: the student's app for a live class game, in their own terminal.

The network is `LiveClient`'s (quiz/live/client.py): it joins, passes the host's messages on,
sends answers and reconnects by itself. This app asks the name if it was not given, shows each
message on the student's screen, sends the student's answer, and says why the game ended for
them (a refused name is asked again).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from textual.app import App

from quiz.live.client import Ending, LiveClient, Status
from quiz.ui.live.messages import End, Leaderboard, Question, Result, Reveal, Timer
from quiz.ui.live.student import Answered, LeaveGame, StudentScreen
from quiz.ui.signals import exit_on_signals
from quiz.ui.widgets.answer import SCREEN_HEIGHTS

NAME_PROBLEMS = frozenset({"bad_name", "name_taken", "name_removed"})
"""Refusals the student can put right by typing another name."""
ADVICE = {
    "bad_code": "Check the code on the projector, then run quiz join again.",
    "throttled": "Wait a minute, then run quiz join again with the code on the projector.",
    "full": "Ask your teacher.",
    "version": "This quiz is older or newer than the teacher's: ask your teacher.",
}
"""What to do after the host refuses the student for good, by reason."""
ANSWER_REFUSALS = frozenset({"closed", "late", "bad_answer"})
"""Errors about an answer the host did not take; the game goes on."""


class Client(Protocol):
    """What the app needs of the network client (`quiz.live.client.LiveClient`)."""

    name: str

    async def run(self) -> Ending: ...
    async def answer(self, number: int, response: object) -> bool: ...
    async def close(self) -> None: ...


MakeClient = Callable[..., Client]
"""`LiveClient`'s signature: (address, *, code, name, on_message, on_status)."""


def _int(message: Mapping[str, Any], key: str) -> int:
    value = message.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


class JoinApp(App[None]):
    """A student's screen of one live game."""

    CSS_PATH = Path(__file__).parent.parent / "quiz.tcss"  # the shared dialogs' styles
    TITLE = "quiz join"
    ENABLE_COMMAND_PALETTE = False
    VERTICAL_BREAKPOINTS = SCREEN_HEIGHTS

    def __init__(
        self,
        address: str,
        *,
        code: str,
        name: str | None = None,
        make_client: MakeClient = LiveClient,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.address = address
        self.code = code
        self.first_name = name
        self.make_client = make_client
        self.clock = clock
        self.client: Client | None = None
        self.student: StudentScreen | None = None
        self.refused = False
        """Whether the host refused the student for good (a wrong code, say): exit status 1."""

    def on_load(self) -> None:
        exit_on_signals(self)  # the terminal is restored whatever ends the app

    def on_mount(self) -> None:
        if self.first_name:
            self.join(self.first_name)
        else:
            self.ask_name()

    def ask_name(self, problem: str = "", name: str = "") -> None:
        """Ask the student's name, then join with it (`Escape` leaves)."""
        from quiz.ui.live.name import NameScreen

        def chosen(name: str | None) -> None:
            if name is None:
                self.exit()
            else:
                self.join(name)

        self.push_screen(NameScreen(self.address, problem, name), chosen)

    def join(self, name: str) -> None:
        """Connect and join under `name`; the game shows on the student's screen."""
        self.run_worker(self._play(name), group="client")

    async def _play(self, name: str) -> None:
        screen = StudentScreen(name, self.clock)
        if self.student is None:
            await self.push_screen(screen)
        else:
            await self.switch_screen(screen)
        self.student = screen  # on screen before the first message comes
        client = self.make_client(
            self.address,
            code=self.code,
            name=name,
            on_message=self.host_said,
            on_status=self.connection_changed,
        )
        self.client = client
        ending = await client.run()
        if client is not self.client or ending.reason in ("closed", "ended"):
            return  # the student left, or the end of the game shows
        if ending.reason in NAME_PROBLEMS:
            self.ask_name(ending.message, client.name)
            return
        self.refused = ending.reason != "removed"
        if self.student is not None:
            advice = ADVICE.get(ending.reason, "")
            self.student.show_goodbye(f"{ending.message} {advice}".strip())

    def connection_changed(self, status: Status) -> None:
        """The client's `on_status`: connecting, connected, reconnecting, closed."""
        if self.student is not None:
            self.student.status = status

    def host_said(self, message: Mapping[str, Any]) -> None:
        """The client's `on_message`: show one host message on the student's screen."""
        screen = self.student
        if screen is None:
            return
        kind = message.get("type")
        if kind == "welcome":
            name = message.get("name")
            name = name if isinstance(name, str) and name else screen.student
            title = message.get("title")
            title = title if isinstance(title, str) else ""
            screen.show_welcome(name, title, _int(message, "score"), _int(message, "rank"))
        elif kind == "lobby":
            screen.show_lobby(_int(message, "players"))
        elif kind == "question":
            screen.show_question(Question.read(message))
        elif kind == "timer":
            screen.show_timer(Timer.read(message))
        elif kind == "locked":
            screen.show_locked(_int(message, "number"))
        elif kind == "wait":
            screen.show_wait(_int(message, "number"))
        elif kind == "reveal":
            screen.show_reveal(Reveal.read(message))
        elif kind == "result":
            screen.show_result(Result.read(message))
        elif kind == "leaderboard":
            screen.show_leaderboard(Leaderboard.read(message))
        elif kind == "end":
            screen.show_end(End.read(message))
        elif kind == "error" and message.get("code") == "already_answered":
            screen.show_locked(screen.question.number if screen.question else 0)
        elif kind == "error" and message.get("code") in ANSWER_REFUSALS:
            text = message.get("message")
            screen.show_refused_answer(text if isinstance(text, str) else "")

    async def on_answered(self, message: Answered) -> None:
        """Send the student's answer; when it could not go, they may try again."""
        message.stop()
        client = self.client
        sent = client is not None and await client.answer(message.number, message.response)
        if not sent and self.student is not None:
            self.student.answer_not_sent()

    def on_leave_game(self, message: LeaveGame) -> None:
        """The student leaves (the host keeps their score for when they come back)."""
        message.stop()
        self.exit(return_code=1 if self.refused else 0)

    async def on_unmount(self) -> None:
        if self.client is not None:
            await self.client.close()
