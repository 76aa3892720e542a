"""Score the Chinese rules alone on the Chinese dev articles, without spaCy.

usage: python scripts/dev_eval_zh.py [--dev DIR] [--out FACTS.jsonl] [--diff]

Builds an Analysis per article (textnorm, sentence split, gazetteer places when
the gazetteer exists), runs fupin.extract.zh, writes schema facts (offsets mapped
back to the original text, publication-date fallback as the lead's records do) and
prints the reference scorer's report. ``--diff`` lists misses and false positives.
When fupin.extract.regions is not there yet every fact is national.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from fupin.evaluation import render, score
from fupin.extract.analysis import Analysis
from fupin.extract.records import fact_record
from fupin.extract.sentences import split_sentences
from fupin.extract.textnorm import normalize
from fupin.extract.zh import find_dates, find_facts, find_quantities

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval" / "dev"
_NATIONAL = {"name": "China", "province": None, "level": "national", "adcode": None}


def _analysis(article: dict) -> Analysis:
    norm_text = normalize(article["text"]).text
    analysis = Analysis(
        text=norm_text,
        lang="zh",
        sentences=split_sentences(norm_text, "zh"),
        published=article.get("published"),
        title=article.get("title"),
    )
    try:
        from fupin.extract.gazetteer import Gazetteer

        analysis.places = Gazetteer.default().find(norm_text, "zh")
    except ImportError:
        pass
    analysis.quantities = find_quantities(norm_text)
    analysis.dates = find_dates(norm_text, analysis.published)
    return analysis


def _facts(article: dict) -> list[dict]:
    norm = normalize(article["text"])
    analysis = _analysis(article)
    try:
        import fupin.extract.regions  # noqa: F401

        drafts = find_facts(analysis)
    except ImportError:
        drafts = find_facts(analysis, region_at=lambda _pos: dict(_NATIONAL))
    return [fact_record(d, article, norm, "zh", "dev_eval_zh") for d in drafts]


def _diff(gold_path: Path, pred: list[dict], articles: dict[str, dict]) -> None:
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    for art in sorted(articles):
        g = [x for x in gold if x["article_id"] == art]
        p = [x for x in pred if x["article_id"] == art]
        text = articles[art]["text"]
        used: set[int] = set()
        for x in g:
            hit = next(
                (
                    i
                    for i, y in enumerate(p)
                    if i not in used
                    and y["metric"] == x["metric"]
                    and abs(y["value"] - x["value"]) <= 0.01 * x["value"]
                ),
                None,
            )
            if hit is None:
                flag = "?" if x.get("uncertain") else "MISS"
                print(f"{art} {flag} {x['metric']} {x['value']} {x['as_of']} {x['region'].get('province')}")
            else:
                used.add(hit)
                y = p[hit]
                bad = []
                if (y["region"].get("province") or None) != (x["region"].get("province") or None):
                    bad.append(f"region {y['region'].get('province')} != {x['region'].get('province')}")
                if x.get("as_of") and not (y.get("as_of") or "").startswith(x["as_of"]):
                    bad.append(f"as_of {y.get('as_of')} != {x['as_of']}")
                if bad:
                    print(f"{art} WRONG {x['metric']} {x['value']}: {'; '.join(bad)}")
        for i, y in enumerate(p):
            if i not in used:
                e = y["evidence"]
                mention = text[e["start"] : e["end"]]
                print(f"{art} FP {y['metric']} {y['value']} {mention!r} | {e['sentence'][:60]}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", default=DEV)
    parser.add_argument("--out")
    parser.add_argument("--diff", action="store_true")
    args = parser.parse_args()
    dev = Path(args.dev)
    articles = {}
    for line in (dev / "pages.articles.jsonl").open(encoding="utf-8"):
        if line.strip():
            article = json.loads(line)
            if article.get("language", "zh") == "zh":
                articles[article["id"]] = article
    pred = [fact for article in articles.values() for fact in _facts(article)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "facts.jsonl"
        ids = Path(tmp) / "ids.jsonl"
        out.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in pred), encoding="utf-8")
        ids.write_text("".join(json.dumps({"id": i}) + "\n" for i in articles), encoding="utf-8")
        gold = dev / "pages.gold.facts.jsonl"
        print(render(score(gold, out, articles=ids)))
        if args.diff:
            _diff(gold, pred, articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
