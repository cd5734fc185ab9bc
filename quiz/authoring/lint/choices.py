"""Rules on the choices of `choice` and `multi` questions: clues that give the right choice away
to a student who does not know it, and distractors nobody would pick (the text's own wording
as the right choice: `verbatim.py`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from quiz.authoring.lint.core import BankFacts, Flag, LintRule, rule
from quiz.authoring.lint.keys import answer_of
from quiz.authoring.lint.words import (
    content_stems,
    fold,
    tokens,
    word_set,
)
from quiz.engine.model import AnyQuestion
from quiz.engine.quantities import quantity

LONGEST_RATIO = 1.3
"""The right choice is 'clearly the longest' when it is this many times the next one's length."""
LONGEST_MARGIN = 10
"""...and at least this many characters longer."""

ABSOLUTE = word_set(
    "always never all none every everyone everything nobody nothing only entirely completely "
    "absolutely totally fully certainly invariably"
)
VAGUE = word_set(
    "often usually sometimes frequently generally rarely seldom occasionally typically "
    "probably possibly mostly largely"
)
_ABOVE = re.compile(r"\b(all|none|both|neither) of (the above|these|them)\b|\ball the above\b")


def choice_lists(question: AnyQuestion) -> tuple[list[str], set[str]] | None:
    """(choices, right ones) of a question answered by picking choices; None for other types
    (each type says which it is in `answer_of`)."""
    answer = answer_of(question)
    if not answer.choices:
        return None
    return list(answer.choices), set(answer.right)


@rule(
    "longest-answer",
    "The right choice is clearly the longest: test-wise students pick the longest.",
    flawed="""\
  - id: region-role
    prompt: What role does the article give Central Asia in the Belt and Road Initiative?
    choices:
      - It plays a vital role in facilitating major infrastructure projects
      - It finances the initiative
      - It refuses to take part
      - It supplies workers
    answer: It plays a vital role in facilitating major infrastructure projects
""",
    sound="""\
  - id: region-role
    prompt: What role does the article give Central Asia in the Belt and Road Initiative?
    choices:
      - It helps major infrastructure projects happen
      - It pays for most of the initiative's projects
      - It designs the routes of the new railways
      - It sends the workers who build the projects
    answer: It helps major infrastructure projects happen
""",
)
def longest_answer(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None or len(lists[0]) < 3 or len(lists[1]) != 1:
        return
    choices, right = lists
    (answer,) = right
    others = [len(choice) for choice in choices if choice != answer]
    longest_other = max(others)
    length = len(answer)
    if length >= LONGEST_RATIO * longest_other and length - longest_other >= LONGEST_MARGIN:
        yield Flag(
            ("answer",),
            f"the right choice is the longest by far ({length} characters, the next "
            f"{longest_other}); make the wrong ones as long and precise, or the right one shorter",
        )


@rule(
    "echoes-prompt",
    "Only the right choice repeats a word of the prompt: the echo points at it.",
    flawed="""\
  - id: corridors
    prompt: What are the improved transport corridors set to streamline?
    choices:
      - Transport of China's deliveries to Europe
      - Russia's gas exports
      - Kazakhstan's grain sales
      - Imports from the United States
    answer: Transport of China's deliveries to Europe
""",
    sound="""\
  - id: corridors
    prompt: What are the improved transport corridors set to streamline?
    choices:
      - China's deliveries to Europe
      - Russia's gas exports to China
      - Kazakhstan's grain exports to Russia
      - Central Asia's imports from the United States
    answer: China's deliveries to Europe
""",
)
def echoes_prompt(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None:
        return
    choices, right = lists
    prompt = content_stems(question.prompt)
    echoes = {choice: content_stems(choice) & prompt for choice in choices}
    if any(echoes[choice] for choice in choices if choice not in right):
        return
    for index, choice in enumerate(choices):
        if choice in right and echoes[choice]:
            shared = ", ".join(sorted(echoes[choice]))
            yield Flag(
                ("choices", index),
                f"only the right choice repeats the prompt's words ({shared}); "
                "reword it, or use those words in wrong choices too",
            )


@rule(
    "all-or-none-of-the-above",
    '"All of the above" and "none of the above" test reading tricks, not knowledge.',
    flawed="""\
  - id: resources
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Gas, Rare earth elements, All of the above]
    answer: Uranium
""",
    sound="""\
  - id: resources
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Gas, Rare earth elements, Oil]
    answer: Uranium
""",
)
def of_the_above(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None:
        return
    for index, choice in enumerate(lists[0]):
        if _ABOVE.search(fold(choice)):
            yield Flag(
                ("choices", index),
                f"'{choice}' tests a reading trick; replace it with a plausible answer",
            )


def _terms_rule(
    question: AnyQuestion, terms: frozenset[str], what: str, fix: str
) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None:
        return
    for index, choice in enumerate(lists[0]):
        if _ABOVE.search(fold(choice)):
            continue  # one flaw, one warning: all-or-none-of-the-above says it
        found = [word for word in tokens(choice) if word in terms]
        if found:
            yield Flag(("choices", index), f"{what} '{found[0]}' in a choice; {fix}")


@rule(
    "absolute-terms",
    "Always, never, only, all, none in a choice: students learn such choices are wrong.",
    flawed="""\
  - id: russia-stance
    prompt: What does Russia say about China's presence in Central Asia?
    choices:
      - That it poses no threat
      - That it is always a threat
      - That it must end
      - That it concerns only trade
    answer: That it poses no threat
""",
    sound="""\
  - id: russia-stance
    prompt: What does Russia say about China's presence in Central Asia?
    choices:
      - That it poses no threat
      - That it threatens Russian interests
      - That it must be limited by treaty
      - That it concerns trade but not security
    answer: That it poses no threat
""",
)
def absolute_terms(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    yield from _terms_rule(
        question,
        ABSOLUTE,
        "absolute term",
        "say what is meant without it (test-wise students rule such choices out)",
    )


@rule(
    "vague-terms",
    "Often, usually, sometimes in a choice: vague enough to be arguable either way.",
    flawed="""\
  - id: moscow-ties
    prompt: What does the article say of the region's ties to Moscow?
    choices:
      - They appear to weaken
      - They usually grow stronger
      - They were cut in 1991
      - They are the region's strongest
    answer: They appear to weaken
""",
    sound="""\
  - id: moscow-ties
    prompt: What does the article say of the region's ties to Moscow?
    choices:
      - They appear to weaken
      - They appear to grow stronger
      - They were cut in 1991
      - They are the region's strongest
    answer: They appear to weaken
""",
)
def vague_terms(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    yield from _terms_rule(
        question,
        VAGUE,
        "vague term",
        "say exactly what is meant, so the choice is plainly right or wrong",
    )


@rule(
    "numbers-out-of-order",
    "Choices that are numbers are not in order, smallest first: students hunt for a pattern.",
    flawed="""\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $95 billion, $64 billion, $80 billion]
    answer: $95 billion
""",
    sound="""\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $95 billion
""",
)
def numbers_out_of_order(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None:
        return
    quantities = [quantity(choice) for choice in lists[0]]
    if any(quantity is None for quantity in quantities):
        return
    values = [quantity[0] for quantity in quantities if quantity is not None]
    if values != sorted(values) and values != sorted(values, reverse=True):
        yield Flag(
            ("choices",),
            "the choices are numbers out of order; list them from smallest to largest "
            "(the game keeps that order)",
        )


def _kind(choice: str) -> str:
    """What sort of thing a choice is, as far as words can tell: a number of some kind (money,
    a percentage, a number of times...), or words."""
    amount = quantity(choice)
    if amount is None:
        return "words"
    return {"": "a number", "money": "a sum of money", "%": "a percentage"}.get(
        amount[1], f"a number of {amount[1]}"
    )


@rule(
    "different-kind",
    "One choice is a different kind of thing than all the others: nobody would pick it.",
    flawed="""\
  - id: trade-russia
    prompt: About how much does Central Asia's trade with Russia stand at?
    choices: [$44 billion, $64 billion, $95 billion, Kazakhstan]
    answer: $44 billion
""",
    sound="""\
  - id: trade-russia
    prompt: About how much does Central Asia's trade with Russia stand at?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $44 billion
""",
)
def different_kind(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None or len(lists[0]) < 3:
        return
    kinds = [_kind(choice) for choice in lists[0]]
    counts = Counter(kinds)
    if len(counts) != 2:
        return
    (common, _), (odd, odd_count) = counts.most_common()
    if odd_count != 1:
        return
    index = kinds.index(odd)
    yield Flag(
        ("choices", index),
        f"'{lists[0][index]}' is {odd} where the others are {common}: nobody would pick it; "
        "make it the same kind of answer",
    )


RULES: tuple[LintRule, ...] = (
    longest_answer,
    echoes_prompt,
    of_the_above,
    absolute_terms,
    vague_terms,
    numbers_out_of_order,
    different_kind,
)
