"""`LiveClient`, the network side of `quiz join`: addresses, joining, answering, reconnecting by
itself after a drop (keeping the score), and stopping for good when reconnecting cannot help."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.model import Bank
from quiz.live import client as client_module
from quiz.live.client import AddressError, Ending, LiveClient, Status, websocket_url
from quiz.live.server import LiveHost
from tests.live.conftest import CODE


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("http://192.168.1.20:8765", "ws://192.168.1.20:8765/ws"),
        ("192.168.1.20:8765", "ws://192.168.1.20:8765/ws"),
        ("  localhost:80 ", "ws://localhost:80/ws"),
        ("https://quiz.example:443/", "wss://quiz.example:443/ws"),
        ("http://[::1]:8765", "ws://[::1]:8765/ws"),
    ],
)
def test_addresses(address: str, url: str) -> None:
    assert websocket_url(address) == url


@pytest.mark.parametrize("address", ["", "ftp://x:1", "http://host", "host:port", "http://:80"])
def test_bad_addresses(address: str) -> None:
    with pytest.raises(AddressError):
        websocket_url(address)


class Student:
    """A LiveClient running in the test's loop, keeping what it was sent."""

    def __init__(self, host: LiveHost, name: str, code: str = CODE) -> None:
        self.messages: list[dict[str, Any]] = []
        self.statuses: list[Status] = []
        self.client = LiveClient(
            f"127.0.0.1:{host.port}",
            code=code,
            name=name,
            on_message=self.messages.append,
            on_status=self.statuses.append,
        )
        self.task: asyncio.Task[Ending] = asyncio.create_task(self.client.run())

    async def wait_for(self, kind: str, count: int = 1, timeout: float = 15) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while sum(1 for m in self.messages if m["type"] == kind) < count:
                await asyncio.sleep(0.02)
        return [m for m in self.messages if m["type"] == kind][count - 1]


@pytest.fixture
async def host(demo: Bank) -> AsyncIterator[LiveHost]:
    game = LiveGame(ask_all([(demo, q) for q in demo.questions], seed=3), code=CODE, seconds=60)
    live = LiveHost(game)
    await live.start()
    yield live
    await live.stop()


async def test_join_answer_and_reveal(host: LiveHost) -> None:
    ann = Student(host, "Ann")
    welcome = await ann.wait_for("welcome")
    assert welcome["name"] == "Ann"
    host.start_game()
    question = await ann.wait_for("question")
    assert await ann.client.answer(question["number"], 0)
    await ann.wait_for("locked")
    await ann.wait_for("reveal")  # the only player answered: the reveal comes at once
    await ann.client.close()
    assert await ann.task == Ending("closed", "You left the game.")
    assert ann.statuses == ["connecting", "connected", "closed"]


async def test_it_reconnects_by_itself_and_keeps_the_score(
    host: LiveHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "RETRY_SECONDS", (0.05,))
    ann = Student(host, "Ann")
    token = (await ann.wait_for("welcome"))["token"]
    host.start_game()
    question = await ann.wait_for("question")
    await ann.client.answer(question["number"], 0)
    await ann.wait_for("result")
    score = host.game.players[0].score
    for device in list(host._devices.values()):  # a Wi-Fi blip: the host loses the socket
        await device.socket.close()
    again = await ann.wait_for("welcome", count=2)
    assert again["token"] == token and again["score"] == score
    assert ann.statuses[:4] == ["connecting", "connected", "reconnecting", "connected"]
    assert host.game.connected_count == 1
    await ann.client.close()
    await ann.task


async def test_answering_while_disconnected_says_so(host: LiveHost) -> None:
    client = LiveClient(f"127.0.0.1:{host.port}", code=CODE, name="Ann", on_message=print)
    assert await client.answer(1, 0) is False


@pytest.mark.parametrize(
    ("code", "name", "reason"),
    [("000000", "Ann", "bad_code"), (CODE, "", "bad_name"), (CODE, "Taken", "name_taken")],
)
async def test_refusals_end_the_client(host: LiveHost, code: str, name: str, reason: str) -> None:
    first = Student(host, "Taken")
    await first.wait_for("welcome")
    refused = Student(host, name, code=code)
    ending = await asyncio.wait_for(refused.task, 15)
    assert ending.reason == reason and ending.message
    assert refused.messages[-1]["code"] == reason
    await first.client.close()
    await first.task


async def test_removed_and_ended(host: LiveHost) -> None:
    ann, bo = Student(host, "Ann"), Student(host, "Bo")
    await ann.wait_for("welcome")
    await bo.wait_for("welcome")
    host.remove("Bo")
    assert (await asyncio.wait_for(bo.task, 15)).reason == "removed"
    host.end_game()
    assert (await asyncio.wait_for(ann.task, 15)).reason == "ended"
    assert ann.messages[-1]["type"] == "end"


async def test_it_waits_for_a_host_that_is_not_there_yet(
    demo: Bank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(client_module, "RETRY_SECONDS", (0.05,))
    from tests.serve.conftest import free_port

    port = free_port()
    messages: list[dict[str, Any]] = []
    client = LiveClient(f"127.0.0.1:{port}", code=CODE, name="Ann", on_message=messages.append)
    task = asyncio.create_task(client.run())
    await asyncio.sleep(0.3)
    assert client.status == "reconnecting" and not messages
    game = LiveGame(ask_all([(demo, demo.questions[0])]), code=CODE)
    late_host = LiveHost(game, port=port)
    await late_host.start()
    try:
        async with asyncio.timeout(15):
            while not messages:
                await asyncio.sleep(0.02)
        assert messages[0]["type"] == "welcome"
    finally:
        await client.close()
        await task
        await late_host.stop()


def test_client_api_is_callable_without_a_loop() -> None:
    """Building a client (as `quiz join` does before its app runs) needs no running loop."""
    client = LiveClient("127.0.0.1:1", code=CODE, name="Ann", on_message=lambda m: None)
    assert client.status == "closed" and client.url == "ws://127.0.0.1:1/ws"
