"""A small threaded HTTP server on 127.0.0.1 for the demo site and the crawler tests.

Pages are plain data (body, status, headers, delay), so a test can describe a
hostile site (500s, slow answers, redirect loops, huge pages) as easily as the
demo describes a newspaper. Conditional requests are answered as a real server
would: a page with an ETag or Last-Modified gets a 304 when the client already
has it. Every request is logged, so tests can check what a crawl fetched.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    """One response: ``body`` with ``status`` and ``headers``, sent after ``delay`` seconds."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    validators: bool = True  # send ETag / Last-Modified and honour conditional requests

    @classmethod
    def html(cls, text: str, encoding: str = "utf-8", content_type: str | None = None, **kw: Any) -> Page:
        """An HTML page encoded as ``encoding``; ``content_type`` may lie about it on purpose."""
        header = content_type or f"text/html; charset={encoding}"
        return cls(text.encode(encoding), headers={"Content-Type": header}, **kw)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Page:
        return cls(b"", status=status, headers={"Location": location}, validators=False)


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    headers: dict[str, str]
    status: int


Routes = Mapping[str, Page] | Callable[[str], Page | None]

#: Last-Modified of every demo page (a fixed date, so validators are stable across runs).
_LAST_MODIFIED = formatdate(1_590_000_000, usegmt=True)


class SiteServer:
    """Serve ``routes`` (path with query -> Page, or a function of it) on 127.0.0.1."""

    def __init__(self, routes: Routes, port: int = 0) -> None:
        self.routes = routes
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        handler = _make_handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="fupin-site", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SiteServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def page(self, path: str) -> Page | None:
        if callable(self.routes):
            return self.routes(path)
        return self.routes.get(path)

    def paths(self) -> list[str]:
        """Paths requested so far (with query), in order."""
        with self._lock:
            return [r.path for r in self.log]

    def record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.log.append(entry)


def _make_handler(server: SiteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "fupin-demo/1"
        disable_nagle_algorithm = True  # headers and body go in separate writes: no 40 ms delayed-ACK stalls

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            page = server.page(self.path)
            if page is None:
                page = Page(b"<html><body><h1>404 Not Found</h1></body></html>", status=404, validators=False)
            if page.delay:
                time.sleep(page.delay)
            headers = dict(page.headers)
            status, body = page.status, page.body
            if page.validators and status == 200:
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                headers.setdefault("ETag", etag)
                headers.setdefault("Last-Modified", _LAST_MODIFIED)
                if self.headers.get("If-None-Match") == etag or (
                    "If-None-Match" not in self.headers
                    and self.headers.get("If-Modified-Since") == headers["Last-Modified"]
                ):
                    status, body = 304, b""
            server.record(LoggedRequest(self.command, self.path, dict(self.headers.items()), status))
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body and body and status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeouts, size caps): that is what tests check

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr logging
            pass

    return Handler
