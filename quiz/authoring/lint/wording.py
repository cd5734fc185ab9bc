"""Rules on the wording of prompts, hints, topics and explanations: negatives a student can
miss, hints and topic labels that answer by themselves, statements made false by adding a
"not", and explanations that teach more than the source says."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator, Sequence

from quiz.authoring.lint.antonyms import swapped_opposite
from quiz.authoring.lint.core import BankFacts, Flag, LintRule, rule
from quiz.authoring.lint.keys import answer_of, order_given, pair_given
from quiz.authoring.lint.words import (
    STOPWORDS,
    content_stems,
    figures,
    has_phrase,
    sentences,
    stem,
    tokens,
    word_set,
)
from quiz.engine.model import (
    AnyQuestion,
    TrueFalseQuestion,
)
from quiz.engine.quantities import all_quantities

_NEGATIVE = re.compile(
    r"\b(?:not|except|never|neither|nor|least|none|cannot|[^\W\d_]+n[’']t)\b", re.IGNORECASE
)
_NEGATIONS = word_set("not no never none nothing neither nor without")
_AUXILIARIES = word_set("do does did")  # "does not express" against "expresses"
_CONTRACTION = re.compile(r"n[’']t\b", re.IGNORECASE)
_FRAMING = re.compile(
    r"^(?:the article (?:says|states|reports|claims)(?: that)?|according to the article,?)\s+",
    re.IGNORECASE,
)
_SUPERLATIVES = word_set(
    "largest smallest biggest highest lowest greatest least fewest most maximum minimum top bottom"
)
_CAUSAL = re.compile(
    r"(?:\b(?:because|which is why|that is why|this is why|so that|therefore|thus|hence|"
    r"as a result|one reason|in order to|due to|thanks to)\b|, so\b)"
    r"(?!\s+(?:the|this|that) (?:article|source|text|sentence|quote|headline)\b)",
    re.IGNORECASE,
)
"""Words that give a cause, unless the cause is the source itself ("because the article says")."""
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:and|of|the|for)\s+)?[A-Z][\w’'-]*)+")
_DECIMALS = re.compile(r"\d\.(\d+)")
_NAME = re.compile(r"(?<=[^.!?:…\s]\s)[^\W\d_a-z][\w’'-]*")
_MINOR = frozenset(("and", "of", "the", "for"))


@rule(
    "hidden-negative",
    "A negative in the prompt (not, except) in small letters: easy to miss, and the question flips.",
    flawed="""\
  - id: not-invited
    prompt: Which of these countries was not at the summit in Astana?
    choices: [Afghanistan, Kyrgyzstan, Tajikistan, Turkmenistan]
    answer: Afghanistan
""",
    sound="""\
  - id: not-invited
    prompt: Which of these countries was NOT at the summit in Astana?
    choices: [Afghanistan, Kyrgyzstan, Tajikistan, Turkmenistan]
    answer: Afghanistan
""",
)
def hidden_negative(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    for match in _NEGATIVE.finditer(question.prompt):
        word = match.group()
        if word != word.upper():
            yield Flag(
                ("prompt",),
                f"'{word}' is easy to miss; write it in capitals ({word.upper()}), "
                "or ask the question positively",
            )
            return


@rule(
    "hint-gives-away",
    "The hint answers the question by itself (it names the answer, or picks it out of the choices).",
    flawed="""\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $95 billion
    hint: It is the largest of the three trade figures.
""",
    sound="""\
  - id: trade-china
    prompt: About how much was Central Asia's 2024 trade with China projected to reach?
    choices: [$44 billion, $64 billion, $80 billion, $95 billion]
    answer: $95 billion
    hint: The article compares it with the trade with the EU and with Russia.
""",
)
def hint_gives_away(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    if question.hint is None:
        return
    hint = tokens(question.hint)
    answer = answer_of(question)
    for text in answer.texts:
        words = tokens(text)
        if words and not set(words) <= STOPWORDS and has_phrase(hint, words):
            yield Flag(
                ("hint",), f"the hint contains the answer '{text}'; hint at where to look instead"
            )
            return
    given = order_given(question.hint, answer.sequence) if answer.sequence else None
    if given:
        yield Flag(("hint",), f"the hint {given}; hint at where to look instead")
        return
    pair = pair_given(question.hint, answer.pairs)
    if pair:
        yield Flag(
            ("hint",),
            f"the hint pairs '{pair[0]}' with '{pair[1]}', a pair of the answer; "
            "hint at where to look instead",
        )
        return
    prompt = content_stems(question.prompt)
    hint_stems = content_stems(question.hint) - prompt
    if not answer.choices:  # a typed answer: its words, even a part of them
        shared = hint_stems & set().union(*(content_stems(text) for text in answer.texts))
        if shared:
            yield Flag(
                ("hint",),
                f"the hint spells out part of the answer ({', '.join(sorted(shared))}); "
                "hint at where to look instead",
            )
        return
    wrong_stems: set[str] = set()
    for choice in answer.choices:
        if choice not in answer.right:
            wrong_stems |= content_stems(choice)
    for choice in answer.choices:
        shared = (hint_stems & content_stems(choice)) - wrong_stems
        if choice in answer.right and shared:
            yield Flag(
                ("hint",),
                f"the hint repeats the right choice's words ({', '.join(sorted(shared))}); "
                "hint at where to look instead",
            )
            return
    if all_quantities(answer.choices):
        superlative = next((word for word in hint if word in _SUPERLATIVES), None)
        if superlative:
            yield Flag(
                ("hint",),
                f"'{superlative}' picks one of the numbers by itself; "
                "hint at where to look instead",
            )


def _words_of(text: str) -> frozenset[str]:
    """The stems of a text's words that are not function words (short ones too: `EU`)."""
    return frozenset(stem(word) for word in tokens(text) if word not in STOPWORDS)


@rule(
    "topic-gives-away",
    "The topic label, shown while the question is asked, names its answer.",
    flawed="""\
  - id: resources
    topic: Uranium and rare earths
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Gas, Coal, Oil]
    answer: Uranium
""",
    sound="""\
  - id: resources
    topic: Resources
    prompt: Which resource are Chinese businesses eyeing in Kazakhstan?
    choices: [Uranium, Gas, Coal, Oil]
    answer: Uranium
""",
)
def topic_gives_away(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    topic = _words_of(question.topic)
    answer = answer_of(question)
    named = [text for text in answer.texts if _words_of(text) and _words_of(text) <= topic]
    if not named:
        return
    wrong = [choice for choice in answer.choices if choice not in answer.right]
    if any(_words_of(choice) and _words_of(choice) <= topic for choice in wrong):
        return  # the topic names a wrong choice as well: it points at none
    yield Flag(
        ("topic",),
        f"the topic '{question.topic}' names the answer '{named[0]}', and the game shows it "
        "while the question is asked; name the topic more broadly",
    )


def _without_negations(text: str) -> tuple[list[str], list[int], Sequence[str]]:
    """A statement's stems without its negations, where each stem stands among its words, and
    the words themselves."""
    words = tokens(_CONTRACTION.sub(" not", _FRAMING.sub("", text.strip())))
    kept = [
        (stem(word), at) for at, word in enumerate(words) if word not in _NEGATIONS | _AUXILIARIES
    ]
    return [stem_ for stem_, _ in kept], [at for _, at in kept], words


def _negations(words: Sequence[str]) -> int:
    return sum(word in _NEGATIONS for word in words)


@rule(
    "negated-sentence",
    "A true/false statement that is a sentence of the text with a 'not' added or removed, or "
    "one word swapped for its opposite.",
    flawed="""\
  - id: russia-threat
    type: truefalse
    prompt: Russia does not express support for Chinese presence in the region.
    answer: false
    context: Although Russia expresses support for Chinese presence in the region, stating it poses no threat
""",
    sound="""\
  - id: russia-threat
    type: truefalse
    prompt: Russia has warned that China's presence in Central Asia threatens its interests.
    answer: false
    context: Although Russia expresses support for Chinese presence in the region, stating it poses no threat
""",
)
def negated_sentence(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    if not isinstance(question, TrueFalseQuestion):
        return
    statement, _, statement_words = _without_negations(question.prompt)
    if len(statement) < 4:
        return
    for sentence in sentences(question.context):
        stems, places, words = _without_negations(sentence)
        matcher = difflib.SequenceMatcher(a=statement, b=stems, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        if not blocks or sum(block.size for block in blocks) < 0.85 * len(statement):
            continue
        first, last = places[blocks[0].b], places[blocks[-1].b + blocks[-1].size - 1]
        if _negations(statement_words) != _negations(words[first : last + 1]):
            yield Flag(
                ("prompt",),
                "the statement is the text's sentence with a negation added or removed; "
                "students answer it by spotting the 'not': state a plausible misreading instead",
            )
            return
    for sentence in sentences(question.context):
        stems, _, words = _without_negations(sentence)
        swapped = swapped_opposite(statement, stems)
        if swapped:
            theirs = next(word for word in words if stem(word) == swapped[0])
            mine = next(word for word in statement_words if stem(word) == swapped[1])
            yield Flag(
                ("prompt",),
                f"the statement is the text's sentence with '{theirs}' swapped for its "
                f"opposite '{mine}'; students answer it by spotting the swap: state a "
                "plausible misreading instead",
            )
            return


def _evidence_words(facts: BankFacts) -> frozenset[str]:
    """The stem of every word of the evidence, and the initials of its names (EU, UN, BRI)."""
    text = facts.evidence
    found = {stem(word) for word in tokens(text)}
    for run in _CAPITALISED_RUN.findall(text):
        found.add("".join(word[0] for word in run.split() if word not in _MINOR).casefold())
    return frozenset(found)


def _evidence_numbers(facts: BankFacts) -> list[float]:
    """The evidence's figures, sorted."""
    return sorted({value for value, _ in figures(facts.evidence)})


def _near(value: float, written: str, known: Sequence[float]) -> bool:
    """Whether `value`, as `written`, is one of the sorted `known` figures rounded to the
    precision it is written with (`2.2` for 2.16; `2019` only for 2019)."""
    decimals = _DECIMALS.search(written)
    slack = 0.5 * 10.0 ** -(len(decimals.group(1)) if decimals else 0) + 1e-9
    at = bisect.bisect_left(known, value - slack)
    return at < len(known) and known[at] <= value + slack


def _derived(numbers: list[float]) -> set[float]:
    """What a teacher may compute from a context's figures: sums, differences and ratios."""
    results = set(numbers)
    for first in numbers:
        for second in numbers:
            results.update((first + second, first - second, first * second))
            if second:
                results.add(first / second)
    return results


def _names(text: str) -> list[str]:
    """The capitalised words of a text that do not start it, a sentence, or a clause after `:`."""
    return _NAME.findall(text)


def _unsupported(text: str, question: AnyQuestion, facts: BankFacts) -> str | None:
    """What in `text` the evidence does not back: a name, a number or a cause, or None."""
    known = facts.shared("evidence-words", lambda: _evidence_words(facts))
    answer = answer_of(question)
    own = [question.prompt, question.context, question.hint or "", *answer.texts]
    own += [*answer.choices, *answer.sequence, *(part for pair in answer.pairs for part in pair)]
    names = [
        name
        for name in _names(text)
        if name[:1].isupper() and stem((tokens(name) or ("",))[0]) not in known
    ]
    if names:
        own_words = {stem(word) for part in own for word in tokens(part)}
        for name in names:
            word = (tokens(name) or ("",))[0]
            if stem(word) not in own_words and word not in STOPWORDS:
                return f"names '{name}'"
    numbers = facts.shared("evidence-numbers", lambda: _evidence_numbers(facts))
    strange = [(value, words) for value, words in figures(text) if not _near(value, words, numbers)]
    if strange:
        own_numbers = {value for part in own for value, _ in figures(part)}
        allowed = sorted(own_numbers | _derived([value for value, _ in figures(question.context)]))
        for value, words in strange:
            if not _near(value, words, allowed):
                return f"gives the figure '{words}'"
    cause = _CAUSAL.search(text)
    if cause and not _CAUSAL.search(question.context):
        return f"gives a cause ('{cause.group().strip(', ')}')"
    return None


@rule(
    "unsupported-explanation",
    "An explanation or feedback states a name, figure or cause the source does not: check it.",
    flawed="""\
  - id: history
    prompt: Under whose sway were the Central Asian nations historically?
    choices: [Russia, China, The Ottoman Empire, Iran]
    answer: Russia
    explanation: The Tsars conquered the region, which is why it was under Russia's sway.
    context: Historically under the sway of Russia
""",
    sound="""\
  - id: history
    prompt: Under whose sway were the Central Asian nations historically?
    choices: [Russia, China, The Ottoman Empire, Iran]
    answer: Russia
    explanation: The region was historically under Russia's sway, until independence in 1991.
    context: Historically under the sway of Russia
""",
)
def unsupported_explanation(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    found = _unsupported(question.explanation, question, facts)
    if found:
        yield Flag(
            ("explanation",),
            f"the explanation {found}, which the source does not; check it against the "
            "article, or leave it out",
        )
    for choice, text in answer_of(question).feedback:
        found = _unsupported(text, question, facts)
        if found:
            yield Flag(
                ("feedback", choice),
                f"the feedback {found}, which the source does not; check it against the "
                "article, or leave it out",
            )


RULES: tuple[LintRule, ...] = (
    hidden_negative,
    hint_gives_away,
    topic_gives_away,
    negated_sentence,
    unsupported_explanation,
)
