"""`quiz play` (also `quiz` and `quiz PATH`): a game, a hot-seat game, review, or the teacher's
live preview of a bank being written (`--watch`).

This is the game's start-up path: it imports only what every game needs, and starts checking
uncached banks in the background before Textual is imported (see docs/architecture.md).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quiz.cli.common import (
    CommandError,
    add_paths,
    has_terminal,
    print_error,
    question_count,
    say,
    seed_number,
)
from quiz.engine.discovery import Library, load_library, pick_bank
from quiz.engine.paths import store_path
from quiz.engine.players import parse_players, player_problem
from quiz.engine.recording import GameRecorder
from quiz.engine.session import DEFAULT_COUNT, MODES, GameSettings
from quiz.engine.store import utc_now
from quiz.engine.warmup import load_in_background
from quiz.startup import collector_paused

if TYPE_CHECKING:
    from quiz.ui.app import QuizApp


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--bank", metavar="NAME", help="play one bank, by file name or title")
    parser.add_argument(
        "--topic", action="append", default=[], metavar="TOPIC", help="only this topic (repeatable)"
    )
    parser.add_argument(
        "--count",
        type=question_count,
        default=DEFAULT_COUNT,
        metavar="N",
        help=f"how many questions, or 'all' (default: {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--seed", type=seed_number, metavar="N", help="the same seed plays the same game"
    )
    parser.add_argument(
        "--player",
        metavar="NAME",
        help="your name (names separated by commas take turns); starts straight at question 1",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="preview: every question in file order, reloaded when the file is saved",
    )
    parser.add_argument(
        "--mode", choices=MODES, default="practice", help="practice (no clock) or timed"
    )


def run(args: argparse.Namespace) -> int:
    """Start the game with the options given; its exit status when it ends."""
    player_names(args)  # a usage error is one whatever the terminal
    if not has_terminal():
        raise CommandError(
            "the game needs a terminal; run it directly, not with its input or output "
            "piped (try 'quiz validate' or 'quiz list')"
        )
    # No cycle collection until the game's first frame (QuizApp resumes it then), and the
    # collector runs again on leaving this block whatever happens: see quiz.startup.
    with collector_paused():
        app = prepare_play(args)
        if app is None:
            return 0
        app.run()
    finish_saving(app.recorder)
    return app.return_code or 0


def finish_saving(recorder: GameRecorder) -> None:
    """After the game (ended by the player or a signal): write what still waits for the store,
    saying so while it waits, and say what could not be written."""
    from quiz.engine.recording import EXIT_WAIT_SECONDS

    def waiting(reason: str) -> None:
        print_error(f"saving the last answers: {reason}; trying for {EXIT_WAIT_SECONDS:.0f} s")

    for line in recorder.close(on_wait=waiting):
        print_error(line)


def prepare_play(args: argparse.Namespace) -> QuizApp | None:
    """The game app for `quiz play`'s options; None when there is nothing to play yet (review
    mode with no question due: said so). Raises CommandError when no game can start."""
    if args.watch:
        return _preview(args)
    finish_loading = load_in_background(args.paths)  # check uncached banks on the other core...
    from quiz.ui.app import QuizApp  # ...while Textual loads (only a game needs it)

    library = playable_library(args, finish_loading())
    players = player_names(args)
    settings = GameSettings(
        players=players,
        topics=tuple(args.topic),
        count=None if args.count == 0 else args.count,
        mode=args.mode,
        seed=args.seed,
    )
    recorder = GameRecorder.open(store_path())
    if args.mode == "review" and args.player and recorder.store is not None:
        from quiz.engine.review import describe_wait, plan_review

        plan = plan_review(recorder.store, players[0], library.banks, utc_now())
        if not plan.due:
            say(describe_wait(plan, utc_now()))
            return None
    return QuizApp(library.banks, settings, ask=not args.player, recorder=recorder)


def player_names(args: argparse.Namespace, unnamed: str = "Player") -> tuple[str, ...]:
    """The players `--player` names (separated by commas, as on the start screen), or
    `unnamed` without it; CommandError (usage, status 2) when they cannot play together."""
    if args.player is None:
        return (unnamed,)
    names = parse_players(args.player)
    problem = player_problem(names)  # the one rule: quiz.engine.players
    if problem is not None:
        raise CommandError(f"--player: {problem}", status=2)
    return tuple(names)


def playable_library(args: argparse.Namespace, library: Library | None = None) -> Library:
    """The banks to play (one, with `--bank`): their errors printed, or CommandError when none
    can be played. `library` is the library already loaded, when the caller loaded it."""
    library = library if library is not None else load_library(args.paths)
    for error in library.errors:
        say(str(error), err=True)
    if not library.banks:
        raise CommandError("no valid banks; run 'quiz validate' to see why")
    if args.bank:
        bank = pick_bank(library.banks, args.bank)
        if bank is None:
            names = ", ".join(b.name for b in library.banks)
            raise CommandError(f"no bank named '{args.bank}' (found: {names})")
        library.banks = [bank]
    return library


def _preview(args: argparse.Namespace) -> QuizApp:
    """`quiz play FILE --watch`: the teacher's live preview (nothing is saved to the store)."""
    if not args.paths:
        raise CommandError(
            "--watch needs the bank file(s) to watch, e.g. quiz play my-bank.yaml --watch",
            status=2,
        )
    from quiz.engine.watch import FileWatcher
    from quiz.ui.app import QuizApp

    settings = GameSettings(players=player_names(args, unnamed="Teacher"), seed=args.seed)
    return QuizApp([], settings, ask=False, watcher=FileWatcher(args.paths))
