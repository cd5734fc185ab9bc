"""`quiz join`: take part in a live class game from this terminal, with the address and the
code the teacher's lobby shows (`quiz join 192.168.1.20:8765 --code 123456`)."""

from __future__ import annotations

import argparse

from quiz.cli.common import CommandError, has_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "address",
        metavar="ADDRESS",
        help="the game's address, as the lobby shows it: http://HOST:PORT or HOST:PORT",
    )
    parser.add_argument("--code", required=True, metavar="CODE", help="the join code")
    parser.add_argument("--name", metavar="NAME", help="your name (asked when not given)")


def run(args: argparse.Namespace) -> int:
    """Join, play until the game ends or the student leaves; 1 when the host refused them."""
    from quiz.engine.live_join import JoinError, check_code, clean_name
    from quiz.live.client import AddressError, websocket_url

    try:
        websocket_url(args.address)
    except AddressError as problem:
        raise CommandError(str(problem), status=2) from None
    try:
        code = check_code(args.code)
    except JoinError as problem:
        raise CommandError(f"--code: {problem}", status=2) from None
    try:
        name = clean_name(args.name) if args.name is not None else None
    except JoinError as problem:
        raise CommandError(f"--name: {problem}", status=2) from None
    if not has_terminal():
        raise CommandError("joining needs a terminal; run it directly, not piped")
    from quiz.ui.live.join import JoinApp

    app = JoinApp(args.address, code=code, name=name)
    app.run()
    return app.return_code or 0
