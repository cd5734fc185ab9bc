"""Text from a bank, a host or a person, made ready for the screen: literal and terminal-safe.

Every prompt, choice, explanation and student name the live apps show goes through `literal`
(or `clip`, for a name in a narrow column): it is never parsed as markup, and a control
character (an escape sequence in a name, say) is shown visibly by the one terminal-safety rule,
`quiz.engine.terminal_safety`, instead of reaching the terminal.
"""

from __future__ import annotations

from textual.content import Content

from quiz.engine.terminal_safety import terminal_safe


def literal(text: str, style: str = "") -> Content:
    """Data as screen content: terminal-safe (line breaks kept for the widget to lay out),
    never markup."""
    safe = terminal_safe(text, multiline=True)
    return Content.styled(safe, style) if style else Content(safe)


def clip(text: str, width: int) -> str:
    """One line of `text`, terminal-safe, cut to `width` cells with an ellipsis (a long name
    in a tile, say)."""
    safe = terminal_safe(" ".join(text.split()))
    if Content(safe).cell_length <= width:
        return safe
    out = ""
    for char in safe:
        if Content(out + char + "…").cell_length > width:
            break
        out += char
    return out.rstrip() + "…"


def source_heading(title: str | None, publisher: str | None = None) -> Content:
    """`Source: title — publisher` above the passage, as in the solo game; `Evidence` when the
    bank names no source."""
    if not title:
        return Content.styled("Evidence", "bold")
    parts = [Content.styled("Source: ", "bold"), literal(title, "italic")]
    if publisher:
        parts += [Content(" — "), literal(publisher)]
    return Content("").join(parts)
