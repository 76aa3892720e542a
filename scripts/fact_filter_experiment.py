"""Experiment (issue 11): can a statistical false-positive filter beat the hand-written rules?

usage: python scripts/fact_filter_experiment.py [--shared DIR] [--rev REV] [--folds K] [--repeats N]
                                                [--target lenient|strict] [--models lr,gbm]
                                                [--details] [--json PATH]

The rules propose candidate facts (``fupin extract``). A classifier trained on those
candidates decides keep / drop for each one; this script measures, by cross-validation
over articles, whether "rules + filter" scores better than "rules alone". It is an
experiment: nothing in ``fupin`` uses it, and it needs scikit-learn, which the project
does not depend on (``.venv/bin/pip install scikit-learn``).

Data (real news pages annotated by people who did not read the rules):

- ``$SHARED/eval/dev/{seeds,pages,pages2}`` articles and gold facts;
- the *tune* part of pages3: articles of ``$SHARED/eval/unlabeled/pages3.articles.jsonl``
  whose id is in the ``tune`` list of ``tests/data/pages3/split.json``, gold from
  ``tests/data/pages3/gold.facts.jsonl``. Articles of the ``blind`` list are dropped
  as the file is read and never extracted, labelled or scored.

``$SHARED`` is ``../shared`` beside the checkout, or ``$FUPIN_SHARED``, or ``--shared``.

Labels. All articles are extracted once with ``fupin extract`` of the committed rules
(``--rev``, default HEAD; ``--rev worktree`` for the checkout with its edits). In each
article the gold facts are matched one-to-one to the candidates exactly as
``fupin.evaluation`` does it (each gold fact in file order takes the first free candidate
of the same metric whose value agrees, preferring the one with most of region and as_of
right). With
``--target lenient`` (default) a candidate taken by a firm gold fact is positive, one
taken by nothing is negative, one taken by an ``uncertain`` gold fact is left out of
training (and the scorer counts it neither as hit nor as false positive). With
``--target strict`` the same is done with strict matching (region and as_of must be
right too), so a candidate with the right number but the wrong region or date is a
negative.

Features of a candidate: metric, bound, unit, scope, period, region level, whether a
province / region / a text date (as_of_source) was found, value_max, the rule's
confidence, the counter word after the number (个, 家, 人, 元, ... or the next English
word), log10 of the value, roundness of the value, a percentage above 100, position in
the article, headline or not, the number of candidates in the sentence and the article,
repeats of the same value, sentence length; and the context around the number: character
1-3-grams of 12 characters either side for Chinese, word 1-2-grams of 6 words either side
for English (left and right context kept apart).

Models: logistic regression (balanced class weights, features scaled to [-1, 1]) and a
small gradient boosting model (100 trees of depth 2, balanced sample weights).

Cross-validation. Articles are grouped so that copies of one story fall in one fold: the
``reprint_groups`` of pages3, and any two articles (of any set or language) whose gold
facts share a value with at least three significant digits (968, 27507000, 100.79) or
share three values of any kind. ``StratifiedGroupKFold`` (K folds, default 5) spreads the
few negatives over the folds. For every held-out fold:

- *rules*: all candidates of the held-out articles;
- *rules + filter*: the model is fitted on the labelled candidates of the training folds;
  the threshold is chosen inside the training folds only (an inner grouped K-1-fold
  cross-validation gives out-of-fold probabilities for the training candidates, and the
  threshold with the best training F1 of the ``--target`` kind is kept; ties go to the
  lowest threshold, i.e. to dropping less; no filter when the training folds hold fewer
  than two negatives); candidates of the held-out articles with P(positive) below it are
  dropped;
- *oracle*: every negative of the held-out articles dropped (the most a filter can gain).

Each is scored with ``fupin.evaluation.evaluate_records`` (the reference scorer's figures)
over the held-out articles, lenient and strict. Three setups: Chinese only, English only,
and pooled (one model for both languages, language a feature; scored overall and per
language). The cross-validation is repeated ``--repeats`` times with other shuffles; the
per-fold table is the first repeat's, the summary gives the mean over repeats of the
micro F1 (counts summed over the folds) and the mean of the per-fold F1.

Then both models are fitted on all labelled candidates (pooled) and the features that
weigh most are printed: the largest logistic coefficients either way and the gradient
boosting importances. ``--details`` lists every negative candidate and, for each fold,
what the filter dropped. ``--json PATH`` writes all figures.

Result when written (rules of 3b780a7, 5 folds x 5 shuffles): the rules leave 4 lenient
negatives among 350 labelled candidates (zh 1 of 226, en 3 of 124; 14 strict negatives).
No threshold chosen inside the training folds drops anything, so rules + filter equals
rules alone in every fold (pooled lenient F1 0.979, strict 0.955; an oracle that drops
every negative would reach 0.984 / 0.960). On the rules of dc689bb, before the rules were
tuned on these pages (42 negatives), the filter gains about 0.006 lenient and 0.008
strict F1 pooled (0.878 -> 0.884, 0.796 -> 0.804) and nothing in the per-language setups
(zh 0.898 -> 0.894 / 0.897, en 0.839 -> 0.840 / 0.845 lenient, lr / gbm), far below the
oracle (0.934) and the tuned rules. Keep the rules; scikit-learn stays out of the
project. These pages are the ones the rules were written against, so they hold few
negatives by construction; the negatives a filter would need are those of pages nobody
has tuned on.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fupin.evaluation import as_of_agrees, evaluate_records, region_agrees, values_agree

try:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedGroupKFold
    from sklearn.preprocessing import MaxAbsScaler
except ImportError:  # pragma: no cover - the experiment's own dependency
    sys.exit("scikit-learn is needed for this experiment: .venv/bin/pip install scikit-learn")

ROOT = Path(__file__).resolve().parents[1]
PAGES3 = ROOT / "tests" / "data" / "pages3"
DEV_SETS = ("seeds", "pages", "pages2")
ZH_WINDOW = 12  # characters either side of the number
EN_WINDOW = 6  # words either side of the number
ZH_COUNTERS = set("个家人名户元万亿千百%％座处间所条项次名位")
_EN_WORD = re.compile(r"[A-Za-z]+|\d[\d,.]*|%")

Record = dict[str, Any]

# With a handful of negatives StratifiedGroupKFold warns that a class has fewer members than folds.
warnings.filterwarnings("ignore", message="The least populated class in y has only")


# -- data ---------------------------------------------------------------------------------------


def _read(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_data(shared: Path) -> tuple[list[Record], list[Record], list[list[str]]]:
    """Articles, gold facts and pages3 reprint groups; pages3's blind ids are dropped on reading."""
    dev = shared / "eval" / "dev"
    articles: list[Record] = []
    gold: list[Record] = []
    for name in DEV_SETS:
        articles += _read(dev / f"{name}.articles.jsonl")
        gold += _read(dev / f"{name}.gold.facts.jsonl")
    split = json.loads((PAGES3 / "split.json").read_text(encoding="utf-8"))
    tune, blind = set(split["tune"]), set(split["blind"])
    with (shared / "eval" / "unlabeled" / "pages3.articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                article = json.loads(line)
                if article["id"] in tune:
                    articles.append(article)
    gold += [g for g in _read(PAGES3 / "gold.facts.jsonl") if g["article_id"] in tune]
    ids = {a["id"] for a in articles}
    assert not ids & blind and not {g["article_id"] for g in gold} & blind, "a blind page slipped in"
    assert len(ids) == len(articles), "article ids repeat across sets"
    groups = [[i for i in group if i in tune] for group in split["reprint_groups"]]
    return articles, gold, [g for g in groups if len(g) > 1]


def extract(articles: list[Record], folder: Path, rev: str) -> list[Record]:
    """The rules' candidates: ``fupin extract`` run once over all articles.

    ``rev`` "worktree" runs the checkout as it is; any other value is a git revision whose
    ``fupin`` package is unpacked (``git archive``) into ``folder`` and run from there, so that
    the figures belong to one committed version of the rules.
    """
    src, out, officials = folder / "articles.jsonl", folder / "facts.jsonl", folder / "officials.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    cmd = [sys.executable, "-m", "fupin", "extract", "--in", str(src), "--out", str(out)]
    env, cwd = dict(os.environ), ROOT
    if rev != "worktree":
        code = folder / "code"
        code.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "fupin"], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
        env["PYTHONPATH"] = str(code) + os.pathsep + env.get("PYTHONPATH", "")
        cwd = code
    done = subprocess.run(
        [*cmd, "--officials", str(officials)], capture_output=True, text=True, env=env, cwd=cwd
    )
    if done.returncode:
        sys.exit(f"fupin extract failed ({rev}):\n{done.stderr[-2000:]}")
    return _read(out)


def describe(rev: str) -> str:
    """The commit (or "working tree") the candidates come from."""
    if rev == "worktree":
        return "working tree"
    done = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True
    )
    return f"{rev} = {done.stdout.strip() or '?'}"


# -- labels -------------------------------------------------------------------------------------


def label_candidates(gold: list[Record], preds: list[Record], strict: bool) -> list[str]:
    """'pos', 'neg' or 'unc' (taken by an uncertain gold fact, or an article without gold) per candidate.

    The greedy one-to-one matching of ``fupin.evaluation._match_article``, keeping which
    candidate each gold fact took.
    """
    gold_by, pred_by = defaultdict(list), defaultdict(list)
    for g in gold:
        gold_by[g["article_id"]].append(g)
    for index, p in enumerate(preds):
        pred_by[p["article_id"]].append(index)
    labels = ["unc"] * len(preds)
    for article, indices in pred_by.items():
        if article not in gold_by:
            continue  # not scored by the evaluation: no label
        taken: dict[int, Record] = {}
        for g in gold_by[article]:
            best: tuple[int, int] | None = None
            for index in indices:
                p = preds[index]
                if index in taken or p.get("metric") != g["metric"] or not values_agree(g, p):
                    continue
                rank = region_agrees(g, p) + as_of_agrees(g, p)
                if strict and rank < 2:
                    continue
                if best is None or rank > best[0]:
                    best = (rank, index)
            if best is not None:
                taken[best[1]] = g
        for index in indices:
            if index not in taken:
                labels[index] = "neg"
            else:
                labels[index] = "unc" if taken[index].get("uncertain") else "pos"
    return labels


# -- groups -------------------------------------------------------------------------------------


def _significant_digits(value: float) -> int:
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return len(digits)


def article_groups(ids: list[str], gold: list[Record], reprints: list[list[str]]) -> dict[str, int]:
    """Group number per article: pages3 reprint groups, and articles sharing distinctive gold numbers."""
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for group in reprints:
        members = [i for i in group if i in parent]
        for other in members[1:]:
            union(members[0], other)
    values: dict[str, set[float]] = defaultdict(set)
    for g in gold:
        if g["article_id"] in parent:
            values[g["article_id"]].add(float(g["value"]))
    keyed = sorted(values)
    for n, a in enumerate(keyed):
        for b in keyed[n + 1 :]:
            shared = values[a] & values[b]
            if len(shared) >= 3 or any(_significant_digits(v) >= 3 for v in shared):
                union(a, b)
    roots = {root: n for n, root in enumerate(sorted({find(i) for i in ids}))}
    return {i: roots[find(i)] for i in ids}


# -- features -----------------------------------------------------------------------------------


def _field_text(article: Record, pred: Record) -> str:
    evidence = pred.get("evidence") or {}
    return (article.get("title") or "") if evidence.get("field") == "title" else (article.get("text") or "")


def _roundness(value: float) -> int:
    """Number of trailing zeros of the integer part (0 for fractions)."""
    if value <= 0 or not float(value).is_integer():
        return 0
    n, zeros = int(value), 0
    while n and n % 10 == 0:
        n //= 10
        zeros += 1
    return zeros


def features(preds: list[Record], articles: dict[str, Record]) -> tuple[list[dict], list[str], list[str]]:
    """Structured features, left context and right context (each prefixed by the language)."""
    per_article = Counter(p["article_id"] for p in preds)
    per_sentence = Counter((p["article_id"], (p.get("evidence") or {}).get("sentence")) for p in preds)
    same_value = Counter((p["article_id"], float(p["value"])) for p in preds)
    same_fact = Counter((p["article_id"], p.get("metric"), float(p["value"])) for p in preds)
    rows, lefts, rights = [], [], []
    for p in preds:
        article = articles[p["article_id"]]
        lang = p.get("language") or article.get("language") or "en"
        evidence = p.get("evidence") or {}
        text = _field_text(article, p)
        start, end = int(evidence.get("start") or 0), int(evidence.get("end") or 0)
        region = p.get("region") or {}
        value = float(p["value"])
        sentence = evidence.get("sentence") or ""
        row: dict[str, Any] = {
            f"metric={p.get('metric')}": 1,
            f"bound={p.get('bound')}": 1,
            f"unit={p.get('unit')}": 1,
            f"scope={p.get('scope')}": 1,
            f"period={p.get('period')}": 1,
            f"level={region.get('level')}": 1,
            f"lang={lang}": 1,
            f"as_of_source={p.get('as_of_source')}": 1,
            "has_province": int(bool(region.get("province"))),
            "has_region_name": int(bool(region.get("name"))),
            "has_adcode": int(bool(region.get("adcode"))),
            "has_value_max": int(p.get("value_max") is not None),
            "rule_confidence": int(p.get("confidence") is not None),
            "log10_value": math.log10(value + 1),
            "round_zeros": _roundness(value),
            "fractional": int(not value.is_integer()),
            "percent_over_100": int(p.get("unit") == "percent" and value > 100),
            "position": start / max(len(text), 1),
            "in_title": int(evidence.get("field") == "title"),
            "log_cands_article": math.log1p(per_article[p["article_id"]]),
            "cands_in_sentence": per_sentence[(p["article_id"], sentence)],
            "same_value_in_article": same_value[(p["article_id"], value)] - 1,
            "same_fact_in_article": same_fact[(p["article_id"], p.get("metric"), value)] - 1,
            "log_sentence_len": math.log1p(len(sentence)),
        }
        if lang == "zh":
            after = text[end : end + 1]
            row[f"counter={after if after in ZH_COUNTERS else 'other'}"] = 1
            lefts.append("zh\t" + text[max(0, start - ZH_WINDOW) : start])
            rights.append("zh\t" + text[end : end + ZH_WINDOW])
        else:
            left_words = _EN_WORD.findall(text[max(0, start - 200) : start])[-EN_WINDOW:]
            right_words = _EN_WORD.findall(text[end : end + 200])[:EN_WINDOW]
            row[f"counter={(right_words[0].lower() if right_words else 'none')}"] = 1
            lefts.append("en\t" + " ".join(left_words))
            rights.append("en\t" + " ".join(right_words))
        rows.append(row)
    return rows, lefts, rights


def _context_analyzer(doc: str) -> list[str]:
    """Character 1-3-grams for Chinese, lower-cased word 1-2-grams for English, prefixed by language."""
    lang, _, text = doc.partition("\t")
    if lang == "zh":
        text = re.sub(r"\s+", "", text)
        return [f"zh:{text[i : i + n]}" for n in (1, 2, 3) for i in range(len(text) - n + 1)]
    tokens = [t.lower() for t in text.split()]
    tokens = ["<num>" if t[0].isdigit() else t for t in tokens]
    return [f"en:{t}" for t in tokens] + [f"en:{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


class Featurizer:
    """Fitted on training candidates only: vocabularies never see held-out articles."""

    def __init__(self) -> None:
        self.dict = DictVectorizer()
        self.left = CountVectorizer(analyzer=_context_analyzer, binary=True, min_df=2)
        self.right = CountVectorizer(analyzer=_context_analyzer, binary=True, min_df=2)

    def fit_transform(self, rows: list[dict], lefts: list[str], rights: list[str]) -> csr_matrix:
        parts = [self.dict.fit_transform(rows)]
        parts.append(self._fit_text(self.left, lefts))
        parts.append(self._fit_text(self.right, rights))
        return hstack([p for p in parts if p is not None]).tocsr()

    def transform(self, rows: list[dict], lefts: list[str], rights: list[str]) -> csr_matrix:
        parts = [self.dict.transform(rows)]
        parts += [
            v.transform(t) if hasattr(v, "vocabulary_") else None
            for v, t in ((self.left, lefts), (self.right, rights))
        ]
        return hstack([p for p in parts if p is not None]).tocsr()

    @staticmethod
    def _fit_text(vectorizer: CountVectorizer, docs: list[str]):
        try:
            return vectorizer.fit_transform(docs)
        except ValueError:  # no n-gram in two documents
            return None

    def names(self) -> list[str]:
        names = list(self.dict.get_feature_names_out())
        for side, v in (("L", self.left), ("R", self.right)):
            if hasattr(v, "vocabulary_"):
                names += [f"{side}[{n}]" for n in v.get_feature_names_out()]
        return names


# -- models -------------------------------------------------------------------------------------


def _balanced_weights(y: np.ndarray) -> np.ndarray:
    counts = np.bincount(y, minlength=2)
    return np.array([len(y) / (2 * counts[label]) for label in y])


@dataclass
class Model:
    kind: str
    seed: int = 0
    featurizer: Featurizer = field(default_factory=Featurizer)
    scaler: MaxAbsScaler = field(default_factory=MaxAbsScaler)
    estimator: Any = None
    constant: float | None = None  # one class only in training: P(positive)

    def fit(self, rows: list[dict], lefts: list[str], rights: list[str], y: np.ndarray) -> Model:
        if len(set(y.tolist())) < 2:
            self.constant = float(y[0]) if len(y) else 1.0
            return self
        x = self.scaler.fit_transform(self.featurizer.fit_transform(rows, lefts, rights))
        if self.kind == "lr":
            self.estimator = LogisticRegression(
                C=1.0, class_weight="balanced", solver="liblinear", max_iter=5000
            )
            self.estimator.fit(x, y)
        else:
            self.estimator = GradientBoostingClassifier(
                n_estimators=100, max_depth=2, learning_rate=0.1, subsample=0.8, random_state=self.seed
            )
            self.estimator.fit(x, y, sample_weight=_balanced_weights(y))
        return self

    def proba(self, rows: list[dict], lefts: list[str], rights: list[str]) -> np.ndarray:
        if self.constant is not None:
            return np.full(len(rows), self.constant)
        x = self.scaler.transform(self.featurizer.transform(rows, lefts, rights))
        return self.estimator.predict_proba(x)[:, 1]


# -- the experiment -----------------------------------------------------------------------------


@dataclass
class Data:
    articles: dict[str, Record]
    gold: list[Record]
    preds: list[Record]
    labels: list[str]
    groups: dict[str, int]
    rows: list[dict]
    lefts: list[str]
    rights: list[str]

    def subset(self, indices: list[int]) -> tuple[list[dict], list[str], list[str]]:
        return (
            [self.rows[i] for i in indices],
            [self.lefts[i] for i in indices],
            [self.rights[i] for i in indices],
        )


def _score(data: Data, article_ids: set[str], kept: list[int]) -> dict[str, Any]:
    gold = [g for g in data.gold if g["article_id"] in article_ids]
    preds = [data.preds[i] for i in kept if data.preds[i]["article_id"] in article_ids]
    out = evaluate_records(gold, preds).to_dict()
    return {mode: {k: out[mode][k] for k in ("tp", "fp", "fn")} for mode in ("lenient", "strict")}


def _f1(counts: dict[str, int]) -> float:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _splits(indices: list[int], data: Data, folds: int, seed: int):
    """Grouped, stratified folds over candidates (candidates of one article group stay together)."""
    y = np.array([data.labels[i] == "neg" for i in indices], dtype=int)
    groups = np.array([data.groups[data.preds[i]["article_id"]] for i in indices])
    n_groups = len(set(groups.tolist()))
    splitter = StratifiedGroupKFold(n_splits=min(folds, n_groups), shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(indices)), y, groups):
        yield [indices[i] for i in train], [indices[i] for i in test]


def _labelled(data: Data, indices: list[int]) -> tuple[list[int], np.ndarray]:
    keep = [i for i in indices if data.labels[i] in ("pos", "neg")]
    return keep, np.array([data.labels[i] == "pos" for i in keep], dtype=int)


def _fit(data: Data, kind: str, indices: list[int], seed: int) -> Model:
    labelled, y = _labelled(data, indices)
    return Model(kind, seed).fit(*data.subset(labelled), y)


def _choose_threshold(data: Data, kind: str, train: list[int], target: str, folds: int, seed: int) -> float:
    """Threshold with the best training-fold F1 on out-of-fold probabilities (0: keep all)."""
    _, y = _labelled(data, train)
    if (y == 0).sum() < 2:
        return 0.0
    probs: dict[int, float] = {}
    for inner_train, inner_test in _splits(train, data, max(2, folds - 1), seed + 1000):
        model = _fit(data, kind, inner_train, seed)
        for i, p in zip(inner_test, model.proba(*data.subset(inner_test)), strict=True):
            probs[i] = float(p)
    ids = {data.preds[i]["article_id"] for i in train}
    grid = [0.0] + sorted({p + 1e-9 for p in probs.values() if p < 1.0})
    best, best_f1 = 0.0, -1.0
    for t in grid:
        kept = [i for i in train if probs[i] >= t]
        f1 = _f1(_score(data, ids, kept)[target])
        if f1 > best_f1 + 1e-12:
            best, best_f1 = t, f1
    return best


@dataclass
class FoldResult:
    fold: int
    articles: int
    negatives: int
    threshold: dict[str, float]
    dropped: dict[str, list[int]]
    probs: dict[str, dict[int, float]]  # model -> held-out candidate -> P(positive)
    scores: dict[str, dict[str, Any]]  # system -> lang -> mode -> counts


def run_cv(
    data: Data, indices: list[int], models: list[str], target: str, folds: int, seed: int
) -> list[FoldResult]:
    results = []
    for n, (train, test) in enumerate(_splits(indices, data, folds, seed)):
        test_ids = {data.preds[i]["article_id"] for i in test}
        langs = sorted({data.preds[i]["language"] for i in test})
        systems: dict[str, list[int]] = {
            "rules": test,
            "oracle": [i for i in test if data.labels[i] != "neg"],
        }
        thresholds, dropped, held_out = {}, {}, {}
        for kind in models:
            threshold = _choose_threshold(data, kind, train, target, folds, seed)
            model = _fit(data, kind, train, seed)
            probs = model.proba(*data.subset(test))
            systems[kind] = [i for i, p in zip(test, probs, strict=True) if p >= threshold]
            thresholds[kind] = threshold
            dropped[kind] = [i for i, p in zip(test, probs, strict=True) if p < threshold]
            held_out[kind] = {i: float(p) for i, p in zip(test, probs, strict=True)}
        scores = {}
        for name, kept in systems.items():
            scores[name] = {"all": _score(data, test_ids, kept)}
            if len(langs) > 1:
                for lang in langs:
                    lang_ids = {a for a in test_ids if data.articles[a]["language"] == lang}
                    scores[name][lang] = _score(data, lang_ids, kept)
        negatives = sum(data.labels[i] == "neg" for i in test)
        results.append(FoldResult(n + 1, len(test_ids), negatives, thresholds, dropped, held_out, scores))
    return results


def _sum(results: list[FoldResult], system: str, lang: str, mode: str) -> dict[str, int]:
    total = Counter()
    for r in results:
        total.update(r.scores[system].get(lang, r.scores[system]["all"])[mode])
    return dict(total)


def ranking(run: list[FoldResult], kind: str, labels: list[str]) -> tuple[float | None, list[tuple]]:
    """Threshold-free view of one cross-validation, within each held-out fold.

    For each held-out negative: its P(positive), the fold's threshold, how many held-out
    positives of its fold score no higher (what a threshold dropping it would cost), and
    the share of those positives that score above it (ties half): 1.0 means the model put
    the negative below every positive of its fold, 0.5 is chance. The first value returned
    is that share averaged over the negatives (a within-fold ROC AUC; folds are not pooled,
    since each fold has its own model).
    """
    shares, negatives = [], []
    for r in run:
        probs = r.probs[kind]
        positives = [q for j, q in probs.items() if labels[j] == "pos"]
        for i, p in probs.items():
            if labels[i] != "neg" or not positives:
                continue
            above = sum(q > p for q in positives) + 0.5 * sum(q == p for q in positives)
            shares.append(above / len(positives))
            cost = sum(q <= p for q in positives)
            negatives.append((r.fold, i, p, r.threshold[kind], cost, above / len(positives)))
    return (statistics.mean(shares) if shares else None), negatives


# -- importances --------------------------------------------------------------------------------


def importances(data: Data, indices: list[int], models: list[str], top: int) -> dict[str, list]:
    out: dict[str, list] = {}
    labelled, y = _labelled(data, indices)
    for kind in models:
        model = Model(kind).fit(*data.subset(labelled), y)
        if model.estimator is None:
            continue
        names = model.featurizer.names()
        if kind == "lr":
            coef = model.estimator.coef_[0]
            order = np.argsort(coef)
            out["lr toward drop"] = [(names[i], round(float(coef[i]), 3)) for i in order[:top]]
            out["lr toward keep"] = [(names[i], round(float(coef[i]), 3)) for i in order[::-1][:top]]
        else:
            imp = model.estimator.feature_importances_
            order = np.argsort(imp)[::-1]
            out["gbm importance"] = [(names[i], round(float(imp[i]), 3)) for i in order[:top] if imp[i] > 0]
    return out


# -- report -------------------------------------------------------------------------------------


def _fmt(counts: dict[str, int]) -> str:
    return f"{_f1(counts):.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared"),
        help="the shared folder (default ../shared or $FUPIN_SHARED)",
    )
    parser.add_argument(
        "--rev",
        default="HEAD",
        help="git revision whose rules propose the candidates (default HEAD; 'worktree': the checkout as is)",
    )
    parser.add_argument("--folds", type=int, default=5, help="outer folds (default 5)")
    parser.add_argument(
        "--repeats", type=int, default=5, help="cross-validations with other shuffles (default 5)"
    )
    parser.add_argument("--seed", type=int, default=0, help="first shuffle seed (default 0)")
    parser.add_argument(
        "--target",
        choices=("lenient", "strict"),
        default="lenient",
        help="labels and threshold criterion from lenient (default) or strict matching",
    )
    parser.add_argument("--models", default="lr,gbm", help="comma-separated: lr, gbm (default both)")
    parser.add_argument("--top", type=int, default=12, help="features listed per model (default 12)")
    parser.add_argument("--details", action="store_true", help="list the negatives and each fold's drops")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    args = parser.parse_args()
    models = [m for m in args.models.split(",") if m]

    articles_list, gold, reprints = load_data(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        preds = extract(articles_list, Path(tmp), args.rev)
    articles = {a["id"]: a for a in articles_list}
    for p in preds:
        p["language"] = p.get("language") or articles[p["article_id"]].get("language")
    labels = label_candidates(gold, preds, strict=args.target == "strict")
    groups = article_groups(sorted(articles), gold, reprints)
    rows, lefts, rights = features(preds, articles)
    data = Data(articles, gold, preds, labels, groups, rows, lefts, rights)
    report: dict[str, Any] = {
        "rules": describe(args.rev),
        "target": args.target,
        "folds": args.folds,
        "repeats": args.repeats,
    }
    print(f"rules: fupin extract of {describe(args.rev)}")

    print(
        f"target: {args.target} labels; {args.folds}-fold grouped CV x {args.repeats} shuffles; "
        f"models {models}"
    )
    print(
        f"articles {len(articles)} ({len(set(groups.values()))} groups), gold facts {len(gold)}, "
        f"candidates {len(preds)}"
    )
    print("\ndata            articles  firm gold  candidates  positive  negative  excluded")
    sizes = {}
    for lang in ("zh", "en", "all"):
        idx = [i for i, p in enumerate(preds) if lang == "all" or p["language"] == lang]
        arts = [a for a in articles.values() if lang == "all" or a["language"] == lang]
        arts_ids = {a["id"] for a in arts}
        firm = sum(1 for g in gold if g["article_id"] in arts_ids and not g.get("uncertain"))
        c = Counter(labels[i] for i in idx)
        sizes[lang] = {"articles": len(arts), "firm_gold": firm, "candidates": len(idx), **c}
        counts = f"{c['pos']:8d}  {c['neg']:8d}  {c['unc']:8d}"
        print(f"{lang:15s} {len(arts):8d}  {firm:9d}  {len(idx):10d}  {counts}")
    report["sizes"] = sizes

    negatives = [i for i, label in enumerate(labels) if label == "neg"]
    relabel = 0
    for i in negatives:
        p = preds[i]
        others = [g for g in gold if g["article_id"] == p["article_id"] and g["metric"] != p["metric"]]
        relabel += any(values_agree(g, p) and not g.get("uncertain") for g in others)
    print(f"negatives whose value is a firm gold fact of another metric (a relabel could fix): {relabel}")
    report["relabel_candidates"] = relabel
    if args.details:
        print("\nnegative candidates:")
        for i in negatives:
            p = preds[i]
            sentence = (p["evidence"].get("sentence") or "").replace("\n", " ")
            what = f"{p['article_id']:9s} {p['metric']:28s} {p['value']!s:>12} {p['bound']:9s}"
            print(f"  {what} | {sentence[:140]}")

    setups = {
        "zh": [i for i, p in enumerate(preds) if p["language"] == "zh"],
        "en": [i for i, p in enumerate(preds) if p["language"] == "en"],
        "pooled": list(range(len(preds))),
    }
    systems = ["rules", *models, "oracle"]
    report["cv"] = {}
    for setup, indices in setups.items():
        runs = [
            run_cv(data, indices, models, args.target, args.folds, args.seed + r) for r in range(args.repeats)
        ]
        first = runs[0]
        print(f"\n== {setup}: per fold (shuffle {args.seed}) - lenient F1 / strict F1; dropped (neg dropped)")
        header = f"{'fold':>4} {'art':>4} {'neg':>4}  " + "  ".join(f"{s:>17s}" for s in systems)
        print(header)
        for r in first:
            cells = []
            for s in systems:
                cell = f"{_fmt(r.scores[s]['all']['lenient'])}/{_fmt(r.scores[s]['all']['strict'])}"
                if s in models:
                    drops = r.dropped[s]
                    cell += f" {len(drops)}({sum(labels[i] == 'neg' for i in drops)})"
                cells.append(f"{cell:>17s}")
            print(f"{r.fold:>4} {r.articles:>4} {r.negatives:>4}  " + "  ".join(cells))
            if args.details:
                for s in models:
                    for i in r.dropped[s]:
                        p = preds[i]
                        print(
                            f"       {s} t={r.threshold[s]:.3f} dropped {labels[i]} {p['article_id']} "
                            f"{p['metric']} {p['value']}"
                        )
        report["ranking"] = report.get("ranking", {})
        report["ranking"][setup] = {}
        for kind in models:
            aucs = [a for a in (ranking(run, kind, labels)[0] for run in runs) if a is not None]
            _, negs = ranking(first, kind, labels)
            auc_txt = f"{statistics.mean(aucs):.3f}" if aucs else "n/a"
            print(
                f"   {kind}: within-fold AUC of the negatives {auc_txt} (mean over shuffles; 0.5 chance); "
                f"shuffle {args.seed}: P(positive) / fold threshold / held-out positives scored no higher"
            )
            for fold, i, p, t, cost, _share in negs:
                q = preds[i]
                print(
                    f"      fold {fold} {q['article_id']:9s} {q['metric']:18s} {q['value']!s:>8}: "
                    f"{p:.3f} / {t:.3f} / {cost}"
                )
            report["ranking"][setup][kind] = {
                "within_fold_auc_mean": round(statistics.mean(aucs), 4) if aucs else None,
                "negatives": [
                    {
                        "fold": f,
                        "article": preds[i]["article_id"],
                        "p": round(p, 4),
                        "threshold": t,
                        "positives_not_above": c,
                        "auc": round(a, 4),
                    }
                    for f, i, p, t, c, a in negs
                ],
            }
        langs = ["all"] + (["zh", "en"] if setup == "pooled" else [])
        report["cv"][setup] = {}
        print(f"-- {setup}: mean over {args.repeats} shuffles (micro F1 over folds; mean of per-fold F1)")
        print(
            f"   {'scored':6s} {'system':7s} {'lenient P':>9s} {'R':>6s} {'F1':>6s} {'fold F1':>8s}   "
            f"{'strict P':>8s} {'R':>6s} {'F1':>6s} {'fold F1':>8s}  {'dropped':>8s} {'neg dropped':>11s}"
        )
        for lang in langs:
            report["cv"][setup][lang] = {}
            for s in systems:
                line, entry = [], {}
                for mode in ("lenient", "strict"):
                    micro = [_sum(run, s, lang, mode) for run in runs]
                    p_ = statistics.mean(c["tp"] / max(c["tp"] + c["fp"], 1) for c in micro)
                    r_ = statistics.mean(c["tp"] / max(c["tp"] + c["fn"], 1) for c in micro)
                    f_ = statistics.mean(_f1(c) for c in micro)
                    fold_f = statistics.mean(
                        _f1(res.scores[s].get(lang, res.scores[s]["all"])[mode])
                        for run in runs
                        for res in run
                    )
                    per_fold = [_f1(res.scores[s].get(lang, res.scores[s]["all"])[mode]) for res in first]
                    line.append(f"{p_:9.3f} {r_:6.3f} {f_:6.3f} {fold_f:8.3f}")
                    entry[mode] = {
                        "precision": round(p_, 4),
                        "recall": round(r_, 4),
                        "micro_f1": round(f_, 4),
                        "micro_f1_sd": round(statistics.pstdev(_f1(c) for c in micro), 4),
                        "mean_fold_f1": round(fold_f, 4),
                        "first_shuffle_fold_f1": [round(x, 4) for x in per_fold],
                    }
                drop_txt = ""
                if s in models:
                    in_lang = [
                        [i for r in run for i in r.dropped[s] if lang in ("all", preds[i]["language"])]
                        for run in runs
                    ]
                    dropped = [len(d) for d in in_lang]
                    neg_dropped = [sum(labels[i] == "neg" for i in d) for d in in_lang]
                    entry["dropped_per_shuffle"] = dropped
                    entry["negatives_dropped_per_shuffle"] = neg_dropped
                    drop_txt = f"{statistics.mean(dropped):8.1f} {statistics.mean(neg_dropped):11.1f}"
                report["cv"][setup][lang][s] = entry
                print(f"   {lang:6s} {s:7s} {line[0]}   {line[1]}  {drop_txt}")

    print("\n== features that weigh most (fitted on all labelled candidates, pooled)")
    weights = importances(data, setups["pooled"], models, args.top)
    for name, items in weights.items():
        shown = (f"{n} {w:+.3f}" if name.startswith("lr") else f"{n} {w:.3f}" for n, w in items)
        print(f"  {name}: " + ", ".join(shown))
    report["features"] = weights
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
