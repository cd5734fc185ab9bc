"""The `quiz` command: one table of subcommands, each declared and run by its own module here.

`quiz` alone plays; `quiz PATH` plays the banks at PATH. Exit codes: 0 success, 1 a command that
cannot do its work (invalid banks, no store, no terminal), 2 a usage error.

A subcommand is a module of this package with two functions: `add_arguments(parser)` declares
its arguments, `run(args)` does the work and returns the exit status, or raises `CommandError`
for "say why in one line, exit 1 or 2" (`main` prints it). `SUBCOMMANDS` gives each one's help
line and module. Only the module of the command being run is imported (and only its arguments
are built): a game's start-up loads nothing that only another command uses.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NamedTuple, NoReturn, Protocol, cast

from quiz import __version__
from quiz.cli.common import CommandError, print_error, say


class CommandModule(Protocol):
    """What a subcommand's module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare the subcommand's arguments."""

    def run(self, args: argparse.Namespace) -> int:
        """Do the work; return the exit status (or raise CommandError)."""


class Subcommand(NamedTuple):
    """One row of the table: the help line, and the module (in this package) that runs it."""

    summary: str
    module: str

    def load(self) -> CommandModule:
        """Import the module (only when this subcommand is the one being run or described)."""
        return cast(CommandModule, importlib.import_module(f"{__name__}.{self.module}"))


SUBCOMMANDS: dict[str, Subcommand] = {
    "play": Subcommand("play a game (the default command)", "play"),
    "validate": Subcommand("check banks and report every mistake", "validate"),
    "lint": Subcommand("find weak questions (item-writing flaws) in valid banks", "lint"),
    "list": Subcommand("list the banks found, with their topics", "list_banks"),
    "scores": Subcommand("the leaderboards: each player's best game", "scores"),
    "report": Subcommand("teacher reports of the answers kept", "report"),
    "new": Subcommand("write a starter bank with one example of every type", "new"),
    "schema": Subcommand("print the JSON Schema of the bank format", "schema"),
    "import": Subcommand("turn a GIFT, Aiken or Moodle XML file into a bank", "import_bank"),
    "serve": Subcommand("serve the game to browsers (classroom mode)", "serve"),
    "board": Subcommand("the teacher's live leaderboard of today's games", "board"),
    "export": Subcommand("write a bank in another format (GIFT for Moodle)", "export"),
    "host": Subcommand("host a live class game: the teacher's screen, projected", "host"),
    "join": Subcommand("join a live class game from this terminal", "join"),
    "draft": Subcommand("draft a bank from an article, for you to review", "draft"),
}
"""Every subcommand, in the order `quiz --help` lists them."""


class OneLineErrorParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (`quiz: ... (see 'quiz play --help')`, exit 2)
    like every other error, instead of the usage text and the error."""

    def error(self, message: str) -> NoReturn:
        print_error(f"{message} (see '{self.prog} --help')")
        sys.exit(2)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. With `only` naming a command (the one being run): that subcommand
    alone, with its arguments (importing every command's module, or building fourteen unused
    subparsers, would cost a game's start-up: about 2 ms for the subparsers); with `only` naming
    none (`--help`, `--version`): every subcommand's help line, without arguments; without
    `only`: every subcommand with its arguments."""
    parser = OneLineErrorParser(
        prog="quiz",
        description="A terminal quiz game. Run 'quiz' to play the bundled banks.",
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, subcommand in SUBCOMMANDS.items():
        if only in SUBCOMMANDS and only != name:
            continue
        subparser = commands.add_parser(name, help=subcommand.summary)
        if only in (None, name):
            subcommand.load().add_arguments(subparser)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line's options (`quiz` and `quiz PATH ...` mean `quiz play ...`)."""
    args = _with_default_command(argv)
    return build_parser(only=args[0]).parse_args(args)  # `quiz --help`: no command's arguments


def _with_default_command(argv: Sequence[str]) -> list[str]:
    """`quiz` and `quiz PATH ...` mean `quiz play ...`."""
    args = list(argv)
    if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("-h", "--help", "--version")):
        return ["play", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. Whatever happens, the user sees one line
    (or the command's own output), never a traceback, for a reason outside the program."""
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
        return SUBCOMMANDS[args.command].load().run(args)
    except CommandError as error:
        say(str(error), err=True)
        return error.status
    except BrokenPipeError:  # `quiz validate | head -1`: the reader has all it wanted
        _silence_stdout()
        return 1
    except KeyboardInterrupt:  # Ctrl+C
        return 130
    except OSError as error:  # the system refused something no command foresaw
        name = f" ({error.filename})" if error.filename else ""
        print_error(f"{error.strerror or error}{name}")
        return 1


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit does not fail on
    the closed pipe again (the recipe of the `signal` module's documentation)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
