"""Where extraction's CPU time goes: a CPU-time sampler over the real pages (docs/scale.md).

usage: python benchmarks/profile_extract.py [--lang en] [--copies 20] [--crawl-warm] [--top 60]

``signal.setitimer(ITIMER_PROF)`` sends SIGPROF every 2 ms of this process's CPU time (not of
the machine's: other sessions' load is not counted, as cProfile's wall clock counts it, and
there is no per-call cost, as cProfile's CPU clock has); each signal records the Python stack.
Printed: the share of samples in which each function is on the stack (inclusive), then the
lines the samples stopped at (self). A native call shows under the first Python frame it calls
back into (spaCy's tokenizer as ``lex_attrs.lower`` for new lexemes). The pages are those of
``bench_extract.py`` (read at run time, never printed), ``--copies`` copies with every number
changed, after one copy off the clock; ``--crawl-warm`` gives fupin's English pipeline, for
each copy, a tokenizer warm on the other half of the pages, as the benchmark's crawl floor does.
"""

from __future__ import annotations

import argparse
import collections
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_extract  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--crawl-warm", action="store_true", help="English: tokenizers warm on other pages")
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()

    from fupin.extract import Extractor
    from fupin.extract.extractor import warm_up
    from fupin.extract.pipeline import cached_pipeline

    samples = bench_extract.sample_articles()[args.lang]
    extractor = Extractor()
    warm_up(extractor)
    for article in bench_extract.generate(samples, len(samples), seed=99):
        extractor.extract(article)  # one copy off the clock
    jobs: list[tuple[object, list[dict]]] = []
    if args.crawl_warm and args.lang == "en":
        import spacy

        for warm_texts, _, articles in bench_extract._crawl_rounds(samples, args.copies, 0):
            tokenizer = spacy.blank("en").tokenizer
            for text in warm_texts:
                tokenizer(text)
            jobs.append((tokenizer, articles))
    else:
        jobs = [
            (None, list(bench_extract.generate(samples, len(samples), seed=200 + c)))
            for c in range(args.copies)
        ]

    root = str(Path(bench_extract.ROOT)) + "/"
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0

    def sample(signum: int, frame: FrameType | None) -> None:
        nonlocal total
        total += 1
        seen: set[str] = set()
        first = True
        while frame is not None:
            code = frame.f_code
            key = f"{code.co_filename.replace(root, '')}:{code.co_name}"
            if first:
                own[f"{key}:{frame.f_lineno}"] += 1
                first = False
            if key not in seen:
                inclusive[key] += 1
                seen.add(key)
            frame = frame.f_back

    nlp = cached_pipeline(args.lang)
    usual = nlp.tokenizer
    signal.signal(signal.SIGPROF, sample)
    signal.setitimer(signal.ITIMER_PROF, 0.002, 0.002)
    cpu = time.process_time()
    try:
        for tokenizer, articles in jobs:
            if tokenizer is not None:
                nlp.tokenizer = tokenizer
            for article in articles:
                extractor.extract(article)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        nlp.tokenizer = usual
    print(f"cpu {time.process_time() - cpu:.3f} s, {total} samples")
    print("== inclusive")
    for key, n in inclusive.most_common(args.top):
        print(f"{100 * n / max(total, 1):5.1f}% {key}")
    print("== self (line)")
    for key, n in own.most_common(args.top):
        print(f"{100 * n / max(total, 1):5.1f}% {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
