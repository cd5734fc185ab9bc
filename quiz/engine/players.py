"""Who plays: a line of names becomes the players of a game, or one sentence says why not.

One rule for every place a game gets its players (the start screen, `quiz play --player`, and
the session itself, for any other caller): names are separated by commas and trimmed; there is
at least one and at most MAX_PLAYERS; and no name is given twice, capitals aside. The store
keeps players by name with capitals ignored, so two players typed `Ann, ann` would be one
player there, their two games merged.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_PLAYERS = 8
"""Hot seat: up to this many players take turns on one keyboard."""


def parse_players(text: str) -> list[str]:
    """Names separated by commas, trimmed, empty ones dropped: one name plays alone, several
    take turns (hot seat)."""
    return [name.strip() for name in text.split(",") if name.strip()]


def player_problem(names: Sequence[str]) -> str | None:
    """Why these names cannot play a game together (a sentence without its final full stop),
    or None when they can."""
    trimmed = [name.strip() for name in names]
    if not any(trimmed):
        return "type a player's name first"
    if len(trimmed) > MAX_PLAYERS:
        return f"at most {MAX_PLAYERS} players take turns"
    seen: dict[str, str] = {}
    for name in trimmed:
        if not name:
            return "a player's name is empty"
        key = name.casefold()
        if key in seen:
            same = f"'{name}'" if seen[key] == name else f"'{seen[key]}' and '{name}'"
            return (
                f"two players are called {same}; give each player a name of their own "
                "(their scores are kept by name, capitals aside)"
            )
        seen[key] = name
    return None
