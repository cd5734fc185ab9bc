"""Silencing a rule for one question: the warning stays known but no longer counts, and a
silence that names no rule, or one that finds nothing, is itself a warning."""

from __future__ import annotations

from pathlib import Path

from tests.lint.helpers import lint_example

FLAWED = """\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $95 billion
    hint: It is the largest of the three trade figures.
"""


def test_a_flaw_is_a_warning_at_its_place(tmp_path: Path) -> None:
    report = lint_example(tmp_path, FLAWED)
    (warning,) = report.warnings
    lines = (tmp_path / "example.yaml").read_text("utf-8").splitlines()
    assert lines[warning.line - 1][warning.column - 1 :].startswith("It is the largest")
    assert str(warning) == (
        f"{tmp_path / 'example.yaml'}:{warning.line}:{warning.column}: hint-gives-away: "
        "question 'trade-china': 'largest' picks one of the numbers by itself; hint at where to "
        "look instead"
    )
    assert warning.as_dict() == {
        "file": str(tmp_path / "example.yaml"),
        "line": warning.line,
        "column": warning.column,
        "question": "trade-china",
        "rule": "hint-gives-away",
        "message": warning.message,
        "silenced": None,
    }


def test_a_silenced_rule_keeps_its_reason_and_no_longer_warns(tmp_path: Path) -> None:
    why = "The comparison is what this easy question teaches."
    report = lint_example(
        tmp_path, FLAWED + f"    lint: {{ignore: [hint-gives-away], why: {why}}}\n"
    )
    assert report.warnings == []
    (silenced,) = report.silenced
    assert (silenced.rule, silenced.silenced) == ("hint-gives-away", why)


def test_silencing_one_rule_leaves_the_others(tmp_path: Path) -> None:
    report = lint_example(
        tmp_path,
        FLAWED.replace("$80 billion, $95 billion", "$95 billion, $80 billion")
        + "    lint: {ignore: [hint-gives-away], why: W.}\n",
    )
    assert [warning.rule for warning in report.warnings] == ["numbers-out-of-order"]


def test_an_unknown_rule_name_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    report = lint_example(tmp_path, FLAWED + "    lint: {ignore: [hint-give-away], why: W.}\n")
    rules = sorted(warning.rule for warning in report.warnings)
    assert rules == ["hint-gives-away", "unknown-rule"]
    unknown = next(warning for warning in report.warnings if warning.rule == "unknown-rule")
    assert unknown.message.startswith(
        "'hint-give-away' is not a lint rule (did you mean 'hint-gives-away'?)"
    )


def test_a_silence_that_finds_nothing_is_a_warning(tmp_path: Path) -> None:
    report = lint_example(
        tmp_path, FLAWED + "    lint: {ignore: [hint-gives-away, longest-answer], why: W.}\n"
    )
    (needless,) = report.warnings
    assert needless.rule == "needless-ignore"
    assert needless.message == (
        "rule 'longest-answer' finds nothing in this question; take it out of lint.ignore"
    )


def test_an_invalid_bank_is_an_error_not_linted(tmp_path: Path) -> None:
    from quiz.authoring.lint import lint_paths

    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nquestions: []\n", encoding="utf-8")
    report = lint_paths([bad])
    assert report.banks == 0 and report.findings == []
    assert [error.message for error in report.errors] == [
        "'questions' must be a list of at least one question"
    ]
