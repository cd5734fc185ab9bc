"""Pilot tests: a student playing the game with the keyboard (and the mouse)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.screen import Screen
from textual.widgets import Input

from quiz.ui.screens.confirm import ConfirmScreen
from quiz.ui.screens.game import GameScreen
from quiz.ui.screens.results import ResultsScreen
from quiz.ui.screens.start import StartScreen
from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.feedback import FeedbackPanel
from quiz.ui.widgets.keybar import KeyBar
from quiz.ui.widgets.passage import HIGHLIGHT
from tests.ui.helpers import (
    advance_to,
    answer_current,
    demo_bank,
    feedback_of,
    make_app,
    text_of,
    until,
)


async def test_start_screen_starts_a_game_with_the_name_typed() -> None:
    app = make_app(player=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")  # no name yet: stays, and says why
        assert isinstance(app.screen, StartScreen)
        await pilot.press(*"Ann", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.screen.session.players[0].name == "Ann"
        assert "Question 1 of 5" in str(app.screen.query_one("StatusBar").render())


async def test_a_whole_game_of_every_type_to_the_results() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        kinds = []
        for number in range(1, 6):
            kinds.append(screen.session.current.question.kind)
            await answer_current(pilot, right=number != 2)
            panel = screen.query_one(FeedbackPanel)
            assert panel.display
            assert str(screen.query_one(KeyBar).render()) == " ⏎ Next  q Quit "
            verdict = feedback_of(pilot)
            assert verdict.startswith("✔ Right!" if number != 2 else "✘ Wrong.")
            await pilot.press("enter" if number % 2 else "space")  # either goes on
            await pilot.pause()
        assert sorted(kinds) == sorted(["choice", "multi", "truefalse", "number", "text"])
        assert isinstance(app.screen, ResultsScreen)
        summary = text_of(pilot, ".summary")
        assert "80%  (4 right of 5)" in summary
        assert "Best streak  3" in summary
        assert "•" in text_of(pilot, ".missed")


async def test_wrong_answer_shows_the_right_one_the_feedback_and_the_source() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, question_id="trade-china-2024")
        choices = screen.session.current.choices
        await pilot.press(str(choices.index("$64 billion") + 1), "enter")
        await pilot.pause()
        feedback = feedback_of(pilot)
        assert "✘ Wrong." in feedback and "Right answer: $95 billion" in feedback
        assert "Your answer: $64 billion" in feedback
        assert "Why: China is now the region's largest trading partner" in feedback
        assert "About your choice: That is the European Union's figure" in feedback
        assert "Source: China’s Xi Visits Kazakhstan" in feedback and "France 24" in feedback
        # The evidence comes last, each line marked by the bar, its excerpt highlighted.
        lines = screen.query_one(FeedbackPanel).lines
        evidence = [line for line in lines if line.plain.startswith("▌ ")]
        assert evidence and lines[-len(evidence) :] == evidence
        assert evidence[0].plain.startswith("▌ Although Russia expresses support")
        highlighted = " ".join(
            line.plain[span.start : span.end]
            for line in evidence
            for span in line.spans
            if span.style == HIGHLIGHT
        )
        assert highlighted.startswith("In 2024, trade with China")


async def test_hint_shows_and_halves_the_points() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        while screen.session.current.question.id != "trade-china-2024":
            await pilot.press("?")  # no hint on these: the key does nothing
            assert not screen.query_one("#hint").display
            await answer_current(pilot, right=True)
            await pilot.press("enter")
        streak = screen.session.player.streak
        await pilot.press("?")
        await pilot.pause()
        assert text_of(pilot, "#hint") == "Hint: Think of the largest of the three partners."
        await answer_current(pilot, right=True)
        outcome = screen.session.outcomes[-1]
        assert (
            outcome.hint_used and outcome.points.base == 100 and outcome.points.hint_penalty == 50
        )
        assert outcome.points.streak_bonus == round(50 * min(0.5, 0.1 * streak))
        assert "- 50 hint" in feedback_of(pilot)


async def test_hint_key_works_while_an_answer_is_typed() -> None:
    """`?` is never part of an answer (answers are compared without punctuation): in the typed
    input it shows the hint, and the footer offers it."""
    bank = demo_bank()
    questions = [
        replace(q, hint="A hub on the border.") if q.id == "khorgos" else q for q in bank.questions
    ]
    app = make_app(bank=replace(bank, questions=questions))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, question_id="khorgos")
        assert screen.query_one("#typed", Input).has_focus
        assert "? Hint" in str(screen.query_one(KeyBar).render())
        await pilot.press("K", "?")
        await pilot.pause()
        assert text_of(pilot, "#hint") == "Hint: A hub on the border."
        assert screen.query_one("#typed", Input).value == "K"


async def test_typed_answers_forgive_case_and_typos() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, question_id="khorgos")
        assert screen.query_one("#typed", Input).has_focus
        await pilot.press("enter")  # empty: not an answer
        assert not screen.session.answered
        await pilot.press(*"KHORGAS", "enter")
        await pilot.pause()
        assert feedback_of(pilot).startswith("✔ Right!")


async def test_review_mistakes_replays_only_the_missed_questions() -> None:
    app = make_app(seed=4)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        missed = []
        for number in range(5):
            if number in (1, 3):
                missed.append(screen.session.current.question.id)
            await answer_current(pilot, right=number not in (1, 3))
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, GameScreen)
        assert [a.question.id for a in review.session.asked] == missed
        await answer_current(pilot, right=True)
        assert "Why: " in feedback_of(pilot)


async def test_quit_asks_first_and_no_keeps_playing() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        assert screen.session.current.question.kind in ("choice", "truefalse", "multi")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.is_running
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_feedback_keeps_its_keys_after_a_dialog_or_a_restored_focus() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        await answer_current(pilot, right=True)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")  # the hidden answer widget, focused again, takes no keys
        await pilot.pause()
        assert screen.session.number == 2 and not screen.session.answered
        answered = screen.session.current.question.input
        await answer_current(pilot, right=False)
        screen.query_one(f"#{answered}").focus()  # as a terminal regaining focus restores it
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.number == 3


async def test_a_typed_answer_s_feedback_takes_space_and_q_as_the_screen_s_keys() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="text")
        await answer_current(pilot, right=True)
        typed = screen.query_one("#typed", Input)
        assert app.focused is typed  # kept, hidden: a focus change would redraw the screen
        assert str(screen.query_one(KeyBar).render()) == " ⏎ Next  q Quit "
        given, number = typed.value, screen.session.number
        await pilot.press("x")
        assert typed.value == given  # nothing is typed into the hidden input
        await pilot.press("space")  # space goes on
        await pilot.pause()
        assert screen.session.number == number + 1 and not screen.session.answered
        await answer_current(pilot, right=True)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_escape_asks_before_quitting_while_typing() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="text")
        await pilot.press("q")  # a letter of the answer, not a quit
        assert screen.query_one("#typed", Input).value == "q"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x")  # back to typing where the player was
        assert screen.query_one("#typed", Input).value == "qx"


async def test_mouse_click_answers_a_choice() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="choice")
        await pilot.click("#choice", offset=(5, 1))
        await pilot.pause()
        assert screen.session.answered


async def test_bank_text_is_never_markup(write_bank) -> None:  # type: ignore[no-untyped-def]
    from quiz.engine.loader import load_bank

    path = write_bank(
        "title: '[b]Bank[/b]'\nquestions:\n"
        "  - id: q\n    topic: '[red]T'\n    prompt: '[bold]Who[/] [@click=app.quit]clicks[/]?'\n"
        "    choices: ['[link=https://x.test]a[/link]', '[/]']\n    answer: '[/]'\n"
        "    explanation: '[i]because[/i]'\n    context: '[@click=app.bell]c[/]'\n"
    )
    app = make_app(bank=load_bank(path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert (
            text_of(pilot, "#prompt").splitlines()[0] == "[bold]Who[/] [@click=app.quit]clicks[/]?"
        )
        await pilot.click("#prompt", offset=(20, 0))
        screen = app.screen
        assert isinstance(screen, GameScreen)
        link = screen.session.current.choices.index("[link=https://x.test]a[/link]")
        await pilot.press(str(link + 1), "enter")
        await pilot.pause()
        assert app.is_running
        assert "[i]because[/i]" in feedback_of(pilot)
        assert "[link=https://x.test]a[/link]" in feedback_of(pilot)


async def test_small_terminal_keeps_everything_reachable() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        prompt = screen.query_one("#prompt")
        assert prompt.region.width <= 60 and prompt.region.height >= 1
        await answer_current(pilot, right=False)
        panel = screen.query_one(FeedbackPanel)
        assert panel.region.bottom <= 20
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert panel.region.bottom <= 30
        await pilot.press("enter")
        assert screen.session.number == 2


async def test_timed_mode_counts_down_and_times_out() -> None:
    from quiz.engine.session import GameSettings
    from quiz.ui.app import QuizApp
    from tests.ui.helpers import FakeClock, demo_bank, feedback_shown, until

    clock = FakeClock()
    app = QuizApp(
        [demo_bank()], GameSettings(players=("Ann",), seed=1, mode="timed"), ask=False, clock=clock
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        limit = screen.session.time_limit
        assert limit is not None
        clock.now += limit - 5
        await until(pilot, lambda: "5s left" in str(screen.query_one("StatusBar").render()))
        clock.now += 6
        await until(pilot, lambda: feedback_shown(pilot))
        assert feedback_of(pilot).startswith("⏱ Time is up.")
        assert not screen.session.outcomes[-1].correct


async def test_keys_scroll_long_feedback_and_a_typed_space_stays_in_the_answer() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await advance_to(pilot, kind="text")
        await pilot.press(*"a b")
        assert screen.query_one("#typed", Input).value == "a b"  # not taken as "Next"
        await pilot.press("enter")
        await pilot.pause()
        panel = screen.query_one(FeedbackPanel)
        assert panel.display and panel.max_scroll_y > 0  # more feedback than fits at 60×20
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert panel.scroll_y > 0
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        assert panel.scroll_y == panel.max_scroll_y
        await pilot.press("home")
        await pilot.wait_for_scheduled_animations()
        assert panel.scroll_y == 0
        number = screen.session.number
        await pilot.press("space")
        await pilot.pause()
        assert screen.session.number == number + 1
        assert isinstance(app.focused, AnswerInput)  # the next answer has the keys


async def test_what_the_game_needs_is_made_while_question_1_is_read() -> None:
    """After the first frame, the feedback panel and an answer widget for every kind of question
    in the game are made, hidden: no later question waits for a widget to be built."""
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        assert len(screen.query("#answer-area > *")) == 1  # question 1's own, at its frame
        await until(pilot, lambda: len(screen.query("#answer-area > *")) == 3)
        shown = [w.id for w in screen.query("#answer-area > *") if w.display]
        made = sorted(w.id or "" for w in screen.query("#answer-area > *"))
        assert made == ["choice", "multi", "typed"]  # the demo bank asks every kind
        assert len(shown) == 1 and not screen.query_one(FeedbackPanel).display
        for _ in range(4):  # each next question shows its kind's widget, reused
            await answer_current(pilot, right=True)
            await pilot.press("enter")
            await pilot.pause()
            shown = [w.id for w in screen.query("#answer-area > *") if w.display]
            assert shown == [screen.session.current.question.input]
        assert sorted(w.id or "" for w in screen.query("#answer-area > *")) == made


@pytest.mark.parametrize(("size", "height_class"), [((80, 24), "-tall"), ((60, 20), "-short")])
async def test_a_screen_is_made_with_the_class_of_the_terminals_height(
    size: tuple[int, int], height_class: str
) -> None:
    """The app gives a screen its height class before the screen is styled (Textual would add
    it at the screen's first resize and style every widget again); the same class Textual gives."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = app.sized(Screen[None]())
        assert {name for name in screen.classes if name in ("-short", "-tall")} == {height_class}
        await pilot.pause()
        assert height_class in app.screen.classes  # the game screen, as Textual left it


async def test_the_feedback_s_text_can_be_selected_with_the_mouse() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        await answer_current(pilot, right=False)
        panel = screen.query_one(FeedbackPanel)
        await pilot.mouse_down(panel, offset=(2, 1))  # inside the border and the padding
        await pilot.hover(panel, offset=(10, 2))
        await pilot.mouse_up(panel, offset=(10, 2))
        await pilot.pause()
        first, second = panel.lines[0].plain, panel.lines[1].plain
        assert screen.get_selected_text() == first + "\n" + second[:9]  # to the cell let go on
        assert "".join(s.text for s in panel.render_line(0)).startswith(first)  # drawn as ever
