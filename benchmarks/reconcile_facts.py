"""Synthetic facts (fact.schema.json) with the group sizes of a real crawl, for reconcile benchmarks.

usage: python benchmarks/reconcile_facts.py N OUT.jsonl [--seed 1]

Real corpora are mostly singletons (one county's figure in one article), some
stories reprinted by 2 to 20 outlets (copied sentences, some undated or dated by
their publication, a few translation slips), and national or provincial series
that hundreds of outlets report at each release (a few rounded variants, slips,
a dissenting figure). The generator keeps those proportions at every size:
about 55% of facts are singleton stories, 30% reprint stories and 15% series
reports, the number of series releases grows with N (each one gets hundreds
of reports) and the number of outlets with the square root of N.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

COUNT_METRICS = ("workshops", "workshops_resumed", "enterprises", "poor_workers_employed", "jobs")
PERCENT_METRICS = ("workshop_resumption_rate", "enterprise_resumption_rate")
YUAN_METRICS = ("income", "subsidy", "funds")
NATIONAL_METRICS = ("poor_migrant_workers", "workshops", "workshops_resumed", "enterprise_resumption_rate")
PROVINCES = [
    ("Hebei", 13), ("Shanxi", 14), ("Anhui", 34), ("Henan", 41), ("Hubei", 42), ("Hunan", 43),
    ("Guangxi", 45), ("Sichuan", 51), ("Guizhou", 52), ("Yunnan", 53), ("Shaanxi", 61), ("Gansu", 62),
]  # fmt: skip
START = date(2018, 1, 1)
DAYS = 4 * 365


def _unit(metric: str) -> str:
    if metric in PERCENT_METRICS or metric.endswith("_share_of_last_year"):
        return "percent"
    return "yuan" if metric in YUAN_METRICS else "count"


def _value(rng: random.Random, unit: str, scale: float = 1.0) -> float:
    if unit == "percent":
        return round(rng.uniform(40, 100), rng.choice((0, 1, 2)))
    return float(int(rng.lognormvariate(6, 2) * scale) + 1)


class Generator:
    """Deterministic fact stream: ``Generator(n, seed).facts()`` yields about ``n`` facts."""

    def __init__(self, n: int, seed: int = 1) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.sources = [f"outlet{i}.example.cn" for i in range(max(40, int(5 * math.sqrt(n))))]
        self.counties = [self._county() for _ in range(max(50, n // 5))]
        self.article = 0
        self.fact = 0
        n_series = max(1, int(0.15 * n) // 300)
        self.series = [self._release() for _ in range(n_series)]

    def _county(self) -> dict[str, Any]:
        province, code = self.rng.choice(PROVINCES)
        adcode = f"{code}{self.rng.randrange(100, 3000):04d}"
        return {"name": f"县{adcode}", "province": province, "level": "county", "adcode": adcode}

    def _date(self) -> date:
        return START + timedelta(days=self.rng.randrange(DAYS))

    def _as_of(self, day: date) -> str:
        precision = self.rng.random()
        if precision < 0.8:
            return day.isoformat()
        return day.isoformat()[:7] if precision < 0.95 else day.isoformat()[:4]

    def _release(self) -> dict[str, Any]:
        metric = self.rng.choice(NATIONAL_METRICS)
        national = self.rng.random() < 0.6
        province, code = self.rng.choice(PROVINCES)
        region = (
            {"name": "全国", "province": None, "level": "national", "adcode": None}
            if national
            else {"name": province, "province": province, "level": "province", "adcode": f"{code}0000"}
        )
        value = _value(self.rng, _unit(metric), 1000.0)
        day = self._date()
        sentences = [f"截至{day}，{region['name']}{metric}达到{value:g}（稿{k}）。" for k in range(3)]
        return {"metric": metric, "region": region, "value": value, "day": day, "sentences": sentences}

    def _fact(self, article: str, source: str, **fields: Any) -> dict[str, Any]:
        self.fact += 1
        day: date = fields.pop("day")
        sentence = fields.pop("sentence")
        fact = {
            "fact_id": f"f{self.fact:08d}",
            "article_id": article,
            "url": f"https://{source}/news/{article}.html",
            "source": source,
            "published": (day + timedelta(days=self.rng.randrange(0, 8))).isoformat(),
            "language": "zh" if self.rng.random() < 0.8 else "en",
            "scope": None,
            "period": None,
            "value_max": None,
            "bound": "exact",
            "as_of_source": "text",
            "evidence": {"sentence": sentence, "start": 3, "end": 9},
            **fields,
        }
        fact["unit"] = _unit(fact["metric"])
        return fact

    def _new_article(self) -> str:
        self.article += 1
        return f"a{self.article:07d}"

    def singleton(self) -> Iterator[dict[str, Any]]:
        """One article with one to three figures of one county."""
        article, source = self._new_article(), self.rng.choice(self.sources)
        region, day = self.rng.choice(self.counties), self._date()
        for metric in self.rng.sample(COUNT_METRICS + PERCENT_METRICS + YUAN_METRICS, self.rng.randint(1, 3)):
            value = _value(self.rng, _unit(metric))
            sentence = f"{region['name']}在{day}的{metric}为{value:g}，编号{self.fact}。"
            yield self._fact(article, source, metric=metric, region=region, value=value,
                             as_of=self._as_of(day), day=day, sentence=sentence)  # fmt: skip

    def reprint(self) -> Iterator[dict[str, Any]]:
        """A story and its copies in 1 to 19 other outlets (undated copies, slips, rounding)."""
        size = min(20, 2 + int(self.rng.expovariate(1 / 3)))
        region, day = self.rng.choice(self.counties), self._date()
        metric = self.rng.choice(COUNT_METRICS + YUAN_METRICS)
        value = _value(self.rng, _unit(metric), 10.0)
        sentence = f"据报道，{region['name']}截至{day}{metric}共计{value:g}，带动群众增收{self.fact}。"
        as_of = self._as_of(day)
        for k in range(size):
            fields: dict[str, Any] = {"metric": metric, "region": region, "value": value, "as_of": as_of}
            roll = self.rng.random()
            if k and roll < 0.2:
                fields.update(as_of=None, as_of_source=None)
            elif k and roll < 0.35:
                fields.update(as_of=(day + timedelta(days=2)).isoformat(), as_of_source="published")
            elif k and roll < 0.4:
                fields["value"] = value / 10  # a translation slip
            elif k and roll < 0.5:
                fields.update(value=float(f"{value:.2g}"), bound="about")
            text = sentence if self.rng.random() < 0.8 else f"{sentence}记者{k}报道。"
            yield self._fact(self._new_article(), self.rng.choice(self.sources), day=day, sentence=text,
                             **fields)  # fmt: skip

    def series_report(self) -> Iterator[dict[str, Any]]:
        """One outlet's report of a national or provincial release (hundreds per release)."""
        release = self.rng.choice(self.series)
        value, roll = release["value"], self.rng.random()
        fields: dict[str, Any] = {"value": value, "bound": "exact"}
        if roll < 0.25:
            fields.update(value=float(f"{value:.3g}"), bound="about")
        elif roll < 0.35:
            fields.update(value=float(f"{value:.2g}"), bound="more_than")
        elif roll < 0.4:
            fields["value"] = value * 10 if release["metric"] != "enterprise_resumption_rate" else value / 10
        elif roll < 0.45:
            fields["value"] = round(value * 1.3, 1)
        as_of = release["day"].isoformat()
        source_kind = "text"
        if self.rng.random() < 0.1:
            as_of, source_kind = (release["day"] + timedelta(days=3)).isoformat(), "published"
        sentence = (
            self.rng.choice(release["sentences"])
            if self.rng.random() < 0.6
            else (f"{release['region']['name']}{release['metric']}为{fields['value']:g}，见第{self.fact}号。")
        )
        yield self._fact(self._new_article(), self.rng.choice(self.sources), metric=release["metric"],
                         region=release["region"], as_of=as_of, as_of_source=source_kind,
                         day=release["day"], sentence=sentence, **fields)  # fmt: skip

    def facts(self) -> Iterator[dict[str, Any]]:
        """About ``n`` facts: singleton, reprint and series stories in their proportions."""
        while self.fact < self.n:
            roll = self.rng.random()
            story = self.singleton if roll < 0.56 else self.reprint if roll < 0.7 else self.series_report
            yield from story()


def synthetic_facts(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """About ``n`` synthetic facts (the last story may run a few over)."""
    return list(Generator(n, seed).facts())


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for fact in Generator(args.n, args.seed).facts():
            fh.write(json.dumps(fact, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
