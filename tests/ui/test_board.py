"""The teacher's live board: games appear, and update as answers land in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable

from quiz.engine.store import Store
from quiz.ui.board import BoardApp
from tests.ui.helpers import demo_bank

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def rows(app: BoardApp) -> list[list[str]]:
    table = app.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_board_shows_games_live(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    writer = Store.open(path, now=lambda: T0 + timedelta(minutes=5)).store
    question = demo_bank().questions[0]
    ann = writer.start_game("Ann", "demo", "practice", 1, 3)
    writer.record_answer(ann, "demo", question, "$95 billion", True, 100, 3.0, False)
    old = Store.open(path, now=lambda: T0 - timedelta(days=1)).store
    old.start_game("Yesterday", "demo", "practice", 1, 3)

    board = BoardApp(Store.open(path).store, since=T0, refresh_seconds=0.05)
    async with board.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rows(board) == [["1", "Ann", "100", "1 of 3", "1", "demo", "playing"]]
        bo = writer.start_game("[b]Bo[/b]", "demo", "practice", 1, 3)  # names are shown as typed
        for _ in range(3):
            writer.record_answer(bo, "demo", question, "$95 billion", True, 200, 2.0, False)
        writer.finish_game(bo)
        await pilot.pause(0.3)
        assert rows(board)[0] == ["1", "[b]Bo[/b]", "600", "3 of 3", "3", "demo", "done"]
        assert rows(board)[1][1] == "Ann"
        summary = str(board.query_one("#board-summary").render())
        assert summary == "2 game(s): 1 playing, 1 done"
