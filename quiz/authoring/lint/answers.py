"""Rules on typed answers: the spellings a student would type are accepted, and a number
question accepts the figure as the text writes it but no other figure of the text.

Both ask the game's own checker (`quiz.engine.checking`), so lint and the game always agree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from quiz.authoring.lint.core import BankFacts, Flag, LintRule, rule
from quiz.authoring.lint.words import figures, scaled, word_set
from quiz.engine.checking import vocabulary
from quiz.engine.model import AnyQuestion, NumberQuestion, TextQuestion, format_number

_MINOR = frozenset(("and", "of", "the", "for", "&"))
_INSTITUTION = word_set(
    "initiative union nations organisation organization bank fund council forum party "
    "agreement treaty pact community alliance republic states corridor"
)
_PERSON_PROMPT = re.compile(
    r"\b(?:who|whom|whose|person|analyst|spokes\w*|president|minister|leader|author|his|her)\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_APPROXIMATELY = re.compile(
    r"\b(?:about|approximately|around|roughly|nearly|almost|some|over|more than|"
    r"less than|under|up to)\s+$",
    re.IGNORECASE,
)


def _is_person(question: TextQuestion, words: list[str]) -> bool:
    """Whether the answer is a person's name whose family name students would type alone.

    Which word that is depends on the language (Guo Jiakun, Nargiza Muratalieva): a one-word
    spelling already in `accept` is the teacher's answer; otherwise the last word is likely.
    """
    return (
        len(words) in (2, 3)
        and _PERSON_PROMPT.search(question.prompt) is not None
        and not any(len(spelling.split()) == 1 for spelling in question.accept)
    )


def variants(question: TextQuestion) -> list[str]:
    """What students commonly type for this answer besides the answer itself: without a
    leading article, `&` for `and`, an institution's initials, a person's family name."""
    answer = question.answer
    found: list[str] = []
    bare = _ARTICLE.sub("", answer)
    if bare != answer:
        found.append(bare)
    if re.search(r"\band\b", bare):
        found.append(re.sub(r"\band\b", "&", bare))
    words = bare.split()
    significant = [word for word in words if word.casefold() not in _MINOR]
    capitalised = bool(significant) and all(word[:1].isupper() for word in significant)
    if capitalised and len(significant) >= 2:
        institution = len(significant) >= 3 or significant[-1].casefold() in _INSTITUTION
        if institution:
            found.append("".join(word[0] for word in significant).upper())
        elif _is_person(question, words):
            found.append(words[-1])
    return found


@rule(
    "missing-variants",
    "A text question refuses what students commonly type (initials, a family name, no 'the').",
    flawed="""\
  - id: bri-name
    type: text
    prompt: Through which initiative does China fund infrastructure in Central Asia?
    answer: Belt and Road Initiative
""",
    sound="""\
  - id: bri-name
    type: text
    prompt: Through which initiative does China fund infrastructure in Central Asia?
    answer: Belt and Road Initiative
    accept: [Belt and Road, BRI, One Belt One Road, OBOR]
""",
)
def missing_variants(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    if not isinstance(question, TextQuestion):
        return
    typed = variants(question)
    if not typed:
        return
    known = facts.shared("vocabulary", lambda: vocabulary(facts.questions))
    refused = [variant for variant in typed if not question.check(variant, known).correct]
    if refused:
        listed = ", ".join(refused)
        yield Flag(
            ("answer",),
            f"students who type {listed!r} are refused; add {'it' if len(refused) == 1 else 'them'} "
            "to accept (if right)",
        )


def _source_figures(facts: BankFacts) -> tuple[list[float], list[str]]:
    """The source's figures sorted by value, and how the text writes each."""
    found = sorted(figures(facts.evidence))
    return [value for value, _ in found], [written for _, written in found]


@rule(
    "tolerance-too-wide",
    "A number question's tolerance also accepts another figure of the source text.",
    flawed="""\
  - id: trade-eu
    type: number
    prompt: About how many billion US dollars does the region's trade with the EU stand at?
    answer: 64
    tolerance: 20
    unit: billion US dollars
""",
    sound="""\
  - id: trade-eu
    type: number
    prompt: About how many billion US dollars does the region's trade with the EU stand at?
    answer: 64
    tolerance: 2
    unit: billion US dollars
""",
)
def tolerance_too_wide(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    if not isinstance(question, NumberQuestion) or question.tolerance <= 0:
        return
    values, written = facts.shared("source-figures", lambda: _source_figures(facts))
    low = bisect.bisect_left(values, question.answer - question.tolerance)
    high = bisect.bisect_right(values, question.answer + question.tolerance)
    other = next((at for at in range(low, high) if values[at] != question.answer), None)
    if other is not None:
        yield Flag(
            ("tolerance",),
            f"a tolerance of {format_number(question.tolerance)} also accepts "
            f"{format_number(values[other])}, which the text gives as '{written[other]}'; "
            "narrow it",
        )


@rule(
    "figure-refused",
    "A number question refuses its figure typed the way the text writes it.",
    flawed="""\
  - id: population
    type: number
    prompt: About how many people live in Central Asia?
    answer: 80
    unit: people
    context: approximately 80 million residents
""",
    sound="""\
  - id: population
    type: number
    prompt: About how many million people live in Central Asia?
    answer: 80
    unit: million people
    context: approximately 80 million residents
""",
)
def figure_refused(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    if not isinstance(question, NumberQuestion):
        return
    context = question.context
    for value, written in figures(context):
        full = scaled(value, written)
        if question.answer not in (value, full):
            continue
        start = context.find(written)
        before = _APPROXIMATELY.search(context[:start]) if start >= 0 else None
        typings = [f"{before.group()}{written}" if before else written]
        if full != value:  # the figure in full digits, too: 80,000,000 for "80 million"
            typings.append(format_number(full))
        refused = next((typed for typed in typings if not question.check(typed).correct), None)
        if refused is not None:
            yield Flag(
                ("answer",),
                f"a student who types '{refused}' for the text's '{written}' is refused; give "
                "the answer and unit the way the text does, or widen the tolerance",
            )
            return


RULES: tuple[LintRule, ...] = (missing_variants, tolerance_too_wide, figure_refused)
