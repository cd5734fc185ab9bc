"""The network side of `quiz join`: connects to a live game, joins, passes the host's messages
on, sends answers, and reconnects by itself (rejoining with its token) when the connection
drops. The student's terminal app (quiz/ui/live/) shows the messages; this module shows nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import aiohttp

from quiz.engine.live_messages import PROTOCOL_VERSION
from quiz.live.protocol import encode

Status = Literal["connecting", "connected", "reconnecting", "closed"]
MAX_INBOUND = 1 << 20
"""The largest message accepted from a host, in bytes."""
PING_SECONDS = 15.0
"""How often a connected client says it is still there."""
RETRY_SECONDS = (0.5, 1.0, 2.0, 3.0, 5.0)
"""Waits between reconnection attempts (the last one repeats)."""
CONNECT_SECONDS = 10.0
"""How long one connection attempt may take."""
FINAL_ERRORS = frozenset(
    {
        "bad_code",
        "throttled",
        "bad_name",
        "name_taken",
        "name_removed",
        "full",
        "ended",
        "version",
        "replaced",
    }
)
"""Errors after which reconnecting cannot help: the student must change something."""


class AddressError(ValueError):
    """An address that is not `http://HOST:PORT` or `HOST:PORT`."""


@dataclass(frozen=True)
class Ending:
    """Why `LiveClient.run` returned: `ended` (the game is over), `removed`, `closed` (the
    client was closed), or one of the protocol's error codes (`bad_code`, `name_taken`, ...),
    with a sentence for the student."""

    reason: str
    message: str


def websocket_url(address: str) -> str:
    """The game's WebSocket URL from an address as the lobby shows it (`http://HOST:PORT`) or
    typed short (`HOST:PORT`); raises AddressError when it is neither."""
    text = address.strip()
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
        raise AddressError(f"'{address}' is not an address like http://192.168.1.20:8765")
    try:
        port = parts.port
    except ValueError:
        raise AddressError(f"'{address}' has no valid port") from None
    if port is None:
        raise AddressError(f"'{address}' needs a port, like http://192.168.1.20:8765")
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{scheme}://{host}:{port}/ws"


class LiveClient:
    """One student's connection to a live game.

    `on_message` gets each message from the host (a dict with a `type`, see docs/protocol.md);
    `on_status` gets the connection's state as it changes. Both are called in the loop that
    runs `run()`.
    """

    def __init__(
        self,
        address: str,
        *,
        code: str,
        name: str,
        on_message: Callable[[dict[str, Any]], None],
        on_status: Callable[[Status], None] | None = None,
        token: str | None = None,
    ) -> None:
        self.url = websocket_url(address)
        self.code = code
        self.name = name
        self.token = token
        self.on_message = on_message
        self.on_status = on_status
        self.status: Status = "closed"
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._closing = asyncio.Event()

    async def run(self) -> Ending:
        """Connect, join and pass messages on, reconnecting after each drop, until the game
        ends, the host refuses the student for good, or `close()` is called."""
        attempt = 0
        async with aiohttp.ClientSession() as session:
            while not self._closing.is_set():
                self._set_status("connecting" if attempt == 0 else "reconnecting")
                try:
                    ending = await self._connect_once(session)
                except (aiohttp.ClientError, OSError, TimeoutError):
                    ending = None
                if ending is not None:
                    self._set_status("closed")
                    return ending
                if self._closing.is_set():
                    break
                if self.status == "connected":
                    attempt = 0  # it worked for a while: start the waits again from the shortest
                wait = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                attempt += 1
                self._set_status("reconnecting")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), wait)
        self._set_status("closed")
        return Ending("closed", "You left the game.")

    async def answer(self, number: int, response: object) -> bool:
        """Send an answer to question `number` (see docs/protocol.md for each kind's
        response); False when there is no connection to send it on."""
        return await self._send({"type": "answer", "number": number, "response": response})

    async def close(self) -> None:
        """Leave the game: close the connection and make `run()` return."""
        self._closing.set()
        if self._socket is not None:
            await self._socket.close()

    async def _send(self, message: dict[str, Any]) -> bool:
        socket = self._socket
        if socket is None or socket.closed:
            return False
        try:
            await socket.send_str(encode(message))
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            return False
        return True

    async def _connect_once(self, session: aiohttp.ClientSession) -> Ending | None:
        """One connection, from joining until it drops (None) or ends for good (an Ending)."""
        timeout = aiohttp.ClientWSTimeout(ws_close=5.0)
        async with session.ws_connect(
            self.url,
            max_msg_size=MAX_INBOUND,
            timeout=timeout,
            autoping=True,
        ) as socket:
            self._socket = socket
            pinger = asyncio.create_task(self._ping_forever())
            try:
                join = {
                    "type": "join",
                    "protocol": PROTOCOL_VERSION,
                    "code": self.code,
                    "name": self.name,
                    "token": self.token,
                }
                await socket.send_str(encode(join))
                return await self._read(socket)
            finally:
                pinger.cancel()
                self._socket = None

    async def _read(self, socket: aiohttp.ClientWebSocketResponse) -> Ending | None:
        async for frame in socket:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            try:
                message = json.loads(frame.data)
            except ValueError:
                continue
            if not isinstance(message, dict) or not isinstance(message.get("type"), str):
                continue
            kind = message["type"]
            if kind == "welcome":
                self.token = message.get("token") or self.token
                self.name = message.get("name") or self.name
                self._set_status("connected")
            if kind != "pong":
                self.on_message(message)
            if kind == "error" and message.get("code") in FINAL_ERRORS:
                return Ending(str(message["code"]), str(message.get("message", "")))
            if kind == "removed":
                return Ending("removed", str(message.get("message", "")))
            if kind == "end":
                return Ending("ended", "The game is over.")
        return None

    async def _ping_forever(self) -> None:
        while True:
            await asyncio.sleep(PING_SECONDS)
            await self._send({"type": "ping"})

    def _set_status(self, status: Status) -> None:
        if status != self.status:
            self.status = status
            if self.on_status is not None:
                self.on_status(status)
