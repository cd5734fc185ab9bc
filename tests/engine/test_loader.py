"""The loader: every rule of the bank format, each error at its exact line and column."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.engine.errors import BankError, LoadError
from quiz.engine.files import MAX_FILE_BYTES
from quiz.engine.loader import load_bank
from quiz.engine.model import (
    QUESTION_TYPES,
    ChoiceQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

WriteBank = Callable[..., Path]

HEADER = "title: Test bank\nquestions:\n"
QUESTION = """\
  - id: q1
    topic: Trade
    prompt: Which one?
    choices: [a, b, c]
    answer: a
    explanation: Because.
    context: It says a.
"""


def errors_of(path: Path) -> list[LoadError]:
    """The errors loading `path` gives (failing the test if it loads)."""
    with pytest.raises(BankError) as failure:
        load_bank(path)
    return failure.value.errors


def only_error(path: Path) -> tuple[int, int, str | None, str]:
    """The single error of a file, as (line, column, question, message)."""
    errors = errors_of(path)
    assert len(errors) == 1, [str(e) for e in errors]
    error = errors[0]
    return error.line, error.column, error.question, error.message


def test_a_valid_bank_loads_with_defaults(write_bank: WriteBank) -> None:
    bank = load_bank(write_bank(HEADER + QUESTION))
    assert bank.title == "Test bank"
    (question,) = bank.questions
    assert isinstance(question, ChoiceQuestion)
    assert question.difficulty == "medium"
    assert question.choices == ["a", "b", "c"]
    assert question.feedback == {}


def test_yaml_implicit_types_keep_the_text_as_written(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace(
        "choices: [a, b, c]\n    answer: a",
        "choices: [no, 3.10, 012, 2024-06-17, ~x, 1e3]\n    answer: no",
    )
    (question,) = load_bank(write_bank(text)).questions
    assert isinstance(question, ChoiceQuestion)
    assert question.choices == ["no", "3.10", "012", "2024-06-17", "~x", "1e3"]
    assert question.answer == "no"


def test_duplicate_choice_written_two_ways_is_reported(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace("choices: [a, b, c]", "choices: ['012', 012, a]")
    line, column, question, message = only_error(write_bank(text))
    assert (line, column, question) == (6, 22, "q1")
    assert message == "choice '012' is listed twice (also choice 1)"


def test_a_number_split_by_a_flow_comma_is_reported(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace(
        "choices: [a, b, c]", "choices: [a, Over 100,000, c, '1,2', 3, 4]"
    )
    errors = errors_of(write_bank(text))
    assert [(e.line, e.column, e.message) for e in errors] == [
        (
            6,
            18,
            "the comma in 'Over 100,000' splits it into two items; put it in quotes: 'Over 100,000'",
        )
    ]


def test_numbers_and_booleans_convert_only_where_the_schema_asks(write_bank: WriteBank) -> None:
    text = (
        HEADER
        + """\
  - id: n1
    type: number
    topic: T
    prompt: How many?
    answer: 1,000
    explanation: E.
    context: C.
  - id: n2
    type: number
    topic: T
    prompt: How many?
    answer: 012
    tolerance: 0.5
    explanation: E.
    context: C.
  - id: t1
    type: truefalse
    topic: T
    prompt: Yes?
    answer: no
    explanation: E.
    context: C.
  - id: x1
    type: text
    topic: T
    prompt: Name?
    answer: yes
    accept: [on, 3.0]
    explanation: E.
    context: C.
"""
    )
    path = write_bank(text)
    errors = errors_of(path)
    assert [(e.line, e.column, e.message) for e in errors] == [
        (7, 13, "'answer' must be a number, not '1,000'")
    ]
    fixed = load_bank(write_bank(text.replace("answer: 1,000", "answer: 1000")))
    number, octal_looking, true_false, text_q = fixed.questions
    assert isinstance(number, NumberQuestion) and number.answer == 1000
    assert isinstance(octal_looking, NumberQuestion) and octal_looking.answer == 12
    assert octal_looking.tolerance == 0.5
    assert isinstance(true_false, TrueFalseQuestion) and true_false.answer is False
    assert isinstance(text_q, TextQuestion)
    assert (text_q.answer, text_q.accept) == ("yes", ["on", "3.0"])


@pytest.mark.parametrize(
    ("replace", "by", "where", "message"),
    [
        (
            "    answer: a\n",
            "    anwser: a\n",
            (7, 5),
            "unknown field 'anwser' (did you mean 'answer'?)",
        ),
        ("    answer: a\n", "", (3, 5), "missing required field 'answer'"),
        ("    answer: a\n", "    answer: d\n", (7, 13), "answer 'd' is not one of the choices"),
        (
            "    answer: a\n",
            "    answer: A\n",
            (7, 13),
            "answer 'A' is not one of the choices (did you mean 'a'?)",
        ),
        (
            "choices: [a, b, c]",
            "choices: [a, b, a]",
            (6, 21),
            "choice 'a' is listed twice (also choice 1)",
        ),
        (
            "choices: [a, b, c]",
            "choices: [a]",
            (6, 14),
            "'choices' needs at least 2 item(s), found 1",
        ),
        ("choices: [a, b, c]", "choices: a", (6, 14), "'choices' must be a list, not 'a'"),
        ("prompt: Which one?", "prompt: [x, y]", (5, 13), "'prompt' must be text, not a list"),
        ("prompt: Which one?", "prompt: ''", (5, 13), "'prompt' must not be empty"),
        (
            "id: q1",
            "id: Q 1",
            (3, 9),
            "id 'Q 1' must be lowercase letters and digits joined by '-' (for example 'trade-china-2024')",
        ),
        (
            "topic: Trade",
            "topic: Trade\n    difficulty: Hard",
            (5, 17),
            "difficulty must be one of easy, medium, hard, not 'Hard'",
        ),
        (
            "topic: Trade",
            "topic: Trade\n    type: mult",
            (5, 11),
            f"'mult' is not a question type; use one of {', '.join(QUESTION_TYPES)} (did you mean 'multi'?)",
        ),
        (
            "topic: Trade",
            "topic: Trade\n    accept: [x]",
            (5, 5),
            "field 'accept' does not apply to a choice question",
        ),
        ("topic: Trade", "topic: Trade\n    topic: Other", (5, 5), "duplicate key 'topic'"),
    ],
)
def test_question_errors_point_at_the_node(
    write_bank: WriteBank, replace: str, by: str, where: tuple[int, int], message: str
) -> None:
    text = HEADER + QUESTION.replace(replace, by)
    errors = errors_of(write_bank(text))
    assert (*where, message) in [(e.line, e.column, e.message) for e in errors]
    assert {e.question for e in errors} <= {"q1", "Q 1"}


def test_feedback_keys_must_be_wrong_choices(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION + "    feedback:\n      a: right\n      d: nowhere\n      b: fine\n"
    errors = errors_of(write_bank(text))
    assert [(e.line, e.column, e.message) for e in errors] == [
        (11, 7, "feedback for 'a', which is a right answer; feedback explains wrong choices"),
        (12, 7, "feedback for 'd', which is not one of the choices"),
    ]


def test_multi_answers_must_be_choices(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace("    answer: a\n", "    type: multi\n    answer: [a, z]\n")
    line, column, _, message = only_error(write_bank(text))
    assert (line, column, message) == (8, 17, "answer 'z' is not one of the choices")


def test_every_error_of_a_file_is_reported_in_order(write_bank: WriteBank) -> None:
    text = (
        HEADER
        + QUESTION.replace("anwser", "x").replace("answer: a", "anwser: a")
        + QUESTION.replace("prompt: Which one?", "prompt: 7\n    hint: [x]")
    )
    errors = errors_of(write_bank(text))
    assert [(e.line, e.question, e.message) for e in errors] == [
        (3, "q1", "missing required field 'answer'"),
        (7, "q1", "unknown field 'anwser' (did you mean 'answer'?)"),
        (10, "q1", "duplicate id 'q1' (first used at line 3)"),
        (13, "q1", "'hint' must be text, not a list"),
    ]


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("", (1, 1), "the file is empty; a bank needs a title and questions"),
        ("# only a comment\n", (1, 1), "the file is empty; a bank needs a title and questions"),
        (
            "- a\n- b\n",
            (1, 1),
            "a bank must be a mapping of fields (title, questions, ...), not a list or a single value",
        ),
        ("title: x\n", (1, 1), "missing required field 'questions'"),
        (
            "title: x\nquestions: []\n",
            (2, 12),
            "'questions' must be a list of at least one question",
        ),
        (
            "title: x\ntitel: y\nquestions:\n" + QUESTION,
            (2, 1),
            "unknown field 'titel' (did you mean 'title'?)",
        ),
        ("questions:\n" + QUESTION, (1, 1), "missing required field 'title'"),
        (
            "title: x\nquestions:\n  - [1, 2]\n",
            (3, 5),
            "each question must be a mapping of 'field: value' lines, not a list or a single value",
        ),
        (
            "title: x\nquestions:\n  -\n",
            (3, 4),
            "each question must be a mapping of 'field: value' lines, not nothing",
        ),
        (
            "title: a\n---\ntitle: b\n",
            (2, 1),
            "a bank file holds one YAML document; a second one starts here",
        ),
        (
            "title: !!python/object:os.system x\nquestions: []\n",
            (1, 8),
            "the tag 'python/object:os.system' is not allowed; write plain YAML without '!' tags",
        ),
        (
            "title: &t x\nquestions: *t\n",
            (1, 8),
            "anchors and aliases (&name, *name) are not allowed in a bank",
        ),
        ("? [a]\n: b\n", (1, 3), "keys must be plain text; such keys are not allowed"),
        (
            "title: x\n<<: {a: 1}\nquestions: []\n",
            (2, 1),
            "keys must be plain text; '<<' merge keys are not allowed",
        ),
        (
            "title: x\nsource: {title: S, txt: a.txt}\nquestions:\n" + QUESTION,
            (2, 20),
            "unknown field 'txt' (did you mean 'text'?)",
        ),
    ],
)
def test_file_level_errors(
    write_bank: WriteBank, content: str, where: tuple[int, int], message: str
) -> None:
    errors = errors_of(write_bank(content))
    assert (*where, message) in [(e.line, e.column, e.message) for e in errors]


def test_yaml_syntax_error_is_one_line(write_bank: WriteBank) -> None:
    line, column, _, message = only_error(write_bank("title: [x\n"))
    assert (line, column) == (2, 1)
    assert message.startswith("not valid YAML: while parsing a flow sequence")


def test_billion_laughs_fails_fast(write_bank: WriteBank) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    errors = errors_of(write_bank("\n".join(lines) + "\n"))
    assert all(
        "aliases" in e.message or "missing" in e.message or "unknown" in e.message for e in errors
    )
    assert any("anchors and aliases" in e.message for e in errors)


def test_deep_nesting_is_an_error_not_a_crash(write_bank: WriteBank) -> None:
    errors = errors_of(write_bank("title: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "nests" in errors[0].message


def test_moderate_nesting_is_reported_by_depth(write_bank: WriteBank) -> None:
    errors = errors_of(write_bank("title: " + "[" * 40 + "]" * 40 + "\nquestions: []\n"))
    assert any("nests more than 32 levels" in e.message for e in errors)


def test_oversized_file_is_refused_before_parsing(write_bank: WriteBank) -> None:
    path = write_bank(b"#" * (MAX_FILE_BYTES + 1))
    line, column, _, message = only_error(path)
    assert (line, column) == (1, 1)
    assert "banks are limited to 8 MB" in message


def test_missing_file(tmp_path: Path) -> None:
    line, column, _, message = only_error(tmp_path / "nope.yaml")
    assert (line, column) == (1, 1)
    assert message.startswith("cannot read the file")


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "crlf"],
)
def test_encodings_and_line_endings(write_bank: WriteBank, encode: Callable[[str], bytes]) -> None:
    text = HEADER + QUESTION.replace("Which one?", "Which café?").replace("answer: a", "answer: z")
    line, column, _, message = only_error(write_bank(encode(text)))
    assert (line, column, message) == (7, 13, "answer 'z' is not one of the choices")


def test_undecodable_bytes_point_at_the_first_bad_byte(write_bank: WriteBank) -> None:
    data = (HEADER + QUESTION).encode("utf-8").replace(b"Which one?", b"Which \xe9t\xe9?")
    line, column, _, message = only_error(write_bank(data))
    assert (line, column) == (5, 19)
    assert message == "the file is not UTF-8 text (byte 0xe9); save it as UTF-8"


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\e[31m", "U+001B"),
        ("\\x9b", "U+009B"),
        ("\\u202e", "U+202E"),
        ("\\r", "U+000D"),
        ("\\x07", "U+0007"),
    ],
)
def test_control_characters_are_refused(write_bank: WriteBank, escape: str, code: str) -> None:
    text = HEADER + QUESTION.replace("prompt: Which one?", f'prompt: "Which {escape}one?"')
    line, column, question, message = only_error(write_bank(text))
    assert (line, column, question) == (5, 13, "q1")
    assert code in message and "terminal" in message


def test_tabs_newlines_and_unicode_are_fine(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace(
        "prompt: Which one?", 'prompt: "Which\\tone?\\nSay – “quoted” 中文"'
    )
    (question,) = load_bank(write_bank(text)).questions
    assert question.prompt == "Which\tone?\nSay – “quoted” 中文"


def test_text_is_normalised_before_comparing(write_bank: WriteBank) -> None:
    decomposed = "cafe\u0301"  # e + combining acute accent
    text = HEADER + QUESTION.replace("choices: [a, b, c]", "choices: [café, b]").replace(
        "answer: a", f"answer: {decomposed}"
    )
    (question,) = load_bank(write_bank(text)).questions
    assert isinstance(question, ChoiceQuestion)
    assert question.answer == "café" == question.choices[0]


def test_bracketed_text_stays_literal(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace(
        "prompt: Which one?", "prompt: '[bold]x[/] [@click=app.quit]y[/]'"
    )
    (question,) = load_bank(write_bank(text)).questions
    assert question.prompt == "[bold]x[/] [@click=app.quit]y[/]"


class TestSourceText:
    """`source.text`: found beside the bank, inside its folder; every context must be in it."""

    SOURCE = "title: S\nsource:\n  title: Article\n  text: {path}\nquestions:\n"

    def bank(self, write_bank: WriteBank, path: str, context: str = "It says a.") -> Path:
        return write_bank(self.SOURCE.format(path=path) + QUESTION.replace("It says a.", context))

    def test_contexts_are_found_with_quotes_and_spaces_folded(self, write_bank: WriteBank) -> None:
        write_bank("First “quoted”   words, it’s here…\n\nSecond  paragraph.\n", "texts/a.txt")
        context = "'\"quoted\" words, it''s here...'"  # YAML single quotes, straight quotes inside
        bank = load_bank(self.bank(write_bank, "texts/a.txt", context))
        assert bank.source_text is not None

    def test_a_context_not_in_the_source_is_an_error(self, write_bank: WriteBank) -> None:
        write_bank("Something else entirely.\n", "a.txt")
        line, column, question, message = only_error(self.bank(write_bank, "a.txt"))
        assert (line, column, question) == (12, 14, "q1")
        assert message.startswith("context is not found in the source text")

    def test_source_outside_the_folder_is_refused(
        self, write_bank: WriteBank, tmp_path: Path
    ) -> None:
        (tmp_path.parent / "outside.txt").write_text("It says a.")
        line, column, _, message = only_error(self.bank(write_bank, "../outside.txt"))
        assert (line, column) == (4, 9)
        assert message == "source text '../outside.txt' must be inside the bank's folder"

    def test_missing_source_file(self, write_bank: WriteBank) -> None:
        line, column, _, message = only_error(self.bank(write_bank, "missing.txt"))
        assert (line, column) == (4, 9)
        assert message.startswith("cannot read source text 'missing.txt'")

    def test_undecodable_source_names_the_source_file(self, write_bank: WriteBank) -> None:
        write_bank(b"ok\nbad \xff here\n", "a.txt")
        errors = errors_of(self.bank(write_bank, "a.txt"))
        assert errors[0].file.endswith("a.txt")
        assert (errors[0].line, errors[0].column) == (2, 5)


def test_error_lines_read_like_a_compiler(write_bank: WriteBank) -> None:
    path = write_bank(HEADER + QUESTION.replace("answer: a", "answer: $96 billion"))
    (error,) = errors_of(path)
    assert str(error) == (
        f"{error.file}:7:13: error: question 'q1': answer '$96 billion' is not one of the choices"
    )


class TestSourceTextHazards:
    """The source text is read like a bank: a regular file within the size limit, decodable,
    without control characters; anything else is an error at its place, never a hang."""

    SOURCE = TestSourceText.SOURCE

    def bank(self, write_bank: WriteBank, path: str) -> Path:
        return write_bank(self.SOURCE.format(path=path) + QUESTION)

    def test_a_nul_in_the_name_is_one_error(self, write_bank: WriteBank) -> None:
        line, column, _, message = only_error(self.bank(write_bank, '"a\\0b"'))
        assert (line, column) == (4, 9)
        assert "control character U+0000" in message

    def test_a_fifo_is_refused_without_waiting(self, write_bank: WriteBank, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "pipe.txt")
        line, column, _, message = only_error(self.bank(write_bank, "pipe.txt"))
        assert (line, column) == (4, 9)
        assert message == (
            "cannot read source text 'pipe.txt': it is not a regular file "
            "(a device, a pipe or a socket)"
        )

    def test_a_folder_is_refused(self, write_bank: WriteBank, tmp_path: Path) -> None:
        (tmp_path / "texts").mkdir()
        _, _, _, message = only_error(self.bank(write_bank, "texts"))
        assert message == "cannot read source text 'texts': it is a folder, not a file"

    def test_a_huge_text_is_refused_unread(self, write_bank: WriteBank, tmp_path: Path) -> None:
        with open(tmp_path / "huge.txt", "wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
        _, _, _, message = only_error(self.bank(write_bank, "huge.txt"))
        assert message == (
            f"cannot read source text 'huge.txt': the file is {MAX_FILE_BYTES + 1:,} bytes; "
            "source texts are limited to 8 MB"
        )

    @pytest.mark.parametrize(
        ("text", "where", "code"),
        [
            ("It says a.\n\x1b]0;owned\x07\n", (2, 1), "U+001B"),
            ("It says a.\r\nline two \x9b31m\r\n", (2, 10), "U+009B"),
            ("It says a. \u202eevil\n", (1, 12), "U+202E"),
        ],
    )
    def test_control_characters_in_the_source_are_refused_at_their_place(
        self, write_bank: WriteBank, text: str, where: tuple[int, int], code: str
    ) -> None:
        write_bank(text.encode("utf-8"), "a.txt")
        errors = errors_of(self.bank(write_bank, "a.txt"))
        assert errors[0].file.endswith("a.txt")
        assert (errors[0].line, errors[0].column) == where
        assert code in errors[0].message

    def test_windows_line_ends_are_fine_and_make_paragraphs(self, write_bank: WriteBank) -> None:
        write_bank(b"First.\r\n\r\nIt says a.\r\n", "a.txt")
        bank = load_bank(self.bank(write_bank, "a.txt"))
        assert bank.source_text is not None
        assert [p.text for p in bank.source_text.passage("It says a.")] == ["It says a."]


def test_an_unused_anchor_is_refused(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace("prompt: Which one?", "prompt: &x Which one?")
    line, column, question, message = only_error(write_bank(text))
    assert (line, column, question) == (5, 13, "q1")
    assert message == "anchors and aliases (&name, *name) are not allowed in a bank"


def test_an_alias_is_reported_where_it_is_used(write_bank: WriteBank) -> None:
    text = (
        HEADER
        + QUESTION
        + QUESTION.replace("q1", "q2")
        .replace("explanation: Because.", "explanation: *x")
        .replace("topic: Trade", "topic: &x Trade")
    )
    places = [(e.line, e.column) for e in errors_of(write_bank(text))]
    assert places == [(11, 12), (15, 18)]


def test_ampersands_in_text_are_not_anchors(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION.replace("prompt: Which one?", "prompt: Q&A, AT &T or R & D?")
    (question,) = load_bank(write_bank(text)).questions
    assert question.prompt == "Q&A, AT &T or R & D?"


@pytest.mark.parametrize(
    ("content", "where", "code"),
    [
        (b"title: T\nquestions:\n  - id: q1\n    prompt: P\x01?\n", (4, 14), "U+0001"),
        (b"title: T\n# caf\xc3\xa9 \x00 comment\nquestions: []\n", (2, 8), "U+0000"),
        ('title: "é"\nkey: "\x7f"\n'.encode(), (2, 7), "U+007F"),
    ],
)
def test_a_control_byte_is_one_line_at_its_place(
    write_bank: WriteBank, content: bytes, where: tuple[int, int], code: str
) -> None:
    errors = errors_of(write_bank(content))
    assert (errors[0].line, errors[0].column) == where
    assert code in errors[0].message
    assert "\n" not in str(errors[0])


def test_a_utf16_error_is_at_its_line(write_bank: WriteBank) -> None:
    data = codecs.BOM_UTF16_LE + "title: T\nquestions:\n".encode("utf-16-le") + b"\x00\xd8"
    line, column, _, message = only_error(write_bank(data))
    assert (line, column) == (3, 1)
    assert message.startswith("the file is not valid UTF-16")


def test_keys_with_control_characters_are_refused(write_bank: WriteBank) -> None:
    text = HEADER + QUESTION + '    "\\e]0;owned\\a": x\n'
    line, column, question, message = only_error(write_bank(text))
    assert (line, column, question) == (10, 5, "q1")
    assert "U+001B" in message


def test_error_lines_are_terminal_safe() -> None:
    error = LoadError("\x1b]0;x\x07.yaml", 1, 1, None, "unknown field '\u202e'")
    assert str(error) == "\\x1b]0;x\\x07.yaml:1:1: error: unknown field '\\u202e'"
