"""The bank cache: used only when fresh, never for changed, renamed, deleted or invalid banks."""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from quiz.engine import cache
from quiz.engine.discovery import load_library
from quiz.engine.paths import cache_dir

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(DATA, folder)
    return folder


def touch_later(path: Path, text: str | None = None) -> None:
    """Change a file the way an editor's save does (new content, later modification time)."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def entries() -> list[Path]:
    return sorted((cache_dir() / "banks").glob("*.jsonl"))


def test_the_cache_lives_under_quiz_home(library: Path) -> None:
    load_library([library])
    assert len(entries()) == 1
    assert str(entries()[0]).startswith(os.environ["QUIZ_HOME"])


def test_a_fresh_entry_gives_the_same_bank(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_library([library]).banks[0]
    monkeypatch.setattr("quiz.engine.loader.load_bank", lambda path: pytest.fail("not cached"))
    second = load_library([library]).banks[0]
    assert [asdict(q) for q in second.questions] == [asdict(q) for q in first.questions]
    assert (second.title, second.source, second.path) == (first.title, first.source, first.path)
    assert second.source_text is not None and second.source_text.text == first.source_text.text  # type: ignore[union-attr]


def test_a_changed_bank_is_read_again(library: Path) -> None:
    load_library([library])
    bank = library / "demo.yaml"
    touch_later(bank, bank.read_text().replace("Think of the largest", "Think of the biggest"))
    (loaded,) = load_library([library]).banks
    assert loaded.questions[0].hint == "Think of the biggest of the three partners."


def test_a_changed_source_text_is_checked_again(library: Path) -> None:
    load_library([library])
    source = library / "sources" / "article.txt"
    touch_later(source, "A different article altogether.\n")
    result = load_library([library])
    assert result.banks == []
    assert {e.message.split(";")[0] for e in result.errors} == {
        "context is not found in the source text"
    }


def test_an_invalid_bank_is_never_served(library: Path) -> None:
    load_library([library])
    bank = library / "demo.yaml"
    touch_later(bank, bank.read_text().replace("answer: $95 billion", "answer: $96 billion"))
    result = load_library([library])
    assert result.banks == [] and len(result.errors) == 1
    again = load_library([library])  # and the error stays: nothing stale came back
    assert again.banks == [] and len(again.errors) == 1


def test_renamed_and_deleted_banks(library: Path) -> None:
    load_library([library])
    (library / "demo.yaml").rename(library / "renamed.yaml")
    (renamed,) = load_library([library]).banks
    assert renamed.path.name == "renamed.yaml" and renamed.name == "renamed"
    (library / "renamed.yaml").unlink()
    assert load_library([library]).banks == []


def test_a_damaged_entry_is_ignored_and_rewritten(library: Path) -> None:
    load_library([library])
    (entry,) = entries()
    entry.write_text('{"loader": "broken', encoding="utf-8")
    (bank,) = load_library([library]).banks
    assert bank.title == "Demo bank for the tests"
    assert cache.load(library / "demo.yaml") is not None  # rewritten


def test_damaged_metadata_is_ignored(library: Path) -> None:
    load_library([library])
    (meta,) = (cache_dir() / "banks").glob("*.meta.json")
    meta.write_text("[]", encoding="utf-8")
    assert not cache.is_fresh(library / "demo.yaml")
    assert len(load_library([library]).banks) == 1
    assert cache.is_fresh(library / "demo.yaml")


def test_an_entry_from_another_loader_version_is_ignored(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_library([library])
    monkeypatch.setattr("quiz.engine.cache.LOADER_VERSION", "some-other-version")
    assert cache.load(library / "demo.yaml") is None


def test_an_unwritable_cache_is_not_an_error(
    library: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("QUIZ_HOME", str(blocker))
    assert len(load_library([library]).banks) == 1


def test_background_warm_up_fills_the_cache(library: Path) -> None:
    from quiz.engine.warmup import load_in_background

    bank = library / "demo.yaml"
    assert not cache.is_fresh(bank)
    finish = load_in_background([library])
    (loaded,) = finish().banks
    assert cache.is_fresh(bank)
    assert loaded.title == "Demo bank for the tests"
    assert isinstance(loaded.questions, cache.LazyQuestions)  # checked by the child, then cached
    (again,) = load_in_background([library])().banks  # nothing left to check
    assert again.title == loaded.title and len(again.questions) == len(loaded.questions)


def test_a_cached_bank_reads_its_questions_only_when_needed(library: Path) -> None:
    load_library([library])
    (data,) = entries()
    data.write_text('{"digest": "from another save"}', encoding="utf-8")  # out of step
    (bank,) = load_library([library]).banks
    assert len(bank.questions) == 5 and bank.topics == ["Trade figures", "Countries", "History"]
    assert bank.question_topics[0] == "Trade figures"
    # The data file is only read now; being out of step, the bank file is read instead.
    assert bank.questions[0].id == "trade-china-2024"
    assert bank.source_text is not None and "Khorgos" in bank.source_text.text


def test_selecting_from_a_big_cached_library_reads_only_the_chosen_questions(
    tmp_path: Path,
) -> None:
    from benchmarks.generate import write_library
    from quiz.engine.games import select

    write_library(tmp_path / "big", banks=20, per_bank=10)
    load_library([tmp_path / "big"])
    banks = load_library([tmp_path / "big"]).banks
    items = select(banks, count=3, seed=5)
    read = sum(bank.questions.read_count for bank in banks)  # type: ignore[attr-defined]
    assert len(items) == 3 and read == 3  # of 200 questions, only the 3 asked were read


def test_each_question_is_read_alone_and_matches_the_bank(library: Path) -> None:
    first = load_library([library]).banks[0]
    (cached,) = load_library([library]).banks
    assert asdict(cached.questions[3]) == asdict(first.questions[3])
    assert asdict(cached.questions[-1]) == asdict(first.questions[-1])
    assert cached.questions.read_count == 2  # type: ignore[attr-defined]
    with pytest.raises(IndexError):
        cached.questions[5]


def test_a_truncated_data_file_falls_back_to_the_bank_file(library: Path) -> None:
    load_library([library])
    (data,) = entries()
    data.write_bytes(data.read_bytes()[:-40])  # the last question cut short
    (bank,) = load_library([library]).banks
    assert bank.questions[4].id == load_library([library], use_cache=False).banks[0].questions[4].id


def test_background_loading_reports_an_invalid_bank_and_keeps_the_others(library: Path) -> None:
    from quiz.engine.warmup import load_in_background

    (library / "broken.yaml").write_text("title: Broken\nquestions: 3\n", encoding="utf-8")
    loaded = load_in_background([library])()
    assert [bank.name for bank in loaded.banks] == ["demo"]
    assert loaded.errors and loaded.errors[0].file.endswith("broken.yaml")
    assert not cache.is_fresh(library / "broken.yaml")


def test_an_older_versions_data_file_is_removed_when_the_entry_is_rewritten(
    library: Path,
) -> None:
    load_library([library])
    (data,) = entries()
    legacy = data.with_suffix(".json")
    legacy.write_text('{"questions": []}', encoding="utf-8")  # as loader version 5 left it
    touch_later(library / "demo.yaml")
    load_library([library])
    assert not legacy.exists() and data.exists()


def test_a_damaged_question_line_falls_back_to_the_bank_file(library: Path) -> None:
    first = load_library([library]).banks[0]
    (data,) = entries()
    lines = data.read_bytes().split(b"\n")
    lines[3] = b'"' + b"x" * (len(lines[3]) - 2) + b'"'  # valid JSON, same length, not a question
    data.write_bytes(b"\n".join(lines))
    (bank,) = load_library([library]).banks
    assert asdict(bank.questions[1]) == asdict(first.questions[1])
