"""A headless live host in a process of its own, for the test that kills it mid-game:
`python -m tests.live.host_process PORT [--resume]`. It prints `ready` once it listens, then
takes the teacher's commands on its standard input, one per line (`start_game`, `advance`, ...)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_recording import LiveRecorder, resume_last
from quiz.engine.loader import load_bank
from quiz.engine.paths import store_path
from quiz.live.server import LiveHost

DEMO = Path(__file__).parent.parent / "data" / "demo.yaml"
CODE = "123456"


async def main(port: int, resume: bool) -> None:
    if resume:
        found = resume_last(store_path())
        assert found is not None, "nothing to resume"
        game, recorder = found
    else:
        bank = load_bank(DEMO)
        recorder = LiveRecorder.open(store_path())
        game = LiveGame(
            ask_all([(bank, q) for q in bank.questions], seed=4),
            code=CODE,
            seconds=120,
            title="Demo",
            observers=[recorder],
        )
    host = LiveHost(game, port=port, recorder=recorder)
    await host.start()
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            break
        getattr(host, line.strip())()
        print("done", game.phase, game.number, flush=True)
    await host.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), "--resume" in sys.argv))
