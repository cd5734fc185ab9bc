"""`quiz report --game ID` lists a live game's answers; `quiz scores` counts its students'
games like any other; an unknown game is one clear line."""

from __future__ import annotations

import json

import pytest

from quiz.cli import main
from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_recording import LiveRecorder
from quiz.engine.model import Bank
from quiz.engine.paths import store_path
from tests.live.conftest import CODE, Room, right_response, wrong_response


def play(demo: Bank, names: tuple[str, ...]) -> int:
    """A whole live game, recorded in QUIZ_HOME's store; its id."""
    recorder = LiveRecorder.open(store_path())
    game = LiveGame(
        ask_all([(demo, q) for q in demo.questions[:2]], seed=1),
        code=CODE,
        title="Demo",
        observers=[recorder],
    )
    room = Room(game)
    live_game_id = recorder.begin(game, room.now)
    assert live_game_id is not None
    for name in names:
        room.join(name, name)
    room.command("start")
    for _ in range(game.total):
        room.answer(names[0], right_response(game))
        for name in names[1:]:
            room.answer(name, wrong_response(game))
        room.command("advance")
        room.command("advance")
    assert game.phase == "ended"
    recorder.close()
    return live_game_id


def test_report_by_game(demo: Bank, capsys: pytest.CaptureFixture[str]) -> None:
    first = play(demo, ("Ann", "Bo"))
    second = play(demo, ("Cy",))
    capsys.readouterr()
    assert main(["report", "--game", str(first), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted((row["player"], row["question_id"], row["correct"]) for row in rows) == sorted(
        (name, question.id, name == "Ann")
        for name in ("Ann", "Bo")
        for question in demo.questions[:2]
    )
    assert main(["report", "--game", str(second), "--by", "question", "--format", "json"]) == 0
    by_question = json.loads(capsys.readouterr().out)
    assert [row["answered"] for row in by_question] == [1, 1]
    assert main(["scores"]) == 0
    scores = capsys.readouterr().out
    assert "Ann" in scores and "Cy" in scores


def test_an_unknown_game_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--game", "41"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quiz: no live game 41 in the scores file") and err.count("\n") == 1
