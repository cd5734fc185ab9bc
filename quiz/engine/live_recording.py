"""Keeps a live game in the store as it is played, without ever stopping it.

`LiveRecorder` observes a `LiveGame`: it records the live game once, one stored game per
student (mode `live`, tagged with the live game's id, so `quiz report --game ID` finds the
class's answers and `quiz board`/`quiz scores` count them), commits each answer as it arrives,
keeps the game's latest state for `quiz host --resume`, and marks everything finished at the end.
When the store cannot be used, the game goes on and `problem` says why, once, for the teacher.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from quiz.engine.live import LiveGame
from quiz.engine.live_snapshot import snapshot_banks
from quiz.engine.live_state import LiveAnswer
from quiz.engine.recording import NOT_SAVED
from quiz.engine.store import Store, StoreError

T = TypeVar("T")


class LiveRecorder:
    """A live game observer that writes to the store, or explains why it cannot."""

    def __init__(self, store: Store | None, problem: str | None = None) -> None:
        self.store = store
        self.problem = problem
        self.live_game_id: int | None = None
        self._games: dict[str, int] = {}
        self._saved_revision = -1

    @classmethod
    def open(cls, path: Path) -> LiveRecorder:
        """A recorder on the store at `path`; on failure, one that keeps nothing and says why."""
        try:
            opened = Store.open(path)
        except StoreError as error:
            return cls(None, NOT_SAVED.format(reason=str(error)))
        return cls(opened.store, opened.notice)

    def take_problem(self) -> str | None:
        """What the teacher should be told now (once)."""
        problem, self.problem = self.problem, None
        return problem

    def _guard(self, action: Callable[[Store], T]) -> T | None:
        """Run a write; when the store fails, stop saving (the game goes on) and say why."""
        if self.store is None:
            return None
        try:
            return action(self.store)
        except (sqlite3.Error, StoreError) as error:
            self.problem = NOT_SAVED.format(reason=str(error))
            self.store.close()
            self.store = None
            return None

    def begin(self, game: LiveGame, now: float) -> int | None:
        """Record the live game (before anyone joins); its id, or None when nothing is saved."""
        names = {asked.bank.name for asked in game.asked}
        bank = names.pop() if len(names) == 1 else "mixed"
        state = json.dumps(game.snapshot(now), ensure_ascii=False)
        self.live_game_id = self._guard(
            lambda store: store.start_live_game(game.title, bank, game.total, state)
        )
        self._saved_revision = game.revision
        return self.live_game_id

    def resume(self, live_game_id: int, game: LiveGame) -> None:
        """Go on recording a live game restored from the store."""
        self.live_game_id = live_game_id
        self._games = self._guard(lambda store: store.live_players(live_game_id)) or {}
        self._saved_revision = game.revision

    def answered(self, game: LiveGame, answer: LiveAnswer) -> None:
        """Commit one answer (or a missed question) at once, in the student's stored game."""
        live_game_id = self.live_game_id
        if live_game_id is None:
            return

        def keep(store: Store) -> None:
            game_id = self._games.get(answer.player)
            if game_id is None:
                bank = answer.asked.bank.name
                game_id = store.start_live_player(live_game_id, answer.player, bank, game.total)
                self._games[answer.player] = game_id
            store.record_answer(
                game_id,
                answer.asked.bank.name,
                answer.asked.question,
                answer.given,
                answer.correct,
                answer.points,
                answer.seconds,
                False,
            )

        self._guard(keep)

    def save(self, game: LiveGame, now: float) -> None:
        """Keep the game's state for `--resume`, when it changed since the last save."""
        live_game_id = self.live_game_id
        if live_game_id is None or game.revision == self._saved_revision:
            return
        state = json.dumps(game.snapshot(now), ensure_ascii=False)
        self._guard(lambda store: store.save_live_state(live_game_id, state))
        self._saved_revision = game.revision

    def ended(self, game: LiveGame) -> None:
        """Mark the live game and every student's game in it finished."""
        live_game_id = self.live_game_id
        if live_game_id is None:
            return
        state = json.dumps(game.snapshot(0.0), ensure_ascii=False)
        self._guard(lambda store: store.finish_live_game(live_game_id, state))
        self._saved_revision = game.revision

    def close(self) -> None:
        """Close the store."""
        if self.store is not None:
            self.store.close()
            self.store = None


def resume_last(path: Path) -> tuple[LiveGame, LiveRecorder] | None:
    """The latest unfinished live game in the store at `path`, restored (paused, every player
    disconnected) with a recorder that goes on recording it; None when there is none.

    Its banks are loaded again from their files; raises LiveError when a question is gone,
    BankError when a bank no longer loads, StoreError when the store cannot be read."""
    from quiz.engine.loader import load_bank

    recorder = LiveRecorder.open(path)
    found = recorder._guard(lambda store: store.last_live_game())
    if recorder.store is None:
        raise StoreError(recorder.problem or f"the scores file {path} cannot be read")
    if found is None:
        recorder.close()
        return None
    live_game_id, state = found
    data = json.loads(state)
    try:
        banks = [load_bank(bank) for bank in snapshot_banks(data)]
        game = LiveGame.restore(data, banks, observers=[recorder])
    except BaseException:
        recorder.close()
        raise
    recorder.resume(live_game_id, game)
    return game, recorder
