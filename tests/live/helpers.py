"""A live host on its own thread and loop, for tests whose own code is synchronous (Playwright's
browsers) or that run many clients in the test's loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from quiz.engine.live import LiveGame
from quiz.engine.live_recording import LiveRecorder
from quiz.live.server import LiveHost

T = TypeVar("T")


class HostThread:
    """A `LiveHost` serving from a thread; `do` runs a teacher's command in its loop.

    `make` builds the game and its recorder in that thread (SQLite connections stay in the
    thread that opened them)."""

    def __init__(self, make: Callable[[], tuple[LiveGame, LiveRecorder | None]]) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

        async def start() -> LiveHost:
            game, recorder = make()
            host = LiveHost(game, recorder=recorder)
            await host.start()
            return host

        self.host = self.run(start())

    @property
    def url(self) -> str:
        return self.host.url

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(60)

    def do(self, command: Callable[[LiveHost], T]) -> T:
        async def call() -> T:
            return command(self.host)

        return self.run(call())

    def stop(self) -> None:
        async def stop() -> None:
            await self.host.stop()
            if self.host.recorder is not None:
                self.host.recorder.close()

        self.run(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)
        self.loop.close()
