"""The live benchmark's own harness (benchmarks/live.py): its simulated students answer every
question type in a way the host takes (else answers go missing and each question waits for its
countdown), and a small class plays a whole game through it, timed at the host."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.live import _pick, measure_live
from quiz.authoring.starter import write_starter
from quiz.engine import live_messages as messages
from quiz.engine.live import ask_all
from quiz.engine.live_questions import read_response
from quiz.engine.loader import load_bank
from quiz.engine.model import QUESTION_TYPES


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_the_simulated_students_answer_every_type(tmp_path: Path, kind: str) -> None:
    write_starter(tmp_path / "starter.yaml")
    bank = load_bank(tmp_path / "starter.yaml")
    question = next(q for q in bank.questions if q.kind == kind)
    (asked,) = ask_all([(bank, question)], seed=1)
    shown = messages.question(asked, 1, 1, 30.0, 30.0, False)
    for seed in range(5):
        assert read_response(asked, _pick(shown, random.Random(seed))) is not None


def test_a_small_class_plays_a_whole_game_through_the_benchmark(tmp_path: Path) -> None:
    figures = measure_live(tmp_path, students=4, questions=2)  # the second is an order
    assert figures["missing"] == 0 and figures["delivered"] == 1.0
    for kind in ("question", "reveal"):
        assert 0 <= figures[f"{kind}_p95"] < float("inf")
        assert 0 <= figures[f"{kind}_received_p95"] < float("inf")
