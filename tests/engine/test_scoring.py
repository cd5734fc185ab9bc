"""The scoring rules, as the README documents them."""

from __future__ import annotations

import pytest

from quiz.engine.scoring import accuracy, score_answer


@pytest.mark.parametrize(("difficulty", "points"), [("easy", 100), ("medium", 200), ("hard", 300)])
def test_base_points_by_difficulty(difficulty: str, points: int) -> None:
    assert score_answer(difficulty, True).total == points


def test_wrong_answers_score_nothing() -> None:
    assert score_answer("hard", False, streak_before=9, time_left=1.0).total == 0


def test_streak_bonus_grows_ten_percent_a_step_up_to_fifty() -> None:
    assert [score_answer("medium", True, streak_before=n).streak_bonus for n in range(8)] == [
        0,
        20,
        40,
        60,
        80,
        100,
        100,
        100,
    ]


def test_hint_halves_the_base_and_the_bonuses_follow() -> None:
    points = score_answer("medium", True, streak_before=2, hint_used=True)
    assert (points.base, points.hint_penalty, points.streak_bonus, points.total) == (
        200,
        100,
        20,
        120,
    )


def test_time_bonus_only_in_timed_mode() -> None:
    assert score_answer("easy", True).time_bonus == 0
    assert score_answer("easy", True, time_left=1.0).time_bonus == 50
    assert score_answer("easy", True, time_left=0.5).time_bonus == 25
    assert score_answer("easy", True, time_left=-3).time_bonus == 0


def test_accuracy() -> None:
    assert accuracy(3, 4) == 0.75
    assert accuracy(0, 0) == 0.0
