"""A live game in the test's process and the student app's client wired to it without sockets:
the app gets exactly the messages the host would send it, and its answers reach the game."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from quiz.engine.live import LiveGame
from quiz.engine.live_state import Outbound
from quiz.engine.session import Asked
from quiz.live.client import FINAL_ERRORS, Ending, Status
from quiz.ui.live.join import JoinApp
from tests.ui.helpers import FakeClock
from tests.ui.live.conftest import CODE, URL, demo_asked


class WiredClient:
    """`LiveClient`'s part the app sees, joined to the classroom's game directly."""

    def __init__(
        self,
        room: Classroom,
        *,
        code: str,
        name: str,
        on_message: Callable[[dict[str, Any]], None],
        on_status: Callable[[Status], None],
    ) -> None:
        self.room = room
        self.code = code
        self.name = name
        self.on_message = on_message
        self.on_status = on_status
        self.connection = f"device-{name}"
        self.connected = False
        self.token: str | None = None
        self.answers: list[tuple[int, object]] = []
        self._ending: asyncio.Future[Ending] | None = None

    async def run(self) -> Ending:
        self._ending = asyncio.get_running_loop().create_future()
        self.on_status("connecting")
        self.room.clients[self.connection] = self
        self.room.deliver(self.room.game.join(self.connection, self.code, self.name, None, 0.0))
        ending = await self._ending
        self.on_status("closed")
        return ending

    def receive(self, message: Mapping[str, Any]) -> None:
        """A message from the host, as `LiveClient._read` passes it on."""
        kind = message["type"]
        if kind == "welcome":
            self.name = message["name"]
            self.token = message["token"]
            self.connected = True
            self.on_status("connected")
        self.on_message(dict(message))
        if kind == "error" and message["code"] in FINAL_ERRORS:
            self.finish(Ending(message["code"], message["message"]))
        elif kind == "removed":
            self.finish(Ending("removed", message["message"]))
        elif kind == "end":
            self.finish(Ending("ended", "The game is over."))

    def finish(self, ending: Ending) -> None:
        self.room.clients.pop(self.connection, None)
        if self._ending is not None and not self._ending.done():
            self._ending.set_result(ending)

    def drop(self) -> None:
        """The connection is lost for a while."""
        self.connected = False
        self.room.game.disconnect(self.connection, self.room.clock())
        self.on_status("reconnecting")

    def reconnect(self) -> None:
        """The connection is back: join again with the token, as `LiveClient` does."""
        self.on_status("reconnecting")
        self.room.clients[self.connection] = self
        self.room.deliver(
            self.room.game.join(
                self.connection, self.code, self.name, self.token, self.room.clock()
            )
        )

    async def answer(self, number: int, response: object) -> bool:
        if not self.connected:
            return False
        self.answers.append((number, response))
        self.room.deliver(
            self.room.game.answer(self.connection, number, response, self.room.clock())
        )
        return True

    async def close(self) -> None:
        self.finish(Ending("closed", "You left the game."))


class Classroom:
    """The game, the teacher's commands and other students, around one student app."""

    def __init__(self, asked: list[Asked] | None = None) -> None:
        self.clock = FakeClock()
        self.game = LiveGame(asked or demo_asked(), code=CODE, title="Demo bank for the tests")
        self.clients: dict[str, WiredClient] = {}

    def app(self, name: str | None = "Ann", code: str = CODE) -> JoinApp:
        return JoinApp(URL, code=code, name=name, make_client=self.make_client, clock=self.clock)

    def make_client(self, address: str, **options: Any) -> WiredClient:
        assert address == URL
        return WiredClient(self, **options)

    def client(self, name: str = "Ann") -> WiredClient:
        return self.clients[f"device-{name}"]

    def deliver(self, outbound: list[Outbound]) -> None:
        for out in outbound:
            targets = [out.to] if out.to is not None else self.game.connection_ids()
            for target in targets:
                client = self.clients.get(target)
                if client is not None:
                    client.receive(out.message)

    def join(self, *names: str) -> None:
        """Other students join (on devices the test does not watch)."""
        for name in names:
            self.deliver(self.game.join(f"other-{name}", CODE, name, None, self.clock()))

    def answer(self, name: str, response: object) -> None:
        """Another student answers."""
        self.deliver(self.game.answer(f"other-{name}", self.game.number, response, self.clock()))

    def teacher(self, command: str, *args: object) -> None:
        """The teacher's command (`start`, `pause`, `close_question`, `advance`...)."""
        self.deliver(getattr(self.game, command)(*args, self.clock()))

    def tick(self, now: float) -> None:
        self.clock.now = now
        self.deliver(self.game.tick(now))

    def skip_to(self, number: int) -> None:
        """Close questions with nobody answering until question `number` is open."""
        while not (self.game.phase == "question" and self.game.number == number):
            if self.game.phase == "lobby":
                self.teacher("start")
            elif self.game.phase == "question":
                self.teacher("close_question")
            else:
                self.teacher("advance")
