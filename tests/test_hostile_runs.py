"""Hostile articles end to end: ``fupin extract --in``, store extraction, ``fupin run``, kill -9.

No article stops a run: a bad line is named (file:line, or article id and URL on the store)
and every good article is still extracted and written; on the store a bad article is
quarantined, not retried by the same extractor version, retried by a new one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import read_jsonl, run_fupin
from hostile_support import EN_SENTENCES, ZH_SENTENCES, good_articles, long_text, misbehaving_worker
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fupin.corpus.extraction import extract_store
from fupin.corpus.store import Store
from fupin.extract import Extractor
from fupin.extract import extractor as extractor_module
from fupin.extract.extractor import text_parts
from fupin.pipeline_run import run_pipeline

#: Over spaCy's limit of 1,000,000 characters per document (it refused the whole article before).
HUGE_EN = long_text(EN_SENTENCES, 1_050_000)


def good(n: int, lang: str = "zh") -> dict[str, Any]:
    sentences = ZH_SENTENCES if lang == "zh" else EN_SENTENCES
    return {
        "id": f"good-{n}",
        "url": f"http://news.example/{lang}/{n}.html",
        "source": "news.example",
        "title": None,
        "published": "2020-06-20",
        "language": lang,
        "text": sentences[n % 4] + sentences[(n + 1) % 4] if lang == "zh" else sentences[n % 4],
    }


def fact_keys(facts: list[dict[str, Any]]) -> list[tuple]:
    """What a fact says and where, comparable between extractor output and the store."""
    return sorted(
        (f["fact_id"], f["metric"], float(f["value"]), f["unit"], f["bound"], f.get("as_of"),
         f["evidence"]["start"], f["evidence"]["end"], f["evidence"].get("field") or "text",
         f["evidence"]["sentence"])
        for f in facts
    )  # fmt: skip


# -- fupin extract --in --------------------------------------------------------------------------


def test_fupin_extract_in_names_each_bad_line_and_writes_every_good_article(tmp_path: Path) -> None:
    huge = {"id": "huge", "published": "2020-06-01", "language": "en", "text": HUGE_EN}
    lines = [
        json.dumps(good(1), ensure_ascii=False),
        json.dumps({**good(2), "id": "b-published", "published": 20200101}, ensure_ascii=False),
        json.dumps({**good(3), "id": "b-title", "title": 5}, ensure_ascii=False),
        json.dumps({**good(4, "en"), "id": "b-url", "url": {}}),
        json.dumps(huge),
        "{not json",
        json.dumps({**good(5, "en"), "id": "b-surrogate", "text": "Gansu \ud800 had 12 workshops."}),
        json.dumps(good(6, "en")),
    ]
    src = tmp_path / "hostile.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    only_good = tmp_path / "good.jsonl"
    only_good.write_text("\n".join(lines[i] for i in (0, 4, 7)) + "\n", encoding="utf-8")
    out, expected = tmp_path / "facts.jsonl", tmp_path / "expected.jsonl"
    proc = run_fupin("extract", "--in", str(src), "--out", str(out), "--officials", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 0, proc.stderr
    reference = run_fupin("extract", "--in", str(only_good), "--out", str(expected))
    assert reference.returncode == 0, reference.stderr
    err = proc.stderr
    assert (
        f"{src}:2: article b-published: 'published' must be a string or null, got the number 20200101" in err
    )
    assert f"{src}:3: article b-title: 'title' must be a string or null, got the number 5" in err
    assert f"{src}:4: article b-url: 'url' must be a string or null, got an empty object {{}}" in err
    assert f"{src}:5: article huge: text has 1,050,000 characters: extracted in 11 parts" in err
    assert f"{src}:6: not JSON" in err
    assert f"{src}:7: article b-surrogate: 'text' holds a lone surrogate" in err
    assert "Traceback" not in err
    assert "3 articles" in err.splitlines()[-1] and "5 bad lines or articles" in err.splitlines()[-1]
    facts = read_jsonl(out)
    assert facts == read_jsonl(expected)
    assert {f["article_id"] for f in facts} == {"good-1", "huge", "good-6"}
    in_huge = [f for f in facts if f["article_id"] == "huge"]
    assert max(f["evidence"]["start"] for f in in_huge) > text_parts(HUGE_EN)[-1][0]  # found in the last part
    for fact in in_huge:
        ev = fact["evidence"]
        assert HUGE_EN[ev["start"] : ev["end"]] in ev["sentence"] and ev["sentence"] in HUGE_EN


# -- the store ------------------------------------------------------------------------------------


def insert_raw(store: Store, article_id: str, url: str, text: str, language: str) -> None:
    """An article written past ``add_article``'s checks (an older fupin, a hand-made store)."""
    store.connection.execute(
        "INSERT INTO articles (article_id, url, canonical_url, text, language, fetched_at) "
        "VALUES (?, ?, ?, ?, ?, now())",
        [article_id, url, url, text, language],
    )


def stored(article: dict[str, Any]) -> dict[str, Any]:
    """An article as the crawler hands it to the store."""
    fields = ("url", "source", "title", "published", "language", "text")
    return {"canonical_url": article["url"], **{k: article[k] for k in fields if article.get(k) is not None}}


def test_a_store_of_schema_4_gains_the_quarantine_and_keeps_its_extraction_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fupin.corpus import schema

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
    monkeypatch.setattr(schema, "CURRENT_VERSION", 4)
    with Store.open(tmp_path) as store:  # today's add_article needs later tables: write as schema 4 did
        done, waiting = "a-done", "a-waiting"
        insert_raw(store, done, good(1)["url"], good(1)["text"], "zh")
        insert_raw(store, waiting, good(2, "en")["url"], good(2, "en")["text"], "en")
        store.connection.execute(  # as fupin of schema 4 marked an extraction
            "INSERT INTO extraction (article_id, extractor_version, extracted_at, n_facts) "
            "VALUES (?, 'v1', now(), 0)",
            [done],
        )
        assert store.schema_version() == 4
    monkeypatch.undo()
    with Store.open(tmp_path) as store:
        assert store.schema_version() == schema.CURRENT_VERSION >= 5
        assert [a["id"] for a in store.articles_to_extract("v1")] == [waiting]
        store.quarantine(waiting, "v1", "article x: boom", "failed")
        assert store.articles_to_extract("v1") == [] and store.count_to_extract("v1") == 0
        assert store.article_ids_to_extract("v2") == [done, waiting]
        assert store.count("quarantine") == 1


@pytest.fixture
def boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process, extracting an article whose URL ends in /boom raises an error of the rules."""
    original = Extractor.extract

    def extract(self: Extractor, article: dict[str, Any]) -> Any:
        if str(article.get("url", "")).endswith("/boom"):
            raise TypeError("'int' object is not subscriptable")
        return original(self, article)

    monkeypatch.setattr(Extractor, "extract", extract)


def test_store_extraction_quarantines_bad_articles_and_a_new_version_retries_them(
    tmp_path: Path, boom: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    goods = [good(1), good(2, "en"), good(3)]
    with Store.open(tmp_path) as store:
        ids = [store.add_article(stored(a))[0] for a in goods]
        insert_raw(
            store, "fr-article", "http://news.example/fr", "截至6月底,甘肃省已建成扶贫车间1982个。", "fr"
        )
        boom_id, _ = store.add_article({"canonical_url": "http://news.example/boom", "text": "甘肃扶贫车间"})
        counts = extract_store(store, timeout=0)
        assert (counts["articles"], counts["quarantined"], counts["in_quarantine"]) == (3, 2, 2)
        lines = counts["problems"]
        assert len(lines) == 2
        assert any(
            line.startswith(
                f"quarantined article {boom_id} (http://news.example/boom): extraction failed: "
                "TypeError: 'int' object is not subscriptable (test_hostile_runs.py:"
            )
            for line in lines
        )
        assert (
            "quarantined article fr-article (http://news.example/fr): 'language' must be one of "
            """'zh', 'en', null, got the string "fr\"""" in lines
        )
        version = counts["extractor"]
        held = {q["article_id"]: q for q in store.quarantined(version)}
        assert {k: (q["kind"], q["url"], q["attempts"]) for k, q in held.items()} == {
            boom_id: ("failed", "http://news.example/boom", 1),
            "fr-article": ("invalid", "http://news.example/fr", 1),
        }
        for article_id, article in zip(ids, goods, strict=True):
            alone = Extractor().extract({**article, "id": article_id})
            assert alone.facts
            assert fact_keys(store.fact_records([article_id])) == fact_keys(alone.facts)
        # the same version does not try them again
        again = extract_store(store, timeout=0)
        assert (again["articles"], again["quarantined"], again["in_quarantine"]) == (0, 0, 2)
        # a new extractor version tries them again: the fixed one leaves the quarantine
        store.connection.execute("UPDATE articles SET language = 'zh' WHERE article_id = 'fr-article'")
        monkeypatch.setattr(extractor_module, "EXTRACTOR_VERSION", "fupin-rules/next")
        bumped = extract_store(store, timeout=0)
        assert (bumped["articles"], bumped["quarantined"], bumped["in_quarantine"]) == (4, 1, 1)
        assert [(q["article_id"], q["attempts"]) for q in store.quarantined()] == [(boom_id, 2)]
        assert store.fact_records(["fr-article"])


@pytest.fixture
def misbehaving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes in which the article at .../hang never ends and the one at .../die kills its own."""
    monkeypatch.setattr(extractor_module, "_worker_main", misbehaving_worker)
    monkeypatch.setattr(extractor_module, "DEFAULT_TIMEOUT", 3.0)


def test_a_run_quarantines_a_runaway_and_a_crashing_article_and_succeeds(
    tmp_path: Path, misbehaving: None
) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.add_article(stored(good(1)))
        hang, _ = store.add_article({"canonical_url": "http://news.example/hang", "text": ZH_SENTENCES[2]})
        store.add_article(stored(good(2, "en")))
        die, _ = store.add_article({"canonical_url": "http://news.example/die", "text": EN_SENTENCES[3]})
        store.add_article(stored(good(3)))
    summary = run_pipeline(home)
    assert summary.status == "ok", summary.errors
    assert (summary.quarantined, summary.in_quarantine) == (2, 2)
    assert sorted(summary.problems) == sorted([
        f"quarantined article {hang} (http://news.example/hang): "
        "extraction took more than 3 s and was stopped",
        f"quarantined article {die} (http://news.example/die): the extraction process died (exit code 9)",
    ])  # fmt: skip
    with Store.open(home) as store:
        assert store.count("extraction") == 3 and store.count("facts") > 0
        assert {q["kind"] for q in store.quarantined()} == {"timeout", "failed"}
        run = [r for r in store.runs() if r["kind"] == "pipeline"][-1]
    assert run["status"] == "ok" and run["counts"]["quarantined"] == 2
    second = run_pipeline(home)
    assert (second.status, second.quarantined, second.in_quarantine, second.new_facts) == ("ok", 0, 2, 0)


#: Publication dates the crawler stores (ISO, or none).
STORE_DATES = st.sampled_from([None, "2020-06-20", "2020-06", "2020", "2020-06-20T08:00:00+08:00"])


@st.composite
def store_articles(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    """("good" | "invalid" | "boom", article) in any order; the bad ones as a store can hold them."""
    kinds = draw(st.lists(st.sampled_from(["good", "good", "invalid", "boom"]), min_size=1, max_size=6))
    out = []
    for n, kind in enumerate(kinds):
        article = {**draw(good_articles(n)), "published": draw(STORE_DATES)}
        if kind == "invalid":
            article["language"] = draw(st.sampled_from(["fr", "ZH", "zh-CN", ""]))
        if kind == "boom":
            article["url"] = f"http://news.example/{n}/boom"
        out.append((kind, article))
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(articles=store_articles())
@example(articles=[  # the same story from three URLs, the last of them one the extractor fails on
    (kind, {"id": f"good-{n}", "url": f"http://news.example/{n}{tail}", "source": None, "title": None,
            "published": None, "language": None, "text": ZH_SENTENCES[0]})
    for n, (kind, tail) in enumerate([("good", ".html"), ("good", ".html"), ("boom", "/boom")])
])  # fmt: skip
def test_every_good_article_is_stored_and_every_bad_one_quarantined(
    tmp_path_factory: pytest.TempPathFactory, boom: None, articles: list[tuple[str, dict[str, Any]]]
) -> None:
    home = tmp_path_factory.mktemp("store")
    with Store.open(home) as store:
        ids, stories = [], []  # stories: (id, kind, article) of what the store kept as a new story
        for n, (kind, article) in enumerate(articles):
            if kind == "invalid":
                ids.append(f"raw-{n}")
                insert_raw(store, ids[-1], article["url"], article["text"], article["language"])
                stories.append((ids[-1], kind, article))
                continue
            article_id, new = store.add_article(stored(article))
            ids.append(article_id)
            if new:
                stories.append((article_id, kind, article))
            else:  # the same text as an earlier story: kept as one of its URLs, not lost
                assert article_id in ids[:-1]
                urls = store.connection.execute(
                    "SELECT url FROM article_urls WHERE article_id = ?", [article_id]).fetchall()  # fmt: skip
                assert (article["url"],) in urls
        counts = extract_store(store, timeout=0)
        held = {q["article_id"]: q["kind"] for q in store.quarantined(counts["extractor"])}
        extracted = {r[0] for r in store.connection.execute("SELECT article_id FROM extraction").fetchall()}
        for article_id, kind, article in stories:
            if kind == "good":
                assert article_id in extracted and article_id not in held
                back = store.articles_for_extraction([article_id])[0]
                assert back["text"] == article["text"]
                alone = Extractor().extract(back)
                assert fact_keys(store.fact_records([article_id])) == fact_keys(alone.facts)
            else:
                assert held[article_id] == ("invalid" if kind == "invalid" else "failed")
                assert article_id not in extracted and not store.fact_records([article_id])
        assert counts["quarantined"] == len(held) == sum(kind != "good" for _, kind, _ in stories)


# -- fupin run: a hostile store, a second run at once, kill -9 -------------------------------------


def hostile_store(home: Path) -> dict[str, str]:
    """A store with good articles, a long one, and one its extractor cannot read; returns their ids."""
    ids = {}
    with Store.open(home) as store:
        for n in range(4):
            ids[f"good-{n}"] = store.add_article(stored(good(n, "zh" if n % 2 else "en")))[0]
        filler = long_text(ZH_SENTENCES[6:], 250_000)  # sentences without statistics
        text = "\n\n".join(filler + "\n\n" + ZH_SENTENCES[n] for n in range(4))  # a million characters
        long = {**good(9), "url": "http://news.example/long.html", "text": text}
        ids["long"] = store.add_article(stored(long))[0]
        insert_raw(store, "fr-article", "http://news.example/fr", "Bonjour: 12 ateliers.", "fr")
        ids["fr"] = "fr-article"
    return ids


def snapshot(home: Path) -> dict[str, list]:
    """Every row extraction, reconciliation and the quarantine wrote (timestamps left out)."""
    queries = {
        "facts": "SELECT * FROM facts ORDER BY fact_id",
        "officials": "SELECT * FROM officials ORDER BY official_id",
        "extraction": "SELECT article_id, extractor_version, n_facts, n_officials FROM extraction ORDER BY 1",
        "quarantine": "SELECT article_id, url, extractor_version, kind, error, attempts "
        "FROM quarantine ORDER BY 1",
        "reconciled": "SELECT group_id, record FROM reconciled ORDER BY group_id",
    }
    with Store.open(home) as store:
        return {name: store.connection.execute(sql).fetchall() for name, sql in queries.items()}


def all_or_none(home: Path) -> None:
    """Each article has all the facts its extraction mark counts, or none at all."""
    with Store.open(home) as store:
        con = store.connection
        marked = dict(con.execute("SELECT article_id, n_facts FROM extraction").fetchall())
        have = dict(con.execute("SELECT article_id, count(*) FROM facts GROUP BY article_id").fetchall())
    assert all(have.get(a, 0) == n for a, n in marked.items())
    assert set(have) <= set(marked)


def kill_during_extraction(home: Path, delay: float, try_a_second_run: bool) -> None:
    """Start ``fupin run``, kill it with SIGKILL ``delay`` seconds into its extract stage."""
    child = subprocess.Popen(
        [sys.executable, "-m", "fupin", "run", "--home", str(home)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert child.stderr is not None
        for line in child.stderr:
            if line.startswith("fupin run: extract facts and officials"):
                break
        else:
            pytest.fail("the run never reached its extract stage")
        if try_a_second_run:
            second = run_fupin("run", "--home", str(home), "--quiet")
            assert second.returncode == 3 and "another fupin run holds" in second.stderr
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        deadline = time.monotonic() + 30  # its worker processes end on their own
        while time.monotonic() < deadline:
            try:
                os.killpg(child.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)
        else:
            pytest.fail("processes of the killed run are still alive")
        assert "Traceback" not in child.stderr.read()
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_fupin_run_survives_hostile_articles_a_second_run_and_kill_9(tmp_path: Path) -> None:
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    ids = hostile_store(reference)
    assert hostile_store(killed) == ids
    env = {**os.environ, "COLUMNS": "200"}
    proc = run_fupin("run", "--home", str(reference), "--quiet", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "quarantined" in proc.stdout and "│ 1 " in proc.stdout.split("quarantined", 1)[1].splitlines()[0]
    assert (
        "quarantined article fr-article (http://news.example/fr): 'language' must be one of "
        """'zh', 'en', null, got the string "fr\"""" in proc.stdout
    )
    expected = snapshot(reference)
    assert len({row[1] for row in expected["facts"]}) == 5  # every good article, the long one too
    all_or_none(reference)

    # runs killed with SIGKILL in their extract stage (as the stage starts, and seconds into
    # it), while a second run is refused
    for delay in (0.0, 3.0):
        kill_during_extraction(killed, delay, try_a_second_run=delay == 0.0)
        all_or_none(killed)
    rerun = run_fupin("run", "--home", str(killed), "--quiet", env=env)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert snapshot(killed) == expected
    with Store.open(killed) as store:  # the refused run left no trace
        assert [r["status"] for r in store.runs() if r["kind"] == "pipeline"] == [
            "interrupted",
            "interrupted",
            "ok",
        ]
    # and a run with nothing new changes nothing
    again = run_fupin("run", "--home", str(reference), "--quiet", env=env)
    assert again.returncode == 0 and snapshot(reference) == expected
