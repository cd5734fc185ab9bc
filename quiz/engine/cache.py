"""A cache of validated banks, so that a library already checked loads in a blink.

Two JSON files per bank in the cache folder (`$QUIZ_HOME/cache/banks`, or the user cache
folder), named after the bank's path: a small `.meta.json` saying what the entry was made from
(with the bank's title, source and each question's topic), and the data (questions and source
text), which is read only when a question of the bank is needed. An entry is used only when the bank file and its source
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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from quiz import __version__
from quiz.engine.model import QUESTION_CLASSES, AnyQuestion, Bank, Source
from quiz.engine.paths import cache_dir
from quiz.engine.source import SourceText

LOADER_VERSION = f"{__version__}/5"
"""Bumped when the loader's rules or the cache's layout change: older entries then miss."""


def stamp(path: Path) -> list[int] | None:
    """A file's size and modification time (taken before reading a bank: see `save`)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _entry_paths(bank_path: Path) -> tuple[Path, Path]:
    """Where a bank's entry lives: a small `.meta` file (what it was made from) and its data."""
    digest = hashlib.sha256(str(bank_path.resolve()).encode()).hexdigest()[:32]
    folder = cache_dir() / "banks"
    return folder / f"{digest}.meta.json", folder / f"{digest}.json"


def _source_path(bank_path: Path, source: Source | None) -> Path | None:
    return bank_path.parent / source.text if source and source.text else None


def _fresh_meta(bank_path: Path) -> dict[str, Any] | None:
    """The entry's metadata when it still describes the files on disk, else None."""
    meta_path, _ = _entry_paths(bank_path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta["loader"] != LOADER_VERSION or meta["path"] != str(bank_path.resolve()):
            return None
        if meta["stamp"] != stamp(bank_path):
            return None
        source = meta["source"]
        if source is not None and meta["source_stamp"] != stamp(Path(source)):
            return None
        return dict(meta)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_fresh(bank_path: Path) -> bool:
    """Whether the bank can come from the cache (reads only the small metadata file)."""
    return _fresh_meta(bank_path) is not None


class LazyQuestions(Sequence[AnyQuestion]):
    """A cached bank's questions, read from the cache the first time one is needed.

    Its length and each question's topic come from the small metadata file, so a game that
    picks 10 questions out of a library of 10,000 reads only the banks it picks from. Should the
    data file be gone or out of step by then, the bank file itself is read again.
    """

    def __init__(self, data: _BankData, topics: list[str]) -> None:
        self._data = data
        self.topics = topics
        self._items: list[AnyQuestion] | None = None

    def _loaded(self) -> list[AnyQuestion]:
        if self._items is None:
            self._items = self._data.questions()
        return self._items

    def __len__(self) -> int:
        return len(self.topics)

    @overload
    def __getitem__(self, index: int) -> AnyQuestion: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[AnyQuestion]: ...

    def __getitem__(self, index: int | slice) -> AnyQuestion | Sequence[AnyQuestion]:
        return self._loaded()[index]

    def __iter__(self) -> Iterator[AnyQuestion]:
        return iter(self._loaded())

    def __repr__(self) -> str:
        return f"LazyQuestions({len(self)} questions)"


class _BankData:
    """The data file of one cache entry, parsed once, on first use."""

    def __init__(self, bank_path: Path, digest: str) -> None:
        self.bank_path = bank_path
        self.digest = digest
        self._parsed: dict[str, Any] | None = None

    def _read(self) -> dict[str, Any]:
        if self._parsed is None:
            try:
                parsed = json.loads(_entry_paths(self.bank_path)[1].read_text(encoding="utf-8"))
                if parsed.get("digest") != self.digest:
                    raise ValueError("the data file belongs to another save")
                self._parsed = dict(parsed)
            except (OSError, ValueError, TypeError, AttributeError):
                self._parsed = self._from_bank_file()
        return self._parsed

    def _from_bank_file(self) -> dict[str, Any]:
        from quiz.engine.loader import load_bank  # the cache went away under us: read the file

        bank = load_bank(self.bank_path)
        return {
            "questions": [vars(q) for q in bank.questions],
            "source_text": bank.source_text.text if bank.source_text else "",
        }

    def questions(self) -> list[AnyQuestion]:
        return [
            QUESTION_CLASSES[q.get("type", "choice")](**q)  # type: ignore[misc]
            for q in self._read()["questions"]
        ]

    def source_text(self) -> str:
        return str(self._read()["source_text"] or "")


def load(bank_path: Path) -> Bank | None:
    """The cached bank for this file, or None when there is no fresh entry.

    Only the small metadata file is read now; questions and source text follow on first use.
    """
    meta = _fresh_meta(bank_path)
    if meta is None:
        return None
    try:
        header = meta["bank"]
        source = Source(**header["source"]) if header["source"] else None
        data = _BankData(bank_path, meta["digest"])
        topics = [str(topic) for topic in header["topics"]]
        return Bank(
            path=bank_path,
            title=header["title"],
            description=header["description"],
            source=source,
            source_text=SourceText(loader=data.source_text) if header["has_source_text"] else None,
            questions=LazyQuestions(data, topics),
        )
    except (KeyError, TypeError, ValueError):
        return None  # a damaged entry: the bank is read again and the entry rewritten


def _write(target: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp"
    ) as handle:
        handle.write(text)
    os.replace(handle.name, target)


def save(bank: Bank, read_stamp: list[int] | None) -> None:
    """Remember a valid bank; a cache folder that cannot be written is simply not used.

    `read_stamp` is the bank file's stamp taken before it was read: if the file changed while
    it was being read, nothing is cached.
    """
    if read_stamp is None or read_stamp != stamp(bank.path):
        return
    source_file = _source_path(bank.path, bank.source)
    digest = os.urandom(8).hex()
    data = {
        "digest": digest,
        "source_text": bank.source_text.text if bank.source_text else None,
        "questions": [vars(question) for question in bank.questions],  # flat: text, lists, dicts
    }
    meta = {
        "loader": LOADER_VERSION,
        "path": str(bank.path.resolve()),
        "stamp": read_stamp,
        "source": str(source_file) if source_file else None,
        "source_stamp": stamp(source_file) if source_file else None,
        "digest": digest,
        "bank": {
            "title": bank.title,
            "description": bank.description,
            "source": vars(bank.source) if bank.source else None,
            "has_source_text": bank.source_text is not None,
            "topics": list(bank.question_topics),
        },
    }
    meta_path, data_path = _entry_paths(bank.path)
    try:
        data_path.parent.mkdir(parents=True, exist_ok=True)
        _write(data_path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        _write(meta_path, json.dumps(meta, ensure_ascii=False))
    except OSError:
        return
