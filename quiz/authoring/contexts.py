"""Finding a question's context in a text: the sentence that holds its answer (or, failing that,
most of its prompt's words), copied verbatim so that `quiz validate` finds it in the source.

Imports use it twice: a Moodle description before questions is the passage they are about, and
`quiz import --source article.txt` looks for every question's context in the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from quiz.engine.model import format_number

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n")
_WORD = re.compile(r"\w+")
_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "this",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "does",
        "do",
        "did",
        "not",
        "it",
        "its",
        "than",
        "then",
        "there",
        "these",
        "those",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "into",
        "about",
        "true",
        "false",
    ]
)


def sentences(text: str) -> Iterator[str]:
    """The text's sentences, each exactly as written (paragraph breaks end a sentence too)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start() + len(match.group(0).rstrip())].strip()
        if piece:
            yield piece
        start = match.end()
    rest = text[start:].strip()
    if rest:
        yield rest


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(_fold(text)) if w not in _COMMON and len(w) > 1}


def answers_of(fields: dict[str, Any]) -> list[str]:
    """The texts a question's right answer can be written as (none for true/false); for a
    match or an order, every part of it (each pair's two sides, each item)."""
    answer = fields.get("answer")
    kind = fields.get("type", "choice")
    if kind == "match":
        return [str(text) for pair in dict(fields.get("pairs", {})).items() for text in pair]
    if kind == "order":
        return [str(item) for item in fields.get("items", [])]
    if kind == "truefalse" or answer is None:
        return []
    if kind == "number":
        value = float(answer)
        shown = {format_number(value), format_number(value).replace(",", "")}
        return sorted(shown)
    if isinstance(answer, list):
        return [str(a) for a in answer]
    return [str(answer), *map(str, fields.get("accept", []))]


def _holds(sentence: str, answer: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(_fold(answer)) + r"(?!\w)"
    return re.search(pattern, _fold(sentence)) is not None


def find_context(fields: dict[str, Any], text: str) -> str | None:
    """The sentence of `text` that best proves the question's answer, or None.

    A sentence that holds a right answer wins (for a multi, the one that holds most of them;
    for a match or an order, one that holds at least half of their parts),
    ties broken by the words it shares with the prompt; without such a sentence, one that holds
    at least half of the prompt's significant words (true/false questions are found this way).
    """
    prompt_words = _words(str(fields.get("prompt", "")))
    answers = answers_of(fields)
    best: tuple[int, float, str] | None = None
    for sentence in sentences(text):
        held = sum(1 for answer in answers if _holds(sentence, answer))
        if fields.get("type") in ("match", "order") and held * 2 < len(answers):
            held = 0  # a sentence with one item of a match or an order is no evidence of it
        shared = len(prompt_words & _words(sentence)) / max(1, len(prompt_words))
        if not held and shared < 0.5:
            continue
        if held and not shared and all(len(a) < 4 for a in answers):
            continue  # a short answer (`5`, `No`) alone is no evidence
        score = (held, shared, sentence)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best is not None else None


def fill_from_source(bank: dict[str, Any], text: str) -> tuple[int, list[str]]:
    """Give each question of an imported bank a context found in the source `text`: a context
    it already has is kept when the text holds it, else replaced by the sentence that proves the
    answer, or removed (it could not validate against the source). Returns how many contexts
    were filled from the text, and the ids of the questions that still need one."""
    from quiz.engine.source import SourceText

    source = SourceText(text)
    filled = 0
    missing: list[str] = []
    for question in bank["questions"]:
        if question.get("context") and question["context"] in source:
            continue
        found = find_context(question, text)
        if found is None:
            question.pop("context", None)
            missing.append(question["id"])
        else:
            question["context"] = found
            filled += 1
    return filled, missing
