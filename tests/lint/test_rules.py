"""Every lint rule fires on its flawed example and stays quiet on its sound one (the guide shows
both), and each rule's edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.lint import RULES, LintRule
from tests.lint.helpers import lint_example


def name(rule: LintRule) -> str:
    return rule.name


def test_rule_names_are_unique_and_documented() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.doc.endswith(".") and "\n" not in rule.doc, rule.name


@pytest.mark.parametrize("rule", RULES, ids=name)
def test_the_flawed_example_is_flagged(rule: LintRule, tmp_path: Path) -> None:
    report = lint_example(tmp_path, rule.flawed)
    assert rule.name in {finding.rule for finding in report.findings}, [
        str(finding) for finding in report.findings
    ]


@pytest.mark.parametrize("rule", RULES, ids=name)
def test_the_sound_example_passes_every_rule(rule: LintRule, tmp_path: Path) -> None:
    report = lint_example(tmp_path, rule.sound)
    assert [str(finding) for finding in report.findings] == []


def rules_fired(tmp_path: Path, questions: str) -> list[tuple[str, str]]:
    """(question, rule) of each warning lint gives these example questions."""
    report = lint_example(tmp_path, questions)
    return [(finding.question, finding.rule) for finding in report.findings]


def test_numbers_in_decreasing_order_are_in_order(tmp_path: Path) -> None:
    assert (
        rules_fired(
            tmp_path,
            """\
  - id: detained
    prompt: China is accused of detaining how many Uyghurs and other Muslims?
    choices: [About 80 million, Over 10 million, Over a million, 'Over 100,000']
    answer: Over a million
""",
        )
        == []
    )


def test_numbers_with_scale_words_are_compared_at_their_full_value(tmp_path: Path) -> None:
    assert rules_fired(
        tmp_path,
        """\
  - id: detained
    prompt: China is accused of detaining how many Uyghurs and other Muslims?
    choices: [Over a million, 'Over 100,000', Over 10 million, About 80 million]
    answer: Over a million
""",
    ) == [("detained", "numbers-out-of-order")]


def test_a_sentence_that_mentions_a_year_is_words_not_a_number(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: independence
    prompt: What happened to the Central Asian nations after the Soviet Union fell?
    choices:
      - They gained independence in 1991
      - They joined the European Union
      - They formed one federation
      - They came under China's sway
    answer: They gained independence in 1991
    context: until gaining independence in 1991 after the Soviet Union’s fall
""",
    )
    assert ("independence", "different-kind") not in fired


def test_a_sum_of_money_among_plain_numbers_is_a_different_kind(tmp_path: Path) -> None:
    assert rules_fired(
        tmp_path,
        """\
  - id: residents
    prompt: About how many residents does Central Asia have?
    choices: [About 40 million, About 80 million, About 120 million, $160 million]
    answer: About 80 million
    context: approximately 80 million residents
""",
    ) == [("residents", "different-kind")]


def test_a_negative_in_capitals_is_visible(tmp_path: Path) -> None:
    assert (
        rules_fired(
            tmp_path,
            """\
  - id: partners
    prompt: Which of these does the article NOT name as a power the region courts?
    choices: [Japan, The European Union, The United States, China]
    answer: Japan
    context: including the European Union and the United States
""",
        )
        == []
    )


def test_an_answer_many_questions_share_gives_none_of_them_away(tmp_path: Path) -> None:
    questions = "".join(
        f"""\
  - id: q{number}
    prompt: Which country hosts summit number {number} of leaders gathering in Astana?
    choices: [Kazakhstan, Uzbekistan, Kyrgyzstan, Turkmenistan]
    answer: Kazakhstan
"""
        for number in range(4)
    )
    assert "gives-away-another" not in {rule for _, rule in rules_fired(tmp_path, questions)}


def test_a_family_name_is_a_variant_of_a_persons_name(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: spokesman
    type: text
    prompt: Who is the Chinese foreign ministry's spokesman quoted on the visit?
    answer: Guo Jiakun
    context: Guo Jiakun, a spokesman for the Chinese foreign ministry
""",
    )
    assert fired == [("spokesman", "missing-variants")]


def test_a_tolerance_that_takes_in_no_other_figure_passes(tmp_path: Path) -> None:
    assert (
        rules_fired(
            tmp_path,
            """\
  - id: independence-year
    type: number
    prompt: In which year did the Central Asian nations gain independence?
    answer: 1991
    tolerance: 2
    context: until gaining independence in 1991 after the Soviet Union’s fall
""",
        )
        == []
    )


def test_a_feedback_with_an_outside_fact_is_flagged_where_it_is(tmp_path: Path) -> None:
    report = lint_example(
        tmp_path,
        """\
  - id: five-countries
    type: multi
    prompt: Whose leaders take part in the gathering with Xi? Pick every country that applies.
    choices: [Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, Turkmenistan, Azerbaijan]
    answer: [Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, Turkmenistan]
    feedback:
      Azerbaijan: Azerbaijan lies across the Caspian Sea.
    context: includes leaders from Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, and Turkmenistan
""",
    )
    (finding,) = report.findings
    lines = (tmp_path / "example.yaml").read_text("utf-8").splitlines()
    assert finding.rule == "unsupported-explanation"
    assert (
        lines[finding.line - 1][finding.column - 1 :] == "Azerbaijan lies across the Caspian Sea."
    )
    assert "names 'Caspian'" in finding.message


def test_an_order_questions_items_can_give_an_answer_away(tmp_path: Path) -> None:
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
""",
    )
    assert fired == [("timeline", "gives-away-another")]


def test_a_match_questions_pairs_can_give_an_answer_away(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: hub-name
    type: text
    prompt: Name the hub the article gives as an example of new border crossings.
    answer: Khorgos
  - id: projects
    type: match
    prompt: Match each project to its country.
    pairs:
      The Khorgos hub, an example of new border crossings: Kazakhstan
      The planned highway: Tajikistan
""",
    )
    assert fired == [("projects", "gives-away-another")]


def test_a_prompt_that_pairs_a_match_item_with_its_partner_gives_it_away(tmp_path: Path) -> None:
    fired = rules_fired(
        tmp_path,
        """\
  - id: words
    type: match
    prompt: Match each subject to the words the article uses about it.
    pairs:
      Central Asia, for its vast territories: underpopulated
      Many Central Asian governments: authoritarian tendencies
  - id: concern
    prompt: Besides being underpopulated, what concern does the article say Central Asia faces?
    choices: [Dependency on China, Dependency on Russia, A shrinking economy, Drought]
    answer: Dependency on China
    context: facing concerns over its growing dependency on China
""",
    )
    assert fired == [("concern", "gives-away-another")]
