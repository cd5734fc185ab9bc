"""`verbatim-answer` on short right choices: 3 or 4 words copied whole from the context are the
text's wording too, unless they are a name, an amount or a term the text quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.test_rules import rules_fired

HUBS = """\
  - id: hubs-purpose
    prompt: According to the article, what are the new border crossings and hubs for?
    choices:
      - {right}
      - To tighten border security
      - To speed up military supplies
      - To collect more customs duties
    answer: {right}
    context: To bolster trade logistics, new border crossings and hubs, like Khorgos in Kazakhstan, are under development.
"""


def test_a_short_right_choice_copied_whole_is_flagged(tmp_path: Path) -> None:
    fired = rules_fired(tmp_path, HUBS.format(right="To bolster trade logistics"))
    assert fired == [("hubs-purpose", "verbatim-answer")]


def test_the_same_fact_in_other_words_passes(tmp_path: Path) -> None:
    assert rules_fired(tmp_path, HUBS.format(right="To improve the logistics of trade")) == []


@pytest.mark.parametrize(
    "question",
    [
        """\
  - id: crackdown-likened
    prompt: According to the article, what do some observers liken China's crackdown to?
    choices: [Crimes against humanity, Genocide, Ethnic cleansing, War crimes]
    answer: Crimes against humanity
    context: a controversial crackdown that some observers liken to “crimes against humanity,”
""",
        """\
  - id: independence-cause
    prompt: The fall of what gave the Central Asian nations their independence?
    choices: [The Soviet Union, The Russian Empire, The Berlin Wall, The Mongol Empire]
    answer: The Soviet Union
    context: until gaining independence in 1991 after the Soviet Union’s fall
""",
        """\
  - id: detained-number
    prompt: China is accused of detaining how many Muslims?
    choices: ['Over 100,000', Over a million, Over 10 million, About 80 million]
    answer: Over a million
    context: China is accused of detaining over a million Uyghurs and other Muslims
""",
    ],
    ids=["a term the text quotes", "a name", "an amount"],
)
def test_a_name_an_amount_or_a_quoted_term_is_the_texts_to_give(
    tmp_path: Path, question: str
) -> None:
    assert rules_fired(tmp_path, question) == []
