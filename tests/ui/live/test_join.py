"""Pilot tests of the student's app, `quiz join`, on a real game: joining, every kind of
question answered with the solo game's keys, the result after the reveal, the rank, the end,
and what happens when the connection drops or the host refuses."""

from __future__ import annotations

from textual.widgets import Input, Static

from quiz.engine.question_types.match import MatchQuestion
from quiz.live.client import Ending
from quiz.ui.live.name import NameScreen
from quiz.ui.live.student import StudentScreen
from quiz.ui.screens.confirm import ConfirmScreen
from quiz.ui.widgets.keybar import KeyBar
from tests.ui.helpers import screen_text, unsafe_on_screen
from tests.ui.live.classroom import Classroom
from tests.ui.live.conftest import match_asked, order_asked

SIZE = (60, 20)


def shown(app: object, selector: str) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one(selector, Static).render())


async def test_the_name_is_asked_when_not_given_and_checked_at_once() -> None:
    room = Classroom()
    app = room.app(name=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NameScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, "#name-problem") == "Type a name to join."
        await pilot.press(*"Ann", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen)
        assert [p.name for p in room.game.players] == ["Ann"]
        room.join("Bob")
        await pilot.pause()
        waiting = shown(app, "#waiting-text")
        assert "You're in, Ann!" in waiting
        assert "Waiting for the teacher to start the game." in waiting
        assert "2 players in the game so far." in waiting


async def test_a_choice_is_answered_with_a_letter_or_a_number_and_locked_once() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.join("Bob")
        room.teacher("start")
        await pilot.pause()
        assert "Question 1 of 5" in shown(app, "#status")
        assert "20s left" in shown(app, "#status")
        assert "China's trade" in shown(app, "#prompt")
        assert shown(app, "#how") == "Press A–D (or 1–4) or use the arrows, then Enter."
        options = app.screen.query_one("#choice")
        labels = [str(entry) for entry in options.entries]  # type: ignore[attr-defined]
        assert labels[0] == " A ▲  $44 billion" and labels[2] == " C ●  $95 billion"
        await pilot.press("c", "enter")
        await pilot.pause()
        assert room.client().answers == [(1, 2)]
        assert shown(app, "#locked").startswith("✔ Answer locked: $95 billion")
        assert "Waiting for the others…" in shown(app, "#locked")
        await pilot.press("1", "enter")  # locked: nothing more is sent
        await pilot.pause()
        assert room.client().answers == [(1, 2)]
        assert "⏎" not in str(app.screen.query_one(KeyBar).render())


async def test_every_kind_of_question_sends_what_the_host_takes() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.skip_to(2)  # multi: 1-4 or letters toggle, Enter sends
        await pilot.pause()
        assert shown(app, "#how").startswith("Pick every right answer: A–D (or 1–4)")
        asked = room.game.current
        assert asked is not None
        wanted = [asked.choices.index(c) for c in ("Kazakhstan", "Kyrgyzstan")]
        await pilot.press(*(str(i + 1) for i in wanted), "enter")
        await pilot.pause()
        room.skip_to(3)  # true/false
        await pilot.pause()
        await pilot.press("a", "enter")
        await pilot.pause()
        room.skip_to(4)  # number
        await pilot.pause()
        assert shown(app, "#how") == "Type a number, in billion US dollars, then press Enter."
        assert isinstance(app.screen.focused, Input)
        await pilot.press("enter")  # nothing typed: not an answer
        await pilot.press(*"44", "enter")
        await pilot.pause()
        room.skip_to(5)  # text
        await pilot.pause()
        await pilot.press(*"Khorgas", "enter")
        await pilot.pause()
        assert room.client().answers == [(2, sorted(wanted)), (3, 0), (4, "44"), (5, "Khorgas")]
        room.teacher("close_question")
        player = room.game.player("Ann")
        assert player is not None and (player.right, player.asked) == (4, 5)  # 1 skipped


async def test_the_result_shows_right_or_wrong_points_place_and_the_evidence() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.join("Bob", "Chen")
        room.teacher("start")
        await pilot.pause()
        room.answer("Bob", room.game.current.choices.index("$95 billion"))  # type: ignore[union-attr]
        room.clock.now = 4.0
        await pilot.press("a", "enter")  # $44 billion (figures in order): wrong
        await pilot.pause()
        room.teacher("close_question")
        await pilot.pause()
        verdict = shown(app, "#verdict")
        assert verdict.startswith("✘ Wrong.  No points")
        assert "Your answer: $44 billion" in verdict
        assert "Right answer:  C ●  $95 billion" in verdict
        assert shown(app, "#place") == "You are 2nd of 3 · 0 points"
        assert "largest trading partner" in shown(app, "#why")
        passage = app.screen.query_one("#passage", Static).render()
        spans = [str(passage)[s.start : s.end] for s in passage.spans]  # type: ignore[attr-defined]
        assert any(span.startswith("In 2024, trade with China") for span in spans)
        assert shown(app, "#source-line") == (
            "Source: China’s Xi Visits Kazakhstan to Strengthen Ties with Central Asia — France 24"
        )
        room.teacher("advance")
        await pilot.pause()
        assert shown(app, "#standing-you") == "You are 2nd of 3 · 0 points"
        top = shown(app, "#standing-top")
        assert top.splitlines()[1:] == ["  1  Bob   150", "  2  Ann     0  ◀ you", "  2  Chen    0"]


async def test_a_right_answer_earns_points_and_a_place() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.join("Bob")
        room.teacher("start")
        room.clock.now = 10.0
        await pilot.press("c", "enter")
        room.teacher("close_question")
        await pilot.pause()
        verdict = shown(app, "#verdict")
        assert verdict.startswith("✔ Right!  +125 points")  # easy 100, half the time left
        assert "Right answer" not in verdict
        assert shown(app, "#place") == "You are 1st of 2 · 125 points"
        assert "125 points · 1st of 2" in shown(app, "#status")


async def test_time_running_out_without_an_answer() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("start")
        room.teacher("pause")
        await pilot.pause()
        assert "· paused ·" in shown(app, "#status")
        room.teacher("resume")
        room.tick(25.0)
        await pilot.pause()
        assert shown(app, "#verdict").startswith("⏱ No answer in time.")


async def test_a_late_joiner_waits_for_the_next_question() -> None:
    room = Classroom()
    room.join("Bob")
    room.teacher("start")
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "you take part from the next question" in shown(app, "#waiting-text")
        room.teacher("close_question")
        room.teacher("advance")
        room.teacher("advance")
        await pilot.pause()
        assert "Question 2 of 5" in shown(app, "#status")


async def test_the_end_shows_the_final_place_and_q_leaves_at_once() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.join("Bob")
        room.teacher("start")
        await pilot.press("c", "enter")
        room.teacher("end")
        await pilot.pause()
        final = shown(app, "#final-you")
        assert "The game is over." in final
        assert "You are 1st of 2 · 150 points" in final and "1 of 1 right" in final
        assert "  1  Ann  150  ◀ you" in shown(app, "#final-podium")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_asks_before_leaving_a_game_under_way() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("start")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen)
        room.skip_to(4)
        await pilot.pause()
        await pilot.press("q")  # typing: q is a letter
        await pilot.pause()
        assert app.screen.query_one("#typed", Input).value == "q"
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.return_code == 0
    assert not room.clients  # the connection was closed


async def test_a_lost_connection_is_shown_and_an_answer_can_be_tried_again() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("start")
        await pilot.pause()
        room.client().drop()
        await pilot.pause()
        assert app.screen.query_one("#connection").display
        assert "reconnecting" in shown(app, "#connection")
        await pilot.press("c", "enter")
        await pilot.pause()
        assert room.client().answers == []
        assert "your answer was not sent" in shown(app, "#answer-note")
        assert app.screen.query_one("#answer-area").display  # still answerable
        room.client().reconnect()
        await pilot.pause()
        assert not app.screen.query_one("#connection").display
        await pilot.press("enter")
        await pilot.pause()
        assert room.client().answers == [(1, 2)]
        assert not app.screen.query_one("#answer-note").display
        assert shown(app, "#locked").startswith("✔ Answer locked: $95 billion")


async def test_a_taken_name_is_asked_again() -> None:
    room = Classroom()
    room.join("Ann")
    app = room.app(name="Ann")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        assert (
            shown(app, "#name-problem")
            == "Someone in the game has that name: add your initial, say."
        )
        await pilot.press("ctrl+a", "ctrl+k", *"Ann B", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen)
        assert "You're in, Ann B!" in shown(app, "#waiting-text")


async def test_a_wrong_code_says_what_to_do_and_exits_with_status_1() -> None:
    room = Classroom()
    app = room.app(code="999999")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = shown(app, "#waiting-text")
        assert text.startswith("That is not this game's code.")
        assert "Check the code on the projector" in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_removed_student_is_told() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("remove", "Ann")
        await pilot.pause()
        assert shown(app, "#waiting-text") == "The teacher removed you from the game."


async def test_texts_from_the_bank_and_names_are_literal() -> None:
    room = Classroom()
    app = room.app(name="[red]Ann")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "You're in, [red]Ann!" in shown(app, "#waiting-text")
        assert shown(app, "#status").startswith("[red]Ann")


def test_ending_reasons_need_no_network() -> None:
    assert Ending("closed", "x").reason == "closed"


TITLE = "\x1b]0;owned\x07"
"""Sets the terminal's title, if printed raw."""
FLIPPED = "\u202e\x9b2J"
"""Reads backwards and clears the screen (a C1 CSI), if printed raw."""


async def test_what_a_host_sends_reaches_the_terminal_escaped() -> None:
    """Every text of every message the student's screen shows, from a host that sends control
    characters: none reaches the terminal raw."""
    room = Classroom()
    app = room.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        say = app.host_said
        bad = TITLE + FLIPPED
        say({"type": "welcome", "name": "Ann" + bad, "score": 0, "rank": 0})
        say({"type": "lobby", "players": 3})
        await pilot.pause()
        assert unsafe_on_screen(app) == []
        assert "\\x1b]0;owned\\x07" in screen_text(app)
        question = {"type": "question", "number": 1, "total": 2, "kind": "choice"}
        say({**question, "prompt": "P" + bad, "choices": ["a" + bad, "b"], "seconds_left": 9})
        await pilot.pause()
        assert unsafe_on_screen(app) == []
        say(
            {
                "type": "reveal",
                "number": 1,
                "answer": bad,
                "right": [0],
                "explanation": bad,
                "passage": [{"text": "x" + bad, "highlights": [[0, 3]]}],
            }
        )
        say(
            {
                "type": "result",
                "number": 1,
                "took_part": True,
                "answered": True,
                "given": bad,
                "correct": False,
                "note": bad,
                "feedback": [bad],
                "breakdown": {
                    "headings": [bad, bad],
                    "rows": [{"given": bad, "right": bad, "correct": False, "remark": bad}],
                },
                "score": 0,
                "rank": 2,
                "players": 2,
            }
        )
        await pilot.pause()
        assert unsafe_on_screen(app) == []
        say(
            {
                "type": "leaderboard",
                "number": 1,
                "total": 2,
                "players": 2,
                "top": [{"name": bad, "score": 5, "rank": 1, "moved": 0}],
            }
        )
        await pilot.pause()
        assert unsafe_on_screen(app) == []
        say(
            {
                "type": "end",
                "podium": [{"name": bad, "score": 5, "rank": 1}],
                "players": 2,
                "you": {"rank": 2, "score": 0, "right": 0, "asked": 1},
            }
        )
        await pilot.pause()
        assert unsafe_on_screen(app) == []


async def test_odd_messages_from_a_host_do_not_stop_the_app() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for message in (
            {"type": "question", "number": "1", "choices": "abc", "seconds_left": "soon"},
            {"type": "reveal", "right": [99, "x"], "passage": [{"text": 5}, "p"]},
            {"type": "result", "score": None},
            {"type": "leaderboard", "top": [1, None, {"name": 3}]},
            {"type": "end", "you": []},
            {"type": "timer", "number": None},
            {"type": "nonsense"},
        ):
            app.host_said(message)
            await pilot.pause()
        assert isinstance(app.screen, StudentScreen)


async def test_ctrl_c_asks_before_leaving() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("start")
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert not room.clients


async def test_an_order_is_put_in_order_and_its_breakdown_shown() -> None:
    room = Classroom(order_asked())
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("start")
        await pilot.pause()
        asked = room.game.current
        assert asked is not None
        assert shown(app, "#how").startswith("Put them in order, first at the top")
        items = list(asked.choices)
        right = ["China", "European Union", "Russia"]
        typed = "".join(str(items.index(item) + 1) for item in reversed(right))  # all wrong way
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert room.client().answers == [(1, [items.index(i) for i in reversed(right)])]
        assert shown(app, "#locked").startswith("✔ Answer locked: Russia → European Union → China")
        room.teacher("close_question")
        await pilot.pause()
        assert shown(app, "#verdict").startswith("✘ Wrong.")
        assert "Your answer" not in shown(app, "#verdict")  # the table gives both
        table = str(app.screen.query_one("#breakdown").render())
        assert "1. Russia" in table and "1. China" in table and "belongs 3rd" in table
        room.teacher("advance")
        room.teacher("advance")
        await pilot.pause()
        items = list(room.game.current.choices)  # type: ignore[union-attr]
        wanted = ["Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan"]
        await pilot.press(*"".join(str(items.index(item) + 1) for item in wanted), "enter")
        room.teacher("close_question")
        await pilot.pause()
        assert shown(app, "#verdict").startswith("✔ Right!")
        assert not app.screen.query_one("#breakdown").display


async def test_a_question_of_an_unknown_input_says_to_update() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.host_said(
            {
                "type": "question",
                "number": 1,
                "total": 1,
                "kind": "hotspot",  # a kind (and input) from a newer quiz
                "input": "hotspot",
                "prompt": "Click the map",
                "choices": ["a", "b"],
                "seconds_left": 30,
            }
        )
        await pilot.pause()
        assert "needs a newer quiz" in shown(app, "#how")
        assert not app.screen.query_one("#answer-area").display


async def test_a_match_is_answered_with_numbers_and_letters_and_its_breakdown_shown() -> None:
    """Each item's number then its partner's letter, as in the solo game; the host gets each
    item's partner's index; the result shows the matches part by part."""
    room = Classroom(match_asked())
    app = room.app()
    async with app.run_test(size=SIZE) as pilot:
        room.teacher("start")
        await pilot.pause()
        asked = room.game.current
        assert asked is not None and isinstance(asked.question, MatchQuestion)
        partners = list(asked.question.partners)
        right = [asked.choices.index(partner) for partner in partners]
        wrong = [*right[:-2], right[-1], right[-2]]  # the last two swapped
        for number, partner in enumerate(wrong, 1):
            await pilot.press(str(number), "abcdefghij"[partner])
        await pilot.press("enter")
        await pilot.pause()
        assert room.client().answers == [(1, wrong)]
        assert shown(app, "#locked").startswith("✔ Answer locked: Kazakhstan → ")
        room.teacher("close_question")
        await pilot.pause()
        assert shown(app, "#verdict").startswith("✘ Wrong.")
        table = str(app.screen.query_one("#breakdown").render())
        assert "Kazakhstan" in table and partners[-1] in table


async def test_the_status_line_stays_one_line_in_a_small_terminal() -> None:
    """At 60 columns a long name, a score in thousands and a place still fit one line: written
    short, the name cut last."""
    room = Classroom()
    name = "Aleksandra-Gulnara K"  # 20 characters, the longest a name may be
    app = room.app(name=name)
    async with app.run_test(size=SIZE) as pilot:
        room.join("Bob", "Chen")
        room.teacher("start")
        await pilot.pause()
        await pilot.press("c", "enter")  # $95 billion, right
        room.teacher("close_question")
        room.teacher("advance")
        room.teacher("advance")
        await pilot.pause()
        status = app.screen.query_one("#status", Static)
        assert status.size.height == 1
        line = str(status.render())
        assert "Q2/5" in line and "s · " in line and "pts · 1st/3" in line, line
        assert line.startswith("Aleksandra")
    async with Classroom().app(name="Ann").run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert str(pilot.app.screen.query_one("#status", Static).render()).endswith("0 points")


async def test_a_student_back_mid_game_sees_their_place_among_the_class() -> None:
    room = Classroom()
    app = room.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        welcome = {"type": "welcome", "name": "Ann", "title": "T", "score": 150, "rank": 2}
        app.host_said({**welcome, "players": 28})
        await pilot.pause()
        assert str(app.screen.query_one("#status", Static).render()).endswith(
            "150 points · 2nd of 28"
        )
