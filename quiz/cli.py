"""The `quiz` command: parses arguments, builds engine objects and starts the game or a tool.

`quiz` alone plays; `quiz PATH` plays the banks at PATH. Exit codes: 0 success, 1 invalid banks or
a game that cannot start, 2 a usage error (argparse's own code).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from quiz import __version__
from quiz.engine.discovery import Library, load_library, pick_bank
from quiz.engine.session import DEFAULT_COUNT, MODES, GameSettings

COMMANDS = ("play", "validate", "list")


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bank files or folders (default: the bundled banks and QUIZ_PATH)",
    )


def _count(text: str) -> int:
    """`--count`: a whole number of at least 1, or `all` (returned as 0)."""
    if text.strip().lower() == "all":
        return 0
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of questions") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the number of questions must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="A terminal quiz game. Run 'quiz' to play the bundled banks.",
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a game (the default command)")
    _paths(play)
    play.add_argument("--bank", metavar="NAME", help="play one bank, by file name or title")
    play.add_argument(
        "--topic", action="append", default=[], metavar="TOPIC", help="only this topic (repeatable)"
    )
    play.add_argument(
        "--count",
        type=_count,
        default=DEFAULT_COUNT,
        metavar="N",
        help=f"how many questions, or 'all' (default: {DEFAULT_COUNT})",
    )
    play.add_argument("--seed", type=int, metavar="N", help="the same seed plays the same game")
    play.add_argument("--player", metavar="NAME", help="your name; starts straight at question 1")
    play.add_argument(
        "--mode", choices=MODES, default="practice", help="practice (no clock) or timed"
    )

    validate = commands.add_parser("validate", help="check banks and report every mistake")
    _paths(validate)
    validate.add_argument("--format", choices=("text", "json"), default="text")

    listing = commands.add_parser("list", help="list the banks found, with their topics")
    _paths(listing)
    return parser


def _with_default_command(argv: Sequence[str]) -> list[str]:
    """`quiz` and `quiz PATH ...` mean `quiz play ...`."""
    args = list(argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        return ["play", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(_with_default_command(sys.argv[1:] if argv is None else argv))
    if args.command == "validate":
        return validate(args.paths, args.format)
    if args.command == "list":
        return list_banks(args.paths)
    return play(args)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def validate(paths: Sequence[Path], output: str = "text") -> int:
    """`quiz validate`: one line per problem; 0 when every bank is valid, 1 otherwise."""
    library = load_library(paths)
    if output == "json":
        print(
            json.dumps([error.as_dict() for error in library.errors], indent=2, ensure_ascii=False)
        )
    else:
        for error in library.errors:
            print(error)
    if not library.files and not library.errors:
        print("quiz: no banks found", file=sys.stderr)
        return 1
    if output == "text":
        summary = (
            f"{_plural(len(library.banks), 'bank')}, {_plural(library.question_count, 'question')}"
        )
        if library.errors:
            invalid = library.files - len(library.banks)
            print(
                f"{_plural(len(library.errors), 'error')} in {_plural(invalid, 'bank')}; "
                f"valid: {summary}"
            )
        else:
            print(f"all valid: {summary}")
    return 1 if library.errors else 0


def list_banks(paths: Sequence[Path]) -> int:
    """`quiz list`: each bank found, with its title, question count and topics."""
    library = load_library(paths)
    for bank in library.banks:
        print(f"{bank.name}: {bank.title} ({_plural(len(bank.questions), 'question')})")
        print(f"  file: {bank.path}")
        print(f"  topics: {', '.join(bank.topics)}")
    for error in library.errors:
        print(error, file=sys.stderr)
    if library.errors:
        print(
            f"quiz: {_plural(len(library.errors), 'error')}; run 'quiz validate' for details",
            file=sys.stderr,
        )
    if not library.banks:
        print("quiz: no banks found", file=sys.stderr)
        return 1
    return 0


def has_terminal() -> bool:
    """Whether the game can draw: a terminal on both ends, or Textual's web driver (browsers)."""
    if "web" in os.environ.get("TEXTUAL_DRIVER", "").lower():
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _load_for_play(args: argparse.Namespace) -> Library | None:
    library = load_library(args.paths)
    for error in library.errors:
        print(error, file=sys.stderr)
    if not library.banks:
        print("quiz: no valid banks to play; run 'quiz validate' to see why", file=sys.stderr)
        return None
    if args.bank:
        bank = pick_bank(library.banks, args.bank)
        if bank is None:
            names = ", ".join(b.name for b in library.banks)
            print(f"quiz: no bank named '{args.bank}' (found: {names})", file=sys.stderr)
            return None
        library.banks = [bank]
    return library


def play(args: argparse.Namespace) -> int:
    """`quiz play`: start the game with the options given."""
    if not has_terminal():
        print(
            "quiz: the game needs a terminal; run it directly, not with its input or output "
            "piped (try 'quiz validate' or 'quiz list')",
            file=sys.stderr,
        )
        return 1
    library = _load_for_play(args)
    if library is None:
        return 1
    from quiz.ui.app import QuizApp  # Textual loads only when a game starts

    settings = GameSettings(
        players=(args.player,) if args.player else ("Player",),
        topics=tuple(args.topic),
        count=None if args.count == 0 else args.count,
        mode=args.mode,
        seed=args.seed,
    )
    app = QuizApp(library.banks, settings, ask=not args.player)
    app.run()
    return app.return_code or 0
