"""Every registered question type walked through a question's whole life: written (`quiz new`'s
example), loaded and validated, kept in the cache, asked, played by keys in the game, checked,
scored, fingerprinted for review and exported to GIFT and Moodle XML (or left out with a
warning naming it). A type registered but half made fails here, whichever part it misses."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.authoring.gift import export_gift
from quiz.authoring.moodle_xml_writer import export_moodle_xml
from quiz.authoring.starter import write_starter
from quiz.engine import reports
from quiz.engine.games import new_session
from quiz.engine.loader import load_bank
from quiz.engine.model import QUESTION_CLASSES, QUESTION_TYPES, AnyQuestion, Bank
from quiz.engine.recording import GameRecorder
from quiz.engine.review import plan_review
from quiz.engine.schema import json_schema
from quiz.engine.scoring import score_answer
from quiz.engine.session import GameSettings, Session
from quiz.engine.store import Store, question_hash
from quiz.ui.screens.results import ResultsScreen
from tests.ui.helpers import answer_current, feedback_of, make_app, wrong_response


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    """`quiz new`'s bank: one example of every registered type."""
    path = tmp_path_factory.mktemp("starter") / "starter.yaml"
    write_starter(path)
    return load_bank(path)


def example(bank: Bank, name: str) -> AnyQuestion:
    (question,) = [q for q in bank.questions if q.kind == name]
    return question


def test_the_starter_has_one_example_of_each_type_in_the_registrys_order(starter: Bank) -> None:
    assert [q.kind for q in starter.questions] == list(QUESTION_TYPES)


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_a_type_is_whole_from_its_file_to_its_export(starter: Bank, name: str) -> None:
    question = example(starter, name)
    assert type(question) is QUESTION_CLASSES[name]
    # The JSON Schema knows it, by its name.
    schema = json.dumps(json_schema())
    assert f'"const": "{name}"' in schema or f'"default": "{name}"' in schema
    # The cache keeps it (flat JSON) and gives it back the same.
    fields = json.loads(json.dumps(vars(question)))
    again = QUESTION_CLASSES[name](**fields)
    assert again == question and again is not question  # compared by value...
    assert replace(question, prompt="Another prompt?") != question
    assert repr(question) == f"{type(question).__name__}(id={question.id!r})"  # ...shown by id
    assert again.fingerprint() == question.fingerprint()
    assert again.answer_text() == question.answer_text()
    # It is asked, and says how to answer.
    asked = Session([(starter, question)], seed=1).current
    assert question.how_to_answer(len(asked.choices))
    assert question.ask(random.Random(1)) == question.ask(random.Random(1))  # seeded
    # Its right answer counts and a wrong one does not, each written out for the player.
    right = question.check(question.right_response())
    wrong = question.check(wrong_response(asked))
    # Each answer has a typed form (what the keys of its input spell), read back the same.
    for response, verdict in ((question.right_response(), right), (wrong_response(asked), wrong)):
        typed = question.typed_form(response, asked.choices)
        read = question.read(typed, asked.choices)
        assert typed and read is not None and question.check(read) == verdict
    assert right.correct and right.given and not wrong.correct and wrong.given
    assert question.answer_text()
    # Scoring does not care about types.
    assert score_answer(question.difficulty, right.correct).total > 0
    assert score_answer(question.difficulty, wrong.correct).total == 0
    # Its fingerprint (what review schedules are kept under) is the store's.
    assert re.fullmatch(r"[0-9a-f]{16}", question.fingerprint())
    assert question_hash(question) == question.fingerprint()
    # Each export writes it, or warns that it is left out, naming it.
    for export in (export_gift, export_moodle_xml):
        warnings: list[str] = []
        written = export(replace(starter, questions=[question]), warnings.append)
        left_out = [w for w in warnings if w.startswith(f"{question.id}: ")]
        assert (question.id in written) is not bool(left_out), (export.__name__, warnings)


@pytest.mark.parametrize("name", QUESTION_TYPES)
@pytest.mark.parametrize("right", [True, False])
async def test_a_type_plays_by_keys_to_its_feedback_and_the_results(
    starter: Bank, name: str, right: bool
) -> None:
    app = make_app(bank=replace(starter, questions=[example(starter, name)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_current(pilot, right=right)
        assert feedback_of(pilot).startswith("✔ Right!" if right else "✘ Wrong.")
        assert app.session is not None
        (outcome,) = app.session.outcomes
        assert outcome.correct is right and (outcome.points.total > 0) is right
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


def test_every_type_has_its_own_module() -> None:
    for name, kind in QUESTION_CLASSES.items():
        assert kind.__module__ == f"quiz.engine.question_types.{name}"


def test_fingerprints_of_existing_questions_never_change() -> None:
    """The store keeps review schedules under these: a changed formula would quietly restart
    every student's reviews."""
    demo = load_bank(Path(__file__).parent / "data" / "demo.yaml")
    assert {q.id: q.fingerprint() for q in demo.questions} == {
        "trade-china-2024": "0463f14901d386c5",
        "summit-countries": "71670f613ddf74c4",
        "independence-1991": "29b7eee64101700c",
        "trade-russia": "4f1a1ffb70b1fd75",
        "khorgos": "f183caf461be703b",
    }


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_a_type_is_kept_reported_and_reviewed_in_a_hot_seat_game(
    starter: Bank, name: str, tmp_path: Path
) -> None:
    """Two players take turns on the type's question; each answer lands in the store as the
    player gave it (the report's answer column), and the wrong one comes back for review."""
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    store = Store.open(tmp_path / "quiz.db", now=lambda: now).store
    question = example(starter, name)
    bank = replace(starter, questions=[question, question])
    settings = GameSettings(players=("Ann", "Bo"), seed=1, count=None)
    session = new_session([bank], settings, observers=[GameRecorder(store)])
    given = {}
    while not session.finished:
        asked = session.current
        right = session.player.name == "Bo"
        response = asked.question.right_response() if right else wrong_response(asked)
        given[session.player.name] = session.answer(response).verdict.given
        session.advance()
    rows = {row["player"]: row for row in reports.answers_report(store, reports.Filters())}
    assert (rows["Ann"]["answer"], rows["Ann"]["correct"]) == (given["Ann"], 0)
    assert (rows["Bo"]["answer"], rows["Bo"]["correct"]) == (given["Bo"], 1)
    soon = now + timedelta(minutes=5)  # a wrong answer comes back within minutes, a right one later
    assert [q.id for _, q in plan_review(store, "Ann", [bank], soon).due] == [question.id]
    assert plan_review(store, "Bo", [bank], soon).due == []
