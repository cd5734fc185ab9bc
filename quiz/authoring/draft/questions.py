"""Draft questions from the facts of an article, and the choice of the best of them.

Each builder turns one kind of fact into candidate questions (plain dicts in the bank's format);
`choose` keeps the best, one per fact, none giving away another's answer, varied in kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from quiz.authoring.draft import english
from quiz.authoring.draft.facts import Article, Figure, Name, Sentence


@dataclass(frozen=True)
class Candidate:
    """A drafted question, what it asks about (`fact`, for no two on the same one) and its worth."""

    question: dict[str, Any]
    fact: str
    answers: tuple[str, ...]
    """Texts that must not appear in another question's prompt (they would give this one away)."""
    worth: float
    sentence: Sentence


def _question(kind: str, sentence: Sentence, **fields: Any) -> dict[str, Any]:
    fields.setdefault("difficulty", "medium")
    return {
        "topic": english.TOPICS[kind],
        **fields,
        "explanation": fields.pop("explanation", None) or english.says(sentence.text),
        "context": sentence.text,
    }


def _gap(sentence: Sentence, phrase: str, hide: tuple[str, ...] = ()) -> str | None:
    """The sentence with `phrase` (its only occurrence) blanked out, and each of `hide` (other
    answers the sentence holds) left out, or None."""
    pattern = rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"
    if len(re.findall(pattern, sentence.text)) != 1:
        return None
    text = re.sub(pattern, english.BLANK, sentence.text)
    for other in hide:
        text = _mask(text, other)
    return text


def _mask(text: str, phrase: str) -> str:
    return re.sub(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", english.LEFT_OUT, text)


def _spread(values: list[str], answer: str, limit: int = 4) -> list[str]:
    """Up to `limit` choices holding `answer`, in a fixed order (sorted), other values first met."""
    others = [value for value in dict.fromkeys(values) if value != answer][: limit - 1]
    return sorted([answer, *others], key=str.casefold)


def figure_questions(article: Article) -> Iterator[Candidate]:
    """A choice among the text's figures of the same kind, or a typed number."""
    for figure in article.figures:
        same = [
            f.text for f in article.figures if f.kind == figure.kind and f.value != figure.value
        ]
        beside = tuple(  # the sentence's other figures of the kind would give this one away
            f.text
            for f in article.figures
            if f.sentence is figure.sentence and f is not figure and f.kind == figure.kind
        )
        prompt = _gap(figure.sentence, figure.text, hide=beside)
        if prompt is None:
            continue
        fact = f"figure:{figure.sentence.order}:{figure.text}"
        if len(set(same)) >= 2:
            question = _question(
                "figure",
                figure.sentence,
                prompt=english.which_figure(prompt),
                choices=_spread(same, figure.text),
                answer=figure.text,
            )
            yield Candidate(question, fact, (figure.text,), 3.0, figure.sentence)
        elif figure.kind != "year" or same:
            question = _question(
                "figure",
                figure.sentence,
                type="number",
                difficulty="hard",
                prompt=english.fill_in(prompt),
                answer=figure.value,
                tolerance=_tolerance(figure, article),
                unit=figure.unit,
            )
            yield Candidate(question, fact, (figure.text,), 2.5, figure.sentence)


def _tolerance(figure: Figure, article: Article) -> float:
    """Half the step of the figure's last significant digit when the text says `about`, never
    wide enough to take in another figure of the same kind; 0 for an exact figure."""
    if not figure.approximate:
        return 0
    tolerance = figure.step / 2
    for other in article.figures:
        if other.kind == figure.kind and other.value != figure.value:
            tolerance = min(tolerance, abs(other.value - figure.value) / 2 * 0.99)
    return round(tolerance, 6)


def _pool(article: Article, name: Name) -> list[str]:
    """Names that may stand in for `name`: of its kind (countries for a country), most used first."""
    same = [
        other
        for other in article.names.values()
        if other.kind == name.kind and other.text != name.text and other.country == name.country
    ]
    same.sort(key=lambda other: (-other.count, other.text))
    return [other.text for other in same]


def name_questions(article: Article) -> Iterator[Candidate]:
    """A choice among names of the same kind, or a typed name when the text has too few."""
    for sentence in article.sentences:
        # one name per sentence: the rarest in the article, the most particular fact
        named = [name for name in article.mentions(sentence) if name.kind != "other"]
        for name in sorted(named, key=lambda n: (n.count, n.kind != "person"))[:1]:
            prompt = _gap(sentence, name.text)
            if prompt is None:
                continue
            pool = [other for other in _pool(article, name) if not _mentions(sentence.text, other)]
            fact = f"name:{sentence.order}:{name.text}"
            # a name used once or twice is a fact of its sentence; one used everywhere is not
            rare = 1.0 if name.count <= 2 else (-0.5 if name.count > 5 else 0.0)
            if len(pool) >= 2:
                question = _question(
                    name.kind,
                    sentence,
                    prompt=english.fill_in(prompt),
                    choices=_spread(pool, name.text),
                    answer=name.text,
                )
                yield Candidate(question, fact, (name.text,), 1.5 + rare, sentence)
            elif name.kind == "person":
                accept = [name.text.split()[-1]] if len(name.text.split()) > 1 else []
                question = _question(
                    name.kind,
                    sentence,
                    type="text",
                    difficulty="hard",
                    prompt=english.fill_in(prompt),
                    answer=name.text,
                    accept=accept,
                )
                yield Candidate(question, fact, (name.text,), 2.0, sentence)


def quote_questions(article: Article) -> Iterator[Candidate]:
    """Who said a quotation; and a gap in a named person's quotation."""
    people = [n.text for n in article.names.values() if n.kind == "person"]
    for quote in article.quotes:
        others = [person for person in people if person != quote.speaker]
        if others:
            question = _question(
                "quote",
                quote.sentence,
                prompt=english.who_said(quote.text),
                choices=_spread(others, quote.speaker),
                answer=quote.speaker,
            )
            yield Candidate(question, f"quote:{quote.text}", (quote.speaker,), 3.5, quote.sentence)
        named = article.mentions(Sentence(quote.text, -1, -1))
        for name in sorted(named, key=lambda n: n.count):  # the rarest name is the real fact
            pool = _pool(article, name)
            gap = _gap(Sentence(quote.text, -1, -1), name.text)
            if name.kind == "other" or len(pool) < 2 or gap is None:
                continue
            question = _question(
                "quote",
                quote.sentence,
                prompt=english.complete_quote(gap),
                choices=_spread(pool, name.text),
                answer=name.text,
            )
            yield Candidate(
                question,
                f"name:{quote.sentence.order}:{name.text}",
                (name.text,),
                3.0,
                quote.sentence,
            )
            break


def list_questions(article: Article, types: frozenset[str]) -> Iterator[Candidate]:
    """Lists of pairs as `match` questions; lists of names as `multi` questions."""
    if "match" in types:
        for pairing in article.pairings:
            question = _question(
                "list",
                pairing.sentence,
                type="match",
                prompt=english.match_pairs(pairing.lead),
                pairs=[list(pair) for pair in pairing.pairs],
            )
            answers = tuple(right for _, right in pairing.pairs)
            yield Candidate(
                question, f"pairs:{pairing.sentence.order}", answers, 4.0, pairing.sentence
            )
    for listing in article.enumerations:
        prompt = _gap(listing.sentence, listing.text)
        first = article.names.get(listing.items[0])
        if prompt is None or first is None:
            continue
        extra = [name for name in _pool(article, first) if name not in listing.items][:2]
        if not extra:
            continue
        shown = list(listing.items[:5])
        question = _question(
            "list",
            listing.sentence,
            type="multi",
            prompt=english.pick_all(prompt),
            choices=sorted([*shown, *extra], key=str.casefold),
            answer=sorted(shown, key=str.casefold),
        )
        yield Candidate(
            question, f"list:{listing.sentence.order}", tuple(shown), 3.0, listing.sentence
        )


def order_questions(article: Article, types: frozenset[str]) -> Iterator[Candidate]:
    """Three or more events dated by year, to put in order (each event's year taken out)."""
    if "order" not in types:
        return
    events: dict[float, tuple[str, Sentence]] = {}
    for figure in article.figures:
        if figure.kind != "year" or figure.value in events:
            continue
        clause = english.undated(figure.sentence.text, figure.text)
        if clause:
            events[figure.value] = (clause, figure.sentence)
    if len(events) < 3:
        return
    chosen = sorted(events.items())[:8]
    first = chosen[0][1][1]
    question = _question(
        "event",
        first,
        type="order",
        prompt=english.put_in_order(),
        items=[clause for _, (clause, _) in chosen],
        explanation=" ".join(f"{int(year)}: {sentence.text}" for year, (_, sentence) in chosen),
        context=first.text,
    )
    yield Candidate(question, "events", (), 3.0, first)


def statement_questions(article: Article) -> Iterator[Candidate]:
    """A sentence made false by swapping one name or figure for another of the same kind."""
    for sentence in article.sentences:
        if len(sentence.text) > 240 or "“" in sentence.text:
            continue
        swaps: list[tuple[str, str]] = []
        for figure in article.figures:
            if figure.sentence is sentence:
                others = [
                    f.text
                    for f in article.figures
                    if f.kind == figure.kind and f.value != figure.value
                ]
                swaps += [(figure.text, other) for other in others[:1]]
        for name in article.mentions(sentence):
            if name.kind in ("place", "person", "organisation"):
                pool = sorted(
                    _pool(article, name), key=lambda o: abs(article.names[o].count - name.count)
                )
                swaps += [(name.text, other) for other in pool[:1]]
        for right, wrong in swaps:
            statement = _gap(sentence, right)
            if statement is None or wrong in sentence.text:
                continue
            statement = statement.replace(english.BLANK, wrong)
            question = _question(
                "statement",
                sentence,
                type="truefalse",
                difficulty="easy",
                prompt=english.true_or_false(statement),
                answer=False,
                explanation=english.changed(sentence.text, wrong, right),
            )
            yield Candidate(question, f"swap:{sentence.order}:{right}", (right,), 1.0, sentence)
            break


Builder = Callable[[Article], Iterator[Candidate]]


def candidates(article: Article, types: frozenset[str]) -> list[Candidate]:
    """Every question the article gives, before the choice of the best."""
    found: list[Candidate] = []
    found += quote_questions(article)
    found += list_questions(article, types)
    found += order_questions(article, types)
    found += figure_questions(article)
    found += name_questions(article)
    found += statement_questions(article)
    return found


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, re.IGNORECASE) is not None


def choose(article: Article, found: list[Candidate], count: int | None) -> list[Candidate]:
    """The best questions, at most `count`: one per fact, at most two per sentence, none whose
    prompt names a rare answer of another (a give-away), kinds taken in turn; in article order."""
    ranked = sorted(found, key=lambda c: (-c.worth, c.sentence.order))
    kept: list[Candidate] = []
    facts: set[str] = set()
    per_sentence: dict[int, int] = {}
    for candidate in ranked:
        if candidate.fact in facts or per_sentence.get(candidate.sentence.order, 0) >= 2:
            continue
        for other in kept:  # two questions on one sentence: each prompt leaves the other's out
            if other.sentence.order == candidate.sentence.order:
                _leave_out(candidate, other, article)
                _leave_out(other, candidate, article)
        if any(_gives_away(candidate, other, article) for other in kept):
            continue
        kept.append(candidate)
        facts.add(candidate.fact)
        per_sentence[candidate.sentence.order] = per_sentence.get(candidate.sentence.order, 0) + 1
    if count is not None:
        kept = _varied(kept)[:count]
    return sorted(kept, key=lambda c: (c.sentence.order, -c.worth))


def _leave_out(asker: Candidate, asked: Candidate, article: Article) -> None:
    """Leave `asked`'s rare answers out of `asker`'s prompt, where its own blank stays whole (a
    name the article writes everywhere gives nothing away)."""
    if asker.question.get("type") == "truefalse":
        return
    prompt = str(asker.question["prompt"])
    for answer in asked.answers:
        if answer not in asker.answers and article.occurrences(answer) <= 2:
            prompt = _mask(prompt, answer)
    if english.BLANK in prompt or english.BLANK not in str(asker.question["prompt"]):
        asker.question["prompt"] = prompt


def _gives_away(one: Candidate, other: Candidate, article: Article) -> bool:
    """Whether either question's prompt names the other's answer, where that answer is rare in the
    article (a name written everywhere gives nothing away) or both come from one sentence."""
    for asker, asked in ((one, other), (other, one)):
        prompt = str(asker.question["prompt"])
        for answer in asked.answers:
            same_sentence = asker.sentence.order == asked.sentence.order
            if _mentions(prompt, answer) and (same_sentence or article.occurrences(answer) <= 2):
                return True
    return False


def _varied(kept: list[Candidate]) -> list[Candidate]:
    """The questions best first, taking each topic in turn so that a short draft is varied."""
    by_topic: dict[str, list[Candidate]] = {}
    for candidate in sorted(kept, key=lambda c: (-c.worth, c.sentence.order)):
        by_topic.setdefault(str(candidate.question["topic"]), []).append(candidate)
    ordered: list[Candidate] = []
    while any(by_topic.values()):
        for topic in list(by_topic):
            if by_topic[topic]:
                ordered.append(by_topic[topic].pop(0))
    return ordered
