"""Students in real browsers (Debian's Chromium through Playwright, as tests/serve does): a
laptop-sized one and a phone-sized one join, answer, see the reveal and the leaderboard; the
host runs headless (LiveHost and LiveGame, no Textual)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz.engine.live import LiveGame, ask_all
from quiz.engine.live_recording import LiveRecorder
from quiz.engine.model import Bank
from quiz.engine.store import Store
from tests.live.conftest import CODE
from tests.live.helpers import HostThread
from tests.serve.test_browser import ARGS, CHROMIUM, playwright_api

expect = playwright_api.expect

PHONE = {"width": 360, "height": 740}
TIMEOUT = 30_000  # ms: the machine is busy
expect.set_options(timeout=TIMEOUT)


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def classroom(demo: Bank, tmp_path: Path) -> Iterator[HostThread]:
    order = ["trade-china-2024", "khorgos", "summit-countries"]
    questions = [next(q for q in demo.questions if q.id == wanted) for wanted in order]

    def make() -> tuple[LiveGame, LiveRecorder]:
        recorder = LiveRecorder.open(tmp_path / "quiz.db")
        game = LiveGame(
            ask_all([(demo, q) for q in questions], seed=5),
            code=CODE,
            seconds=120,
            title="Demo <i>bank</i>",
            observers=[recorder],
        )
        return game, recorder

    host = HostThread(make)
    yield host
    host.stop()


def open_page(browser: Any, url: str, **context: Any) -> Any:
    page = browser.new_context(**context).new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    return page


def join(page: Any, name: str) -> None:
    page.fill("#code", CODE)
    page.fill("#name", name)
    page.click("#join button[type=submit]")
    page.wait_for_selector("#lobby:not([hidden])")


def test_two_browsers_one_a_phone_play_a_live_game(
    browser: Any, classroom: HostThread, tmp_path: Path
) -> None:
    laptop = open_page(browser, classroom.url, viewport={"width": 1100, "height": 700})
    phone = open_page(
        browser,
        classroom.url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    join(laptop, "Ann")
    join(phone, "<b>Bo</b>")
    expect(laptop.locator("#lobby-count")).to_have_text("2 players are in.")
    assert phone.locator("#lobby-name").inner_text() == "<b>Bo</b>"  # as text, never as HTML
    assert phone.locator("#title").inner_text() == "Demo <i>bank</i>"

    classroom.do(lambda host: host.start_game())
    for page in (laptop, phone):
        page.wait_for_selector("#question:not([hidden])")
        assert "trade with Central Asia" in page.locator("#q-prompt").inner_text()
    buttons = phone.locator("#q-choices button")
    assert buttons.count() == 4
    for index in range(4):  # big tap targets, inside a 360 px screen
        box = buttons.nth(index).bounding_box()
        assert box["height"] >= 48 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    labels = [buttons.nth(i).locator(".label").inner_text() for i in range(4)]
    shapes = [buttons.nth(i).locator(".shape").inner_text() for i in range(4)]
    assert len(set(shapes)) == 4  # a shape and a letter, never colour alone
    laptop.locator("#q-choices button").nth(labels.index("$95 billion")).click()
    laptop.wait_for_selector("#locked:not([hidden])")
    buttons.nth(labels.index("$64 billion")).tap()

    for page in (laptop, phone):  # everyone answered: the reveal comes at once
        page.wait_for_selector("#reveal:not([hidden])")
        assert page.locator("#r-answer").inner_text() == "$95 billion"
        assert "approximately $95 billion" in page.locator("#r-passage mark").inner_text()
        assert page.locator("#r-source").inner_text() == (
            "Source: China’s Xi Visits Kazakhstan to Strengthen Ties with Central Asia — France 24"
        )
    expect(laptop.locator("#r-verdict")).to_contain_text("Right")
    expect(phone.locator("#r-verdict")).to_contain_text("Wrong")
    assert "European Union" in phone.locator("#r-feedback").inner_text()
    assert phone.locator("#r-tally li").count() == 4
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    classroom.do(lambda host: host.advance())
    phone.wait_for_selector("#leaderboard:not([hidden])")
    standings = phone.locator("#l-top").inner_text()
    assert "Ann" in standings and "<b>Bo</b>" in standings

    phone.reload()  # a closed tab or a reload: back in the game, same name, same score
    phone.wait_for_selector("#leaderboard:not([hidden])")
    assert "<b>Bo</b>" in phone.locator("#me").inner_text()

    classroom.do(lambda host: host.advance())  # question 2: typed
    phone.wait_for_selector("#q-typed:not([hidden])")
    phone.fill("#q-input", "horgos")
    phone.press("#q-input", "Enter")
    phone.wait_for_selector("#locked:not([hidden])")
    laptop.wait_for_selector("#q-typed:not([hidden])")
    laptop.fill("#q-input", "Almaty")
    laptop.press("#q-input", "Enter")
    phone.wait_for_selector("#reveal:not([hidden])")
    expect(phone.locator("#r-verdict")).to_contain_text("Right")

    classroom.do(lambda host: host.advance())
    classroom.do(lambda host: host.advance())  # question 3: several choices
    laptop.wait_for_selector("#q-submit:not([hidden])")
    multi = laptop.locator("#q-choices button")
    texts = [multi.nth(i).locator(".label").inner_text() for i in range(multi.count())]
    for wanted in ("Kazakhstan", "Kyrgyzstan"):
        multi.nth(texts.index(wanted)).click()
    laptop.click("#q-submit")
    laptop.wait_for_selector("#locked:not([hidden])")
    classroom.do(lambda host: host.close_question())
    expect(laptop.locator("#r-verdict")).to_contain_text("Right")
    classroom.do(lambda host: host.advance())
    for page in (laptop, phone):
        page.wait_for_selector("#end:not([hidden])")
    assert "place 1 of 2" in laptop.locator("#e-you").inner_text()
    expect(phone.locator("#status")).to_have_text("Game over")  # not "Connected"

    classroom.do(lambda host: host.recorder and host.recorder.flush())
    store = Store.open(tmp_path / "quiz.db").store
    answers = store.query(
        "SELECT p.name, COUNT(*) FROM answers a JOIN games g ON g.id = a.game_id"
        " JOIN players p ON p.id = g.player_id GROUP BY p.name ORDER BY p.name"
    )
    store.close()
    assert [tuple(row) for row in answers] == [("<b>Bo</b>", 3), ("Ann", 3)]


def test_a_phone_puts_items_in_order(browser: Any, tmp_path: Path) -> None:
    from quiz.authoring.starter import write_starter
    from quiz.engine.loader import load_bank

    write_starter(tmp_path / "starter.yaml")
    bank = load_bank(tmp_path / "starter.yaml")
    question = next(q for q in bank.questions if q.input == "order")
    classroom = HostThread(
        lambda: (LiveGame(ask_all([(bank, question)], seed=1), code=CODE, seconds=120), None)
    )
    try:
        phone = open_page(browser, classroom.url, viewport=PHONE, is_mobile=True, has_touch=True)
        join(phone, "Ann")
        classroom.do(lambda host: host.start_game())
        phone.wait_for_selector("#question:not([hidden])")
        buttons = phone.locator("#q-choices button")
        shown = [buttons.nth(i).locator(".label").inner_text() for i in range(buttons.count())]
        phone.click("#q-submit")  # not every item placed yet
        expect(phone.locator("#q-error")).to_contain_text("Tap every item")
        for item in question.items:  # type: ignore[union-attr]
            buttons.nth(shown.index(item)).tap()
        first = buttons.nth(shown.index(question.items[0]))  # type: ignore[union-attr]
        assert first.locator(".letter").inner_text() == "1"
        phone.click("#q-submit")
        phone.wait_for_selector("#reveal:not([hidden])")  # the only player: revealed at once
        expect(phone.locator("#r-verdict")).to_contain_text("Right")
        assert phone.locator("#r-answer").inner_text() == question.answer_text()
    finally:
        classroom.stop()


def test_a_phone_matches_pairs(browser: Any, tmp_path: Path) -> None:
    from quiz.authoring.starter import write_starter
    from quiz.engine.loader import load_bank

    write_starter(tmp_path / "starter.yaml")
    bank = load_bank(tmp_path / "starter.yaml")
    question = next(q for q in bank.questions if q.input == "match")
    classroom = HostThread(
        lambda: (LiveGame(ask_all([(bank, question)], seed=1), code=CODE, seconds=120), None)
    )
    try:
        phone = open_page(browser, classroom.url, viewport=PHONE, is_mobile=True, has_touch=True)
        join(phone, "Ann")
        classroom.do(lambda host: host.start_game())
        phone.wait_for_selector("#question:not([hidden])")
        items = phone.locator("#q-items button")
        partners = phone.locator("#q-choices > button")
        shown = [partners.nth(i).locator(".label").inner_text() for i in range(partners.count())]
        assert items.count() == len(question.pairs)  # type: ignore[union-attr]
        phone.click("#q-submit")  # no item has a partner yet
        expect(phone.locator("#q-error")).to_contain_text("Give every item a partner")
        for _item, partner in question.pairs:  # type: ignore[union-attr]
            partners.nth(shown.index(partner)).tap()  # each tap moves on to the next item
        letter = "ABCDEFGHIJ"[shown.index(question.pairs[0][1])]  # type: ignore[union-attr]
        assert items.nth(0).inner_text().endswith(f"→ {letter}")
        phone.click("#q-submit")
        phone.wait_for_selector("#reveal:not([hidden])")  # the only player: revealed at once
        expect(phone.locator("#r-verdict")).to_contain_text("Right")
        assert phone.locator("#r-answer").inner_text() == question.answer_text()
    finally:
        classroom.stop()
