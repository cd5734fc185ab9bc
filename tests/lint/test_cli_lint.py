"""`quiz lint` on the command line: lines, summary, JSON, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.cli import main
from tests.lint.helpers import example_bank

FLAWED = """\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $95 billion
    hint: It is the largest of the three trade figures.
  - id: ties
    type: truefalse
    prompt: The article says the region's ties to Moscow appear to be growing stronger.
    answer: false
    context: with ties to Moscow appearing to weaken
"""
SOUND = """\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $95 billion
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_line_per_warning_and_a_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = example_bank(tmp_path, FLAWED)
    code, out, _ = run(capsys, "lint", str(path))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{path}:")
    assert lines[0].endswith(
        ": hint-gives-away: question 'trade-china': 'largest' picks one of the numbers by "
        "itself; hint at where to look instead"
    )
    assert lines[1:] == ["1 warning in 1 bank, 2 questions"]


def test_silenced_warnings_pass_and_are_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = example_bank(
        tmp_path,
        FLAWED.replace(
            "    hint: It is the largest of the three trade figures.\n",
            "    hint: It is the largest of the three trade figures.\n"
            "    lint: {ignore: [hint-gives-away], why: An easy question for beginners.}\n",
        ),
    )
    code, out, _ = run(capsys, "lint", str(path))
    assert (code, out) == (0, "no warnings: 1 bank, 2 questions (1 silenced with a reason)\n")


def test_json_lists_warnings_silenced_or_not_and_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = example_bank(tmp_path, FLAWED)
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: T\nquestions: []\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", "--format", "json", str(path), str(broken))
    entries = json.loads(out)
    assert code == 1
    assert [(entry["rule"], entry["question"]) for entry in entries] == [
        (None, None),
        ("hint-gives-away", "trade-china"),
    ]
    assert entries[0]["message"] == "'questions' must be a list of at least one question"
    assert set(entries[1]) == {
        "file",
        "line",
        "column",
        "question",
        "rule",
        "message",
        "silenced",
    }


def test_an_invalid_bank_is_reported_as_validate_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: T\nquestions: []\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(broken))
    assert code == 1
    assert out.splitlines() == [
        f"{broken}:2:12: error: 'questions' must be a list of at least one question",
        "1 error in banks not linted (see 'quiz validate'); linted: 0 banks, 0 questions, "
        "0 warnings",
    ]


@pytest.mark.parametrize("kind", ["missing", "unreadable YAML", "invalid", "beside a sound bank"])
def test_a_bank_that_cannot_be_linted_never_ends_in_no_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    """Whatever stops a file being linted, the summary leads with it and the status is
    validate's for the same files."""
    bad = tmp_path / "bad.yaml"
    paths = [str(bad)]
    if kind == "unreadable YAML":
        bad.write_text("title: T\nquestions: [\n", encoding="utf-8")
    elif kind == "invalid":
        bad.write_text("title: T\nquestions: []\n", encoding="utf-8")
    elif kind == "beside a sound bank":
        sound = tmp_path / "sound"
        sound.mkdir()
        paths.append(str(example_bank(sound, SOUND)))
    code, out, _ = run(capsys, "lint", *paths)
    summary = out.splitlines()[-1]
    assert "no warnings" not in summary and summary.startswith("1 error in banks not linted")
    assert out.splitlines()[0].startswith(f"{bad}:")
    assert code == 1 == run(capsys, "validate", *paths)[0]


def test_no_banks_is_one_line_and_status_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "lint", str(tmp_path))
    assert (code, err) == (1, "quiz: no banks found\n")


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.authoring.lint import RULES

    code, out, _ = run(capsys, "lint", "--rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [rule.name for rule in RULES]
