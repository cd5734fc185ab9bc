"""What an article states that is worth asking: its sentences, figures, names, quotes and lists.

Careful rules, not a model (none can be downloaded where quiz runs): the words they rely on are in
`quiz.authoring.draft.english`. Every fact keeps the sentence it comes from, which becomes the
question's `context`: an exact excerpt of the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from quiz.authoring.draft import english

NameKind = Literal["person", "place", "organisation", "project", "other"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, with its place: the paragraph and its order in the text."""

    text: str
    paragraph: int
    order: int


@dataclass(frozen=True)
class Figure:
    """A figure as the article writes it (`approximately $95 billion`), read as a number."""

    sentence: Sentence
    text: str
    """The figure itself as written, without the approximating word: `$95 billion`."""
    value: float
    """The number as the question asks it, in the figure's own scale: 95 for `$95 billion`."""
    kind: str
    """Figures of the same kind can stand in for each other: `$ billion`, `% `, `year`."""
    unit: str | None
    approximate: bool
    step: float
    """The place of the figure's last significant digit: 10 for `80`, 0.1 for `2.5`."""


@dataclass(frozen=True)
class Name:
    """A name the article uses, the kind of thing it names, and where it first appears."""

    text: str
    kind: NameKind
    country: bool = False
    count: int = 1


@dataclass(frozen=True)
class Quote:
    """Words in quotation marks and who the sentence says said them."""

    sentence: Sentence
    text: str
    speaker: str


@dataclass(frozen=True)
class Pairing:
    """A list of pairs in one sentence: `gas in Turkmenistan, uranium in Kazakhstan, ...`."""

    sentence: Sentence
    lead: str
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Enumeration:
    """A list of three or more names in one sentence: `Kazakhstan, Kyrgyzstan, and ...`."""

    sentence: Sentence
    text: str
    items: tuple[str, ...]


@dataclass
class Article:
    """An article read for drafting: its title, sentences and the facts found in them."""

    title: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)

    @classmethod
    def read(cls, text: str) -> Article:
        """Split `text` into a title (its first line when it reads as a headline) and sentences."""
        paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n|\n", text)]
        paragraphs = [p for p in paragraphs if p]
        title = ""
        if paragraphs and len(paragraphs[0]) <= 160 and paragraphs[0][-1:] not in '.!?…”"':
            title = paragraphs.pop(0)
        article = cls(title, text)
        for number, paragraph in enumerate(paragraphs):
            for piece in _sentences(paragraph):
                article.sentences.append(Sentence(piece, number, len(article.sentences)))
        return article

    @cached_property
    def figures(self) -> list[Figure]:
        """Every figure in every sentence, in order."""
        return [figure for s in self.sentences for figure in _figures(s)]

    @cached_property
    def names(self) -> dict[str, Name]:
        """Every name, by its text, with its kind."""
        return _names(self)

    def mentions(self, sentence: Sentence) -> list[Name]:
        """The names in one sentence, longest first where they overlap, in order."""
        found: list[tuple[int, Name]] = []
        taken: list[range] = []
        for name in sorted(self.names.values(), key=lambda n: -len(n.text)):
            for match in re.finditer(rf"(?<![\w-]){re.escape(name.text)}(?![\w-])", sentence.text):
                span = range(match.start(), match.end())
                if not any(set(span) & set(other) for other in taken):
                    taken.append(span)
                    found.append((match.start(), name))
        return [name for _, name in sorted(found, key=lambda pair: pair[0])]

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every quotation of six words or more whose speaker the sentence names."""
        return [quote for s in self.sentences for quote in _quotes(s, self)]

    @cached_property
    def pairings(self) -> list[Pairing]:
        """Every list of three or more pairs."""
        return [p for s in self.sentences if (p := _pairing(s, self)) is not None]

    @cached_property
    def enumerations(self) -> list[Enumeration]:
        """Every list of three or more names."""
        return [e for s in self.sentences if (e := _enumeration(s, self)) is not None]

    def occurrences(self, phrase: str) -> int:
        """How many times the article writes `phrase` (as whole words)."""
        return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", self.text))


def _sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (a full stop after a known abbreviation does not end one)."""
    pieces: list[str] = []
    start = 0
    for match in english.SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip('”"’).!?…').split()
        if before and before[-1].lower().rstrip(".") in english.ABBREVIATIONS:
            continue
        so_far = paragraph[: match.start() + 1]
        if so_far.count("“") > so_far.count("”") or so_far.count('"') % 2:
            continue  # inside a quotation
        pieces.append(paragraph[start : match.start()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def _figures(sentence: Sentence) -> list[Figure]:
    figures = []
    for match in english.FIGURE.finditer(sentence.text):
        raw = match["number"]
        scale = (match["scale"] or "").lower() or None
        if raw.lower() in english.NUMBER_WORDS:
            value = float(english.NUMBER_WORDS[raw.lower()])
        else:
            value = float(raw.replace(",", ""))
        currency, percent = match["currency"], bool(match["percent"])
        noun = match["noun"] if not currency and not percent else None
        year = not currency and not percent and not scale and bool(english.YEAR.match(raw))
        if not (currency or percent or scale or year or noun):
            continue  # a bare number: a page, an ordinal, a list item
        if year:
            kind, unit, noun = "year", None, None
        else:
            unit = english.unit_of(currency, scale, noun, percent)
            kind = f"{currency or ''}{'%' if percent else ''} {scale or ''} {noun or ''}".strip()
            if noun and not scale:
                kind = f"count {noun}"
        start = match.start("currency") if currency else match.start("number")
        end = max(match.end(group) for group in ("number", "percent", "scale") if match[group])
        figures.append(
            Figure(
                sentence=sentence,
                text=sentence.text[start:end],
                value=value,
                kind=kind,
                unit=unit,
                approximate=bool(match["approx"]),
                step=_step(raw),
            )
        )
    return figures


def _step(raw: str) -> float:
    """The place of the last significant digit written: `80` → 10, `95` → 1, `2.5` → 0.1."""
    if not raw[:1].isdigit():
        return 1.0
    digits = raw.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


_CAPITALISED = re.compile(r"[A-Z][\w’'.-]*")
_TOKEN = re.compile(r"[\w’'.-]+|[^\w\s]")


def _runs(sentence: Sentence) -> list[tuple[int, str]]:
    """Runs of capitalised words in a sentence (`Belt and Road Initiative`), with their start."""
    runs: list[tuple[int, str]] = []
    tokens = list(re.finditer(r"[\w’'-]+(?:\.(?=\w))?[\w’'-]*|[^\w\s]", sentence.text))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _CAPITALISED.fullmatch(token.group()):
            index += 1
            continue
        end = index
        look = index + 1
        while look < len(tokens):
            word = tokens[look].group()
            if _CAPITALISED.fullmatch(word):
                end = look
                look += 1
            elif (
                word in english.CONNECTORS
                and look + 1 < len(tokens)
                and _CAPITALISED.fullmatch(tokens[look + 1].group())
            ):
                look += 1
            else:
                break
        text = sentence.text[token.start() : tokens[end].end()]
        offset = token.start()
        for piece in english.split_run(text):
            runs.append((offset + text.index(piece), piece))
        index = end + 1
    return runs


def _names(article: Article) -> dict[str, Name]:
    """Every name of the article, by its text, with the kind the rules give it."""
    counts: Counter[str] = Counter()
    first_word_only: set[str] = set()
    roles: set[str] = set()
    for sentence in article.sentences:
        for start, text in _runs(sentence):
            words = text.split()
            # a sentence's first word is capitalised anyway: drop it when it is a common word
            while words and (
                words[0].lower() in english.NOT_NAMES
                or words[0].lower() in english.ROLE_WORDS
                or (
                    start == 0 and len(words) == 1 and not _capitalised_elsewhere(article, words[0])
                )
            ):
                if words[0].lower() in english.ROLE_WORDS:
                    roles.add(" ".join(words[1:]))
                start = -1
                words = words[1:]
            # `Chinese President Xi Jinping`: the name is what follows the role word
            for position, word in enumerate(words):
                if word.lower() in english.ROLE_WORDS:
                    roles.add(" ".join(words[position + 1 :]))
                    words = words[position + 1 :]
                    break
            if not words:
                continue
            name = " ".join(words)
            counts[name] += 1
            if start == 0:
                first_word_only.add(name)
    role = "|".join(sorted(english.ROLE_WORDS))
    person = r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+)"
    for sentence in article.sentences:
        # `Guo Jiakun, a spokesman for ...` and `political analyst Nargiza Muratalieva`
        for match in re.finditer(
            rf"{person},? (?:a|an|the) (?:[a-z]+ ){{0,2}}?(?:{role})\b|\b(?:{role}) {person}",
            sentence.text,
        ):
            roles.add(match.group(1) or match.group(2))
    people = {name for name in roles if name in counts and len(name.split()) >= 2}
    aliases = {part for person in people for part in person.split()}
    for speaker in _raw_quotes(article):
        if speaker in counts and speaker not in aliases:
            people.add(speaker)
    names: dict[str, Name] = {}
    for text, count in counts.items():
        if text.isupper() and len(text) <= 2:
            continue
        kind = _kind(article, text, people, aliases)
        if kind is None:
            continue
        names[text] = Name(text, kind, country=_is_country(text), count=count)
    return _kinds_shared_in_lists(article, names)


def _kinds_shared_in_lists(article: Article, names: dict[str, Name]) -> dict[str, Name]:
    """Names listed together are of one kind: `in Lyon, Paris and Nantes` makes all three places."""
    for sentence in article.sentences:
        listing = _listed(sentence, names)
        if listing is None:
            continue
        kinds = {names[item].kind for item in listing[1]} - {"other"}
        if len(kinds) == 1:
            kind = kinds.pop()
            for item in listing[1]:
                if names[item].kind == "other":
                    names[item] = replace(names[item], kind=kind)
    return names


def _raw_quotes(article: Article) -> list[str]:
    """Speakers named next to a quotation, before names are known (`..., highlighted Ann Lee`)."""
    speakers = []
    for sentence in article.sentences:
        for match in re.finditer(
            rf"[”\"],? (?:(?:{english.SPEECH_VERBS}) ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)|([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*) (?:{english.SPEECH_VERBS}))",
            sentence.text,
        ):
            speakers.append(match.group(1) or match.group(2))
    return speakers


def _capitalised_elsewhere(article: Article, word: str) -> bool:
    """Whether `word` is written capitalised somewhere other than at a sentence's start."""
    pattern = re.compile(rf"(?<=[\w,;:] ){re.escape(word)}\b")
    return any(pattern.search(s.text) for s in article.sentences)


def _is_country(text: str) -> bool:
    import pycountry  # a list of the world's countries, in English

    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return text in _COMMON_COUNTRY_NAMES
    return True


_COMMON_COUNTRY_NAMES = frozenset(
    {
        "Russia",
        "Iran",
        "Syria",
        "Vietnam",
        "Laos",
        "Bolivia",
        "Venezuela",
        "Tanzania",
        "Moldova",
        "Taiwan",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "South Korea",
        "North Korea",
    }
)
"""Countries as the news names them where the ISO list uses the long form (`Russian Federation`)."""


def _kind(article: Article, text: str, people: set[str], aliases: set[str]) -> NameKind | None:
    if text in people:
        return "person"
    if text in aliases:
        return None  # `Xi`, `Muratalieva`: a person already known by a longer name
    last = text.split()[-1].lower()
    if last in english.ORGANISATION_WORDS:
        return "organisation"
    if "-" in text and re.search(
        rf"{re.escape(text)} ({'|'.join(english.PROJECT_WORDS)})\b", article.text
    ):
        return "project"
    if _is_country(text):
        return "place"
    prepositions = "|".join(english.PLACE_PREPOSITIONS)
    after_preposition = (
        rf"\b(?:{prepositions}) {re.escape(text)}(?![\w-])(?! {english.ADJECTIVE_USE})"
    )
    if re.search(after_preposition, article.text) or re.search(
        rf"{re.escape(text)} in [A-Z]", article.text
    ):
        return "place"
    return "other"


def _quotes(sentence: Sentence, article: Article) -> list[Quote]:
    quotes = []
    for match in re.finditer(r"[“\"]([^”\"]{20,}?)[”\"]", sentence.text):
        words = match.group(1)
        if len(words.split()) < 6:
            continue
        speaker = _speaker(sentence.text, match.start(), match.end(), article)
        if speaker:
            quotes.append(Quote(sentence, words.strip(" ,"), speaker))
    return quotes


def _speaker(text: str, start: int, end: int, article: Article) -> str | None:
    """The person the sentence says spoke the quotation between `start` and `end`."""
    people = [n.text for n in article.names.values() if n.kind == "person"]
    after = text[end : end + 80]
    before = text[max(0, start - 120) : start]
    for person in people:
        surname = person.split()[-1]
        for form in (person, surname):
            if re.match(
                rf",? (?:{english.SPEECH_VERBS}) (?:[A-Za-z]+ ){{0,3}}?{re.escape(form)}\b", after
            ) or re.match(rf",? {re.escape(form)} (?:{english.SPEECH_VERBS})\b", after):
                return person
            if re.search(rf"\b{re.escape(form)},? (?:{english.SPEECH_VERBS})?:?\s*$", before):
                return person
            if re.search(rf"According to [^,]*\b{re.escape(form)},\s*$", before):
                return person
    return None


def _pairing(sentence: Sentence, article: Article) -> Pairing | None:
    """`eyeing gas in Turkmenistan, uranium in Kazakhstan, and rare earth elements in Tajikistan`."""
    parts = re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+", sentence.text.rstrip("."))
    pairs: list[tuple[str, str]] = []
    lead = ""
    for part in parts:
        match = english.PAIRING.fullmatch(part.strip()) or (
            english.LAST_PAIRING.search(part) if not pairs else None
        )
        if match and match["b"] in article.names:
            pairs.append((english.noun_phrase(match["a"]), match["b"]))
            if len(pairs) == 1:
                lead = english.lead_in(sentence.text[: sentence.text.find(part) + match.start()])
        elif len(pairs) >= 3:
            break
        else:
            pairs = []
    if len(pairs) < 3 or len({b for _, b in pairs}) < len(pairs):
        return None
    return Pairing(sentence, lead, tuple(pairs))


def _enumeration(sentence: Sentence, article: Article) -> Enumeration | None:
    """Three or more names of one kind in a row, joined by commas and `and`."""
    listing = _listed(sentence, article.names)
    if listing is None:
        return None
    text, items = listing
    kinds = {article.names[item].kind for item in items}
    if len(kinds) != 1 or "other" in kinds:
        return None
    return Enumeration(sentence, text, items)


def _listed(sentence: Sentence, known: dict[str, Name]) -> tuple[str, tuple[str, ...]] | None:
    """The first list of three or more different names in a sentence, as written, and its names."""
    names = "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
    if not names:
        return None
    pattern = rf"(?<![\w-])(?:{names})(?:,\s+(?:{names}))+,?\s+(?:and|or)\s+(?:{names})(?![\w-])"
    match = re.search(pattern, sentence.text)
    if match is None:
        return None
    items = tuple(
        item.strip()
        for item in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", match.group())
        if item.strip()
    )
    if len(set(items)) != len(items) or not all(item in known for item in items):
        return None
    return match.group(), items
