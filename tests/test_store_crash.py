"""A run killed with SIGKILL in the middle leaves the store as of its last commit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fupin.corpus.store import Store

CHILD = textwrap.dedent(
    """
    import sys, time
    from fupin.corpus.store import Store

    def article(n):
        return {"canonical_url": f"http://site/{n}", "source": "site", "text": f"article {n} " * 20,
                "content_hash": f"h{n}", "simhash": n * 0x9E3779B97F4A7C15 % (1 << 64)}

    store = Store.open(sys.argv[1])
    with store.run("crawl") as log:
        with store.transaction():          # batch 1: committed
            for n in range(50):
                store.add_article(article(n))
        first = store.articles_to_extract("v1")[0]["id"]
        store.add_facts(first, [], "v1")   # committed extraction state
        print("committed", flush=True)
        with store.transaction():          # batch 2: killed before its commit
            for n in range(50, 100):
                store.add_article(article(n))
            store.add_facts(first, [], "v2")
            print("in batch 2", flush=True)
            time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_run_keeps_last_commit(tmp_path: Path):
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "committed", child.stderr.read()
        assert child.stdout.readline().strip() == "in batch 2", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with Store.open(tmp_path) as store:
        assert store.count("articles") == 50
        assert store.known_urls() == {f"http://site/{n}" for n in range(50)}
        assert len(store.articles_to_extract("v1")) == 49
        assert len(store.articles_to_extract("v2")) == 50
        runs = store.runs()
        assert [(r["kind"], r["status"]) for r in runs] == [("crawl", "interrupted")]
        # the store keeps working after the crash: resuming stores the rest once
        with store.transaction():
            results = [
                store.add_article({"canonical_url": f"http://site/{n}", "text": f"article {n} " * 20,
                                   "content_hash": f"h{n}"})
                for n in range(100)
            ]  # fmt: skip
        assert sum(new for _, new in results) == 50
        assert store.count("articles") == 100
