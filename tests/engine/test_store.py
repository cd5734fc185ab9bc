"""The store: migrations, concurrent writers, killed games, corrupt and unwritable files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.engine.games import new_session
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.paths import cache_dir, store_path
from quiz.engine.recording import GameRecorder
from quiz.engine.session import GameSettings
from quiz.engine.store import SCHEMA_VERSION, Store, StoreError, question_hash

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DATA / "demo.yaml")


def test_paths_honour_quiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZ_HOME", str(tmp_path))
    assert store_path() == tmp_path / "quiz.db"
    assert cache_dir() == tmp_path / "cache"


def test_a_new_file_is_migrated_to_the_current_schema(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "deep" / "quiz.db").store
    version = store.connection.execute("PRAGMA user_version").fetchone()[0]
    mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
    tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert (version, mode) == (SCHEMA_VERSION, "wal")
    assert {"players", "games", "answers", "reviews"} <= tables
    store.close()
    again = Store.open(tmp_path / "deep" / "quiz.db").store  # reopening migrates nothing
    assert again.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer version of quiz"):
        Store.open(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_corrupt_file_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    path.write_bytes(b"this is not a database, but somebody's precious scores" * 100)
    moment = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    opened = Store.open(path, now=lambda: moment)
    moved = tmp_path / "quiz.db.corrupt-20261128-093000"
    assert moved.read_bytes().startswith(b"this is not a database")
    assert opened.notice is not None and str(moved) in opened.notice
    opened.store.start_game("Ann", "demo", "practice", 1, 5)  # the fresh store works


def _damage_a_page_deep_inside(path: Path, bank: Bank) -> None:
    """A store of a few hundred pages with one page in the middle overwritten: it opens, and
    only a read of the whole file (SQLite's quick_check) finds the damage."""
    store = Store.open(path).store
    game = store.start_game("Ann", "demo", "practice", 1, 3000)
    for _ in range(300):
        store.record_answer(game, "demo", bank.questions[0], "x" * 200, True, 1, 1.0, False)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))


def test_damage_deep_in_the_file_is_found_when_it_opens(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "quiz.db"
    _damage_a_page_deep_inside(path, bank)
    opened = Store.open(path)  # as reports and exports open it: checked before it returns
    assert opened.notice is not None and "damaged" in opened.notice
    assert opened.store.query("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 0
    assert len(list(tmp_path.glob("quiz.db.corrupt-*"))) == 1


def test_a_game_starts_before_the_check_and_a_damaged_file_is_replaced_before_a_write(
    tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "quiz.db"
    _damage_a_page_deep_inside(path, bank)
    recorder = GameRecorder.open(path)
    assert recorder.store is not None and not recorder.store.found_damage(wait=0.5)
    recorder.prepare()  # as the game does once question 1 is on screen: the check starts
    assert recorder.store.found_damage(wait=30)
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    session.answer("anything")
    (notice,) = recorder.take_messages()
    assert "damaged" in notice and "moved to" in notice
    (moved,) = tmp_path.glob("quiz.db.corrupt-*")
    assert moved.stat().st_size > 300 * 200  # the old answers are kept, aside
    store = recorder.store
    assert store is not None
    store.start_integrity_check()
    assert not store.found_damage(wait=30)
    game = store.query("SELECT players.name, games.asked FROM games JOIN players")[0]
    assert (game["name"], game["asked"]) == ("Kim", 1)  # the game goes on in the new file


def test_a_game_replaces_a_file_found_damaged_while_it_runs(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "quiz.db"
    _damage_a_page_deep_inside(path, bank)
    recorder = GameRecorder.open(path)
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    recorder.prepare()
    assert recorder.store is not None and recorder.store.found_damage(wait=30)
    session.answer("anything")  # the game was started in the damaged file: it starts again
    session.advance()
    session.answer("anything")
    assert recorder.store is not None
    game = recorder.store.query("SELECT asked FROM games")
    assert [row["asked"] for row in game] == [2]


def test_an_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("a file where a folder should be")
        target = blocker / "quiz.db"
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        target = folder / "quiz.db"
    with pytest.raises(StoreError) as failure:
        Store.open(target)
    assert "cannot" in str(failure.value)
    recorder = GameRecorder.open(target)
    assert recorder.store is None
    assert recorder.take_messages()[0].startswith("Results are not being saved")


def test_two_writers_at_once_lose_nothing(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "quiz.db"
    Store.open(path).store.close()
    question = bank.questions[0]

    def play(player: str) -> None:
        store = Store.open(path).store
        game = store.start_game(player, "demo", "practice", 1, 200)
        for _ in range(200):
            store.record_answer(game, "demo", question, "x", True, 100, 1.0, False)
        store.finish_game(game)
        store.close()

    threads = [threading.Thread(target=play, args=(name,)) for name in ("Ann", "Bo", "Cy")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store = Store.open(path).store
    assert store.query("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 600
    assert [r["score"] for r in store.query("SELECT score FROM games")] == [20000] * 3


def test_a_game_killed_halfway_keeps_its_answers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    script = f"""
import os, sys
from pathlib import Path
from quiz.engine.loader import load_bank
from quiz.engine.recording import GameRecorder
from quiz.engine.games import new_session
from quiz.engine.session import GameSettings
recorder = GameRecorder.open(Path({str(home / "quiz.db")!r}))
session = new_session([load_bank(Path({str(DATA / "demo.yaml")!r}))],
                      GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder])
for _ in range(3):
    session.answer("wrong answer")
    session.advance()
os._exit(9)  # killed: no clean shutdown, no finish
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 9, result.stderr
    store = Store.open(home / "quiz.db").store
    assert store.query("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 3
    game = store.query("SELECT asked, ended_at FROM games")[0]
    assert (game["asked"], game["ended_at"]) == (3, None)


def test_answers_keep_what_a_report_needs(tmp_path: Path, bank: Bank) -> None:
    recorder = GameRecorder.open(tmp_path / "quiz.db")
    session = new_session(
        [bank], GameSettings(players=("Ann",), seed=1, count=None), observers=[recorder]
    )
    while not session.finished:
        session.answer("Khorgas" if session.current.question.kind == "text" else "no")
        session.advance()
    store = recorder.store
    assert store is not None
    game = store.query("SELECT * FROM games")[0]
    assert (game["bank"], game["mode"], game["seed"], game["asked"]) == ("demo", "practice", 1, 5)
    assert game["ended_at"] is not None
    texts = store.query(
        "SELECT answer, correct, question_hash FROM answers WHERE question_id='khorgos'"
    )
    assert (texts[0]["answer"], texts[0]["correct"]) == ("Khorgas", 1)
    khorgos = next(q for q in bank.questions if q.id == "khorgos")
    assert texts[0]["question_hash"] == question_hash(khorgos)


def test_question_hash_follows_answers_and_choices_not_wording(bank: Bank) -> None:
    question = bank.questions[0]
    reworded = replace(question, prompt="Reworded?", explanation="New words.")
    new_answer = replace(question, answer="$64 billion")
    new_choices = replace(question, choices=[*question.choices[:3], "$1 billion"])  # type: ignore[attr-defined]
    assert question_hash(reworded) == question_hash(question)
    assert question_hash(new_answer) != question_hash(question)
    assert question_hash(new_choices) != question_hash(question)


def test_timestamps_are_utc_and_ordered(tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    ticks = iter([start + timedelta(minutes=i) for i in range(10)])
    store = Store.open(tmp_path / "quiz.db", now=lambda: next(ticks)).store
    store.start_game("Ann", "demo", "practice", None, 1)
    assert store.query("SELECT started_at FROM games")[0]["started_at"] == "2026-01-01T00:01:00Z"


def test_many_games_opening_a_new_file_at_once_all_get_the_store(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    results: list[str] = []

    def open_it() -> None:
        try:
            store = Store.open(path).store
            store.start_game("P", "demo", "practice", None, 1)
            results.append("ok")
        except StoreError as error:
            results.append(str(error))

    threads = [threading.Thread(target=open_it) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["ok"] * 12
