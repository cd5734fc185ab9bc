"""Every question type in a live game: what students see, the responses the host takes, the
right answer at the reveal and how the class's answers are tallied."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from quiz.authoring.starter import write_starter
from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_questions import MAX_TYPED, read_response
from quiz.engine.loader import load_bank
from quiz.engine.model import QUESTION_TYPES, Bank
from tests.live.conftest import CODE, Room, right_response, wrong_response

ORDER = ("trade-china-2024", "summit-countries", "independence-1991", "trade-russia", "khorgos")


def play_one(room: Callable[..., Room], question_id: str) -> Room:
    class_ = room(order=(question_id,))
    for connection, name in (("a", "Ann"), ("b", "Bo"), ("c", "Cy")):
        class_.join(connection, name)
    class_.command("start")
    return class_


def test_choice(room: Callable[..., Room]) -> None:
    class_ = play_one(room, "trade-china-2024")
    shown = class_.last("a", "question")
    assert shown["kind"] == "choice"
    assert sorted(shown["choices"]) == ["$150 billion", "$44 billion", "$64 billion", "$95 billion"]
    right = shown["choices"].index("$95 billion")
    sixty_four = shown["choices"].index("$64 billion")
    class_.answer("a", right)
    class_.answer("b", sixty_four)
    class_.answer("c", sixty_four)
    reveal = class_.last("a", "reveal")
    assert reveal["answer"] == "$95 billion" and reveal["right"] == [right]
    assert {row["label"]: row["count"] for row in reveal["tally"]} == {
        "$95 billion": 1,
        "$64 billion": 2,
        "$44 billion": 0,
        "$150 billion": 0,
    }
    assert [row["label"] for row in reveal["tally"]] == shown["choices"]  # the order shown
    assert reveal["explanation"].startswith("China is now")
    paragraph = reveal["passage"][0]
    start, end = paragraph["highlights"][0]
    assert "approximately $95 billion" in paragraph["text"][start:end]
    assert reveal["source"] == {  # named beside the passage, as in the solo game
        "title": "China’s Xi Visits Kazakhstan to Strengthen Ties with Central Asia",
        "publisher": "France 24",
    }
    wrong = class_.last("b", "result")
    assert wrong["correct"] is False and wrong["given"] == "$64 billion"
    assert wrong["feedback"] == ["That is the European Union's figure, not China's."]
    assert class_.last("a", "result")["feedback"] == []


def test_multi(room: Callable[..., Room]) -> None:
    class_ = play_one(room, "summit-countries")
    choices = class_.last("a", "question")["choices"]
    index = {choice: n for n, choice in enumerate(choices)}
    class_.answer("a", [index["Kyrgyzstan"], index["Kazakhstan"]])
    class_.answer("b", [index["Kazakhstan"]])
    class_.answer("c", [index["Kazakhstan"], index["Mongolia"]])
    reveal = class_.last("a", "reveal")
    assert sorted(reveal["right"]) == sorted([index["Kazakhstan"], index["Kyrgyzstan"]])
    assert {row["label"]: (row["count"], row["correct"]) for row in reveal["tally"]} == {
        "Kazakhstan": (3, True),
        "Kyrgyzstan": (1, True),
        "Mongolia": (1, False),
        "Afghanistan": (0, False),
    }
    assert class_.last("a", "result")["correct"] is True
    assert class_.last("b", "result")["correct"] is False
    assert class_.last("c", "result")["feedback"] == ["Mongolia is not in Central Asia."]


def test_truefalse(room: Callable[..., Room]) -> None:
    class_ = play_one(room, "independence-1991")
    assert class_.last("a", "question")["choices"] == ["True", "False"]
    assert class_.last("a", "question")["input"] == "choice"
    class_.answer("a", 0)
    class_.answer("b", 1)
    class_.answer("c", 0)
    reveal = class_.last("a", "reveal")
    assert reveal["answer"] == "True" and reveal["right"] == [0]
    assert [(row["label"], row["count"]) for row in reveal["tally"]] == [("True", 2), ("False", 1)]


def test_number(room: Callable[..., Room]) -> None:
    class_ = play_one(room, "trade-russia")
    shown = class_.last("a", "question")
    assert shown["kind"] == "number" and shown["input"] == "typed"
    assert shown["unit"] == "billion US dollars"
    class_.answer("a", "44")
    class_.answer("b", "$43.5 billion")
    class_.answer("c", "95")
    reveal = class_.last("a", "reveal")
    assert reveal["answer"] == "44 billion US dollars" and reveal["right"] == []
    assert class_.last("b", "result")["correct"] is True
    assert {(row["label"], row["count"], row["correct"]) for row in reveal["tally"]} == {
        ("44", 1, True),
        ("$43.5 billion", 1, True),
        ("95", 1, False),
    }


def test_text_tallies_the_commonest_answers(room: Callable[..., Room]) -> None:
    class_ = room(order=("khorgos",))
    names = [f"P{n}" for n in range(8)]
    for name in names:
        class_.join(name, name)
    class_.command("start")
    typed = ["Khorgos", "khorgos", "Khorgos!", "Horgos", "Almaty", "Almaty", "Astana", "Urumqi"]
    for name, text in zip(names, typed, strict=True):
        class_.answer(name, text)
    reveal = class_.last("P0", "reveal")
    assert reveal["answer"] == "Khorgos"
    rows = [(row["label"], row["count"], row["correct"]) for row in reveal["tally"]]
    assert rows[:2] == [("Khorgos", 3, True), ("Almaty", 2, False)]
    assert len(rows) == 5  # the five commonest
    assert class_.last("P3", "result")["correct"] is True  # an accepted spelling


@pytest.mark.parametrize("question_id", ORDER)
def test_every_type_takes_right_and_wrong_answers(
    room: Callable[..., Room], question_id: str
) -> None:
    class_ = play_one(room, question_id)
    assert class_.answer("a", right_response(class_.game))["type"] == "locked"
    assert class_.answer("b", wrong_response(class_.game))["type"] == "locked"
    class_.command("close_question")
    assert class_.last("a", "result")["correct"] is True
    assert class_.last("b", "result")["correct"] is False
    assert class_.last("c", "result")["took_part"] is True
    assert class_.last("c", "result")["answered"] is False


def test_typed_answers_are_bounded(room: Callable[..., Room]) -> None:
    class_ = play_one(room, "khorgos")
    asked = class_.game.current
    assert asked is not None
    assert read_response(asked, "x" * MAX_TYPED) is not None
    assert read_response(asked, "x" * (MAX_TYPED + 1)) is None
    assert read_response(asked, "   ") is None
    for hostile in ("Khorgos\x1b[2J", "\u202eKhorgos", "Kh\x00orgos"):  # never reaches a screen
        assert read_response(asked, hostile) is None


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    """`quiz new`'s bank: one example of every registered question type."""
    path = tmp_path_factory.mktemp("starter") / "starter.yaml"
    write_starter(path)
    return load_bank(path)


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_every_registered_type_plays_live(starter: Bank, kind: str) -> None:
    """Each type, from quiz new's example: shown without its answer, answered right and wrong
    over the protocol's responses, revealed with its right answer and tally."""
    question = next(q for q in starter.questions if q.kind == kind)
    game = LiveGame(ask_all([(starter, question)], seed=3), code=CODE, seconds=30)
    class_ = Room(game)
    for connection in ("a", "b", "c"):
        class_.join(connection, connection.upper())
    class_.command("start")
    shown = class_.last("a", "question")
    assert shown["kind"] == kind and shown["input"] == question.input
    if question.input in ("typed", "order"):
        assert question.answer_text() not in json.dumps(shown)
    assert class_.answer("a", right_response(game))["type"] == "locked"
    assert class_.answer("b", wrong_response(game))["type"] == "locked"
    class_.command("close_question")
    reveal = class_.last("a", "reveal")
    assert reveal["answer"] == question.answer_text()
    assert sum(row["count"] for row in reveal["tally"]) >= 1
    assert class_.last("a", "result")["correct"] is True
    assert class_.last("b", "result")["correct"] is False
    assert class_.last("c", "result")["answered"] is False


def test_an_order_question(starter: Bank) -> None:
    question = next(q for q in starter.questions if q.kind == "order")
    game = LiveGame(ask_all([(starter, question)], seed=3), code=CODE, seconds=30)
    class_ = Room(game)
    class_.join("a", "Ann")
    class_.join("b", "Bo")
    class_.command("start")
    items = class_.last("a", "question")["choices"]
    assert sorted(items) == sorted(question.items)  # type: ignore[union-attr]
    assert items != list(question.items)  # type: ignore[union-attr]  # never shown solved
    for refused in ([0, 1], [0, 0, 1, 2], [0, 1, 2, 9], "1234", [True, 1, 2, 3]):
        assert class_.answer("a", refused)["code"] == "bad_answer", refused
    class_.answer("a", right_response(game))
    class_.answer("b", wrong_response(game))
    reveal = class_.last("a", "reveal")
    assert [items[i] for i in reveal["right"]] == list(question.items)  # type: ignore[union-attr]
    assert reveal["tally"][0]["count"] == 1
    wrong = class_.last("b", "result")
    assert wrong["breakdown"]["headings"] and len(wrong["breakdown"]["rows"]) == len(items)
    assert not all(row["correct"] for row in wrong["breakdown"]["rows"])
    assert class_.last("a", "result")["breakdown"] is not None


@pytest.mark.parametrize("kind", ["order", "match"])
def test_orders_and_matches_are_tallied_by_what_was_given(starter: Bank, kind: str) -> None:
    """The same order (or the same matches) is one bar, the right one first among equals, with
    its picks (the options' indices as shown) for a projector to write short."""
    question = next(q for q in starter.questions if q.kind == kind)
    game = LiveGame(ask_all([(starter, question)], seed=3), code=CODE, seconds=30)
    class_ = Room(game)
    for connection in ("a", "b", "c", "d"):
        class_.join(connection, connection.upper())
    class_.command("start")
    right, wrong = right_response(game), wrong_response(game)
    class_.answer("a", wrong)
    class_.answer("b", right)
    class_.answer("c", wrong)
    class_.answer("d", right)
    rows = game.results[-1].tally
    assert [(row.count, row.correct) for row in rows] == [(2, True), (2, False)]
    assert [list(row.picks) for row in rows] == [right, wrong]
    assert [row["count"] for row in class_.last("a", "reveal")["tally"]] == [2, 2]
