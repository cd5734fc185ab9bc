"""Saving never stops the game: a store locked by another program delays saving (the answers
wait in memory, the player is told, a background thread writes them once the lock is freed),
and a game that ends while it is still locked tries again for a while, then says what was not
saved."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.engine.games import new_session
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.recording import SAVED_NOW, GameRecorder
from quiz.engine.session import GameSettings, Session

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DATA / "demo.yaml")


@pytest.fixture(autouse=True)
def _locks_never_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were anything on the game's side to wait for the lock as commands do, it would wait an
    hour, and the tests below would see the game stuck."""
    monkeypatch.setattr("quiz.engine.store.BUSY_TIMEOUT_SECONDS", 3600.0)


def hold_the_write_lock(path: Path) -> sqlite3.Connection:
    """Another program (a database browser, say) holds the store's write lock."""
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


def play_in_a_thread(session: Session, answers: int) -> None:
    """Answer `answers` questions as the game screen does; fail if the game ever waits."""

    def play() -> None:
        for _ in range(answers):
            session.answer("anything")
            session.advance()

    player = threading.Thread(target=play, daemon=True)
    player.start()
    player.join(60)
    assert not player.is_alive(), "the game waited for the lock"


def count(path: Path, table: str) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    for _ in range(600):  # a minute at most, on a busy machine
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"never: {what}")


def test_a_locked_store_delays_saving_and_saves_once_it_is_free(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "quiz.db"
    recorder = GameRecorder.open(path)
    blocker = hold_the_write_lock(path)
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    play_in_a_thread(session, 2)
    told: list[str] = []
    wait_until(
        lambda: told.extend(recorder.take_messages()) or any("delayed" in m for m in told),
        "the player is told that saving is delayed",
    )
    assert told == [
        "Saving is delayed: the scores file "
        f"{path} is locked by another program. Your answers are kept and will be saved when "
        "it is free."
    ]
    assert count(path, "answers") == 0
    play_in_a_thread(session, 1)  # still locked: the game goes on
    blocker.execute("ROLLBACK")  # the other program lets go
    wait_until(lambda: count(path, "answers") == 3, "the waiting answers are written")
    wait_until(lambda: SAVED_NOW in recorder.take_messages(), "the player is told it caught up")
    play_in_a_thread(session, 2)  # and later answers are written at once again
    assert count(path, "answers") == 5 and count(path, "games") == 1
    assert recorder.close() == []
    connection = sqlite3.connect(path)
    game = connection.execute("SELECT asked, ended_at IS NOT NULL FROM games").fetchone()
    assert game == (5, 1)


def test_a_game_that_ends_while_locked_says_what_was_not_saved(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "quiz.db"
    recorder = GameRecorder.open(path)
    blocker = hold_the_write_lock(path)
    session = new_session(
        [bank], GameSettings(players=("Kim", "Lu"), seed=1, count=4), observers=[recorder]
    )
    play_in_a_thread(session, 4)
    assert session.finished
    lines = recorder.close(timeout=0.5)
    reason = f"the scores file {path} is locked by another program"
    assert [line for line in lines if line.startswith("Not saved")] == [
        f"Not saved ({reason}): Kim's game of demo: its start, 2 answers and its end.",
        f"Not saved ({reason}): Lu's game of demo: its start, 2 answers and its end.",
    ]
    blocker.execute("ROLLBACK")
    assert count(path, "answers") == 0


def test_a_game_that_ends_while_locked_saves_when_the_lock_is_freed_at_exit(
    tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "quiz.db"
    recorder = GameRecorder.open(path)
    blocker = hold_the_write_lock(path)
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    play_in_a_thread(session, 5)
    threading.Timer(0.5, lambda: blocker.execute("ROLLBACK")).start()
    lines = recorder.close(timeout=60)
    assert not any(line.startswith("Not saved") for line in lines), lines
    assert count(path, "answers") == 5


def test_a_store_locked_when_the_game_starts_is_opened_later(tmp_path: Path, bank: Bank) -> None:
    """A store still to be set up when another program locks it: the game starts anyway."""
    path = tmp_path / "quiz.db"
    path.write_bytes(b"")  # an empty file: quiz sets it up in place on first use
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    recorder = GameRecorder.open(path)
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    play_in_a_thread(session, 5)
    assert recorder.store is None  # not open yet
    blocker.execute("ROLLBACK")
    blocker.close()
    lines = recorder.close(timeout=60)
    assert not any(line.startswith("Not saved") for line in lines), lines
    assert count(path, "answers") == 5


def test_an_answer_put_off_until_its_feedback_is_drawn_is_saved_then_or_at_the_end(
    tmp_path: Path, bank: Bank
) -> None:
    """The game screen puts an answer's write off until the frame that shows its feedback
    (`write_later`); it waits in memory until then, and a game that ends first still saves it,
    in order."""
    path = tmp_path / "quiz.db"
    recorder = GameRecorder.open(path)
    put_off: list[Callable[[], None]] = []
    recorder.write_later = put_off.append
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    session.answer("anything")
    assert count(path, "games") == 1 and count(path, "answers") == 0  # the frame comes first
    put_off.pop()()  # the frame is drawn
    assert count(path, "answers") == 1
    session.advance()
    session.answer("anything")
    assert len(put_off) == 1 and count(path, "answers") == 1
    assert recorder.close() == []  # the game ends before that frame: written all the same
    assert count(path, "answers") == 2
    put_off.pop()()  # the late call finds nothing left to write
    assert count(path, "answers") == 2
