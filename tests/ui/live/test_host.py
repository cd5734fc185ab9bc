"""Pilot tests of the teacher's app on the real game: the lobby, a question, its reveal, the
leaderboard and the end, driven by the teacher's keys and by a game that moves on by itself."""

from __future__ import annotations

from collections import deque

from textual.widgets import Digits, OptionList, Static

from quiz.engine.question_types.match import MatchQuestion
from quiz.ui.live.end import EndScreen
from quiz.ui.live.leaderboard import LeaderboardScreen
from quiz.ui.live.lobby import LobbyScreen
from quiz.ui.live.marks import mark
from quiz.ui.live.question import QuestionScreen
from quiz.ui.live.remove import RemoveScreen
from quiz.ui.live.reveal import RevealScreen
from quiz.ui.live.widgets import Countdown, NameTiles, TallyChart
from quiz.ui.screens.confirm import ConfirmScreen
from quiz.ui.widgets.keybar import KeyBar
from tests.ui.live.conftest import NAMES, HostBench, match_asked, order_asked

SIZE = (80, 24)


def shown(bench: HostBench, selector: str) -> str:
    """The plain text a Static shows on the current screen."""
    return str(bench.app.screen.query_one(selector, Static).render())


def keys(bench: HostBench) -> str:
    """The footer's line of keys."""
    return str(bench.app.screen.query_one(KeyBar).render())


def standings(bench: HostBench) -> list[list[str]]:
    """The leaderboard's rows shown, split in words."""
    rows = bench.app.screen.query(".standing").results(Static)
    return [str(row.render()).split() for row in rows if row.display]


async def test_the_lobby_shows_where_to_join_the_code_and_who_joined(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        screen = bench.app.screen
        assert isinstance(screen, LobbyScreen)
        join = shown(bench, "#join-how")
        assert "http://192.168.1.20:8765" in join
        assert "quiz join 192.168.1.20:8765 --code 123456" in join
        assert screen.query_one("#code", Digits).value == "123 456"
        assert shown(bench, "#joined") == "Waiting for students to join…"
        for name in NAMES[:3]:
            bench.join(name)
            await pilot.pause()
        assert shown(bench, "#joined") == "3 students joined"
        tiles = str(screen.query_one(NameTiles).render())
        assert all(name in tiles for name in NAMES[:3])
        bench.leave("Bob")
        await pilot.pause()
        assert "Bob (away)" in str(screen.query_one(NameTiles).render())


async def test_enter_starts_the_game_once_someone_has_joined(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        assert "⏎ Start the game" in keys(bench)
        await pilot.press("enter")
        await pilot.pause()
        assert bench.game.phase == "lobby"  # nobody yet: Enter does nothing
        bench.join("Ann")
        await pilot.press("enter")
        await pilot.pause()
        assert bench.game.phase == "question"
        assert isinstance(bench.app.screen, QuestionScreen)


async def test_the_teacher_removes_a_name_picked_from_a_list(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:3])
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(bench.app.screen, RemoveScreen)
        assert keys(bench).split() == ["↑↓", "Choose", "⏎", "Remove", "esc", "Cancel"]
        await pilot.press("escape")  # changed their mind
        await pilot.pause()
        assert len(bench.game.active_players) == 3
        await pilot.press("x", "down", "enter")
        await pilot.pause()
        assert [p.name for p in bench.game.active_players] == ["Ann", "Chen"]
        assert isinstance(bench.app.screen, LobbyScreen)
        assert shown(bench, "#joined") == "2 students joined"
        assert "Bob" not in str(bench.app.screen.query_one(NameTiles).render())


async def test_a_question_counts_answers_down_the_seconds_and_obeys_the_teacher(
    bench: HostBench,
) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:4])
        await pilot.press("enter")
        await pilot.pause()
        screen = bench.app.screen
        assert isinstance(screen, QuestionScreen)
        assert "Question 1 of 5" in str(screen.query_one("#question-info Static").render())
        tiles = [str(tile.render()) for tile in screen.query(".choice-tile").results(Static)]
        assert len(tiles) == 4
        assert tiles[0].startswith("A ▲") and tiles[3].startswith("D ■")
        assert shown(bench, "#answered") == "0 of 4 answered"
        bench.clock.now = 5.5
        bench.pick("Ann", "$95 billion")
        await pilot.pause(0.3)
        assert shown(bench, "#answered") == "1 of 4 answered"
        assert screen.query_one(Countdown).seconds == 15  # easy: 20 s, 5.5 gone
        assert "p Pause" in keys(bench)
        await pilot.press("p")
        await pilot.pause()
        assert bench.game.paused
        assert "p Resume" in keys(bench) and "Pause" not in keys(bench)
        assert screen.query_one(Countdown).paused
        await pilot.press("plus")
        await pilot.pause()
        assert screen.query_one(Countdown).seconds == 25
        await pilot.press("p")
        await pilot.pause()
        assert not bench.game.paused
        await pilot.press("e")
        await pilot.pause()
        assert bench.game.phase == "reveal"
        assert isinstance(bench.app.screen, RevealScreen)


async def test_the_reveal_comes_by_itself_when_time_is_up(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join("Ann", "Bob")
        await pilot.press("enter")
        bench.tick(19.0)
        await pilot.pause()
        assert isinstance(bench.app.screen, QuestionScreen)
        bench.tick(20.0)
        await pilot.pause()
        assert isinstance(bench.app.screen, RevealScreen)


async def test_the_reveal_comes_by_itself_when_everyone_answered(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join("Ann", "Bob")
        await pilot.press("enter")
        bench.pick("Ann", "$95 billion")
        await pilot.pause()
        assert isinstance(bench.app.screen, QuestionScreen)
        bench.pick("Bob", "$44 billion")
        await pilot.pause()
        assert isinstance(bench.app.screen, RevealScreen)


async def test_the_reveal_shows_the_answer_the_split_and_the_evidence(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:4])
        await pilot.press("enter")
        for name, answer in zip(NAMES, ["$95 billion", "$95 billion", "$64 billion"], strict=False):
            bench.pick(name, answer)
        await pilot.press("e")
        await pilot.pause()
        screen = bench.app.screen
        assert isinstance(screen, RevealScreen)
        assert shown(bench, "#reveal-answer") == "✔ Right answer: C ● $95 billion"
        assert shown(bench, "#reveal-class") == "2 of 4 right · 3 answered"
        chart = str(screen.query_one(TallyChart).render()).splitlines()
        assert chart[2].startswith("C ● $95 billion ✔") and chart[2].endswith("2")
        assert chart[1].startswith("B ◆ $64 billion") and chart[1].endswith("1")
        assert chart[0].endswith("0")  # numeric choices are shown in order: A is $44 billion
        assert "largest trading partner" in shown(bench, "#reveal-why")
        assert "France 24" in shown(bench, "#reveal-source")
        passage = screen.query_one("Passage", Static).render()
        spans = [str(passage)[s.start : s.end] for s in passage.spans]  # type: ignore[attr-defined]
        assert any(span.startswith("In 2024, trade with China") for span in spans)
        assert "⏎ Leaderboard" in keys(bench)


async def test_typed_answers_show_the_commonest_answers(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:5])
        bench.skip_to(4)  # a number question
        await pilot.pause()
        assert "Students type a number, in billion US dollars" in shown(bench, "#question-how")
        assert not bench.app.screen.query(".choice-tile")
        for name, typed in zip(NAMES[:4], ["44", "44", "45", "64"], strict=True):
            bench.answer(name, typed)
        await pilot.press("e")
        await pilot.pause()
        assert shown(bench, "#reveal-answer") == "✔ Right answer: 44 billion US dollars"
        assert shown(bench, "#reveal-class") == "3 of 5 right · 4 answered · the commonest answers:"
        chart = str(bench.app.screen.query_one(TallyChart).render()).splitlines()
        assert chart[0].startswith("44 ✔") and chart[0].endswith("2")
        assert chart[1].startswith("45 ✔") and chart[1].endswith("1")  # within the tolerance
        assert chart[2].startswith("64 ") and chart[2].endswith("1")


async def test_enter_goes_from_reveal_to_leaderboard_to_the_next_question(
    bench: HostBench,
) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:6])
        await pilot.press("enter")
        bench.pick("Ann", "$95 billion")
        await pilot.press("e", "enter")
        await pilot.pause()
        assert isinstance(bench.app.screen, LeaderboardScreen)
        assert standings(bench)[0] == ["1", "Ann", "150"]  # nobody moves on the first
        assert shown(bench, "#board-note") == "Top 5 of 6 students."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(bench.app.screen, QuestionScreen)
        assert bench.app.screen.number == 2
        bench.pick("Farida", "Kazakhstan", "Kyrgyzstan")
        await pilot.press("e", "enter")
        await pilot.pause()
        rows = standings(bench)
        assert rows[0][:2] == ["1", "Farida"] and rows[0][-2:] == ["▲", "1"]
        assert rows[1][:3] == ["2", "Ann", "150"] and rows[1][-2:] == ["▼", "1"]


async def test_the_teacher_removes_a_name_from_the_leaderboard_too(bench: HostBench) -> None:
    """A late joiner's unwelcome name first shows on the leaderboard: `x` takes it off there."""
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:3])
        await pilot.press("enter")
        bench.pick("Bob", "$95 billion")
        await pilot.press("e", "enter")
        await pilot.pause()
        assert isinstance(bench.app.screen, LeaderboardScreen)
        assert "x Remove a student" in keys(bench)
        await pilot.press("x", "enter")  # Ann, the first name
        await pilot.pause()
        assert isinstance(bench.app.screen, LeaderboardScreen)
        assert [row[1] for row in standings(bench)] == ["Bob", "Chen"]
        assert shown(bench, "#board-note") == "Top 2 of 2 students."


async def test_after_the_last_question_enter_shows_the_final_results(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join("Ann", "Bob")
        bench.skip_to(5)
        await pilot.pause()
        bench.answer("Ann", "Khorgas")
        await pilot.press("e")
        await pilot.pause()
        assert "⏎ Final results" in keys(bench)
        await pilot.press("enter")
        await pilot.pause()
        screen = bench.app.screen
        assert isinstance(screen, EndScreen)
        assert shown(bench, "#end-played") == "5 questions · 2 students"
        names = [str(s.render()) for s in screen.query(".podium-name").results(Static)]
        assert names == ["Bob", "Ann"]  # second on the left, first in the middle
        assert "quiz report --game 17" in shown(bench, "#end-report")
        await pilot.press("q")  # the game is over: no confirmation
        await pilot.pause()
    assert bench.app.return_code == 0


async def test_q_ends_the_game_after_a_confirmation(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:3])
        await pilot.press("enter", "q")
        await pilot.pause()
        assert isinstance(bench.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(bench.app.screen, QuestionScreen)
        await pilot.press("q", "y")
        await pilot.pause()
        assert bench.game.phase == "ended"
        assert isinstance(bench.app.screen, EndScreen)
        assert shown(bench, "#end-played") == "1 of 5 questions · 3 students"


async def test_q_in_the_lobby_closes_it_after_a_confirmation(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(bench.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert bench.game.phase == "ended"
    assert bench.app.return_code == 0


async def test_a_phase_that_changes_under_a_dialog_shows_when_it_closes(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join("Ann")
        await pilot.press("enter", "q")
        await pilot.pause()
        bench.tick(30.0)  # time is up while the teacher reads the dialog
        await pilot.pause()
        assert isinstance(bench.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(bench.app.screen, RevealScreen)


async def test_names_are_shown_literally(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join("[bold]Ann[/]", "Bob")
        await pilot.pause()
        tiles = str(bench.app.screen.query_one(NameTiles).render())
        assert "[bold]Ann[/]" in tiles
        await pilot.press("x")
        await pilot.pause()
        options = bench.app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert labels == ["[bold]Ann[/]", "Bob"]


async def test_ctrl_c_asks_like_q_and_quits_at_the_end(bench: HostBench) -> None:
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join("Ann")
        await pilot.press("enter", "ctrl+c")
        await pilot.pause()
        assert isinstance(bench.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(bench.app.screen, EndScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert bench.app.return_code == 0


async def test_an_order_question_and_its_reveal() -> None:
    bench = HostBench(order_asked())
    async with bench.app.run_test(size=SIZE) as pilot:
        bench.join(*NAMES[:3])
        await pilot.press("enter")
        await pilot.pause()
        assert shown(bench, "#question-how") == (
            "Students put these in order on their screens, first at the top."
        )
        tiles = [str(t.render()) for t in bench.app.screen.query(".choice-tile").results(Static)]
        assert len(tiles) == 3 and tiles[0].startswith("A ▲")
        asked = bench.game.current
        assert asked is not None
        right = [asked.choices.index(item) for item in ("China", "European Union", "Russia")]
        bench.answer("Ann", right)
        bench.answer("Bob", right)
        bench.answer("Chen", list(reversed(right)))
        await pilot.pause()
        assert isinstance(bench.app.screen, RevealScreen)
        marks = [mark(index) for index in right]  # as the tiles showed them
        assert shown(bench, "#reveal-answer").splitlines() == [
            "✔ Right order:",
            f"  1. {marks[0]} China",
            f"  2. {marks[1]} European Union",
            f"  3. {marks[2]} Russia",
        ]
        chart = str(bench.app.screen.query_one(TallyChart).render()).splitlines()
        letters = [each[0] for each in marks]
        assert chart[0].startswith(" → ".join(letters) + " ✔") and chart[0].endswith("2")
        assert chart[1].startswith(" → ".join(reversed(letters)) + " ") and chart[1].endswith("1")


async def test_a_match_question_and_its_reveal_on_the_projector() -> None:
    """Items numbered, partners marked as choices are (ten of them: eight pairs and two
    distractors), the right matches one a line and the commonest matches written short."""
    bench = HostBench(match_asked())
    async with bench.app.run_test(size=(120, 40)) as pilot:
        bench.join(*NAMES[:3])
        await pilot.press("enter")
        await pilot.pause()
        asked = bench.game.current
        assert asked is not None and isinstance(asked.question, MatchQuestion)
        how = shown(bench, "#question-how")
        assert how.startswith("Students match each item to its partner below, on their screens:")
        assert "1. Kazakhstan" in how and "8. " in how
        tiles = [str(t.render()) for t in bench.app.screen.query(".choice-tile").results(Static)]
        assert len(tiles) == 10 and tiles[9].startswith("J ♣")
        right = [asked.choices.index(partner) for partner in asked.question.partners]
        wrong = [*right[1:], right[0]]
        bench.answer("Ann", right)
        bench.answer("Bob", wrong)
        bench.answer("Chen", wrong)
        await pilot.pause()
        assert isinstance(bench.app.screen, RevealScreen)
        lines = shown(bench, "#reveal-answer").splitlines()
        assert lines[0] == "✔ Right matches:"
        assert lines[1] == f"  1. Kazakhstan → {mark(right[0])} {asked.question.partners[0]}"
        chart = str(bench.app.screen.query_one(TallyChart).render()).splitlines()
        letters = [mark(index)[0] for index in wrong]
        assert chart[0].startswith(" ".join(f"{n}→{letter}" for n, letter in enumerate(letters, 1)))
        assert chart[0].endswith("2") and chart[1].endswith("1") and "✔" in chart[1]


class NewsRecorder:
    """A recorder with news of the scores file for the teacher, as `LiveRecorder` gives it
    while another program holds the file (one message a call, oldest first)."""

    live_game_id = 5

    def __init__(self) -> None:
        self.news = deque(["Saving is delayed: another program is using the scores file."])

    def take_problem(self) -> str | None:
        return self.news.popleft() if self.news else None

    def begin(self, game: object, now: float) -> None: ...
    def save(self, game: object, now: float, *, force: bool = False) -> None: ...
    def flush(self) -> None: ...


async def test_news_of_the_scores_file_is_shown_to_the_teacher_once_each() -> None:
    recorder = NewsRecorder()
    bench = HostBench(recorder=recorder)
    async with bench.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        recorder.news += ["Saved: every answer is in the scores file.", "Saved again."]
        bench.join("Ann")  # the app asks after each change (and every second)
        await pilot.pause()
        messages = [str(n.message) for n in bench.app._notifications]
        assert messages == [
            "Saving is delayed: another program is using the scores file.",
            "Saved: every answer is in the scores file.",
            "Saved again.",
        ]
