"""What a device may send, checked before the game sees it."""

from __future__ import annotations

import json

import pytest

from quiz.live.protocol import (
    MAX_FIELD,
    MAX_FRAME,
    Answer,
    Join,
    Ping,
    ProtocolError,
    read_client_message,
)


def frame(**fields: object) -> str:
    return json.dumps(fields)


def test_the_three_messages() -> None:
    assert read_client_message(
        frame(type="join", protocol=1, code="1", name="Ann", token=None)
    ) == Join("1", "Ann", None)
    assert read_client_message(frame(type="join", protocol=1, code="1", name="A", token="t")) == (
        Join("1", "A", "t")
    )
    assert read_client_message(frame(type="answer", number=2, response=[0, 1])) == Answer(2, [0, 1])
    assert read_client_message(frame(type="ping")) == Ping()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("x" * (MAX_FRAME + 1), "too_big"),
        ("{", "bad_message"),
        ("[]", "bad_message"),
        ("3", "bad_message"),
        ("[" * 5000 + "]" * 5000, "too_big"),
        (frame(type="start"), "bad_message"),
        (frame(type="join", protocol=2, code="1", name="A"), "version"),
        (frame(type="join", protocol=1, code=1, name="A"), "bad_message"),
        (frame(type="join", protocol=1, code="1", name="A" * (MAX_FIELD + 1)), "bad_message"),
        (frame(type="join", protocol=1, code="1", name="A", token=5), "bad_message"),
        (frame(type="answer", number="1", response=0), "bad_message"),
        (frame(type="answer", number=True, response=0), "bad_message"),
    ],
)
def test_refused(text: str, code: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        read_client_message(text)
    assert refused.value.code == code and str(refused.value)


def test_deep_nesting_within_the_size_is_refused_not_a_crash() -> None:
    text = "[" * 2000 + "]" * 2000
    assert len(text) <= MAX_FRAME
    with pytest.raises(ProtocolError):
        read_client_message(text)
