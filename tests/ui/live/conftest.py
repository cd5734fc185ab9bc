"""Fixtures of the live apps' tests: a host app on a fake game, a fake clock, fixed names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quiz.ui.live.host import HostApp
from tests.ui.helpers import FakeClock
from tests.ui.live.fakes import FakeGame, FakeHost, demo_asked


class HostBench:
    """A host app on a fake game and clock, and what the test does to them."""

    def __init__(self) -> None:
        self.clock = FakeClock()
        self.game = FakeGame(demo_asked())
        self.host: FakeHost | None = None

        def make_host(on_change: Callable[[], None]) -> FakeHost:
            self.host = FakeHost(self.game, self.clock, on_change)
            return self.host

        self.app = HostApp(make_host, clock=self.clock)

    @property
    def server(self) -> FakeHost:
        assert self.host is not None
        return self.host


@pytest.fixture
def bench() -> HostBench:
    return HostBench()
