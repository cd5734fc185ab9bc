"""A cache of validated banks, so that a library already checked loads in a blink.

One JSON file per bank in the cache folder (`$QUIZ_HOME/cache/banks`, or the user cache
folder), named after the bank's path. An entry is used only when the bank file and its source
text have the same size and modification time as when the entry was written, and the same
loader version wrote it: a changed, renamed, deleted or invalid bank is never served from it
(invalid banks are never cached). Entries are JSON, not pickle, so a cache file can never run
code; a damaged one is ignored and rewritten. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from quiz import __version__
from quiz.engine.model import QUESTION_CLASSES, AnyQuestion, Bank, Source
from quiz.engine.paths import cache_dir
from quiz.engine.source import SourceText

LOADER_VERSION = f"{__version__}/3"
"""Bumped when the loader's rules or the cache's layout change: older entries then miss."""


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _entry_path(bank_path: Path) -> Path:
    digest = hashlib.sha256(str(bank_path.resolve()).encode()).hexdigest()[:32]
    return cache_dir() / "banks" / f"{digest}.json"


def _source_path(bank_path: Path, source: Source | None) -> Path | None:
    return bank_path.parent / source.text if source and source.text else None


def load(bank_path: Path) -> Bank | None:
    """The cached bank for this file, or None when there is no fresh entry."""
    try:
        entry = json.loads(_entry_path(bank_path).read_text(encoding="utf-8"))
        if entry["loader"] != LOADER_VERSION or entry["path"] != str(bank_path.resolve()):
            return None
        if entry["stamp"] != _stamp(bank_path):
            return None
        data = entry["bank"]
        source = Source(**data["source"]) if data["source"] else None
        source_file = _source_path(bank_path, source)
        if source_file is not None and entry["source_stamp"] != _stamp(source_file):
            return None
        questions: list[AnyQuestion] = [
            QUESTION_CLASSES[q.get("type", "choice")](**q)  # type: ignore[misc]
            for q in data["questions"]
        ]
        text = data["source_text"]
        return Bank(
            path=bank_path,
            title=data["title"],
            description=data["description"],
            source=source,
            source_text=SourceText(text) if text is not None else None,
            questions=tuple(questions),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no entry, or a damaged one: the bank is read again and the entry rewritten


def stamp(path: Path) -> list[int] | None:
    """A file's size and modification time, taken before reading it (see `save`)."""
    return _stamp(path)


def save(bank: Bank, read_stamp: list[int] | None) -> None:
    """Remember a valid bank; a cache folder that cannot be written is simply not used.

    `read_stamp` is the bank file's stamp taken before it was read: if the file changed while
    it was being read, nothing is cached.
    """
    if read_stamp is None or read_stamp != _stamp(bank.path):
        return
    source_file = _source_path(bank.path, bank.source)
    data: dict[str, Any] = {
        "title": bank.title,
        "description": bank.description,
        "source": asdict(bank.source) if bank.source else None,
        "source_text": bank.source_text.text if bank.source_text else None,
        "questions": [asdict(question) for question in bank.questions],
    }
    entry = {
        "loader": LOADER_VERSION,
        "path": str(bank.path.resolve()),
        "stamp": read_stamp,
        "source_stamp": _stamp(source_file) if source_file else None,
        "bank": data,
    }
    target = _entry_path(bank.path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump(entry, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(handle.name, target)
    except OSError:
        return
