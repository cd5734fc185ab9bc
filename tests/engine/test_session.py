"""A game's course: seeded order, turns, scoring through the session, mistakes and timing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quiz.engine.games import new_session, select
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.session import GameSettings, Session, SessionError

DEMO = Path(__file__).parent.parent / "data" / "demo.yaml"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DEMO)


def right_answer(session: Session) -> object:
    question = session.current.question
    if question.kind == "multi":
        return frozenset(question.answer)  # type: ignore[arg-type]
    if question.kind == "number":
        return str(question.answer)
    return question.answer


def test_same_seed_same_game(bank: Bank) -> None:
    one = new_session([bank], GameSettings(seed=7, count=None))
    two = new_session([bank], GameSettings(seed=7, count=None))
    assert [a.question.id for a in one.asked] == [a.question.id for a in two.asked]
    assert [a.choices for a in one.asked] == [a.choices for a in two.asked]
    other = new_session([bank], GameSettings(seed=8, count=None))
    assert [a.choices for a in one.asked] != [a.choices for a in other.asked] or [
        a.question.id for a in one.asked
    ] != [a.question.id for a in other.asked]


def test_choices_are_shuffled_but_complete(bank: Bank) -> None:
    session = new_session([bank], GameSettings(seed=3, count=None))
    for asked in session.asked:
        if asked.question.kind in ("choice", "multi"):
            assert sorted(asked.choices) == sorted(asked.question.choices)  # type: ignore[union-attr]
        elif asked.question.kind == "truefalse":
            assert asked.choices == ("True", "False")


def test_select_filters_topics_and_counts(bank: Bank) -> None:
    assert {q.topic for _, q in select([bank], ["trade figures"])} == {"Trade figures"}
    assert len(select([bank], count=2, seed=1)) == 2
    with pytest.raises(SessionError, match="no questions match the topics Cooking"):
        select([bank], ["Cooking"])


def test_a_full_game_scores_streaks_and_accuracy(bank: Bank) -> None:
    clock = FakeClock()
    session = new_session([bank], GameSettings(players=("Ann",), seed=1, count=None), clock)
    expected_total = 0
    while not session.finished:
        session.shown()
        clock.now += 5
        outcome = session.answer(right_answer(session))  # type: ignore[arg-type]
        assert outcome.correct
        expected_total += outcome.points.total
        session.advance()
    (ann,) = session.ranking()
    assert (ann.right, ann.asked, ann.best_streak, ann.accuracy) == (5, 5, 5, 1.0)
    assert ann.score == expected_total > 5 * 100
    assert ann.seconds == 25


def test_wrong_answer_resets_streak_and_is_a_mistake(bank: Bank) -> None:
    session = new_session([bank], GameSettings(seed=1, count=None))
    session.answer(right_answer(session))  # type: ignore[arg-type]
    session.advance()
    outcome = session.answer(
        "certainly wrong" if session.current.question.kind != "multi" else frozenset()
    )
    assert not outcome.correct and outcome.points.total == 0
    assert session.player.streak == 0 and session.player.best_streak == 1
    assert [q.id for _, q in session.mistakes()] == [outcome.asked.question.id]


def test_feedback_for_the_picked_wrong_choice(bank: Bank) -> None:
    trade = next(q for q in bank.questions if q.id == "trade-china-2024")
    session = Session([(bank, trade)])
    outcome = session.answer("$64 billion")
    assert outcome.feedback == ["That is the European Union's figure, not China's."]
    assert outcome.right_answer == "$95 billion"
    (paragraph,) = outcome.asked.passage()
    assert "In 2024, trade with China" in paragraph.text[slice(*paragraph.highlights[0])]


def test_hint_halves_the_points(bank: Bank) -> None:
    trade = next(q for q in bank.questions if q.id == "trade-china-2024")
    session = Session([(bank, trade)])
    assert session.take_hint() == "Think of the largest of the three partners."
    outcome = session.answer("$95 billion")
    assert outcome.hint_used and outcome.points.total == 50


def test_cannot_answer_twice_or_skip(bank: Bank) -> None:
    session = Session([(bank, bank.questions[0])])
    with pytest.raises(SessionError):
        session.advance()
    session.answer("$95 billion")
    with pytest.raises(SessionError):
        session.answer("$95 billion")


def test_players_take_turns(bank: Bank) -> None:
    session = new_session([bank], GameSettings(players=("Ann", "Bo"), seed=2, count=4))
    turns = []
    while not session.finished:
        turns.append(session.player.name)
        session.answer(right_answer(session))  # type: ignore[arg-type]
        session.advance()
    assert turns == ["Ann", "Bo", "Ann", "Bo"]
    assert [p.asked for p in session.players] == [2, 2]


def test_timed_mode_gives_a_time_bonus_and_times_out(bank: Bank) -> None:
    clock = FakeClock()
    trade = next(q for q in bank.questions if q.id == "trade-china-2024")  # easy: 20 seconds
    session = Session([(bank, trade), (bank, trade)], mode="timed", clock=clock)
    session.shown()
    clock.now += 10
    assert session.time_limit == 20
    assert session.answer("$95 billion").points.time_bonus == 25
    session.advance()
    session.shown()
    clock.now += 21
    outcome = session.time_out()
    assert outcome.timed_out and not outcome.correct


def test_practice_mode_has_no_clock(bank: Bank) -> None:
    assert new_session([bank], GameSettings(seed=1)).time_limit is None


def test_hot_seat_takes_at_most_eight_players(bank: Bank) -> None:
    with pytest.raises(SessionError, match="at most 8 players"):
        new_session([bank], GameSettings(players=tuple(f"P{n}" for n in range(9))))


@pytest.mark.parametrize(("kinds", "loaded"), [(("choice",), False), (("choice", "text"), True)])
def test_prepare_loads_the_typo_distance_only_for_games_with_typed_names(
    kinds: tuple[str, ...], loaded: bool
) -> None:
    demo = Path(__file__).parent.parent / "data" / "demo.yaml"
    code = (
        "import sys\n"
        "from dataclasses import replace\n"
        "from pathlib import Path\n"
        "from quiz.engine.loader import load_bank\n"
        "from quiz.engine.games import new_session\n"
        "from quiz.engine.session import GameSettings\n"
        f"bank = load_bank(Path({str(demo)!r}))\n"
        f"questions = [q for q in bank.questions if q.kind in {kinds!r}]\n"
        "session = new_session([replace(bank, questions=questions)], GameSettings(count=None))\n"
        "print('rapidfuzz' in sys.modules)\n"
        "session.prepare()\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", str(loaded)], result.stderr
