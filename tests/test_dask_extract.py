"""``fupin extract --dask local:2`` writes the same facts and officials as one process.

The articles go through Parquet partitions to a real 2-worker Dask LocalCluster
(worker processes, one thread each); the output must equal the single-process
output line for line, in the same order, on the sample articles (the project's
evaluation sets, and the shared dev set when present) and on the demo corpus (crawled
from the embedded demo site and exported from the store).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_jsonl, run_fupin

from fupin.corpus.export import export
from fupin.demo import run_demo_crawl


@pytest.fixture(scope="module")
def demo_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus as ``fupin extract --in`` articles."""
    home = tmp_path_factory.mktemp("demo-home")
    summary = run_demo_crawl(home, in_process=False)
    assert summary.articles_kept > 0, summary.format()
    out = tmp_path_factory.mktemp("demo-export")
    counts = export(home, out, fmt="jsonl", tables=["articles"])
    assert counts["articles"] == summary.articles_kept
    return out / "articles.jsonl"


def extract_both_ways(articles: Path, out: Path) -> tuple[dict[str, list], dict[str, list]]:
    """(single-process output, Dask output): facts and officials as parsed JSON lines."""
    results = []
    for name, extra in (("single", []), ("dask", ["--dask", "local:2"])):
        facts, officials = out / f"{name}.facts.jsonl", out / f"{name}.officials.jsonl"
        proc = run_fupin(
            "extract", "--in", str(articles), "--out", str(facts), "--officials", str(officials), *extra
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        results.append({"facts": read_jsonl(facts), "officials": read_jsonl(officials)})
    return results[0], results[1]


@pytest.fixture(scope="module")
def both_ways(
    sample_articles: Path, demo_articles: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, list], dict[str, list], set[str], Path]:
    """One run each way over the sample articles and the demo corpus together (a cluster start is costly)."""
    out = tmp_path_factory.mktemp("dask")
    articles = out / "articles.jsonl"
    samples = sample_articles.read_text(encoding="utf-8")
    articles.write_text(samples + demo_articles.read_text(encoding="utf-8"), encoding="utf-8")
    sample_ids = {a["id"] for a in read_jsonl(sample_articles)}
    single, dask = extract_both_ways(articles, out)
    return single, dask, sample_ids, articles


def _part(records: list[dict], ids: set[str], inside: bool) -> list[dict]:
    return [r for r in records if (r["article_id"] in ids) == inside]


@pytest.mark.parametrize("corpus", ["samples", "demo"])
def test_dask_gives_the_same_facts_and_officials(corpus: str, both_ways: tuple) -> None:
    single, dask, sample_ids, _ = both_ways
    inside = corpus == "samples"
    facts = _part(single["facts"], sample_ids, inside)
    assert facts, f"the {corpus} corpus must give facts, or the comparison proves nothing"
    assert _part(dask["facts"], sample_ids, inside) == facts
    assert _part(dask["officials"], sample_ids, inside) == _part(single["officials"], sample_ids, inside)


def test_two_worker_processes_give_the_same_facts_in_the_same_order(both_ways: tuple, tmp_path: Path) -> None:
    """``--workers 2`` streams articles to a process pool in bounded batches; nothing may move."""
    single, _, _, articles = both_ways
    facts, officials = tmp_path / "facts.jsonl", tmp_path / "officials.jsonl"
    proc = run_fupin(
        "extract", "--in", str(articles), "--out", str(facts), "--officials", str(officials), "--workers", "2"
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert read_jsonl(facts) == single["facts"]
    assert read_jsonl(officials) == single["officials"]


def test_dask_rejects_a_bad_cluster_spec(sample_articles: Path, tmp_path: Path) -> None:
    proc = run_fupin(
        "extract", "--in", str(sample_articles), "--out", str(tmp_path / "f.jsonl"), "--dask", "nowhere"
    )
    assert proc.returncode == 2
    assert "local:N or tcp://HOST:PORT" in proc.stderr


def test_a_partition_shipped_as_bytes_gives_what_its_file_gives(
    sample_articles: Path, tmp_path: Path
) -> None:
    """Remote clusters (tcp://) get the partition's bytes instead of a path on this machine."""
    from fupin.extract.distributed import extract_partition, write_partitions

    [part] = write_partitions(read_jsonl(sample_articles), tmp_path / "parts", rows_per_partition=1000)
    from_file = extract_partition(str(part), officials=True, name=part.name)
    assert from_file["facts"]
    assert extract_partition(part.read_bytes(), officials=True, name=part.name) == from_file
