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
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np


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
    fixed: Mapping[str, float] | None = None,
) -> TruthResult:
    """Run TruthFinder to convergence over ``objects`` (object id -> its claims).

    ``fixed``: sources whose trust is known (learned over a larger corpus) and held
    at that value; only the others are learned. An incremental run uses it to decide
    a few groups under the reliabilities of the whole store.

    Bit-identical to :func:`truthfinder_reference`, at a cost per iteration linear in
    the claims: the pairwise implications exist only inside objects with several
    values (computed once), and every sum is done in the reference's order (numpy
    ``bincount`` and elementwise adds accumulate sequentially), with ``math.exp`` and
    ``math.log`` on the few distinct values rather than numpy's (which may differ in
    the last bit).
    """
    params = params or TruthParams()
    layout = _Layout(objects, similarity, params)
    start = {**(priors or {}), **(fixed or {})}
    trust = np.array([_clamp(start.get(s, params.initial_trust), params) for s in layout.sources])
    layout.hold({s: _clamp(v, params) for s, v in (fixed or {}).items()})
    confidence = np.zeros(0)
    converged, iterations = False, 0
    while iterations < params.max_iterations:
        iterations += 1
        confidence = layout.confidences(trust, params)
        new_trust = layout.trust(confidence, params)
        delta = float(np.max(np.abs(new_trust - trust))) if len(trust) else 0.0
        trust = new_trust
        if delta < params.tolerance:
            converged = True
            break
    return TruthResult(
        dict(zip(layout.sources, trust.tolist(), strict=True)),
        layout.by_object(confidence),
        iterations,
        converged,
        params,
    )


class _Layout:
    """The claims of all objects as flat arrays, in the reference's visiting order.

    Claims are numbered object by object (objects by ``repr``, claims by ``repr`` of
    their key). A claim's score is the sum of its sources' scores in sorted order;
    claims with the same sorted sources share a *source set*, scored once. Claims of
    single-value objects (most of a corpus) have no implications, so their confidence
    is a function of their source set alone and is computed once per source set.
    """

    def __init__(
        self,
        objects: Mapping[Hashable, Sequence[Claim]],
        similarity: Callable[[object, object], float],
        params: TruthParams,
    ) -> None:
        self.order = sorted(objects, key=repr)
        self.claims = [sorted(objects[obj], key=lambda c: repr(c.key)) for obj in self.order]
        self.sources = sorted({s for claims in self.claims for c in claims for s in c.sources})
        index = {s: i for i, s in enumerate(self.sources)}
        sets: dict[tuple[int, ...], int] = {}
        claim_set, inc_claim, inc_source = [], [], []
        for claim in (c for claims in self.claims for c in claims):
            members = tuple(index[s] for s in sorted(claim.sources))
            claim_set.append(sets.setdefault(members, len(sets)))
            inc_claim.extend([len(claim_set) - 1] * len(members))
            inc_source.extend(members)
        self.n_claims = len(claim_set)
        self.claim_set = np.array(claim_set, dtype=np.int64)
        self.inc_claim = np.array(inc_claim, dtype=np.int64)
        self.inc_source = np.array(inc_source, dtype=np.int64)
        self.counts = np.bincount(self.inc_source, minlength=len(self.sources))
        self.hold({})
        self._positions(list(sets))
        self._pairs(similarity, params)

    def _positions(self, sets: list[tuple[int, ...]]) -> None:
        """``(sets, sources)`` index arrays per position k: the k-th sorted source of each set."""
        self.n_sets = len(sets)
        longest = max((len(s) for s in sets), default=0)
        self.position: list[tuple[np.ndarray, np.ndarray]] = []
        for k in range(longest):
            ids = [i for i, s in enumerate(sets) if len(s) > k]
            self.position.append((np.array(ids, dtype=np.int64), np.array([sets[i][k] for i in ids])))

    def _pairs(self, similarity: Callable[[object, object], float], params: TruthParams) -> None:
        """Implications inside objects with several values, target claim first, then source claim."""
        target, source, imp = [], [], []
        multi = np.zeros(self.n_claims, dtype=bool)
        first = 0
        for claims in self.claims:
            n = len(claims)
            if n > 1:
                multi[first : first + n] = True
                for j, i, value in _pairwise(claims, similarity, params):
                    target.append(first + j)
                    source.append(first + i)
                    imp.append(value)
            first += n
        self.pair_target = np.array(target, dtype=np.int64)
        self.pair_source = np.array(source, dtype=np.int64)
        self.pair_imp = np.array(imp, dtype=float)
        self.multi = np.flatnonzero(multi)
        # single-value claims: one confidence per source set
        self.single_sets, single_unit = np.unique(self.claim_set[~multi], return_inverse=True)
        self.unit = np.zeros(self.n_claims, dtype=np.int64)
        self.unit[~multi] = single_unit
        self.unit[self.multi] = len(self.single_sets) + np.arange(len(self.multi))

    def confidences(self, trust: np.ndarray, params: TruthParams) -> np.ndarray:
        """Every claim's confidence under ``trust`` (the reference's ``_confidences``, all objects)."""
        tau = np.array([-math.log(1.0 - t) for t in trust.tolist()], dtype=float)
        set_sigma = np.zeros(self.n_sets)
        for ids, sources in self.position:
            set_sigma[ids] += tau[sources]
        sigma = set_sigma[self.claim_set]
        support = np.bincount(
            self.pair_target, weights=sigma[self.pair_source] * self.pair_imp, minlength=self.n_claims
        )
        alone = set_sigma[self.single_sets] + params.influence * 0.0  # the reference adds an empty sum
        adjusted = np.concatenate([alone, sigma[self.multi] + params.influence * support[self.multi]])
        scale = -params.dampening
        unit_confidence = np.array([1.0 / (1.0 + math.exp(scale * x)) for x in adjusted.tolist()])
        return unit_confidence[self.unit]

    def hold(self, fixed: Mapping[str, float]) -> None:
        """Keep these sources' trust at the given values (see ``fixed`` in :func:`truthfinder`)."""
        index = {s: i for i, s in enumerate(self.sources)}
        held = [(index[s], v) for s, v in fixed.items() if s in index]
        self.held = np.array([i for i, _ in held], dtype=np.int64)
        self.held_values = np.array([v for _, v in held], dtype=float)

    def trust(self, confidence: np.ndarray, params: TruthParams) -> np.ndarray:
        """Each source's mean claim confidence, summed in the reference's order, clamped."""
        totals = np.bincount(self.inc_source, weights=confidence[self.inc_claim], minlength=len(self.sources))
        trust = np.minimum(np.maximum(totals / self.counts, params.floor), params.ceiling)
        trust[self.held] = self.held_values
        return trust

    def by_object(self, confidence: np.ndarray) -> dict[Hashable, dict[Hashable, float]]:
        values = iter(confidence.tolist())
        pairs = zip(self.order, self.claims, strict=True)
        return {obj: {c.key: next(values) for c in claims} for obj, claims in pairs}


def _pairwise(
    claims: Sequence[Claim], similarity: Callable[[object, object], float], params: TruthParams
) -> Iterator[tuple[int, int, float]]:
    """``(j, i, imp(i -> j))`` for every ordered pair, by target j then source i (the summing order)."""
    n = len(claims)
    for j in range(n):
        for i in range(n):
            if i != j:
                yield j, i, similarity(claims[i].payload, claims[j].payload) - params.base_similarity


def truthfinder_reference(
    objects: Mapping[Hashable, Sequence[Claim]],
    similarity: Callable[[object, object], float],
    params: TruthParams | None = None,
    priors: Mapping[str, float] | None = None,
) -> TruthResult:
    """TruthFinder as the paper writes it, pair by pair: the specification that
    :func:`truthfinder` is tested against (same results, bit for bit)."""
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
