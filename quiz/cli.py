"""The `quiz` command: parses arguments, builds engine objects and starts the game or a tool.

`quiz` alone plays; `quiz PATH` plays the banks at PATH. Exit codes: 0 success, 1 invalid banks or
a game that cannot start, 2 a usage error (argparse's own code).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quiz import __version__
from quiz.engine.discovery import Library, load_library, pick_bank
from quiz.engine.paths import store_path
from quiz.engine.recording import GameRecorder
from quiz.engine.session import DEFAULT_COUNT, MODES, GameSettings
from quiz.engine.store import Store, StoreError, utc_now
from quiz.engine.warmup import load_in_background
from quiz.startup import pause_collector, resume_collector

if TYPE_CHECKING:
    from quiz.ui.app import QuizApp

DEFAULT_MAX_GAMES = 50
"""Games served at once before newcomers wait (see quiz.serve; kept here to spare the import)."""


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


def _since(text: str) -> datetime:
    from quiz.engine.reports import parse_since

    try:
        return parse_since(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-28") from None


def _play_arguments(play: argparse.ArgumentParser) -> None:
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
        "--watch",
        action="store_true",
        help="preview: every question in file order, reloaded when the file is saved",
    )
    play.add_argument(
        "--mode", choices=MODES, default="practice", help="practice (no clock) or timed"
    )


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    _paths(validate)
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument(
        "--watch", action="store_true", help="check again each time a file is saved"
    )


def _scores_arguments(scores: argparse.ArgumentParser) -> None:
    scores.add_argument("--bank", metavar="NAME", help="one bank's leaderboard (by file name)")


def _report_arguments(report: argparse.ArgumentParser) -> None:
    report.add_argument("--bank", metavar="NAME", help="only this bank (by file name)")
    report.add_argument("--player", metavar="NAME", help="only this player")
    report.add_argument(
        "--since", metavar="DATE", type=_since, help="only answers since (YYYY-MM-DD)"
    )
    report.add_argument(
        "--by",
        choices=("answer", "question"),
        default="answer",
        help="one row per answer (default) or per question, hardest first",
    )
    report.add_argument("--format", choices=("table", "csv", "json"), default="table")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("file", type=Path, metavar="FILE", help="the new bank, e.g. my-bank.yaml")
    new.add_argument(
        "--source",
        type=Path,
        metavar="TEXT_FILE",
        help="the source text: copied beside the bank, contexts taken from it",
    )


def _import_arguments(importer: argparse.ArgumentParser) -> None:
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument("--from", dest="source_format", choices=("gift", "aiken"), required=True)
    importer.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.yaml",
        help="where to write the bank (default: FILE with .yaml)",
    )


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    _paths(serve)
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only; "
        "0.0.0.0 for the whole network)",
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--bank", metavar="NAME", help="the bank every student plays")
    serve.add_argument("--topic", action="append", default=[], metavar="TOPIC")
    serve.add_argument("--count", type=_count, metavar="N", help="questions per game, or 'all'")
    serve.add_argument(
        "--max-games",
        type=int,
        default=DEFAULT_MAX_GAMES,
        metavar="N",
        help=f"games at once before newcomers wait (default {DEFAULT_MAX_GAMES})",
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address students use, when it differs from the one they typed",
    )


def _board_arguments(board: argparse.ArgumentParser) -> None:
    board.add_argument(
        "--since",
        metavar="DATE",
        type=_since,
        help="show games since DATE (default: since midnight)",
    )


def _export_arguments(exporter: argparse.ArgumentParser) -> None:
    exporter.add_argument("file", type=Path, metavar="FILE")
    exporter.add_argument("--to", dest="target_format", choices=("gift",), required=True)
    exporter.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="where to write (default: print it)"
    )


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None] | None]] = {
    "play": ("play a game (the default command)", _play_arguments),
    "validate": ("check banks and report every mistake", _validate_arguments),
    "list": ("list the banks found, with their topics", _paths),
    "scores": ("the leaderboards: each player's best game", _scores_arguments),
    "report": ("teacher reports of the answers kept", _report_arguments),
    "new": ("write a starter bank with one example of every type", _new_arguments),
    "schema": ("print the JSON Schema of the bank format", None),
    "import": ("turn a GIFT or Aiken file into a bank", _import_arguments),
    "serve": ("serve the game to browsers (classroom mode)", _serve_arguments),
    "board": ("the teacher's live leaderboard of today's games", _board_arguments),
    "export": ("write a bank in another format (GIFT for Moodle)", _export_arguments),
}
"""Each subcommand: its help line, and what adds its arguments."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every subcommand with its help line; the arguments of `only` (when
    given, the command being run: building all of argparse's arguments costs a game's start-up
    a few milliseconds), or of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="A terminal quiz game. Run 'quiz' to play the bundled banks.",
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, add_arguments) in SUBCOMMANDS.items():
        subparser = commands.add_parser(name, help=summary)
        if add_arguments is not None and only in (None, name):
            add_arguments(subparser)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line's options (`quiz` and `quiz PATH ...` mean `quiz play ...`)."""
    args = _with_default_command(argv)
    return build_parser(only=args[0] if args[0] in SUBCOMMANDS else None).parse_args(args)


def _with_default_command(argv: Sequence[str]) -> list[str]:
    """`quiz` and `quiz PATH ...` mean `quiz play ...`."""
    args = list(argv)
    if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("-h", "--help", "--version")):
        return ["play", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    if args.command == "validate":
        if args.watch:
            return watch_validate(args.paths, args.format)
        return validate(args.paths, args.format)
    if args.command in ("new", "schema", "import", "export"):
        from quiz.authoring import commands as authoring

        return int(getattr(authoring, f"run_{args.command}")(args))
    if args.command == "list":
        return list_banks(args.paths)
    if args.command == "serve":
        return serve(args)
    if args.command == "board":
        return board(args)
    if args.command == "scores":
        return show_scores(args.bank)
    if args.command == "report":
        return report(args)
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


def watch_validate(
    paths: Sequence[Path], output: str, interval: float = 0.5, rounds: int | None = None
) -> int:
    """`quiz validate --watch`: check now, then again after every save, until Ctrl+C."""
    from quiz.engine.watch import FileWatcher

    watcher = FileWatcher(paths)
    validate(paths, output)
    print(f"-- watching {len(paths) or 'the default'} path(s); Ctrl+C stops", flush=True)
    checks = 0
    try:
        while rounds is None or checks < rounds:
            time.sleep(interval)
            checks += 1
            if watcher.changed():
                print(
                    f"-- {datetime.now().strftime('%H:%M:%S')} changed, checking again", flush=True
                )
                validate(paths, output)
    except KeyboardInterrupt:
        pass
    return 0


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


def _open_store() -> Store | None:
    try:
        opened = Store.open(store_path())
    except StoreError as error:
        print(f"quiz: {error}", file=sys.stderr)
        return None
    if opened.notice:
        print(f"quiz: {opened.notice}", file=sys.stderr)
    return opened.store


def show_scores(bank: str | None) -> int:
    """`quiz scores`: the top ten of each bank played (or of one bank)."""
    from quiz.engine import reports

    store = _open_store()
    if store is None:
        return 1
    banks = [bank] if bank else reports.played_banks(store)
    if not banks:
        print("No finished games yet: play one with 'quiz'.")
    for index, name in enumerate(banks):
        rows = reports.leaderboard(store, name)
        if index:
            print()
        print(f"{name}")
        if rows:
            columns = ("rank", "player", "score", "accuracy", "questions", "date")
            print(reports.to_table(rows, columns))
        else:
            print("  no finished games")
    return 0


def report(args: argparse.Namespace) -> int:
    """`quiz report`: every answer, or each question's results, as a table, CSV or JSON."""
    from quiz.engine import reports

    store = _open_store()
    if store is None:
        return 1
    filters = reports.Filters(bank=args.bank, player=args.player, since=args.since)
    columns: Sequence[str] = reports.ANSWER_COLUMNS
    if args.by == "question":
        rows, columns = reports.question_report(store, filters), reports.QUESTION_COLUMNS
    else:
        rows = reports.answers_report(store, filters)
    if args.format == "csv":
        text = reports.to_csv(rows, columns)
    elif args.format == "json":
        text = reports.to_json(rows) + "\n"
    else:
        text = reports.to_table(rows, columns) + "\n" if rows else "No answers match.\n"
    if args.output:
        encoding = (
            "utf-8-sig" if args.format == "csv" else "utf-8"
        )  # a BOM lets spreadsheets see UTF-8
        try:
            args.output.write_text(text, encoding=encoding, newline="")
        except OSError as error:
            print(f"quiz: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 1
        print(f"{len(rows)} rows written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def serve(args: argparse.Namespace) -> int:
    """`quiz serve`: every browser that opens the address gets its own game."""
    from quiz.serve import QuizServer, play_command

    if _load_for_play(args) is None:  # checks the banks now (and caches them for every game)
        return 1
    if args.max_games < 1:
        print("quiz: --max-games must be at least 1", file=sys.stderr)
        return 2
    store = _open_store()  # create (or migrate) the store now, not in forty games at once
    if store is None:
        return 1
    store.close()
    command = play_command(args.paths, args.bank, args.topic, args.count)
    if args.host in ("0.0.0.0", "::", ""):
        print(
            "quiz: warning: serving to the whole network: anyone who can reach this computer "
            f"on port {args.port} can play (and their answers are kept)",
            file=sys.stderr,
        )
    else:
        print(f"Open http://{args.host}:{args.port} in a browser on this computer.")
    server = QuizServer(
        command,
        host=args.host,
        port=args.port,
        max_games=args.max_games,
        public_url=args.public_url,
    )
    server.serve()
    return 0


def board(args: argparse.Namespace) -> int:
    """`quiz board`: today's games, live."""
    if not has_terminal():
        print("quiz: the board needs a terminal", file=sys.stderr)
        return 1
    store = _open_store()
    if store is None:
        return 1
    from quiz.ui.board import BoardApp

    since = args.since or datetime.now().astimezone().replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    BoardApp(store, since).run()
    return 0


def has_terminal() -> bool:
    """Whether the game can draw: a terminal on both ends, or Textual's web driver (browsers)."""
    if "web" in os.environ.get("TEXTUAL_DRIVER", "").lower():
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _load_for_play(args: argparse.Namespace, library: Library | None = None) -> Library | None:
    """The banks to play (one, with `--bank`), or None after saying why there are none.

    `library` is the library already loaded, when the caller loaded it."""
    library = library if library is not None else load_library(args.paths)
    for error in library.errors:
        print(error, file=sys.stderr)
    if not library.banks:
        print("quiz: no valid banks; run 'quiz validate' to see why", file=sys.stderr)
        return None
    if args.bank:
        bank = pick_bank(library.banks, args.bank)
        if bank is None:
            names = ", ".join(b.name for b in library.banks)
            print(f"quiz: no bank named '{args.bank}' (found: {names})", file=sys.stderr)
            return None
        library.banks = [bank]
    return library


def _preview(args: argparse.Namespace) -> QuizApp | int:
    """`quiz play FILE --watch`: the teacher's live preview (nothing is saved to the store)."""
    if not args.paths:
        print(
            "quiz: --watch needs the bank file(s) to watch, e.g. quiz play my-bank.yaml --watch",
            file=sys.stderr,
        )
        return 2
    from quiz.engine.watch import FileWatcher
    from quiz.ui.app import QuizApp

    settings = GameSettings(players=(args.player or "Teacher",), seed=args.seed)
    return QuizApp([], settings, ask=False, watcher=FileWatcher(args.paths))


def prepare_play(args: argparse.Namespace) -> QuizApp | int:
    """The game app for `quiz play`'s options, or the exit status when no game can start."""
    if args.watch:
        return _preview(args)
    pause_collector()  # until the first screen is drawn (QuizApp restarts it)
    finish_loading = load_in_background(args.paths)  # check uncached banks on the other core...
    from quiz.ui.app import QuizApp  # ...while Textual loads (only a game needs it)

    library = _load_for_play(args, finish_loading())
    if library is None:
        resume_collector()
        return 1
    settings = GameSettings(
        players=(args.player,) if args.player else ("Player",),
        topics=tuple(args.topic),
        count=None if args.count == 0 else args.count,
        mode=args.mode,
        seed=args.seed,
    )
    recorder = GameRecorder.open(store_path())
    if args.mode == "review" and args.player and recorder.store is not None:
        from quiz.engine.review import describe_wait, plan_review

        plan = plan_review(recorder.store, args.player, library.banks, utc_now())
        if not plan.due:
            print(describe_wait(plan, utc_now()))
            resume_collector()
            return 0
    return QuizApp(library.banks, settings, ask=not args.player, recorder=recorder)


def play(args: argparse.Namespace) -> int:
    """`quiz play`: start the game with the options given."""
    if not has_terminal():
        print(
            "quiz: the game needs a terminal; run it directly, not with its input or output "
            "piped (try 'quiz validate' or 'quiz list')",
            file=sys.stderr,
        )
        return 1
    app = prepare_play(args)
    if isinstance(app, int):
        return app
    app.run()
    return app.return_code or 0
