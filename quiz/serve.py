"""Classroom mode: the game in every student's browser, with `textual-serve`.

Each browser connection runs its own `quiz play` process (its own player, its own game); all of
them write to the one local store, whose WAL mode and busy timeout make that safe. A limit on
simultaneous games keeps a laptop responsive: past it, newcomers get a clear "the class is full"
page instead of everyone's game slowing down.
"""

from __future__ import annotations

import logging
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

FULL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>quiz: the class is full</title>
<meta http-equiv="refresh" content="20">
<style>body{{font-family:system-ui,sans-serif;background:#12232d;color:#eee;display:flex;
align-items:center;justify-content:center;height:100vh;margin:0}}main{{max-width:34em;padding:2em}}
</style></head><body><main><h1>The class is full</h1>
<p>{running} games are being played, the most this computer is set to run at once
({limit}).</p><p>This page tries again by itself every 20 seconds; your game starts as soon as
a place is free.</p></main></body></html>"""

log = logging.getLogger("quiz.serve")


def play_command(
    paths: Sequence[Path], bank: str | None, topics: Sequence[str], count: int | None
) -> str:
    """The command each browser's game runs: `quiz play` with the teacher's choices."""
    parts = [sys.executable, "-m", "quiz", "play", *[str(p.resolve()) for p in paths]]
    if bank:
        parts += ["--bank", bank]
    for topic in topics:
        parts += ["--topic", topic]
    if count is not None:
        parts += ["--count", str(count) if count else "all"]
    return shlex.join(parts)


class QuizServer(Server):
    """textual-serve's server, with a limit on the games running at once."""

    def __init__(
        self, command: str, *, host: str, port: int, max_games: int, public_url: str | None = None
    ) -> None:
        super().__init__(command, host=host, port=port, title="quiz", public_url=public_url)
        self.max_games = max_games
        self.running = 0
        self.fixed_url = public_url

    def _full(self) -> web.Response:
        page = FULL_PAGE.format(running=self.running, limit=self.max_games)
        return web.Response(
            text=page, status=503, content_type="text/html", headers={"Retry-After": "20"}
        )

    async def handle_index(self, request: web.Request) -> Any:
        """The game page, or the "class is full" page when no place is free."""
        if self.running >= self.max_games:
            return self._full()
        # The page tells the browser where to open its websocket: the address the browser used
        # (a server on 0.0.0.0 is reached at the teacher's network address, not at 0.0.0.0).
        self.public_url = self.fixed_url or f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Start a game for this browser, unless every place is taken (then say so, and close)."""
        if self.running >= self.max_games:
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.close(code=1013, message=b"The class is full; try again soon.")
            return websocket
        self.running += 1
        log.info("game started (%d running)", self.running)
        try:
            return await super().handle_websocket(request)
        finally:
            self.running -= 1
            log.info("game ended (%d running)", self.running)

    async def on_startup(self, app: web.Application) -> None:
        """Say where to point the browsers (instead of textual-serve's banner)."""
        self.console.print(
            f"quiz is being served at {self.public_url}", markup=False, highlight=False
        )
        self.console.print(
            f"at most {self.max_games} games at once; Ctrl+C stops the server",
            markup=False,
            highlight=False,
        )
