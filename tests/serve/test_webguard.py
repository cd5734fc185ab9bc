"""The web guard's rules, one by one, with no server: what any quiz web server refuses."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from quiz import webguard
from quiz.webguard import OriginGuard, clamp_terminal_size, is_public_host, parse_origin

# --- terminal size ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [
        (80, 24, (80, 24)),
        ("80", "24", (80, 24)),
        (20000, 20000, (webguard.MAX_WIDTH, webguard.MAX_HEIGHT)),
        ("20000", "20000", (webguard.MAX_WIDTH, webguard.MAX_HEIGHT)),
        (0, -7, (webguard.MIN_WIDTH, webguard.MIN_HEIGHT)),
        ("-7", "3", (webguard.MIN_WIDTH, webguard.MIN_HEIGHT)),
        (300, 100, (300, 100)),
        (10**100, 24, (webguard.MAX_WIDTH, 24)),
    ],
)
def test_terminal_sizes_are_clamped(width: object, height: object, size: tuple[int, int]) -> None:
    assert clamp_terminal_size(width, height) == size


@pytest.mark.parametrize(
    "width",
    [None, True, 80.0, float("inf"), "80.5", "eighty", "", "1_000", "٨٠", "9" * 5000, [80], {}],
)
def test_sizes_that_are_not_numbers_are_refused(width: object) -> None:
    assert clamp_terminal_size(width, 24) is None
    assert clamp_terminal_size(80, width) is None


# --- public hosts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["0", "::0", "0.0.0.0", "::", "", "0:0:0:0:0:0:0:0", "192.168.1.23", "10.0.0.1", "fe80::1"],
)
def test_every_address_that_is_not_loopback_is_public(host: str) -> None:
    assert is_public_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1",
        "127.0.0.2",
        "0x7f000001",
        "2130706433",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1",
        "localhost",
        "LOCALHOST",
        "localhost.",
        "game.localhost",
    ],
)
def test_loopback_in_any_spelling_is_this_computer(host: str) -> None:
    assert not is_public_host(host)


def test_a_host_that_does_not_resolve_counts_as_public() -> None:
    assert is_public_host("no-such-host.invalid")


def test_browser_urls_bracket_ipv6_and_drop_default_ports() -> None:
    assert webguard.browser_url("::1", 8000) == "http://[::1]:8000"
    assert webguard.browser_url("127.0.0.1", 80) == "http://127.0.0.1"
    assert webguard.browser_url("quiz.example", 443, "https") == "https://quiz.example"


# --- origins ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("http://127.0.0.1:8000", ("http", "127.0.0.1", 8000)),
        ("HTTP://LocalHost:8000", ("http", "localhost", 8000)),
        ("http://localhost", ("http", "localhost", 80)),
        ("https://quiz.example", ("https", "quiz.example", 443)),
        ("http://[::1]:8000", ("http", "::1", 8000)),
        ("http://[0:0:0:0:0:0:0:1]:8000", ("http", "::1", 8000)),
        ("http://[::ffff:127.0.0.1]:8000", ("http", "127.0.0.1", 8000)),
        ("http://quiz.example.:80", ("http", "quiz.example", 80)),
    ],
)
def test_origins_are_normalised(text: str, origin: tuple[str, str, int]) -> None:
    parsed = parse_origin(text)
    assert parsed is not None
    assert (parsed.scheme, parsed.host, parsed.port) == origin


@pytest.mark.parametrize(
    "text",
    ["null", "", "file://", "ftp://host", "http://", "http://a:b@host", "http://host:99999", "x"],
)
def test_what_is_not_an_origin(text: str) -> None:
    assert parse_origin(text) is None


def test_a_loopback_server_allows_only_its_own_pages() -> None:
    guard = OriginGuard("127.0.0.1", 8000)
    for allowed in (
        None,
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "http://LOCALHOST:8000",
        "http://app.localhost:8000",
    ):
        assert guard.refusal(allowed) is None, allowed
    for refused in (
        "http://evil.example",
        "http://evil.example:8000",
        "http://127.0.0.1:8001",
        "http://127.0.0.1",
        "https://127.0.0.1:8000",
        "http://[::1]:8000",  # not served: another program may listen there
        "http://10.1.2.3:8000",
        "null",
        "garbage",
    ):
        assert guard.refusal(refused) is not None, refused


def test_a_server_on_every_address_allows_this_computers_addresses_only() -> None:
    guard = OriginGuard("0.0.0.0", 8000)
    assert guard.refusal("http://127.0.0.1:8000") is None
    assert guard.refusal("http://localhost:8000") is None
    assert guard.refusal(f"http://{socket.gethostname()}:8000") is None
    assert guard.refusal("http://198.51.100.7:8000") is not None  # TEST-NET-2: not this computer
    assert guard.refusal("http://[::1]:8000") is not None  # 0.0.0.0 is IPv4 only
    assert guard.refusal("http://evil.example:8000") is not None  # DNS rebinding


def test_this_computers_network_address_is_allowed_when_served() -> None:
    found = webguard.network_address()
    if found is None:
        pytest.skip("this computer has no network address besides loopback")
    address = str(found)
    assert OriginGuard("0", 8000).refusal(f"http://{address}:8000") is None
    assert OriginGuard(address, 8000).refusal(f"http://{address}:8000") is None
    assert OriginGuard("127.0.0.1", 8000).refusal(f"http://{address}:8000") is not None


def test_the_public_url_is_allowed_as_given() -> None:
    guard = OriginGuard("127.0.0.1", 8000, public_url="https://Quiz.School.example/class/")
    assert guard.refusal("https://quiz.school.example") is None
    assert guard.refusal("https://quiz.school.example:443") is None
    assert guard.refusal("http://quiz.school.example") is not None
    assert guard.refusal("https://quiz.school.example:8443") is not None
    assert guard.refusal("http://localhost:8000") is None  # the teacher, on this computer


def test_names_given_to_the_guard_are_this_server() -> None:
    guard = OriginGuard("0.0.0.0", 8000, names=["Teacher-PC.school.example"])
    assert guard.refusal("http://teacher-pc.school.example:8000") is None
    assert guard.refusal("http://teacher-pc.school.example:9000") is not None


def test_the_guard_imports_no_web_framework_and_no_textual() -> None:
    code = (
        "import sys, quiz.webguard; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'aiohttp', 'textual_serve', 'rich')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


def test_students_are_told_an_address_they_can_open() -> None:
    assert webguard.announced_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert webguard.announced_url("::1", 8000) == "http://[::1]:8000"
    assert webguard.announced_url("0", 80, "https://quiz.example/") == "https://quiz.example/"
    everywhere = webguard.announced_url("0.0.0.0", 8000)
    assert "0.0.0.0" not in everywhere and everywhere.endswith(":8000")
    found = webguard.network_address()
    assert found is None or str(found) in everywhere
