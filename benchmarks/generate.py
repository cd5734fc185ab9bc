"""Generated libraries for the benchmarks: N banks of M questions, every registered question type
in turn (its `quiz new` example), with a source text.

Each bank gets its own short article, and every question's context is a sentence of it, so that
loading exercises every check a real bank does (excerpts against the source included).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from pathlib import Path

from quiz.engine.model import QUESTION_CLASSES, QUESTION_TYPES

TOPICS = ("Trade", "Places", "History", "People", "Resources")
WORDS = (
    "river",
    "market",
    "railway",
    "summit",
    "border",
    "harvest",
    "treaty",
    "museum",
    "valley",
    "harbour",
    "festival",
    "library",
    "bridge",
    "province",
    "caravan",
)


def _sentence(rng: random.Random, number: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(8))
    return (
        f"Fact {number}: the {words} counted {rng.randint(10, 999)} items in {1900 + number % 120}."
    )


def _question(bank: int, number: int, context: str, types: Sequence[str]) -> str:
    """Question `number` of a bank: the example of a registered type (each of `types` in turn,
    as `quiz new` writes it), under its own id and topic, its context a sentence of the
    article."""
    kind = QUESTION_CLASSES[types[number % len(types)]]
    text = kind.example.format(context=json.dumps(context))
    text = re.sub(r"(?m)^  - id: \S+", f"  - id: q{bank}-{number}", text, count=1)
    return re.sub(r"(?m)^    topic: .*$", f"    topic: {TOPICS[number % len(TOPICS)]}", text)


def write_library(
    folder: Path,
    banks: int,
    per_bank: int,
    seed: int = 0,
    types: Sequence[str] = QUESTION_TYPES,
) -> list[Path]:
    """Write `banks` files of `per_bank` questions under `folder`, of every registered type in
    turn (or only of `types`); return the bank paths."""
    rng = random.Random(seed)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    paths = []
    for bank in range(banks):
        sentences = [_sentence(rng, n) for n in range(per_bank)]
        source = folder / "sources" / f"article-{bank}.txt"
        source.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        questions = "".join(_question(bank, n, sentences[n], types) for n in range(per_bank))
        path = folder / f"bank-{bank:03d}.yaml"
        path.write_text(
            f"title: Generated bank {bank}\nsource:\n  title: Article {bank}\n"
            f"  text: sources/article-{bank}.txt\nquestions:\n{questions}",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def write_store(path: Path, answers: int) -> None:
    """A scores file as a busy class leaves it after a school year: `answers` answers by 30
    players, in games of 10, on the bundled bank's questions."""
    from quiz.engine.store import Store

    store = Store.open(path).store
    with store.transaction() as db:
        db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30) "
            "INSERT INTO players(name, created_at) SELECT 'Student ' || i, '2026-09-01T08:00:00Z'"
            " FROM n"
        )
        db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO games(player_id, bank, mode, seed, started_at, ended_at, questions,"
            " score, asked, right) SELECT 1 + i % 30, 'xi-kazakhstan-central-asia', 'practice',"
            " i, '2026-10-01T08:00:00Z', '2026-10-01T08:05:00Z', 10, 700, 10, 7 FROM n",
            (answers // 10,),
        )
        db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1) "
            "INSERT INTO answers(game_id, bank, question_id, question_hash, topic, difficulty,"
            " answer, correct, points, seconds, hint_used, answered_at)"
            " SELECT 1 + i / 10, 'xi-kazakhstan-central-asia', 'question-' || (i % 120),"
            " '29b7eee64101700c', 'Trade', 'medium', 'an answer of a few words', i % 10 < 7,"
            " 100, 4.5, 0, '2026-10-01T08:01:00Z' FROM n",
            (answers,),
        )
    store.close()
