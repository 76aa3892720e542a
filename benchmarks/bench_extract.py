"""Extraction speed against its floor: segmentation / tokenisation alone, in the same process.

usage: python benchmarks/bench_extract.py [--repeat 5] [--copies 10] [--articles 5000] [--only PART ...]

The texts are the real news pages of the shared evaluation sets (../shared/eval/dev and
../shared/eval/unlabeled, or $FUPIN_SHARED/eval; read at run time, never copied into the
repository; the project's held-out sets in tests/data when the shared folder is absent),
repeated with new ids and every number changed, so that no run meets a text it has seen.
Parts, each printed as one JSON line (in this order):

* ``languages``: fupin extraction (facts and officials) on one core over ``--copies`` copies
  of the real pages of each language, against ``jieba.lcut`` over the same Chinese texts and
  spaCy's blank English tokenizer over the same English texts (the floors); the ratio is
  fupin's characters/s over the floor's (targets: zh >= 0.5, en >= 0.3). The English floor
  is a fresh tokenizer for each copy (each page unseen, as on a crawl's new pages); spaCy's
  tokenizer caches every chunk it has seen, so the ratio against a tokenizer warm on the
  repeated pages is printed too (``ratio_warm_floor``). ``ratio_cpu`` and ``ratio_warm_floor_cpu``
  are the same ratios in CPU time (this process's), and ``load_average`` the machine's 1-minute
  load before and after the part (the machine is shared). English also gets a floor as a long
  crawl sees it (``ratio_crawl_warm_floor``, ``_cpu``): a tokenizer warm on *other* real pages
  (three copies of one half of the pages, numbers changed) timed on the other half, unseen,
  a new such tokenizer for each copy; fupin's own pipeline gets a tokenizer warmed the same
  way for those runs, so both sides are treated alike.
* ``scaling``: time against article length, 100k -> 300k -> 1M characters of real pages
  joined, per language: the pipeline on one document (no parts, as a spaCy user's own
  pipeline reads it), ``Extractor.extract`` (parts of 100,000 characters) and the floor; the
  exponent is log(t(1M) / t(100k)) / log(10) (target <= 1.1).
* ``startup``: wall time and peak RSS of ``fupin extract`` over one article per language
  (what every command pays once), and the CPU time, wall time and peak RSS of importing the
  worker preload (``fupin.extract.preload``, what the forkserver does once) in a new process,
  and whether it leaves jieba's POS tagger loaded before the first article.
* ``workers``: wall time of ``fupin extract --workers 1`` and ``--workers 2`` over
  ``--articles`` mixed articles (target >= 1.7x on 2 free cores), with start-up and without
  it (the one-article runs of the same worker counts subtracted).
* ``memory``: peak RSS (all its processes together, sampled with psutil) of
  ``fupin extract --workers 2`` over N and 10 x N mixed articles of the pages' first three
  lines (target: within 15%: extraction streams).

Each figure is the median of ``--repeat`` runs; within a part the runs of fupin and of its
floor (or of the two worker counts) take turns, so that a slower spell of a shared machine
falls on both, and the ratios come from runs of the same process.
"""

from __future__ import annotations

import argparse
import json
import math
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval"
PROJECT_SAMPLES = [
    ROOT / "tests" / "data" / name / "articles.jsonl" for name in ("heldout", "heldout2", "heldout3")
]
#: Lengths of the long articles of the ``scaling`` part.
SIZES = (100_000, 300_000, 1_000_000)


def sample_files() -> list[Path]:
    """The real pages' files: the shared evaluation sets' when present, else the project's held-out sets."""
    shared = sorted(SHARED_EVAL.glob("dev/*.articles.jsonl")) + sorted(
        SHARED_EVAL.glob("unlabeled/*.articles.jsonl")
    )
    if shared:
        return shared
    print(f"{SHARED_EVAL} is absent: sampling the project's held-out sets only", file=sys.stderr)
    return PROJECT_SAMPLES


def sample_articles() -> dict[str, list[dict]]:
    """The sample articles by language."""
    by_lang: dict[str, list[dict]] = {"zh": [], "en": []}
    for path in sample_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            by_lang[article["language"]].append(article)
    return by_lang


def vary(text: str, rng: random.Random) -> str:
    """``text`` with every number changed, so that no run meets a text it has seen."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), text)


def generate(samples: list[dict], n: int, seed: int = 7, lines: int | None = None) -> Iterator[dict]:
    """``n`` articles: the samples in shuffled cycles (each once per cycle), every number changed.

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
        yield {**base, "id": f"{base['id']}-{i}", "text": vary(text, rng)}


def long_text(samples: list[dict], size: int, seed: int) -> str:
    """``size`` characters of the samples' texts (numbers changed) joined as paragraphs."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        text = vary(rng.choice(samples)["text"], rng)
        parts.append(text)
        total += len(text) + 2
    return "\n\n".join(parts)[:size]


def alternating_medians(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds of each function, the functions taking turns run after run."""
    times = alternating_runs(fns, repeat)
    return {name: statistics.median(t) for name, t in times.items()}


def alternating_runs(
    fns: dict[str, Callable[[], object]], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> dict[str, list[float]]:
    """Seconds of each run of each function, the functions taking turns run after run."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            times[name].append(timed(fn, clock))
    return times


def timed(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    fn()
    return clock() - start


def both_clocks(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn`` (this process's CPU time: what a busy shared machine
    does not stretch, as it stretches the wall time of whichever side it falls on)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


# ---------------------------------------------------------------------------------- languages


def _floor(lang: str) -> tuple[str, Callable[[], Callable[[str], Any]]]:
    """The floor's name and a maker of a fresh floor function (a new spaCy tokenizer, empty cache)."""
    if lang == "zh":
        import jieba

        jieba.initialize()
        return "jieba.lcut", lambda: jieba.lcut
    import spacy

    return "spaCy blank en tokenizer", lambda: spacy.blank("en").tokenizer


def bench_language(lang: str, samples: list[dict], copies: int, repeat: int) -> dict:
    """fupin against its floor over ``copies`` copies of the real pages (numbers changed in each)."""
    from fupin.extract import Extractor
    from fupin.extract.extractor import warm_up

    rounds = [list(generate(samples, len(samples), seed=100 + c)) for c in range(copies)]
    texts = [[a["text"] for a in articles] for articles in rounds]
    extractor = Extractor()
    warm_up(extractor)  # pipelines, dictionaries, the POS tagger: loaded before the clock starts
    floor_name, new_floor = _floor(lang)
    fresh: list[Callable[[str], Any]] = []
    warm = new_floor()
    for batch in texts:
        for text in batch:
            warm(text)

    def run_floor() -> None:
        for floor, batch in zip(fresh, texts, strict=True):
            for text in batch:
                floor(text)

    def run_fupin() -> None:
        for articles in rounds:
            for article in articles:
                extractor.extract(article)

    times: dict[str, list[tuple[float, float]]] = {"fupin": [], "floor": [], "warm": []}
    if lang == "en":
        times |= {"fupin_crawl": [], "crawl": []}
    load_before = os.getloadavg()[0]
    for run in range(repeat):
        fresh = [new_floor() for _ in texts]  # each copy unseen by its tokenizer (made off the clock)
        sides = [("fupin", run_fupin), ("floor", run_floor), ("warm", lambda: _each(warm, texts))]
        if lang == "en":
            sides += _crawl_sides(samples, copies, run, extractor)
        for name, fn in sides:
            times[name].append(both_clocks(fn))
    ours, floor, warm_s = (statistics.median(w for w, _ in times[k]) for k in ("fupin", "floor", "warm"))
    ours_cpu, floor_cpu = (statistics.median(c for _, c in times[k]) for k in ("fupin", "floor"))
    chars = sum(len(t) for batch in texts for t in batch)
    return {
        "part": "languages",
        "language": lang,
        "pages": len(samples),
        "copies": copies,
        "articles": len(samples) * copies,
        "characters": chars,
        "fupin_chars_per_s": round(chars / ours),
        "floor": floor_name,
        "floor_chars_per_s": round(chars / floor),
        "ratio": round(floor / ours, 3),
        "ratio_runs": [round(f[0] / o[0], 3) for f, o in zip(times["floor"], times["fupin"], strict=True)],
        "ratio_cpu": round(floor_cpu / ours_cpu, 3),
        "target": 0.5 if lang == "zh" else 0.3,
        "warm_floor_chars_per_s": round(chars / warm_s),
        "ratio_warm_floor": round(warm_s / ours, 3),
        "ratio_warm_floor_cpu": round(statistics.median(c for _, c in times["warm"]) / ours_cpu, 3),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # 1-minute, before and after
    } | (_crawl_figures(times, samples, copies, ours_cpu) if lang == "en" else {})


#: Copies of the other half of the pages a crawl-warm tokenizer has read before it meets a page.
CRAWL_WARM_COPIES = 3


def _halves(samples: list[dict]) -> tuple[list[dict], list[dict]]:
    """The pages in two halves, alternately by id (fixed, whatever the files' order)."""
    ordered = sorted(samples, key=lambda a: str(a["id"]))
    return ordered[0::2], ordered[1::2]


def _crawl_rounds(
    samples: list[dict], copies: int, run: int
) -> list[tuple[list[str], list[str], list[dict]]]:
    """Per copy: the texts that warm the tokenizers (``CRAWL_WARM_COPIES`` copies of one half) and
    the texts timed (one copy of the other half); halves swap copy by copy, numbers new in each."""
    first, second = _halves(samples)
    rounds = []
    for c in range(copies):
        warm_half, timed_half = (first, second) if c % 2 == 0 else (second, first)
        seed = 10_000 + 1_000 * run + 10 * c
        warm_texts = [
            a["text"] for k in range(CRAWL_WARM_COPIES) for a in generate(warm_half, len(warm_half), seed + k)
        ]
        timed = list(generate(timed_half, len(timed_half), seed + CRAWL_WARM_COPIES + 1))
        rounds.append((warm_texts, [a["text"] for a in timed], timed))
    return rounds


def _crawl_sides(
    samples: list[dict], copies: int, run: int, extractor: Any
) -> list[tuple[str, Callable[[], object]]]:
    """fupin and the floor on pages unseen, each with a tokenizer warm on the *other* pages.

    A long crawl's tokenizer has read many other articles of the same kind, not the page in
    hand: for each copy a new tokenizer (new vocabulary) reads ``CRAWL_WARM_COPIES`` copies of
    one half of the pages off the clock, then the other half (numbers changed) is timed.
    fupin's own pipeline gets a tokenizer warmed the same way for each copy (its usual one,
    warm on everything it read, is put back afterwards), so both sides are treated alike.
    """
    import spacy

    from fupin.extract.pipeline import cached_pipeline

    rounds = _crawl_rounds(samples, copies, run)

    def warmed(warm_texts: list[str]) -> Any:
        tokenizer = spacy.blank("en").tokenizer
        for text in warm_texts:
            tokenizer(text)
        return tokenizer

    floors = [warmed(w) for w, _, _ in rounds]  # made off the clock
    ours = [warmed(w) for w, _, _ in rounds]

    def run_floor() -> None:
        for floor, (_, texts, _) in zip(floors, rounds, strict=True):
            for text in texts:
                floor(text)

    def run_fupin() -> None:
        nlp = cached_pipeline("en", extractor.officials, extractor.ner)
        usual = nlp.tokenizer
        try:
            for tokenizer, (_, _, articles) in zip(ours, rounds, strict=True):
                nlp.tokenizer = tokenizer
                for article in articles:
                    extractor.extract(article)
        finally:
            nlp.tokenizer = usual

    return [("fupin_crawl", run_fupin), ("crawl", run_floor)]


def _crawl_figures(
    times: dict[str, list[tuple[float, float]]], samples: list[dict], copies: int, ours_cpu: float
) -> dict[str, Any]:
    """The crawl-warm floor's figures (the ``crawl`` runs against ``fupin_crawl``)."""
    ours, floor = (statistics.median(w for w, _ in times[k]) for k in ("fupin_crawl", "crawl"))
    ours_c, floor_c = (statistics.median(c for _, c in times[k]) for k in ("fupin_crawl", "crawl"))
    chars = sum(len(t) for _, texts, _ in _crawl_rounds(samples, copies, 0) for t in texts)
    return {
        "crawl_warm_characters": chars,
        "crawl_warm_floor_chars_per_s": round(chars / floor),
        "ratio_crawl_warm_floor": round(floor / ours, 3),
        "ratio_crawl_warm_floor_cpu": round(floor_c / ours_c, 3),
        "ratio_crawl_warm_runs_cpu": [
            round(f[1] / o[1], 3) for f, o in zip(times["crawl"], times["fupin_crawl"], strict=True)
        ],
        "fupin_crawl_cpu_s": round(ours_c, 3),
        "fupin_cpu_s": round(ours_cpu, 3),
    }


def _each(fn: Callable[[str], Any], texts: list[list[str]]) -> None:
    for batch in texts:
        for text in batch:
            fn(text)


# ------------------------------------------------------------------------------------ scaling


def _one_document(lang: str, text: str) -> int:
    """The pipeline over ``text`` as one document (no parts), after the extractor's normalisation."""
    from fupin.extract.pipeline import cached_pipeline
    from fupin.extract.textnorm import normalize

    nlp = cached_pipeline(lang)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    norm = normalize(text)
    doc = nlp.make_doc(norm.text)
    doc.user_data["fupin_meta"] = {"published": "2020-06-30", "title": None, "text": norm.text}
    return len(nlp(doc)._.facts or [])


def _time_long(lang: str, text: str, extractor: Any, floor: Callable[[str], Any]) -> dict[str, float]:
    """CPU seconds of the one-document pipeline, ``Extractor.extract`` and the floor over ``text``."""
    article = {"id": f"long-{lang}-{len(text)}", "language": lang, "text": text}
    fns = {
        "document": lambda: _one_document(lang, text),
        "extract": lambda: extractor.extract(article),
        "floor": lambda: floor(text),
    }
    return {kind: runs[0] for kind, runs in alternating_runs(fns, 1, time.process_time).items()}


def bench_scaling(lang: str, samples: list[dict], repeat: int) -> dict:
    """CPU seconds per length for one document, ``Extractor.extract`` and the floor; exponents 100k -> 1M."""
    from fupin.extract import Extractor
    from fupin.extract.extractor import warm_up

    extractor = Extractor()
    warm_up(extractor)
    _, new_floor = _floor(lang)
    kinds = ("document", "extract", "floor")
    times: dict[str, dict[int, list[float]]] = {k: {n: [] for n in SIZES} for k in kinds}
    for run in range(repeat):
        for size in SIZES:
            text = long_text(samples, size, seed=run * 10 + size)  # new numbers in every run
            for kind, seconds in _time_long(lang, text, extractor, new_floor()).items():
                times[kind][size].append(seconds)
    out: dict[str, Any] = {"part": "scaling", "language": lang, "characters": list(SIZES)}
    for kind, by_size in times.items():
        medians = [statistics.median(by_size[n]) for n in SIZES]
        out[f"{kind}_s"] = [round(t, 3) for t in medians]
        out[f"{kind}_exponent"] = round(math.log(medians[-1] / medians[0], SIZES[-1] / SIZES[0]), 2)
    out["target"] = 1.1
    return out


# ------------------------------------------------------------------------------ processes


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


def _one_article(tmp: Path, samples: dict[str, list[dict]], lang: str) -> Path:
    src = tmp / f"one-{lang}.jsonl"
    article = next(generate(samples[lang], 1, seed=17))
    src.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    return src


def bench_startup(samples: dict[str, list[dict]], repeat: int, tmp: Path) -> dict:
    """``fupin extract`` of one article per language: wall and peak RSS (what every command pays once)."""
    runs: dict[str, list[tuple[float, int]]] = {"zh": [], "en": []}
    for _ in range(repeat):
        for lang in runs:
            runs[lang].append(run_cli(_one_article(tmp, samples, lang), 1, tmp / "one.out.jsonl"))
    out: dict[str, Any] = {"part": "startup", "command": "fupin extract --workers 1, one article"}
    for lang, pairs in runs.items():
        out[f"{lang}_s"] = round(statistics.median(s for s, _ in pairs), 2)
        out[f"{lang}_peak_mib"] = round(statistics.median(k for _, k in pairs) / 1024)
    probes = [_preload_probe() for _ in range(repeat)]
    for key in ("preload_cpu_s", "preload_wall_s", "preload_max_rss_mib"):
        out[key] = statistics.median(p[key] for p in probes)
    out["pos_tagger_preloaded"] = all(p["pos_tagger_loaded"] for p in probes)
    return out


_PRELOAD_PROBE = """
import json, resource, time
wall, cpu = time.perf_counter(), time.process_time()
import fupin.extract.preload
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
from fupin.extract.officials.zh import _jieba_posseg
print(json.dumps({"preload_cpu_s": round(cpu, 2), "preload_wall_s": round(wall, 2),
                  "preload_max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "pos_tagger_loaded": _jieba_posseg.cache_info().currsize == 1}))
"""


def _preload_probe() -> dict[str, Any]:
    """What the worker preload (``fupin.extract.preload``, imported once by the forkserver) costs a new
    process: CPU and wall seconds, peak RSS, and whether it leaves jieba's POS tagger loaded."""
    done = subprocess.run([sys.executable, "-c", _PRELOAD_PROBE], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_workers(samples: dict[str, list[dict]], n: int, repeat: int, tmp: Path) -> dict:
    """``--workers 1`` against ``--workers 2`` over ``n`` mixed articles, with and without start-up."""
    src = tmp / "mixed.jsonl"
    chars = write_corpus(src, samples, n)
    one = tmp / "one-mixed.jsonl"
    write_corpus(one, samples, 1)
    fns = {f"{w}{kind}": (lambda w=w, f=f: run_cli(f, w, tmp / "out.jsonl")) for w in (1, 2)
           for kind, f in (("", src), ("-startup", one))}  # fmt: skip
    medians = alternating_medians(fns, repeat)
    w1, w2 = medians["1"], medians["2"]
    net1, net2 = w1 - medians["1-startup"], w2 - medians["2-startup"]
    return {
        "part": "workers",
        "articles": n,
        "characters": chars,
        "workers_1_s": round(w1, 2),
        "workers_2_s": round(w2, 2),
        "speedup": round(w1 / w2, 2),
        "startup_1_s": round(medians["1-startup"], 2),
        "startup_2_s": round(medians["2-startup"], 2),
        "speedup_without_startup": round(net1 / net2, 2),
        "target": 1.7,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
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


PARTS = ("languages", "scaling", "startup", "workers", "memory")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure, median taken (default 5)")
    parser.add_argument("--copies", type=int, default=10, help="copies of the real pages, languages part")
    parser.add_argument("--articles", type=int, default=5_000, help="mixed articles: workers, memory parts")
    parser.add_argument("--only", nargs="+", choices=PARTS, help="run only these parts")
    args = parser.parse_args()
    parts = args.only or list(PARTS)
    samples = sample_articles()
    for lang in ("zh", "en"):
        if "languages" in parts:
            print(json.dumps(bench_language(lang, samples[lang], args.copies, args.repeat)), flush=True)
        if "scaling" in parts:
            print(json.dumps(bench_scaling(lang, samples[lang], args.repeat)), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if "startup" in parts:
            print(json.dumps(bench_startup(samples, args.repeat, Path(tmp))), flush=True)
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
