"""Score the officials rules (and optionally a NER backend) on the dev set, per language.

usage: python scripts/dev_eval_officials.py [--dev DIR] [--sets NAME,...] [--ner SPEC] [--show]

Runs ``fupin.extract.officials.find_officials`` directly on each dev article (text
normalised to simplified characters, simple sentence split), maps the records back
to the original text, and scores them as ``fupin evaluate`` does (the gold facts are
passed as both gold and predicted facts, since only the officials part matters here).
DIR defaults to ../shared/eval/dev ($FUPIN_SHARED/eval/dev when set); ``--sets`` picks
its files by prefix (seeds,pages,pages2; default all). ``--show`` prints each predicted
and gold official.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from fupin.evaluation import evaluate_records
from fupin.extract.officials import find_officials, load_ner_backend, remap_official
from fupin.extract.officials.orgs import find_places
from fupin.extract.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval" / "dev"


def _normalise(text: str, lang: str) -> tuple[str, Any]:
    """Normalised text and a span map back to the original (project textnorm when present)."""
    try:
        from fupin.extract.textnorm import normalize  # type: ignore[import-not-found]
    except ImportError:
        normalize = None
    if normalize is not None:
        norm = normalize(text)
        return norm.text, norm.to_original
    if lang != "zh":
        return text, lambda s, e: (s, e)
    import opencc

    conv = opencc.OpenCC("t2s")
    simplified = "".join(c if len(s := conv.convert(c)) != 1 else s for c in text)
    return simplified, lambda s, e: (s, e)


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _files(dev: Path, kind: str, sets: list[str] | None) -> list[Path]:
    """The dev files of one kind (``articles``, ``gold.facts``, ...), all or those of ``sets``."""
    if sets is None:
        return sorted(dev.glob(f"*.{kind}.jsonl"))
    return [dev / f"{name}.{kind}.jsonl" for name in sets]


def run(
    dev: Path, ner_spec: str | None = None, show: bool = False, sets: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Predict, score per language, return the scorer's officials block per language."""
    articles = [a for f in _files(dev, "articles", sets) for a in _load(f)]
    gold_facts = [g for f in _files(dev, "gold.facts", sets) for g in _load(f)]
    gold_off = [g for f in _files(dev, "gold.officials", sets) for g in _load(f)]
    ner = load_ner_backend(ner_spec) if ner_spec else None
    preds: list[dict[str, Any]] = []
    for art in articles:
        lang = art.get("language") or "zh"
        text, to_orig = _normalise(art["text"], lang)
        sentences = split_sentences(text, lang)
        for rec in find_officials(text, lang, sentences, places=find_places(text, lang), ner=ner):
            out = remap_official(rec, art["text"], to_orig)
            out["article_id"] = art["id"]
            preds.append(out)
    if show:
        for art in articles:
            for g in (g for g in gold_off if g["article_id"] == art["id"]):
                print(
                    f"GOLD {art['id']}: {g['name']} | {g['title']} | {g['organization']} | "
                    f"{g['province']} | {g['role']}"
                )
            for p in (p for p in preds if p["article_id"] == art["id"]):
                print(
                    f"PRED {art['id']}: {p['name']} | {p['title']} | {p['organization']} | {p['province']} | "
                    f"{p['role']} | {p['quote_kind']} | {(p.get('quote') or '')[:50]}"
                )
    results = {}
    for lang in ("zh", "en"):
        ids = {a["id"] for a in articles if a.get("language") == lang}
        scores = evaluate_records(gold_facts, gold_facts, gold_off, preds, ids)
        results[lang] = scores.to_dict()["officials"]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", default=DEV, type=Path)
    parser.add_argument("--sets", type=lambda v: v.split(","), help="file prefixes, e.g. seeds,pages")
    parser.add_argument("--ner", help="NER backend spec, e.g. transformers:/path/to/model")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    results = run(args.dev, args.ner, args.show, args.sets)
    for lang, o in results.items():
        print(
            f"{lang}: officials P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}  "
            f"title {o['title_correct']:.3f}  org {o['organization_correct']:.3f}  "
            f"role {o['role_correct']:.3f}  "
            f"(tp {o['tp']} fp {o['fp']} fn {o['fn']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
