"""Load: 40 simultaneous scripted games over websockets on loopback all finish, all kept."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import aiohttp

from tests.serve.conftest import Served, screen_text

PLAYERS = 40
TIME_LIMIT = 300.0


async def play(url: str, name: str) -> None:
    """One student: name, then answer "1" to each of the two questions, to the results."""
    packets: list[bytes] = []
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            url.replace("http", "ws") + "/ws?width=80&height=24", heartbeat=30
        ) as websocket,
    ):

        async def until(word: str) -> None:
            while word not in screen_text(packets):
                message = await websocket.receive(timeout=TIME_LIMIT)
                if message.type == aiohttp.WSMsgType.BINARY:
                    packets.append(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    raise AssertionError(f"{name}: connection closed waiting for {word!r}")

        async def keys(text: str) -> None:
            await websocket.send_str(json.dumps(["stdin", text]))

        await until("Your name")
        await keys(name + "\r")
        for number in (1, 2):
            await until(f"Question {number} of 2")
            packets.clear()
            await keys("1")
            await asyncio.sleep(0.2)
            await keys("\r")
            await until("Your answer")
            packets.clear()
            await keys("\r")
        await until("Results")


async def class_of(url: str) -> float:
    start = time.monotonic()
    await asyncio.wait_for(
        asyncio.gather(*(play(url, f"Student{n:02d}") for n in range(PLAYERS))), TIME_LIMIT
    )
    return time.monotonic() - start


def test_forty_games_at_once_all_finish_and_are_kept(serve: Callable[..., Served]) -> None:
    served = serve("--count", "2", "--max-games", str(PLAYERS))
    elapsed = asyncio.run(class_of(served.url))
    games = served.query("SELECT COUNT(*), SUM(asked), COUNT(ended_at) FROM games")
    assert games == [(PLAYERS, 2 * PLAYERS, PLAYERS)], f"after {elapsed:.0f} s"
    answers = served.query("SELECT COUNT(DISTINCT game_id), COUNT(*) FROM answers")
    assert answers == [(PLAYERS, 2 * PLAYERS)]
