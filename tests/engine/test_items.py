"""Item analysis on a store whose answers are set by hand, with every figure computed by hand.

Six players answer the demo bank's five questions (first answers; R right, W wrong):

    player  trade-china  summit-countries  independence  trade-russia  khorgos  total
    P1      R $95        R Kaz, Kyr        W False       R 44          R        4
    P2      R $95        R Kaz, Kyr        W False       R 44          R Horgos 4
    P3      R $95        W Kaz             R True        W 50          R        3
    P4      W $64        R Kaz, Kyr        R True        R 44          W        3
    P5      W $64        W Kaz, Afg        R True        W 30          W        1
    P6      W $44        W Kaz, Kyr, Afg   R True        W 10          W        1

Groups of round(27% of 6) = 2 players, ranked by their share right on the four *other* questions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.engine.items import ITEM_COLUMNS, discrimination, group_size, item_analysis
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.store import Store

DATA = Path(__file__).parent.parent / "data"

ANSWERS = {
    "P1": ("$95 billion", "Kazakhstan, Kyrgyzstan", "False", "44", "Khorgos"),
    "P2": ("$95 billion", "Kazakhstan, Kyrgyzstan", "False", "44", "Horgos"),
    "P3": ("$95 billion", "Kazakhstan", "True", "50", "khorgos"),
    "P4": ("$64 billion", "Kazakhstan, Kyrgyzstan", "True", "44", "Astana"),
    "P5": ("$64 billion", "Kazakhstan, Afghanistan", "True", "30", "Almaty"),
    "P6": ("$44 billion", "Kazakhstan, Kyrgyzstan, Afghanistan", "True", "10", "no idea"),
}
RIGHT = {
    "P1": (1, 1, 0, 1, 1),
    "P2": (1, 1, 0, 1, 1),
    "P3": (1, 0, 1, 0, 1),
    "P4": (0, 1, 1, 1, 0),
    "P5": (0, 0, 1, 0, 0),
    "P6": (0, 0, 1, 0, 0),
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def bank() -> Bank:
    return load_bank(DATA / "demo.yaml")


def fill(store: Store, bank: Bank) -> Store:
    """The answers of the table above, and two that must not count."""
    questions = list(bank.questions)
    # P3 first met an earlier version of trade-china (other choices): left out.
    older = replace(questions[0], choices=["$95 billion", "$1 billion"])
    game = store.start_game("P3", "demo", "practice", 1, 1)
    store.record_answer(game, "demo", older, "$1 billion", False, 0, 3.0, False)
    for player, given in ANSWERS.items():
        game = store.start_game(player, "demo", "practice", 1, len(questions))
        for question, answer, right in zip(questions, given, RIGHT[player], strict=True):
            store.record_answer(game, "demo", question, answer, bool(right), 100, 3.0, False)
    # P4 tries trade-china again and gets it right: only first answers count.
    game = store.start_game("P4", "demo", "practice", 2, 1)
    store.record_answer(game, "demo", questions[0], "$95 billion", True, 100, 3.0, False)
    return store


@pytest.fixture
def store(tmp_path: Path, bank: Bank) -> Store:
    return fill(Store.open(tmp_path / "quiz.db", now=Clock()).store, bank)


def test_every_figure_as_computed_by_hand(store: Store, bank: Bank) -> None:
    rows = {row["question_id"]: row for row in item_analysis(store, [bank], "demo")}
    assert list(rows) == [q.id for q in bank.questions]  # the bank's order
    assert tuple(rows["trade-china-2024"]) == ITEM_COLUMNS
    # Rest shares: P1, P2 and P4 3/4; P3 2/4; P5, P6 1/4. Upper: three tied at 3/4 for two
    # places, 2 of them right: 2 x 2/3 = 4/3 right in 2 -> 2/3. Lower: P5, P6 both wrong -> 0.
    assert rows["trade-china-2024"] == {
        "bank": "demo",
        "question_id": "trade-china-2024",
        "type": "choice",
        "answered": 6,
        "right": 3,
        "unanswered": 0,
        "facility": 0.5,
        "discrimination": 0.667,
        "picks": {"$44 billion": 1, "$64 billion": 2, "$95 billion": 3, "$150 billion": 0},
        "flags": ["never picked: $150 billion"],
    }
    # Rest shares: P1, P2 4/4 (both wrong here); P3, P4 2/4; P5, P6 0/4 (both right).
    independence = rows["independence-1991"]
    assert (independence["facility"], independence["discrimination"]) == (0.667, -1.0)
    assert independence["picks"] == {"True": 4, "False": 2}
    assert independence["flags"] == ["stronger players do worse"]
    multi = rows["summit-countries"]
    assert multi["picks"] == {"Kazakhstan": 6, "Kyrgyzstan": 4, "Afghanistan": 2, "Mongolia": 0}
    assert (multi["facility"], multi["discrimination"]) == (0.5, 0.667)
    assert multi["flags"] == ["never picked: Mongolia"]
    number = rows["trade-russia"]
    assert number["picks"] == {"44": 3, "50": 1, "30": 1, "10": 1}
    assert (number["right"], number["discrimination"], number["flags"]) == (3, 0.667, [])
    # Typed answers: the same answer typed differently counts once, as it was first typed.
    assert rows["khorgos"]["picks"] == {
        "Khorgos": 2,
        "Horgos": 1,
        "Astana": 1,
        "Almaty": 1,
        "no idea": 1,
    }


def test_an_unknown_bank_or_question_still_counts_answers(store: Store) -> None:
    rows = item_analysis(store, [], "demo")
    trade = next(row for row in rows if row["question_id"] == "trade-china-2024")
    # Without the bank, every version counts: P3's first answer is to the older one.
    assert (trade["type"], trade["answered"], trade["right"]) == ("unknown", 6, 2)
    assert trade["picks"] == {"$64 billion": 2, "$95 billion": 2, "$1 billion": 1, "$44 billion": 1}


def test_no_answers_no_rows(store: Store, bank: Bank) -> None:
    assert item_analysis(store, [bank], "other") == []


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(0.9, True), (0.8, True), (0.5, True), (0.2, False), (0.1, False)], 1.0),  # groups of 1
        ([(0.9, False), (0.8, True), (0.5, True), (0.2, True), (0.1, True)], -1.0),
        ([(0.5, True), (0.5, False), (0.5, True), (0.5, False), (0.5, True)], 0.0),  # all tied
        ([(0.9, True), (0.8, True), (0.5, True), (0.2, True)], None),  # too few players
    ],
)
def test_discrimination(pairs: list[tuple[float, bool]], expected: float | None) -> None:
    assert discrimination(pairs) == expected


def test_rows_for_a_table_or_csv(store: Store, bank: Bank) -> None:
    from quiz.engine import reports
    from quiz.engine.items import flat

    rows = flat(item_analysis(store, [bank], "demo"))
    text = reports.to_csv(rows, ITEM_COLUMNS)
    lines = text.splitlines()
    assert lines[0] == ",".join(ITEM_COLUMNS)
    assert lines[1] == (
        "demo,trade-china-2024,choice,6,3,0,0.5,0.667,"
        "$44 billion ×1; $64 billion ×2; $95 billion ×3; $150 billion ×0,"
        "never picked: $150 billion"
    )


def test_quiz_report_items(
    bank: Bank, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv
    import io
    import json

    from quiz.cli import main
    from quiz.engine.paths import store_path

    monkeypatch.setenv("QUIZ_PATH", str(DATA))  # where the demo bank's choices come from
    fill(Store.open(store_path(), now=Clock()).store, bank).close()
    assert main(["report", "--items", "--bank", "demo"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == list(ITEM_COLUMNS)
    assert table[2].split()[:7] == ["demo", "trade-china-2024", "choice", "6", "3", "0", "0.5"]
    assert table[2].endswith("never picked: $150 billion")
    assert main(["report", "--items", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[2]["flags"] == ["stronger players do worse"]
    assert main(["report", "--items", "--format", "csv"]) == 0
    parsed = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert parsed[0] == list(ITEM_COLUMNS) and len(parsed) == 6
    assert main(["report", "--items", "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == "No answers match.\n"
    assert main(["report", "--items", "--player", "P1"]) == 2
    assert "--items analyses the whole class" in capsys.readouterr().err


def test_one_live_class_game(store: Store, bank: Bank) -> None:
    """`--game`: only the answers of one live class game's students count."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO live_games(id, title, bank, questions, started_at, state)"
            " VALUES (7, 'Class', 'demo', 5, '2026-11-28T09:00:00Z', '{}')"
        )
        db.execute(
            "UPDATE games SET live_game_id = 7 WHERE player_id IN"
            " (SELECT id FROM players WHERE name IN ('P1', 'P5', 'P6'))"
        )
    rows = {row["question_id"]: row for row in item_analysis(store, [bank], "demo", game=7)}
    trade = rows["trade-china-2024"]
    assert (trade["answered"], trade["right"]) == (3, 1)  # P1 right, P5 and P6 wrong
    assert trade["picks"] == {
        "$44 billion": 1,
        "$64 billion": 1,
        "$95 billion": 1,
        "$150 billion": 0,
    }
    assert trade["discrimination"] is None  # three players: too few


@pytest.mark.parametrize(
    ("players", "size"),
    [(1, 1), (2, 1), (5, 1), (6, 2), (10, 3), (30, 8), (50, 14), (150, 41), (250, 68)],
)
def test_groups_are_27_percent_rounded_halves_up(players: int, size: int) -> None:
    """50 x 27% = 13.5 -> 14 and 150 x 27% = 40.5 -> 41 (halves up, as the guide says; Python's
    round would give 14 by float luck and 40 by rounding halves to even)."""
    assert group_size(players) == size


def test_no_answer_in_time_is_no_pick(tmp_path: Path, bank: Bank) -> None:
    """A countdown that ran out (a game's, a live game's) counts as answered and wrong, and in
    `unanswered`: never as a choice picked or an answer typed."""
    from quiz.engine.live import MISSED
    from quiz.engine.session import TIMED_OUT

    store = fill(Store.open(tmp_path / "quiz.db", now=Clock()).store, bank)
    questions = list(bank.questions)
    for player, missed in (("P7", TIMED_OUT), ("P8", MISSED)):
        game = store.start_game(player, "demo", "practice", 1, len(questions))
        for question in questions:
            store.record_answer(game, "demo", question, missed, False, 0, 30.0, False)
    rows = {row["question_id"]: row for row in item_analysis(store, [bank], "demo")}
    trade = rows["trade-china-2024"]
    assert (trade["answered"], trade["right"], trade["unanswered"]) == (8, 3, 2)
    assert trade["picks"] == {
        "$44 billion": 1,
        "$64 billion": 2,
        "$95 billion": 3,
        "$150 billion": 0,
    }
    assert rows["independence-1991"]["picks"] == {"True": 4, "False": 2}
    assert rows["summit-countries"]["picks"]["Kazakhstan"] == 6
    assert rows["khorgos"]["picks"] == {
        "Khorgos": 2,
        "Horgos": 1,
        "Astana": 1,
        "Almaty": 1,
        "no idea": 1,
    }
    assert rows["khorgos"]["unanswered"] == 2


def test_quiz_report_items_finds_a_bank_played_by_path(
    bank: Bank, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quiz play tests/data/demo.yaml` keeps answers under the bank `demo`, which no search
    folder holds: `--bank PATH` reads its questions (type, choices, order); without it the
    report says how to give it."""
    import json

    from quiz.cli import main
    from quiz.engine.paths import store_path

    monkeypatch.delenv("QUIZ_PATH", raising=False)
    fill(Store.open(store_path(), now=Clock()).store, bank).close()
    assert main(["report", "--items", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert {row["type"] for row in json.loads(out)} == {"unknown"}
    assert "bank demo not found" in err and "--bank PATH" in err
    assert main(["report", "--items", "--format", "json", "--bank", str(DATA / "demo.yaml")]) == 0
    out, err = capsys.readouterr()
    rows = json.loads(out)
    assert [row["question_id"] for row in rows] == [q.id for q in bank.questions]
    assert rows[0]["type"] == "choice" and rows[0]["flags"] == ["never picked: $150 billion"]
    assert err == ""
    assert main(["report", "--bank", str(DATA / "demo.yaml"), "--format", "json"]) == 0
    assert {row["bank"] for row in json.loads(capsys.readouterr().out)} == {"demo"}
    assert main(["report", "--items", "--bank", str(DATA / "missing.yaml")]) == 1
    assert "no such bank file" in capsys.readouterr().err
