"""Round trips for the tests: a bank through an export and an import, loaded again for real."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from quiz.authoring.convert import ImportResult, Loss
from quiz.authoring.moodle_match import MATCH_PARTIAL_CREDIT
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank


def bank_state(bank: Bank) -> dict[str, Any]:
    """Everything a bank says, for comparing two banks."""
    return {
        "title": bank.title,
        "description": bank.description,
        "source": bank.source,
        "source_text": bank.source_text.text if bank.source_text else None,
        "questions": [asdict(question) for question in bank.questions],
    }


def expected_losses(result: ImportResult) -> list[str]:
    """What an import of quiz's own export must report: only that Moodle marks each item of a
    matching question (it has no all-or-nothing matching), once per match question."""
    count = sum(1 for question in result.bank["questions"] if question.get("type") == "match")
    return [MATCH_PARTIAL_CREDIT] * count


def loss_messages(losses: list[Loss]) -> list[str]:
    """The losses' messages, without their lines."""
    return [loss.message for loss in losses]


def reload(result: ImportResult, original: Bank, folder: Path) -> Bank:
    """The imported bank written as YAML beside a copy of the original's source folder, loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = original.path.parent / "sources"
    if original.source_text is not None and sources.is_dir():
        shutil.copytree(sources, folder / "sources", dirs_exist_ok=True)
    path = folder / original.path.name
    path.write_text(result.to_yaml(), encoding="utf-8")
    return load_bank(path)
