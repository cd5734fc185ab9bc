"""One measured run, in its own process: `python -m benchmarks.probe WHAT [ARGS]`.

- `hello`: a hello-world Textual app, headless, until its label is on screen.
- `quiz PATH...`: the game as `quiz play --player Bench PATH...` starts it, until question 1
  is on screen (the bundled bank when no path is given).
- `keys-hello N` / `keys-hello-screen N` / `keys-quiz PATH N`: key press timings (see
  `keys_hello`, `keys_quiz`).

Times are taken at the **frame**: the moment the app has rendered the screen update that shows
the result (turned into the bytes a terminal would receive), not when Pilot's idle detection
notices that the app has gone quiet. Pilot waits in steps of 20 ms until a step passes with
almost no CPU use, so its timings come in 20 ms quanta and mostly measure the waiting.

Each prints one JSON line: the wall-clock time (`time.time()`) of the first frame, peak RSS in
KiB, the CPU time used until that frame, and any timings in seconds; the parent takes medians over several runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.memory import own_peak_kib


def _report(**figures: object) -> None:
    peak = own_peak_kib()
    print(json.dumps({"peak_kib": peak, **figures}), flush=True)


class Frames:
    """Watches the frames an app renders, to time when a condition first shows on screen.

    Textual renders the screen in `App._display` (a private method: the one place every frame
    passes through). Headless, it skips writing to the terminal, so the watcher renders each
    update to the escape sequences a terminal would get, as a real run does, and discards them.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self._display = app._display
        app._display = self._show
        self._condition: Callable[[], bool] | None = None
        self._shown = asyncio.Event()
        self.shown_at = 0.0
        self.shown_wall = 0.0
        self.shown_cpu = 0.0
        self.frames = 0

    def _show(self, screen: Any, update: Any) -> None:
        if update is not None and hasattr(update, "render_segments"):
            update.render_segments(self.app.console)
        self._display(screen, update)
        self.frames += 1
        if self._condition is not None and self._condition():
            self.shown_at, self.shown_wall = time.perf_counter(), time.time()
            self.shown_cpu = time.process_time()
            self._condition = None
            self._shown.set()
            if os.environ.get("QUIZ_PROBE_EXIT_AT_FRAME"):  # for instruction counts (valgrind)
                _report(ready=self.shown_wall, cpu=self.shown_cpu)
                os._exit(0)

    def expect(self, condition: Callable[[], bool]) -> None:
        """Time the first frame rendered while `condition()` holds."""
        self._shown.clear()
        self._condition = condition

    async def settled(self, pilot: Any) -> None:
        """Wait until the app has drawn every frame it had pending: none for two frame periods
        (Textual draws at most 60 a second). A shown result can be followed by a frame of its
        own (a scrolling container's second layout pass, say); a player's next key comes long
        after it, and a timed key sent before it would measure it too (at most 2 s)."""
        await pilot.pause()
        for _ in range(60):
            seen = self.frames
            await asyncio.sleep(2 / 60)
            if self.frames == seen:
                return

    async def shown(self) -> float:
        """Wait for the expected frame; its `perf_counter` time."""
        await asyncio.wait_for(self._shown.wait(), timeout=60)
        return self.shown_at


def _send_key(app: Any, key: str) -> None:
    """Send a key to the app the way a terminal's input reaches it (as Pilot does)."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


PAGE_TEXT = (
    "China and the five Central Asian states traded more than ninety billion dollars of goods "
    "last year, and the new railway through Khorgos carries containers west every day."
)


def _page(number: int) -> str:
    """A screenful of wrapped text, different for each key press."""
    all_words = PAGE_TEXT.split()
    words = all_words[number % len(all_words) :] + all_words[: number % len(all_words)]
    return " ".join(words * 12)


def _hello_app(full_screen: bool = False):  # type: ignore[no-untyped-def]
    """The floor: a label that a key press changes, or (`full_screen`) a screenful of text that
    a key press replaces, as much of the screen as an answer changes in the game."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label, Static

    class Hello(App[None]):
        presses = 0

        def compose(self) -> ComposeResult:
            yield Label("Hello, world", id="label")
            if full_screen:
                yield Static(_page(0), id="page")

        def on_key(self, event: object) -> None:
            self.presses += 1
            self.query_one("#label", Label).update(f"Key {self.presses}")
            if full_screen:
                self.query_one("#page", Static).update(_page(self.presses))

    return Hello()


async def hello() -> None:
    app = _hello_app()
    frames = Frames(app)
    frames.expect(lambda: bool(app.screen.query("#label")))
    async with app.run_test(size=(80, 24)) as pilot:
        await frames.shown()
        await pilot.pause()
    _report(ready=frames.shown_wall, cpu=frames.shown_cpu)


def _quiz_app(paths: list[str], count: int | None = 10):  # type: ignore[no-untyped-def]
    from quiz.cli import parse_arguments
    from quiz.cli.play import prepare_play

    if os.environ.get("QUIZ_PROBE_EXIT_AT_FRAME"):  # counting instructions, under valgrind
        import quiz.startup

        # What waits for the first frame starts a tenth of a second after question 1 is
        # mounted; valgrind's clock runs some fifty times slower, so that tenth would pass
        # before the frame and be counted. The count stops at the frame: push it out of reach.
        quiz.startup.AFTER_FIRST_FRAME_SECONDS = 3600.0

    args = ["play", "--player", "Bench", "--seed", "1", *paths]
    args += ["--count", str(count) if count else "all"]
    app = prepare_play(parse_arguments(args))
    assert app is not None, "the game did not start"
    return app


def _asking(app: Any, number: int) -> Callable[[], bool]:
    """True once question `number` is on screen, its answer widget focused (the last step)."""
    from quiz.ui.screens.game import GameScreen
    from quiz.ui.widgets.answer import AnswerInput

    def asking() -> bool:
        screen = app.screen
        return (
            isinstance(screen, GameScreen)
            and screen.session.number == number
            and isinstance(app.focused, AnswerInput)
        )

    return asking


async def quiz(paths: list[str]) -> None:
    from quiz.startup import collector_paused

    with collector_paused():  # as `quiz play` runs its game
        app = _quiz_app(paths)  # first, as `quiz play` does: Textual loads while banks are checked
        frames = Frames(app)
        frames.expect(_asking(app, 1))
        async with app.run_test(size=(80, 24)) as pilot:
            await frames.shown()
            await pilot.pause()
    _report(ready=frames.shown_wall, cpu=frames.shown_cpu)


async def keys_hello(presses: int, full_screen: bool = False) -> None:
    """Key press to the frame showing the label (and page) it changed."""
    app = _hello_app(full_screen)
    frames = Frames(app)
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await frames.settled(pilot)
        for press in range(1, presses + 1):
            frames.expect(lambda n=press: app.presses == n)  # type: ignore[misc]
            start = time.perf_counter()
            _send_key(app, "x")
            timings.append(await frames.shown() - start)
            await frames.settled(pilot)
    _report(key=timings)


def _key_event(app: Any, key: str) -> None:
    """Send a key by name (`space`, `1`, `,`) the way Pilot's `press` builds it, without its
    waits for the process to go idle (a busy machine is never idle)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    char: str | None
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


TIMED = 10
"""Questions timed at each end of a long game: the first and the last ten."""


async def keys_quiz(path: str, questions: int) -> None:
    """Answer every question of a long game by keys: the answer key to the frame showing its
    feedback, and the continue key to the frame showing the next question, timed for the first
    and last `TIMED` questions (each after the app has gone idle); the questions between are
    played as fast as the app takes the keys, each step awaited at its frame."""
    from quiz.startup import collector_paused

    with collector_paused():  # as `quiz play` runs its game (resumed at its first frame)
        await _play_by_keys(questions, _quiz_app([path], count=questions))


async def _play_by_keys(questions: int, app: Any) -> None:
    from quiz.ui.widgets.feedback import FeedbackPanel

    frames = Frames(app)
    answer_times, next_times = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        frames.expect(_asking(app, 1))
        await frames.shown()
        screen = app.screen

        def feedback_shown() -> bool:
            return any(panel.display for panel in screen.query(FeedbackPanel))

        for number in range(1, questions + 1):
            timed = number <= TIMED or number > questions - TIMED
            asked = screen.session.current  # answered with its typed form, which every input takes
            question = asked.question
            typed = question.typed_form(question.right_response(), asked.choices)
            if timed:
                await pilot.press(*typed)
                await frames.settled(pilot)
            else:
                for key in typed:
                    _key_event(app, key)
                    await pilot._wait_for_screen()
            frames.expect(feedback_shown)
            start = time.perf_counter()
            _send_key(app, "enter")
            shown = await frames.shown() - start
            if timed:
                answer_times.append(shown)
                await frames.settled(pilot)
            if number < questions:
                frames.expect(_asking(app, number + 1))
                start = time.perf_counter()
                _send_key(app, "enter")
                shown = await frames.shown() - start
                if timed:
                    next_times.append(shown)
                    await pilot.pause()
    _report(answer=answer_times, next=next_times)


def main() -> None:
    what, rest = sys.argv[1], sys.argv[2:]
    if what == "hello":
        asyncio.run(hello())
    elif what == "quiz":
        asyncio.run(quiz(rest))
    elif what == "keys-hello":
        asyncio.run(keys_hello(int(rest[0])))
    elif what == "keys-hello-screen":
        asyncio.run(keys_hello(int(rest[0]), full_screen=True))
    elif what == "keys-quiz":
        asyncio.run(keys_quiz(rest[0], int(rest[1])))
    else:
        raise SystemExit(f"unknown probe {what!r}")
    os._exit(0)  # skip interpreter teardown: it is not part of any figure


if __name__ == "__main__":
    main()
