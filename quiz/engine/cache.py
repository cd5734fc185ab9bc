"""A cache of validated banks, so that a library already checked loads in a blink.

Two files per bank in the cache folder (`$QUIZ_HOME/cache/banks`, or the user cache folder),
named after the bank's path: a small `.meta.json` saying what the entry was made from (with the
bank's title, source, each question's topic and where each question sits in the data file), and
the data, in JSON lines (the source text, then one question per line), of which only the lines
a game needs are read. An entry is used only when the bank file and its source text have the
same size and modification time as when the entry was written, and the same loader version
wrote it: a changed, renamed, deleted or invalid bank is never served from it (invalid banks are
never cached). Entries are JSON, not pickle, so a cache file can never run code; a damaged one
is ignored and rewritten. Deleting the folder is always safe.
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

LOADER_VERSION = f"{__version__}/7"
"""Bumped when the loader's rules or the cache's layout change: older entries then miss."""


def stamp(path: Path) -> list[int] | None:
    """A file's size and modification time (taken before reading a bank: see `save`)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _entry_paths(resolved: str) -> tuple[str, str]:
    """Where the entry of the bank at this resolved path lives: a small `.meta` file (what it
    was made from) and its data (plain strings: a library's worth of Path objects is slow)."""
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:32]
    entry = os.path.join(cache_dir(), "banks", digest)
    return f"{entry}.meta.json", f"{entry}.jsonl"


def _source_path(bank_path: Path, source: Source | None) -> Path | None:
    return bank_path.parent / source.text if source and source.text else None


def _fresh_meta(bank_path: Path) -> tuple[dict[str, Any], str] | None:
    """The entry's metadata and data file when it still describes the files on disk, else
    None."""
    resolved = os.path.realpath(bank_path)
    meta_path, data_path = _entry_paths(resolved)
    try:
        with open(meta_path, "rb") as handle:
            meta = json.loads(handle.read())
        if meta["loader"] != LOADER_VERSION or meta["path"] != resolved:
            return None
        if meta["stamp"] != stamp(bank_path):
            return None
        source = meta["source"]
        if source is not None and meta["source_stamp"] != stamp(Path(source)):
            return None
        return dict(meta), data_path
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_fresh(bank_path: Path) -> bool:
    """Whether the bank can come from the cache (reads only the small metadata file)."""
    return _fresh_meta(bank_path) is not None


class LazyQuestions(Sequence[AnyQuestion]):
    """A cached bank's questions, each read from the cache the first time it is needed.

    Its length and each question's topic come from the small metadata file, and each question
    is read alone, by its place in the data file: a game that picks 10 questions out of a
    library of 10,000 reads those 10. Should the data file be gone or out of step by then, the
    bank file itself is read again.
    """

    def __init__(self, data: _BankData, topics: list[str]) -> None:
        self._data = data
        self.topics = topics
        self._read: dict[int, AnyQuestion] = {}

    @property
    def read_count(self) -> int:
        """How many questions have been read so far."""
        return len(self._read)

    def _question(self, index: int) -> AnyQuestion:
        if index not in self._read:
            self._read[index] = self._data.question(index)
        return self._read[index]

    def __len__(self) -> int:
        return len(self.topics)

    @overload
    def __getitem__(self, index: int) -> AnyQuestion: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[AnyQuestion]: ...

    def __getitem__(self, index: int | slice) -> AnyQuestion | Sequence[AnyQuestion]:
        if isinstance(index, slice):
            return [self._question(i) for i in range(len(self))[index]]
        if not -len(self) <= index < len(self):
            raise IndexError("question index out of range")
        return self._question(index % len(self))

    def __iter__(self) -> Iterator[AnyQuestion]:
        if len(self._read) < len(self):
            self._read = dict(enumerate(self._data.all_questions()))
        return (self._read[i] for i in range(len(self)))

    def __repr__(self) -> str:
        return f"LazyQuestions({len(self)} questions)"


def _question(fields: dict[str, Any]) -> AnyQuestion:
    """A question rebuilt from its cached fields (checked when the entry was written)."""
    return QUESTION_CLASSES[fields.get("type", "choice")](**fields)


class _BankData:
    """The data file of one cache entry, read a line at a time by the byte offsets in the
    metadata: line 0 names the save (`digest`), line 1 is the source text, then one question
    per line. Every read checks the digest first, so a file rewritten by a later save is never
    read at the old offsets."""

    def __init__(self, bank_path: Path, data_path: str, digest: str, offsets: list[int]) -> None:
        self.bank_path = bank_path
        self.data_path = data_path
        self.digest = digest
        self.offsets = offsets
        self._fallback: list[Any] | None = None

    def _lines(self, first: int, stop: int) -> list[Any]:
        """Lines `first` to `stop - 1`, parsed; from the bank file when the entry is unusable."""
        if self._fallback is None:
            try:
                with open(self.data_path, "rb") as handle:
                    header = json.loads(handle.readline())
                    if header.get("digest") != self.digest:
                        raise ValueError("the data file belongs to another save")
                    handle.seek(self.offsets[first])
                    chunk = handle.read(self.offsets[stop] - self.offsets[first])
                lines = chunk.split(b"\n")[: stop - first]
                if len(lines) != stop - first:
                    raise ValueError("the data file is shorter than its metadata says")
                return [json.loads(line) for line in lines]
            except (OSError, ValueError, TypeError, AttributeError, IndexError):
                self._fallback = self._from_bank_file()
        return self._fallback[first:stop]

    def _from_bank_file(self) -> list[Any]:
        from quiz.engine.loader import load_bank  # the cache went away under us: read the file

        bank = load_bank(self.bank_path)
        text = bank.source_text.text if bank.source_text else ""
        return [{"digest": self.digest}, text, *(vars(q) for q in bank.questions)]

    def _questions(self, first: int, stop: int) -> list[AnyQuestion]:
        """The questions on lines `first` to `stop - 1`; from the bank file when a line does
        not make a question (a damaged entry whose digest survived)."""
        try:
            return [_question(fields) for fields in self._lines(first, stop)]
        except (TypeError, AttributeError, KeyError):
            if self._fallback is not None:
                raise  # the bank file itself: cannot happen for a bank that loaded
            self._fallback = self._from_bank_file()
            return [_question(fields) for fields in self._fallback[first:stop]]

    def question(self, index: int) -> AnyQuestion:
        (question,) = self._questions(index + 2, index + 3)
        return question

    def all_questions(self) -> list[AnyQuestion]:
        return self._questions(2, len(self.offsets) - 1)

    def source_text(self) -> str:
        (text,) = self._lines(1, 2)
        return str(text or "")


def load(bank_path: Path) -> Bank | None:
    """The cached bank for this file, or None when there is no fresh entry.

    Only the small metadata file is read now; questions and source text follow on first use.
    """
    fresh = _fresh_meta(bank_path)
    if fresh is None:
        return None
    meta, data_path = fresh
    try:
        header = meta["bank"]
        source = Source(**header["source"]) if header["source"] else None
        # As this module wrote them (the file is replaced whole, never edited in place): a
        # list of texts and a list of whole numbers, one more than the file's lines.
        topics: list[str] = header["topics"]
        offsets: list[int] = meta["offsets"]
        if len(offsets) != len(topics) + 3:
            return None
        data = _BankData(bank_path, data_path, meta["digest"], offsets)
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


def _write(target: Path, content: bytes) -> None:
    with tempfile.NamedTemporaryFile(
        "wb", dir=target.parent, delete=False, suffix=".tmp"
    ) as handle:
        handle.write(content)
    os.replace(handle.name, target)


def save(bank: Bank, read_stamp: list[int] | None) -> None:
    """Remember a valid bank; a cache folder that cannot be written is simply not used.

    `read_stamp` is the bank file's stamp taken before it was read: if the file changed while
    it was being read, nothing is cached.
    """
    if read_stamp is None or read_stamp != stamp(bank.path):
        return
    resolved = os.path.realpath(bank.path)
    source_file = _source_path(bank.path, bank.source)
    digest = os.urandom(8).hex()
    lines = [
        {"digest": digest},
        bank.source_text.text if bank.source_text else None,
        *(vars(question) for question in bank.questions),  # flat: text, lists, dicts
    ]
    encoded = [
        json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() for line in lines
    ]
    offsets = [0]
    for line in encoded:
        offsets.append(offsets[-1] + len(line) + 1)
    meta = {
        "loader": LOADER_VERSION,
        "path": resolved,
        "stamp": read_stamp,
        "source": str(source_file) if source_file else None,
        "source_stamp": stamp(source_file) if source_file else None,
        "digest": digest,
        "offsets": offsets,
        "bank": {
            "title": bank.title,
            "description": bank.description,
            "source": vars(bank.source) if bank.source else None,
            "has_source_text": bank.source_text is not None,
            "topics": list(bank.question_topics),
        },
    }
    meta_path, data_path = map(Path, _entry_paths(resolved))
    try:
        data_path.parent.mkdir(parents=True, exist_ok=True)
        _write(data_path, b"".join(line + b"\n" for line in encoded))
        _write(meta_path, json.dumps(meta, ensure_ascii=False).encode())
        data_path.with_suffix(".json").unlink(missing_ok=True)  # an older version's data file
    except OSError:
        return
