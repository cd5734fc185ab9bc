"""Load errors: what is wrong, in which file, at which line and column, in which question."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from quiz.engine.terminal_safety import terminal_safe


def display_path(path: Path) -> str:
    """A path as errors show it: relative to the current folder when it lies below it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


@dataclass(frozen=True)
class LoadError:
    """One problem in a bank file, pointing at the node that causes it (line and column from 1)."""

    file: str
    line: int
    column: int
    question: str | None
    message: str

    def __str__(self) -> str:
        """One line, terminal-safe: file names and messages quote what the file holds."""
        where = f"question '{self.question}': " if self.question else ""
        return terminal_safe(f"{self.file}:{self.line}:{self.column}: error: {where}{self.message}")

    def as_dict(self) -> dict[str, Any]:
        """The error as `{file, line, column, question, message}`, for `--format json`."""
        return asdict(self)


class BankError(Exception):
    """A bank could not be loaded; `errors` lists every problem found, in file order."""

    def __init__(self, errors: list[LoadError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line, e.column, e.message))
        super().__init__("\n".join(str(error) for error in self.errors))
