"""The give-away rule: a prompt, hint or choice that hands a student another question's answer.

Built on two indexes made once per bank, so that a bank of any size is linted in time that grows
with it, never with the square of its questions:

- every answer (text answers and their spellings, right choices, numbers), by its first word:
  each word of a prompt, hint or choice looks up only the answers that start with it;
- how many prompts each word appears in: a question gives away another's answer only when it
  also shares two of that question's *uncommon* prompt words (words in at most a tenth of the
  bank's prompts), the cue that makes a student connect the two. `Kazakhstan` in a prompt gives
  nothing away about "Which country hosts the summit?"; "China is accused of detaining how many
  Uyghurs?" gives away "Which people is China accused of detaining?".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from quiz.authoring.lint.core import BankFacts, Flag, LintRule, Loc, rule
from quiz.authoring.lint.keys import answer_of, order_given
from quiz.authoring.lint.words import STOPWORDS, content_stems, content_words, tokens
from quiz.engine.model import (
    AnyQuestion,
)

SHARED_CUES = 2
"""How many uncommon prompt words two questions must share for one to give the other away."""
COMMON_SHARE = 0.1
"""A word in more than this share of the bank's prompts is common: it is no cue (and an answer
of more than this share of the questions gives none of them away)."""
MAX_ANSWER_WORDS = 12
"""Longer answers are looked up by their first twelve words."""


@dataclass(frozen=True)
class _Answer:
    words: tuple[str, ...]
    text: str
    question: int
    item: str | None = None
    """For a match question's partner: the item it is matched with (the pair is the answer)."""
    rank: int | None = None
    """For an order question's item: its place in the order (the sequence is the answer)."""


def _answer_texts(question: AnyQuestion) -> tuple[str, ...]:
    return answer_of(question).texts


class GiveawayIndex:
    """The bank's answers by their words, and its prompts' uncommon words."""

    def __init__(self, questions: Sequence[AnyQuestion]) -> None:
        self.questions = questions
        by_words: dict[tuple[str, ...], list[_Answer]] = defaultdict(list)
        for index, question in enumerate(questions):
            answer = answer_of(question)
            answers = [_Answer((), text, index) for text in answer.texts]
            answers += [_Answer((), partner, index, item) for item, partner in answer.pairs]
            answers += [
                _Answer((), item, index, rank=rank) for rank, item in enumerate(answer.sequence)
            ]
            for found in answers:
                words = tokens(found.text)[:MAX_ANSWER_WORDS]
                if words and not set(words) <= STOPWORDS:
                    by_words[words].append(replace(found, words=words))
        self.prompt_words = [content_words(question.prompt) for question in questions]
        self.prompt_stems = [set(words) for words in self.prompt_words]
        self.answer_stems = [
            set().union(*(content_stems(text) for text in _answer_texts(question)))
            for question in questions
        ]
        frequency: Counter[str] = Counter()
        for stems in self.prompt_stems:
            frequency.update(stems)
        limit = max(2, COMMON_SHARE * len(questions))
        self.common = frozenset(word for word, count in frequency.items() if count > limit)
        # An answer many questions share (`Yes`, `China`) gives nothing away about any one;
        # answers and order items are counted apart (an item is no answer by itself).
        self.by_words: dict[tuple[str, ...], list[_Answer]] = {}
        for words, listed in by_words.items():
            plain = [one for one in listed if one.rank is None]
            items = [one for one in listed if one.rank is not None]
            kept = [
                *(plain if len(plain) <= limit else ()),
                *(items if len(items) <= limit else ()),
            ]
            if kept:
                self.by_words[words] = kept
        self.lengths = sorted({len(words) for words in self.by_words})

    def answers_in(self, text: str) -> Iterator[_Answer]:
        """The answers that occur, as whole words, in `text` (a dictionary look-up for each
        run of words as long as some answer)."""
        words = tokens(text)
        for start in range(len(words)):
            for length in self.lengths:
                if start + length > len(words):
                    break
                yield from self.by_words.get(words[start : start + length], ())

    def pairs_with(self, question: int, text: str, answer: _Answer) -> bool:
        """Whether what a student reads in `question` also names the item a match partner
        `answer` belongs with (at least half its words, common ones included): the pair, and
        so the answer, is given."""
        item = content_stems(answer.item or "")
        own = self.prompt_stems[question] | content_stems(text) | self.answer_stems[question]
        return bool(item) and len(item & own) * 2 >= len(item)

    def cues(self, question: int, text: str, answer: _Answer) -> list[str]:
        """The uncommon words of what a student reads in `question` (its prompt, `text`, and
        its right answer, shown once answered) that the prompt of the question `answer`
        belongs to shares (the answer's own words left out), as that prompt writes them."""
        own = self.prompt_stems[question] | content_stems(text) | self.answer_stems[question]
        theirs = self.prompt_words[answer.question]
        shared = (own & set(theirs)) - self.common - content_stems(answer.text)
        return sorted(theirs[stem] for stem in shared)


def _fields(question: AnyQuestion) -> Iterator[tuple[Loc, str, str]]:
    """(where, what it is called, text) of each part that tells a student something: the
    prompt, the hint and the parts its type shows (the right choices, shown as the answer once
    the question is answered, an order's items, a match's pairs; a wrong choice tells nothing)."""
    yield ("prompt",), "prompt", question.prompt
    if question.hint:
        yield ("hint",), "hint", question.hint
    for shown in answer_of(question).shown:
        yield shown.loc, shown.name, shown.text


@rule(
    "gives-away-another",
    "A prompt, hint or choice contains the answer of another question about the same thing.",
    flawed="""\
  - id: detained-number
    prompt: China is accused of detaining how many Uyghurs and other Muslims?
    choices: ['Over 100,000', Over a million, Over 10 million, About 80 million]
    answer: Over a million
  - id: detained-group
    type: text
    prompt: Besides other Muslims, which people is China accused of detaining?
    answer: Uyghurs
""",
    sound="""\
  - id: detained-number
    prompt: China is accused of detaining how many Muslims?
    choices: ['Over 100,000', Over a million, Over 10 million, About 80 million]
    answer: Over a million
  - id: detained-group
    type: text
    prompt: Besides other Muslims, which people is China accused of detaining?
    answer: Uyghurs
""",
)
def gives_away_another(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    index = facts.shared("giveaway-index", lambda: GiveawayIndex(facts.questions))
    me = facts.index_of[question.id]
    mine = {" ".join(tokens(text)) for text in _answer_texts(question)}
    for loc, name, text in _fields(question):
        orders: set[int] = set()
        for answer in index.answers_in(text):
            if answer.question == me or " ".join(answer.words) in mine:
                continue
            other = facts.questions[answer.question]
            where = f"question '{other.id}' (line {facts.line_of(other.id)})"
            if answer.rank is not None:
                orders.add(answer.question)
                continue
            if answer.item is not None:
                if index.pairs_with(me, text, answer):
                    yield Flag(
                        loc,
                        f"the {name} pairs '{answer.text}' with '{answer.item}', a pair of "
                        f"{where}; reword one of them",
                    )
                    break
                continue
            cues = index.cues(me, text, answer)
            if len(cues) >= SHARED_CUES:
                yield Flag(
                    loc,
                    f"the {name} says '{answer.text}', the answer of {where}, which asks about "
                    f"the same thing ({', '.join(cues)}); reword one of them",
                )
                break
        else:
            flag = _order_given_away(index, facts, me, loc, name, text, sorted(orders))
            if flag:
                yield flag


def _order_given_away(
    index: GiveawayIndex,
    facts: BankFacts,
    me: int,
    loc: Loc,
    name: str,
    text: str,
    orders: list[int],
) -> Flag | None:
    """A flag when `text` gives away the sequence of one of the order questions whose items it
    names (their first item as first, or two of them in their order), and shares that
    question's uncommon prompt words: it is about the same thing."""
    for number in orders:
        other = facts.questions[number]
        sequence = answer_of(other).sequence
        given = order_given(text, sequence)
        if not given:
            continue
        cues = index.cues(me, text, _Answer(tokens(sequence[0]), " ".join(sequence), number))
        if len(cues) >= SHARED_CUES:
            where = f"question '{other.id}' (line {facts.line_of(other.id)})"
            return Flag(
                loc,
                f"the {name} {given} of {where}, which asks about the same thing "
                f"({', '.join(cues)}); reword one of them",
            )
    return None


RULES: tuple[LintRule, ...] = (gives_away_another,)
