"""Who may join a live game: the join code, players' names, and the throttle on guessing codes.

Names are shown to the whole class, so they are checked here once: trimmed, at most
`MAX_NAME` characters, no control or formatting characters (which could move a terminal's cursor
or reverse text), and unique in the game ignoring case. They are otherwise kept literally: a
name like `[bold]Ann` is shown as typed, never read as markup.
"""

from __future__ import annotations

import hmac
import secrets
import unicodedata
from collections import deque
from dataclasses import dataclass, field

CODE_LENGTH = 6
"""Digits in a random join code."""
CODE_LENGTHS = range(4, 9)
"""How long a code the teacher chooses may be (digits)."""
MAX_NAME = 20
"""The longest name, in characters."""
CODE_TRIES = 5
"""Wrong codes one address may send within `CODE_WINDOW` seconds before it must wait."""
CODE_WINDOW = 60.0
"""Seconds over which wrong codes are counted."""

_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


class JoinError(ValueError):
    """A join code or name the game cannot take; the message says why, for a person."""


def new_code() -> str:
    """A random join code of `CODE_LENGTH` digits."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


def check_code(text: str) -> str:
    """The teacher's chosen code, spaces removed; raises JoinError unless it is 4 to 8 digits."""
    code = "".join(text.split())
    if not (code.isascii() and code.isdigit() and len(code) in CODE_LENGTHS):
        raise JoinError(
            f"the join code must be {CODE_LENGTHS.start} to {CODE_LENGTHS.stop - 1} digits"
        )
    return code


def code_matches(code: str, typed: str) -> bool:
    """Whether a typed code is the game's (spaces ignored; compared in constant time)."""
    return hmac.compare_digest("".join(typed.split()).encode(), code.encode())


def clean_name(text: str) -> str:
    """A player's name as the game keeps it (NFC, single spaces, trimmed); raises JoinError when
    it is empty, too long or holds characters a name cannot."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise JoinError("type a name to join")
    if len(name) > MAX_NAME:
        raise JoinError(f"a name has at most {MAX_NAME} characters")
    if has_control_characters(name):
        raise JoinError("a name cannot hold control characters")
    return name


def has_control_characters(text: str) -> bool:
    """Whether `text` holds characters no name or typed answer needs, which could move a
    terminal's cursor or reverse the text around them (escapes, bidi overrides, ...)."""
    return any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in text)


def name_key(name: str) -> str:
    """The form names are compared in: `Ann` and `ANN` are the same player."""
    return name.casefold()


@dataclass
class CodeThrottle:
    """Counts wrong codes per address: after `CODE_TRIES` within `CODE_WINDOW` seconds, every
    join from that address (right code or not) waits until the oldest of them is old enough."""

    tries: int = CODE_TRIES
    window: float = CODE_WINDOW
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def wait(self, address: str, now: float) -> float:
        """Seconds this address must still wait before trying a code (0 when it may)."""
        failures = self._failures.get(address)
        if failures is None:
            return 0.0
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[address]
            return 0.0
        return max(0.0, failures[0] + self.window - now) if len(failures) >= self.tries else 0.0

    def failed(self, address: str, now: float) -> None:
        """Count a wrong code from this address."""
        self._failures.setdefault(address, deque(maxlen=self.tries)).append(now)
