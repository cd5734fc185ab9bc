"""Shared helpers for the UI tests: the demo bank, a fake clock, answering by keys, and what
reaches the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.engine.loader import load_bank
from quiz.engine.model import Bank, MultiQuestion, NumberQuestion, TextQuestion, TrueFalseQuestion
from quiz.engine.session import GameSettings
from quiz.engine.terminal_safety import UNSAFE_CHARACTERS
from quiz.ui.app import QuizApp
from quiz.ui.screens.game import GameScreen

DATA = Path(__file__).parent.parent / "data"


class FakeClock:
    """Time that moves only when a test says so: snapshots never show a real clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def demo_bank() -> Bank:
    """The five-question demo bank (one question of every type)."""
    return load_bank(DATA / "demo.yaml")


def make_app(
    *, player: str | None = "Ann", seed: int = 1, count: int | None = None, bank: Bank | None = None
) -> QuizApp:
    """The app as the CLI builds it, seeded, on a fake clock; starts at question 1 with a player."""
    settings = GameSettings(players=(player or "Player",), seed=seed, count=count)
    return QuizApp([bank or demo_bank()], settings, ask=player is None, clock=FakeClock())


def text_of(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows."""
    widget = pilot.app.screen.query_one(selector, Static)
    return str(widget.render())


async def answer_current(pilot: Pilot[None], *, right: bool) -> None:
    """Answer the question on screen by keys, rightly or wrongly, as a player would."""
    screen = pilot.app.screen
    assert isinstance(screen, GameScreen)
    asked = screen.session.current
    question = asked.question
    if isinstance(question, NumberQuestion):
        typed = str(int(question.answer)) if right else "123456"
        await pilot.press(*typed, "enter")
    elif isinstance(question, TextQuestion):
        await pilot.press(*(question.answer if right else "wrong"), "enter")
    elif isinstance(question, MultiQuestion):
        wanted = set(question.answer) if right else {asked.choices[0]} ^ set(question.answer)
        keys = [str(i + 1) for i, choice in enumerate(asked.choices) if choice in wanted]
        await pilot.press(*keys, "enter")
    else:
        if isinstance(question, TrueFalseQuestion):
            truth = question.answer if right else not question.answer
            target = "True" if truth else "False"
        else:
            target = (
                question.answer if right else next(c for c in asked.choices if c != question.answer)
            )
        await pilot.press(str(asked.choices.index(target) + 1), "enter")
    await pilot.pause()


async def advance_to(
    pilot: Pilot[None], *, question_id: str | None = None, kind: str | None = None
) -> GameScreen:
    """Answer rightly until the question on screen has this id (or is of this kind)."""
    screen = pilot.app.screen
    assert isinstance(screen, GameScreen)
    while True:
        question = screen.session.current.question
        if question.id == question_id or question.kind == kind:
            break
        await answer_current(pilot, right=True)
        await pilot.press("enter")
    await pilot.pause()
    return screen


def screen_text(app: App[Any]) -> str:
    """Every character the current screen sends to the terminal, line by line (no styles)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def unsafe_on_screen(app: App[Any]) -> list[str]:
    """The control and bidi characters the screen would send to the terminal: none, when every
    text from a bank, the store or a person went through `terminal_safe`."""
    return sorted({char for char in screen_text(app) if char in UNSAFE_CHARACTERS} - {"\n"})
