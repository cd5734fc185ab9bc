"""Keeps a live game in the store as it is played, without ever holding it up.

`LiveRecorder` observes a `LiveGame`: it records the live game once, one stored game per
student (mode `live`, tagged with the live game's id, so `quiz report --game ID` finds the
class's answers and `quiz board`/`quiz scores` count them), commits each answer as it arrives,
keeps the game's state for `quiz host --resume`, and marks everything finished at the end.

The writes run in order on one thread that owns the store's connection (`StoreThread`): three
hundred answers arriving in the same second never make the host's screen wait for the disk.
Each answer is committed with the game's own record of it (`live_answers`), so the whole state
needs writing only when the phase changes and otherwise at most once a second; `resume_last`
puts the two together again. When the store cannot be used, the game goes on and `problem` says
why, once, for the teacher.
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from quiz.engine.live import LiveGame
from quiz.engine.live_snapshot import answer_data, snapshot_banks
from quiz.engine.live_state import LiveAnswer
from quiz.engine.recording import NOT_SAVED, SAVED_NOW, SAVING_DELAYED
from quiz.engine.store import Store, StoreError, StoreLocked

T = TypeVar("T")
SNAPSHOT_SECONDS = 1.0
"""The longest a change other than an answer or a new phase waits before the state is saved
(a join, a disconnection: a student who joined in that second just joins again)."""

LOCKED_ATTEMPTS = 30
"""How many times a write tries again when another program holds the store's lock (each try
waits the store's busy timeout, then `LOCKED_PAUSE_SECONDS`): minutes, then saving stops."""
LOCKED_PAUSE_SECONDS = 1.0

_Job = tuple[Callable[[Store], Any], "Future[Any]"]


class StoreThread:
    """The store, opened and used by one thread of its own, which runs every job in order.

    A job that finds the store locked by another program waits and tries again (saving is
    delayed, and the teacher is told, then told when it caught up), up to `LOCKED_ATTEMPTS`
    times; a job that fails otherwise (a read-only folder, a full disk, a newer version's file)
    stops the saving: `problem` says why, and later jobs do nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        self.messages: deque[str] = deque()
        """What the teacher should be told, oldest first (taken by `LiveRecorder.take_problem`)."""
        self._store: Store | None = None
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="quiz-live-store", daemon=True)
        self._thread.start()

    @property
    def working(self) -> bool:
        """Whether the store is still being written (False once it failed or closed)."""
        return self.problem is None and self._thread.is_alive()

    def submit(self, job: Callable[[Store], T]) -> Future[T | None]:
        """Run `job` on the store after the jobs before it; its future holds the result (None
        when the store is not in use)."""
        future: Future[T | None] = Future()
        if not self._thread.is_alive():
            future.set_result(None)  # closed: nothing more is written
            return future
        self._jobs.put((job, future))
        return future

    def close(self) -> None:
        """Finish the jobs given so far, then close the store."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _stop(self, error: BaseException) -> None:
        self.problem = NOT_SAVED.format(reason=str(error))
        self.messages.append(self.problem)
        if self._store is not None:
            self._store.close()
            self._store = None

    def _run(self) -> None:
        try:
            opened = Store.open(self.path)
            self._store = opened.store
            if opened.notice:
                self.messages.append(opened.notice)
        except (StoreError, sqlite3.Error, OSError) as error:
            self._stop(error)
        while (job := self._jobs.get()) is not None:
            action, future = job
            try:
                future.set_result(self._attempt(action))
            except (sqlite3.Error, StoreError) as error:
                self._stop(error)
                future.set_result(None)
            except BaseException as error:  # a bug: the caller waiting on it sees it
                future.set_exception(error)
        if self._store is not None:
            self._store.close()

    def _attempt(self, action: Callable[[Store], Any]) -> Any:
        """Run one job, waiting out another program's lock."""
        delayed = False
        for attempt in range(LOCKED_ATTEMPTS):
            if self._store is None:
                return None
            try:
                result = action(self._store)
            except StoreLocked as locked:
                if attempt == LOCKED_ATTEMPTS - 1:
                    raise
                if not delayed:
                    delayed = True
                    self.messages.append(SAVING_DELAYED.format(reason=str(locked)))
                time.sleep(LOCKED_PAUSE_SECONDS)
                continue
            if delayed:
                self.messages.append(SAVED_NOW)
            return result
        return None


class LiveRecorder:
    """A live game observer that writes to the store (on its own thread), or says why not."""

    def __init__(self, path: Path) -> None:
        self.writer = StoreThread(path)
        self.live_game_id: int | None = None
        self._games: dict[str, int] = {}  # player -> stored game; used on the writer's thread
        self._saved: tuple[int, str, int] = (-1, "", 0)  # revision, phase, number
        self._saved_at = float("-inf")

    @classmethod
    def open(cls, path: Path) -> LiveRecorder:
        """A recorder on the store at `path` (never raises: see `take_problem`)."""
        return cls(path)

    def take_problem(self) -> str | None:
        """What the teacher should be told now (one message a call, oldest first): a damaged
        store replaced, saving delayed by a lock and then caught up, or saving stopped and
        why."""
        try:
            return self.writer.messages.popleft()
        except IndexError:
            return None

    def begin(self, game: LiveGame, now: float) -> int | None:
        """Record the live game (before anyone joins); its id, or None when nothing is saved."""
        names = {asked.bank.name for asked in game.asked}
        bank = names.pop() if len(names) == 1 else "mixed"
        state = json.dumps(game.snapshot(now), ensure_ascii=False)
        self.live_game_id = self.writer.submit(
            lambda store: store.start_live_game(game.title, bank, game.total, state)
        ).result()
        self._mark_saved(game, now)
        return self.live_game_id

    def resume(self, live_game_id: int, game: LiveGame, now: float = 0.0) -> None:
        """Go on recording a live game restored from the store."""
        self.live_game_id = live_game_id
        self.writer.submit(lambda store: self._games.update(store.live_players(live_game_id)))
        self._mark_saved(game, now)

    def answered(self, game: LiveGame, answer: LiveAnswer) -> None:
        """Commit one answer (or a missed question) in the student's stored game, with the
        live game's own record of it."""
        live_game_id = self.live_game_id
        if live_game_id is None:
            return
        total = game.total
        record = json.dumps(answer_data(answer), ensure_ascii=False)

        def keep(store: Store) -> None:
            bank = answer.asked.bank.name
            game_id = self._games.get(answer.player)
            if game_id is None:
                game_id = store.start_live_player(live_game_id, answer.player, bank, total)
                self._games[answer.player] = game_id
            store.record_live_answer(
                game_id,
                bank,
                answer.asked.question,
                answer.given,
                answer.correct,
                answer.points,
                answer.seconds,
                (live_game_id, answer.number, answer.player, record),
            )

        self.writer.submit(keep)

    def save(self, game: LiveGame, now: float, *, force: bool = False) -> None:
        """Keep the game's state for `--resume`: at once when the phase or question changed
        (or with `force`), otherwise at most every `SNAPSHOT_SECONDS`."""
        live_game_id = self.live_game_id
        revision, phase, number = self._saved
        if live_game_id is None or game.revision == revision:
            return
        moved = (game.phase, game.number) != (phase, number)
        if not (force or moved or now - self._saved_at >= SNAPSHOT_SECONDS):
            return
        state = json.dumps(game.snapshot(now), ensure_ascii=False)
        self.writer.submit(lambda store: store.save_live_state(live_game_id, state))
        self._mark_saved(game, now)

    def ended(self, game: LiveGame) -> None:
        """Mark the live game and every student's game in it finished."""
        live_game_id = self.live_game_id
        if live_game_id is None:
            return
        state = json.dumps(game.snapshot(0.0), ensure_ascii=False)
        self.writer.submit(lambda store: store.finish_live_game(live_game_id, state))
        self._mark_saved(game, 0.0)

    def committed(self) -> Future[None]:
        """A future that is done once everything given so far is in the store (the server
        holds a student's `locked` until their answer is)."""
        return self.writer.submit(lambda store: None)

    def flush(self) -> None:
        """Wait until everything given so far is in the store."""
        self.committed().result()

    def close(self) -> None:
        """Write what is left, then close the store."""
        self.writer.close()

    def _mark_saved(self, game: LiveGame, now: float) -> None:
        self._saved = (game.revision, game.phase, game.number)
        self._saved_at = now


def resume_last(path: Path) -> tuple[LiveGame, LiveRecorder] | None:
    """The latest unfinished live game in the store at `path`, restored (paused, every player
    disconnected) with a recorder that goes on recording it; None when there is none.

    Its banks are loaded again from their files; raises LiveError when a question is gone,
    BankError when a bank no longer loads, StoreError when the store cannot be read."""
    from quiz.engine.loader import load_bank

    recorder = LiveRecorder(path)
    try:
        found = recorder.writer.submit(lambda store: store.last_live_game()).result()
        if not recorder.writer.working:
            raise StoreError(recorder.writer.problem or f"the scores file {path} cannot be read")
        if found is None:
            recorder.close()
            return None
        live_game_id, state = found
        data = json.loads(state)
        number = int(data["index"]) + 1
        later = recorder.writer.submit(lambda store: store.live_answers(live_game_id, number))
        banks = [load_bank(bank) for bank in snapshot_banks(data)]
        game = LiveGame.restore(
            data,
            banks,
            observers=[recorder],
            later_answers=[json.loads(text) for text in later.result() or []],
        )
    except BaseException:
        recorder.close()
        raise
    recorder.resume(live_game_id, game)
    return game, recorder
