"""Text from a file, a store or a person, made safe to show in a terminal: the one rule.

A terminal obeys the control characters in what it prints: ESC starts sequences that set the
window title, clear the screen or write to the clipboard (OSC 52); C1 characters do the same in
one byte; bidi overrides make text read differently from what it is (Trojan Source). So every
text that came from outside is passed through `terminal_safe` where it is printed (the CLI) or
rendered (Textual, which passes ESC through to the terminal), and each such character is shown
visibly instead, as `\\x1b` or `\\u202e`; nothing else changes. Bank files never hold them: the
loader refuses `UNSAFE_CHARACTERS` in values, keys and source texts (`first_unsafe`).

Characters at or above U+007F are shown as `\\uXXXX`, which keeps JSON text valid JSON (JSON
writes the ones below U+0020 as escapes already).
"""

from __future__ import annotations

UNSAFE_CHARACTERS = frozenset(
    [chr(c) for c in range(0x20)]  # C0: ESC, BEL, CR, backspace... (tab and newline: see below)
    + [chr(0x7F)]  # DEL
    + [chr(c) for c in range(0x80, 0xA0)]  # C1: CSI, OSC... in one character
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)
"""What never reaches a terminal as it is. Tab and newline are among them: a one-line text
(a name, a file name, a table cell, a message) shows them too; `multiline=True` keeps them."""

LAYOUT_CHARACTERS = frozenset("\t\n")
"""What multi-line text (a passage, a printed report) keeps."""


def visible(char: str) -> str:
    """How an unsafe character is shown: `\\x1b` below U+0020, `\\u202e` from U+007F."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


_ONE_LINE = {ord(char): visible(char) for char in UNSAFE_CHARACTERS}
_MULTILINE = {code: shown for code, shown in _ONE_LINE.items() if chr(code) not in "\t\n"}


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """`text` with every unsafe character shown visibly (tabs and newlines too, unless
    `multiline`; then a `\\r\\n` line end is kept as well, as in CSV)."""
    if text.isprintable():  # every unsafe character is non-printable: the common case is free
        return text
    if not multiline:
        return text.translate(_ONE_LINE)
    return "\r\n".join(line.translate(_MULTILINE) for line in text.split("\r\n"))


def first_unsafe(text: str, *, multiline: bool = False) -> int | None:
    """The index of the first unsafe character in `text` (tab and newline allowed when
    `multiline`), or None."""
    if text.isprintable():
        return None
    allowed = LAYOUT_CHARACTERS if multiline else frozenset()
    for index, char in enumerate(text):
        if char in UNSAFE_CHARACTERS and char not in allowed:
            return index
    return None


def describe_unsafe(char: str) -> str:
    """The loader's words for an unsafe character found in a bank or a source text."""
    return (
        f"the text contains the control character U+{ord(char):04X}, "
        "which could change the student's terminal; remove it"
    )
