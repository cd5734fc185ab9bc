"""End to end in a real browser: Debian's Chromium, driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.serve.conftest import Served, screen_text

CHROMIUM = os.environ.get("QUIZ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: install Debian's 'chromium' (.ci/run does)",
        allow_module_level=True,
    )


class Student:
    """One browser tab playing the served game, reading what the server sends it."""

    def __init__(self, browser: object, url: str) -> None:
        self.page = browser.new_context(viewport={"width": 1100, "height": 700}).new_page()  # type: ignore[attr-defined]
        self.packets: list[bytes] = []
        self.page.on("websocket", self._watch)
        self.page.goto(url)

    def _watch(self, websocket: object) -> None:
        websocket.on(
            "framereceived",
            lambda payload: self.packets.append(  # type: ignore[attr-defined]
                payload if isinstance(payload, bytes) else payload.encode()
            ),
        )

    def wait_for(self, *words: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = screen_text(self.packets)
            found = next((word for word in words if word in text), None)
            if found:
                return found
            self.page.wait_for_timeout(100)
        raise AssertionError(
            f"never saw {words!r}; the screen had: {screen_text(self.packets)[-600:]!r}"
        )

    def type(self, text: str) -> None:
        self.page.locator(".textual-terminal").first.click()
        self.page.wait_for_function(  # the terminal takes the keys (a busy machine may be slow)
            "document.activeElement?.classList.contains('xterm-helper-textarea')"
        )
        self.page.wait_for_timeout(300)  # as a person would, after clicking into the game
        self.page.keyboard.type(text, delay=30)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def play_first_question(self, name: str) -> str:
        self.wait_for("Your name")
        self.type(name)
        self.press("Enter")
        self.wait_for("Question 1 of 2")
        self.packets.clear()
        self.type("1")
        self.press("Enter")
        return self.wait_for("Right!", "Wrong.")


@pytest.fixture
def browser() -> object:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def test_a_student_plays_in_the_browser(serve: Callable[..., Served], browser: object) -> None:
    served = serve("--count", "2")
    student = Student(browser, served.url)
    verdict = student.play_first_question("Ann")
    assert verdict in ("Right!", "Wrong.")
    student.wait_for("Your answer")
    assert served.query(
        "SELECT p.name, COUNT(a.id) FROM players p JOIN games g ON g.player_id = p.id"
        " JOIN answers a ON a.game_id = g.id GROUP BY p.name"
    ) == [("Ann", 1)]


def test_two_browsers_at_once_are_two_games(serve: Callable[..., Served], browser: object) -> None:
    served = serve("--count", "2")
    ann, bo = Student(browser, served.url), Student(browser, served.url)
    ann.wait_for("Your name")
    bo.wait_for("Your name")
    ann.play_first_question("Ann")
    bo.play_first_question("Bo")
    games = served.query(
        "SELECT p.name, g.asked FROM games g JOIN players p ON p.id = g.player_id ORDER BY p.name"
    )
    assert games == [("Ann", 1), ("Bo", 1)]


def test_a_full_class_gets_a_clear_page(serve: Callable[..., Served], browser: object) -> None:
    served = serve("--count", "2", "--max-games", "1")
    first = Student(browser, served.url)
    first.wait_for("Your name")
    late = browser.new_page()  # type: ignore[attr-defined]
    response = late.goto(served.url)
    assert response.status == 503
    assert "The class is full" in late.content()


ANOTHER_SITE = """<!DOCTYPE html><title>waiting</title><script>
const game = new WebSocket("{url}/ws?width=80&height=24");
game.onopen = () => {{ document.title = "a game started"; }};
game.onclose = () => {{ if (document.title === "waiting") document.title = "refused"; }};
</script>"""


@contextmanager
def another_site(page: str) -> Iterator[str]:
    """A web server on another port of this computer, serving `page`: its address.

    A page on another computer of the school network would do the same; one on the internet is
    also stopped by Chromium's own local-network checks, which other browsers do not make.
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_on_another_site_cannot_start_a_game(
    serve: Callable[..., Served], browser: object
) -> None:
    served = serve("--count", "2")
    page = browser.new_page()  # type: ignore[attr-defined]
    with another_site(ANOTHER_SITE.format(url=served.url.replace("http", "ws"))) as site:
        page.goto(site)
        page.wait_for_function("document.title !== 'waiting'", timeout=60_000)
    assert page.title() == "refused"
    assert served.games() == []
    assert served.query("SELECT COUNT(*) FROM games") == [(0,)]


def test_a_game_that_stops_says_so_and_a_new_one_starts(
    serve: Callable[..., Served], browser: object
) -> None:
    served = serve("--count", "2", "--max-games", "1")
    student = Student(browser, served.url)
    student.wait_for("Your name")
    (game,) = served.games()
    os.kill(game, signal.SIGKILL)
    message = student.page.get_by_role("alert")
    message.get_by_text("This game stopped").wait_for(timeout=60_000)
    assert "Reload the page to start a new one" in message.inner_text()
    student.packets.clear()
    message.get_by_role("button", name="Start a new game").click()
    student.wait_for("Your name")  # its place was free: a new game, not "the class is full"
    assert served.games() != [game]
