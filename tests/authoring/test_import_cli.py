"""`quiz import` and `quiz export` as a teacher runs them: the summary, --strict, --source,
Moodle XML both ways, and one clear line for a file that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main
from quiz.engine.loader import load_bank

DATA = Path(__file__).parent.parent / "data"
ARTICLE = DATA / "sources" / "article.txt"

GIFT = """\
::Capital::Where did the leaders meet? {=Astana ~Almaty ~%50%Tashkent}

::Year::In which year did the nations gain independence? {#1991}

::Essay::Write about trade. {}
"""


def test_import_prints_losses_by_line_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "questions.gift"
    source.write_text(GIFT, encoding="utf-8")
    assert main(["import", str(source), "--from", "gift"]) == 0
    out, err = capsys.readouterr()
    assert f"{source}:5: skipped: essay questions have no answer to check" in err
    assert f"{source}:1: warning: partial credit dropped: 'Tashkent' (50%)" in err
    assert "2 questions imported, 1 skipped (essay 1), 1 warning" in out
    assert "2 questions still need a context" in out and "capital, year" in out


def test_strict_writes_nothing_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "questions.gift"
    source.write_text(GIFT, encoding="utf-8")
    assert main(["import", str(source), "--from", "gift", "--strict"]) == 1
    assert "--strict: 2 questions imported, 1 skipped" in capsys.readouterr().err
    assert not source.with_suffix(".yaml").exists()
    clean = tmp_path / "clean.gift"
    clean.write_text("::Year::Independence? {#1991}\n", encoding="utf-8")
    assert main(["import", str(clean), "--from", "gift", "--strict"]) == 0


def test_source_fills_contexts_and_the_bank_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "questions.gift"
    source.write_text(GIFT.split("::Essay")[0], encoding="utf-8")
    output = tmp_path / "bank" / "imported.yaml"
    output.parent.mkdir()
    args = ["import", str(source), "--from", "gift", "-o", str(output), "--source", str(ARTICLE)]
    assert main(args) == 0
    assert "2 contexts found" in capsys.readouterr().out
    bank = load_bank(output)
    assert bank.source is not None and bank.source.text == "sources/article.txt"
    capital = next(q for q in bank.questions if q.id == "capital")
    assert "Astana" in capital.context
    assert main(["validate", str(output)]) == 0


def test_source_finds_the_sentence_that_holds_a_match(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A match question's evidence is a sentence that holds at least half of its pairs' sides;
    one that holds two of six (Astana, Kazakhstan) is none."""
    source = tmp_path / "match.gift"
    source.write_text(
        "::Resources::Match each resource to its country. {\n =gas -> Turkmenistan\n"
        " =uranium -> Kazakhstan\n =rare earth elements -> Tajikistan\n}\n\n"
        "::Lone::Match each city to its country. "
        "{=Astana -> Kazakhstan =Paris -> France =Rome -> Italy}\n",
        encoding="utf-8",
    )
    output = tmp_path / "bank" / "imported.yaml"
    output.parent.mkdir()
    args = ["import", str(source), "--from", "gift", "-o", str(output), "--source", str(ARTICLE)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1 context found" in out and "1 question still needs a context" in out
    (resources,) = [q for q in load_bank_data(output) if q["id"] == "resources"]
    assert "eyeing gas in Turkmenistan, uranium in Kazakhstan" in resources["context"]


def load_bank_data(path: Path) -> list[dict[str, object]]:
    import yaml

    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])


def test_moodle_xml_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml = tmp_path / "demo.xml"
    assert main(["export", str(DATA / "demo.yaml"), "--to", "moodle", "-o", str(xml)]) == 0
    assert xml.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    output = tmp_path / "demo-again.yaml"
    assert main(["import", str(xml), "--from", "moodle", "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert "0 skipped, 0 warnings" in out
    assert "names its source text sources/article.txt, which is not beside" in out
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").write_bytes(ARTICLE.read_bytes())
    assert len(load_bank(output).questions) == len(load_bank(DATA / "demo.yaml").questions)


def test_a_broken_xml_file_is_one_line_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = tmp_path / "broken.xml"
    xml.write_text("<quiz>\n<question type='truefalse'>\n", encoding="utf-8")
    assert main(["import", str(xml), "--from", "moodle"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{xml}:3:") and "error:" in err and "\n" not in err
