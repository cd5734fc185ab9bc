"""The bundled article bank: valid, complete and balanced, and true to its source text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quiz.engine.discovery import bundled_folder, load_library
from quiz.engine.loader import load_bank
from quiz.engine.model import (
    Bank,
    ChoiceQuestion,
    MultiQuestion,
    TrueFalseQuestion,
)

ARTICLE = Path(__file__).parents[3] / "shared" / "source" / "xi-kazakhstan-central-asia.txt"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(bundled_folder() / "xi-kazakhstan-central-asia.yaml")


def test_every_bundled_bank_validates() -> None:
    library = load_library()
    assert library.errors == []
    assert library.banks


def test_source_block_names_the_article(bank: Bank) -> None:
    assert bank.source is not None
    assert bank.source.title == "China’s Xi Visits Kazakhstan to Strengthen Ties with Central Asia"
    assert bank.source.publisher == "France 24"


def test_source_text_is_the_article_word_for_word(bank: Bank) -> None:
    shipped = (bundled_folder() / "sources" / "xi-kazakhstan-central-asia.txt").read_text("utf-8")
    if ARTICLE.exists():  # shared/ lies beside the checkout in development and CI
        assert shipped == ARTICLE.read_text("utf-8")
    assert shipped.startswith("China’s Xi Visits Kazakhstan")


def test_counts_types_topics_and_difficulty(bank: Bank) -> None:
    from quiz.engine.model import QUESTION_TYPES

    questions = bank.questions
    assert len(questions) >= 55  # order and match questions each ask several facts at once
    kinds = Counter(q.kind for q in questions)
    assert set(kinds) == set(QUESTION_TYPES), kinds  # every type the game has
    assert kinds["order"] >= 4 and kinds["match"] >= 4, kinds
    trues = Counter(q.answer for q in questions if isinstance(q, TrueFalseQuestion))
    assert abs(trues[True] - trues[False]) <= 2, trues  # no pattern to answer from
    topics = Counter(q.topic for q in questions)
    assert len(topics) >= 6
    assert min(topics.values()) >= 4, topics
    difficulty = Counter(q.difficulty for q in questions)
    for level in ("easy", "medium", "hard"):
        assert 0.25 <= difficulty[level] / len(questions) <= 0.42, difficulty


def test_every_question_teaches(bank: Bank) -> None:
    for question in bank.questions:
        assert len(question.explanation) >= 30, question.id
        assert len(question.context.split()) >= 4, question.id


def test_no_two_questions_share_a_prompt(bank: Bank) -> None:
    prompts = Counter(q.prompt.casefold() for q in bank.questions)
    assert max(prompts.values()) == 1


def test_choice_questions_have_plausible_distractors(bank: Bank) -> None:
    for question in bank.questions:
        if isinstance(question, ChoiceQuestion | MultiQuestion):
            assert len(question.choices) >= 4, question.id


def test_a_year_reads_as_a_year(bank: Bank) -> None:
    year = next(q for q in bank.questions if q.id == "independence-year")
    assert year.answer_text() == "1991"


def test_numbers_read_as_people_write_them() -> None:
    from quiz.engine.model import format_number

    assert [format_number(v) for v in (1991, 10_000, 1_234_567, 0.5, 95, 2.25)] == [
        "1991",
        "10,000",
        "1,234,567",
        "0.5",
        "95",
        "2.25",
    ]


def test_the_bank_passes_lint_with_every_silence_explained() -> None:
    """Lint's rules hold the bank to what the examiner found: among them, no topic label (shown
    while a question is asked) names the answer of a question under it (`topic-gives-away`)."""
    from quiz.authoring.lint import lint_paths

    report = lint_paths([bundled_folder() / "xi-kazakhstan-central-asia.yaml"])
    assert report.errors == []
    assert [str(warning) for warning in report.warnings] == []
    for silenced in report.silenced:
        assert silenced.silenced and len(silenced.silenced.split()) >= 4, silenced


@pytest.mark.parametrize(
    ("question_id", "typed"),
    [
        ("summit-city", "Nur-Sultan"),
        ("summit-city", "Nursultan"),
        ("summit-city", "Nur Sultan"),
        ("bri-name", "One Belt One Road"),
        ("bri-name", "OBOR"),
        ("bri-name", "Belt & Road"),
        ("bri-name", "the Belt and Road Initiative"),
        ("detained-group", "Uyghur Muslims"),
        ("detained-group", "the Uighurs"),
        ("xinjiang-border", "Xinjiang Uyghur Autonomous Region"),
        ("xinjiang-border", "Xinjiang Uygur Autonomous Region"),
        ("khorgos-hub", "Khorgos Gateway"),
        ("khorgos-hub", "Qorgas"),
        ("analyst-name", "Muratalieva"),
        ("guo-name", "Guo"),
        ("xi-trip-count", "two"),
        ("xi-trip-count", "second"),
        ("population", "about 80 million"),
        ("trade-eu-figure", "around $64 billion"),
    ],
)
def test_what_a_student_would_type_is_accepted(bank: Bank, question_id: str, typed: str) -> None:
    from quiz.engine.checking import vocabulary

    question = next(q for q in bank.questions if q.id == question_id)
    assert question.check(typed, vocabulary(bank.questions)).correct, typed
