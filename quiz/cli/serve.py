"""`quiz serve`: classroom mode, every browser that opens the address gets its own game (the
server itself is `quiz.serve`)."""

from __future__ import annotations

import argparse
import errno
import os

from quiz.cli.common import (
    CommandError,
    add_paths,
    at_least_one,
    open_store,
    port_number,
    print_error,
    question_count,
    say,
)

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
    parser.add_argument("--port", type=port_number, default=8000)
    parser.add_argument("--bank", metavar="NAME", help="the bank every student plays")
    parser.add_argument("--topic", action="append", default=[], metavar="TOPIC")
    parser.add_argument(
        "--count", type=question_count, metavar="N", help="questions per game, or 'all'"
    )
    parser.add_argument(
        "--max-games",
        type=at_least_one,
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
    from quiz.webguard import browser_url, is_public_host

    playable_library(args)  # checks the banks now (and caches them for every game)
    check_can_listen(args.host, args.port)
    open_store().close()  # create (or migrate) the store now, not in forty games at once
    command = play_command(args.paths, args.bank, args.topic, args.count)
    if is_public_host(args.host):  # any address but loopback, however it is spelled
        print_error(
            "warning: serving to the whole network: anyone who can reach this computer "
            f"on port {args.port} can play (and their answers are kept)"
        )
    else:
        say(f"Open {browser_url(args.host, args.port)} in a browser on this computer.")
    server = QuizServer(
        command,
        host=args.host,
        port=args.port,
        max_games=args.max_games,
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as error:  # the address was taken since the check, say
        raise CommandError(f"cannot serve on {args.host} port {args.port}: {error}") from None
    return 0


def check_can_listen(host: str, port: int) -> None:
    """CommandError, before anything is announced, when the server could not listen there: the
    port is taken (another program, or another `quiz serve`) or the address is not this
    computer's."""
    import socket

    try:
        addresses = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except OSError as error:
        raise CommandError(f"cannot listen on '{host}': {error.strerror or error}") from None
    except UnicodeError:  # an impossible host name
        raise CommandError(f"cannot listen on '{host}': not a valid address") from None
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            if os.name == "posix":  # as the server does: a port just freed can be reused
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise CommandError(
                        f"port {port} is already in use on {host} (another program, or another "
                        "'quiz serve'?); choose another with --port"
                    ) from None
                raise CommandError(
                    f"cannot listen on {host} port {port}: {error.strerror}"
                ) from None
