"""One connection of the fetcher, made to an address vetted beforehand (plain Python, no Dagster).

The address a host name resolves to is checked by :mod:`pipelines.lib.fetch_rules`; the connection
is then made to that very address, never to the name, so a name that answers differently the
second time it is asked (DNS rebinding) cannot lead the fetcher to another machine. The request
still names its host: the ``Host`` header, and for https the server name (SNI) and the name the
certificate is checked against.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlparse

import certifi
import requests
import urllib3
from urllib3.connection import HTTPConnection

DEFAULT_PORTS = {"http": 80, "https": 443}
# the same certificate authorities as requests uses, whatever the machine's own store holds
TLS = ssl.create_default_context(cafile=certifi.where())


@dataclass(frozen=True)
class Target:
    """Where a request goes: its scheme, host name, port, Host header and path with query."""

    scheme: str
    hostname: str
    port: int
    host_header: str
    path: str

    @classmethod
    def of(cls, url: str) -> Target:
        parsed = urlparse(url)
        path = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
        return cls(
            parsed.scheme,
            parsed.hostname or "",
            parsed.port or DEFAULT_PORTS[parsed.scheme],
            parsed.netloc.rsplit("@", 1)[-1],  # user and password are never sent as a host
            path,
        )


def open_socket(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection to ``address`` itself, an IP address: no name is resolved here."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except OSError:
        sock.close()
        raise
    return sock


def connect(target: Target, addresses: list[str], timeout: float) -> socket.socket:
    """A connection to the first of the vetted ``addresses`` that answers (a host may have an
    IPv6 and an IPv4 address, and one of them may not be reachable from here)."""
    error: OSError = OSError(f"no address for {target.hostname}")
    for address in addresses:
        try:
            return open_socket(address, target.port, timeout)
        except OSError as exc:
            error = exc
    raise error


def start_tls(sock: socket.socket, target: Target) -> ssl.SSLSocket:
    """TLS on a connected socket, for the host by name. The handshake is left to
    :func:`handshake`, so a caller can watch the TLS socket before it begins."""
    return TLS.wrap_socket(sock, server_hostname=target.hostname, do_handshake_on_connect=False)


def handshake(sock: socket.socket) -> None:
    if isinstance(sock, ssl.SSLSocket):
        sock.do_handshake()


def send_request(
    sock: socket.socket, target: Target, headers: dict, timeout: float
) -> urllib3.HTTPResponse:
    """A GET sent on a connected socket; the response with its headers read, its body not yet."""
    connection = HTTPConnection(target.hostname, target.port, timeout=timeout)
    connection.sock = sock  # the connection made above: urllib3 resolves nothing itself
    connection.request(
        "GET",
        target.path,
        headers={"Host": target.host_header, "Connection": "close", **headers},
        preload_content=False,
    )
    return connection.getresponse()


def as_request_error(exc: Exception) -> requests.RequestException:
    """A failure of the connection as the fetcher reports and retries it: a timeout, or another
    connection error."""
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, (TimeoutError, urllib3.exceptions.TimeoutError)):
        return requests.Timeout(message)
    return requests.ConnectionError(message)


TRANSPORT_ERRORS = (OSError, http.client.HTTPException, urllib3.exceptions.HTTPError)
