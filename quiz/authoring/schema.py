"""The JSON Schema of the bank format, generated from the same pydantic models the loader uses."""

from __future__ import annotations

import json
from typing import Any

from quiz.engine.schema import json_schema

SCHEMA_FILE = "quiz-bank.schema.json"
"""The name the schema is written under beside banks, for editors to find."""


def bank_schema() -> dict[str, Any]:
    """The schema as a dict (JSON Schema draft 2020-12)."""
    return json_schema()


def schema_text() -> str:
    """The schema as the JSON text `quiz schema` prints."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


def modeline(schema_location: str = SCHEMA_FILE) -> str:
    """The first line of a bank that tells YAML editors where its schema is."""
    return f"# yaml-language-server: $schema={schema_location}"
