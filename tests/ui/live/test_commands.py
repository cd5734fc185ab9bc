"""`quiz host` and `quiz join` on the command line: what they build from their options, and
their one-line refusals (status 2 for a usage error, 1 when the command cannot work)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quiz.cli import main
from quiz.ui.live.host import HostApp
from quiz.ui.live.join import JoinApp

DATA = Path(__file__).parent.parent.parent / "data"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The apps the commands would run, kept instead of run (a terminal is pretended)."""
    apps: list[Any] = []
    monkeypatch.setattr("quiz.cli.host.has_terminal", lambda: True)
    monkeypatch.setattr("quiz.cli.join.has_terminal", lambda: True)
    monkeypatch.setattr(HostApp, "run", lambda self: apps.append(self))
    monkeypatch.setattr(JoinApp, "run", lambda self: apps.append(self))
    return apps


def test_host_builds_the_game_asked(capsys: pytest.CaptureFixture[str], built: list[Any]) -> None:
    code, _, err = run(
        capsys, "host", str(DATA), "--count", "3", "--seconds", "15", "--code", "4242"
    )
    assert (code, err) == (0, "")
    (app,) = built
    assert isinstance(app, HostApp)
    game = app.host.game
    assert (game.code, game.total, game.seconds, game.title) == (
        "4242",
        3,
        15.0,
        "Demo bank for the tests",
    )
    assert (app.host.host, app.host.port) == ("127.0.0.1", 8765)
    assert app.notice is None


def test_host_warns_when_serving_to_the_network(
    capsys: pytest.CaptureFixture[str], built: list[Any]
) -> None:
    code, _, err = run(capsys, "host", str(DATA), "--host", "0.0.0.0", "--port", "9999")
    assert code == 0
    assert err.startswith("quiz: warning: serving to the whole network")
    assert built[0].notice.startswith("Serving to the whole network")
    assert len(built[0].host.game.code) == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--code", "12ab"], "quiz: --code: the join code must be 4 to 8 digits"),
        (
            ["--resume", "--count", "5", "x.yaml"],
            "quiz: --resume continues the last game as it was: leave out PATH, --count",
        ),
    ],
)
def test_host_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "host", *args)
    assert (code, err) == (2, message + "\n")


def test_host_seconds_are_checked_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["host", "--seconds", "2"])
    assert raised.value.code == 2
    assert "the countdown must be between 5 and 3600 seconds" in capsys.readouterr().err


def test_host_needs_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "host", str(DATA))
    assert (code, err) == (1, "quiz: the host needs a terminal; run it directly, not piped\n")


def test_nothing_to_resume(capsys: pytest.CaptureFixture[str], built: list[Any]) -> None:
    code, _, err = run(capsys, "host", "--resume")
    assert code == 1
    assert err == "quiz: no live game to resume: every live game kept has finished\n"


def test_host_unknown_bank(capsys: pytest.CaptureFixture[str], built: list[Any]) -> None:
    code, _, err = run(capsys, "host", str(DATA), "--bank", "nothing")
    assert code == 1
    assert "no bank named 'nothing' (found: demo)" in err


def test_join_builds_the_student_app(capsys: pytest.CaptureFixture[str], built: list[Any]) -> None:
    code, _, _ = run(
        capsys, "join", "http://192.168.1.20:8765", "--code", "123 456", "--name", " Ann "
    )
    assert code == 0
    (app,) = built
    assert isinstance(app, JoinApp)
    assert (app.address, app.code, app.first_name) == ("http://192.168.1.20:8765", "123456", "Ann")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", "--code", "123456"], "quiz: 'nowhere' needs a port"),
        (["h:1", "--code", "12"], "quiz: --code: the join code must be 4 to 8 digits"),
        (["h:1", "--code", "123456", "--name", "x" * 21], "quiz: --name: a name has at most 20"),
    ],
)
def test_join_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "join", *args)
    assert code == 2
    assert err.startswith(message)


def test_join_needs_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "join", "h:1", "--code", "123456")
    assert (code, err) == (1, "quiz: joining needs a terminal; run it directly, not piped\n")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_host_on_this_computer_only_gives_no_warning(
    capsys: pytest.CaptureFixture[str], built: list[Any], host: str
) -> None:
    code, _, err = run(capsys, "host", str(DATA), "--host", host, "--port", "9999")
    assert (code, err) == (0, "")
    assert built[0].notice is None


@pytest.mark.parametrize(
    ("options", "where", "warned"),
    [
        ([], ("0.0.0.0", 8800), True),  # where the game was served: the class reconnects there
        (["--port", "9000"], ("0.0.0.0", 9000), True),
        (["--host", "127.0.0.1"], ("127.0.0.1", 8800), False),
    ],
)
def test_resume_listens_where_the_game_was_served(
    capsys: pytest.CaptureFixture[str],
    built: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    where: tuple[str, int],
    warned: bool,
) -> None:
    from quiz.engine.live import LiveGame, ask_all
    from quiz.engine.loader import load_bank

    bank = load_bank(DATA / "demo.yaml")
    game = LiveGame(ask_all([(bank, bank.questions[0])], seed=1), code="4242")
    game.address = ("0.0.0.0", 8800)

    class Recorder:
        live_game_id = 3

        def close(self) -> None: ...

    monkeypatch.setattr("quiz.engine.live_recording.resume_last", lambda path: (game, Recorder()))
    code, _, err = run(capsys, "host", "--resume", *options)
    assert code == 0
    (app,) = built
    assert (app.host.host, app.host.port) == where
    assert err.startswith("quiz: warning: serving to the whole network") == warned
