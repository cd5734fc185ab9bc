"""The engine stands alone: importing it (and the CLI's non-game commands) never loads Textual;
and the game's own modules leave the heavy ones to when they are needed."""

from __future__ import annotations

import subprocess
import sys


def printed_by_fresh_python(code: str) -> str:
    """What `code` prints in a new interpreter (so that no test's imports leak into it)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_engine_imports_without_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, quiz.engine\n"
        "for m in pkgutil.walk_packages(quiz.engine.__path__, 'quiz.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "from quiz.cli import SUBCOMMANDS\n"
        "for subcommand in SUBCOMMANDS.values():\n"
        "    subcommand.load()\n"
        "print('textual' in sys.modules)\n"
    )
    assert printed_by_fresh_python(code) == "False"


def test_playing_from_the_cache_needs_no_validation_machinery() -> None:
    """The game's modules leave pydantic, annotated_types, YAML and fsrs to the first file read
    or the first answer: start-up stays fast."""
    code = (
        "import sys, quiz.cli.play, quiz.ui.app, quiz.engine.cache, quiz.engine.warmup\n"
        "heavy = ['pydantic', 'annotated_types', 'yaml', 'fsrs', 'rapidfuzz']\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    assert printed_by_fresh_python(code) == "[]"
