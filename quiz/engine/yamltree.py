"""From bytes to plain data, through YAML's node tree, without YAML 1.1 changing what was written.

Values are built from the composed nodes, so every scalar stays the text the teacher typed (`no`,
`3.10`, `012` and `2024-06-17` remain text); only the schema turns text into numbers or booleans.
The nodes are kept so that an error found later can still point at its line and column.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quiz.engine.terminal_safety import (
    LAYOUT_CHARACTERS,
    UNSAFE_CHARACTERS,
    describe_unsafe,
    first_unsafe,
)

_TAG = "tag:yaml.org,2002:"
_NULL = _TAG + "null"
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Loader(_BaseLoader):  # type: ignore[misc]
    """libyaml's parser with a resolver that only tells text from null.

    The values are read as text anyway, so YAML 1.1's regular expressions for booleans, numbers
    and dates would be wasted work on every scalar (a third of the parsing time).
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path-based resolvers: nothing to track while descending."""

    def ascend_resolver(self) -> None:
        """No path-based resolvers: nothing to track while ascending."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and value in _NULLS:
                return _NULL
            if implicit[0] and value == "<<":
                return _TAG + "merge"
            return _TAG + "str"
        return _TAG + ("seq" if kind is SequenceNode else "map")


MAX_DEPTH = 32
"""A bank is four levels deep; anything much deeper is a mistake or an attack."""

_PLAIN_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_FORBIDDEN_CHARS = UNSAFE_CHARACTERS - LAYOUT_CHARACTERS
"""What a value or a key may not hold (see quiz.engine.terminal_safety)."""
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s\[\]{},]")
"""Where an anchor or alias may start; confirmed by YAML's scanner (`&` in `AT&T` is text)."""
ANCHORS_REFUSED = "anchors and aliases (&name, *name) are not allowed in a bank"


@dataclass(frozen=True)
class Problem:
    """A problem found while reading: 1-based position and message (the file is added later)."""

    line: int
    column: int
    message: str


class ReadFailed(Exception):
    """The bytes could not become a node tree; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without a byte-order mark) or UTF-16 with one.

    Raises ReadFailed at the line and column of the first byte that is not UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            before = data[: error.start - error.start % 2].decode("utf-16", errors="replace")
            line, column = _line_and_column(before.removeprefix("\ufeff"))
            message = f"the file is not valid UTF-16 ({error.reason}); save it as UTF-8"
            raise ReadFailed(Problem(line, column, message)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data[: error.start].decode("utf-8", errors="replace"))
        bad = data[error.start : error.start + 1].hex()
        message = f"the file is not UTF-8 text (byte 0x{bad}); save it as UTF-8"
        raise ReadFailed(Problem(line, column, message)) from None


def _line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column of the character that follows the text `before`."""
    line_start = before.rfind("\n") + 1
    return before.count("\n") + 1, len(before) - line_start + 1


def compose(text: str) -> Node | None:
    """Parse text into one YAML node tree (None for an empty document), or raise ReadFailed."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    except yaml.MarkedYAMLError as error:
        raise ReadFailed(_yaml_problem(error)) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses: no mark, an offset
        raise ReadFailed(_reader_problem(text, error)) from None
    except yaml.YAMLError as error:
        words = " ".join(str(error).split())
        raise ReadFailed(Problem(1, 1, f"not valid YAML: {words}")) from None
    except RecursionError:
        raise ReadFailed(Problem(1, 1, "the file nests too deeply to be a bank")) from None
    finally:
        loader.dispose()


def _reader_problem(text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML refuses, at its line and column (libyaml gives a UTF-8 byte offset)."""
    offset = error.position if isinstance(error.position, int) else 0
    before = text.encode("utf-8", errors="surrogatepass")[:offset].decode("utf-8", "replace")
    line, column = _line_and_column(before)
    char = text[len(before)] if len(before) < len(text) else ""
    if char in UNSAFE_CHARACTERS:
        return Problem(line, column, describe_unsafe(char))
    shown = f"U+{ord(char):04X}" if char else "a character"
    return Problem(line, column, f"the file contains {shown}, which YAML does not allow; remove it")


def anchor_problems(text: str) -> list[Problem]:
    """Every anchor (`&name`) and alias (`*name`) in the text, used or not: a bank spells out
    each value (the node tree keeps no trace of an anchor that no alias uses)."""
    if not _ANCHOR_OR_ALIAS.search(text):
        return []
    problems = []
    scanner = _Loader(text)
    try:
        while (token := scanner.get_token()) is not None:
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                mark = token.start_mark
                problems.append(Problem(mark.line + 1, mark.column + 1, ANCHORS_REFUSED))
    except yaml.YAMLError:
        pass  # compose reports what is wrong with the text
    finally:
        scanner.dispose()
    return problems


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    """A YAML library error as one readable problem at its mark."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = error.context or ""
    problem = error.problem or ""
    if "expected a single document" in context:
        return Problem(
            line, column, "a bank file holds one YAML document; a second one starts here"
        )
    if "exceeded maximum nesting depth" in problem:
        return Problem(line, column, "the file nests too deeply to be a bank")
    words = f"{context}: {problem}" if context and problem else (problem or context)
    return Problem(line, column, f"not valid YAML: {words}")


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class TreeReader:
    """Turns a node tree into dicts, lists, text and None, collecting every problem on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def read(self, node: Node, depth: int = 0) -> Any:
        """The plain value of a node; problems are recorded, never raised."""
        if id(node) in self._seen:  # an alias: `anchor_problems` says where
            self._problem(node, ANCHORS_REFUSED)
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._problem(node, f"the file nests more than {MAX_DEPTH} levels deep")
            return None
        if node.tag not in _PLAIN_TAGS:
            self._problem(
                node,
                f"the tag '{node.tag.removeprefix(_TAG)}' is not allowed; "
                "write plain YAML without '!' tags",
            )
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            if node.flow_style:
                self._check_split_numbers(node)
            return [self.read(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        return None  # pragma: no cover - the composer makes no other node

    def _scalar(self, node: ScalarNode) -> str | None:
        if node.tag == _NULL and not node.style:
            return None
        text: str = node.value
        if not _FORBIDDEN_CHARS.isdisjoint(text):
            bad = next(char for char in text if char in _FORBIDDEN_CHARS)
            self._problem(node, describe_unsafe(bad))
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        return text

    def _check_split_numbers(self, node: SequenceNode) -> None:
        """`[Over 100,000, ...]` is two items in YAML; a teacher meant one. Say so."""
        items = node.value
        for left, right in itertools.pairwise(items):
            if not (isinstance(left, ScalarNode) and isinstance(right, ScalarNode)):
                continue
            if left.style or right.style or right.start_mark.index - left.end_mark.index != 1:
                continue
            if left.value[-1:].isdigit() and right.value[:1].isdigit():
                written = f"{left.value},{right.value}"
                self._problem(
                    left,
                    f"the comma in '{written}' splits it into two items; "
                    f"put it in quotes: '{written}'",
                )

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                what = "'<<' merge keys" if key_node.tag == _TAG + "merge" else "such keys"
                self._problem(key_node, f"keys must be plain text; {what} are not allowed")
                continue
            key = key_node.value
            unsafe = first_unsafe(key, multiline=True)  # keys of `feedback` are choices
            if unsafe is not None:
                self._problem(key_node, describe_unsafe(key[unsafe]))
                continue
            if key in result:
                self._problem(key_node, f"duplicate key '{key}'")
                continue
            result[key] = self.read(value_node, depth + 1)
        return result

    def _problem(self, node: Node, message: str) -> None:
        line, column = position(node)
        self.problems.append(Problem(line, column, message))


def find_node(root: Node, loc: Sequence[str | int], *, key: bool = False) -> Node:
    """The node at a path of keys and indexes (the key node itself when `key`), or the nearest.
    An index into a mapping takes its entry at that place (a match question's pairs are written
    either way).

    Used to place a schema error found after reading: it is rarely called, so a linear search of
    each mapping is fine.
    """
    node = root
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, MappingNode):
            if isinstance(part, int):  # the part-th entry (keys are text): `left: right` pairs
                match = node.value[part] if part < len(node.value) else None
            else:
                match = next((pair for pair in node.value if pair[0].value == part), None)
            if match is None:
                return node
            node = match[0] if (last and key) else match[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node
