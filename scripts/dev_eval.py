"""Run ``fupin extract`` over the dev set and score it, overall and per language.

usage: python scripts/dev_eval.py [--dev DIR] [--sets NAME,...] [--ner SPEC]

DIR defaults to ../shared/eval/dev ($FUPIN_SHARED/eval/dev when set); ``--sets`` picks
its files by prefix (e.g. seeds,pages: the set the quality floors were set on; default
all). Prints the reference scorer's report (as ``fupin evaluate`` gives it) for all
articles, then for Chinese and English separately.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from fupin.evaluation import render, score

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared") / "eval" / "dev"


def _concat(paths: list[Path], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for path in paths:
            fh.write(path.read_text(encoding="utf-8").rstrip("\n") + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", default=DEV)
    parser.add_argument("--sets", type=lambda v: v.split(","), help="file prefixes, e.g. seeds,pages")
    parser.add_argument("--ner")
    args = parser.parse_args()
    dev = Path(args.dev)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for kind in ("articles", "gold.facts", "gold.officials"):
            parts = [dev / f"{name}.{kind}.jsonl" for name in args.sets] if args.sets else None
            _concat(parts or sorted(dev.glob(f"*{kind}.jsonl")), t / f"{kind}.jsonl")
        cmd = [sys.executable, "-m", "fupin", "extract", "--in", str(t / "articles.jsonl")]
        cmd += ["--out", str(t / "facts.jsonl"), "--officials", str(t / "officials.jsonl")]
        if args.ner:
            cmd += ["--ner", args.ner]
        subprocess.run(cmd, check=True)
        languages = {
            json.loads(line)["id"]: json.loads(line).get("language") for line in open(t / "articles.jsonl")
        }
        for lang in (None, "zh", "en"):
            ids = t / f"ids-{lang}.jsonl"
            ids.write_text(
                "".join(json.dumps({"id": i}) + "\n" for i, lg in languages.items() if lang in (None, lg))
            )
            out = score(
                str(t / "gold.facts.jsonl"),
                str(t / "facts.jsonl"),
                str(t / "gold.officials.jsonl"),
                str(t / "officials.jsonl"),
                str(ids),
            )
            print(f"\n=== {lang or 'all'} ===")
            print(render(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
