"""One measured run, in its own process: `python -m benchmarks.probe WHAT [ARGS]`.

- `hello`: a hello-world Textual app, headless, until its label is on screen.
- `quiz PATH...`: the game as `quiz play --player Bench PATH...` starts it, until question 1
  is on screen (the bundled bank when no path is given).
- `keys-hello N` / `keys-quiz PATH N`: key press timings (see `keypress_*`).

Each prints one JSON line: elapsed seconds since the process started, peak RSS in KiB, and any
timings; the parent takes medians over several runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time

STARTED = time.perf_counter()
PROCESS_START = time.time()


def _report(**figures: object) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_kib": peak, **figures}), flush=True)


def _hello_app():  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Hello, world", id="label")

        def on_key(self, event: object) -> None:
            self.query_one("#label", Label).update(f"Key {time.perf_counter()}")

    return Hello()


async def hello() -> None:
    app = _hello_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _report(ready=time.perf_counter() - STARTED)


def _quiz_app(paths: list[str], count: int | None = 10):  # type: ignore[no-untyped-def]
    from quiz.cli import build_parser, prepare_play

    args = ["play", "--player", "Bench", "--seed", "1", *paths]
    args += ["--count", str(count) if count else "all"]
    app = prepare_play(build_parser().parse_args(args))
    assert not isinstance(app, int), f"the game did not start: {app}"
    return app


async def quiz(paths: list[str]) -> None:
    app = _quiz_app(paths)  # first, as `quiz play` does: Textual loads while banks are checked
    from quiz.ui.screens.game import GameScreen

    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, GameScreen):
            await pilot.pause()
        await pilot.pause()
        _report(ready=time.perf_counter() - STARTED)


async def keys_hello(presses: int) -> None:
    app = _hello_app()
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            timings.append(time.perf_counter() - start)
    _report(key=timings)


async def keys_quiz(path: str, questions: int) -> None:
    """Answer every question of a long game by keys: time answer→feedback and next→question."""
    app = _quiz_app([path], count=questions)
    from quiz.ui.screens.game import GameScreen
    from quiz.ui.widgets.feedback import FeedbackPanel

    answer_times, next_times = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, GameScreen):
            await pilot.pause()
        screen = app.screen
        for _ in range(questions):
            question = screen.session.current.question
            keys = (
                ["1", "enter"]
                if question.kind in ("choice", "truefalse", "multi")
                else ["5", "enter"]
            )
            await pilot.press(*keys[:-1])
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press(keys[-1])
            await pilot.pause()
            assert screen.query_one(FeedbackPanel).display
            answer_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            next_times.append(time.perf_counter() - start)
    _report(answer=answer_times, next=next_times)


def main() -> None:
    what, rest = sys.argv[1], sys.argv[2:]
    if what == "hello":
        asyncio.run(hello())
    elif what == "quiz":
        asyncio.run(quiz(rest))
    elif what == "keys-hello":
        asyncio.run(keys_hello(int(rest[0])))
    elif what == "keys-quiz":
        asyncio.run(keys_quiz(rest[0], int(rest[1])))
    else:
        raise SystemExit(f"unknown probe {what!r}")
    os._exit(0)  # skip interpreter teardown: start-up is what is measured


if __name__ == "__main__":
    main()
