"""Extraction throughput against the floor: segmentation / tokenisation alone.

usage: python benchmarks/bench_extract.py [--articles 10000] [--repeat 5] [--skip-memory]

Builds a corpus of ``--articles`` articles per language from the project's sample
articles (tests/data/dev), varying the figures so no two texts are identical, and
measures, in the same run and on the same texts:

* fupin extraction (facts and officials) in articles/s and characters/s on one core;
* ``jieba.lcut`` alone over the Chinese texts, and spaCy's blank English tokenizer
  alone over the English texts (the floors), and the ratios (targets: zh >= 0.5,
  en >= 0.25);
* ``--workers 2`` against one worker (target >= 1.7x, needs 2 free cores);
* peak memory (max RSS) of ``fupin extract`` over N and 10 x N articles (target:
  within 15%: extraction streams).

Each timing is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"


def sample_articles() -> dict[str, list[dict]]:
    by_lang: dict[str, list[dict]] = {"zh": [], "en": []}
    for path in sorted(DEV.glob("*.articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            by_lang[article["language"]].append(article)
    return by_lang


def corpus(samples: list[dict], n: int, seed: int = 7) -> list[dict]:
    """``n`` articles built from the samples with their numbers changed."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = samples[i % len(samples)]
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), base["text"])
        out.append({**base, "id": f"{base['id']}-{i}", "text": text})
    return out


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_language(lang: str, articles: list[dict], repeat: int) -> dict:
    from fupin.extract import Extractor

    extractor = Extractor()
    extractor.extract(articles[0])  # build the pipeline outside the timing
    chars = sum(len(a["text"]) for a in articles)
    ours = median_seconds(lambda: [extractor.extract(a) for a in articles], repeat)
    if lang == "zh":
        import jieba

        jieba.initialize()
        floor = median_seconds(lambda: [jieba.lcut(a["text"]) for a in articles], repeat)
        floor_name = "jieba.lcut"
    else:
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        floor = median_seconds(lambda: [tokenizer(a["text"]) for a in articles], repeat)
        floor_name = "spaCy blank en tokenizer"
    return {
        "language": lang,
        "articles": len(articles),
        "fupin_articles_per_s": round(len(articles) / ours, 1),
        "fupin_chars_per_s": round(chars / ours),
        "floor": floor_name,
        "floor_chars_per_s": round(chars / floor),
        "ratio": round(floor / ours, 3),
    }


def run_cli(articles: list[dict], workers: int, tmp: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of ``fupin extract`` over ``articles``."""
    src = tmp / f"in-{len(articles)}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    cmd = [sys.executable, "-m", "fupin", "extract", "--in", str(src), "--out", str(tmp / "out.jsonl")]
    cmd += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    samples = sample_articles()
    results = [
        bench_language(lang, corpus(samples[lang], args.articles), args.repeat) for lang in ("zh", "en")
    ]
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    mixed = corpus(samples["zh"] + samples["en"], args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        one = statistics.median(run_cli(mixed, 1, Path(tmp))[0] for _ in range(args.repeat))
        two = statistics.median(run_cli(mixed, 2, Path(tmp))[0] for _ in range(args.repeat))
        print(
            json.dumps(
                {"workers_1_s": round(one, 2), "workers_2_s": round(two, 2), "speedup": round(one / two, 2)}
            )
        )
        if not args.skip_memory:
            # Separate interpreters so that each peak is its own.
            peaks = {}
            for n in (args.articles, args.articles * 10):
                probe = [sys.executable, __file__, "--memory-probe", str(n)]
                peaks[n] = int(
                    subprocess.run(probe, check=True, capture_output=True, text=True).stdout.strip()
                )
            small, large = peaks[args.articles], peaks[args.articles * 10]
            print(json.dumps({"peak_kib": peaks, "growth": round(large / small - 1, 3)}))
    return 0


def memory_probe(n: int) -> None:
    """Print the peak RSS of one ``fupin extract`` child over ``n`` articles."""
    samples = sample_articles()
    with tempfile.TemporaryDirectory() as tmp:
        _, peak = run_cli(corpus(samples["zh"] + samples["en"], n), 1, Path(tmp))
    print(peak)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--memory-probe":
        memory_probe(int(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
