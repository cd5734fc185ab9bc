"""A live game written down and restored continues where it stopped, scores and tokens intact."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from quiz.engine.live import LiveError, LiveGame
from quiz.engine.live_snapshot import snapshot_banks
from quiz.engine.model import Bank
from tests.live.conftest import Room, right_response, wrong_response


def restored(class_: Room, banks: list[Bank]) -> Room:
    data = json.loads(json.dumps(class_.game.snapshot(class_.now)))  # as the store keeps it
    again = Room(LiveGame.restore(data, banks, make_token=lambda: "new-token"))
    again.now = class_.now + 500  # another process: another clock
    return again


def test_restored_mid_question_keeps_scores_answers_and_time(
    room: Callable[..., Room], demo: Bank
) -> None:
    class_ = room(seconds=20.0)
    ann = class_.join("a", "Ann")["token"]
    bo = class_.join("b", "Bo")["token"]
    class_.join("c", "Cy")
    class_.command("start")
    class_.answer("a", right_response(class_.game))
    class_.answer("b", wrong_response(class_.game))
    class_.answer("c", wrong_response(class_.game))
    class_.command("advance")
    class_.command("advance")
    class_.now += 5
    class_.answer("b", right_response(class_.game))  # question 2: Bo answered, the host died
    scores = {p.name: p.score for p in class_.game.players}
    class_.game.address = ("0.0.0.0", 8800)  # as the server sets it

    again = restored(class_, [demo])
    game = again.game
    assert game.address == ("0.0.0.0", 8800)  # --resume listens there again
    assert (game.phase, game.number, game.paused) == ("question", 2, True)
    assert game.seconds_left(again.now) == 15.0
    assert {p.name: p.score for p in game.players} == scores
    assert game.connected_count == 0 and game.answered_count == 1

    assert again.join("a2", "Ann", token=ann)["token"] == ann  # tokens kept
    assert again.kinds("a2") == ["welcome", "question"]
    again.join("b2", "Bo", token=bo)
    assert again.kinds("b2") == ["welcome", "question", "locked"]  # Bo's answer kept
    assert again.answer("b2", wrong_response(game))["code"] == "already_answered"
    again.command("resume")
    again.answer("a2", right_response(game))
    assert game.phase == "reveal"  # Ann and Bo are all that are connected
    cy = game.player("Cy")
    assert cy is not None and cy.asked == 2  # present when the question opened: missed it
    assert game.results[0].number == 1 and len(game.results) == 2


def test_restored_in_every_phase(room: Callable[..., Room], demo: Bank) -> None:
    class_ = room()
    class_.join("a", "Ann")
    phases = []
    for step in ("start", "close_question", "advance", "advance"):
        phases.append(restored(class_, [demo]).game.phase)
        class_.command(step)
    class_.command("end")
    phases.append(restored(class_, [demo]).game.phase)
    assert phases == ["lobby", "question", "reveal", "leaderboard", "ended"]


def test_a_restored_game_needs_its_questions(room: Callable[..., Room], demo: Bank) -> None:
    class_ = room()
    data = class_.game.snapshot(class_.now)
    assert snapshot_banks(data) == [demo.path.resolve()]
    with pytest.raises(LiveError, match="not loaded"):
        LiveGame.restore(data, [])
    data["questions"][0]["id"] = "gone"
    with pytest.raises(LiveError, match="no longer"):
        LiveGame.restore(data, [demo])
    with pytest.raises(LiveError, match="another version"):
        LiveGame.restore({**data, "version": 99}, [demo])
