"""`quiz lint`: the weaknesses of valid banks, one warning a line
(`file:line:col: rule: question 'id': what is wrong; how to fix it`), as text or JSON.

Exit status 0 when no warning is left (silenced ones, each with its reason, do not count), 1
when one is, or when a bank cannot be read or is invalid (its errors are printed as `quiz
validate` prints them, with the same status; the summary then starts with them, never "no
warnings").
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from quiz.cli.common import CommandError, add_paths, plural, say, write_out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--rules", action="store_true", help="list every rule, one line each, and stop"
    )


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.lint import RULES, lint_paths

    if args.rules:
        from quiz.authoring.lint.guide import rules_list

        write_out(rules_list(RULES))
        return 0
    report = lint_paths(args.paths)
    if not report.files and not report.errors:
        raise CommandError("no banks found")
    if args.format == "json":
        entries: list[dict[str, Any]] = [
            {**error.as_dict(), "rule": None, "silenced": None} for error in report.errors
        ]
        entries += [finding.as_dict() for finding in report.findings]
        entries.sort(key=lambda entry: (entry["file"], entry["line"], entry["column"]))
        say(json.dumps(entries, indent=2, ensure_ascii=False))
    else:
        for error in report.errors:
            say(str(error))
        for warning in report.warnings:
            say(str(warning))
        say(
            _summary(
                report.banks,
                report.questions,
                len(report.warnings),
                len(report.silenced),
                len(report.errors),
            )
        )
    return 1 if report.warnings or report.errors else 0


def _summary(banks: int, questions: int, warnings: int, silenced: int, errors: int) -> str:
    """The last line: what could not be read (first: it is no pass), what was linted, what is
    left, what was silenced."""
    linted = f"{plural(banks, 'bank')}, {plural(questions, 'question')}"
    quiet = f" ({silenced} silenced with a reason)" if silenced else ""
    if errors:
        return (
            f"{plural(errors, 'error')} in banks not linted (see 'quiz validate'); "
            f"linted: {linted}, {plural(warnings, 'warning')}{quiet}"
        )
    found = f"{plural(warnings, 'warning')} in {linted}" if warnings else f"no warnings: {linted}"
    return found + quiet
