"""The answer-based rules read every question type's answer: an order's is its sequence, a
match's its pairs (`quiz.authoring.lint.keys`, the one switch over types in lint)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.lint.keys import answer_of
from quiz.engine.model import QUESTION_CLASSES
from tests.lint.helpers import lint_example
from tests.lint.test_rules import rules_fired

ORDER = """\
  - id: partners
    type: order
    prompt: Put Central Asia's trade partners in order of their trade with the region, largest first.
    items: [China, The European Union, Russia]
"""
MATCH = """\
  - id: resources
    type: match
    prompt: Match each country to the resource the article names for it.
    pairs:
      Kazakhstan: uranium
      Turkmenistan: gas
"""


@pytest.mark.parametrize(
    "hint",
    [
        "China comes first, then the EU.",
        "The European Union is ahead of Russia.",
        "China is the largest.",
        "China, the European Union and Russia: think of the figures.",
    ],
)
def test_a_hint_that_gives_an_orders_sequence_is_flagged(tmp_path: Path, hint: str) -> None:
    assert rules_fired(tmp_path, f"{ORDER}    hint: {hint!r}\n") == [
        ("partners", "hint-gives-away")
    ]


@pytest.mark.parametrize(
    "hint",
    [
        "Look at the paragraph with the three trade figures.",
        "Russia trails the European Union.",  # two items, not in the answer's order
        "Russia is the smallest of them.",
    ],
)
def test_a_hint_that_points_where_to_look_passes_an_order(tmp_path: Path, hint: str) -> None:
    assert rules_fired(tmp_path, f"{ORDER}    hint: {hint!r}\n") == []


@pytest.mark.parametrize(
    "hint", ["Kazakhstan is uranium.", "Turkmenistan sells gas.", "For Kazakhstan, think uranium."]
)
def test_a_hint_that_names_a_match_pair_is_flagged(tmp_path: Path, hint: str) -> None:
    assert rules_fired(tmp_path, f"{MATCH}    hint: {hint!r}\n") == [
        ("resources", "hint-gives-away")
    ]


def test_a_hint_naming_items_without_partners_passes_a_match(tmp_path: Path) -> None:
    hint = "The article names Kazakhstan's mines and Turkmenistan's pipelines."
    assert rules_fired(tmp_path, f"{MATCH}    hint: {hint!r}\n") == []


def test_another_questions_prompt_that_gives_an_orders_sequence_is_flagged(
    tmp_path: Path,
) -> None:
    fired = rules_fired(
        tmp_path,
        ORDER
        + """\
  - id: ratio
    type: number
    prompt: How many times larger is China's trade with the region than the European Union's trade with the region, to one decimal?
    answer: 1.5
    tolerance: 0.05
""",
    )
    assert fired == [("ratio", "gives-away-another")]


def test_a_prompt_naming_an_orders_items_out_of_order_gives_nothing_away(
    tmp_path: Path,
) -> None:
    fired = rules_fired(
        tmp_path,
        ORDER
        + """\
  - id: ratio
    type: number
    prompt: How many times smaller is Russia's trade with the region than the European Union's trade with the region, to one decimal?
    answer: 0.7
    tolerance: 0.05
""",
    )
    assert ("ratio", "gives-away-another") not in fired


def test_all_of_the_above_is_one_flaw_one_warning(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: resources
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Gas, Rare earth elements, All of the above, None of these]
    answer: Uranium
""",
    )
    assert fired == [("resources", "all-or-none-of-the-above")] * 2


def test_an_absolute_term_outside_all_of_the_above_is_still_flagged(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: resources
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Only gas, Rare earth elements, Oil]
    answer: Uranium
""",
    )
    assert fired == [("resources", "absolute-terms")]


def test_every_registered_type_has_an_answer_for_lint(tmp_path: Path) -> None:
    """Every type's example (as `quiz new` writes it, beside the article) lints, and lint
    reads an answer of it."""
    examples = "".join(
        cls.example.replace("{context}", "Chinese President Xi Jinping is visiting Kazakhstan")
        for cls in QUESTION_CLASSES.values()
    )
    report = lint_example(tmp_path, examples)
    assert report.questions == len(QUESTION_CLASSES)
    from quiz.engine.loader import load_bank

    bank = load_bank(tmp_path / "example.yaml")
    for question in bank.questions:
        answer = answer_of(question)
        if question.kind != "truefalse":
            assert answer.texts or answer.sequence or answer.pairs, question.kind


def test_a_topic_that_names_a_typed_answer_is_flagged(tmp_path: Path) -> None:
    """The examiner's find: 'Resources and energy' over a question answered 'Energy'."""
    fired = rules_fired(
        tmp_path,
        """\
  - id: sector
    type: text
    topic: Resources and energy
    prompt: Besides trade, in which sector do Kazakhstan's nuclear plans involve China?
    answer: Energy
""",
    )
    assert ("sector", "topic-gives-away") in fired


def test_a_topic_that_names_a_wrong_choice_too_points_at_none(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: resources
    topic: Uranium and gas
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Gas, Coal, Oil]
    answer: Uranium
""",
    )
    assert fired == []


def test_order_items_do_not_crowd_an_answer_out_of_the_index(tmp_path: Path) -> None:
    """An answer many questions share is no cue; order items naming it do not count towards
    'many' (two orders list Astana among cities: the summit's answer is still given away)."""
    fired = rules_fired(
        tmp_path,
        """\
  - id: summit-city
    type: text
    prompt: In which city does the gathering of Central Asian leaders take place?
    answer: Astana
  - id: timeline
    type: order
    prompt: Put these in the order they happened, earliest first.
    items:
      - The nations gain independence
      - Kazakhstan reveals nuclear plans
      - The gathering of Central Asian leaders takes place in Astana
  - id: cities-north
    type: order
    prompt: Put these cities in order from north to south.
    items: [Astana, Almaty, Bishkek]
  - id: cities-size
    type: order
    prompt: Put these cities in order of size, smallest first.
    items: [Bishkek, Astana, Almaty]
""",
    )
    assert fired == [("timeline", "gives-away-another")]
