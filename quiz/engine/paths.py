"""Where the game keeps its files: the user data and cache folders, or `QUIZ_HOME` when set.

`QUIZ_HOME` puts everything in one folder (tests, classrooms, portable installs):
`$QUIZ_HOME/quiz.db` and `$QUIZ_HOME/cache/`.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "quiz"


def home() -> Path | None:
    """The folder named by `QUIZ_HOME`, if set."""
    value = os.environ.get("QUIZ_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where the store lives."""
    override = home()
    if override:
        return override
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where caches live; safe to delete at any time."""
    override = home()
    if override:
        return override / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def store_path() -> Path:
    """The SQLite file that keeps players, games and answers."""
    return data_dir() / "quiz.db"
