"""Page analysis off the reactor: main text, dates, hashes and the MinHash sketch in worker processes.

Profiling the full crawl (benchmarks/bench_crawl.py --profile) showed the reactor
thread busy with trafilatura, the simhash and the MinHash sketch for about two
thirds of the time it spent on fupin's own work, while Scrapy waited. These are
pure functions of the page, so they run in worker processes
(``FUPIN_EXTRACT_WORKERS``; threads would not help: they hold the GIL) and the
reactor keeps downloading. With 0 workers, or on a one-core machine by default,
the analysis runs inline exactly as before. The result is the same either way:
``analyse`` is the one function both paths call.

The workers are child processes that the reactor itself talks to, over a socket
pair (length-prefixed pickles), not a ``ProcessPoolExecutor``: the
executor moves every page through two helper threads of the crawl process (its
manager thread and its queue feeder), and those threads took the GIL from the
reactor for every page. py-spy of the full crawl showed them active for every page, and
cProfile of the reactor thread 0.9 s of 19.6 s in ``os.write`` waking the manager
thread (the write waits for the GIL). Here a page is one ``transport.write`` and
its answer one ``dataReceived`` in the reactor's own loop; no thread is involved.
A worker that dies fails its pages in progress, and later pages are analysed inline.
"""

from __future__ import annotations

import os
import pickle
import socket
import struct
import subprocess
import sys
from collections import deque
from dataclasses import dataclass
from typing import Any, BinaryIO

from twisted.internet import defer, protocol
from twisted.python.failure import Failure

from fupin.corpus.dedup import fingerprint
from fupin.crawler.article import PageArticle, content_hash, extract_page, fingerprint_text

#: each message: its length in 4 bytes (big-endian), then a pickle
_LENGTH = struct.Struct(">I")
#: seconds a worker may take to finish its last page after the crawl closed its stdin
_EXIT_WAIT = 30.0
#: a page that exercises the whole analysis once in each new worker
_WARM_UP = "<html><body><h1>扶贫车间</h1><p>" + "扶贫车间复工。" * 20 + "</p></body></html>"


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article page's fields and fingerprints, as the spider yields them."""

    page: PageArticle
    content_hash: str
    simhash: int
    signature: bytes  # the MinHash signature (fupin.corpus.dedup.to_blob)
    band_keys: tuple[int, ...]


def analyse(html: str, url: str) -> Analysis | None:
    """Everything the crawler computes from one decoded article page; None when it has no text."""
    page = extract_page(html, url)
    if page is None:
        return None
    found = fingerprint(page.text)
    signature = found.signature.astype("<u8").tobytes()
    core = content_hash(fingerprint_text(page.text, page.title))
    return Analysis(page, core, found.simhash, signature, tuple(found.band_keys))


def default_workers() -> int:
    """One worker beside the reactor where there is a second core, none otherwise."""
    return 1 if (os.cpu_count() or 1) > 1 else 0


class Analyser:
    """Runs ``analyse`` inline or in worker processes, answering with a Deferred either way."""

    def __init__(self, workers: int) -> None:
        self.workers = max(0, workers)
        self._pool: list[_Worker] = []

    def launch(self) -> None:
        """Start the worker processes now, before the reactor runs, so they import and warm up early.

        A worker imports trafilatura, lxml, datasketch and OpenCC (1-2 s of CPU on a busy
        machine); launched when the spider is built, that overlaps Scrapy's own start-up
        instead of the crawl's first seconds. Each is a fresh interpreter running
        ``python -m fupin.crawler.offload`` on one end of a socket pair (no fork of the
        crawl's process, no re-import of its main module as multiprocessing's spawn does);
        ``start`` hands the other end to the reactor once it runs.
        """
        if self.workers == 0 or self._pool:
            return
        self._pool = [_Worker.launch() for _ in range(self.workers)]

    def start(self) -> None:
        """Connect the launched workers to the running reactor (launching them first if needed)."""
        self.launch()
        for worker in self._pool:
            worker.connect()

    def submit(self, html: str, url: str) -> defer.Deferred[Analysis | None]:
        """The analysis of a page: in the least busy live worker, else inline."""
        if self.workers:
            self.start()
        live = [w for w in self._pool if w.alive]
        if not live:
            return defer.maybeDeferred(analyse, html, url)
        return min(live, key=lambda w: len(w.waiting)).send((html, url))

    def close(self) -> defer.Deferred[Any]:
        """Let the workers finish and exit; fires when they have (killed after ``_EXIT_WAIT`` s)."""
        pool, self._pool = self._pool, []
        return defer.DeferredList([worker.stop() for worker in pool])


class _Worker(protocol.Protocol):
    """One analysis process: pages go out on its socket, analyses come back on it, in order."""

    def __init__(
        self, process: subprocess.Popen[bytes] | None = None, end: socket.socket | None = None
    ) -> None:
        self.process = process
        self.waiting: deque[defer.Deferred[Any]] = deque()
        self.alive = True
        self.ended: defer.Deferred[None] = defer.Deferred()
        self._end = end  # our end of the socket pair until the reactor adopts it
        self._buffer = bytearray()

    @classmethod
    def launch(cls) -> _Worker:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "fupin.crawler.offload"]
        process = subprocess.Popen(command, stdin=theirs.fileno(), stdout=theirs.fileno(), close_fds=True)
        theirs.close()
        return cls(process, ours)

    def connect(self) -> None:
        """Hand our end of the socket to the reactor (it duplicates the descriptor; ours is closed)."""
        if self._end is None:
            return
        from twisted.internet import reactor

        factory = protocol.Factory.forProtocol(lambda: self)
        reactor.adoptStreamConnection(self._end.fileno(), socket.AF_UNIX, factory)  # type: ignore[attr-defined]
        self._end.close()
        self._end = None

    def send(self, job: tuple[str, str]) -> defer.Deferred[Any]:
        """Send a page; the Deferred fires with its analysis."""
        assert self.transport is not None
        self.transport.write(_frame(pickle.dumps(job, pickle.HIGHEST_PROTOCOL)))
        return self.expect()

    def expect(self) -> defer.Deferred[Any]:
        """The Deferred of the next answer not yet awaited (answers come in the order pages went out)."""
        answer: defer.Deferred[Any] = defer.Deferred()
        self.waiting.append(answer)
        return answer

    def dataReceived(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self._buffer)
            if len(self._buffer) < _LENGTH.size + size:
                return
            message = bytes(self._buffer[_LENGTH.size : _LENGTH.size + size])
            del self._buffer[: _LENGTH.size + size]
            ok, value = pickle.loads(message)
            answer = self.waiting.popleft()
            answer.callback(value) if ok else answer.errback(Failure(value))

    def stop(self) -> defer.Deferred[None]:
        """Close our sending side (the worker exits when it has answered everything) and wait for its exit."""
        from twisted.internet import reactor

        if self._end is not None:  # never connected: closing our end is the worker's EOF
            self._end.close()
            self._end = None
            self.connectionLost(Failure(RuntimeError("closed before the crawl started")))
        elif self.alive and self.transport is not None:
            self.transport.loseWriteConnection()  # type: ignore[attr-defined]
            kill = reactor.callLater(_EXIT_WAIT, self._kill)  # type: ignore[attr-defined]
            self.ended.addBoth(lambda result: kill.cancel() if kill.active() else None)
        return self.ended

    def _kill(self) -> None:
        if self.alive and self.process is not None:
            self.process.kill()

    def connectionLost(self, reason: Failure = protocol.connectionDone) -> None:
        self.alive = False
        while self.waiting:
            self.waiting.popleft().errback(RuntimeError(f"the page analysis worker ended: {reason.value}"))
        if self.process is not None:
            try:
                self.process.wait(timeout=_EXIT_WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.ended.called:
            self.ended.callback(None)


def _frame(payload: bytes) -> bytes:
    return _LENGTH.pack(len(payload)) + payload


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """A worker's loop: analyse each page read from ``requests`` and write its analysis, until EOF."""
    analyse(_WARM_UP, "http://localhost/warm-up.html")
    while (header := _read_exactly(requests, _LENGTH.size)) is not None:
        message = _read_exactly(requests, _LENGTH.unpack(header)[0])
        if message is None:
            return
        try:
            answer = pickle.dumps((True, analyse(*pickle.loads(message))), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the page's error goes back to the crawl, which logs it and goes on
            answer = _error(exc)
        answers.write(_frame(answer))
        answers.flush()


def _error(exc: Exception) -> bytes:
    try:
        return pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle goes back as its text
        return pickle.dumps((False, RuntimeError(repr(exc))), pickle.HIGHEST_PROTOCOL)


def main() -> None:
    """``python -m fupin.crawler.offload``: a worker on the socket given as stdin and stdout.

    Stray prints of the libraries go to stderr, not into the answers.
    """
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(os.fdopen(0, "rb"), answers)


if __name__ == "__main__":
    # run the module under its package name, so that the analyses pickle as
    # fupin.crawler.offload.Analysis (not __main__.Analysis, which the crawl cannot load)
    from fupin.crawler.offload import main as package_main

    package_main()
