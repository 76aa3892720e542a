"""Scoring extracted facts and officials against gold annotations.

``fupin evaluate`` gives the figures of the project's reference scorer
(``../shared/tools/score.py``; a test runs both and compares them), with its own code:

- **facts**: a prediction can stand for a gold fact of the same article when both
  name the same metric and the values agree (within 0.011 for a percentage, else
  within 0.5% of the gold value). Each gold fact, in file order, takes the first
  unused such prediction that also gets the most of region and date right.
  *Lenient* counts every such match; *strict* accepts only predictions that also
  have the gold's province (or, like the gold, none: national and group levels)
  and the gold's ``as_of`` at the gold's precision (``2020-06`` accepts
  ``2020-06-30``). A gold fact marked ``uncertain`` is never a miss, and the
  prediction it takes is neither a hit nor a false positive.
- **officials**: a gold official is found when a prediction of the same article has
  the same name once case, spaces, hyphens, dots and middle dots are ignored (one
  record per name: the first predicted, the last in the gold); the title and
  organization are then right when they share at least half of the gold's words
  (characters in Chinese), and the role when it is the same. Other predicted names
  are false positives.

Only articles of the gold facts count, or those listed with ``--articles``; within
them, facts and officials are counted in articles that have gold ones. ``score``
returns the reference's JSON object and ``render`` its text report; ``evaluate``
returns an :class:`Evaluation` whose ``by_metric()`` is a pandas DataFrame.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

Record = dict[str, Any]

#: Largest difference between two percentages that still agree (percentage points).
PERCENT_TOLERANCE = 0.011
#: Largest difference between two other values that still agree, relative to the gold value.
RELATIVE_TOLERANCE = 0.005
#: Suffixes dropped from province names before they are compared, in this order.
PROVINCE_SUFFIXES = (" province", " municipality", " autonomous region", "省", "市", "自治区")
#: English words that do not count when titles and organizations are compared.
STOPWORDS = frozenset({"of", "the", "and", "for", "s"})

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_NAME_PUNCTUATION = re.compile(r"[\s\-·.]")


class EvaluationInputError(ValueError):
    """An input file that is not JSON Lines of objects in UTF-8."""


# -- reading ------------------------------------------------------------------------------------


def read_records(path: str | Path) -> list[Record]:
    """The JSON objects of a JSON Lines file, blank lines skipped."""
    records = []
    with open(path, encoding="utf-8") as fh:
        try:
            lines = list(fh)
        except UnicodeDecodeError as exc:
            raise EvaluationInputError(f"{path}: not UTF-8: {exc}") from exc
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationInputError(f"{path}:{number}: not JSON: {exc}") from exc
        if not isinstance(record, dict):
            raise EvaluationInputError(f"{path}:{number}: not a JSON object")
        records.append(record)
    return records


def by_article(records: Iterable[Record]) -> dict[Any, list[Record]]:
    """Records grouped by ``article_id``, articles and records in file order."""
    groups: dict[Any, list[Record]] = defaultdict(list)
    for record in records:
        groups[record.get("article_id")].append(record)
    return groups


# -- counts -------------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def rounded(self) -> tuple[float, float, float]:
        """Precision, recall and F1 to three decimals."""
        return round(self.precision, 3), round(self.recall, 3), round(self.f1, 3)


@dataclass
class MatchChecks:
    """Of the matched gold facts: how many had the region, the date, the bound wrong."""

    matched: int = 0
    region_wrong: int = 0
    as_of_wrong: int = 0
    bound_wrong: int = 0

    def share_right(self, wrong: int) -> float:
        """Share of matches not wrong in one respect (1.0 when nothing matched), three decimals."""
        return round(1 - wrong / max(self.matched, 1), 3)


@dataclass
class FactScores:
    """Fact matching in one mode: counts per metric and checks on the matches."""

    by_metric: dict[Hashable, Counts] = field(default_factory=dict)
    checks: MatchChecks = field(default_factory=MatchChecks)

    @property
    def total(self) -> Counts:
        return sum(self.by_metric.values(), Counts())

    def counts(self, metric: Hashable) -> Counts:
        return self.by_metric.setdefault(metric, Counts())


@dataclass
class OfficialScores:
    """Officials matched by name, and how many of the found ones had title, organization, role right."""

    counts: Counts = field(default_factory=Counts)
    title_right: int = 0
    organization_right: int = 0
    role_right: int = 0

    def share(self, right: int) -> float:
        """Share of found officials right in one respect (of at least one), three decimals."""
        return round(right / max(self.counts.tp, 1), 3)


@dataclass
class Evaluation:
    """Everything ``fupin evaluate`` reports."""

    articles: int
    gold_facts: int
    pred_facts: int
    lenient: FactScores
    strict: FactScores
    officials: OfficialScores | None = None

    def to_dict(self) -> dict[str, Any]:
        """The reference scorer's JSON object (keys in its order)."""
        out: dict[str, Any] = {
            "articles": self.articles,
            "gold_facts": self.gold_facts,
            "pred_facts": self.pred_facts,
            "lenient": _overall(self.lenient.total),
            "of_lenient_matches": {
                "region_correct": self.lenient.checks.share_right(self.lenient.checks.region_wrong),
                "as_of_correct": self.lenient.checks.share_right(self.lenient.checks.as_of_wrong),
                "bound_correct": self.lenient.checks.share_right(self.lenient.checks.bound_wrong),
            },
            "strict": _overall(self.strict.total),
            "strict_by_metric": {
                metric: _per_metric(counts)
                for metric, counts in sorted(self.strict.by_metric.items(), key=lambda kv: str(kv[0]))
            },
        }
        if self.officials is not None:
            o = self.officials
            out["officials"] = {
                **_overall(o.counts),
                "title_correct": o.share(o.title_right),
                "organization_correct": o.share(o.organization_right),
                "role_correct": o.share(o.role_right),
            }
        return out

    def by_metric(self) -> pd.DataFrame:
        """Strict counts and scores per metric, one row each (index: metric)."""
        import pandas as pd

        rows = self.to_dict()["strict_by_metric"]
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=["p", "r", "f1", "tp", "fp", "fn"])
        frame.index.name = "metric"
        return frame


def _overall(counts: Counts) -> dict[str, float | int]:
    precision, recall, f1 = counts.rounded()
    return {"precision": precision, "recall": recall, "f1": f1, **_raw(counts)}


def _per_metric(counts: Counts) -> dict[str, float | int]:
    p, r, f1 = counts.rounded()
    return {"p": p, "r": r, "f1": f1, **_raw(counts)}


def _raw(counts: Counts) -> dict[str, int]:
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn}


# -- facts --------------------------------------------------------------------------------------


def values_agree(gold: Record, pred: Record) -> bool:
    """Whether the predicted value is the gold value, within the tolerance of the gold's unit."""
    try:
        expected, got = float(gold["value"]), float(pred["value"])
    except (KeyError, TypeError, ValueError):
        return False
    if gold.get("unit") == "percent":
        return abs(expected - got) <= PERCENT_TOLERANCE
    return abs(expected - got) <= max(RELATIVE_TOLERANCE * abs(expected), 1e-9)


def province_key(name: object) -> str | None:
    """A province name compared loosely: NFKC, lower case, without "Province", "省", "市" and the like."""
    if not name:
        return None
    key = unicodedata.normalize("NFKC", str(name)).lower().strip()
    for suffix in PROVINCE_SUFFIXES:
        key = key.removesuffix(suffix)
    return key.strip() or None


def region_agrees(gold: Record, pred: Record) -> bool:
    """Same province, or no province in either (national and group levels)."""
    gold_province = province_key((gold.get("region") or {}).get("province"))
    pred_province = province_key((pred.get("region") or {}).get("province"))
    return gold_province == pred_province


def as_of_agrees(gold: Record, pred: Record) -> bool:
    """The gold date at its own precision starts the predicted one (no gold date: always)."""
    expected = gold.get("as_of")
    if not expected:
        return True
    return (pred.get("as_of") or "").startswith(expected)


@dataclass(frozen=True)
class _Candidate:
    index: int
    region_right: bool
    as_of_right: bool

    @property
    def rank(self) -> int:
        return self.region_right + self.as_of_right


def _best_prediction(
    gold: Record, preds: Sequence[Record], taken: set[int], strict: bool
) -> _Candidate | None:
    """The first free prediction that can match ``gold`` with the most of region and date right."""
    candidates = []
    for index, pred in enumerate(preds):
        if index in taken or pred.get("metric") != gold["metric"] or not values_agree(gold, pred):
            continue
        candidate = _Candidate(index, region_agrees(gold, pred), as_of_agrees(gold, pred))
        if strict and candidate.rank < 2:
            continue
        candidates.append(candidate)
    return max(candidates, key=lambda c: c.rank, default=None)  # max keeps the first of equals


def _match_article(golds: list[Record], preds: list[Record], strict: bool, scores: FactScores) -> None:
    """Greedy one-to-one matching within one article, added to ``scores``."""
    taken: set[int] = set()
    for gold in golds:
        best = _best_prediction(gold, preds, taken, strict)
        if best is not None:
            taken.add(best.index)
        if gold.get("uncertain"):
            continue
        if best is None:
            scores.counts(gold["metric"]).fn += 1
            continue
        scores.counts(gold["metric"]).tp += 1
        checks = scores.checks
        checks.matched += 1
        checks.region_wrong += not best.region_right
        checks.as_of_wrong += not best.as_of_right
        checks.bound_wrong += (preds[best.index].get("bound") or "exact") != (gold.get("bound") or "exact")
    for index, pred in enumerate(preds):
        if index not in taken:
            scores.counts(pred.get("metric")).fp += 1


def match_facts(gold: Iterable[Record], pred: Iterable[Record], strict: bool) -> FactScores:
    """Fact matching over all articles that have gold facts."""
    scores = FactScores()
    preds = by_article(pred)
    for article, golds in by_article(gold).items():
        _match_article(golds, preds.get(article, []), strict, scores)
    return scores


# -- officials ----------------------------------------------------------------------------------


def name_key(name: str | None) -> str:
    """A person's name compared loosely: NFKC, lower case, no spaces, hyphens, dots or middle dots."""
    return _NAME_PUNCTUATION.sub("", unicodedata.normalize("NFKC", name or "").lower())


def words(text: str | None) -> set[str]:
    """The Chinese characters of a text that has any, else its English words less a few stopwords."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if _HAN.search(text):
        return set(_HAN.findall(text))
    return set(_LATIN_WORD.findall(text)) - STOPWORDS


def words_agree(gold: str | None, pred: str | None) -> bool:
    """The prediction has at least half of the gold's words (nothing to find: always)."""
    expected = words(gold)
    return not expected or len(expected & words(pred)) / len(expected) >= 0.5


def match_officials(gold: Iterable[Record], pred: Iterable[Record]) -> OfficialScores:
    """Officials matched by name key in each article that has gold officials."""
    scores = OfficialScores()
    preds = by_article(pred)
    for article, golds in by_article(gold).items():
        found: dict[str, Record] = {}
        for record in preds.get(article, []):
            found.setdefault(name_key(record.get("name")), record)
        expected = {name_key(record["name"]): record for record in golds}
        for key, official in expected.items():
            match = found.get(key)
            if match is None:
                scores.counts.fn += 1
                continue
            scores.counts.tp += 1
            scores.title_right += words_agree(official.get("title"), match.get("title"))
            scores.organization_right += words_agree(official.get("organization"), match.get("organization"))
            scores.role_right += (official.get("role") or "official") == (match.get("role") or "official")
        scores.counts.fp += len(found.keys() - expected.keys())
    return scores


# -- the whole evaluation -----------------------------------------------------------------------


def evaluate_records(
    gold_facts: list[Record],
    pred_facts: list[Record],
    gold_officials: list[Record] | None = None,
    pred_officials: list[Record] | None = None,
    article_ids: set[Any] | None = None,
) -> Evaluation:
    """Score records in memory; ``article_ids`` defaults to the articles of the gold facts."""
    ids = {g["article_id"] for g in gold_facts} if article_ids is None else article_ids
    gold = [g for g in gold_facts if g["article_id"] in ids]
    pred = [p for p in pred_facts if p.get("article_id") in ids]
    officials = None
    if gold_officials is not None and pred_officials is not None:
        officials = match_officials(
            [g for g in gold_officials if g["article_id"] in ids],
            [p for p in pred_officials if p.get("article_id") in ids],
        )
    return Evaluation(
        articles=len(ids),
        gold_facts=sum(not g.get("uncertain") for g in gold),
        pred_facts=len(pred),
        lenient=match_facts(gold, pred, strict=False),
        strict=match_facts(gold, pred, strict=True),
        officials=officials,
    )


def evaluate(
    gold_facts: str | Path,
    pred_facts: str | Path,
    gold_officials: str | Path | None = None,
    pred_officials: str | Path | None = None,
    articles: str | Path | None = None,
) -> Evaluation:
    """Score files; officials only when both officials files are given, ``articles`` limits the ids.

    Files are read in the reference's order, so that of several bad files the same one is named.
    """
    gold = read_records(gold_facts)
    ids = {a["id"] for a in read_records(articles)} if articles else None
    pred = read_records(pred_facts)
    if not (gold_officials and pred_officials):
        return evaluate_records(gold, pred, article_ids=ids)
    return evaluate_records(gold, pred, read_records(gold_officials), read_records(pred_officials), ids)


def score(
    gold_facts: str | Path,
    pred_facts: str | Path,
    gold_officials: str | Path | None = None,
    pred_officials: str | Path | None = None,
    articles: str | Path | None = None,
) -> dict[str, Any]:
    """All figures as one dict: the reference scorer's ``--json`` output."""
    return evaluate(gold_facts, pred_facts, gold_officials, pred_officials, articles).to_dict()


# -- the text report ----------------------------------------------------------------------------


def _figures(s: dict[str, Any], p: str = "precision", r: str = "recall", sep: str = "  ") -> str:
    return f"P {s[p]:.3f}{sep}R {s[r]:.3f}{sep}F1 {s['f1']:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']})"


def render(out: dict[str, Any]) -> str:
    """The text report of a ``score`` dict, line for line the reference scorer's."""
    lines = [f"articles {out['articles']}  gold facts {out['gold_facts']}  predicted {out['pred_facts']}"]
    lines += [f"facts {mode:8s} {_figures(out[mode])}" for mode in ("lenient", "strict")]
    checks = out["of_lenient_matches"]
    lines.append(
        f"of lenient matches: region {checks['region_correct']:.3f}  as_of {checks['as_of_correct']:.3f}"
        f"  bound {checks['bound_correct']:.3f}"
    )
    lines.append("strict F1 by metric:")
    lines += [
        f"  {str(metric):42s} {_figures(s, 'p', 'r', ' ')}" for metric, s in out["strict_by_metric"].items()
    ]
    if "officials" in out:
        o = out["officials"]
        lines.append(
            f"officials P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}"
            f"  title {o['title_correct']:.3f}  org {o['organization_correct']:.3f}"
            f"  role {o['role_correct']:.3f}"
        )
    return "\n".join(lines)
