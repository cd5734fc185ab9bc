"""Everything the drafter knows about English: the words and patterns that find figures, names,
quotes and lists, and the sentences its questions are written in.

A drafter for another language is another module of the same names (see `quiz.authoring.draft`).
"""

from __future__ import annotations

import re

ROLE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "analyst",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "leader",
        "professor",
        "expert",
        "official",
        "director",
        "chief",
        "ambassador",
        "secretary",
        "economist",
        "researcher",
        "author",
        "journalist",
        "chairman",
        "chairwoman",
        "governor",
        "mayor",
        "senator",
        "king",
        "queen",
        "general",
        "commander",
        "founder",
        "ceo",
        "head",
        "adviser",
        "advisor",
        "envoy",
        "diplomat",
        "scientist",
        "historian",
        "writer",
        "editor",
        "correspondent",
        "engineer",
        "teacher",
        "lawyer",
        "judge",
        "doctor",
        "activist",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sir",
    ]
)
"""Words that, written just before a name (or after it, `Ann Lee, a spokeswoman`), make it a
person's."""

ORGANISATION_WORDS = frozenset(
    [
        "union",
        "nations",
        "initiative",
        "ministry",
        "organization",
        "organisation",
        "bank",
        "council",
        "party",
        "company",
        "institute",
        "university",
        "agency",
        "fund",
        "group",
        "corporation",
        "forum",
        "committee",
        "commission",
        "court",
        "assembly",
        "parliament",
        "congress",
        "association",
        "alliance",
        "federation",
        "league",
        "army",
        "navy",
    ]
)
"""A name ending in one of these words is an organisation's (`European Union`)."""

PROJECT_WORDS = frozenset(
    [
        "railway",
        "highway",
        "pipeline",
        "road",
        "bridge",
        "corridor",
        "canal",
        "port",
        "dam",
        "plant",
        "line",
        "tunnel",
    ]
)
"""`Uzbekistan-Kyrgyzstan-China railway`: a hyphenated name followed by one of these is a project."""

PLACE_PREPOSITIONS = frozenset(
    ["in", "to", "from", "across", "near", "borders", "visiting", "visit", "visits", "at"]
)
"""A name written right after one of these (with no `the`) is taken for a place."""

SPEECH_VERBS = (
    r"said|says|stated|states|highlighted|added|noted|told|explained|warned|argued|"
    r"pointed out|insisted|wrote|declared|remarked|emphasized|emphasised|observed|commented"
)

CONNECTORS = frozenset({"and", "of", "the", "for", "de", "la", "van", "von", "bin", "al"})
"""Lower-case words allowed inside a name (`Belt and Road Initiative`, `Bank of England`)."""

NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "in",
        "on",
        "at",
        "to",
        "for",
        "of",
        "with",
        "by",
        "from",
        "as",
        "but",
        "and",
        "or",
        "although",
        "however",
        "meanwhile",
        "moreover",
        "certainly",
        "historically",
        "current",
        "currently",
        "just",
        "last",
        "according",
        "while",
        "when",
        "where",
        "which",
        "who",
        "what",
        "why",
        "how",
        "after",
        "before",
        "during",
        "since",
        "until",
        "if",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "my",
        "also",
        "yet",
        "still",
        "even",
        "many",
        "most",
        "some",
        "such",
        "both",
        "each",
        "every",
        "other",
        "another",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "second",
        "third",
        "new",
        "old",
        "on",
        "in",
        "summary",
        "conclusion",
    ]
)
"""Capitalised words that start sentences but are not names."""

APPROXIMATE_WORDS = (
    r"approximately|about|around|roughly|nearly|almost|some|over|more than|less than|"
    r"fewer than|up to|close to|at least|at most|an estimated|estimated|around"
)

SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yuan"}

NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
"""Small numbers written in words before a scale (`a million`, `two billion`)."""

FIGURE = re.compile(
    rf"""(?ix)
    (?:(?P<approx>{APPROXIMATE_WORDS})\s+)?
    (?P<currency>[$€£¥])?\s?
    (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:a|one|two|three|four|five|ten)(?=\s+(?:thousand|million|billion|trillion)))
    (?:\s?(?P<percent>%|percent\b|per\ cent\b))?
    (?:\s(?P<scale>thousand|million|billion|trillion)\b)?
    (?:\s(?P<noun>(?!and\b|or\b|in\b|of\b|to\b|the\b|with\b|by\b|for\b)[a-z][a-z-]+))?
    """
)
"""A figure as English writes it: `approximately $95 billion`, `80 million residents`, `30%`,
`over a million Uyghurs`, `1991`."""

YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")

SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’)]?\s+(?=[“\"‘(]?[A-Z0-9])")
"""Where one sentence ends and the next begins."""

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)

PAIRING = re.compile(
    r"(?P<a>[a-z][\w -]{1,40}?) (?:in|to|for|from) (?P<b>[A-Z][\w-]+(?: [A-Z][\w-]+)*)"
)
"""One pair of a list of pairs: `uranium in Kazakhstan`."""

LAST_PAIRING = re.compile(
    r"(?<= )(?P<a>[a-z][\w-]*(?: [a-z][\w-]*){0,3}) (?:in|to|for|from) "
    r"(?P<b>[A-Z][\w-]+(?: [A-Z][\w-]+)*)$"
)
"""The first pair of a list, ending the clause that leads into it: `..., eyeing gas in Turkmenistan`."""

ADJECTIVE_USE = (
    r"(?!(?:and|or|but|in|on|at|to|for|with|from|by|as|is|are|was|were|has|have|had|will)\b)"
    r"[a-z]+(?<!ing)(?<!ed)(?<!s)\b(?! of\b)"
)
"""A lower-case word after a capitalised one that makes it an adjective (`Kyrgyz political
analyst`), unlike a verb (`Moscow appearing`, `Kazakhstan revealed`, `Russia expresses`)."""


def split_run(run: str) -> list[str]:
    """The names in a run of capitalised words: `China’s Belt and Road Initiative` holds `China`
    and `Belt and Road Initiative`; `Europe and Asia` holds two names; `Bank of England` one."""
    pieces = [piece for piece in re.split(r"[’']s\b\s*", run) if piece.strip()]
    names: list[str] = []
    for piece in pieces:
        words = piece.split()
        if " and " in piece and words[-1].lower() not in ORGANISATION_WORDS:
            names.extend(part.strip() for part in piece.split(" and ") if part.strip())
        else:
            names.append(piece.strip())
    return names


def undated(sentence: str, year: str) -> str | None:
    """The event of a dated sentence without its date (`In 2024, trade ...` → `Trade ...`)."""
    text = re.sub(
        rf",?\s*\b(?:in|since|by|until|from|after|before)\s+{year}\b,?", "", sentence, count=1
    )
    if year in text:
        return None
    text = text.strip()
    return text[:1].upper() + text[1:] if text else None


def lead_in(text: str) -> str:
    """The clause that leads into a list, without a first linking word (`Moreover, `)."""
    words = text.strip().split(" ", 1)
    if len(words) == 2 and words[0].rstrip(",").lower() in NOT_NAMES and words[0].endswith(","):
        text = words[1]
    return text.strip().rstrip(",:")


def noun_phrase(words: str) -> str:
    """The thing named in the left side of a pair, without a leading verb (`eyeing gas` → `gas`)."""
    kept = words.split()
    while len(kept) > 1 and (kept[0].endswith("ing") or kept[0].endswith("ed")):
        kept = kept[1:]
    return " ".join(kept)


TOPICS = {
    "figure": "Figures",
    "person": "People",
    "place": "Places",
    "organisation": "Organisations",
    "project": "Projects",
    "quote": "Quotes",
    "list": "Lists",
    "event": "Events",
    "statement": "Statements",
}
"""The draft's topics, by what a question asks."""

BLANK = "_____"
LEFT_OUT = "[…]"
"""What stands in a prompt for another question's answer that the sentence also holds."""


def fill_in(sentence: str) -> str:
    """The prompt of a gap-fill question."""
    return f"Fill in the blank: {sentence}"


def which_figure(sentence: str) -> str:
    """The prompt of a choice among figures."""
    return f"Which figure completes the sentence? {sentence}"


def who_said(quote: str) -> str:
    """The prompt of a question on who said a quote."""
    return f"Who said: “{quote}”?"


def complete_quote(quote: str) -> str:
    """The prompt of a gap in a quotation (the speaker is not named: another question asks it)."""
    return f"Complete the quotation from the article: “{quote}”"


def pick_all(sentence: str) -> str:
    """The prompt of a list question."""
    return f"Which of these complete the sentence? Pick every one the article names. {sentence}"


def match_pairs(lead: str) -> str:
    """The prompt of a match question made of a list of pairs."""
    return f"Match each to its partner as the article pairs them: {lead}"


def put_in_order() -> str:
    """The prompt of an order question on dated events."""
    return "Put these events in the order they happened, earliest first."


def true_or_false(sentence: str) -> str:
    """The prompt of a true/false statement."""
    return f"True or false? {sentence}"


def says(sentence: str) -> str:
    """An explanation: the sentence that proves the answer."""
    return f"The article says: “{sentence}”"


def changed(sentence: str, wrong: str, right: str) -> str:
    """The explanation of a statement made false by one change."""
    return f"The article says {right}, not {wrong}: “{sentence}”"


def unit_of(currency: str | None, scale: str | None, noun: str | None, percent: bool) -> str | None:
    """The unit shown beside a number question's input: `billion dollars`, `million residents`."""
    if percent:
        return "%"
    parts = [scale] if scale else []
    if currency:
        parts.append(CURRENCIES.get(currency, currency))
    elif noun:
        parts.append(noun)
    return " ".join(parts) or None
