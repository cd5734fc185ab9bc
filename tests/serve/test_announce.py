"""What `quiz serve` tells the teacher about who can reach it, for every spelling of an address.

Nothing is served here: the server's `serve` and the check that the port is free are replaced, so
no test listens beyond loopback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main

DATA = Path(__file__).parent.parent / "data"
WARNING = "quiz: warning: serving to the whole network"


def announced(
    host: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    served: list[object] = []
    monkeypatch.setattr("quiz.serve.QuizServer.serve", lambda self: served.append(self))
    monkeypatch.setattr("quiz.cli.serve.check_can_listen", lambda host, port: None)
    assert main(["serve", str(DATA), "--host", host, "--port", "8123"]) == 0
    assert len(served) == 1
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("host", ["0", "::0", "0.0.0.0", "::", "", "0:0::0", "192.0.2.7"])
def test_every_address_that_is_not_loopback_is_announced_as_public(
    host: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    said = announced(host, capsys, monkeypatch)
    assert WARNING in said
    assert "on this computer" not in said


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8123"),
        ("127.1", "http://127.1:8123"),
        ("localhost", "http://localhost:8123"),
        ("::1", "http://[::1]:8123"),
    ],
)
def test_loopback_is_this_computer_only(
    host: str, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    said = announced(host, capsys, monkeypatch)
    assert WARNING not in said
    assert f"Open {url} in a browser on this computer." in said
