"""The live server over real sockets on loopback: joining, answering, the store, the web page,
and what it refuses (other origins, big frames, garbage, anything that looks like a command)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_recording import LiveRecorder
from quiz.engine.model import Bank
from quiz.engine.store import Store
from quiz.live import server as server_module
from quiz.live.protocol import MAX_FRAME
from quiz.live.server import LiveHost, LiveHostError
from tests.live.conftest import CODE

MakeHost = Callable[..., Awaitable[LiveHost]]


@pytest.fixture
async def make_host(demo: Bank, tmp_path: Path) -> AsyncIterator[MakeHost]:
    hosts: list[LiveHost] = []

    async def make(seconds: float = 30.0, store: bool = True, **options: Any) -> LiveHost:
        recorder = LiveRecorder.open(tmp_path / "quiz.db") if store else None
        game = LiveGame(
            ask_all([(demo, q) for q in demo.questions], seed=2),
            code=CODE,
            seconds=seconds,
            title="Demo",
            observers=[recorder] if recorder else [],
        )
        host = LiveHost(game, recorder=recorder, **options)
        await host.start()
        hosts.append(host)
        return host

    yield make
    for host in hosts:
        await host.stop()
        if host.recorder:
            host.recorder.close()


class Device:
    """A scripted student on a raw WebSocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.got: list[dict[str, Any]] = []

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send_str(json.dumps(message))

    async def next(self, kind: str | None = None, timeout: float = 10) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                frame = await self.socket.receive()
                assert frame.type == aiohttp.WSMsgType.TEXT, frame
                message = json.loads(frame.data)
                self.got.append(message)
                if kind is None or message["type"] == kind:
                    return message

    async def join(self, name: str, **fields: Any) -> dict[str, Any]:
        await self.send({"type": "join", "protocol": 1, "code": CODE, "name": name, **fields})
        return await self.next()


@pytest.fixture
async def connect() -> AsyncIterator[Callable[..., Awaitable[Device]]]:
    session = aiohttp.ClientSession()

    async def open_device(host: LiveHost, **options: Any) -> Device:
        socket = await session.ws_connect(f"ws://127.0.0.1:{host.port}/ws", **options)
        return Device(socket)

    yield open_device
    await session.close()


async def test_a_game_over_the_network_is_in_the_store(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]], tmp_path: Path
) -> None:
    host = await make_host()
    assert host.url == f"http://127.0.0.1:{host.port}"
    ann, bo = await connect(host), await connect(host)
    welcome = await ann.join("Ann")
    assert welcome["type"] == "welcome" and welcome["token"]
    await bo.join("Bo")
    host.start_game()
    question = await ann.next("question")
    await bo.next("question")
    assert question["number"] == 1
    await ann.send({"type": "answer", "number": 1, "response": 0})
    assert await ann.next() == {"type": "locked", "number": 1}
    await ann.send({"type": "answer", "number": 1, "response": 1})
    assert (await ann.next())["code"] == "already_answered"  # the host holds to one answer
    host.close_question()
    await ann.next("reveal")
    result = await ann.next("result")
    assert result["took_part"]
    assert host.recorder is not None
    host.recorder.flush()
    store = Store.open(tmp_path / "quiz.db").store
    rows = store.query(
        "SELECT p.name, a.answer, g.live_game_id, g.mode FROM answers a"
        " JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id ORDER BY p.name"
    )
    assert [tuple(row) for row in rows] == [
        ("Ann", question["choices"][0], host.game_id, "live"),
        ("Bo", "(no answer)", host.game_id, "live"),
    ]
    saved = json.loads(store.query("SELECT state FROM live_games")[0][0])
    assert saved["phase"] == "reveal"  # the state is kept as the game goes
    store.close()


async def test_no_network_message_drives_the_host(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]]
) -> None:
    host = await make_host()
    device = await connect(host)
    await device.join("Ann")
    commands = ("start", "start_game", "advance", "pause", "resume", "add_time", "remove", "end")
    for command in commands:
        await device.send({"type": command, "name": "Ann", "seconds": 60})
        assert (await device.next("error"))["code"] == "bad_message"
    assert host.game.phase == "lobby" and host.game.player("Ann") is not None


async def test_garbage_is_refused_and_a_big_frame_closes(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]]
) -> None:
    host = await make_host()
    device = await connect(host)
    for garbage in ("not json", "[1, 2]", '{"type": "join", "protocol": 1}', '{"no": "type"}'):
        await device.socket.send_str(garbage)
        assert (await device.next("error"))["code"] == "bad_message", garbage
    await device.socket.send_bytes(b"\x00\x01")
    assert (await device.next("error"))["code"] == "bad_message"
    await device.send({"type": "join", "protocol": 99, "code": CODE, "name": "Ann"})
    assert (await device.next("error"))["code"] == "version"
    await device.socket.send_str("x" * (MAX_FRAME + 1))
    frame = await device.socket.receive(timeout=10)
    assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert device.socket.close_code == 1009


async def test_endless_garbage_is_disconnected(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]]
) -> None:
    host = await make_host()
    device = await connect(host)
    for _ in range(server_module.MAX_BAD_MESSAGES + 5):
        if device.socket.closed:
            break
        await device.socket.send_str("garbage")
    async with asyncio.timeout(10):
        async for _frame in device.socket:
            pass
    assert device.socket.closed


async def test_other_origins_are_refused(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]]
) -> None:
    host = await make_host()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await connect(host, origin="http://evil.example")
    assert refused.value.status == 403
    rebound = f"rebind.example:{host.port}"  # a name of the attacker's, resolved to us (DNS)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await connect(host, origin=f"http://{rebound}", headers={"Host": rebound})
    assert refused.value.status == 403
    same = await connect(host, origin=f"http://127.0.0.1:{host.port}")
    assert (await same.join("Ann"))["type"] == "welcome"
    local = await connect(host, origin=f"http://localhost:{host.port}")
    assert (await local.join("Bo"))["type"] == "welcome"


async def test_a_public_url_is_shown_and_its_pages_let_in(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]]
) -> None:
    host = await make_host(public_url="https://quiz.school.example/")
    assert host.url == "https://quiz.school.example"
    proxied = await connect(host, origin="https://quiz.school.example")
    assert (await proxied.join("Ann"))["type"] == "welcome"


async def test_a_device_that_no_longer_answers_pings_is_disconnected(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_module, "HEARTBEAT_SECONDS", 0.5)
    host = await make_host()
    device = await connect(host, autoping=False)  # a phone gone to sleep
    await device.join("Ann")
    async with asyncio.timeout(10):
        while host.game.connected_count:
            await asyncio.sleep(0.05)
    player = host.game.player("Ann")
    assert player is not None and not player.connected


async def test_ping(make_host: MakeHost, connect: Callable[..., Awaitable[Device]]) -> None:
    host = await make_host()
    device = await connect(host)
    await device.send({"type": "ping"})
    assert await device.next() == {"type": "pong"}


async def test_the_clock_closes_a_question(
    make_host: MakeHost, connect: Callable[..., Awaitable[Device]]
) -> None:
    host = await make_host(seconds=0.5)
    changes: list[str] = []
    host.on_change = lambda: changes.append(host.game.phase)
    device = await connect(host)
    await device.join("Ann")
    host.start_game()
    await device.next("question")
    assert (await device.next("reveal"))["number"] == 1
    assert "reveal" in changes


async def test_the_web_page_is_served_with_a_strict_policy(make_host: MakeHost) -> None:
    host = await make_host(store=False)
    async with aiohttp.ClientSession() as session:
        async with session.get(host.url + "/") as page:
            assert page.status == 200 and page.content_type == "text/html"
            assert "default-src 'none'" in page.headers["Content-Security-Policy"]
            assert '<script src="/static/app.js"' in await page.text()
        for name, kind in (("app.js", "text/javascript"), ("style.css", "text/css")):
            async with session.get(f"{host.url}/static/{name}") as response:
                assert response.status == 200 and response.content_type == kind
        for missing in ("/static/../server.py", "/static/index.html", "/static/nope.js", "/x"):
            async with session.get(host.url + missing) as response:
                assert response.status == 404, missing


async def test_a_taken_port_is_a_clear_error(make_host: MakeHost, demo: Bank) -> None:
    first = await make_host(store=False)
    game = LiveGame(ask_all([(demo, demo.questions[0])]), code=CODE)
    second = LiveHost(game, port=first.port)
    with pytest.raises(LiveHostError, match=f"cannot listen on 127.0.0.1:{first.port}"):
        await second.start()
