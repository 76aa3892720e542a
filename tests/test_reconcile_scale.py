"""The fast paths of reconciliation give exactly what the straightforward ones give (issue 15).

Each speed change keeps a plain reference implementation beside the fast one;
these tests run both on varied inputs (hypothesis) and demand equality, bit for
bit where the result is a float.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import types
from pathlib import Path

import fastjsonschema
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fupin.commands import reconcile as command
from fupin.corpus.reconcile import Interval, run_reconciliation, similarity
from fupin.corpus.store import compiled_check
from fupin.corpus.truth import Claim, TruthParams, truthfinder, truthfinder_reference

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from reconcile_facts import synthetic_facts  # noqa: E402

SOURCES = [f"s{i}" for i in range(8)]


@st.composite
def claims_of_object(draw: st.DrawFn) -> list[Claim]:
    """One object's distinct values (intervals), each made by a few sources."""
    n = draw(st.integers(1, 5))
    values = draw(st.lists(st.integers(1, 60), min_size=n, max_size=n, unique=True))
    claims = []
    for value in values:
        width = draw(st.sampled_from([0, 1, 5]))
        sources = draw(st.frozensets(st.sampled_from(SOURCES), min_size=1, max_size=4))
        claims.append(Claim((float(value), width), sources, Interval(value * 10.0, value * 10.0 + width)))
    return claims


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    objects=st.dictionaries(st.text("abcdef", min_size=1, max_size=4), claims_of_object(), max_size=12),
    priors=st.dictionaries(st.sampled_from(SOURCES), st.floats(0.0, 1.0), max_size=4),
    max_iterations=st.sampled_from([1, 3, 500]),
)
def test_truthfinder_is_bit_identical_to_the_reference(
    objects: dict[str, list[Claim]], priors: dict[str, float], max_iterations: int
) -> None:
    params = TruthParams(max_iterations=max_iterations)
    fast = truthfinder(objects, similarity, params, priors)
    reference = truthfinder_reference(objects, similarity, params, priors)
    assert (fast.iterations, fast.converged) == (reference.iterations, reference.converged)
    assert fast.trust == reference.trust
    assert fast.confidence == reference.confidence
    assert list(fast.trust) == list(reference.trust)


def test_truthfinder_on_the_synthetic_corpus_is_bit_identical() -> None:
    """Realistic group sizes: singletons, reprints, series of hundreds of reports."""
    from fupin.corpus.reconcile import _unique, build_groups, find_copies, learn

    reports = _unique(synthetic_facts(3000, seed=5))
    groups = build_groups(reports, find_copies(reports))
    fast = learn(groups, None, None)
    import fupin.corpus.reconcile as module

    original = module.truthfinder
    module.truthfinder = lambda objects, sim, params, priors, fixed=None: truthfinder_reference(
        objects, sim, params, priors
    )
    try:
        reference = learn(groups, None, None)
    finally:
        module.truthfinder = original
    assert fast.trust == reference.trust and fast.confidence == reference.confidence
    assert fast.iterations == reference.iterations


FACT_SCHEMA = json.loads((ROOT / "fupin" / "spec" / "fact.schema.json").read_text(encoding="utf-8"))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
FIELDS = [
    *FACT_SCHEMA["properties"],
    "region.name",
    "region.level",
    "region.adcode",
    "region.province",
    "evidence.start",
    "evidence.field",
]


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(FIELDS),
    value=JSON_VALUES | st.sampled_from(["2020-06", "2020-6", "130431", "zh", "title", -1, 0.5, 1.0, True]),
    drop=st.booleans(),
)
def test_the_compiled_fact_check_agrees_with_jsonschema(field: str, value: object, drop: bool) -> None:
    """A fact the compiled check accepts is valid for jsonschema, and the other way round."""
    fact = copy.deepcopy(synthetic_facts(1, seed=2)[0])
    *path, key = field.split(".")
    target = fact
    for part in path:
        target = target[part]
    if drop:
        target.pop(key, None)
    else:
        target[key] = value
    fast = compiled_check("fact.schema.json")
    assert fast is not None
    valid = jsonschema.Draft202012Validator(FACT_SCHEMA).is_valid(fact)
    try:
        fast(copy.deepcopy(fact))
        accepted = True
    except fastjsonschema.JsonSchemaException:
        accepted = False
    assert accepted == valid
    if not valid:
        assert command.fact_problem(fact) is not None


# -- the whole pipeline against the code before the speed work --------------------------------------

#: the last commit before issue 15's speed changes: its reconcile.py is the reference
REFERENCE_COMMIT = "a3c5186"


@pytest.fixture(scope="module")
def reference() -> types.ModuleType:
    """reconcile.py as it was before the speed work (from git), with the pair-by-pair TruthFinder."""
    try:
        source = subprocess.run(
            ["git", "show", f"{REFERENCE_COMMIT}:fupin/corpus/reconcile.py"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"the reference commit {REFERENCE_COMMIT} is not in this checkout's history")
    module = types.ModuleType("reconcile_reference")
    sys.modules[module.__name__] = module  # its dataclasses look their module up
    exec(compile(source, "reconcile_reference.py", "exec"), module.__dict__)  # noqa: S102 - our own history
    module.truthfinder = truthfinder_reference
    return module


EDITS = ["undated", "published", "year", "month", "times10", "about", "other_article", "copy_sentence"]
EDIT = st.tuples(st.integers(0, 10**6), st.sampled_from(EDITS), st.integers(0, 10**6))


def edited(facts: list[dict], edits: list[tuple[int, str, int]]) -> list[dict]:
    """The facts with some changed the ways real reports differ (dates, slips, copies)."""
    out = copy.deepcopy(facts)
    for index, edit, other in edits:
        fact, donor = out[index % len(out)], out[other % len(out)]
        if edit == "undated":
            fact.update(as_of=None, as_of_source=None)
        elif edit == "published":
            fact.update(as_of=fact.get("published"), as_of_source="published")
        elif edit in ("year", "month") and fact.get("as_of"):
            fact["as_of"] = fact["as_of"][: 4 if edit == "year" else 7]
        elif edit == "times10":
            fact["value"] = fact["value"] * 10
        elif edit == "about":
            fact["bound"] = "about"
        elif edit == "other_article":
            fact["article_id"] = donor["article_id"]
        elif edit == "copy_sentence":
            fact["evidence"] = {**fact["evidence"], "sentence": donor["evidence"]["sentence"]}
            fact.update(metric=donor["metric"], region=donor["region"], value=donor["value"])
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.sampled_from([60, 300, 1200]),
    seed=st.integers(0, 10_000),
    edits=st.lists(EDIT, max_size=40),
)
def test_reconciliation_is_identical_to_the_code_before_the_speed_work(
    reference: types.ModuleType, n: int, seed: int, edits: list[tuple[int, str, int]]
) -> None:
    facts = edited(synthetic_facts(n, seed), edits)
    previous = reference.run_reconciliation(facts[: len(facts) // 2]).records
    fast = run_reconciliation(facts, previous)
    slow = reference.run_reconciliation(facts, previous)
    assert json.dumps(fast.records, ensure_ascii=False) == json.dumps(slow.records, ensure_ascii=False)
    counts = {k: v for k, v in fast.counts().items() if k != "facts"}  # "facts" is a new count
    assert (fast.changed, fast.removed, counts) == (slow.changed, slow.removed, slow.counts())
    assert fast.counts()["facts"] == sum(len(r["members"]) for r in fast.records)


@settings(max_examples=200, deadline=None)
@given(
    base=st.text("全国工作达到个稿第号为截至目前abc0123456789", min_size=6, max_size=40),
    edits=st.lists(
        st.lists(st.tuples(st.integers(0, 39), st.sampled_from("xyz01234全国,")), max_size=14),
        min_size=2,
        max_size=40,
    ),
)
def test_near_duplicate_pairs_as_arrays_are_the_pairwise_test(base: str, edits: list) -> None:
    """Many rephrasings of one sentence (a release's reports): the array test finds exactly the
    near-duplicates the pairwise one finds, and the copy links join what the pairs join."""
    from fupin.corpus.reconcile import (
        MIN_COPY_SHINGLES,
        _near_duplicates,
        _similar,
        _spanning_forest,
        shingles,
    )

    sentences = []
    for n, edit in enumerate(edits):
        text = list(base)
        for at, char in edit:
            text[at % len(text)] = char
        sentences.append("".join(text) + "号" * (n % 3) + str(n * 7919 % 1000))
    grams = list(dict.fromkeys(g for g in map(shingles, sentences) if len(g) >= MIN_COPY_SHINGLES))
    k = len(grams)
    pairwise = [
        [j for j in range(k) if j != i and _similar(grams[min(i, j)], grams[max(i, j)])] for i in range(k)
    ]
    assert _near_duplicates(grams) == pairwise
    parent = list(range(k))

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j in _spanning_forest(pairwise):
        assert root(i) != root(j)  # a forest: no edge joins what is joined already
        parent[root(i)] = root(j)
    for i in range(k):
        assert all(root(i) == root(j) for j in pairwise[i])
