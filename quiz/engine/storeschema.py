"""What a scores file holds, how it is brought up to date, and how to tell that a file is one.

Versioned with `PRAGMA user_version` and forward-only migrations, each in one transaction. A
file is judged before any game uses it (`judge`): a newer version's file and somebody else's
database are refused (left alone, with a sentence saying why); a file whose version is
impossible, or that lacks a table or column its version promises, is damaged, to be moved aside.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quiz.engine.storefile import StoreError, StoreLocked, is_busy

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
    # Live class games (quiz host, issue 15): one row per live game, with its state for
    # `--resume`; each student's game in `games` points at it; `live_answers` keeps the game's own
    # record of each answer, committed with it.
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

COLUMNS: dict[str, tuple[str, ...]] = {
    "players": ("id", "name", "created_at"),
    "games": (
        "id",
        "player_id",
        "bank",
        "mode",
        "seed",
        "started_at",
        "ended_at",
        "questions",
        "score",
        "asked",
        "right",
        "live_game_id",
    ),
    "answers": (
        "id",
        "game_id",
        "bank",
        "question_id",
        "question_hash",
        "topic",
        "difficulty",
        "answer",
        "correct",
        "points",
        "seconds",
        "hint_used",
        "answered_at",
    ),
    "reviews": ("player_id", "bank", "question_id", "question_hash", "card", "due"),
    # Live class games (migration 2).
    "live_games": ("id", "title", "bank", "questions", "started_at", "ended_at", "state"),
    "live_answers": ("live_game_id", "number", "player", "answer"),
}
"""Every table and column of a store at SCHEMA_VERSION, as the migrations make them (a test
keeps the two equal; written out so that a game's start need not run the migrations to know)."""

_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"


class Damaged(Exception):
    """The file is not a store quiz can use as it is, but it may hold answers: move it aside."""


@dataclass(frozen=True)
class FileState:
    """What `judge` found: the file's version and journal mode."""

    version: int
    journal_mode: str

    @property
    def ready(self) -> bool:
        """Whether games can use the file as it is (else `set_up` first)."""
        return self.version == SCHEMA_VERSION and self.journal_mode == "wal"


def judge(connection: sqlite3.Connection, path: Path) -> FileState:
    """What the file on `connection` is: a usable store (perhaps to set up or migrate), or
    raises StoreError (refused: left alone), Damaged or sqlite3.DatabaseError (damaged)."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    mode = str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the scores file {path} was written by a newer version of quiz "
            f"(schema {version}, this one knows {SCHEMA_VERSION}); update quiz to use it"
        )
    if version < 0:
        raise Damaged(f"schema version {version}")
    if version == 0:
        if connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(
                f"the scores file {path} is not a quiz scores file (it holds other tables); "
                "move it away (or set QUIZ_HOME elsewhere)"
            )
        return FileState(version, mode)
    if version > 0:
        for probe in _probes(version):  # preparing each fails if a table or column is missing
            try:
                connection.execute(probe)
            except sqlite3.OperationalError as error:
                if "no such" not in str(error):
                    raise
                raise Damaged(f"schema version {version} with {error}") from None
    return FileState(version, mode)


@cache
def _probes(version: int) -> tuple[str, ...]:
    """One `SELECT its columns FROM table LIMIT 0` per table a store at `version` has: cheap to
    run at every start (0.03 ms), and an error if the file lacks any of them. At the current
    version, from COLUMNS; at an older one (a file to migrate), from its migrations."""
    tables = COLUMNS if version == SCHEMA_VERSION else columns_made_by_migrations(version)
    return tuple(
        f"SELECT {', '.join(columns)} FROM {table} LIMIT 0" for table, columns in tables.items()
    )


def columns_made_by_migrations(version: int = SCHEMA_VERSION) -> dict[str, tuple[str, ...]]:
    """Every table and its columns, as the migrations up to `version` make them in an empty
    database (for older files, and for the test that COLUMNS says the same)."""
    connection = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS[:version]:
            connection.executescript(script)
        tables = [row[0] for row in connection.execute(_TABLES)]
        return {
            table: tuple(row[1] for row in connection.execute(f"PRAGMA table_info({table})"))
            for table in tables
        }
    finally:
        connection.close()


def set_up_new(connection: sqlite3.Connection) -> None:
    """Make an empty file a store: every migration, then WAL mode (its only connection)."""
    connection.execute("BEGIN IMMEDIATE")
    for script in MIGRATIONS:
        _run_script(connection, script)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("COMMIT")
    connection.execute("PRAGMA journal_mode = WAL")


def set_up(connection: sqlite3.Connection, path: Path, timeout: float) -> None:
    """Bring an existing file up to date in place: WAL mode, then each migration it lacks, one
    transaction each (the version read again inside it). Call with the exclusive lock held; the
    switch to WAL waits up to `timeout` for other programs reading the file."""
    state = judge(connection, path)
    deadline = time.monotonic() + timeout
    while state.journal_mode != "wal":
        # Other programs reading the file make the switch fail at once, without waiting.
        try:
            mode = str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
            mode = ""
        if mode == "wal":
            break
        if time.monotonic() >= deadline:
            raise StoreLocked(f"the scores file {path} is locked by another program")
        time.sleep(0.05)
    version = state.version
    while version < SCHEMA_VERSION:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version < SCHEMA_VERSION:
                _run_script(connection, MIGRATIONS[version])
                version += 1
                connection.execute(f"PRAGMA user_version = {version}")
        except sqlite3.OperationalError as error:
            connection.execute("ROLLBACK")
            if "no such" in str(error):  # a table or column its version had is missing
                raise Damaged(f"schema version {version} with {error}") from None
            raise
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    judge(connection, path)  # what it promises now, it holds


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    """Run several statements (a migration) inside the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)
