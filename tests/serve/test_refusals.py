"""What a real `quiz serve` refuses, over real websockets on loopback (no browser needed).

Another web page's connection, a terminal too big, a message too big or malformed, a game whose
process died: each is met by a clear refusal or message, and the server goes on serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import urllib.request
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import aiohttp

from tests.serve.conftest import Served, screen_text

WAIT = 60.0
CLOSED = (
    aiohttp.WSMsgType.CLOSE,
    aiohttp.WSMsgType.CLOSING,
    aiohttp.WSMsgType.CLOSED,
    aiohttp.WSMsgType.ERROR,
)
MOVE_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")


class Game:
    """One websocket game, as a script (or another web page) would drive it."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.packets: list[bytes] = []
        self.closed: aiohttp.WSMessage | None = None

    async def until(self, word: str) -> None:
        """Read what the server sends until `word` is on the screen; fail if the game closes."""
        async with asyncio.timeout(WAIT):
            while word not in screen_text(self.packets):
                if await self.receive() is not None:
                    raise AssertionError(f"closed ({self.closed}) waiting for {word!r}")

    async def until_closed(self) -> aiohttp.WSMessage:
        """Read until the server closes the connection; return the closing message."""
        async with asyncio.timeout(WAIT):
            while (closed := await self.receive()) is None:
                pass
            return closed

    async def settle(self) -> None:
        """Read until the game has drawn everything it had to (a second without output)."""
        async with asyncio.timeout(WAIT):
            with contextlib.suppress(TimeoutError):
                while True:
                    async with asyncio.timeout(1):
                        if await self.receive() is not None:
                            return

    async def receive(self) -> aiohttp.WSMessage | None:
        """One message: screen output is kept; the closing message is returned (else None)."""
        message = await self.websocket.receive(timeout=WAIT)
        if message.type == aiohttp.WSMsgType.BINARY:
            self.packets.append(message.data)
        elif message.type in CLOSED:
            self.closed = message
            return message
        return None

    async def send(self, *message: object) -> None:
        await self.websocket.send_str(json.dumps(list(message)))

    def rows_and_columns(self) -> tuple[int, int]:
        """The furthest row and column the game moved the cursor to: the size it drew for."""
        moves = [(int(row), int(column)) for row, column in MOVE_TO.findall(b"".join(self.packets))]
        assert moves, "the game drew nothing"
        return max(row for row, _ in moves), max(column for _, column in moves)


@asynccontextmanager
async def game(
    served: Served, query: str = "width=80&height=24", **headers: str
) -> AsyncIterator[Game]:
    url = served.url.replace("http", "ws") + "/ws?" + query
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, headers=headers, max_msg_size=0) as websocket,
    ):
        yield Game(websocket)


def refused_status(served: Served, **headers: str) -> int | None:
    """The HTTP status the websocket handshake is refused with, or None when it is accepted."""

    async def connect() -> int | None:
        try:
            async with game(served, **headers) as connected:
                await connected.until("Your name")
                return None
        except aiohttp.WSServerHandshakeError as error:
            return error.status

    return asyncio.run(connect())


def index_status(served: Served) -> int:
    try:
        with urllib.request.urlopen(served.url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


async def until_index_status(served: Served, status: int) -> None:
    async with asyncio.timeout(WAIT):
        while await asyncio.to_thread(index_status, served) != status:
            await asyncio.sleep(0.2)


# --- 3: only pages from this server may start a game ----------------------------------------


def test_a_page_from_another_site_is_refused(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2")
    for origin in (
        "http://evil.example",
        f"http://evil.example:{served.port}",
        "null",
        f"https://127.0.0.1:{served.port}",
        "http://127.0.0.1:1",
        f"http://10.1.2.3:{served.port}",
    ):
        assert refused_status(served, Origin=origin) == 403, origin
    refusals = [line for line in served.log().splitlines() if "refused a game from" in line]
    assert len(refusals) == 6
    assert "evil.example" in refusals[0]
    assert "--public-url http://evil.example" in refusals[0]  # what to do, if it was no attack
    assert served.query("SELECT COUNT(*) FROM games") == [(0,)]


def test_pages_from_this_server_and_programs_play(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2")
    for origin in (
        served.url,
        f"http://localhost:{served.port}",
        f"HTTP://LocalHost:{served.port}",
    ):
        assert refused_status(served, Origin=origin) is None, origin
    assert refused_status(served) is None  # no Origin: a program, not a web page


def test_the_public_url_is_this_server(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2", "--public-url", "https://quiz.school.example")
    assert refused_status(served, Origin="https://quiz.school.example") is None
    assert refused_status(served, Origin="http://quiz.school.example") == 403


# --- 4: the browser's terminal size and messages are bounded --------------------------------


def test_a_huge_terminal_is_clamped_on_connect_and_on_resize(
    serve: Callable[..., Served],
) -> None:
    served = serve("--count", "2")

    async def scenario() -> None:
        async with game(served, "width=400&height=150") as huge:
            await huge.until("Your name")
            await huge.settle()
            rows, columns = huge.rows_and_columns()
            assert rows <= 100 and columns <= 300
        async with game(served) as resized:
            await resized.until("Your name")
            resized.packets.clear()
            await resized.send("resize", {"width": 5000, "height": 5000})
            await resized.until("Your name")
            await resized.settle()
            rows, columns = resized.rows_and_columns()
            assert 24 < rows <= 100 and 80 < columns <= 300

    asyncio.run(scenario())


def test_garbage_messages_are_ignored_and_the_game_goes_on(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2")

    async def scenario() -> None:
        async with game(served, "width=abc&height=-7") as connected:
            await connected.until("Your name")
            for garbage in (
                "not json",
                "{}",
                "[]",
                '["resize"]',
                '["resize", {"width": "wide", "height": null}]',
                '["resize", {"width": true, "height": 1e999}]',
                '["resize", [1, 2]]',
                '["stdin", 42]',
                '["ping"]',
                '["what", 1]',
                '"stdin"',
                "[" * 10_000,
            ):
                await connected.websocket.send_str(garbage)
            await connected.websocket.send_bytes(b"\x00\xff")
            await connected.send("stdin", "Ann\r")
            await connected.until("Question 1 of 2")

    asyncio.run(scenario())
    assert "Traceback" not in served.log()
    assert served.query("SELECT name FROM players") == [("Ann",)]


def test_a_message_too_big_closes_that_game_only(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2", "--max-games", "1")

    async def scenario() -> None:
        async with game(served) as connected:
            await connected.until("Your name")
            await connected.send("stdin", "x" * 1_000_000)
            closed = await connected.until_closed()
            assert closed.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        await until_index_status(served, 200)  # its place is free again, once its game quit
        async with game(served) as next_one:
            await next_one.until("Your name")

    asyncio.run(scenario())
    assert "Traceback" not in served.log()


# --- 10: a game whose process dies frees its place and says so ------------------------------


def test_a_game_that_dies_frees_its_place_and_says_so(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2", "--max-games", "1")

    async def scenario() -> None:
        async with game(served) as connected:
            await connected.until("Your name")
            (pid,) = served.games()
            os.kill(pid, signal.SIGKILL)
            closed = await connected.until_closed()
            assert "This game stopped" in str(closed.extra)
            assert "reload" in str(closed.extra).lower()
            assert index_status(served) == 200  # its place is free: not "the class is full"

    asyncio.run(scenario())
    assert served.games() == []
    assert "Traceback" not in served.log()


def test_a_game_that_ends_normally_closes_normally(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2")

    async def scenario() -> None:
        async with game(served) as connected:
            await connected.until("Your name")
            await connected.send("stdin", "\x11")  # Ctrl+Q: the student quits
            closed = await connected.until_closed()
            assert closed.data == aiohttp.WSCloseCode.OK, closed

    asyncio.run(scenario())


# --- the teacher's console ------------------------------------------------------------------


def test_what_students_send_reaches_the_teachers_log_harmless(
    serve: Callable[..., Served],
) -> None:
    served = serve("--count", "2")
    title = "\x1b]0;PWNED\x07"
    websocket = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    websocket += "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    for request in (
        f"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: a{title}b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: evil\u202egnp.exe\r\n\r\n",
        f"GET /?{title} HTTP/1.1\r\nHost: x\r\n\r\n",
        "NOT HTTP AT ALL\r\n\r\n",
        f"{websocket}Origin: http://evil\u202e.example\r\n\r\n",
    ):
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as client:
            client.sendall(request.encode())
            assert client.recv(100)
    log = served.log()
    assert "refused a malformed request" in log
    assert "refused a game from" in log
    assert "\x1b" not in log and "\u202e" not in log
    assert "Traceback" not in log and "Error handling request" not in log
