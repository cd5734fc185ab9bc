"""The live game's server: a thin aiohttp layer over `LiveGame`, running in the caller's loop.

`LiveHost` serves the students' web page at `/` and the WebSocket at `/ws` (docs/protocol.md).
It turns each device's frames into the game's network events (`join`, `answer`, `disconnect`;
nothing else: the teacher's commands are its own methods, called by the host's terminal), sends
the game's messages, ticks the game's clock, and has the store recorder keep every answer and
the game's state as they happen. What it refuses from the network (pages of other sites, big
frames) follows `quiz.webguard`, the rules every quiz web server shares. Each device has a bounded queue of messages to send, drained by
its own task, so one slow phone never holds up the class.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Final

from aiohttp import WSCloseCode, WSMsgType, web

from quiz.engine.live import LiveGame
from quiz.engine.live_messages import ErrorCode, error
from quiz.engine.live_recording import LiveRecorder
from quiz.engine.live_state import Outbound
from quiz.live.protocol import (
    MAX_FRAME,
    Answer,
    Join,
    Ping,
    ProtocolError,
    encode,
    read_client_message,
)
from quiz.webguard import OriginGuard, browser_url

TICK_SECONDS = 0.2
"""How often the game's clock is checked (a question closes at most this late)."""
HEARTBEAT_SECONDS = 20.0
"""How often the host pings each device at the WebSocket level (a browser answers by itself,
even in a background tab whose scripts are slowed); a device that does not answer within half
of it is gone, and disconnected."""
SEND_QUEUE = 256
"""Messages waiting for one device; a device that falls this far behind is disconnected."""
MAX_CONNECTIONS = 600
"""Open WebSockets at once (a school hall, with room for reconnections)."""
LOBBY_SECONDS = 0.25
"""The lobby's player count goes out at most this often."""
MAX_BAD_MESSAGES = 20
"""Invalid frames a device may send before it is disconnected."""
WEB_FILES: Final = {
    "index.html": "text/html",
    "app.js": "text/javascript",
    "style.css": "text/css",
}
SECURITY_HEADERS: Final = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_CLOSE: Final = object()

log = logging.getLogger("quiz.live")


class LiveHostError(Exception):
    """The server cannot start (the port is taken, say); the message says why."""


@dataclass(eq=False)
class _Device:
    """One open WebSocket and the messages waiting to be sent to it."""

    id: str
    socket: web.WebSocketResponse
    address: str
    queue: asyncio.Queue[str | object] = field(default_factory=lambda: asyncio.Queue(SEND_QUEUE))
    """Texts to send, in order; `_CLOSE`; or a future to wait for before sending more."""
    writer: asyncio.Task[None] | None = None
    bad_messages: int = 0


class LiveHost:
    """The live game on the network, in the running asyncio loop (the host app's)."""

    def __init__(
        self,
        game: LiveGame,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        recorder: LiveRecorder | None = None,
        on_change: Callable[[], None] | None = None,
        public_url: str | None = None,
    ) -> None:
        self.game = game
        self.public_url = public_url
        """The address students open when the host cannot know it (a school DNS name, an HTTPS
        proxy): shown as `url`, and pages there may connect (`quiz.webguard.OriginGuard`)."""
        self.host = host
        self.port = port
        self.recorder = recorder
        self.on_change = on_change
        self._devices: dict[str, _Device] = {}
        self._ids = (f"d{n}" for n in itertools.count(1))
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._change_pending = False
        self._lobby: dict[str, object] | None = None
        self._lobby_timer: asyncio.TimerHandle | None = None
        self._pages = {name: _read_web_file(name) for name in WEB_FILES}
        self._guard: OriginGuard | None = None

    @property
    def url(self) -> str:
        """The address students open, as the lobby shows it: `http://HOST:PORT` (the
        computer's network address when serving to the whole network)."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = lan_address()
        return browser_url(host, self.port)

    @property
    def game_id(self) -> int | None:
        """The live game's id in the store (for `quiz report --game ID`), None when unsaved."""
        return self.recorder.live_game_id if self.recorder else None

    def now(self) -> float:
        """The host's clock: the loop's monotonic time."""
        return asyncio.get_running_loop().time()

    async def start(self) -> None:
        """Record the game, listen, and start the clock; raises LiveHostError when the address
        cannot be used."""
        if self.recorder is not None and self.recorder.live_game_id is None:
            self.recorder.begin(self.game, self.now())
        app = web.Application(client_max_size=MAX_FRAME)
        app.router.add_get("/", self._index)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/ws", self._websocket)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as problem:
            await self._runner.cleanup()
            self._runner = None
            reason = problem.strerror or str(problem)
            raise LiveHostError(f"cannot listen on {self.host}:{self.port}: {reason}") from None
        bound = self._runner.addresses[0]
        self.port = int(bound[1])
        self.game.address = (self.host, self.port)  # where `quiz host --resume` listens again
        if self.recorder is not None:
            self.recorder.save(self.game, self.now(), force=True)
        self._guard = OriginGuard(self.host, self.port, self.public_url)
        self._ticker = asyncio.create_task(self._tick_forever())

    async def stop(self) -> None:
        """Save the game's state, close every connection and stop listening."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        if self._lobby_timer is not None:
            self._lobby_timer.cancel()
        if self.recorder is not None:
            self.recorder.save(self.game, self.now(), force=True)
            self.recorder.flush()
        for device in list(self._devices.values()):
            await device.socket.close(code=WSCloseCode.GOING_AWAY, message=b"the host stopped")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # The teacher's commands: the host's terminal calls these; no network message can.

    def start_game(self) -> None:
        """Leave the lobby for the first question."""
        self._apply(self.game.start(self.now()))

    def pause(self) -> None:
        """Stop the countdown."""
        self._apply(self.game.pause(self.now()))

    def resume(self) -> None:
        """Restart the countdown."""
        self._apply(self.game.resume(self.now()))

    def add_time(self, seconds: float) -> None:
        """Give the open question more time."""
        self._apply(self.game.add_time(seconds, self.now()))

    def close_question(self) -> None:
        """End the open question now and reveal its answer."""
        self._apply(self.game.close_question(self.now()))

    def advance(self) -> None:
        """Reveal → leaderboard → next question (→ end after the last reveal)."""
        self._apply(self.game.advance(self.now()))

    def remove(self, name: str) -> None:
        """Take a player out of the game."""
        self._apply(self.game.remove(name, self.now()))

    def end_game(self) -> None:
        """End the game now."""
        self._apply(self.game.end(self.now()))

    # The machinery.

    def _apply(self, outbound: list[Outbound]) -> None:
        """Send the game's messages, keep its state, and tell the screen it changed."""
        for out in outbound:
            if out.to is None and out.message["type"] == "lobby":
                self._lobby_later(out.message)
                continue
            text = encode(out.message)  # once, however many devices it goes to
            targets = [out.to] if out.to is not None else self.game.connection_ids()
            for target in targets:
                device = self._devices.get(target)
                if device is not None:
                    self._queue(device, text)
                    if out.close:
                        self._queue(device, _CLOSE)
        if self.recorder is not None:
            self.recorder.save(self.game, self.now())
        if not self._change_pending and self.on_change is not None:
            self._change_pending = True
            asyncio.get_running_loop().call_soon(self._notify)

    def _lobby_later(self, message: dict[str, object]) -> None:
        """The lobby's count goes to everyone at most every `LOBBY_SECONDS`: a class joining in
        the same minute is not three hundred times three hundred messages."""
        self._lobby = message
        if self._lobby_timer is None:
            self._lobby_timer = asyncio.get_running_loop().call_later(
                LOBBY_SECONDS, self._send_lobby
            )

    def _send_lobby(self) -> None:
        self._lobby_timer = None
        message, self._lobby = self._lobby, None
        if message is not None and self.game.phase == "lobby":
            text = encode(message)
            for target in self.game.connection_ids():
                device = self._devices.get(target)
                if device is not None:
                    self._queue(device, text)

    def _notify(self) -> None:
        self._change_pending = False
        if self.on_change is not None:
            self.on_change()

    def _queue(self, device: _Device, item: str | object) -> None:
        """Add a text (or `_CLOSE`, or a future to wait for) to a device's queue."""
        try:
            device.queue.put_nowait(item)
        except asyncio.QueueFull:
            log.info("%s fell behind; disconnecting it", device.id)
            device.queue = asyncio.Queue(1)
            device.queue.put_nowait(_CLOSE)

    async def _write_forever(self, device: _Device) -> None:
        """Send a device's messages in order; close it when asked to."""
        while True:
            item = await device.queue.get()
            if isinstance(item, asyncio.Future):
                await item
                continue
            if item is _CLOSE or device.socket.closed:
                await device.socket.close()
                return
            assert isinstance(item, str)
            try:
                await device.socket.send_str(item)
            except (ConnectionError, RuntimeError):
                return

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(TICK_SECONDS)
            outbound = self.game.tick(self.now())
            if outbound:
                self._apply(outbound)
            elif self.recorder is not None:
                self.recorder.save(self.game, self.now())  # a change that waited its turn

    async def _index(self, request: web.Request) -> web.Response:
        return self._page("index.html")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in WEB_FILES or name == "index.html":
            raise web.HTTPNotFound()
        return self._page(name)

    def _page(self, name: str) -> web.Response:
        return web.Response(
            body=self._pages[name],
            content_type=WEB_FILES[name],
            charset="utf-8",
            headers=SECURITY_HEADERS,
        )

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        refusal = self._guard.refusal(origin) if self._guard else "the game is not served yet"
        if refusal is not None:  # a page of another site (or another name for this computer)
            log.warning("refused a device from %r: %s", origin, refusal)
            raise web.HTTPForbidden(text="This game only takes connections from its own page.")
        if len(self._devices) >= MAX_CONNECTIONS:
            raise web.HTTPServiceUnavailable(text="The game is full.")
        # No per-message compression: the messages are small, and compressing each broadcast
        # once per browser costs the host more than it saves on a school network.
        websocket = web.WebSocketResponse(
            max_msg_size=MAX_FRAME, heartbeat=HEARTBEAT_SECONDS, compress=False
        )
        await websocket.prepare(request)
        device = _Device(next(self._ids), websocket, request.remote or "")
        self._devices[device.id] = device
        device.writer = asyncio.create_task(self._write_forever(device))
        try:
            await self._read_forever(device)
        finally:
            del self._devices[device.id]
            self._apply(self.game.disconnect(device.id, self.now()))
            if not websocket.closed:
                await websocket.close()
            device.writer.cancel()
        return websocket

    async def _read_forever(self, device: _Device) -> None:
        """Turn a device's frames into the game's events until it closes or misbehaves."""
        websocket = device.socket
        while not websocket.closed:
            frame = await websocket.receive()
            if frame.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            if frame.type == WSMsgType.ERROR:
                return  # a frame over the size limit: aiohttp closes with 1009
            if frame.type != WSMsgType.TEXT:
                self._refuse(device, "bad_message", "Send text frames of JSON.")
                continue
            try:
                message = read_client_message(frame.data)
            except ProtocolError as problem:
                self._refuse(device, problem.code, str(problem))
                continue
            now = self.now()
            if isinstance(message, Join):
                self._apply(
                    self.game.join(
                        device.id, message.code, message.name, message.token, now, device.address
                    )
                )
            elif isinstance(message, Answer):
                outbound = self.game.answer(device.id, message.number, message.response, now)
                if self.recorder is not None:
                    # Nothing this device is sent next (`locked` first) leaves before its
                    # answer is committed: a student never sees an answer locked that a
                    # crash of the host could still lose. Other devices do not wait.
                    self._queue(device, asyncio.wrap_future(self.recorder.committed()))
                self._apply(outbound)
            elif isinstance(message, Ping):
                self._queue(device, encode({"type": "pong"}))
            if device.bad_messages > MAX_BAD_MESSAGES:
                return

    def _refuse(self, device: _Device, code: ErrorCode, text: str) -> None:
        device.bad_messages += 1
        self._queue(device, encode(error(code, text)))
        if device.bad_messages > MAX_BAD_MESSAGES:
            self._queue(device, _CLOSE)


def lan_address() -> str:
    """This computer's address on the local network (where students point their devices when
    the host serves to the whole network); 127.0.0.1 when there is no network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def _read_web_file(name: str) -> bytes:
    return resources.files("quiz.live").joinpath("web", name).read_bytes()
