"""Reading what a device sends (docs/protocol.md): one JSON object per text frame, checked field
by field before the game sees it, and writing what the host sends."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from quiz.engine.live_messages import PROTOCOL_VERSION, ErrorCode
from quiz.webguard import MAX_MESSAGE_BYTES

MAX_FRAME = min(4096, MAX_MESSAGE_BYTES)
"""The largest frame a device may send, in bytes: the live protocol's messages are small, so
its bound is tighter than the one every quiz web server keeps (`quiz.webguard`)."""
MAX_FIELD = 200
"""The longest code, name or token a device may send, in characters (the game's own limits on
names are smaller; this one only keeps garbage out)."""


@dataclass(frozen=True)
class Join:
    """`join`: the code, a name and (when rejoining) the token of an earlier `welcome`."""

    code: str
    name: str
    token: str | None


@dataclass(frozen=True)
class Answer:
    """`answer`: a response to question `number`."""

    number: int
    response: object


@dataclass(frozen=True)
class Ping:
    """`ping`: keep the connection alive; the host answers `pong`."""


ClientMessage = Join | Answer | Ping


class ProtocolError(ValueError):
    """A frame that is not a valid message; `code` is the protocol's error code."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code


def read_client_message(text: str) -> ClientMessage:
    """The message in one text frame; raises ProtocolError when it is not a valid one."""
    if len(text) > MAX_FRAME:
        raise ProtocolError("too_big", "That message is too big.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_message", "That message is not JSON.") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_message", "A message is a JSON object with a type.")
    kind = data.get("type")
    if kind == "join":
        if data.get("protocol") != PROTOCOL_VERSION:
            raise ProtocolError(
                "version", f"This game speaks protocol {PROTOCOL_VERSION}: update quiz."
            )
        token = data.get("token")
        return Join(
            _text(data, "code"),
            _text(data, "name"),
            None if token is None else _text(data, "token"),
        )
    if kind == "answer":
        number = data.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            raise ProtocolError("bad_message", "An answer names its question's number.")
        return Answer(number, data.get("response"))
    if kind == "ping":
        return Ping()
    raise ProtocolError("bad_message", "Unknown message type.")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > MAX_FIELD:
        raise ProtocolError("bad_message", f"'{key}' must be a short string.")
    return value


def encode(message: dict[str, Any]) -> str:
    """A message as one text frame."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))
