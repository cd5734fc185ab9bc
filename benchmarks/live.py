"""The live class game under a school hall's load: 300 students on loopback WebSockets in one game.

Three kinds of process, so that the host is measured as it runs in class (one process, one
asyncio loop) and the students do not share its loop:

- `python -m benchmarks.live host PORT QUESTIONS` runs a headless `LiveHost` with its store
  recorder and takes the teacher's commands on its standard input. It prints one JSON line per
  question and reveal at the moment the game produces it ("the host shows it"), the event loop's
  lag, and at the end its peak memory and the answers in the store.
- `python -m benchmarks.live class PORT FIRST COUNT` runs COUNT students in one loop (aiohttp
  clients), each answering every question after a short random think, and prints when each
  student received each question and reveal (the monotonic clock, shared by processes).
- `measure_live` (called by `python -m benchmarks`) starts them, paces the game like a teacher
  (Enter on each reveal and leaderboard), and turns the times into rows: the 95th percentile of
  delivery of questions and of reveals, peak memory, every answer stored.

Delivery is timed at the host: from the game producing a question or reveal to the host handing
its frame to each device's socket (on loopback the kernel delivers it at once). What the
simulated students note on arrival is kept too, but only as an upper bound: 150 of them share
one process and one loop, so their own backlog (parsing 150 reveals in turn) counts in it,
which real devices, one student each, do not have.

Every wait is bounded: a process that stops answering fails the run instead of hanging it.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.memory import own_peak_kib

STUDENTS = 300
QUESTIONS = 10
CLASS_PROCESSES = 2
"""Processes the simulated students are split over (each runs one loop)."""
DELIVERY_LIMIT = 0.250
"""Seconds from the host showing a question or reveal to a student receiving it (p95)."""
MEMORY_LIMIT_MIB = 300.0
DEADLINE = 600.0
"""Seconds the whole measurement may take, however busy the machine."""
CODE = "424242"
ROOT = Path(__file__).resolve().parent.parent


def _say(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


async def _host(port: int, questions: int) -> None:
    from quiz.engine.discovery import bundled_folder
    from quiz.engine.games import select
    from quiz.engine.live import LiveGame, ask_all
    from quiz.engine.live_recording import LiveRecorder
    from quiz.engine.live_state import Outbound
    from quiz.engine.loader import load_bank
    from quiz.engine.paths import store_path
    from quiz.live.protocol import encode
    from quiz.live.server import LiveHost

    sent: list[tuple[str, int, float]] = []

    class TimedHost(LiveHost):
        """Notes the moment each question and reveal leaves the game ("the host shows it"), and
        the moment the host hands it to each device's socket (the host's delivery)."""

        timed: dict[str, tuple[str, int]] = {}
        """The frames to time, by their text (one object per broadcast, its hash cached)."""

        def _apply(self, outbound: list[Outbound]) -> None:
            for out in outbound:
                kind = out.message["type"]
                if out.to is None and kind in ("question", "reveal"):
                    _say(shown=kind, number=out.message["number"], at=time.monotonic())
                    self.timed[encode(out.message)] = (kind, out.message["number"])
            super()._apply(outbound)

        async def _write_forever(self, device: Any) -> None:
            send = device.socket.send_str

            async def timed_send(text: str, *args: Any, **options: Any) -> None:
                await send(text, *args, **options)
                what = self.timed.get(text)
                if what is not None:
                    sent.append((*what, time.monotonic()))

            device.socket.send_str = timed_send
            await super()._write_forever(device)

    banks = [load_bank(path) for path in sorted(bundled_folder().glob("*.yaml"))]
    recorder = LiveRecorder.open(store_path())
    game = LiveGame(
        ask_all(select(banks, count=questions, seed=1), seed=1),
        code=CODE,
        seconds=60,
        title="benchmark",
        observers=[recorder],
    )
    host = TimedHost(game, port=port, recorder=recorder)
    await host.start()
    lags: list[float] = []

    async def watch_lag() -> None:  # the loop's responsiveness: what a key press would wait
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.05)
            lags.append(time.monotonic() - before - 0.05)
            if lags[-1] > 0.1 and os.environ.get("QUIZ_LAG_DEBUG"):
                print(
                    f"lag {lags[-1]:.3f} {game.phase} {game.number} {game.connected_count} {game.answered_count}",
                    file=sys.stderr,
                    flush=True,
                )

    watcher = asyncio.create_task(watch_lag())
    _say(ready=True)
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if not line or line == "quit":
            break
        if line == "status":
            _say(phase=game.phase, number=game.number, connected=game.connected_count)
        else:
            getattr(host, line)()
            _say(done=line, phase=game.phase)
    watcher.cancel()
    await host.stop()
    live_game_id = host.game_id
    stored = recorder.writer.submit(
        lambda store: store.query(
            "SELECT COUNT(*) FROM answers a JOIN games g ON g.id = a.game_id"
            " WHERE g.live_game_id = ? AND a.answer != '(no answer)'",
            (live_game_id,),
        )[0][0]
    ).result()
    recorder.close()
    lags.sort()
    _say(
        sent=sent,
        peak_kib=own_peak_kib(),
        stored=stored,
        lag_p99=lags[int(0.99 * (len(lags) - 1))] if lags else 0.0,
        lag_max=lags[-1] if lags else 0.0,
    )


async def _class(port: int, first: int, count: int) -> None:
    import aiohttp

    received: list[tuple[str, int, float]] = []
    url = f"ws://127.0.0.1:{port}/ws"

    async def student(session: aiohttp.ClientSession, number: int) -> None:
        rng = random.Random(number)
        async with session.ws_connect(url, max_msg_size=1 << 20) as socket:
            join = {"type": "join", "protocol": 1, "code": CODE, "name": f"Student {number:03d}"}
            await socket.send_str(json.dumps({**join, "token": None}))
            async for frame in socket:
                at = time.monotonic()
                message = json.loads(frame.data)
                kind = message["type"]
                if kind in ("question", "reveal"):
                    received.append((kind, message["number"], at))
                if kind == "question":
                    await asyncio.sleep(0.5 + rng.random() * 2.5)  # reading, thinking
                    await socket.send_str(
                        json.dumps(
                            {
                                "type": "answer",
                                "number": message["number"],
                                "response": _pick(message, rng),
                            }
                        )
                    )
                elif kind == "end":
                    return

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(student(session, first + n) for n in range(count)))
    _say(received=received)


def _pick(message: dict[str, Any], rng: random.Random) -> object:
    """A response to a `question` message, by its input (docs/protocol.md): right or wrong, but
    always one the host takes, so that every answer counts and is stored."""
    choices = message.get("choices") or []
    if message["input"] == "choice":
        return rng.randrange(len(choices))
    if message["input"] == "multi":
        return [rng.randrange(len(choices))]
    if message["input"] == "order":
        return rng.sample(range(len(choices)), len(choices))
    if message["input"] == "match":
        return [rng.randrange(len(choices)) for _item in message["items"]]
    if message["input"] == "typed":
        return str(rng.randint(1, 100)) if message["kind"] == "number" else "an answer"
    raise ValueError(f"the benchmark cannot answer a question of input {message['input']!r}")


class _Process:
    """A benchmark process whose JSON lines are read with a deadline."""

    def __init__(self, *args: str, home: Path) -> None:
        env = {**os.environ, "QUIZ_HOME": str(home)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.live", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )

    def read(self, deadline: float) -> dict[str, Any]:
        import selectors

        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(max(0.0, deadline - time.monotonic())):
                raise TimeoutError("a benchmark process stopped answering")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("a benchmark process stopped")
        data: dict[str, Any] = json.loads(line)
        return data

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def measure_live(
    home: Path, students: int = STUDENTS, questions: int = QUESTIONS
) -> dict[str, float]:
    """Play one live game with `students` simulated students; the figures, in seconds and MiB,
    and the answers given but missing from the store."""
    port = _free_port()
    deadline = time.monotonic() + DEADLINE
    host = _Process("host", str(port), str(questions), home=home)
    classes: list[_Process] = []
    try:
        assert host.read(deadline).get("ready")
        share = -(-students // CLASS_PROCESSES)
        for first in range(0, students, share):
            classes.append(
                _Process(
                    "class", str(port), str(first), str(min(share, students - first)), home=home
                )
            )
        while True:  # every student in the lobby
            host.send("status")
            if host.read(deadline)["connected"] >= students:
                break
            time.sleep(0.2)
        shown: dict[tuple[str, int], float] = {}

        def command(name: str) -> None:
            host.send(name)
            while "done" not in (line := host.read(deadline)):
                shown[(line["shown"], line["number"])] = line["at"]

        command("start_game")
        for number in range(1, questions + 1):
            while ("reveal", number) not in shown:  # everyone answers: the reveal comes alone
                line = host.read(deadline)
                if "shown" in line:
                    shown[(line["shown"], line["number"])] = line["at"]
            time.sleep(0.5)  # the class looks at the reveal
            command("advance")  # the leaderboard (the end, after the last question)
            if number < questions:
                time.sleep(0.3)
                command("advance")
        received = [entry for process in classes for entry in process.read(deadline)["received"]]
        host.send("quit")
        final = host.read(deadline)
    finally:
        for process in (host, *classes):
            process.stop()
    delays: dict[str, list[float]] = {"question": [], "reveal": []}
    for kind, number, at in final["sent"]:
        delays[kind].append(at - shown[(kind, number)])
    seen: dict[str, list[float]] = {"question": [], "reveal": []}
    for kind, number, at in received:
        seen[kind].append(at - shown[(kind, number)])
    expected = students * questions
    return {
        "question_p95": _percentile(delays["question"], 0.95),
        "reveal_p95": _percentile(delays["reveal"], 0.95),
        "question_received_p95": _percentile(seen["question"], 0.95),
        "reveal_received_p95": _percentile(seen["reveal"], 0.95),
        "delivered": len(received) / (2 * expected),
        "peak_mib": final["peak_kib"] / 1024,
        "missing": expected - final["stored"],
        "lag_p99": final["lag_p99"],
        "lag_max": final["lag_max"],
    }


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("inf")


def main() -> None:
    role, *args = sys.argv[1:]
    if role == "host":
        asyncio.run(_host(int(args[0]), int(args[1])))
    elif role == "class":
        asyncio.run(_class(int(args[0]), int(args[1]), int(args[2])))
    else:
        raise SystemExit(f"unknown role {role}")


if __name__ == "__main__":
    main()
