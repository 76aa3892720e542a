"""Scoring extracted facts and officials against gold annotations.

The rules are those of the project's reference scorer (shared/tools/score.py, kept
in tests/data/score.py): a predicted fact matches a gold fact of the same article
when the metric is the same and the value agrees (0.5% relative, or 0.01 for
percentages); strict matching also needs the region (province, or national/group)
and as_of (the gold's precision; a finer date inside it counts). Gold facts marked
"uncertain" count neither as misses nor, when matched, as false positives.
Officials match on a normalized name within an article. ``fupin evaluate`` must
print the same figures as the reference, and a test holds it to that.
"""

# ruff: noqa  -- the matching code follows the reference scorer line for line.
import json
import re
import sys
import unicodedata
from collections import defaultdict


def load(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: not JSON: {exc}")
    return rows


def value_ok(gold, pred):
    try:
        g, p = float(gold["value"]), float(pred["value"])
    except (KeyError, TypeError, ValueError):
        return False
    if gold.get("unit") == "percent":
        return abs(g - p) <= 0.011
    return abs(g - p) <= max(0.005 * abs(g), 1e-9)


def norm_province(x):
    if not x:
        return None
    x = unicodedata.normalize("NFKC", str(x)).lower().strip()
    for suffix in (" province", " municipality", " autonomous region", "省", "市", "自治区"):
        if x.endswith(suffix):
            x = x[: -len(suffix)]
    return x.strip() or None


def region_ok(gold, pred):
    gr, pr = gold.get("region") or {}, pred.get("region") or {}
    gp, pp = norm_province(gr.get("province")), norm_province(pr.get("province"))
    if gp is None:
        return pp is None
    return gp == pp


def as_of_ok(gold, pred):
    g = gold.get("as_of")
    if not g:
        return True
    p = pred.get("as_of") or ""
    return len(p) >= len(g) and p[: len(g)] == g


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def match_facts(gold, pred, strict):
    """Greedy one-to-one matching per article; returns counts overall and per metric."""
    by_art_g, by_art_p = defaultdict(list), defaultdict(list)
    for g in gold:
        by_art_g[g["article_id"]].append(g)
    for p in pred:
        by_art_p[p.get("article_id")].append(p)
    counts = defaultdict(lambda: [0, 0, 0])  # metric -> tp, fp, fn
    details = {"region_wrong": 0, "as_of_wrong": 0, "bound_wrong": 0, "matched": 0}
    for art in by_art_g:
        golds, preds = by_art_g[art], list(by_art_p.get(art, []))
        used = set()
        for g in golds:
            best = None
            for i, p in enumerate(preds):
                if i in used or p.get("metric") != g["metric"] or not value_ok(g, p):
                    continue
                ok_r, ok_d = region_ok(g, p), as_of_ok(g, p)
                if strict and not (ok_r and ok_d):
                    continue
                score = ok_r + ok_d
                if best is None or score > best[0]:
                    best = (score, i, ok_r, ok_d)
            if best is None:
                if not g.get("uncertain"):
                    counts[g["metric"]][2] += 1
                continue
            _, i, ok_r, ok_d = best
            used.add(i)
            if g.get("uncertain"):
                continue
            counts[g["metric"]][0] += 1
            details["matched"] += 1
            details["region_wrong"] += not ok_r
            details["as_of_wrong"] += not ok_d
            details["bound_wrong"] += (preds[i].get("bound") or "exact") != (g.get("bound") or "exact")
        for i, p in enumerate(preds):
            if i not in used:
                counts[p.get("metric")][1] += 1
    return counts, details


def tokens(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    if re.search(r"[\u4e00-\u9fff]", s):
        return set(re.findall(r"[\u4e00-\u9fff]", s))
    return set(re.findall(r"[a-z0-9]+", s)) - {"of", "the", "and", "for", "s"}


def overlap_ok(g, p):
    tg, tp = tokens(g), tokens(p)
    if not tg:
        return True
    return len(tg & tp) / len(tg) >= 0.5


def name_key(s):
    return re.sub(r"[\s\-·.]", "", unicodedata.normalize("NFKC", s or "").lower())


def match_officials(gold, pred):
    by_g, by_p = defaultdict(list), defaultdict(list)
    for g in gold:
        by_g[g["article_id"]].append(g)
    for p in pred:
        by_p[p.get("article_id")].append(p)
    tp = fp = fn = title_ok = org_ok = role_ok = 0
    for art in by_g:
        pk = {}
        for p in by_p.get(art, []):
            pk.setdefault(name_key(p.get("name")), p)
        gk = {name_key(g["name"]): g for g in by_g[art]}
        for k, g in gk.items():
            p = pk.get(k)
            if p is None:
                fn += 1
                continue
            tp += 1
            title_ok += overlap_ok(g.get("title"), p.get("title"))
            org_ok += overlap_ok(g.get("organization"), p.get("organization"))
            role_ok += (g.get("role") or "official") == (p.get("role") or "official")
        fp += len(set(pk) - set(gk))
    return tp, fp, fn, title_ok, org_ok, role_ok


def score(
    gold_facts: str,
    pred_facts: str,
    gold_officials: str | None = None,
    pred_officials: str | None = None,
    articles: str | None = None,
) -> dict:
    """All figures, as the reference scorer's ``--json`` output."""
    gold = load(gold_facts)
    ids = {r["id"] for r in load(articles)} if articles else {g["article_id"] for g in gold}
    gold = [g for g in gold if g["article_id"] in ids]
    pred = [p for p in load(pred_facts) if p.get("article_id") in ids]
    out = {
        "articles": len(ids),
        "gold_facts": sum(not g.get("uncertain") for g in gold),
        "pred_facts": len(pred),
    }
    for mode in ("lenient", "strict"):
        counts, details = match_facts(gold, pred, strict=(mode == "strict"))
        tp = sum(c[0] for c in counts.values())
        fp = sum(c[1] for c in counts.values())
        fn = sum(c[2] for c in counts.values())
        out[mode] = dict(zip(("precision", "recall", "f1"), prf(tp, fp, fn)), tp=tp, fp=fp, fn=fn)
        if mode == "lenient":
            m = max(details["matched"], 1)
            out["of_lenient_matches"] = {
                "region_correct": round(1 - details["region_wrong"] / m, 3),
                "as_of_correct": round(1 - details["as_of_wrong"] / m, 3),
                "bound_correct": round(1 - details["bound_wrong"] / m, 3),
            }
        else:
            out["strict_by_metric"] = {
                k: dict(zip(("p", "r", "f1"), prf(*v)), tp=v[0], fp=v[1], fn=v[2])
                for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))
            }
    if gold_officials and pred_officials:
        go = [g for g in load(gold_officials) if g["article_id"] in ids]
        po = [p for p in load(pred_officials) if p.get("article_id") in ids]
        tp, fp, fn, t_ok, o_ok, r_ok = match_officials(go, po)
        p, r, f = prf(tp, fp, fn)
        m = max(tp, 1)
        out["officials"] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "title_correct": round(t_ok / m, 3),
            "organization_correct": round(o_ok / m, 3),
            "role_correct": round(r_ok / m, 3),
        }
    return out


def render(out: dict) -> str:
    """The reference scorer's text report."""
    lines = [f"articles {out['articles']}  gold facts {out['gold_facts']}  predicted {out['pred_facts']}"]
    for mode in ("lenient", "strict"):
        s = out[mode]
        lines.append(
            f"facts {mode:8s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']})"
        )
    lm = out["of_lenient_matches"]
    lines.append(
        f"of lenient matches: region {lm['region_correct']:.3f}  as_of {lm['as_of_correct']:.3f}  bound {lm['bound_correct']:.3f}"
    )
    lines.append("strict F1 by metric:")
    for k, v in out["strict_by_metric"].items():
        lines.append(
            f"  {str(k):42s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}  (tp {v['tp']} fp {v['fp']} fn {v['fn']})"
        )
    if "officials" in out:
        o = out["officials"]
        lines.append(
            f"officials P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}  title {o['title_correct']:.3f}  org {o['organization_correct']:.3f}  role {o['role_correct']:.3f}"
        )
    return "\n".join(lines)
