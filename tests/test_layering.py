"""The engine stands alone: importing it (and the CLI's non-game commands) never loads Textual."""

from __future__ import annotations

import subprocess
import sys


def test_engine_imports_without_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, quiz.engine\n"
        "for m in pkgutil.walk_packages(quiz.engine.__path__, 'quiz.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "import quiz.cli\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_playing_from_the_cache_needs_no_validation_machinery() -> None:
    """The game's modules leave pydantic, annotated_types, YAML and fsrs to the first file read
    or the first answer: start-up stays fast."""
    code = (
        "import sys, quiz.cli, quiz.ui.app, quiz.engine.cache, quiz.engine.warmup\n"
        "heavy = ['pydantic', 'annotated_types', 'yaml', 'fsrs', 'rapidfuzz']\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
