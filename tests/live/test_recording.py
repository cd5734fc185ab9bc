"""The store keeps a live game as it goes: each answer at once, tagged with the game and the
player, the state for `--resume`, and an older store is migrated without losing anything."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_recording import LiveRecorder, resume_last
from quiz.engine.model import Bank
from quiz.engine.recording import SAVED_NOW
from quiz.engine.store import MIGRATIONS, SCHEMA_VERSION, Store
from tests.live.conftest import CODE, Room, right_response, wrong_response


def recorded_room(demo: Bank, path: Path) -> tuple[Room, LiveRecorder]:
    recorder = LiveRecorder.open(path)
    game = LiveGame(
        ask_all([(demo, q) for q in demo.questions], seed=1),
        code=CODE,
        seconds=30,
        title="Demo",
        observers=[recorder],
    )
    room = Room(game)
    recorder.begin(game, room.now)
    return room, recorder


def test_answers_are_kept_with_the_game_and_the_player(demo: Bank, tmp_path: Path) -> None:
    room, recorder = recorded_room(demo, tmp_path / "quiz.db")
    room.join("a", "Ann")
    room.join("b", "Bo")
    room.command("start")
    room.answer("a", right_response(room.game))
    recorder.flush()  # committed as it arrived, before the question even closed
    store = Store.open(tmp_path / "quiz.db").store
    rows = store.query(
        "SELECT p.name, a.correct, g.live_game_id, g.mode FROM answers a"
        " JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
    )
    assert [tuple(row) for row in rows] == [("Ann", 1, recorder.live_game_id, "live")]
    room.answer("b", wrong_response(room.game))
    room.command("end")
    recorder.close()
    games = store.query(
        "SELECT p.name, g.score, g.asked, g.right, g.ended_at IS NOT NULL FROM games g"
        " JOIN players p ON p.id = g.player_id ORDER BY p.name"
    )
    ann = room.game.player("Ann")
    assert ann is not None
    assert [tuple(row) for row in games] == [("Ann", ann.score, 1, 1, 1), ("Bo", 0, 1, 0, 1)]
    assert store.query("SELECT ended_at IS NOT NULL FROM live_games")[0][0] == 1
    store.close()


def test_resume_takes_answers_given_after_the_last_state_saved(demo: Bank, tmp_path: Path) -> None:
    room, recorder = recorded_room(demo, tmp_path / "quiz.db")
    ann = room.join("a", "Ann")["token"]
    room.join("b", "Bo")
    room.command("start")
    recorder.save(room.game, room.now)  # the question opened: saved at once
    room.answer("a", right_response(room.game))
    recorder.save(room.game, room.now)  # within a second: the state waits, the answer does not
    recorder.close()  # the host dies here

    found = resume_last(tmp_path / "quiz.db")
    assert found is not None
    game, again = found
    try:
        assert (game.phase, game.number, game.answered_count) == ("question", 1, 1)
        restored = Room(game)
        restored.join("a2", "Ann", token=ann)
        assert restored.kinds("a2") == ["welcome", "question", "locked"]
    finally:
        again.close()


def test_nothing_to_resume(tmp_path: Path) -> None:
    assert resume_last(tmp_path / "quiz.db") is None


def test_an_older_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[0])
    connection.execute("INSERT INTO players(name, created_at) VALUES ('Ann', 'x')")
    connection.execute(
        "INSERT INTO games(player_id, bank, mode, started_at, questions) VALUES (1, 'b', 'practice', 'x', 3)"
    )
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    store = Store.open(path).store
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rows = store.query("SELECT mode, live_game_id FROM games")
    assert [tuple(row) for row in rows] == [("practice", None)]
    store.close()


def test_a_store_that_cannot_be_written_leaves_the_game_going(
    demo: Bank, tmp_path: Path, room: Callable[..., Room]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    recorder = LiveRecorder.open(blocked / "quiz.db")
    game = LiveGame(ask_all([(demo, demo.questions[0])]), code=CODE, observers=[recorder])
    assert recorder.begin(game, 0.0) is None
    problem = recorder.take_problem()
    assert problem is not None and "not being saved" in problem
    assert recorder.take_problem() is None  # said once
    class_ = Room(game)
    class_.join("a", "Ann")
    class_.command("start")
    assert class_.answer("a", 0)["type"] == "locked"
    recorder.close()


def test_the_saved_state_is_json(demo: Bank, tmp_path: Path) -> None:
    room, recorder = recorded_room(demo, tmp_path / "quiz.db")
    room.join("a", "Ann")
    recorder.save(room.game, room.now, force=True)
    recorder.close()
    store = Store.open(tmp_path / "quiz.db").store
    state = json.loads(store.query("SELECT state FROM live_games")[0][0])
    store.close()
    assert [p["name"] for p in state["players"]] == ["Ann"]


def test_a_store_locked_by_another_program_delays_saving_and_loses_nothing(
    demo: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.engine import live_recording, store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(live_recording, "LOCKED_PAUSE_SECONDS", 0.05)
    room, recorder = recorded_room(demo, tmp_path / "quiz.db")
    room.join("a", "Ann")
    room.command("start")
    other = sqlite3.connect(tmp_path / "quiz.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes, and takes its time
    room.answer("a", right_response(room.game))
    deadline = time.monotonic() + 30
    while recorder.take_problem() is None:
        assert time.monotonic() < deadline, "never told that saving is delayed"
        time.sleep(0.05)
    other.execute("COMMIT")
    other.close()
    recorder.flush()
    assert recorder.take_problem() == SAVED_NOW
    recorder.close()
    stored = Store.open(tmp_path / "quiz.db").store
    assert stored.query("SELECT COUNT(*) FROM answers")[0][0] == 1
    stored.close()
