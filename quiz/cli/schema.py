"""`quiz schema`: print the JSON Schema of the bank format (for editors' completion)."""

from __future__ import annotations

import argparse

from quiz.cli.common import write_out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments."""


def run(args: argparse.Namespace) -> int:
    from quiz.authoring.schema import schema_text

    write_out(schema_text())
    return 0
