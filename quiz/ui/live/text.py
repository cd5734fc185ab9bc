"""Text from a bank or a person, made ready for the screen: literal, terminal-safe, clipped.

Every prompt, choice, explanation and student name the live apps show goes through `literal`:
it is never parsed as markup, and a control character (an escape sequence in a name, say) is
shown as a visible placeholder instead of reaching the terminal.
"""

from __future__ import annotations

import unicodedata

from textual.content import Content

REPLACEMENT = "\ufffd"
"""What a control character is shown as."""


def terminal_safe(text: str) -> str:
    """`text` without anything a terminal would act on: control characters (C0, C1, DEL) and
    bidirectional overrides become `�`; newlines and tabs are kept (a widget lays them out)."""
    return "".join(
        char
        if char in "\n\t"
        or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co")
        or char == "\u200d"
        else REPLACEMENT
        for char in text
    )


def literal(text: str, style: str = "") -> Content:
    """Data as screen content: terminal-safe, never markup."""
    return Content.styled(terminal_safe(text), style) if style else Content(terminal_safe(text))


def clip(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis (a long student name in a tile, say)."""
    safe = terminal_safe(" ".join(text.split()))
    content = Content(safe)
    if content.cell_length <= width:
        return safe
    out = ""
    for char in safe:
        if Content(out + char + "…").cell_length > width:
            break
        out += char
    return out.rstrip() + "…"
