"""Extraction throughput against the floor: segmentation / tokenisation alone.

usage: python benchmarks/bench_extract.py [--articles 10000] [--repeat 5] [--only PART ...]

Generates ``--articles`` articles per language from the sample articles (the seeds and
pages of the shared dev set, read from ../shared/eval/dev or $FUPIN_SHARED/eval/dev, and
the project's three held-out sets in tests/data: 52 Chinese pages of 430 characters on
average, 29 English articles of 2,900; the held-out sets alone when the shared folder is
absent): the samples in shuffled cycles, every number in them changed, so that no two
texts are alike.
Then it measures, in the same run and on the same texts (parts, in this order):

* ``languages``: fupin extraction (facts and officials) in articles/s and
  characters/s on one core, against ``jieba.lcut`` alone over the Chinese texts and
  spaCy's blank English tokenizer alone over the English texts (the floors), and
  the ratios (targets: zh >= 0.5, en >= 0.25). Pipelines are built and every sample
  extracted once before the clock starts (lazy loads: POS tagger, converters). The
  floor's speed on text it has not seen (``floor_cold``) is printed too: spaCy's
  tokenizer caches every chunk it has tokenised, and this corpus repeats its samples.
* ``workers``: wall time of ``fupin extract --workers 1`` and ``--workers 2`` over the
  mixed corpus, start-up included, and the speed-up (target >= 1.7 on 2 free cores).
* ``memory``: peak RSS (all its processes together, sampled with psutil) of
  ``fupin extract --workers 2`` over N and 10 x N mixed articles of the samples' first
  three lines (target: within 15%: extraction streams).

Each figure is the median of ``--repeat`` runs; the runs of fupin and its floor
alternate, so that a slower spell of a shared machine falls on both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval" / "dev"
#: The dev set's files the figures in docs/scale.md were measured with (pages2 came later).
SHARED_SAMPLES = [SHARED_DEV / f"{name}.articles.jsonl" for name in ("pages", "seeds")]
PROJECT_SAMPLES = [
    ROOT / "tests" / "data" / name / "articles.jsonl" for name in ("heldout", "heldout2", "heldout3")
]


def sample_files() -> list[Path]:
    """The sample articles' files: the shared dev set's when present, then the project's."""
    if all(path.exists() for path in SHARED_SAMPLES):
        return SHARED_SAMPLES + PROJECT_SAMPLES
    print(f"{SHARED_DEV} is absent: sampling the project's held-out sets only", file=sys.stderr)
    return PROJECT_SAMPLES


def sample_articles() -> dict[str, list[dict]]:
    """The sample articles by language."""
    by_lang: dict[str, list[dict]] = {"zh": [], "en": []}
    for path in sample_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            by_lang[article["language"]].append(article)
    return by_lang


def generate(samples: list[dict], n: int, seed: int = 7, lines: int | None = None) -> Iterator[dict]:
    """``n`` articles: the samples in a shuffled cycle, every number in them changed.

    ``lines`` keeps only each sample's first lines (short articles for the memory runs).
    """
    rng = random.Random(seed)
    order: list[int] = []
    for i in range(n):
        if not order:
            order = list(range(len(samples)))
            rng.shuffle(order)
        base = samples[order.pop()]
        text = base["text"] if lines is None else "\n".join(base["text"].splitlines()[:lines])
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), text)
        yield {**base, "id": f"{base['id']}-{i}", "text": text}


def alternating_medians(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds of each function, the functions taking turns run after run."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def bench_language(lang: str, samples: list[dict], n: int, repeat: int) -> dict:
    from fupin.extract import Extractor

    articles = list(generate(samples, n))
    extractor = Extractor()
    for sample in samples:  # builds the pipeline and every lazily loaded part outside the timing
        extractor.extract(sample)
    if lang == "zh":
        import jieba

        jieba.initialize()
        floor_name, floor_fn = "jieba.lcut", jieba.lcut
    else:
        import spacy

        floor_name, floor_fn = "spaCy blank en tokenizer", spacy.blank("en").tokenizer
    medians = alternating_medians(
        {
            "fupin": lambda: [extractor.extract(a) for a in articles],
            "floor": lambda: [floor_fn(a["text"]) for a in articles],
        },
        repeat,
    )
    chars = sum(len(a["text"]) for a in articles)
    ours, floor = medians["fupin"], medians["floor"]
    cold = _cold_floor(lang, samples)
    return {
        "part": "languages",
        "language": lang,
        "articles": len(articles),
        "characters": chars,
        "fupin_articles_per_s": round(len(articles) / ours, 1),
        "fupin_chars_per_s": round(chars / ours),
        "floor": floor_name,
        "floor_chars_per_s": round(chars / floor),
        "ratio": round(floor / ours, 3),
        "target": 0.5 if lang == "zh" else 0.25,
        "floor_cold_chars_per_s": round(cold),
        "ratio_to_cold_floor": round((chars / ours) / cold, 3),
    }


def _cold_floor(lang: str, samples: list[dict]) -> float:
    """Characters/s of the floor on its first pass over the distinct samples, caches empty.

    spaCy's tokenizer caches the tokens of every chunk between spaces it has seen, so on
    a corpus built from 29 samples it soon runs from its cache (2-5x faster); jieba has no
    such cache. This is the floor as it is on text it has not seen.
    """
    texts = [s["text"] for s in samples]
    if lang == "zh":
        import jieba

        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
    else:
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        start = time.perf_counter()
        for text in texts:
            tokenizer(text)
    return sum(map(len, texts)) / (time.perf_counter() - start)


def write_corpus(path: Path, samples: dict[str, list[dict]], n: int, lines: int | None = None) -> int:
    """Write ``n`` mixed articles (languages alternating) as JSONL; return the characters."""
    streams = [
        generate(samples["zh"], (n + 1) // 2, seed=11, lines=lines),
        generate(samples["en"], n // 2, seed=13, lines=lines),
    ]
    chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            article = next(streams[i % 2])
            chars += len(article["text"])
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    return chars


def run_cli(src: Path, workers: int, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, all its processes together) of ``fupin extract``.

    The RSS of the process tree (the command, the forkserver, the workers) is sampled
    every 50 ms with psutil; the peak is the largest sum seen.
    """
    import psutil

    cmd = [sys.executable, "-m", "fupin", "extract", "--in", str(src), "--out", str(out)]
    cmd += ["--officials", str(out.with_suffix(".officials.jsonl")), "--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(root))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"fupin extract failed with status {proc.returncode}: {' '.join(cmd)}")
    return seconds, peak // 1024


def _tree_rss(root: object) -> int:
    import psutil

    total = 0
    try:
        for proc in [root, *root.children(recursive=True)]:  # type: ignore[attr-defined]
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        return 0
    return total


def bench_workers(samples: dict[str, list[dict]], n: int, repeat: int, tmp: Path) -> dict:
    src = tmp / "mixed.jsonl"
    chars = write_corpus(src, samples, n)
    medians = alternating_medians(
        {str(w): (lambda w=w: run_cli(src, w, tmp / "out.jsonl")) for w in (1, 2)}, repeat
    )
    one, two = medians["1"], medians["2"]
    return {
        "part": "workers",
        "articles": n,
        "characters": chars,
        "workers_1_s": round(one, 2),
        "workers_2_s": round(two, 2),
        "workers_1_chars_per_s": round(chars / one),
        "workers_2_chars_per_s": round(chars / two),
        "speedup": round(one / two, 2),
        "target": 1.7,
    }


#: The memory runs use each sample's first lines only: a leak grows with the number of
#: articles, not their length, and 5 runs over 100,000 short articles take minutes, not hours.
MEMORY_LINES = 3


def bench_memory(samples: dict[str, list[dict]], n: int, repeat: int, tmp: Path) -> dict:
    """Peak RSS over N and 10 x N articles, each run in a fresh interpreter so each peak is its own."""
    peaks: dict[int, list[int]] = {}
    for size in (n, n * 10):
        src = tmp / f"memory-{size}.jsonl"
        write_corpus(src, samples, size, lines=MEMORY_LINES)
        peaks[size] = []
        for _ in range(repeat):
            probe = [sys.executable, __file__, "--memory-probe", str(src)]
            peak = subprocess.run(probe, check=True, capture_output=True, text=True).stdout.strip()
            peaks[size].append(int(peak))
        src.unlink()
    small, large = statistics.median(peaks[n]), statistics.median(peaks[n * 10])
    return {
        "part": "memory",
        "articles": [n, n * 10],
        "peak_kib_median": [int(small), int(large)],
        "peak_kib_runs": [peaks[n], peaks[n * 10]],
        "growth": round(large / small - 1, 3),
        "target": 0.15,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="articles per language (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure, median taken (default 5)")
    parser.add_argument(
        "--only", nargs="+", choices=("languages", "workers", "memory"), help="run only these parts"
    )
    args = parser.parse_args()
    parts = args.only or ["languages", "workers", "memory"]
    samples = sample_articles()
    if "languages" in parts:
        for lang in ("zh", "en"):
            print(json.dumps(bench_language(lang, samples[lang], args.articles, args.repeat)), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if "workers" in parts:
            print(json.dumps(bench_workers(samples, args.articles, args.repeat, Path(tmp))), flush=True)
        if "memory" in parts:
            print(json.dumps(bench_memory(samples, args.articles, args.repeat, Path(tmp))), flush=True)
    return 0


def memory_probe(src: Path) -> None:
    """Print the peak RSS of one ``fupin extract --workers 2`` over ``src``."""
    with tempfile.TemporaryDirectory() as tmp:
        _, peak = run_cli(src, 2, Path(tmp) / "out.jsonl")
    print(peak)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--memory-probe":
        memory_probe(Path(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
