"""`quiz play --player`: names separated by commas take turns, as on the start screen, under
the same rule (no name twice, capitals and spaces aside)."""

from __future__ import annotations

import pytest

from quiz.cli import main, parse_arguments
from quiz.cli.play import player_names


@pytest.mark.parametrize("names", ["Ann, Ann", "Ann,ann", " ANN , Bo, ann "])
def test_the_same_name_twice_is_refused(names: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["play", "--player", names])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    (line,) = err.splitlines()
    assert line.startswith("quiz: --player: two players are called ")


def test_an_empty_name_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--player", " , "]) == 2
    assert capsys.readouterr().err == "quiz: --player: type a player's name first\n"


def test_names_separated_by_commas_take_turns() -> None:
    assert player_names(parse_arguments(["--player", " Ann , Bo "])) == ("Ann", "Bo")
    assert player_names(parse_arguments(["--player", "Ann"])) == ("Ann",)
    assert player_names(parse_arguments([])) == ("Player",)
