"""What every quiz web server refuses: the rules, in one place, for any server to apply.

A classroom server runs on a school network where students will try things, and it is reached
from browsers that also visit other sites. Each rule here is a plain function or a small class over
plain values (header text, numbers, host names), with no web framework and no Textual, so the
classroom server (`quiz.serve`) and any other server (the live class game) share the same rules:

- **Origin**: a browser says which page opened a websocket (`Origin`). Only a page this server
  served may start a game; a page on any other site (or any other port of this computer, or a
  name that merely resolves here, as DNS rebinding does) is refused. A connection without
  `Origin` comes from a program, not a web page (every browser sends it on a websocket), and is
  allowed: a program could send any `Origin` it likes, so refusing it would protect no one.
- **Terminal size**: the browser says how big its terminal is; a game drawn for 20000×20000 cells
  takes gigabytes. Sizes are clamped to `MAX_WIDTH`×`MAX_HEIGHT` (and at least
  `MIN_WIDTH`×`MIN_HEIGHT`); a size that is not a number is refused.
- **Message size**: a websocket message larger than `MAX_MESSAGE_BYTES` closes that connection.
- **Public host**: serving on any address that is not loopback (`0`, `::0`, `0.0.0.0`, a network
  address, a name that resolves to one) is serving to the whole network, and is said so.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_WIDTH = 300
MAX_HEIGHT = 100
"""The largest terminal a browser may ask for: a projected 4K screen at a small font, and more."""
MIN_WIDTH = 10
MIN_HEIGHT = 5
"""The smallest: below this nothing can be drawn, and Textual need not be asked to try."""
MAX_MESSAGE_BYTES = 64 * 1024
"""The largest websocket message a browser may send: a typed or pasted answer fits many times."""

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
LOOPBACK_NAMES = ("localhost",)
"""Names that browsers resolve to this computer themselves (RFC 6761: also `*.localhost`)."""


# --- terminal size ----------------------------------------------------------------------------


def whole_number(value: object) -> int | None:
    """`value` as an int if it is one (or its decimal digits, as in a query string), else None.

    Booleans, fractions and anything else a browser could send are not sizes; nor are digit
    strings long enough to make `int()` work hard.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        digits = text.removeprefix("-")
        if 0 < len(digits) <= 9 and digits.isascii() and digits.isdigit():
            return int(text)
    return None


def clamp_terminal_size(width: object, height: object) -> tuple[int, int] | None:
    """The terminal size to give a game, within the limits; None if either is not a number."""
    columns, rows = whole_number(width), whole_number(height)
    if columns is None or rows is None:
        return None
    return (min(max(columns, MIN_WIDTH), MAX_WIDTH), min(max(rows, MIN_HEIGHT), MAX_HEIGHT))


# --- addresses ------------------------------------------------------------------------------


def ip_address(text: str) -> IPAddress | None:
    """The address `text` spells in a URL or on a command line (`[::1]` too), or None.

    An IPv4 address written in IPv6 (`::ffff:127.0.0.1`) is that IPv4 address.
    """
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_loopback_name(name: str) -> bool:
    name = name.lower().rstrip(".")
    return name in LOOPBACK_NAMES or name.endswith(".localhost")


def listening_addresses(host: str) -> list[IPAddress]:
    """The addresses a server told to listen on `host` listens on (as asyncio would bind them).

    `""` is every address; `0`, `127.1` and names are resolved the way the operating system
    resolves them for a server. A host that does not resolve gives no addresses.
    """
    literal = ip_address(host)
    if literal is not None:
        return [literal]
    try:
        found = socket.getaddrinfo(
            host.strip("[]") or None, 0, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (OSError, UnicodeError):
        return []
    addresses = (ip_address(str(entry[4][0]).split("%", 1)[0]) for entry in found)
    return list(dict.fromkeys(address for address in addresses if address is not None))


def is_public_host(host: str) -> bool:
    """Whether serving on `host` serves other computers: every address that is not loopback.

    A host that does not resolve counts as public (the warning is the safe side to err on).
    """
    if is_loopback_name(host):
        return False
    addresses = listening_addresses(host)
    return not addresses or not all(address.is_loopback for address in addresses)


@lru_cache(maxsize=256)
def is_local_address(address: IPAddress) -> bool:
    """Whether `address` belongs to this computer (one of its interfaces, or loopback).

    Asked of the operating system by binding a throwaway UDP socket to it: only an address of
    this computer can be bound, and nothing is sent.
    """
    if address.is_multicast or address.is_unspecified:
        return False
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
    except OSError:
        return False
    return True


def network_address() -> IPAddress | None:
    """This computer's address on its network (the one its default route leaves from), or None.

    Found by pointing a UDP socket at a documentation address (TEST-NET-1): the operating system
    picks the route and the source address, and nothing is sent.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            address = ip_address(str(probe.getsockname()[0]))
    except OSError:
        return None
    return None if address is None or address.is_loopback or address.is_unspecified else address


def announced_url(host: str, port: int, public_url: str | None = None) -> str:
    """The address to tell students: the public URL, else this computer's network address when
    serving on every address (`0.0.0.0` is nobody's address; its name for IPv6 alone, as asyncio
    serves `::`), else the host served."""
    if public_url:
        return public_url
    addresses = listening_addresses(host)
    if addresses and all(address.is_unspecified for address in addresses):
        found = network_address() if any(address.version == 4 for address in addresses) else None
        return browser_url(str(found) if found else socket.gethostname(), port)
    return browser_url(host, port)


def url_host(host: str) -> str:
    """`host` as it is written in a URL: an IPv6 address in brackets."""
    address = ip_address(host)
    if address is not None and address.version == 6:
        return f"[{address}]"
    return host


def browser_url(host: str, port: int, scheme: str = "http") -> str:
    """The address a browser opens for a server on `host`:`port` (no port when it is default)."""
    if port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{url_host(host)}"
    return f"{scheme}://{url_host(host)}:{port}"


# --- origin -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """A web origin, normalised: lower-case scheme and host, an explicit port."""

    scheme: str
    host: str
    port: int

    @property
    def address(self) -> IPAddress | None:
        return ip_address(self.host)

    def __str__(self) -> str:
        return browser_url(self.host, self.port, self.scheme)


def parse_origin(text: str) -> Origin | None:
    """The origin a browser sent (`http://host:port`), or a URL's origin; None if it is not one.

    `null` (a sandboxed page, a file), a URL with a user name, an odd scheme or port is not.
    """
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname or parts.username is not None:
        return None
    host = parts.hostname.lower().rstrip(".")
    address = ip_address(host)
    if address is not None:
        host = str(address)
    return Origin(scheme, host, port if port is not None else DEFAULT_PORTS[scheme])


def machine_names() -> set[str]:
    """The names this computer answers to on a school network: its host name, and `.local`."""
    name = socket.gethostname().lower().rstrip(".")
    return {name, f"{name.split('.', 1)[0]}.local"} if name else set()


class OriginGuard:
    """Which pages may open a websocket on a server listening on `host`:`port`.

    Allowed: the `public_url`'s origin (a reverse proxy, a name the school's DNS gives this
    computer), and `http://` pages on the served port whose host is one of the addresses served
    (any address of this computer when serving on all of them), a loopback name (`localhost`)
    when loopback is served, or this computer's own name. Anything else is refused, including a
    name that is not this computer's even when it resolves to it (DNS rebinding).
    """

    def __init__(
        self,
        host: str,
        port: int,
        public_url: str | None = None,
        names: Iterable[str] = (),
    ) -> None:
        self.port = port
        self.addresses = listening_addresses(host)
        self.public = parse_origin(public_url) if public_url else None
        self.names = {name.lower().rstrip(".") for name in names} | machine_names()
        if ip_address(host) is None and host.strip():
            self.names.add(host.lower().rstrip("."))

    def serves(self, address: IPAddress) -> bool:
        """Whether a page at `address` (on the served port) is this server."""
        for served in self.addresses:
            if served == address:
                return True
            if served.is_unspecified and served.version == address.version:
                return is_local_address(address)
        return False

    def serves_loopback(self) -> bool:
        return any(served.is_loopback or served.is_unspecified for served in self.addresses)

    def refusal(self, origin_header: str | None) -> str | None:
        """Why a websocket from a page with this `Origin` is refused; None when it is allowed."""
        if origin_header is None:
            return None  # a program, not a web page: see the module's docstring
        origin = parse_origin(origin_header)
        if origin is None:
            return "its page has no address (Origin: null or malformed)"
        if origin == self.public:
            return None
        if origin.scheme != "http" or origin.port != self.port:
            return "its page is not on this server's address"
        address = origin.address
        if address is not None:
            allowed = self.serves(address)
        elif is_loopback_name(origin.host):
            allowed = self.serves_loopback()
        else:
            allowed = origin.host in self.names
        return None if allowed else "its page is not on this server's address"
