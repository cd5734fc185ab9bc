"""Bank files to `Bank` objects, or to every error in them, each at its file, line and column.

The steps: read the bytes (bounded in size), decode them, compose YAML nodes, turn the nodes into
plain data without YAML's implicit typing, validate the data with the pydantic models, then apply
the cross-field rules. Nothing here raises anything but `BankError`, whatever the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from yaml.nodes import MappingNode, Node

from quiz.engine import yamltree
from quiz.engine.errors import BankError, LoadError, display_path
from quiz.engine.files import FileRefused, read_input
from quiz.engine.messages import describe
from quiz.engine.model import AnyQuestion, Bank
from quiz.engine.rules import Report, check_question
from quiz.engine.schema import BankHeader, header_adapter, question_adapter
from quiz.engine.source import SourceText, UnsafeText, clean_source_text
from quiz.engine.terminal_safety import first_unsafe

MISSING = ("missing", "missing_keyword_argument")
UNKNOWN = ("extra_forbidden", "unexpected_keyword_argument")


def load_bank(path: Path) -> Bank:
    """Load and validate one bank file; raise BankError listing every problem."""
    return load_bank_tree(path)[0]


def load_bank_tree(path: Path) -> tuple[Bank, Node]:
    """Load a bank as `load_bank` does, and keep the YAML node tree it was read from, so that a
    tool (`quiz lint`) can point at any field of a valid bank without parsing it again."""
    shown = display_path(path)
    try:
        data = read_input(path, what="banks", advice="split it into several banks")
    except FileRefused as refused:
        reason = refused.reason
        if not reason.startswith("the file is "):  # not the size: say what went wrong
            reason = f"cannot read the file: {reason}"
        raise BankError([LoadError(shown, 1, 1, None, reason)]) from None
    parser = _BankParser(path, shown)
    bank = parser.parse(data)
    assert parser.root is not None  # a bank was read from it
    return bank, parser.root


def parse_bank(data: bytes | str, path: Path, *, shown: str | None = None) -> Bank:
    """Validate a bank from its bytes or text; `path` places `source.text` and names errors."""
    return _BankParser(path, shown or display_path(path)).parse(data)


class _BankParser:
    """One parse of one file: keeps the node tree and the errors found so far."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.errors: list[LoadError] = []
        self.root: Node | None = None
        self.source: SourceText | None = None
        self._unreadable: set[tuple[int, int]] = set()

    def fail(self, line: int, column: int, message: str, question: str | None = None) -> None:
        """Record an error, unless reading already reported the node it points at (a value that
        could not be read is absent, and saying so again would only repeat the first error)."""
        if (line, column) in self._unreadable:
            return
        self.errors.append(LoadError(self.shown, line, column, question, message))

    def at(
        self,
        loc: Sequence[str | int],
        message: str,
        question: str | None = None,
        *,
        key: bool = False,
    ) -> None:
        """Record an error at the node found by `loc` from the root."""
        assert self.root is not None
        line, column = yamltree.position(yamltree.find_node(self.root, loc, key=key))
        self.fail(line, column, message, question)

    def parse(self, data: bytes | str) -> Bank:
        try:
            text = yamltree.decode(data) if isinstance(data, bytes) else data
            self.root = yamltree.compose(text)
        except yamltree.ReadFailed as failure:
            problem = failure.problem
            raise BankError(
                [LoadError(self.shown, problem.line, problem.column, None, problem.message)]
            ) from None
        if self.root is None:
            raise BankError(
                [
                    LoadError(
                        self.shown,
                        1,
                        1,
                        None,
                        "the file is empty; a bank needs a title and questions",
                    )
                ]
            )
        reader = yamltree.TreeReader()
        document = reader.read(self.root)
        problems = dict.fromkeys([*yamltree.anchor_problems(text), *reader.problems])
        for problem in problems:  # once each: an alias's node is its anchor's
            self.fail(
                problem.line, problem.column, problem.message, self._question_at(problem.line)
            )
        self._unreadable = {(problem.line, problem.column) for problem in problems}
        if not isinstance(self.root, MappingNode) or not isinstance(document, dict):
            self.fail(
                1,
                1,
                "a bank must be a mapping of fields (title, questions, ...), "
                "not a list or a single value",
            )
            raise BankError(self.errors)
        header = self._header(document)
        self.source = self._source_text(header)
        questions = self._questions(document.get("questions"), self.source, "questions" in document)
        if self.errors or header is None:
            raise BankError(self.errors)
        return Bank(
            path=self.path,
            title=header.title,
            description=header.description,
            source=header.source,
            source_text=self.source,
            questions=tuple(questions),
        )

    def _question_at(self, line: int) -> str | None:
        """The id of the question whose lines include `line`, for errors found while reading."""
        assert self.root is not None
        questions = yamltree.find_node(self.root, ("questions",))
        if not isinstance(questions.value, list) or questions is self.root:
            return None
        for item in questions.value:
            if isinstance(item, Node) and item.start_mark.line + 1 <= line <= item.end_mark.line:
                id_node = yamltree.find_node(item, ("id",))
                return (
                    id_node.value
                    if isinstance(id_node.value, str) and id_node is not item
                    else None
                )
        return None

    def _header(self, document: dict[str, Any]) -> BankHeader | None:
        fields = {key: value for key, value in document.items() if key != "questions"}
        try:
            return header_adapter().validate_python(fields)
        except ValidationError as invalid:
            for error in invalid.errors():
                loc = tuple(error["loc"])
                key = error["type"] in UNKNOWN
                target = loc[:-1] if error["type"] in MISSING else loc
                self.at(target, describe(error, loc, None), key=key)
            return None

    def _source_text(self, header: BankHeader | None) -> SourceText | None:
        if header is None or header.source is None or header.source.text is None:
            return None
        name = header.source.text
        if first_unsafe(name) is not None:
            return None  # reading the value said what is wrong with it
        loc = ("source", "text")
        try:
            folder = self.path.parent.resolve()
            target = (folder / name).resolve()
        except (OSError, RuntimeError) as error:  # a loop of links, say
            self.at(loc, f"cannot read source text '{name}': {error}")
            return None
        if not target.is_relative_to(folder):
            self.at(loc, f"source text '{name}' must be inside the bank's folder")
            return None
        try:
            data = read_input(target, what="source texts")
        except FileRefused as refused:
            self.at(loc, f"cannot read source text '{name}': {refused.reason}")
            return None
        shown = display_path(target)
        try:
            text = yamltree.decode(data)
        except yamltree.ReadFailed as failure:
            problem = failure.problem
            self.errors.append(
                LoadError(shown, problem.line, problem.column, None, problem.message)
            )
            return None
        try:
            return SourceText(clean_source_text(text))
        except UnsafeText as unsafe:
            self.errors.append(LoadError(shown, unsafe.line, unsafe.column, None, unsafe.message))
            return None

    def _questions(self, raw: Any, source: SourceText | None, present: bool) -> list[AnyQuestion]:
        if not present:
            self.fail(1, 1, "missing required field 'questions'")
            return []
        if not isinstance(raw, list) or not raw:
            self.at(("questions",), "'questions' must be a list of at least one question")
            return []
        assert self.root is not None
        questions: list[AnyQuestion] = []
        first_line: dict[str, int] = {}
        items = yamltree.find_node(self.root, ("questions",)).value
        for index, item in enumerate(raw):
            qid = item.get("id") if isinstance(item, dict) else None
            name = qid if isinstance(qid, str) else None
            if name is not None:
                id_loc = ("questions", index, "id")
                line = items[index].start_mark.line + 1  # the question's first line
                if name in first_line:
                    self.at(
                        id_loc,
                        f"duplicate id '{name}' (first used at line {first_line[name]})",
                        name,
                    )
                else:
                    first_line[name] = line
            question = self._question(index, item, name)
            if question is None:
                continue
            check_question(question, source, self._reporter(index, name))
            questions.append(question)
        return questions

    def _question(self, index: int, item: Any, name: str | None) -> AnyQuestion | None:
        """Validate one question; report its schema errors, and its rules when only optional
        fields were wrong, so that one typo does not hide the other mistakes of the question."""
        if not isinstance(item, dict):
            self.at(
                ("questions", index),
                "each question must be a mapping of 'field: value' "
                f"lines, not {'nothing' if item is None else 'a list or a single value'}",
            )
            return None
        try:
            return question_adapter().validate_python(item)
        except ValidationError as invalid:
            qtype = item.get("type", "choice")
            wrong_fields: set[str | int] = set()
            for error in invalid.errors():
                loc = tuple(error["loc"])
                if loc and loc[0] == qtype:
                    loc = loc[1:]
                tag_error = error["type"] == "union_tag_invalid"
                message = describe(error, loc, None if tag_error else qtype)
                if tag_error:
                    loc = ("type",)
                target = loc[:-1] if error["type"] in MISSING else loc
                self.at(
                    ("questions", index, *target),
                    message,
                    name,
                    key=error["type"] in UNKNOWN,
                )
                wrong_fields.add(loc[0] if loc else "")
            self._check_rest(index, item, wrong_fields, name)
            return None

    def _check_rest(
        self, index: int, item: dict[str, Any], wrong: set[str | int], name: str | None
    ) -> None:
        """Apply the rules to a question whose wrong fields were all optional ones."""
        rest = {key: value for key, value in item.items() if key not in wrong}
        try:
            question = question_adapter().validate_python(rest)
        except ValidationError:
            return
        check_question(question, self.source, self._reporter(index, name))

    def _reporter(self, index: int, name: str | None) -> Report:
        def report(loc: Sequence[str | int], message: str, *, key: bool = False) -> None:
            self.at(("questions", index, *loc), message, name, key=key)

        return report
