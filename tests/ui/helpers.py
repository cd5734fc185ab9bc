"""Shared helpers for the UI tests: the demo bank, a fake clock, answering by keys, and what
reaches the terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.question_types.base import Response
from quiz.engine.session import Asked, GameSettings
from quiz.engine.terminal_safety import UNSAFE_CHARACTERS
from quiz.ui.app import QuizApp
from quiz.ui.screens.game import GameScreen

DATA = Path(__file__).parent.parent / "data"
BANKS = Path(__file__).parent.parent / "banks"
"""Banks of the question types answered in parts (`order`, `match`): see its README."""


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


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait, a tick at a time, until `condition()` holds (the countdown ticks every 0.25 s;
    on a busy machine a tick can come late); fail after `seconds`."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


def feedback_shown(pilot: Pilot[None]) -> bool:
    """Whether an answer's feedback shows: the panel is displayed and its text laid out. Not
    `session.answered`: a time-out marks the question answered, then makes the feedback panel
    if the game had not made it yet (a mount, which awaits), and only then fills and shows it.
    Not `display` alone: a panel shown for the first time has no size until the next layout,
    which wraps its text to the width it gets (before the frame that draws it)."""
    from quiz.ui.widgets.feedback import FeedbackPanel

    return any(panel.display and panel.lines for panel in pilot.app.screen.query(FeedbackPanel))


def feedback_of(pilot: Pilot[None]) -> str:
    """The feedback panel's text as the player reads it, its lines joined by spaces (so that a
    phrase is found wherever a line breaks)."""
    from quiz.ui.widgets.feedback import FeedbackPanel

    return " ".join(pilot.app.screen.query_one(FeedbackPanel).text.split())


def feedback_table(pilot: Pilot[None]) -> list[str]:
    """The breakdown table in the feedback panel (its second block, after the verdict), line
    by line as shown, each without its trailing spaces."""
    from quiz.ui.widgets.feedback import FeedbackPanel

    lines = [line.plain.rstrip() for line in pilot.app.screen.query_one(FeedbackPanel).lines]
    start = lines.index("") + 1
    return lines[start : lines.index("", start)]


def text_of(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows."""
    widget = pilot.app.screen.query_one(selector, Static)
    return str(widget.render())


def wrong_response(asked: Asked) -> Response:
    """A wrong answer to the question, of the shape its input gives."""
    question = asked.question
    right = question.right_response()
    kind = question.input
    if kind == "choice":
        return next(choice for choice in asked.choices if not question.check(choice).correct)
    if kind == "multi":
        assert isinstance(right, frozenset)
        return right ^ {asked.choices[0]}
    if kind == "typed":
        return "zzz"
    if kind == "order":
        assert isinstance(right, tuple)
        return tuple(reversed(right))
    if kind == "match":  # each item given the next item's partner
        assert isinstance(right, tuple)
        return (*right[1:], right[0])
    raise AssertionError(f"no wrong answer known for the input {kind!r}")


def keys_for(asked: Asked, response: Response) -> list[str]:
    """The keys a player presses to give `response` to the question on screen: its typed form
    (every answer input takes it), then Enter."""
    return [*asked.question.typed_form(response, asked.choices), "enter"]


async def answer_current(pilot: Pilot[None], *, right: bool) -> None:
    """Answer the question on screen by keys, rightly or wrongly, as a player would."""
    screen = pilot.app.screen
    assert isinstance(screen, GameScreen)
    asked = screen.session.current
    response = asked.question.right_response() if right else wrong_response(asked)
    await pilot.press(*keys_for(asked, response))
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
