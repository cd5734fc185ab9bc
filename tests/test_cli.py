"""The command line: exit codes and output of validate, list and play's refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.cli import main

DATA = Path(__file__).parent / "data"
BROKEN = """\
title: Broken
questions:
  - id: q1
    topic: T
    prompt: P?
    choices: [a, b]
    anwser: a
    explanation: E.
    context: C.
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_bundled_banks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith("all valid: 1 bank, ") and out.rstrip().endswith("questions")


def test_validate_reports_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], write_bank: Callable[..., Path]
) -> None:
    path = write_bank(BROKEN)
    code, out, _ = run(capsys, "validate", str(path), str(DATA))
    lines = out.splitlines()
    assert code == 1
    assert lines == [
        f"{path}:3:5: error: question 'q1': missing required field 'answer'",
        f"{path}:7:5: error: question 'q1': unknown field 'anwser' (did you mean 'answer'?)",
        "2 errors in 1 bank; valid: 1 bank, 5 questions",
    ]


def test_validate_json(capsys: pytest.CaptureFixture[str], write_bank: Callable[..., Path]) -> None:
    path = write_bank(BROKEN)
    code, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert code == 1
    findings = json.loads(out)
    assert findings[1] == {
        "file": str(path),
        "line": 7,
        "column": 5,
        "question": "q1",
        "message": "unknown field 'anwser' (did you mean 'answer'?)",
    }


def test_validate_json_when_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(DATA))
    assert (code, json.loads(out)) == (0, [])


def test_validate_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert "nope.yaml:1:1: error: no such file or folder" in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--format", "xml"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["play", "--count", "0"])
    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_list_shows_title_count_and_topics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", str(DATA))
    assert code == 0
    assert out.splitlines()[0] == "demo: Demo bank for the tests (5 questions)"
    assert "  topics: Trade figures, Countries, History" in out


def test_play_without_a_terminal_says_so() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "play", str(DATA)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1
    assert "needs a terminal" in result.stderr
    assert "Traceback" not in result.stderr


def test_play_unknown_bank(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quiz.cli.play.has_terminal", lambda: True)
    code, _, err = run(capsys, "play", "--bank", "nothing", str(DATA))
    assert code == 1
    assert "no bank named 'nothing' (found: demo)" in err


def test_validate_never_shows_a_traceback(write_bank: Callable[..., Path]) -> None:
    path = write_bank(b"\xff\xfe\x00garbage\x00\x01")
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert ":1:1: error:" in result.stdout


def _play_a_game(player: str, right_ids: set[str]) -> None:
    from quiz.engine.games import new_session
    from quiz.engine.loader import load_bank
    from quiz.engine.paths import store_path
    from quiz.engine.recording import GameRecorder
    from quiz.engine.session import GameSettings

    recorder = GameRecorder.open(store_path())
    session = new_session(
        [load_bank(DATA / "demo.yaml")],
        GameSettings(players=(player,), seed=1, count=None),
        observers=[recorder],
    )
    while not session.finished:
        question = session.current.question
        session.answer("Khorgos" if question.id in right_ids else "=1+1")
        session.advance()


def test_scores_and_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "scores")
    assert (code, out) == (0, "No finished games yet: play one with 'quiz'.\n")
    _play_a_game("Ann", {"khorgos"})
    _play_a_game("Bo", set())
    code, out, _ = run(capsys, "scores", "--bank", "demo")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "demo"
    assert lines[1].split() == ["rank", "player", "score", "accuracy", "questions", "date"]
    assert lines[3].split()[:3] == ["1", "Ann", "200"]
    code, out, _ = run(capsys, "report", "--format", "csv", "--player", "Ann")
    rows = out.splitlines()
    assert (
        rows[0]
        == "player,game_id,bank,question_id,topic,difficulty,answer,correct,points,seconds,hint_used,answered_at,live_game_id"
    )
    assert len(rows) == 6 and "'=1+1" in out
    code, out, _ = run(capsys, "report", "--by", "question", "--format", "json")
    by_question = json.loads(out)
    assert by_question[-1]["question_id"] == "khorgos" and by_question[-1]["share_right"] == 0.5
    trade = next(row for row in by_question if row["question_id"] == "trade-china-2024")
    assert trade["wrong_answers"] == {"=1+1": 2}
    target = tmp_path / "class.csv"
    code, _, err = run(capsys, "report", "--format", "csv", "-o", str(target))
    assert code == 0 and "10 rows written" in err
    assert target.read_bytes().startswith(b"\xef\xbb\xbfplayer,")
    code, out, _ = run(capsys, "report", "--since", "2999-01-01")
    assert out == "No answers match.\n"


def test_report_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--since", "last tuesday"])
    assert exit_.value.code == 2
    assert "is not a date like 2026-11-28" in capsys.readouterr().err


def test_each_command_parses_as_with_the_full_parser() -> None:
    """Only the command being run gets its arguments built; its help must not change."""
    from quiz.cli import SUBCOMMANDS, build_parser

    full = build_parser()
    for name in SUBCOMMANDS:
        alone = build_parser(only=name)
        full_help = full._subparsers._group_actions[0].choices[name].format_help()  # type: ignore[union-attr]
        alone_help = alone._subparsers._group_actions[0].choices[name].format_help()  # type: ignore[union-attr]
        assert alone_help == full_help, name


def test_only_the_running_command_is_imported() -> None:
    """The table names each command's module; parsing a command line imports only its own, and
    `quiz --help` or `--version` none (the game's start-up is benchmarked)."""
    code = (
        "import sys\n"
        "from quiz.cli import parse_arguments\n"
        "try:\n"
        "    parse_arguments(sys.argv[1:])\n"
        "finally:\n"
        "    print(sorted(m for m in sys.modules if m.startswith('quiz.cli.')), file=sys.stderr)\n"
    )

    def loaded(*argv: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60
        )
        return result.stderr.strip()

    assert loaded("validate", "x.yaml") == "['quiz.cli.common', 'quiz.cli.validate']"
    assert loaded("x.yaml") == "['quiz.cli.common', 'quiz.cli.play']"
    assert loaded("import", "x.gift", "--from", "gift") == (
        "['quiz.cli.common', 'quiz.cli.import_bank']"
    )
    assert loaded("--version") == loaded("--help") == "['quiz.cli.common']"
    assert loaded("list") == "['quiz.cli.common', 'quiz.cli.list_banks']"


def test_every_command_module_declares_arguments_and_a_handler() -> None:
    from quiz.cli import SUBCOMMANDS

    for name, subcommand in SUBCOMMANDS.items():
        module = subcommand.load()
        assert callable(module.add_arguments) and callable(module.run), name
        assert module.__doc__, f"{name}: say what the command is for"


def test_a_command_error_is_one_line_and_its_status(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quiz.cli.play.has_terminal", lambda: True)
    code, out, err = run(capsys, "play", "--watch")
    assert (code, out) == (2, "")
    assert (
        err
        == "quiz: --watch needs the bank file(s) to watch, e.g. quiz play my-bank.yaml --watch\n"
    )


def test_commands_print_only_through_the_terminal_safe_helpers() -> None:
    """`say`, `write_out` and `print_error` make what they print terminal-safe; a bare print in
    a command would let a file name or a player's name reach the terminal as escape codes."""
    import re

    folder = Path(__file__).parent.parent / "quiz" / "cli"
    for module in folder.glob("*.py"):
        if module.name == "common.py":
            continue
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"\bprint\(|\.write\(", source), module.name


def test_the_cycle_collector_runs_again_whenever_no_game_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`quiz play` pauses the collector until the game's first screen; when no game starts (an
    error, or nothing due in review) it runs again, as it does once a game is drawn."""
    import gc

    monkeypatch.setattr("quiz.cli.play.has_terminal", lambda: True)
    assert gc.isenabled()
    code, _, err = run(capsys, "play", "--bank", "nothing", str(DATA / "demo.yaml"))
    assert (code, gc.isenabled()) == (1, True)
    assert "no bank named 'nothing'" in err
    code, out, _ = run(
        capsys, "play", "--mode", "review", "--player", "Nobody", str(DATA / "demo.yaml")
    )
    assert (code, gc.isenabled()) == (0, True)
    assert out.strip()  # it said when a review is due


@pytest.mark.parametrize("ending", ["returns", "raises"])
def test_a_game_that_ends_before_its_first_frame_leaves_the_collector_running(
    monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """The app resumes the collector at its first frame; a game that never draws one (closed at
    once, or failing as it starts) finds it running again all the same."""
    import gc

    from quiz.ui.app import QuizApp

    seen: list[bool] = []

    def run_app(app: QuizApp) -> None:
        seen.append(gc.isenabled())
        if ending == "raises":
            raise RuntimeError("the terminal went away")

    monkeypatch.setattr("quiz.cli.play.has_terminal", lambda: True)
    monkeypatch.setattr(QuizApp, "run", run_app)
    if ending == "raises":
        with pytest.raises(RuntimeError):
            main(["play", "--player", "Ann", str(DATA / "demo.yaml")])
    else:
        assert main(["play", "--player", "Ann", str(DATA / "demo.yaml")]) == 0
    assert seen == [False]  # paused while the game started
    assert gc.isenabled()


def test_a_collector_stopped_by_someone_else_stays_stopped() -> None:
    """`collector_paused` restarts only what it stopped."""
    import gc

    from quiz.startup import collector_paused

    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
