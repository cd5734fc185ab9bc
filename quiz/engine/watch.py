"""Noticing that bank files were saved, for previews that reload as a teacher edits.

A cheap poll of each file's size and modification time: the number of files is small (the banks
being edited and their source texts), and polling works the same on every system and editor
(editors that save by renaming a new file into place included).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quiz.engine.discovery import Library, find_bank_files, load_library

Signature = tuple[tuple[str, int, int], ...]


class FileWatcher:
    """Watches bank paths (files or folders) and the source texts their banks name."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self._extra: list[Path] = []
        self._seen = self._signature()

    def follow(self, library: Library) -> None:
        """Also watch the source texts of the banks just loaded."""
        self._extra = [
            (bank.path.parent / bank.source.text)
            for bank in library.banks
            if bank.source is not None and bank.source.text is not None
        ]
        self._seen = self._signature()

    def _signature(self) -> Signature:
        files, _ = find_bank_files(self.paths)
        entries = []
        for path in sorted({*files, *self._extra, *[p for p in self.paths if not p.is_dir()]}):
            try:
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
            except OSError:
                entries.append((str(path), -1, -1))
        return tuple(entries)

    def changed(self) -> bool:
        """True once after any watched file was saved, created or deleted."""
        now = self._signature()
        if now == self._seen:
            return False
        self._seen = now
        return True

    def load(self) -> Library:
        """Load the watched banks again, and follow their source texts."""
        library = load_library(self.paths)
        self.follow(library)
        return library
