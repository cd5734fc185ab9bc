"""`quiz new`, `quiz schema`, and watching banks while they are edited."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from quiz.authoring.schema import SCHEMA_FILE, bank_schema, schema_text
from quiz.authoring.starter import StarterError, write_starter
from quiz.cli import main
from quiz.cli.validate import watch as watch_validate
from quiz.engine.discovery import bundled_folder
from quiz.engine.loader import load_bank
from quiz.engine.model import QUESTION_TYPES
from quiz.engine.watch import FileWatcher

BUNDLED = bundled_folder() / "xi-kazakhstan-central-asia.yaml"


def test_schema_accepts_the_bundled_bank_and_rejects_a_broken_one() -> None:
    data = yaml.safe_load(BUNDLED.read_text("utf-8"))
    jsonschema.validate(data, bank_schema())
    broken = json.loads(json.dumps(data))
    broken["questions"][0]["anwser"] = broken["questions"][0].pop("answer")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, bank_schema())
    broken = json.loads(json.dumps(data))
    broken["questions"][1]["difficulty"] = "very hard"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, bank_schema())


def test_the_committed_schema_is_the_generated_one() -> None:
    assert (bundled_folder() / SCHEMA_FILE).read_text("utf-8") == schema_text()
    assert BUNDLED.read_text("utf-8").startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")


def test_quiz_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "Quiz question bank"
    assert "questions" in printed["required"]


def test_new_bank_is_valid_has_every_type_and_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "planets.yaml"
    written = write_starter(target)
    assert written == [target, tmp_path / SCHEMA_FILE]
    bank = load_bank(target)
    assert [q.kind for q in bank.questions] == list(QUESTION_TYPES)
    assert target.read_text().splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    jsonschema.validate(yaml.safe_load(target.read_text()), bank_schema())
    before = target.read_text()
    with pytest.raises(StarterError, match="already exists"):
        write_starter(target)
    assert target.read_text() == before


def test_new_bank_with_a_source_copies_it_and_validates(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text("A Headline\n\nThe first paragraph has “quoted” words in it, " * 5)
    target = tmp_path / "bank" / "article-quiz.yaml"
    write_starter(target, source)
    assert (tmp_path / "bank" / "sources" / "article.txt").read_text() == source.read_text()
    bank = load_bank(target)
    assert bank.source is not None and bank.source.title == "A Headline"
    assert bank.source_text is not None


def test_new_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "b.yaml"
    assert main(["new", str(target)]) == 0
    assert main(["new", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["validate", str(target)]) == 0


def test_new_bank_passes_lint_as_a_model_of_good_questions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The examples teach by example: none gives another away or explains beyond its context."""
    target = tmp_path / "b.yaml"
    assert main(["new", str(target)]) == 0
    capsys.readouterr()
    assert main(["lint", str(target)]) == 0, capsys.readouterr().out


def test_file_watcher_sees_saves_creations_and_deletions(tmp_path: Path) -> None:
    bank = tmp_path / "a.yaml"
    bank.write_text("title: x\n")
    watcher = FileWatcher([tmp_path])
    assert not watcher.changed()
    bank.write_text("title: xy\n")
    assert watcher.changed() and not watcher.changed()
    (tmp_path / "b.yml").write_text("title: b\n")
    assert watcher.changed()
    bank.unlink()
    assert watcher.changed()


def test_validate_watch_checks_again_after_a_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "bank.yaml"
    write_starter(bank)

    def break_it() -> None:
        time.sleep(0.15)
        bank.write_text(bank.read_text().replace("answer: Mars", "answer: Pluto"))

    thread = threading.Thread(target=break_it)
    thread.start()
    assert watch_validate([bank], "text", interval=0.05, rounds=10) == 0
    thread.join()
    out = capsys.readouterr().out
    assert out.count(f"all valid: 1 bank, {len(QUESTION_TYPES)} questions") == 1
    assert "changed, checking again" in out
    assert "answer 'Pluto' is not one of the choices" in out
