"""``fupin reconcile`` against the facts' size: 1k, 10k, 100k and 1M facts, and an incremental run.

usage: python benchmarks/bench_reconcile.py [--sizes 1000 10000 100000 1000000] [--repeat 5]
                                            [--repeat-large 1] [--incremental 1000000] [--new 1000]

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

``--incremental N``: a store with N facts reconciled once in full, then ``--new``
facts added by ``add_facts`` (later stories of the same generator: the same
counties and series), and ``fupin reconcile`` (incremental) timed, against a
``--full`` run of the same store for the equivalence figures (decisions that
differ, largest reliability drift).
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable
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


def run_command(*argv: str) -> None:
    subprocess.run([PYTHON, "-m", "fupin", *argv], check=True, cwd=ROOT, stderr=subprocess.DEVNULL)


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
    row = {k: statistics.median(v) for k, v in runs.items()}
    row["ratio"] = row["reconcile"] / row["floor"]
    row["peak_mib"] = peak_child_mib()
    print(
        f"{n:>9,} facts: reconcile {row['reconcile']:8.2f} s  floor json {row['floor']:6.2f} s "
        f"duckdb {row['duckdb']:5.2f} s  ratio {row['ratio']:5.1f}  peak {row['peak_mib']:,.0f} MiB "
        f"({repeat} runs)",
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


def fill_store(home: Path, facts: list[dict[str, Any]]) -> None:
    """A store holding ``facts``, written in bulk (the crawl and extraction that make one are not timed)."""
    import pandas as pd

    from fupin.corpus.schema import FACT_COLUMNS
    from fupin.corpus.store import Store

    rows = [Store._fact_values(f["fact_id"], f, "bench", f["fact_id"]) for f in facts]
    frame = pd.DataFrame(rows, columns=list(FACT_COLUMNS))  # noqa: F841 - read by DuckDB below
    with Store.open(home) as store, store.transaction():
        store.connection.execute(
            f"INSERT INTO facts ({', '.join(map(repr_col, FACT_COLUMNS))}) SELECT * FROM frame"
        )


def repr_col(name: str) -> str:
    return f'"{name}"'


def add_new_facts(home: Path, facts: list[dict[str, Any]]) -> None:
    """The new facts, article by article, as ``fupin extract`` writes them."""
    from fupin.corpus.store import Store

    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        by_article[fact["article_id"]].append(fact)
    with Store.open(home) as store, store.transaction():
        for article, mine in by_article.items():
            store.add_facts(article, mine, "bench")


def stored_records(home: Path) -> dict[str, dict[str, Any]]:
    from fupin.corpus.store import Store

    with Store.open(home, read_only=True) as store:
        return {r["group_id"]: r for r in store.reconciled_records()}


def measure_incremental(n: int, new: int, work: Path) -> dict[str, float]:
    """Seconds of an incremental run after ``new`` facts on an ``n``-fact store, and its drift from --full."""
    from fupin.corpus.reconcile import decision

    generator = Generator(n)
    base = list(generator.facts())
    generator.n += new
    added = list(generator.facts())
    home = work / f"store{n}"
    fill_store(home, base)
    full_first = timed(lambda: run_command("reconcile", "--home", str(home), "--full"))
    add_new_facts(home, added)
    incremental = timed(lambda: run_command("reconcile", "--home", str(home)))
    after_incremental = stored_records(home)
    full = timed(lambda: run_command("reconcile", "--home", str(home), "--full"))
    after_full = stored_records(home)
    differ = sum(decision(after_incremental.get(k, {})) != decision(r) for k, r in after_full.items()) + len(
        set(after_incremental) - set(after_full)
    )
    drift = max(
        (
            abs(v - after_full[k]["source_reliability"].get(s, v))
            for k, r in after_incremental.items()
            if k in after_full
            for s, v in r["source_reliability"].items()
        ),
        default=0.0,
    )
    print(
        f"incremental: {len(added):,} new facts on a {len(base):,}-fact store: {incremental:.2f} s "
        f"(first full run {full_first:.1f} s, full run after {full:.1f} s); decisions differing from the "
        f"full run: {differ}; largest reliability difference shown: {drift:.4f}",
        flush=True,
    )
    return {"incremental": incremental, "full": full, "differ": differ, "drift": drift}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000, 1000000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--repeat-large", type=int, default=1, help="runs for sizes of 500k facts and more")
    parser.add_argument("--incremental", type=int, default=0, metavar="N", help="store size (0: skip)")
    parser.add_argument("--new", type=int, default=1000, help="facts added before the incremental run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-reconcile-") as tmp:
        work = Path(tmp)
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
            measure_incremental(args.incremental, args.new, work)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
