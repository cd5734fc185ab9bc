"""The web page marks each choice as the projector and `quiz join` do (the same letter, shape
and colour for the same index), so "B, the diamond" means one thing in the whole class, for as
many options as a question may show (a match's ten partners)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quiz.ui.live.marks import COLOURS, LETTERS, SHAPES

WEB = Path(__file__).parent.parent.parent / "quiz" / "live" / "web"


def test_the_page_marks_choices_as_the_terminals_do() -> None:
    script = (WEB / "app.js").read_text(encoding="utf-8")
    shapes = re.search(r"const SHAPES = (\[.*?\]);", script)
    letters = re.search(r'const LETTERS = "(\w+)";', script)
    assert shapes is not None and letters is not None
    assert tuple(json.loads(shapes.group(1))) == SHAPES
    assert letters.group(1) == LETTERS
    style = (WEB / "style.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"\.c(\d+) \{ background: (#[0-9a-f]{6}); \}", style))
    assert [colours.get(str(index)) for index in range(len(COLOURS))] == list(COLOURS)
