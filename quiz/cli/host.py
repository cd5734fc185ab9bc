"""`quiz host`: run a live class game from this terminal (the teacher's screen, projected);
students join it with `quiz join` or in a browser, with the code the lobby shows.

`--resume` continues the last live game that did not finish (the host stopped or died), at the
question where it stopped, with every score.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quiz.cli.common import (
    CommandError,
    add_paths,
    has_terminal,
    port_number,
    print_error,
    question_count,
    say,
)
from quiz.engine.session import DEFAULT_COUNT

if TYPE_CHECKING:
    from quiz.engine.live import LiveGame
    from quiz.engine.live_recording import LiveRecorder

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
QUESTION_OPTIONS = ("paths", "bank", "topic", "count", "seconds", "code")
"""The options that choose a new game's questions and code (not with `--resume`)."""


def seconds(text: str) -> float:
    """`--seconds`: the countdown of every question, a number of seconds from 5 to 3600."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 5 <= value <= 3600:
        raise argparse.ArgumentTypeError("the countdown must be between 5 and 3600 seconds")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--bank", metavar="NAME", help="the bank to play, by file name or title")
    parser.add_argument(
        "--topic", action="append", default=[], metavar="T", help="only this topic (repeatable)"
    )
    parser.add_argument(
        "--count",
        type=question_count,
        default=DEFAULT_COUNT,
        metavar="N",
        help=f"how many questions, or 'all' (default: {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--seconds",
        type=seconds,
        metavar="S",
        help="seconds per question (default: 20, 30 or 45 by difficulty)",
    )
    parser.add_argument(
        "--host",
        metavar="H",
        help=f"address to listen on (default {DEFAULT_HOST}: this computer only; "
        "0.0.0.0 for the whole network, as a class needs; --resume: where the game was)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        metavar="P",
        help=f"the port (default {DEFAULT_PORT}; --resume: the game's)",
    )
    parser.add_argument("--code", metavar="CODE", help="the join code (default: 6 random digits)")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue the last live game that did not finish, where it stopped",
    )


def run(args: argparse.Namespace) -> int:
    """Serve the game and show the teacher's screens until the teacher closes them."""
    code = check_options(args)
    if not has_terminal():
        raise CommandError("the host needs a terminal; run it directly, not piped")
    game, recorder = resumed_game() if args.resume else new_game(args, code)
    # A resumed game listens where it was served (unless told otherwise), so that the
    # students' devices, which keep trying that address, find it again.
    served_host, served_port = game.address or (DEFAULT_HOST, DEFAULT_PORT)
    address = args.host if args.host is not None else served_host
    port = args.port if args.port is not None else served_port
    notice = None
    from quiz.webguard import is_public_host

    if is_public_host(address):
        notice = (
            "Serving to the whole network: anyone who can reach this computer can join with "
            "the code (and their answers are kept)."
        )
        print_error(f"warning: {notice[0].lower()}{notice[1:]}")
    from quiz.live.server import LiveHost
    from quiz.ui.live.host import HostApp

    host = LiveHost(game, host=address, port=port, recorder=recorder)
    app = HostApp(host, notice=notice)
    try:
        app.run()
    finally:
        recorder.close()
    if host.game_id is not None and app.return_code == 0:
        finished = "" if game.phase == "ended" else " (quiz host --resume continues it)"
        say(f"The answers are kept: quiz report --game {host.game_id}{finished}")
    return app.return_code or 0


def check_options(args: argparse.Namespace) -> str:
    """The join code of a new game (the teacher's, or a random one); raises a usage error for a
    code that is not one, or for options that choose questions given with `--resume`."""
    from quiz.engine.live_join import JoinError, check_code, new_code

    if args.resume:
        given = [name for name in QUESTION_OPTIONS if _given(args, name)]
        if given:
            options = ", ".join("PATH" if name == "paths" else f"--{name}" for name in given)
            raise CommandError(
                f"--resume continues the last game as it was: leave out {options}", status=2
            )
        return ""
    try:
        return check_code(args.code) if args.code is not None else new_code()
    except JoinError as problem:
        raise CommandError(f"--code: {problem}", status=2) from None


def new_game(args: argparse.Namespace, code: str) -> tuple[LiveGame, LiveRecorder]:
    """A new game of the banks, topics and count asked, with the store's recorder."""
    import random

    from quiz.cli.play import playable_library
    from quiz.engine.games import select
    from quiz.engine.live import LiveGame, ask_all
    from quiz.engine.live_recording import LiveRecorder
    from quiz.engine.paths import store_path
    from quiz.engine.session import SessionError

    library = playable_library(args)
    seed = random.randrange(2**31)
    try:
        items = select(library.banks, args.topic, None if args.count == 0 else args.count, seed)
    except SessionError as problem:
        raise CommandError(str(problem)) from None
    titles = {bank.title for bank, _question in items}
    title = titles.pop() if len(titles) == 1 else "quiz"
    recorder = LiveRecorder.open(store_path())
    game = LiveGame(
        ask_all(items, seed), code=code, seconds=args.seconds, title=title, observers=[recorder]
    )
    return game, recorder


def resumed_game() -> tuple[LiveGame, LiveRecorder]:
    """The last live game that did not finish, restored, and its recorder."""
    from quiz.engine.errors import BankError
    from quiz.engine.live import LiveError
    from quiz.engine.live_recording import resume_last
    from quiz.engine.paths import store_path
    from quiz.engine.store import StoreError

    try:
        found = resume_last(store_path())
    except (LiveError, BankError, StoreError) as problem:
        raise CommandError(f"cannot resume the last live game: {problem}") from None
    if found is None:
        raise CommandError("no live game to resume: every live game kept has finished")
    return found


def _given(args: argparse.Namespace, name: str) -> bool:
    value = getattr(args, name)
    if name == "count":
        return bool(value != DEFAULT_COUNT)
    return bool(value)
