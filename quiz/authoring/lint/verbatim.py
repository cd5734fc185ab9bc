"""`verbatim-answer`: a right choice in the text's own words, which a student spots without
knowing the fact (the longer copies, and short ones copied whole)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quiz.authoring.lint.choices import choice_lists
from quiz.authoring.lint.core import BankFacts, Flag, LintRule, rule
from quiz.authoring.lint.words import STOPWORDS, fold, has_phrase, tokens
from quiz.engine.model import AnyQuestion
from quiz.engine.quantities import quantity

VERBATIM_WORDS = 5
"""A right choice that copies this many words in a row from its context is the text's wording."""
SHORT_VERBATIM_WORDS = 3
"""A right choice of this many words or more (and fewer than VERBATIM_WORDS) is the text's
wording when the whole of it is copied from its context, unless it is a name (every content
word capitalised: `The European Union`), an amount (`Over a million`), or a term the text
itself quotes (`“crimes against humanity”`): those the question asks for as the text gives them."""
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’")
_WORD = re.compile(r"[^\W_]+")


@rule(
    "verbatim-answer",
    "The right choice copies the text's own words and the others do not: spotted, not known.",
    flawed="""\
  - id: nuclear-role
    prompt: What part does Kazakhstan intend China to play in its nuclear power plans?
    choices:
      - To construct its second facility
      - To build its first plant
      - To supply the uranium
      - To pay for a plant
    answer: To construct its second facility
    context: with intentions for China to construct its second facility
""",
    sound="""\
  - id: nuclear-role
    prompt: What part does Kazakhstan intend China to play in its nuclear power plans?
    choices:
      - To build the country's second nuclear plant
      - To build the country's first nuclear plant
      - To supply the uranium for the plant
      - To pay for a plant others build
    answer: To build the country's second nuclear plant
    context: with intentions for China to construct its second facility
""",
)
def verbatim_answer(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lists = choice_lists(question)
    if lists is None:
        return
    choices, right = lists
    context = tokens(question.context)
    grams = {
        tuple(context[start : start + VERBATIM_WORDS])
        for start in range(len(context) - VERBATIM_WORDS + 1)
    }

    quoted = [tokens("".join(spans)) for spans in _QUOTED.findall(question.context)]

    def copies(choice: str) -> bool:
        words = tokens(choice)
        if SHORT_VERBATIM_WORDS <= len(words) < VERBATIM_WORDS:
            return _copied_whole(choice, words, context, quoted)
        return any(
            tuple(words[start : start + VERBATIM_WORDS]) in grams
            and not set(words[start : start + VERBATIM_WORDS]) <= STOPWORDS
            for start in range(len(words) - VERBATIM_WORDS + 1)
        )

    if any(copies(choice) for choice in choices if choice not in right):
        return
    for index, choice in enumerate(choices):
        if choice in right and copies(choice):
            yield Flag(
                ("choices", index),
                "the right choice copies the context's own words; put it in other words, so "
                "that knowing beats recognising",
            )


def _copied_whole(
    choice: str, words: tuple[str, ...], context: tuple[str, ...], quoted: list[tuple[str, ...]]
) -> bool:
    """Whether a short choice is the context's words, whole, and is no name, amount or term the
    text quotes (see SHORT_VERBATIM_WORDS)."""
    if set(words) <= STOPWORDS or not has_phrase(context, words) or quantity(choice):
        return False
    content = [word for word in _WORD.findall(choice) if fold(word) not in STOPWORDS]
    if all(word[:1].isupper() or word[:1].isdigit() for word in content):
        return False  # a name
    return not any(has_phrase(span, words) for span in quoted)


RULES: tuple[LintRule, ...] = (verbatim_answer,)
