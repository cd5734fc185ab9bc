"""Classroom mode: the game in every student's browser, with `textual-serve`.

Each browser connection runs its own `quiz play` process (its own player, its own game); all of
them write to the one local store, whose WAL mode and busy timeout make that safe. A limit on
simultaneous games keeps a laptop responsive: past it, newcomers get a clear "the class is full"
page instead of everyone's game slowing down.

What the server refuses, and why, is `quiz.webguard`'s rules (shared with every quiz web server)
applied here at the two doors a browser comes in by, the page and its websocket: a websocket
from a page on another site (403), a terminal larger than the limits (clamped), a message larger
than the limit (that connection is closed), a message that is not one the page sends (ignored).
A game whose process dies frees its place at once and tells its browser so.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.http_exceptions import HttpProcessingError
from rich.logging import RichHandler
from textual_serve.app_service import AppService
from textual_serve.server import Server

from quiz.engine.terminal_safety import terminal_safe
from quiz.webguard import (
    MAX_MESSAGE_BYTES,
    OriginGuard,
    announced_url,
    clamp_terminal_size,
    parse_origin,
)

PAGE_FOLDER = Path(__file__).parent / "web"
"""quiz's own game page (`app_index.html`): it says why a game's connection closed."""

DEFAULT_SIZE = (80, 24)
"""The terminal a game gets when its browser does not say a usable size."""

STOPPED = "This game stopped unexpectedly. Reload the page to start a new one."
FULL = "The class is full; try again soon."

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


class TeachersLog(logging.Filter):
    """What the server logs, as the teacher's terminal may show it: one rule for every record.

    Requests carry text a student chose (a path, a browser name, an Origin): every message is
    made terminal-safe (no escape sequence reaches the teacher's terminal). A request so
    malformed that aiohttp refuses it is one line saying so, not a traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            reason = (error.message or type(error).__name__).splitlines()[0].strip(" :")
            record.msg, record.args = (
                "refused a malformed request (%s): %s",
                (
                    record.getMessage().rsplit(" ", 1)[-1],
                    reason,
                ),
            )
            record.exc_info = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg, record.args = terminal_safe(record.getMessage(), multiline=True), ()
        return True


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


def browser_message(text: str) -> tuple[str, Any] | None:
    """A message from the game page, as (kind, data), or None if it is not one the page sends.

    The page sends JSON lists: `["stdin", text]`, `["resize", {"width": w, "height": h}]`,
    `["ping", text]`, `["blur"]`, `["focus"]`. Anything else is ignored, never an error.
    """
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind in ("stdin", "ping") and isinstance(data, str):
        return kind, data
    if kind == "resize" and isinstance(data, dict):
        size = clamp_terminal_size(data.get("width"), data.get("height"))
        return None if size is None else (kind, size)
    if kind in ("blur", "focus"):
        return kind, None
    return None


class GameProcess(AppService):
    """textual-serve's game process, which says when it has ended, however it ended."""

    def __init__(self, *args: Any, on_end: Callable[[], Awaitable[None]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_end = on_end

    async def run(self) -> None:
        """Relay the game's output to the browser until it ends; then say it has ended."""
        try:
            await super().run()
        finally:
            await self.on_end()


class Places:
    """The games running at once, up to a limit; each place is freed once, however it ends."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.taken = 0

    @property
    def full(self) -> bool:
        return self.taken >= self.limit

    def take(self) -> Callable[[], None]:
        """Take a place; return the function that frees it (calling it again does nothing)."""
        self.taken += 1
        log.info("game started (%d running)", self.taken)
        freed = False

        def free() -> None:
            nonlocal freed
            if not freed:
                freed = True
                self.taken -= 1
                log.info("game ended (%d running)", self.taken)

        return free


class QuizServer(Server):
    """textual-serve's server, with a limit on the games running at once and the web guard."""

    def __init__(
        self, command: str, *, host: str, port: int, max_games: int, public_url: str | None = None
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="quiz",
            public_url=public_url,
            templates_path=PAGE_FOLDER,
        )
        self.places = Places(max_games)
        self.fixed_url = public_url
        self.public_url = announced_url(host, port, public_url)
        self.guard = OriginGuard(host, port, public_url)

    def _full(self) -> web.Response:
        page = FULL_PAGE.format(running=self.places.taken, limit=self.places.limit)
        return web.Response(
            text=page, status=503, content_type="text/html", headers={"Retry-After": "20"}
        )

    async def handle_index(self, request: web.Request) -> Any:
        """The game page, or the "class is full" page when no place is free."""
        if self.places.full:
            return self._full()
        # The page tells the browser where to open its websocket: the address the browser used
        # (a server on 0.0.0.0 is reached at the teacher's network address, not at 0.0.0.0).
        self.public_url = self.fixed_url or f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    def _refuse_foreign_page(self, request: web.Request) -> None:
        """403 for a websocket opened by a page that this server did not serve."""
        origin = request.headers.get("Origin")
        refusal = self.guard.refusal(origin)
        if refusal is None:
            return
        hint = ""
        if (page := parse_origin(origin or "")) is not None:
            hint = (
                f" (if students open the game at {page}, start quiz serve with --public-url {page})"
            )
        log.warning("refused a game from %r: %s%s", origin, refusal, hint)
        raise web.HTTPForbidden(text="quiz: this page may not start a game on this server\n")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Start a game for this browser, unless every place is taken (then say so, and close)."""
        self._refuse_foreign_page(request)
        width, height = (
            clamp_terminal_size(request.query.get("width"), request.query.get("height"))
            or DEFAULT_SIZE
        )
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        await websocket.prepare(request)
        if self.places.full:
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=FULL.encode())
            return websocket
        free_place = self.places.take()

        async def end() -> None:
            """The game's process has ended: free its place at once, and tell the browser why."""
            free_place()
            if not websocket.closed:  # a game that ends by itself has closed its page already
                await websocket.close(code=WSCloseCode.INTERNAL_ERROR, message=STOPPED.encode())

        game = GameProcess(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
            on_end=end,
        )
        try:
            await game.start(width, height)
            await self._process_messages(websocket, game)
        except asyncio.CancelledError:
            await websocket.close()
        except ConnectionError:
            pass  # the browser went away mid-message
        except Exception:
            log.exception("a game's connection failed")
        finally:
            await game.stop()
            free_place()  # in case the game never started
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, game: AppService) -> None:
        """Pass what the browser sends to its game; what the page never sends is ignored."""
        async for received in websocket:
            if received.type != WSMsgType.TEXT:
                continue
            message = browser_message(received.data)
            if message is None:
                log.debug("ignored a message that is not the game page's: %.60r", received.data)
                continue
            kind, data = message
            if kind == "stdin":
                await game.send_bytes(data.encode("utf-8", errors="replace"))
            elif kind == "resize":
                await game.set_terminal_size(*data)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await game.blur()
            elif kind == "focus":
                await game.focus()

    def initialize_logging(self) -> None:
        """textual-serve's log on the console, through `TeachersLog` (and no local variables in
        tracebacks: they would show what students sent)."""
        handler = RichHandler(
            show_path=False, show_time=False, rich_tracebacks=True, console=self.console
        )
        handler.addFilter(TeachersLog())
        logging.basicConfig(
            level="DEBUG" if self.debug else "INFO", format="%(message)s", handlers=[handler]
        )

    async def on_startup(self, app: web.Application) -> None:
        """Say where to point the browsers (instead of textual-serve's banner)."""
        self.console.print(
            f"quiz is being served at {self.public_url}", markup=False, highlight=False
        )
        self.console.print(
            f"at most {self.places.limit} games at once; Ctrl+C stops the server",
            markup=False,
            highlight=False,
        )
