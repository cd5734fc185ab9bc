"""Player names: one rule for the start screen, --player and the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.engine.games import new_session
from quiz.engine.loader import load_bank
from quiz.engine.players import MAX_PLAYERS, parse_players, player_problem
from quiz.engine.session import GameSettings, SessionError

DATA = Path(__file__).parent.parent / "data"


def test_names_are_separated_by_commas_and_trimmed() -> None:
    assert parse_players(" Ann ,Bo,, ") == ["Ann", "Bo"]
    assert player_problem(["Ann", "Bo"]) is None


@pytest.mark.parametrize(
    "line", ["Ann, Ann", "Ann, ann", " Ann , ANN ", "Bo, Ann, Cy, ann", "Ärni, ärni"]
)
def test_the_same_name_twice_is_refused_capitals_and_spaces_aside(line: str) -> None:
    problem = player_problem(parse_players(line))
    assert problem is not None and problem.startswith("two players are called")


def test_no_name_or_too_many_names_are_refused() -> None:
    assert player_problem(parse_players(" , ")) == "type a player's name first"
    many = [f"P{number}" for number in range(MAX_PLAYERS + 1)]
    assert player_problem(many) == f"at most {MAX_PLAYERS} players take turns"


def test_a_session_refuses_two_players_of_one_name() -> None:
    bank = load_bank(DATA / "demo.yaml")
    with pytest.raises(SessionError, match="two players are called 'Ann' and 'ann'"):
        new_session([bank], GameSettings(players=("Ann", "ann"), seed=1))
