"""The raw HTTP responses of kept articles, archived in WARC files.

Each article row points at its record (file relative to the store's home,
byte offset, length), so any article can be re-extracted by a better extractor
without refetching: ``read_response(home, file, offset)`` gives back the status,
headers and body exactly as they were received (after transfer decoding).
Files are gzip-per-record WARC 1.1, rotated at ``max_bytes``; one writer per
crawl process, each with its own file name, so concurrent crawls never share a file.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: Headers that describe the transfer, not the body we keep (Scrapy has already decoded it).
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True, slots=True)
class WarcPointer:
    file: str  # relative to the store's home
    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class WarcArchive:
    """Appends response records to ``<home>/warc/crawl-<time>-<pid>-<n>.warc.gz``."""

    def __init__(self, home: str | Path, max_bytes: int = 1 << 30) -> None:
        self.home = Path(home)
        self.dir = self.home / "warc"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self._stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        self._n = 0
        self._fh = None
        self._name = ""

    def _open(self) -> None:
        self._n += 1
        self._name = f"crawl-{self._stamp}-{os.getpid()}-{self._n:05d}.warc.gz"
        self._fh = open(self.dir / self._name, "ab")  # noqa: SIM115 - kept open across records

    def write_response(
        self, url: str, status: int, headers: list[tuple[str, str]], body: bytes, reason: str = ""
    ) -> WarcPointer:
        """Archive one response and return where it lies; flushed before returning."""
        return self.write_record(response_record(url, status, headers, body, reason))

    def write_record(self, record: bytes) -> WarcPointer:
        """Append a record made by ``response_record`` and return where it lies; flushed before returning."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self.close()
            self._open()
        assert self._fh is not None
        offset = self._fh.tell()
        self._fh.write(record)
        self._fh.flush()
        return WarcPointer(f"warc/{self._name}", offset, len(record))

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def response_record(
    url: str, status: int, headers: list[tuple[str, str]], body: bytes, reason: str = ""
) -> bytes:
    """One response as a gzipped WARC record (a gzip member of its own), ready to append to a file.

    Built apart from the file so that the analysis worker can make it beside the page's
    analysis (fupin.crawler.offload): compressing and digesting the record was 7% of
    the crawl's reactor thread in py-spy of a 2,040-page crawl.
    """
    kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
    kept.append(("Content-Length", str(len(body))))
    http_headers = StatusAndHeaders(f"{status} {reason or 'OK'}", kept, protocol="HTTP/1.1")
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http_headers)
    writer.write_record(record)
    return out.getvalue()


def read_response(home: str | Path, file: str, offset: int) -> ArchivedResponse:
    """The archived response at ``offset`` of ``file`` (relative to ``home``)."""
    with open(Path(home) / file, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        http = record.http_headers
        return ArchivedResponse(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            status=int(http.get_statuscode()),
            headers=list(http.headers),
            body=record.content_stream().read(),
        )
