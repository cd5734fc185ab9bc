"""Previewing with --watch: edits under a running game show at once; errors replace the game."""

from __future__ import annotations

import os
from pathlib import Path

from quiz.authoring.starter import write_starter
from quiz.engine.session import GameSettings
from quiz.engine.watch import FileWatcher
from quiz.ui.app import QuizApp
from quiz.ui.screens.errors import ErrorsScreen
from quiz.ui.screens.game import GameScreen
from tests.ui.helpers import FakeClock, answer_current, text_of


def save(path: Path, text: str) -> None:
    """Write and move the modification time on, as an editor's save does."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


async def test_edits_reload_in_place_and_errors_show_until_fixed(tmp_path: Path) -> None:
    bank = tmp_path / "planets.yaml"
    write_starter(bank)
    original = bank.read_text()
    app = QuizApp(
        [],
        GameSettings(players=("Teacher",)),
        ask=False,
        clock=FakeClock(),
        watcher=FileWatcher([bank]),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        assert screen.session.current.question.id == "red-planet"  # file order
        await answer_current(pilot, right=True)
        await pilot.press("enter")
        assert screen.session.current.question.id == "rocky-planets"

        save(bank, original.replace("Which of these are rocky planets?", "Which are ROCKY?"))
        screen.check_files()
        await pilot.pause()
        assert screen.session.current.question.id == "rocky-planets"  # same question
        assert text_of(pilot, "#prompt").startswith("Which are ROCKY?")

        save(bank, original.replace("answer: Mars", "anwser: Mars"))
        screen.check_files()
        await pilot.pause()
        errors = app.screen
        assert isinstance(errors, ErrorsScreen)
        listing = text_of(pilot, "#errors-list")
        assert "planets.yaml:" in listing and "unknown field 'anwser'" in listing

        save(bank, original)
        screen.check_files()  # the game's own timer keeps running under the errors screen
        errors.check_files()
        await pilot.pause()
        assert app.screen is screen
        assert screen.session.current.question.id == "rocky-planets"


async def test_a_bank_broken_from_the_start_waits_for_a_fix(tmp_path: Path) -> None:
    bank = tmp_path / "b.yaml"
    write_starter(bank)
    good = bank.read_text()
    save(bank, "title: [unclosed\n")
    app = QuizApp([], GameSettings(), ask=False, clock=FakeClock(), watcher=FileWatcher([bank]))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ErrorsScreen)
        assert "not valid YAML" in text_of(pilot, "#errors-list")
        save(bank, good)
        app.screen.check_files()
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
