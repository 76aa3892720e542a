"""Truth discovery: how far to trust each outlet, learned from agreement across the corpus.

Method: TruthFinder (Yin, Han and Yu, "Truth Discovery with Multiple Conflicting
Information Providers on the Web", KDD 2007 / TKDE 2008). Each *object* (one
reconciled group: a statistic of one region at one date) has *claims* (the
distinct values reported for it), each made by a set of *sources* (outlets).
Trust in a source and confidence in a claim define each other:

- source trust ``t(w)`` starts at ``initial_trust`` (0.9, as in the paper; a
  per-source prior can replace it) and its score is ``tau(w) = -ln(1 - t(w))``;
- a claim's score is the sum over its sources, ``sigma(f) = sum tau(w)``;
- claims of the same object support or undermine each other through an
  implication ``imp(f' -> f) = sim(f', f) - base_similarity`` in [-0.5, 0.5]
  (``sim`` is 1 for values that agree within rounding and bounds and falls
  towards 0 with their relative distance), giving the adjusted score
  ``sigma*(f) = sigma(f) + influence * sum_{f' != f} sigma(f') * imp(f' -> f)``;
- confidence ``s(f) = 1 / (1 + exp(-dampening * sigma*(f)))``, the dampening
  factor (0.3, the paper's gamma) keeping sources that are not independent from
  pushing confidence to 1;
- new trust ``t(w)`` is the mean confidence of the claims the source makes.

The two steps alternate until no source's trust moves by more than ``tolerance``
(1e-6) between iterations, or ``max_iterations`` (500) is reached; the result
says which. The computation is deterministic: objects, claims and sources are
visited in sorted order, so the same input gives bit-identical trust.

A source that only ever reports uncorroborated figures settles near the fixed
point of ``t = s(-ln(1 - t))`` (about 0.56 with the defaults); agreement with
other outlets raises trust above it and contradiction lowers it below.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TruthParams:
    """TruthFinder's parameters (defaults from the paper where it gives them)."""

    initial_trust: float = 0.9
    dampening: float = 0.3
    influence: float = 0.5
    base_similarity: float = 0.5
    tolerance: float = 1e-6
    max_iterations: int = 500
    #: trust is kept inside [floor, ceiling] so that tau stays finite
    floor: float = 1e-4
    ceiling: float = 1 - 1e-9


@dataclass(frozen=True, slots=True)
class Claim:
    """One value stated for an object, by one or more sources; ``payload`` is what ``similarity`` compares."""

    key: Hashable
    sources: frozenset[str]
    payload: object


@dataclass(slots=True)
class TruthResult:
    """Learned source trust, per-claim confidence ``confidence[object][claim_key]``, and convergence."""

    trust: dict[str, float]
    confidence: dict[Hashable, dict[Hashable, float]]
    iterations: int
    converged: bool
    params: TruthParams = field(default_factory=TruthParams)


def truthfinder(
    objects: Mapping[Hashable, Sequence[Claim]],
    similarity: Callable[[object, object], float],
    params: TruthParams | None = None,
    priors: Mapping[str, float] | None = None,
) -> TruthResult:
    """Run TruthFinder to convergence over ``objects`` (object id -> its claims)."""
    params = params or TruthParams()
    order = sorted(objects, key=repr)
    claims = {obj: sorted(objects[obj], key=lambda c: repr(c.key)) for obj in order}
    implication = {obj: _implications(claims[obj], similarity, params) for obj in order}
    sources = sorted({s for obj in order for c in claims[obj] for s in c.sources})
    trust = {s: _clamp((priors or {}).get(s, params.initial_trust), params) for s in sources}
    confidence: dict[Hashable, dict[Hashable, float]] = {}
    converged, iterations = False, 0
    while iterations < params.max_iterations:
        iterations += 1
        confidence = {obj: _confidences(claims[obj], implication[obj], trust, params) for obj in order}
        new_trust = _trust(claims, confidence, sources, params)
        delta = max((abs(new_trust[s] - trust[s]) for s in sources), default=0.0)
        trust = new_trust
        if delta < params.tolerance:
            converged = True
            break
    return TruthResult(trust, confidence, iterations, converged, params)


def _clamp(value: float, params: TruthParams) -> float:
    return min(max(float(value), params.floor), params.ceiling)


def _implications(
    claims: Sequence[Claim], similarity: Callable[[object, object], float], params: TruthParams
) -> list[list[float]]:
    """``imp[i][j]``: how much claim i supports claim j (computed once, it does not change)."""
    n = len(claims)
    imp = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j:
                imp[i][j] = similarity(claims[i].payload, claims[j].payload) - params.base_similarity
    return imp


def _confidences(
    claims: Sequence[Claim], imp: list[list[float]], trust: Mapping[str, float], params: TruthParams
) -> dict[Hashable, float]:
    sigma = [sum(-math.log(1.0 - trust[s]) for s in sorted(c.sources)) for c in claims]
    out = {}
    for j, claim in enumerate(claims):
        adjusted = sigma[j] + params.influence * sum(
            sigma[i] * imp[i][j] for i in range(len(claims)) if i != j
        )
        out[claim.key] = 1.0 / (1.0 + math.exp(-params.dampening * adjusted))
    return out


def _trust(
    claims: Mapping[Hashable, Sequence[Claim]],
    confidence: Mapping[Hashable, Mapping[Hashable, float]],
    sources: Sequence[str],
    params: TruthParams,
) -> dict[str, float]:
    totals = dict.fromkeys(sources, 0.0)
    counts = dict.fromkeys(sources, 0)
    for obj, obj_claims in claims.items():
        for claim in obj_claims:
            for source in claim.sources:
                totals[source] += confidence[obj][claim.key]
                counts[source] += 1
    return {s: _clamp(totals[s] / counts[s], params) for s in sources}
