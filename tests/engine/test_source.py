"""Finding excerpts in a source text and the paragraphs that hold them."""

from __future__ import annotations

from quiz.engine.source import Paragraph, SourceText, fold

TEXT = "Headline\n\nFirst para says “hello”  there.\nStill first.\n\n  Second… para.  \n"


def test_fold_treats_quotes_and_spaces_alike() -> None:
    assert fold(" “a”\n ‘b’  … ") == "\"a\" 'b' ..."


def test_find_maps_back_to_the_original_characters() -> None:
    source = SourceText(TEXT)
    start, end = source.find('says "hello" there') or (0, 0)
    assert source.text[start:end] == "says “hello”  there"


def test_missing_excerpt() -> None:
    assert SourceText(TEXT).find("not here") is None
    assert "not here" not in SourceText(TEXT)


def test_passage_is_the_paragraph_with_the_excerpt_highlighted() -> None:
    (paragraph,) = SourceText(TEXT).passage("Second... para")
    assert paragraph.text == "Second… para."
    ((start, end),) = paragraph.highlights
    assert paragraph.text[start:end] == "Second… para"


def test_passage_across_paragraphs_highlights_each_part() -> None:
    first, second = SourceText(TEXT).passage("Still first. Second…")
    assert first.text == "First para says “hello”  there.\nStill first."
    assert first.text[slice(*first.highlights[0])] == "Still first."
    assert second.text[slice(*second.highlights[0])] == "Second…"


def test_excerpt_not_in_text_is_shown_alone() -> None:
    assert SourceText(TEXT).passage(" lost words ") == [Paragraph("lost words", ((0, 10),))]
