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
