"""Spaced repetition with a fixed clock, and the teacher reports with their exact columns."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.engine import reports
from quiz.engine.games import new_session, review_session
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.recording import GameRecorder
from quiz.engine.reports import Filters
from quiz.engine.review import describe_wait, plan_review, record_review
from quiz.engine.session import GameSettings, SessionError
from quiz.engine.store import Store

DATA = Path(__file__).parent.parent / "data"
T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def bank() -> Bank:
    return load_bank(DATA / "demo.yaml")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    return Store.open(tmp_path / "quiz.db", now=clock).store


def play(store: Store, bank: Bank, player: str, right: set[str], seed: int = 1) -> None:
    """A whole game in which the questions whose ids are in `right` are answered rightly."""
    recorder = GameRecorder(store)
    session = new_session(
        [bank], GameSettings(players=(player,), seed=seed, count=None), observers=[recorder]
    )
    while not session.finished:
        question = session.current.question
        if question.id in right:
            answer: object = question.answer
            if question.kind == "multi":
                answer = frozenset(question.answer)  # type: ignore[arg-type]
            elif question.kind == "number":
                answer = str(question.answer)
        else:
            answer = {"multi": frozenset(), "truefalse": not getattr(question, "answer", True)}.get(
                question.kind, "$64 billion" if question.kind == "choice" else "wrong"
            )
        session.answer(answer)  # type: ignore[arg-type]
        session.advance()


class TestReview:
    def test_wrong_comes_back_soon_right_later(
        self, store: Store, bank: Bank, clock: Clock
    ) -> None:
        right, wrong = bank.questions[0], bank.questions[1]
        due_wrong = record_review(store, "Ann", "demo", wrong, False, False, T0)
        due_right = record_review(store, "Ann", "demo", right, True, False, T0)
        assert due_wrong - T0 <= timedelta(minutes=5)
        assert due_right > due_wrong
        again = record_review(store, "Ann", "demo", right, True, False, due_right)
        assert again - due_right > due_right - T0  # each right answer waits longer

    def test_a_first_answer_never_waits(
        self, store: Store, bank: Bank, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An answer is recorded in the player's key press: nothing in it may sleep (fsrs's
        `Card()` sleeps a millisecond to make its default id unique)."""
        import time

        def no_sleep(seconds: float) -> None:
            raise AssertionError(f"slept {seconds} s while recording an answer")

        monkeypatch.setattr(time, "sleep", no_sleep)
        for question in bank.questions:
            record_review(store, "Ann", "demo", question, True, False, T0)

    def test_due_questions_most_overdue_first(self, store: Store, bank: Bank, clock: Clock) -> None:
        play(store, bank, "Ann", right={"khorgos"})
        plan = plan_review(store, "Ann", [bank], T0)
        assert plan.due == [] and plan.met == 5
        plan = plan_review(store, "Ann", [bank], T0 + timedelta(minutes=5))
        assert "khorgos" not in [q.id for _, q in plan.due]
        assert len(plan.due) == 4
        assert plan.next_due is not None
        later = plan_review(store, "Ann", [bank], T0 + timedelta(days=30))
        assert [q.id for _, q in later.due][-1] == "khorgos"  # due last: the least overdue

    def test_nothing_due_says_when(self, store: Store, bank: Bank) -> None:
        assert describe_wait(plan_review(store, "Nobody", [bank], T0), T0).startswith(
            "Nothing to review yet"
        )
        record_review(store, "Ann", "demo", bank.questions[0], True, False, T0)
        plan = plan_review(store, "Ann", [bank], T0)
        assert "Nothing is due for review now; the next question is due in 10 minute(s)" in (
            describe_wait(plan, T0)
        )

    def test_an_edited_answer_drops_the_old_card(self, store: Store, bank: Bank) -> None:
        question = bank.questions[0]
        record_review(store, "Ann", "demo", question, False, False, T0)
        edited = replace(question, answer="$64 billion")
        edited_bank = replace(bank, questions=(edited, *bank.questions[1:]))
        assert plan_review(store, "Ann", [edited_bank], T0 + timedelta(days=1)).due == []
        assert plan_review(store, "Ann", [bank], T0 + timedelta(days=1)).due != []

    def test_review_session_plays_the_due_questions(self, store: Store, bank: Bank) -> None:
        play(store, bank, "Ann", right=set())
        plan = plan_review(store, "Ann", [bank], T0 + timedelta(hours=1))
        session = review_session(plan, GameSettings(players=("Ann",), count=2))
        assert session.mode == "review" and session.total == 2
        with pytest.raises(SessionError):
            review_session(plan, GameSettings(players=("Ann", "Bo")))


class TestReports:
    def test_answers_report_columns_and_filters(
        self, store: Store, bank: Bank, clock: Clock
    ) -> None:
        play(store, bank, "Ann", right={"khorgos", "trade-russia"})
        clock.now = T0 + timedelta(days=2)
        play(store, bank, "Bo", right=set())
        rows = reports.answers_report(store, Filters())
        assert len(rows) == 10
        assert tuple(rows[0]) == reports.ANSWER_COLUMNS
        assert len(reports.answers_report(store, Filters(player="Bo"))) == 5
        assert len(reports.answers_report(store, Filters(since=T0 + timedelta(days=1)))) == 5
        assert reports.answers_report(store, Filters(bank="other")) == []

    def test_csv_has_exact_columns_and_safe_cells(self, store: Store, bank: Bank) -> None:
        play(store, bank, '=HYPERLINK("x")', right=set())
        text = reports.to_csv(reports.answers_report(store, Filters()), reports.ANSWER_COLUMNS)
        parsed = list(csv.reader(io.StringIO(text)))
        assert parsed[0] == list(reports.ANSWER_COLUMNS)
        assert all(row[0] == '\'=HYPERLINK("x")' for row in parsed[1:])
        assert {row[7] for row in parsed[1:]} == {"no"}

    def test_json_report(self, store: Store, bank: Bank) -> None:
        play(store, bank, "Ann", right={"khorgos"})
        rows = json.loads(reports.to_json(reports.answers_report(store, Filters())))
        khorgos = next(r for r in rows if r["question_id"] == "khorgos")
        assert khorgos["correct"] is True and khorgos["player"] == "Ann"
        assert khorgos["answered_at"] == "2026-11-28T09:00:00Z"

    def test_by_question_hardest_first_with_popular_wrong_answers(
        self, store: Store, bank: Bank
    ) -> None:
        play(store, bank, "Ann", right={"khorgos", "trade-china-2024"})
        play(store, bank, "Bo", right={"khorgos"})
        play(store, bank, "Cy", right={"khorgos"})
        rows = reports.question_report(store, Filters())
        assert tuple(rows[0]) == reports.QUESTION_COLUMNS
        assert rows[-1]["question_id"] == "khorgos" and rows[-1]["share_right"] == 1.0
        trade = next(r for r in rows if r["question_id"] == "trade-china-2024")
        assert (trade["answered"], trade["right"], trade["wrong_answers"]) == (
            3,
            1,
            {"$64 billion": 2},
        )
        assert rows[0]["share_right"] == 0.0

    def test_leaderboard_best_game_per_player(self, store: Store, bank: Bank) -> None:
        play(store, bank, "Ann", right=set())
        play(store, bank, "Ann", right={"khorgos", "trade-russia"})
        play(store, bank, "Bo", right={"khorgos"})
        board = reports.leaderboard(store, "demo")
        assert [(r["rank"], r["player"]) for r in board] == [(1, "Ann"), (2, "Bo")]
        assert board[0]["score"] > board[1]["score"] and board[0]["accuracy"] == 0.4

    def test_table(self) -> None:
        table = reports.to_table([{"a": "x" * 50, "b": 1.5}], ["a", "b"])
        assert table.splitlines()[2].startswith("x" * 39 + "…")

    def test_table_shows_nothing_as_an_empty_cell(self) -> None:
        """A game played alone has no class game: its cell is empty, as in CSV, not `None`."""
        table = reports.to_table([{"a": None, "b": 7}, {"a": 3, "b": None}], ["a", "b"])
        assert [line.rstrip() for line in table.splitlines()[2:]] == ["   7", "3"]


HOSTILE_ANSWERS = {
    5: ("answer", "=HYPERLINK(1)"),  # a formula: its batch goes cell by cell
    9: ("answer", 'Astana, "Almaty"'),  # a comma and quotes: csv.writer quotes it
    13: ("answer", "bell\x07 and \u202ebidi"),  # control and bidi characters
    17: ("points", "lots"),  # a text where a number belongs (a damaged store)
    18: ("seconds", "slow"),
    21: ("seconds", 0.1 + 0.2),  # a real that needs 17 digits
    22: ("answer", "None"),  # the text None, not a missing value
    25: ("topic", "Тарих ＝ history"),  # beyond ASCII, a full-width `=` inside
}


@pytest.mark.parametrize("form", ["csv", "json"])
def test_streamed_answers_are_the_rows_written_the_slow_way(
    store: Store, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """`write_answers` (a batch at a time, each checked, a hostile batch in the middle of the
    report written the slow way) writes what `write_report` writes from `answer_rows`, every
    cell through the rule, byte for byte: clean batches before and after a hostile one, texts
    in number columns, values beyond ASCII; an answer of a class game with its game's id, one
    played alone with none."""
    with store.transaction() as db:
        db.execute("INSERT INTO players(name, created_at) VALUES ('Ann', 'x'), ('Жанна', 'x')")
        db.execute(
            "INSERT INTO live_games(id, title, bank, questions, started_at, state)"
            " VALUES (7, 'Class', 'demo', 10, 'x', '{}')"
        )
        db.execute(
            "INSERT INTO games(player_id, bank, mode, seed, started_at, questions, live_game_id)"
            " VALUES (1, 'demo', 'practice', 1, 'x', 10, NULL), (2, 'demo', 'live', 2, 'x', 10, 7)"
        )
        for n in range(30):
            db.execute(
                "INSERT INTO answers(game_id, bank, question_id, question_hash, topic,"
                " difficulty, answer, correct, points, seconds, hint_used, answered_at)"
                " VALUES (?, 'demo', ?, 'h', 'Trade', 'easy', 'an answer', ?, 100, 4.5, ?, ?)",
                (1 + n % 2, f"q{n}", n % 3 == 0, n % 5 == 0, f"2026-11-28T09:{n // 2:02}:00Z"),
            )
        for n, (column, value) in HOSTILE_ANSWERS.items():
            db.execute(f"UPDATE answers SET {column} = ? WHERE question_id = ?", (value, f"q{n}"))
    monkeypatch.setattr(reports, "BATCH_ROWS", 4)
    fast = io.StringIO()
    assert reports.write_answers(store, Filters(), form, fast) == 30  # type: ignore[arg-type]
    slow = io.StringIO()
    rows = lambda: reports.answer_rows(store, Filters())  # noqa: E731
    reports.write_report(rows, reports.ANSWER_COLUMNS, form, slow)
    assert fast.getvalue() == slow.getvalue()
    assert "'=HYPERLINK(1)" in fast.getvalue() or form == "json"
    assert "\\u202e" in fast.getvalue() and "\x07" not in fast.getvalue()
    if form == "json":
        live = {(row["player"], row["live_game_id"]) for row in json.loads(fast.getvalue())}
        assert live == {("Ann", None), ("Жанна", 7)}
    else:
        rows = list(csv.DictReader(io.StringIO(fast.getvalue())))
        assert {(row["player"], row["live_game_id"]) for row in rows} == {
            ("Ann", ""),
            ("Жанна", "7"),
        }


@pytest.mark.parametrize("form", ["csv", "json"])
@pytest.mark.parametrize("live_game", [None, 7])
def test_clean_answers_take_the_fast_path_with_or_without_a_class_game(
    store: Store, bank: Bank, monkeypatch: pytest.MonkeyPatch, live_game: int | None, form: str
) -> None:
    """A clean batch is written by its template, whether its answers were given alone
    (`live_game_id` NULL: `null` in JSON, an empty last cell in CSV) or in a class game: no
    row goes a slower way. (An empty last cell once read as a formula's start, `,\r`.)"""
    from quiz.engine import report_output

    play(store, bank, "Ann", right={"khorgos"})
    with store.transaction() as db:
        db.execute(
            "INSERT INTO live_games(id, title, bank, questions, started_at, state)"
            " VALUES (7, 'Class', 'demo', 5, 'x', '{}')"
        )
        db.execute("UPDATE games SET live_game_id = ?", (live_game,))

    def slow_way(row: dict[str, object], first: bool) -> str:
        raise AssertionError(f"written row by row: {row}")

    def slower_way(text: str, rows: int) -> bool:
        raise AssertionError(f"not written by the template: {text!r}")

    monkeypatch.setattr(report_output, "_json_item", slow_way)
    monkeypatch.setattr(report_output, "_csv_batch_unchanged", slower_way)
    out = io.StringIO()
    assert reports.write_answers(store, Filters(), form, out) == 5  # type: ignore[arg-type]
    if form == "json":
        assert {row["live_game_id"] for row in json.loads(out.getvalue())} == {live_game}
    else:
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert {row["live_game_id"] for row in rows} == {"" if live_game is None else "7"}
