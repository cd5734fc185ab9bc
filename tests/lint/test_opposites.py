"""`negated-sentence` on statements made false by one word swapped for its opposite."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.lint.antonyms import OPPOSITES, swapped_opposite
from quiz.authoring.lint.words import stem, tokens
from tests.lint.test_rules import rules_fired

CONTEXT = (
    "Certainly, Central Asia is abundant in minerals and resources essential for China’s "
    "booming economy, which relies on consistent access to commodities."
)


def statement(prompt: str) -> str:
    return f"""\
  - id: resources
    type: truefalse
    prompt: {prompt}
    answer: false
    context: {CONTEXT}
"""


@pytest.mark.parametrize(
    "prompt",
    [
        "Central Asia is poor in minerals and resources essential for China's booming economy.",
        "The article says Central Asia is scarce in minerals and resources.",
    ],
)
def test_a_sentence_with_a_word_swapped_for_its_opposite_is_flagged(
    tmp_path: Path, prompt: str
) -> None:
    assert rules_fired(tmp_path, statement(prompt)) == [("resources", "negated-sentence")]


@pytest.mark.parametrize(
    "prompt",
    [
        "The article says Central Asia's minerals and resources are essential for Russia's economy.",
        "Central Asia is abundant in minerals and resources essential for China's booming economy.",
        "China's economy is poor in commodities, so it relies on the region's mines and wells.",
    ],
)
def test_a_statement_of_its_own_passes(tmp_path: Path, prompt: str) -> None:
    assert rules_fired(tmp_path, statement(prompt)) == []


def test_the_message_names_the_words_as_written(tmp_path: Path) -> None:
    from tests.lint.helpers import lint_example

    prompt = "Central Asia is poor in minerals and resources essential for China's economy."
    (finding,) = lint_example(tmp_path, statement(prompt)).findings
    assert "'abundant' swapped for its opposite 'poor'" in finding.message


def test_opposites_are_pairs_of_different_stems() -> None:
    assert all(len(pair) == 2 for pair in OPPOSITES)
    assert swapped_opposite(
        [stem(w) for w in tokens("Trade with Russia is growing fast")],
        [stem(w) for w in tokens("Trade with Russia is shrinking fast")],
    ) == (stem("shrinking"), stem("growing"))
