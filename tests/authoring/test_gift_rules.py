"""GIFT import means what Moodle makes of each file: every bug of issue 16 by its minimal input,
and the rules of Moodle's qformat_gift that decide what counts as right."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.authoring.convert import ImportResult
from quiz.authoring.gift import import_gift


def read(gift: str) -> ImportResult:
    return import_gift(gift, "T")


def one(gift: str) -> dict[str, Any]:
    result = read(gift)
    assert result.skipped == [], result.skipped
    (question,) = result.bank["questions"]
    return question


def warnings(gift: str) -> list[str]:
    return [loss.message for loss in read(gift).losses]


# 1. Numerical questions in the form Moodle itself exports


def test_numerical_with_wrong_answer_feedback() -> None:
    q = one("::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}")
    assert (q["type"], q["answer"], q["tolerance"]) == ("number", 3, 2)
    assert warnings("Q? {#3:2~#Completely wrong}") == [
        "the feedback for any other number dropped: “Completely wrong”"
    ]


def test_numerical_as_moodle_exports_it() -> None:
    q = one("::Q::Nine? {#\n=%100%9:0#Correct.\n~#Incorrect.\n}")
    assert (q["type"], q["answer"]) == ("number", 9)
    assert "tolerance" not in q


def test_numerical_partial_credit_and_several_right_numbers() -> None:
    q = one("Born? {#\n=1822:0\n=%50%1822:2}")
    assert (q["answer"], q.get("tolerance")) == (1822, None)
    assert warnings("Born? {#=1822:0 =%50%1822:2}") == [
        "partial credit dropped: 1822±2 (50%) now counts as wrong"
    ]
    assert one("Pi? {#=3.14:0.01 =3.1416:0.0001}")["tolerance"] == 0.01
    skipped = read("Two? {#=1 =5}").skipped[0]
    assert skipped.kind == "several right answers"


def test_numerical_range_and_a_number_moodle_would_accept_anything_for() -> None:
    assert one("Pi? {#3.141..3.142}")["answer"] == pytest.approx(3.1415)
    skipped = read("Year? {#abc:1}").skipped[0]
    assert skipped.reason == "'abc' is not a number (Moodle would accept any answer here)"


# 2. Weights


def test_one_equals_sign_means_one_right_answer_the_rest_partial_credit() -> None:
    q = one("Jesus Christ was from {~Jerusalem ~%25%Bethlehem ~%50%Galilee =Nazareth}.")
    assert q.get("type", "choice") == "choice"
    assert q["answer"] == "Nazareth"
    assert q["prompt"] == "Jesus Christ was from _____."
    assert warnings("From {~Jerusalem ~%25%Bethlehem ~%50%Galilee =Nazareth}") == [
        "partial credit dropped: 'Bethlehem' (25%), 'Galilee' (50%) now count as wrong"
    ]


def test_weights_without_an_equals_sign_make_a_multi() -> None:
    q = one("Which? {~%50%a ~%50%b}")
    assert (q["type"], q["choices"], q["answer"]) == ("multi", ["a", "b"], ["a", "b"])


def test_a_zero_weight_short_answer_is_wrong() -> None:
    q = one("Island? {=Crete =%0%Greece#It is a country. =%0%*#Wrong}")
    assert (q["type"], q["answer"], q.get("accept")) == ("text", "Crete", None)
    assert warnings("Island? {=Crete =%0%Greece#It is a country. =%0%*#Wrong}") == [
        "the feedback for 'Greece' dropped: “It is a country.”",
        "the feedback for any other answer dropped: “Wrong”",
    ]


def test_multi_with_full_weight_and_negative_ones() -> None:
    q = one("Colour? {~%100%yellow # right ~%-50%red # wrong ~%-50%blue # wrong}")
    assert (q["type"], q["answer"]) == ("multi", ["yellow"])
    assert q["feedback"] == {"red": "wrong", "blue": "wrong"}


def test_zero_weight_choices_in_a_multi_are_reported() -> None:
    found = warnings("Two? {~No one ~%50%Grant ~%50%Grant's wife}")
    assert found == [
        "'No one' cost nothing in Moodle (weight 0%, so picking every choice scores full marks "
        "there); quiz counts picking them as wrong"
    ]


def test_several_full_answers_in_a_one_answer_question_are_skipped() -> None:
    (skipped,) = read("Which? {=a =b ~c}").skipped
    assert skipped.kind == "several right answers"


def test_a_weight_after_equals_is_text_in_multiple_choice() -> None:
    q = one("Odd? {=%50%half ~other}")
    assert q["answer"] == "%50%half"


# 3. `->` is matching only when every answer is `=a -> b` and there is no `~`


def test_arrows_in_multiple_choice() -> None:
    q = one("Steps? {~go to starbucks -> order a coffee =get coffee powder -> add water}")
    assert q["choices"] == ["go to starbucks -> order a coffee", "get coffee powder -> add water"]
    assert q["answer"] == "get coffee powder -> add water"


# 4. and 5. Format tags and HTML


def test_format_tags_leave_the_text() -> None:
    q = one("Colour? {=[plain]yellow ~[html]red#[html]wrong ####[html]General feedback}")
    assert q["choices"] == ["yellow", "red"]
    assert q["feedback"] == {"red": "wrong"}
    assert q["explanation"] == "General feedback"


def test_html_becomes_readable_text() -> None:
    gift = (
        "[html]<p>Where does the sun rise?</p><p>Think.</p> {=[html]<p>The east.</p>"
        "#<p>Right</p> ~[html]<b>The west</b>#<p>No<!-- a note -->.</p>}"
    )
    q = one(gift)
    assert q["prompt"] == "Where does the sun rise?\n\nThink."
    assert q["choices"] == ["The east.", "The west"]
    assert q["feedback"] == {"The west": "No."}


def test_an_escaped_entity_is_unescaped_once() -> None:
    """`&amp;lt;` in HTML is the text `&lt;`, shown as written (found on a round trip)."""
    q = one("[html]Is &amp;lt;b&amp;gt; an entity? {=[html]<pre>a &amp;amp; b</pre> ~&lt;b&gt;}")
    assert q["prompt"] == "Is &lt;b&gt; an entity?"
    assert q["choices"] == ["a &amp; b", "<b>"]


def test_plain_text_keeps_its_angle_brackets_and_pre_keeps_its_indentation() -> None:
    assert one("[plain]Is <b> a tag? {T}")["prompt"] == "Is <b> a tag?"
    q = one("::Q::[html]<p>Print?</p><pre>def f():\\n    return 1</pre> {T}")
    assert q["prompt"] == "Print?\n\ndef f():\n    return 1"


def test_an_image_is_reported() -> None:
    assert warnings('[html]Which? <img src="map.png" alt="a map"> {T}') == [
        "question text: an image was dropped (a map)"
    ]


def test_markdown_is_rendered() -> None:
    assert one("[markdown]Who's in **Grant's tomb**? {=no one}")["prompt"] == (
        "Who's in Grant's tomb?"
    )


def test_format_tags_are_lower_case_only() -> None:
    assert one("[HTML]Hi? {T}")["prompt"] == "[HTML]Hi?"


# 6. Blank answers are dropped


def test_blank_answers_are_dropped() -> None:
    q = one("Much? {~=some~a few}")
    assert (q["choices"], q["answer"]) == (["some", "a few"], "some")


# 7. Cloze


def test_cloze_is_skipped_with_a_reason() -> None:
    (skipped,) = read("I {1:SA:=like} it.").skipped
    assert skipped.kind == "cloze"
    (skipped,) = read("Water is {=1} part oxygen and {=2} hydrogen.").skipped
    assert skipped.kind == "cloze"


# 8. Case duplicates


def test_spellings_differing_in_case_are_merged() -> None:
    q = one("Say it? {=It is =it is =It's}")
    assert (q["answer"], q["accept"]) == ("It is", ["It's"])


# 10. A single answer without `=`


def test_a_single_answer_without_equals() -> None:
    q = one("Say one? {One}")
    assert (q["type"], q["answer"]) == ("text", "One")


# Moodle's other rules


def test_true_false_is_capitals_only_and_its_feedback_is_reported() -> None:
    q = one("42? {FALSE#42 is the Ultimate Answer.#You gave the right answer.}")
    assert (q["type"], q["answer"]) == ("truefalse", False)
    assert len(warnings("42? {FALSE#No.#Yes.}")) == 2
    assert one("Sure? {true}")["type"] == "text"
    assert "not in capitals" in warnings("Sure? {true}")[0]


def test_general_feedback_starts_at_the_last_four_hashes() -> None:
    q = one("Q? {T####one####two}")
    assert q["explanation"] == "two"


def test_category_swallowing_the_next_question_is_reported() -> None:
    result = read("$CATEGORY: Geo\n::Q::Where? {T}\n")
    assert result.bank["questions"] == []
    assert result.skipped[0].line == 2


def test_topics_keep_their_slashes_and_drop_the_context_prefix() -> None:
    result = read("$CATEGORY: $course$/top/Trade//Energy\n\n::Q::Oil? {T}\n")
    assert result.bank["questions"][0]["topic"] == "Trade/Energy"
    result = read("$CATEGORY: $course$/Geography/Capitals\n\n::Q::Oil? {T}\n")
    assert result.bank["questions"][0]["topic"] == "Capitals"


def test_a_line_of_zero_separates_questions_as_in_php() -> None:
    result = read("A? {T}\n0\nB? {F}\n")
    assert len(result.bank["questions"]) == 2


def test_text_before_the_first_marker_is_a_wrong_answer() -> None:
    q = one("Which? {first ~second =third}")
    assert q["choices"] == ["first", "second", "third"]


def test_braces_out_of_place_are_reported() -> None:
    assert read("Broken? {=a").skipped[0].kind == "unreadable"


def test_ordering_and_matching_are_recognised() -> None:
    ordering = "::Moodle::[html]Put these words in order.{>4 CONTIGUOUS VERT ABSOLUTE TRUE ABCD\nModular\nObject\nOriented\nDynamic\n}"
    (order,) = read(ordering).bank["questions"]
    assert order["type"] == "order"
    assert order["items"] == ["Modular", "Object", "Oriented", "Dynamic"]
    assert one("Match. {=a -> b =c -> d}")["pairs"] == {"a": "b", "c": "d"}
    assert read("Match. {=a -> b =c}").skipped[0].kind == "unreadable"
