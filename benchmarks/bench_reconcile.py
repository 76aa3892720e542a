"""``fupin reconcile`` against the facts' size: 1k, 10k, 100k and 1M facts, and an incremental run.

usage: python benchmarks/bench_reconcile.py [--sizes 1000 10000 100000 1000000] [--repeat 5]
                                            [--repeat-large 1] [--incremental 1000000] [--new 1000]
                                            [--code DIR]

``--code DIR`` also times the fupin package found in DIR (``git archive REV fupin | tar -x -C DIR``),
alternating with this checkout's runs: the code before a change, measured in the same run
(the peak memory printed is then the larger of the two).

Facts come from benchmarks/reconcile_facts.py (synthetic, per fact.schema.json, with
a real crawl's group sizes: singletons, reprints of 2 to 20, series releases reported
hundreds of times). For each size, in the same run and alternating so that a slow
spell of this shared machine falls on both:

* ``floor``: parsing the file's lines with ``json.loads`` in one process (the least
  any reconciler of JSON lines must do), and DuckDB's ``read_json`` of the same file;
* ``reconcile``: ``fupin reconcile --in FACTS --out RECONCILED`` as a whole process,
  wall time, and its ratio to the floor;
* ``start-up``: the same command on a one-fact file (reported apart).

Each figure is the median of ``--repeat`` runs (``--repeat-large`` for sizes of
500k and more: a 1M run takes minutes). The length exponent is the least-squares
slope of log(time) against log(facts) over all sizes, and between neighbours.

``--incremental N``: a store with N facts reconciled once in full (whole process, timed),
then ``--new`` facts added by ``add_facts`` (later stories of the same generator: the
same counties and series), and ``fupin reconcile`` (incremental) timed on a copy of it,
``--repeat-incremental`` times (median; alternating with ``--code``'s runs), with the
facts each run re-read; then the last run's decisions against a full reconciliation of
the same store (decisions that differ, largest reliability drift). With ``--work DIR``
the stores after their first full run are kept and reused by the same code (a hash of
fupin/corpus): a first full run at 1M takes minutes.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reconcile_facts import Generator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def write_facts(path: Path, facts: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for fact in facts:
            fh.write(json.dumps(fact, ensure_ascii=False) + "\n")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def json_floor(path: Path) -> None:
    """Every line parsed by ``json.loads``: the least a JSON-lines reconciler must do."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)


def duckdb_floor(path: Path) -> None:
    import duckdb

    duckdb.sql(f"SELECT count(*) FROM read_json('{path}', format='newline_delimited')").fetchall()


#: another checkout's package folder to measure beside this one (``--code``: the code before a change)
CODE: dict[str, str] = {}


def run_command(*argv: str, code: str | None = None) -> None:
    """``python -m fupin ARGV`` from this checkout, or from the folder ``code`` (first on the path)."""
    subprocess.run([PYTHON, "-m", "fupin", *argv], check=True, cwd=code or ROOT, stderr=subprocess.DEVNULL)


def peak_child_mib() -> float:
    """The largest resident size of any child so far (sizes run smallest first: the last one's)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure_size(n: int, repeat: int, work: Path) -> dict[str, float]:
    facts_path, out = work / f"facts{n}.jsonl", work / f"reconciled{n}.jsonl"
    write_facts(facts_path, list(Generator(n).facts()))
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        runs["floor"].append(timed(lambda: json_floor(facts_path)))
        runs["duckdb"].append(timed(lambda: duckdb_floor(facts_path)))
        runs["reconcile"].append(
            timed(lambda: run_command("reconcile", "--in", str(facts_path), "--out", str(out)))
        )
        if CODE:
            before = ("reconcile", "--in", str(facts_path), "--out", str(work / f"before{n}.jsonl"))
            runs["before"].append(timed(functools.partial(run_command, *before, code=CODE["path"])))
    row = {k: statistics.median(v) for k, v in runs.items()}
    row["ratio"] = row["reconcile"] / row["floor"]
    row["peak_mib"] = peak_child_mib()
    then = f"  before {row['before']:8.2f} s ({row['before'] / row['reconcile']:.1f}x)" if CODE else ""
    print(
        f"{n:>9,} facts: reconcile {row['reconcile']:8.2f} s  floor json {row['floor']:6.2f} s "
        f"duckdb {row['duckdb']:5.2f} s  ratio {row['ratio']:5.1f}  peak {row['peak_mib']:,.0f} MiB "
        f"({repeat} runs){then}",
        flush=True,
    )
    return row


def startup(work: Path, repeat: int) -> float:
    path = work / "one.jsonl"
    write_facts(path, list(Generator(1).facts())[:1])
    out = str(work / "one.out.jsonl")
    return statistics.median(
        timed(lambda: run_command("reconcile", "--in", str(path), "--out", out)) for _ in range(repeat)
    )


def exponents(sizes: list[int], times: list[float]) -> tuple[float, list[float]]:
    """Least-squares slope of log t over log n, and the slope between neighbouring sizes."""
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    pairs = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(len(xs) - 1)]
    return slope, pairs


# -- incremental ---------------------------------------------------------------------------------------


def fill_store(home: Path, facts: Iterable[dict[str, Any]], batch: int = 100_000) -> None:
    """A store holding ``facts``, written in bulk batches (the crawl and extraction that make one are
    not timed)."""
    import pandas as pd

    from fupin.corpus.store import FACT_COLUMNS, Store, repr_col

    names = ", ".join(map(repr_col, FACT_COLUMNS))
    with Store.open(home) as store:
        stream = iter(facts)
        while chunk := list(itertools.islice(stream, batch)):
            rows = [Store._fact_values(f["fact_id"], f, "bench", f["fact_id"]) for f in chunk]
            frame = pd.DataFrame(rows, columns=list(FACT_COLUMNS))  # noqa: F841 - read by DuckDB below
            store.connection.execute(f"INSERT INTO facts ({names}) SELECT * FROM frame")


def add_new_facts(home: Path, facts: list[dict[str, Any]]) -> None:
    """The new facts, article by article, as ``fupin extract`` writes them."""
    from fupin.corpus.store import Store

    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        by_article[fact["article_id"]].append(fact)
    with Store.open(home) as store, store.transaction():
        for article, mine in by_article.items():
            store.add_facts(article, mine, "bench")


def _digest(record: dict[str, Any]) -> bytes:
    from fupin.corpus.reconcile import decision

    return hashlib.sha1(repr(decision(record)).encode()).digest()


def drift_from_full(home: Path) -> tuple[int, float]:
    """Stored decisions that differ from a full reconciliation of the same facts (computed in this
    process, not written), and the largest difference between a reliability shown and the full run's."""
    from fupin.corpus.reconcile import reprint_links, stream_reconciliation
    from fupin.corpus.reconcile_state import stored_facts
    from fupin.corpus.store import Store

    digests: dict[str, bytes] = {}
    shown: dict[str, set[float]] = defaultdict(set)
    with Store.open(home, read_only=True) as store:
        cursor = store.connection.execute("SELECT record FROM reconciled")
        while rows := cursor.fetchmany(20_000):
            for (text,) in rows:
                record = json.loads(text)
                digests[record["group_id"]] = _digest(record)
                for source, value in record["source_reliability"].items():
                    shown[source].add(value)
        stream = stream_reconciliation(
            stored_facts(store), reprints=reprint_links(store), copies=store.duplicate_links()
        )
        full = {r["group_id"]: _digest(r) for r in stream.records}
    differ = sum(digests.get(k) != d for k, d in full.items()) + len(set(digests) - set(full))
    trust = stream.learned.trust
    drift = max(
        (abs(v - round(trust[s], 4)) for s, vs in shown.items() if s in trust for v in vs), default=0.0
    )
    return differ, drift


def code_key(code: str | None) -> str:
    """A hash of the reconciling code of a checkout (this one, or ``--code``): a stored snapshot is
    reused only by the code that made it."""
    root = Path(code or ROOT) / "fupin"
    digest = hashlib.sha1()
    for path in sorted([*root.glob("corpus/*.py"), root / "commands" / "reconcile.py"]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def _copy(src: Path, dst: Path) -> None:
    subprocess.run(["rm", "-rf", str(dst)], check=True)
    subprocess.run(["cp", "-r", str(src), str(dst)], check=True)


def snapshot(n: int, added: list[dict[str, Any]], work: Path, code: str | None) -> tuple[Path, float | None]:
    """A store of ``n`` facts after its first full run (whole process, with the checkout ``code``)
    and the new facts added, kept in ``work`` and reused while that code is unchanged; the seconds
    of the first full run when it was made now (None when reused)."""
    done = work / f"store{n}-{len(added)}-{code_key(code)}"
    if done.exists():
        return done, None
    facts = work / f"store{n}-facts"
    if not facts.exists():
        fill_store(work / "filling", Generator(n).facts())
        (work / "filling").rename(facts)
    _copy(facts, work / "making")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    first = timed(lambda: run_command("reconcile", "--home", str(work / "making"), code=code))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"  (first full run: CPU {after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime:.1f} s)")
    add_new_facts(work / "making", added)
    (work / "making").rename(done)
    return done, first


def incremental_run(store: Path, work: Path, code: str | None) -> tuple[float, float, str]:
    """Seconds of ``fupin reconcile --home`` (incremental) on a copy of ``store``, the load average
    after it, and its summary line (facts re-read, groups changed) with its CPU seconds (user and
    system: the load inflates them less than the wall time)."""
    run = work / "run"
    _copy(store, run)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-m", "fupin", "reconcile", "--home", str(run)],
        check=True, cwd=code or ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    summary = "; ".join(x for x in done.stderr.splitlines() if x.startswith("fupin reconcile:"))
    return seconds, os.getloadavg()[0], f"CPU {cpu:.2f} s; {summary}"


def measure_incremental(n: int, new: int, work: Path, repeat: int) -> dict[str, float]:
    """Seconds of an incremental run after ``new`` facts on an ``n``-fact store (median of ``repeat``
    runs, alternating with ``--code``'s); its drift from a full run.

    The stores after their first full run are kept in ``work`` (``--work``) and reused
    by the same code: a first full run at 1M takes minutes. Each run starts from a copy.
    """
    generator = Generator(n)
    for _ in generator.facts():
        pass
    generator.n += new
    added = list(generator.facts())
    sides = {**({"before": CODE["path"]} if CODE else {}), "after": None}  # this checkout's run last
    stores = {}
    for side, code in sides.items():
        stores[side], first = snapshot(n, added, work, code)
        if first is not None:
            print(f"{side}: first full run, whole process: {first:.1f} s (load average "
                  f"{os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
    runs: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for _ in range(repeat):
        for side, code in sides.items():
            runs[side].append(incremental_run(stores[side], work, code))
            seconds, load, summary = runs[side][-1]
            print(f"  {side}: {seconds:.2f} s (load average {load:.1f}) {summary}", flush=True)
    differ, drift = drift_from_full(work / "run")  # the last run, this checkout's
    row = {side: statistics.median(r[0] for r in rs) for side, rs in runs.items()}
    then = f"; before {row['before']:.2f} s" if CODE else ""
    print(
        f"incremental: {len(added):,} new facts on a {n:,}-fact store: {row['after']:.2f} s, whole "
        f"process, median of {repeat}{then}; decisions differing from a full run: {differ}; "
        f"largest reliability difference shown: {drift:.4f}",
        flush=True,
    )
    return {"incremental": row["after"], "differ": differ, "drift": drift}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000, 1000000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--repeat-large", type=int, default=1, help="runs for sizes of 500k facts and more")
    parser.add_argument("--incremental", type=int, default=0, metavar="N", help="store size (0: skip)")
    parser.add_argument("--new", type=int, default=1000, help="facts added before the incremental run")
    parser.add_argument("--repeat-incremental", type=int, default=3, help="incremental runs (median)")
    parser.add_argument("--code", metavar="DIR", help="also time fupin from DIR (a folder holding fupin/)")
    parser.add_argument(
        "--work", metavar="DIR", help="keep the fact files and stores here (default: a temp dir)"
    )
    args = parser.parse_args(argv)
    if args.code:
        CODE["path"] = str(Path(args.code).resolve())
    with tempfile.TemporaryDirectory(prefix="bench-reconcile-") as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"start-up (one fact, whole process): {startup(work, args.repeat):.2f} s", flush=True)
        sizes = sorted(args.sizes)
        rows = [measure_size(n, args.repeat if n < 500_000 else args.repeat_large, work) for n in sizes]
        if len(sizes) > 1:
            slope, pairs = exponents(sizes, [r["reconcile"] for r in rows])
            steps = ", ".join(
                f"{a:,}->{b:,}: {p:.2f}" for a, b, p in zip(sizes, sizes[1:], pairs, strict=False)
            )
            print(f"length exponent: {slope:.2f} overall ({steps})")
        if args.incremental:
            measure_incremental(args.incremental, args.new, work, args.repeat_incremental)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
