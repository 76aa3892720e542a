"""Score the English fact rules on the English dev articles, without the full pipeline.

usage: python scripts/dev_eval_en.py [--dev DIR] [--out FACTS.jsonl] [--show]

Builds an :class:`~fupin.extract.analysis.Analysis` per article (normalised text,
sentences, places from the gazetteer, quantities, dates), runs
``fupin.extract.en.find_facts``, writes fact-schema records and scores them as
``fupin evaluate`` does; ``--show`` prints every predicted fact with its evidence. DIR
defaults to ../shared/eval/dev ($FUPIN_SHARED/eval/dev when set). The same figures come
from ``scripts/dev_eval.py`` (the whole ``fupin extract`` pipeline); this script is
quicker for work on the English rules alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval" / "dev"

from fupin.evaluation import render, score  # noqa: E402
from fupin.extract import en  # noqa: E402
from fupin.extract.analysis import Analysis  # noqa: E402
from fupin.extract.gazetteer import Gazetteer  # noqa: E402
from fupin.extract.records import fact_record  # noqa: E402
from fupin.extract.sentences import split_sentences  # noqa: E402
from fupin.extract.textnorm import normalize  # noqa: E402


def analyse(article: dict) -> tuple[Analysis, object]:
    norm = normalize(article["text"])
    analysis = Analysis(
        text=norm.text, lang="en", published=article.get("published"), title=article.get("title")
    )
    analysis.sentences = split_sentences(norm.text, "en")
    analysis.places = Gazetteer.default().find(norm.text, "en")
    analysis.quantities = en.find_quantities(norm.text)
    analysis.dates = en.find_dates(norm.text, article.get("published"))
    return analysis, norm


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", default=DEV)
    parser.add_argument("--out")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    dev = Path(args.dev)
    articles = [json.loads(x) for p in sorted(dev.glob("*.articles.jsonl")) for x in p.open() if x.strip()]
    articles = [a for a in articles if a.get("language") == "en"]
    out = Path(args.out) if args.out else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as fh:
        for article in articles:
            analysis, norm = analyse(article)
            for draft in en.find_facts(analysis):
                record = fact_record(draft, article, norm, "en", "dev-eval-en")
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                if args.show:
                    e = record["evidence"]
                    print(
                        f"{record['article_id']} {record['metric']:40s} {record['value']!s:>12}"
                        f" {record['bound']:9s}"
                        f" {record['scope']!s:9s} {record['period']!s:6s} {draft.as_of!s:11s}"
                        f" {record['region']['province']!s:9s} | {article['text'][e['start'] : e['end']]!r}"
                    )
    ids = out.with_suffix(".ids.jsonl")
    ids.write_text("".join(json.dumps({"id": a["id"]}) + "\n" for a in articles))
    gold = [p for p in sorted(dev.glob("*.gold.facts.jsonl"))]
    gold_all = out.with_suffix(".gold.jsonl")
    gold_all.write_text("".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in gold))
    print(render(score(gold_all, out, articles=ids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
