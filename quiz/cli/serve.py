"""`quiz serve`: classroom mode, every browser that opens the address gets its own game (the
server itself is `quiz.serve`)."""

from __future__ import annotations

import argparse

from quiz.cli.common import CommandError, add_paths, open_store, print_error, question_count

DEFAULT_MAX_GAMES = 50
"""Games served at once before newcomers wait (see quiz.serve; kept here to spare its import
when only the help is wanted)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only; "
        "0.0.0.0 for the whole network)",
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bank", metavar="NAME", help="the bank every student plays")
    parser.add_argument("--topic", action="append", default=[], metavar="TOPIC")
    parser.add_argument(
        "--count", type=question_count, metavar="N", help="questions per game, or 'all'"
    )
    parser.add_argument(
        "--max-games",
        type=int,
        default=DEFAULT_MAX_GAMES,
        metavar="N",
        help=f"games at once before newcomers wait (default {DEFAULT_MAX_GAMES})",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address students use, when it differs from the one they typed",
    )


def run(args: argparse.Namespace) -> int:
    from quiz.cli.play import playable_library
    from quiz.serve import QuizServer, play_command

    playable_library(args)  # checks the banks now (and caches them for every game)
    if args.max_games < 1:
        raise CommandError("--max-games must be at least 1", status=2)
    open_store().close()  # create (or migrate) the store now, not in forty games at once
    command = play_command(args.paths, args.bank, args.topic, args.count)
    if args.host in ("0.0.0.0", "::", ""):
        print_error(
            "warning: serving to the whole network: anyone who can reach this computer "
            f"on port {args.port} can play (and their answers are kept)"
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
