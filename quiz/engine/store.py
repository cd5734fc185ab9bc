"""The local store: players, games and every answer, in one SQLite file.

WAL mode and a busy timeout let several games write at once; every answer is committed as it is
given. A damaged file is moved aside (never deleted) and a new one started, once, by one game,
whatever the number of games that find the damage; a newer version's file, somebody else's
database, a folder or an unreadable file is refused with one sentence. How the games agree on
who moves a file and when is `quiz.engine.storefile`'s; what a file must hold,
`quiz.engine.storeschema`'s.

A `Store` follows its path: when the file there is no longer the one its connection has open
(moved aside by another game), it connects to the new one, and its `generation` goes up, so
that a writer that keeps ids (the game recorder) knows they no longer hold.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.engine.storefile import (
    FileIdentity,
    StoreError,
    StoreLock,
    StoreLocked,
    explain,
    identity_of,
    is_busy,
)
from quiz.engine.storeopen import OPEN_ATTEMPTS, IntegrityCheck, StoreFile
from quiz.engine.storeschema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from quiz.engine.model import AnyQuestion  # annotations only: reports never load the types
    from quiz.engine.review import ReviewRow  # defined with the review logic, loaded later

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Opened",
    "Store",
    "StoreError",
    "StoreLocked",
    "StoreReplaced",
    "question_hash",
    "timestamp",
    "utc_now",
]

BUSY_TIMEOUT_SECONDS = 10.0
"""How long a write waits for other games' writes before the store counts as locked (writes take
milliseconds; the wait only matters when a busy classroom machine starves the writer of CPU)."""


class StoreReplaced(StoreError):
    """The file was replaced since the caller's ids were read (`generation` went up); nothing
    was written."""


def utc_now() -> datetime:
    """The current time in UTC (the store's clock, replaced in tests)."""
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """A UTC time as ISO text that sorts in time order: `2026-11-28T03:00:00Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def question_hash(question: AnyQuestion) -> str:
    """The question's fingerprint (its type's): what makes an answer right. Review state
    recorded under another fingerprint no longer applies; prompt and explanation edits (typo
    fixes) keep it."""
    return question.fingerprint()


@dataclass(frozen=True, eq=False)
class Opened:
    """A store that opened, and what the player should be told about it (a moved corrupt file)."""

    store: Store
    notice: str | None = None


class Store:
    """The store at a path: one connection (shared by the threads of a game, one statement at a
    time), write transactions under the shared lock, and the file's integrity check."""

    def __init__(
        self,
        path: Path,
        now: Callable[[], datetime] = utc_now,
        busy_timeout: float | None = None,
    ) -> None:
        """Use `Store.open`."""
        self.path = path
        self.now = now
        self._file = StoreFile(path, now, busy_timeout or BUSY_TIMEOUT_SECONDS)
        self.generation = 0
        """How many times the store has moved to a new file (see the module's docstring)."""
        self._connection: sqlite3.Connection | None = None
        self.identity = FileIdentity(0, 0)
        self._uses = threading.RLock()
        self._file_lock = StoreLock(path)
        self._players: dict[str, int] = {}
        self._check: IntegrityCheck | None = None
        self._closed = False

    @classmethod
    def open(
        cls,
        path: Path,
        now: Callable[[], datetime] = utc_now,
        *,
        check_later: bool = False,
        busy_timeout: float | None = None,
    ) -> Opened:
        """Open the store at `path`: made whole if there is none, set up or migrated if it is
        old; a damaged file is moved aside and replaced. Raises StoreError when it cannot be
        used (the message says why), StoreLocked when it stayed locked past `busy_timeout`.

        The whole file is checked for damage (SQLite's quick_check) before this returns; with
        `check_later`, the caller starts the check in the background when it suits it
        (`start_integrity_check`). The check reads every page (0.15 s for a big class's
        45 MB): a game starts it once its first question is on screen, and its recorder asks
        `found_damage()` before each write.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder {path.parent}: {error.strerror}") from None
        store = cls(path, now, busy_timeout)
        store._connection, store.identity = store._file.attach()
        if not check_later:
            store.start_integrity_check()
            if store.found_damage(wait=None):
                store.replace_damaged()
        return Opened(store, store.take_notice())

    @property
    def busy_timeout(self) -> float:
        """How long a write waits for a lock (other games', another program's) before it
        raises StoreLocked; the same for opening, setting up or replacing the file."""
        return self._file.busy_timeout

    @busy_timeout.setter
    def busy_timeout(self, seconds: float) -> None:
        with self._uses:
            self._file.busy_timeout = seconds
            if self._connection is not None:
                self._connection.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection to the file (for tests and one-off pragmas; use `query`)."""
        assert self._connection is not None, "the store is closed"
        return self._connection

    def take_notice(self) -> str | None:
        """What the player should be told about the file since the last call (it was damaged
        and replaced), or None."""
        with self._uses:
            notices, self._file.notices = self._file.notices, []
        return " ".join(notices) or None

    def replace_damaged(self) -> None:
        """The integrity check found the file damaged: move it aside (unless another game did)
        and go on in the new store (`generation` goes up; `take_notice` says what happened)."""
        with self._uses:
            if self._connection is not None:
                # Closed first: the last connection to a file writes its WAL back and removes
                # it, so that a damaged file used by this game alone is moved aside alone.
                self._connection.close()
                self._connection = None
            self._file.replace(self.identity)
            self._follow()

    def _follow(self) -> None:
        """Connect to the file now at the path (the one open was moved aside)."""
        with self._uses:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            self._players.clear()
            self._connection, self.identity = self._file.attach()
            self.generation += 1

    def refresh(self) -> None:
        """Follow the path now if the file there is no longer the one open (moved aside by
        another game): `generation` goes up."""
        with self._uses:
            self._following()

    def _following(self) -> None:
        """Before using the connection: follow the path if the file there changed."""
        if self._closed:
            raise StoreError(f"the scores file {self.path} was closed")
        if self._connection is None or identity_of(self.path) != self.identity:
            self._follow()

    def start_integrity_check(self) -> None:
        """Check the file for damage in a background thread (once per file); see
        `found_damage`."""
        with self._uses:
            if self._check is None or self._check.generation != self.generation:
                self._check = IntegrityCheck(self.path, self.identity, self.generation)

    def found_damage(self, wait: float | None = 0.0) -> bool:
        """Whether the integrity check found the file open now damaged (False while it still
        runs, or before it starts); `wait` seconds at most for it to finish (None: until it
        does)."""
        check = self._check
        return (
            check is not None and check.generation == self.generation and check.result(wait) is True
        )

    @contextmanager
    def transaction(self, generation: int | None = None) -> Iterator[_Transaction]:
        """A write transaction, taken at once (BEGIN IMMEDIATE) and committed at the end, under
        the shared lock, in the file at the path. With `generation`, raises StoreReplaced (and
        writes nothing) if the store has moved to another file since then."""
        with self._uses:
            self._hold_current_file()
            try:
                if generation is not None and generation != self.generation:
                    raise StoreReplaced(f"the scores file {self.path} was replaced")
                connection = self.connection
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield _Transaction(connection)
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            except sqlite3.OperationalError as error:
                if is_busy(error):
                    raise StoreLocked(explain(error, self.path)) from None
                raise
            finally:
                self._file_lock.release()

    def _hold_current_file(self) -> None:
        """Take the shared lock on the file now at the path, following the path first if the
        file there is no longer the one open (nobody can move it while the lock is held)."""
        if self._closed:
            raise StoreError(f"the scores file {self.path} was closed")
        for _ in range(OPEN_ATTEMPTS):
            self._file_lock.acquire(exclusive=False, timeout=self.busy_timeout)
            try:
                if self._connection is not None and identity_of(self.path) == self.identity:
                    return
            except BaseException:
                self._file_lock.release()
                raise
            self._file_lock.release()
            self._follow()  # without the shared lock: following may take the exclusive one
        raise StoreError(f"the scores file {self.path} kept changing while it was written")

    def close(self) -> None:
        """Close the connection and the lock file."""
        with self._uses:
            self._closed = True
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            self._file_lock.close()

    def player_id(self, name: str, generation: int | None = None) -> int:
        """The id of a player by name (case ignored), creating the player if new."""
        known = self._players.get(name)
        if known is not None and generation in (None, self.generation):
            return known
        with self.transaction(generation) as db:
            db.execute(
                "INSERT OR IGNORE INTO players(name, created_at) VALUES (?, ?)",
                (name, timestamp(self.now())),
            )
            row = db.execute("SELECT id FROM players WHERE name = ?", (name,)).fetchone()
            self._players[name] = int(row[0])
        return int(row[0])

    def start_game(
        self,
        player: str,
        bank: str,
        mode: str,
        seed: int | None,
        questions: int,
        *,
        at: datetime | None = None,
        generation: int | None = None,
    ) -> int:
        """Record a game's start (`at`, by default now); return its id."""
        player_id = self.player_id(player, generation)
        with self.transaction(generation) as db:
            cursor = db.execute(
                "INSERT INTO games(player_id, bank, mode, seed, started_at, questions) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (player_id, bank, mode, seed, timestamp(at or self.now()), questions),
            )
        return int(cursor.lastrowid or 0)

    def record_answer(
        self,
        game_id: int,
        bank: str,
        question: AnyQuestion,
        answer: str,
        correct: bool,
        points: int,
        seconds: float,
        hint_used: bool,
        review: ReviewRow | None = None,
        *,
        at: datetime | None = None,
        generation: int | None = None,
    ) -> None:
        """Keep one answer (given `at`, by default now), update its game's totals and (given)
        the player's review card for the question, all in one transaction committed at once."""
        with self.transaction(generation) as db:
            if review is not None:
                _upsert_review(db, review)
            db.execute(
                "INSERT INTO answers(game_id, bank, question_id, question_hash, topic, difficulty,"
                " answer, correct, points, seconds, hint_used, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    game_id,
                    bank,
                    question.id,
                    question_hash(question),
                    question.topic,
                    question.difficulty,
                    answer,
                    int(correct),
                    points,
                    round(seconds, 3),
                    int(hint_used),
                    timestamp(at or self.now()),
                ),
            )
            db.execute(
                "UPDATE games SET score = score + ?, asked = asked + 1, right = right + ? "
                "WHERE id = ?",
                (points, int(correct), game_id),
            )

    def save_review(self, review: ReviewRow) -> None:
        """Keep a player's review card for a question, committed at once."""
        with self.transaction() as db:
            _upsert_review(db, review)

    def finish_game(
        self, game_id: int, *, at: datetime | None = None, generation: int | None = None
    ) -> None:
        """Mark a game as played to its end (`at`, by default now); only finished games enter
        the leaderboard."""
        with self.transaction(generation) as db:
            db.execute(
                "UPDATE games SET ended_at = ? WHERE id = ?", (timestamp(at or self.now()), game_id)
            )

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        """Rows of a read-only query, one at a time (a report of a year of answers is never
        held in memory whole)."""
        with self._uses:
            self._following()
            cursor = self.connection.cursor()
            cursor.row_factory = sqlite3.Row
            yield from cursor.execute(sql, parameters)

    def batches(
        self, sql: str, parameters: Sequence[Any] = (), size: int = 2000
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Rows of a read-only query as plain tuples, `size` at a time: for reports written at
        the speed of the C code that writes them (see quiz.engine.report_output).

        On a store opened with `check_later` whose integrity check runs, the query starts at
        once (SQLite sorts a year of answers while the check reads the file, each in its own
        thread) and the first batch waits for the check's verdict: a damaged file is replaced
        as `open` would have replaced it (`take_notice` says so) and the query runs on the new
        one. No row of a damaged file is ever given. A sort (a year of answers in time order)
        has a helper thread (`PRAGMA threads`): a second core, where there is one, sorts too."""
        with self._uses:
            self._following()
            self.connection.execute("PRAGMA threads = 1")
            cursor = self.connection.cursor()
            try:
                cursor.execute(sql, parameters)
            except sqlite3.DatabaseError:
                if not self.found_damage(wait=None):
                    raise
            if self.found_damage(wait=None):
                cursor.close()  # the damaged file's last use: closed, its WAL goes back in it
                self.replace_damaged()
                cursor = self.connection.cursor()
                cursor.execute(sql, parameters)
            while batch := cursor.fetchmany(size):
                yield batch

    # Live class games (quiz host, issue 15): the live game, each student's game in it, and the
    # state that `quiz host --resume` continues from.

    def start_live_game(self, title: str, bank: str, questions: int, state: str) -> int:
        """Record a live game's start with its state (JSON); return its id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO live_games(title, bank, questions, started_at, state)"
                " VALUES (?, ?, ?, ?, ?)",
                (title, bank, questions, timestamp(self.now()), state),
            )
        return int(cursor.lastrowid or 0)

    def start_live_player(self, live_game_id: int, player: str, bank: str, questions: int) -> int:
        """Record one student's game inside a live game; return its id (in `games`)."""
        player_id = self.player_id(player)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO games(player_id, bank, mode, seed, started_at, questions,"
                " live_game_id) VALUES (?, ?, 'live', NULL, ?, ?, ?)",
                (player_id, bank, timestamp(self.now()), questions, live_game_id),
            )
        return int(cursor.lastrowid or 0)

    def record_live_answer(
        self,
        game_id: int,
        bank: str,
        question: AnyQuestion,
        answer: str,
        correct: bool,
        points: int,
        seconds: float,
        live: tuple[int, int, str, str],
    ) -> None:
        """Keep one answer of a live game (as `record_answer` does) and, in the same
        transaction, the game's own record of it for `--resume`: `live` is (live game id,
        question number, player, the answer as JSON)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO answers(game_id, bank, question_id, question_hash, topic, difficulty,"
                " answer, correct, points, seconds, hint_used, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    game_id,
                    bank,
                    question.id,
                    question_hash(question),
                    question.topic,
                    question.difficulty,
                    answer,
                    int(correct),
                    points,
                    round(seconds, 3),
                    timestamp(self.now()),
                ),
            )
            db.execute(
                "UPDATE games SET score = score + ?, asked = asked + 1, right = right + ? "
                "WHERE id = ?",
                (points, int(correct), game_id),
            )
            db.execute(
                "INSERT OR REPLACE INTO live_answers(live_game_id, number, player, answer)"
                " VALUES (?, ?, ?, ?)",
                live,
            )

    def live_answers(self, live_game_id: int, number: int) -> list[str]:
        """A live game's own records (JSON) of the answers to question `number`."""
        rows = self.query(
            "SELECT answer FROM live_answers WHERE live_game_id = ? AND number = ?",
            (live_game_id, number),
        )
        return [str(row[0]) for row in rows]

    def live_players(self, live_game_id: int) -> dict[str, int]:
        """Each student's game id in a live game, by the student's name."""
        rows = self.query(
            "SELECT p.name, g.id FROM games g JOIN players p ON p.id = g.player_id"
            " WHERE g.live_game_id = ?",
            (live_game_id,),
        )
        return {str(row[0]): int(row[1]) for row in rows}

    def save_live_state(self, live_game_id: int, state: str) -> None:
        """Keep a live game's latest state (JSON), committed at once."""
        with self.transaction() as db:
            db.execute("UPDATE live_games SET state = ? WHERE id = ?", (state, live_game_id))

    def finish_live_game(self, live_game_id: int, state: str) -> None:
        """Mark a live game and every student's game in it finished."""
        moment = timestamp(self.now())
        with self.transaction() as db:
            db.execute(
                "UPDATE live_games SET ended_at = ?, state = ? WHERE id = ?",
                (moment, state, live_game_id),
            )
            db.execute(
                "UPDATE games SET ended_at = ? WHERE live_game_id = ? AND ended_at IS NULL",
                (moment, live_game_id),
            )

    def last_live_game(self) -> tuple[int, str] | None:
        """The id and state of the latest live game not finished, if any (for `--resume`)."""
        rows = self.query(
            "SELECT id, state FROM live_games WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1"
        )
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, as `sqlite3.Row`s, from the file now at the path."""
        with self._uses:
            self._following()
            cursor = self.connection.cursor()
            cursor.row_factory = sqlite3.Row
            return list(cursor.execute(sql, parameters))


def _upsert_review(db: _Transaction, review: ReviewRow) -> None:
    db.execute(
        "INSERT INTO reviews(player_id, bank, question_id, question_hash, card, due)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(player_id, bank, question_id) DO UPDATE SET"
        " question_hash = excluded.question_hash, card = excluded.card, due = excluded.due",
        review,
    )


class _Transaction:
    """The statements allowed inside `Store.transaction`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._connection.execute(sql, parameters)
