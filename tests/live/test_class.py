"""End to end: a headless host and a class of 40 scripted WebSocket clients on loopback play a
whole game of every question type; every student sees every question and reveal, and the store
has every answer."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any, get_args

import aiohttp

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_recording import LiveRecorder
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.question_types.base import InputKind
from quiz.engine.store import Store
from quiz.live.server import LiveHost
from tests.live.conftest import CODE

BANKS = Path(__file__).parent.parent / "banks"
CLASS_SIZE = 40
DEADLINE = 120  # seconds for the whole game, however busy the machine


def response_for(message: dict[str, Any], rng: random.Random) -> object:
    """Any valid response to a `question` message, as a student might give."""
    kind = message["kind"]
    if message["input"] == "choice":
        return rng.randrange(len(message["choices"]))
    if message["input"] == "multi":
        return rng.sample(range(len(message["choices"])), 2)
    if message["input"] == "order":  # every item's index, in some order
        return rng.sample(range(len(message["choices"])), len(message["choices"]))
    if message["input"] == "match":  # each item's partner's index
        return [rng.randrange(len(message["choices"])) for _item in message["items"]]
    if kind == "number":
        return rng.choice(["44", "43.5", "95", "$44 billion"])
    return rng.choice(["Khorgos", "horgos", "Almaty"])


async def student(
    session: aiohttp.ClientSession, url: str, name: str, seen: dict[str, list[str]]
) -> None:
    rng = random.Random(name)
    async with session.ws_connect(url) as socket:
        await socket.send_str(
            json.dumps({"type": "join", "protocol": 1, "code": CODE, "name": name, "token": None})
        )
        async for frame in socket:
            message = json.loads(frame.data)
            seen.setdefault(name, []).append(message["type"])
            if message["type"] == "question":
                await asyncio.sleep(rng.random() * 0.3)
                response = response_for(message, rng)
                await socket.send_str(
                    json.dumps(
                        {"type": "answer", "number": message["number"], "response": response}
                    )
                )
            if message["type"] == "end":
                return


async def test_a_class_of_40_plays_and_the_store_has_every_answer(
    demo: Bank, tmp_path: Path
) -> None:
    recorder = LiveRecorder.open(tmp_path / "quiz.db")
    items = [(demo, q) for q in demo.questions]
    for name, kind in (("new-types.yaml", "order"), ("match.yaml", "match")):
        bank = load_bank(BANKS / name)
        items.append((bank, next(q for q in bank.questions if q.kind == kind)))
    assert {question.input for _bank, question in items} == set(get_args(InputKind))
    game = LiveGame(
        ask_all(items, seed=9),
        code=CODE,
        seconds=60,
        title="Demo",
        observers=[recorder],
    )
    host = LiveHost(game, recorder=recorder)
    await host.start()
    seen: dict[str, list[str]] = {}
    names = [f"Student {n:02d}" for n in range(CLASS_SIZE)]
    try:
        async with asyncio.timeout(DEADLINE), aiohttp.ClientSession() as session:
            url = f"ws://127.0.0.1:{host.port}/ws"
            students = [asyncio.create_task(student(session, url, n, seen)) for n in names]
            while game.connected_count < CLASS_SIZE:
                await asyncio.sleep(0.05)
            host.start_game()
            while game.phase != "ended":
                await asyncio.sleep(0.05)
                if game.phase == "reveal" or game.phase == "leaderboard":
                    host.advance()  # the teacher presses Enter: everyone answered, so no wait
            await asyncio.gather(*students)
    finally:
        await host.stop()
        recorder.close()

    total = game.total
    for name in names:
        kinds = seen[name]
        assert kinds.count("question") == total and kinds.count("reveal") == total, name
        assert kinds.count("result") == total and kinds[-1] == "end"
    store = Store.open(tmp_path / "quiz.db").store
    try:
        rows = store.query(
            "SELECT p.name, COUNT(a.id), g.ended_at IS NOT NULL FROM games g"
            " JOIN players p ON p.id = g.player_id JOIN answers a ON a.game_id = g.id"
            " WHERE g.live_game_id = ? GROUP BY g.id",
            (host.game_id,),
        )
        assert sorted(tuple(row) for row in rows) == [(name, total, 1) for name in names]
        missed = store.query("SELECT COUNT(*) FROM answers WHERE answer = '(no answer)'")[0][0]
        assert missed == 0
        scores = {p.name: p.score for p in game.players}
        stored = store.query(
            "SELECT p.name, g.score FROM games g JOIN players p ON p.id = g.player_id"
        )
        assert {row[0]: row[1] for row in stored} == scores
    finally:
        store.close()
