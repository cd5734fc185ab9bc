"""Classroom mode plays the question types answered in parts: `quiz serve` on loopback, a real
browser (Debian's Chromium, by Playwright), a student typing an order and a match."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve.conftest import Served, free_port
from tests.ui.helpers import BANKS

browser_tests = pytest.importorskip("tests.serve.test_browser", reason="no browser to test with")
Student = browser_tests.Student


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`quiz serve` of the order and match test banks, one question of each per game."""
    port = free_port()
    home = tmp_path / "home"
    log_path = tmp_path / "serve.log"
    command = [sys.executable, "-m", "quiz", "serve", str(BANKS), "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--count", "all"],
            env={**os.environ, "QUIZ_HOME": str(home)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Served(f"http://127.0.0.1:{port}", home, process, log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, server.log()
            try:
                urllib.request.urlopen(server.url, timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "quiz serve did not answer within 60 s"
                time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_orders_and_matches_are_played_and_kept_in_the_browser(served: Served) -> None:
    with browser_tests.playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_tests.CHROMIUM, args=browser_tests.ARGS, headless=True
        )
        try:
            student = Student(browser, served.url)
            student.wait_for("Your name")
            # A click on the name field (with two banks, the middle of the page is a setting).
            student.page.locator(".textual-terminal").first.click(position={"x": 300, "y": 116})
            student.page.wait_for_timeout(300)
            student.page.keyboard.type("Ann", delay=30)
            student.press("Enter")
            for _ in range(4):
                kind = student.wait_for("Put them in order", "Press an item's number")
                student.packets.clear()
                # An order is submitted as shown; a match gives every item the partner `a`.
                keys = "" if kind == "Put them in order" else "1a2a3a4a"
                student.page.keyboard.type(keys, delay=30)
                student.press("Enter")
                student.wait_for("Your order", "Your matches", "Right!")
                student.packets.clear()
                student.press("Enter")
        finally:
            browser.close()
    rows = served.query("SELECT answer FROM answers ORDER BY id")
    assert len(rows) == 4
    assert all(" → " in str(answer) for (answer,) in rows)
