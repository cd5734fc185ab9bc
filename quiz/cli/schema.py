"""`quiz schema`: print the JSON Schema of the bank format (for editors' completion)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments."""


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.schema import schema_text

    sys.stdout.write(schema_text())
    return 0
