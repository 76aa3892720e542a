"""Share of dev-set gold facts whose region the resolver gets right (as ``fupin evaluate`` checks it).

For each gold fact, the article text is normalised as the pipeline does it
(``fupin.extract.textnorm``), the gazetteer finds its places, and
``RegionResolver.region_at`` is asked at the gold evidence start.

    .venv/bin/python scripts/dev_regions.py [-v] [--dev DIR]

DIR defaults to ../shared/eval/dev ($FUPIN_SHARED/eval/dev when set).
"""

from __future__ import annotations

import argparse
import json
import os
from bisect import bisect_left
from collections import defaultdict
from pathlib import Path

from fupin.evaluation import region_agrees
from fupin.extract.analysis import Analysis
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.regions import RegionResolver
from fupin.extract.sentences import split_sentences
from fupin.extract.textnorm import normalize

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval" / "dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    gazetteer = Gazetteer.default()
    articles = {}
    for path in args.dev.glob("*.articles.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            articles[a["id"]] = a
    resolvers: dict[str, tuple[RegionResolver, list[int]]] = {}
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted(args.dev.glob("*.gold.facts.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            art = articles[gold["article_id"]]
            lang = art.get("language") or "zh"
            if art["id"] not in resolvers:
                norm = normalize(art["text"])
                title = normalize(art["title"]).text if art.get("title") else None
                analysis = Analysis(
                    norm.text, lang, split_sentences(norm.text, lang), art.get("published"), title
                )
                analysis.places = gazetteer.find(norm.text, lang)
                resolvers[art["id"]] = (RegionResolver(analysis, gazetteer), norm.origin)
            resolver, origin = resolvers[art["id"]]
            pos = bisect_left(origin, gold["evidence"]["start"])
            pred = resolver.region_at(pos)
            ok = region_agrees(gold, {"region": pred})
            tally[lang][0] += ok
            tally[lang][1] += 1
            if args.verbose and not ok:
                print(
                    f"MISS {art['id']} gold={gold['region']['name']!r}/{gold['region']['province']} "
                    f"pred={pred['name']!r}/{pred['province']} :: {gold['evidence']['sentence'][:90]!r}"
                )
    for lang, (ok, n) in sorted(tally.items()):
        print(f"{lang}: {ok}/{n} = {ok / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
