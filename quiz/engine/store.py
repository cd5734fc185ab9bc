"""The local store: players, games and every answer, in one SQLite file.

Versioned with `PRAGMA user_version` and forward-only migrations; WAL mode and a busy timeout so
that several games can write at once; every answer is committed as it is given. A corrupt file is
moved aside (never deleted) and a fresh one started; a file from a newer version is refused.
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

from quiz.engine.model import AnyQuestion

if TYPE_CHECKING:
    from quiz.engine.review import ReviewRow  # defined with the review logic, loaded later

BUSY_TIMEOUT_SECONDS = 10.0
"""How long a write waits for other games' writes before the store counts as locked (writes take
milliseconds; the wait only matters when a busy classroom machine starves the writer of CPU)."""

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE players (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE games (
        id INTEGER PRIMARY KEY,
        player_id INTEGER NOT NULL REFERENCES players(id),
        bank TEXT NOT NULL,
        mode TEXT NOT NULL,
        seed INTEGER,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        questions INTEGER NOT NULL,
        score INTEGER NOT NULL DEFAULT 0,
        asked INTEGER NOT NULL DEFAULT 0,
        right INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        game_id INTEGER NOT NULL REFERENCES games(id),
        bank TEXT NOT NULL,
        question_id TEXT NOT NULL,
        question_hash TEXT NOT NULL,
        topic TEXT NOT NULL,
        difficulty TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL,
        points INTEGER NOT NULL,
        seconds REAL NOT NULL,
        hint_used INTEGER NOT NULL,
        answered_at TEXT NOT NULL
    );
    CREATE INDEX answers_by_game ON answers(game_id);
    CREATE INDEX answers_by_question ON answers(bank, question_id);
    CREATE INDEX games_by_bank ON games(bank, score);
    CREATE TABLE reviews (
        player_id INTEGER NOT NULL REFERENCES players(id),
        bank TEXT NOT NULL,
        question_id TEXT NOT NULL,
        question_hash TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (player_id, bank, question_id)
    );
    """,
    # Live class games (quiz host): one row per live game, with its state for `--resume`; each
    # student's game in `games` points at it.
    """
    CREATE TABLE live_games (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        bank TEXT NOT NULL,
        questions INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        state TEXT NOT NULL
    );
    ALTER TABLE games ADD COLUMN live_game_id INTEGER REFERENCES live_games(id);
    CREATE INDEX games_by_live_game ON games(live_game_id);
    CREATE TABLE live_answers (
        live_game_id INTEGER NOT NULL REFERENCES live_games(id),
        number INTEGER NOT NULL,
        player TEXT NOT NULL,
        answer TEXT NOT NULL,
        PRIMARY KEY (live_game_id, number, player)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be used; the message says why, in words for a player or teacher."""


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
    """One connection to the SQLite file; every write is its own committed transaction."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, now: Callable[[], datetime] = utc_now
    ) -> None:
        self.connection = connection
        self.path = path
        self.now = now
        self._players: dict[str, int] = {}
        self._checked = threading.Event()
        self._check_started = False
        self._damaged = False

    def start_integrity_check(self) -> None:
        """Check the file for damage in a background thread (once); see `found_damage`."""
        if not self._check_started:
            self._check_started = True
            threading.Thread(target=self._check_integrity, daemon=True).start()

    def _check_integrity(self) -> None:
        """Run SQLite's quick_check on a connection of its own (so that it can run in a thread)
        and note whether the file is damaged."""
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                self._damaged = connection.execute("PRAGMA quick_check").fetchone()[0] != "ok"
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            self._damaged = _is_corrupt(error)
        except sqlite3.Error:
            pass  # locked or gone: a check that cannot run finds nothing
        finally:
            self._checked.set()

    def found_damage(self, wait: float = 0.0) -> bool:
        """Whether the integrity check found the file damaged (False while it still runs, or
        before it starts); `wait` seconds at most for it to finish."""
        self._checked.wait(wait)
        return self._checked.is_set() and self._damaged

    @classmethod
    def open(
        cls,
        path: Path,
        now: Callable[[], datetime] = utc_now,
        *,
        check_later: bool = False,
    ) -> Opened:
        """Open (creating and migrating) the store at `path`.

        A corrupt file is renamed beside itself and replaced; raises StoreError when the folder
        cannot be written, the file is locked for too long, or a newer version wrote it.

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
        try:
            store = cls._open(path, now)
            if not check_later:
                store._check_integrity()
                if store._damaged:
                    store.close()
                    raise sqlite3.DatabaseError("database disk image is malformed")
            return Opened(store)
        except sqlite3.DatabaseError as error:
            if not _is_corrupt(error):
                raise StoreError(_explain(error, path)) from None
        return cls.replace_damaged(path, now)

    @classmethod
    def replace_damaged(cls, path: Path, now: Callable[[], datetime] = utc_now) -> Opened:
        """Move a damaged file aside (never deleting it) and start a fresh store in its place."""
        moved = _move_aside(path, now())
        try:
            return Opened(
                cls._open(path, now),
                f"The scores file was damaged; it was moved to {moved} and a new one was started.",
            )
        except sqlite3.DatabaseError as error:
            raise StoreError(_explain(error, path)) from None

    @classmethod
    def _open(cls, path: Path, now: Callable[[], datetime]) -> Store:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the scores file {path} was written by a newer version of quiz "
                    f"(schema {version}, this one knows {SCHEMA_VERSION}); update quiz to use it"
                )
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")  # once, when the file is new
            # In WAL mode, NORMAL keeps every commit through a crash of the game (only a power
            # cut may lose the last ones) without waiting for the disk at each answer.
            connection.execute("PRAGMA synchronous = NORMAL")
            store = cls(connection, path, now)
            store._migrate(version)
            return store
        except BaseException:
            connection.close()
            raise

    def _migrate(self, version: int) -> None:
        """Bring the schema up to date, one migration per transaction.

        The version is read again inside each write transaction: when several games open a new
        file at once, the first migrates it and the others find the work done.
        """
        while version < SCHEMA_VERSION:
            with self.transaction() as db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    break
                db.executescript_in_transaction(MIGRATIONS[version])
                db.execute(f"PRAGMA user_version = {version + 1}")
                version += 1

    @contextmanager
    def transaction(self) -> Iterator[_Transaction]:
        """A write transaction, taken at once (BEGIN IMMEDIATE) and committed at the end."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield _Transaction(self.connection)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def player_id(self, name: str) -> int:
        """The id of a player by name (case ignored), creating the player if new."""
        known = self._players.get(name)
        if known is not None:
            return known
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO players(name, created_at) VALUES (?, ?)",
                (name, timestamp(self.now())),
            )
            row = db.execute("SELECT id FROM players WHERE name = ?", (name,)).fetchone()
        self._players[name] = int(row[0])
        return int(row[0])

    def start_game(
        self, player: str, bank: str, mode: str, seed: int | None, questions: int
    ) -> int:
        """Record a game's start; return its id."""
        player_id = self.player_id(player)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO games(player_id, bank, mode, seed, started_at, questions) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (player_id, bank, mode, seed, timestamp(self.now()), questions),
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
    ) -> None:
        """Keep one answer, update its game's totals and (given) the player's review card for
        the question, all in one transaction committed at once."""
        with self.transaction() as db:
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
                    timestamp(self.now()),
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

    def finish_game(self, game_id: int) -> None:
        """Mark a game as played to its end (only finished games enter the leaderboard)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE games SET ended_at = ? WHERE id = ?", (timestamp(self.now()), game_id)
            )

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
        """Rows of a read-only query, as `sqlite3.Row`s."""
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

    def executescript_in_transaction(self, script: str) -> None:
        """Run several statements (a migration) inside the open transaction."""
        for statement in script.split(";"):
            if statement.strip():
                self._connection.execute(statement)


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _explain(error: sqlite3.Error, path: Path) -> str:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return f"the scores file {path} is locked by another program"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"the scores file {path} cannot be written (a read-only folder?)"
    return f"the scores file {path} cannot be used: {error}"


def _move_aside(path: Path, moment: datetime) -> Path:
    """Rename a damaged store (and its WAL files) to `quiz.db.corrupt-<time>`; never delete it."""
    target = path.with_name(f"{path.name}.corrupt-{moment.strftime('%Y%m%d-%H%M%S')}")
    number = 1
    while target.exists():
        number += 1
        target = target.with_name(
            f"{path.name}.corrupt-{moment.strftime('%Y%m%d-%H%M%S')}-{number}"
        )
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
