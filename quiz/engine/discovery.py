"""Where banks are found: the bundled folder, the folders in `QUIZ_PATH`, and paths given.

A path given on the command line may be a file or a folder (searched recursively for `.yaml` and
`.yml` files). `QUIZ_PATH` holds folders separated like `PATH` (`:` here, `;` on Windows).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from quiz.engine import cache
from quiz.engine.errors import BankError, LoadError, display_path
from quiz.engine.model import Bank

BANK_SUFFIXES = (".yaml", ".yml")
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_folder() -> Path:
    """The bundled banks: inside the installed package, or the repository's `questions/`."""
    installed = _PACKAGE / "questions"
    return installed if installed.is_dir() else _PACKAGE.parent / "questions"


def search_folders() -> list[Path]:
    """The folders searched when no path is given: bundled first, then each `QUIZ_PATH` entry."""
    folders = [bundled_folder()]
    for entry in os.environ.get("QUIZ_PATH", "").split(os.pathsep):
        if entry.strip():
            folders.append(Path(entry.strip()).expanduser())
    return folders


def _bank_files(folder: Path) -> list[Path]:
    """The bank files below a folder, in a stable order; `sources/` text files are not banks."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in BANK_SUFFIXES and path.is_file()
    )


def find_bank_files(paths: Sequence[Path] = ()) -> tuple[list[Path], list[LoadError]]:
    """The bank files at the given paths (or in the search folders), and paths that do not exist.

    A file named directly is taken whatever its suffix; the same file is listed once.
    """
    problems: list[LoadError] = []
    found: list[Path] = []
    targets = list(paths) or search_folders()
    for target in targets:
        if target.is_dir():
            found.extend(_bank_files(target))
        elif target.is_file() or (paths and target.exists()):
            found.append(target)  # a pipe or a device named directly: the loader says why not
        elif paths:
            problems.append(LoadError(display_path(target), 1, 1, None, "no such file or folder"))
    unique = list(dict.fromkeys(found))
    return unique, problems


@dataclass(eq=False)  # a container, compared by identity
class Library:
    """The banks that loaded, and every error of those that did not."""

    banks: list[Bank] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    files: int = 0

    @property
    def question_count(self) -> int:
        """How many questions the loaded banks hold."""
        return sum(len(bank.questions) for bank in self.banks)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a library loads.

    Loading makes hundreds of thousands of small objects and no reference cycles; without the
    pause, each full collection walks every object made so far, and a 100,000-question library
    loads a third slower (growing faster than the library). Memory is freed by reference
    counting all the same.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_library(paths: Iterable[Path] = (), *, use_cache: bool = True) -> Library:
    """Find and load every bank at the given paths (or in the search folders).

    Banks whose files have not changed since they were last validated come from the cache;
    the others are read and checked (and cached when valid).
    """
    files, problems = find_bank_files(list(paths))
    return load_files(files, problems, use_cache=use_cache)


def load_files(
    files: Sequence[Path],
    problems: Sequence[LoadError] = (),
    *,
    use_cache: bool = True,
    known: Mapping[Path, Bank] | None = None,
) -> Library:
    """Load these bank files, in order, into a library that also lists `problems`.

    `known` holds banks already taken from the cache (see `quiz.engine.warmup`).
    """
    with collector_paused():
        return _load_files(files, problems, use_cache, known or {})


def _load_files(
    files: Sequence[Path],
    problems: Sequence[LoadError],
    use_cache: bool,
    known: Mapping[Path, Bank],
) -> Library:
    library = Library(errors=list(problems), files=len(files))
    for path in files:
        cached = known.get(path) or (cache.load(path) if use_cache else None)
        if cached is not None:
            library.banks.append(cached)
            continue
        from quiz.engine.loader import load_bank  # the YAML and pydantic machinery, on a miss

        before = cache.stamp(path)
        try:
            bank = load_bank(path)
        except BankError as failure:
            library.errors.extend(failure.errors)
            continue
        library.banks.append(bank)
        if use_cache:
            cache.save(bank, before)
    return library


def pick_bank(banks: Sequence[Bank], wanted: str) -> Bank | None:
    """The bank named by file name (with or without suffix) or title, case ignored."""
    key = wanted.casefold().strip()
    for bank in banks:
        if key in (bank.path.name.casefold(), bank.name.casefold(), bank.title.casefold()):
            return bank
    return None
