"""The report served on a loopback port (``make report``): a plain static file server."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 — the base class's name
        pass  # one line per request would bury the address printed at the start


def server(site: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server of the folder ``site`` on ``host:port`` (port 0: one the system picks)."""
    handler = functools.partial(_Handler, directory=str(site))
    return http.server.ThreadingHTTPServer((host, port), handler)
