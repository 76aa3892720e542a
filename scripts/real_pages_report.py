"""The accuracy table of the closing notes: every evaluation set, per language, in one run.

usage: python scripts/real_pages_report.py [--shared DIR] [--markdown]

Sets: the shared dev files (seeds, pages, pages2; real pages annotated by people who did
not read the rules), pages3's tuned, opened and blind parts (real pages from
shared/eval/unlabeled, gold in tests/data/pages3, split in tests/data/pages3/split.json),
and the project's own held-out sets (tests/data/heldout*, text written for the project).
Each set is extracted once with ``fupin extract`` and scored with ``fupin.evaluation``
(the reference scorer's figures).

The last rows, "blind: 2nd annotator", score a second, independent annotation of the blind
pages (tests/data/pages3/gold2.*, firm facts only; the pages still blind, not the opened
ones) against their gold as if it were the extractor: how far two careful readers of the
spec agree, the ceiling against which the extractor's blind rows are read.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from fupin.evaluation import score

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
COLUMNS = ("strict F1", "P", "R", "region", "as_of", "officials F1", "title", "org")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _sets(shared: Path) -> dict[str, tuple[list[dict], list[dict], list[dict]]]:
    """name -> (articles, gold facts, gold officials)."""
    out = {}
    dev = shared / "eval" / "dev"
    for name in ("seeds", "pages", "pages2"):
        if (dev / f"{name}.articles.jsonl").exists():
            out[name] = tuple(
                _read(dev / f"{name}.{kind}.jsonl") for kind in ("articles", "gold.facts", "gold.officials")
            )
    pages3 = shared / "eval" / "unlabeled" / "pages3.articles.jsonl"
    if pages3.exists():
        split = json.loads((DATA / "pages3" / "split.json").read_text(encoding="utf-8"))
        articles = _read(pages3)
        facts, officials = (
            _read(DATA / "pages3" / "gold.facts.jsonl"),
            _read(DATA / "pages3" / "gold.officials.jsonl"),
        )
        for part in ("tune", "opened", "blind"):
            ids = set(split[part])
            out[f"pages3 {part}"] = (
                [a for a in articles if a["id"] in ids],
                [f for f in facts if f["article_id"] in ids],
                [o for o in officials if o["article_id"] in ids],
            )
    for name in ("heldout", "heldout2", "heldout3"):
        folder = DATA / name
        out[name] = tuple(
            _read(folder / f"{kind}.jsonl") for kind in ("articles", "gold.facts", "gold.officials")
        )
    return out


def _row(result: dict) -> list[str]:
    s, lm, o = result["strict"], result["of_lenient_matches"], result["officials"]
    figures = (s["f1"], s["precision"], s["recall"], lm["region_correct"], lm["as_of_correct"])
    figures += (o["f1"], o["title_correct"], o["organization_correct"])
    return [f"{x:.3f}" for x in figures]


def _report(name: str, sets: tuple[list[dict], list[dict], list[dict]], tmp: Path) -> list[list[str]]:
    articles, gold_facts, gold_officials = sets
    folder = tmp / name.replace(" ", "-")
    folder.mkdir()
    files = {k: _write(folder / f"{k}.jsonl", v) for k, v in zip(("articles", "gf", "go"), sets, strict=True)}
    facts, officials = folder / "facts.jsonl", folder / "officials.jsonl"
    cmd = [sys.executable, "-m", "fupin", "extract", "--in", str(files["articles"]), "--out", str(facts)]
    subprocess.run([*cmd, "--officials", str(officials)], check=True, capture_output=True)
    rows = []
    for lang in ("zh", "en"):
        ids = [a["id"] for a in articles if a.get("language") == lang]
        if not ids:
            continue
        id_file = _write(folder / f"ids-{lang}.jsonl", [{"id": i} for i in ids])
        result = score(str(files["gf"]), str(facts), str(files["go"]), str(officials), str(id_file))
        firm = sum(1 for f in gold_facts if f["article_id"] in set(ids) and not f.get("uncertain"))
        rows.append([name, lang, str(len(ids)), str(firm), *_row(result)])
    return rows


def _agreement_rows(shared: Path, tmp: Path) -> list[list[str]]:
    """The second annotation of the blind pages scored against the first, per language."""
    pages3 = shared / "eval" / "unlabeled" / "pages3.articles.jsonl"
    second = DATA / "pages3" / "gold2.facts.jsonl"
    if not (pages3.exists() and second.exists()):
        return []
    blind = set(json.loads((DATA / "pages3" / "split.json").read_text(encoding="utf-8"))["blind"])
    articles = [a for a in _read(pages3) if a["id"] in blind]
    folder = tmp / "agreement"
    folder.mkdir()
    gold = {k: DATA / "pages3" / f"gold.{k}.jsonl" for k in ("facts", "officials")}
    second_officials = DATA / "pages3" / "gold2.officials.jsonl"
    firm = _write(folder / "firm.jsonl", [f for f in _read(second) if not f.get("uncertain")])
    rows = []
    for lang in ("zh", "en"):
        ids = [a["id"] for a in articles if a.get("language") == lang]
        id_file = _write(folder / f"ids-{lang}.jsonl", [{"id": i} for i in ids])
        result = score(gold["facts"], firm, gold["officials"], second_officials, id_file)
        count = sum(1 for f in _read(gold["facts"]) if f["article_id"] in set(ids) and not f.get("uncertain"))
        rows.append(["blind: 2nd annotator", lang, str(len(ids)), str(count), *_row(result)])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared")
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    header = ["set", "lang", "pages", "firm facts", *COLUMNS]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, sets in _sets(args.shared).items():
            rows.extend(_report(name, sets, Path(tmp)))
        rows.extend(_agreement_rows(args.shared, Path(tmp)))
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
