"""Where banks are found: bundled, QUIZ_PATH, paths given."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.engine.discovery import bundled_folder, find_bank_files, load_library, pick_bank

DATA = Path(__file__).parent.parent / "data"


def test_bundled_banks_are_found_by_default() -> None:
    files, problems = find_bank_files()
    assert problems == []
    assert bundled_folder() / "xi-kazakhstan-central-asia.yaml" in files


def test_quiz_path_adds_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    other = tmp_path / "more"
    (other / "deep").mkdir(parents=True)
    (other / "deep" / "x.yml").write_text("title: x\n")
    monkeypatch.setenv("QUIZ_PATH", os.pathsep.join([str(other), str(tmp_path / "missing")]))
    files, _ = find_bank_files()
    assert other / "deep" / "x.yml" in files


def test_paths_given_replace_the_defaults(write_bank: Callable[..., Path], tmp_path: Path) -> None:
    one = write_bank("title: x\n", "a/one.yaml")
    write_bank("not a bank", "a/notes.txt")
    files, problems = find_bank_files([tmp_path / "a", one, tmp_path / "nope.yaml"])
    assert files == [one]
    assert [(p.message) for p in problems] == ["no such file or folder"]


def test_load_library_keeps_good_banks_and_every_error(
    write_bank: Callable[..., Path], tmp_path: Path
) -> None:
    write_bank("title: broken\n", "lib/broken.yaml")
    (tmp_path / "lib" / "demo.yaml").write_text((DATA / "demo.yaml").read_text())
    (tmp_path / "lib" / "sources").mkdir()
    (tmp_path / "lib" / "sources" / "article.txt").write_text(
        (DATA / "sources" / "article.txt").read_text()
    )
    library = load_library([tmp_path / "lib"])
    assert [b.title for b in library.banks] == ["Demo bank for the tests"]
    assert [e.message for e in library.errors] == ["missing required field 'questions'"]
    assert library.question_count == 5


def test_pick_bank_by_file_name_or_title() -> None:
    library = load_library([DATA])
    assert pick_bank(library.banks, "demo") is library.banks[0]
    assert pick_bank(library.banks, "demo.yaml") is library.banks[0]
    assert pick_bank(library.banks, "DEMO BANK FOR THE TESTS") is library.banks[0]
    assert pick_bank(library.banks, "other") is None
