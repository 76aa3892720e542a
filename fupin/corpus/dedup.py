"""Near-duplicate stories: MinHash signatures over normalised shingles, found through a persisted LSH index.

Outlets reprint a story with their own by-line, click counter and template, in
traditional characters, or lightly reworded. Such copies share most of their
character 5-grams once the text is normalised (NFKC, traditional to simplified
with OpenCC, lower case, punctuation and spaces dropped, the short by-line and
editor lines left out), so their Jaccard similarity stays high while a single
extra by-line moves a 64-bit simhash by many bits.

Shingles are hashed once with CRC-32 (32 bits as datasketch's default SHA-1 prefix,
stable across processes and three times faster) for both the signature and the
simhash; the stored signatures depend on it, so changing the hash or ``NUM_PERM``
needs a new migration that re-signs.

Each stored article keeps its datasketch MinHash signature (``article_minhash``)
and its LSH band keys (``minhash_bands``, indexed), so a new article is compared
only with the articles that share a band with it: one indexed lookup per insert
however many millions of articles are stored, and nothing to rebuild in memory
when the store is opened. Candidates are confirmed by the Jaccard estimate of the
two signatures. The band count and width come from datasketch's MinHashLSH for
the threshold, weighted towards finding copies (``LSH_WEIGHTS``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import duckdb
import numpy as np
import opencc
import pyarrow as pa

#: permutations per signature, and the Jaccard similarity from which two texts are one story
NUM_PERM = 128
THRESHOLD = 0.7
SHINGLE = 5
#: datasketch's weights of false positives and false negatives when it picks the bands: a missed
#: copy costs a duplicate story, a false candidate only a signature comparison (20 bands of 6 rows:
#: a pair at Jaccard 0.75 shares a band with probability 0.98)
LSH_WEIGHTS = (0.1, 0.9)
#: texts with fewer shingles than this are matched by their content hash only
MIN_SHINGLES = 40
#: lines shorter than this are by-lines, counters and captions, not the story
MIN_LINE = 30
#: keys per IN list: DuckDB probes its ART index for IN lists up to 2,048 values
_IN_LIST = 2000
#: band rows below which a batch's keys are matched by a semi-join instead (see ``LshIndex.prefetch``)
JOIN_BELOW_ROWS = 1_000_000
#: datasketch's permutation scheme of the stored signatures
_SCHEME = "affine32"
_BITS = np.arange(64, dtype=np.uint64)
_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9a-z]+")


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


#: datasketch's MurmurHash3 finalizer for 32-bit values (``datasketch.minhash._FMIX_CONSTANTS[32]``)
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_EMPTY32 = np.uint32(0xFFFFFFFF)


@cache
def _permutations() -> np.ndarray:
    """datasketch's ``affine32`` permutations for ``NUM_PERM`` (seed 1): odd multipliers and offsets.

    Drawn as ``MinHash(num_perm=NUM_PERM, scheme="affine32")`` draws them, once.
    """
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


def minhash(hashes: Sequence[int]) -> np.ndarray:
    """The ``affine32`` MinHash signature of 32-bit ``hashes``, as datasketch computes it (uint32).

    ``MinHash(hashfunc=int, scheme="affine32").update_batch(hashes).hashvalues`` with the
    same arithmetic (pre-mix, then ``a * h + b`` mod 2^32, minimum per permutation), so
    that the analysis worker does not import datasketch: its package imports scipy
    through its LSH module, 0.4 s of CPU in each worker at the start of every crawl.
    tests/test_crawler_units.py compares the two on random texts.
    """
    sig = np.full(NUM_PERM, _EMPTY32, dtype=np.uint32)
    if not len(hashes):
        return sig
    a, b = _permutations()
    s1, m1, s2, m2, s3 = _FMIX32
    hv = np.array(hashes, dtype=np.uint32).reshape(-1, 1)
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    return np.minimum(sig, (hv * a + b).min(axis=0))


#: (bands, rows per band) that datasketch's MinHashLSH picks, by (threshold, permutations, weights);
#: tests/test_crawler_units.py checks each entry against datasketch
LSH_SHAPES: dict[tuple[float, int, tuple[float, float]], tuple[int, int]] = {
    (0.7, 128, (0.1, 0.9)): (20, 6),
}


@cache
def lsh_shape() -> tuple[int, int]:
    """(bands, rows per band) that datasketch chooses for ``THRESHOLD`` and ``NUM_PERM``.

    Read from ``LSH_SHAPES`` when the parameters are there: datasketch's choice needs
    ``datasketch.lsh``, which imports scipy (1 s of the crawl's reactor thread inside
    its first store batch, 8.7% of its samples in py-spy of a 2,040-page crawl) and
    integrates the error curves. The crawl process needs only these two numbers.
    """
    known = LSH_SHAPES.get((THRESHOLD, NUM_PERM, LSH_WEIGHTS))
    return known if known is not None else datasketch_lsh_shape(THRESHOLD, NUM_PERM, LSH_WEIGHTS)


def datasketch_lsh_shape(threshold: float, num_perm: int, weights: tuple[float, float]) -> tuple[int, int]:
    """(bands, rows per band) as datasketch's MinHashLSH computes them."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return lsh.b, lsh.r


def normalise(text: str) -> str:
    """The story's characters: long lines only, NFKC, simplified, lower case, no spaces or punctuation."""
    lines = [line for line in text.splitlines() if len(line.strip()) >= MIN_LINE]
    body = "\n".join(lines) if lines else text
    body = _to_simplified().convert(unicodedata.normalize("NFKC", body)).lower()
    return "".join(_KEEP.findall(body))


def shingles(text: str) -> set[bytes]:
    """Character 5-grams of the normalised text (the whole text when it is shorter)."""
    norm = normalise(text)
    if len(norm) <= SHINGLE:
        return {norm.encode()} if norm else set()
    return {norm[i : i + SHINGLE].encode() for i in range(len(norm) - SHINGLE + 1)}


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard estimate of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature, its LSH band keys (none for short texts) and its 64-bit simhash."""

    signature: np.ndarray
    band_keys: list[int]
    simhash: int


def fingerprint(text: str) -> Fingerprint:
    """Signature, band keys and simhash of a text, from one pass over its shingles.

    Texts under ``MIN_SHINGLES`` get no band keys: a few dozen characters give too
    noisy a Jaccard estimate, and short notices of different events would be taken
    for copies (exact copies are still found by the content hash). The simhash is
    Charikar's over the same shingle hashes (spread to 64 bits by splitmix64); the
    store keeps it for users of that column, dedup does not use it.
    """
    hashes = [zlib.crc32(gram) for gram in shingles(text)]
    sig = minhash(hashes)
    keys = band_keys(sig) if len(hashes) >= MIN_SHINGLES else []
    return Fingerprint(sig, keys, _simhash(np.array(hashes, dtype=np.uint64)))


def sketch(text: str) -> tuple[np.ndarray, list[int]]:
    """Signature and band keys of a text (see :func:`fingerprint`)."""
    found = fingerprint(text)
    return found.signature, found.band_keys


def _simhash(hashes: np.ndarray) -> int:
    if not len(hashes):
        return 0
    with np.errstate(over="ignore"):
        x = hashes + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    ones = ((x[:, None] >> _BITS) & np.uint64(1)).sum(axis=0)
    return sum(1 << i for i in range(64) if 2 * int(ones[i]) > len(hashes))


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number and band values hashed together)."""
    bands, rows = lsh_shape()
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(
            sig[band * rows : (band + 1) * rows].tobytes(), digest_size=8, person=band.to_bytes(2, "little")
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


@dataclass
class Match:
    """The stored article a new text copies, and how alike they are."""

    article_id: str
    similarity: float


_BANDS_IN = "SELECT band_key, article_id FROM minhash_bands WHERE band_key IN"


@dataclass
class LshIndex:
    """Band lookups in the store, prefetched once per batch, plus the batch's own articles.

    ``prefetch`` asks the store for every band key of a batch in one indexed query
    (DuckDB probes its ART index for an IN list), so the cost per article does not
    grow with the number of stored articles beyond the index's logarithm.
    """

    con: duckdb.DuckDBPyConnection
    pending: dict[int, list[tuple[str, np.ndarray]]] = field(default_factory=dict)
    rows: list[tuple[str, bytes, list[int]]] = field(default_factory=list)
    stored: dict[int, list[str]] = field(default_factory=dict)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)

    def prefetch(self, keys: Sequence[int], stored_articles: int | None = None) -> None:
        """Load the stored articles sharing any of ``keys`` (the batch's band keys) and their signatures.

        ``stored_articles`` (how many the store holds, when the caller knows) picks the
        lookup: a 2,000-value IN list costs DuckDB ~25 ms to plan whatever the table's
        size, while a semi-join with the keys as an Arrow table scans the band table, 3 ms
        at 2,000 articles and 17 ms at 100,000 (measured on DuckDB 2.0). The crawl's
        profile (py-spy, reactor thread) had the IN lists at 8.5% of its samples. Both
        return the same rows; candidates are sorted before they are compared.
        """
        self.stored.clear()
        wanted_keys = sorted(set(keys))
        small = stored_articles is not None and stored_articles * lsh_shape()[0] < JOIN_BELOW_ROWS
        rows = self._rows_joined(wanted_keys) if small else self._rows_in(_BANDS_IN, wanted_keys)
        for key, article_id in rows:
            self.stored.setdefault(key, []).append(article_id)
        wanted = sorted({a for ids in self.stored.values() for a in ids} - set(self.signatures))
        sigs = "SELECT article_id, signature FROM article_minhash WHERE article_id IN"
        self.signatures.update((a, from_blob(blob)) for a, blob in self._rows_in(sigs, wanted))

    def _rows_joined(self, keys: Sequence[int]) -> list[tuple[Any, ...]]:
        """(band key, article) rows for ``keys``, by a semi-join with the keys as an Arrow table."""
        if not keys:
            return []
        wanted = pa.table({"band_key": pa.array(keys, pa.int64())})  # noqa: F841 - read by DuckDB by name
        return self.con.execute(
            "SELECT b.band_key, b.article_id FROM minhash_bands b SEMI JOIN wanted USING (band_key)"
        ).fetchall()

    def _rows_in(self, select: str, values: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows of ``select ... IN (values)``, asked in chunks of ``_IN_LIST`` parameters."""
        for start in range(0, len(values), _IN_LIST):
            chunk = values[start : start + _IN_LIST]
            yield from self.con.execute(f"{select} ({', '.join('?' * len(chunk))})", chunk).fetchall()

    def nearest(self, sig: np.ndarray, keys: Sequence[int]) -> Match | None:
        """The most similar prefetched or pending article at or above ``THRESHOLD``."""
        if not keys:
            return None
        best: Match | None = None
        for article_id, other in self._candidates(keys):
            score = similarity(sig, other)
            if score >= THRESHOLD and (
                best is None or (score, best.article_id) > (best.similarity, article_id)
            ):
                best = Match(article_id, score)
        return best

    def _candidates(self, keys: Sequence[int]) -> list[tuple[str, np.ndarray]]:
        found = {a: s for k in keys for a, s in self.pending.get(k, ())}
        for key in keys:
            for article_id in self.stored.get(key, ()):
                if article_id in self.signatures:
                    found.setdefault(article_id, self.signatures[article_id])
        return sorted(found.items(), key=lambda item: item[0])

    def add(self, article_id: str, sig: np.ndarray, keys: Sequence[int]) -> None:
        """Index an article now (for the rest of the batch) and queue its rows for ``flush``."""
        for key in keys:
            self.pending.setdefault(key, []).append((article_id, sig))
        self.rows.append((article_id, to_blob(sig), list(keys)))

    def flush(self) -> None:
        """Write the queued signatures and band keys (inside the caller's transaction), two statements."""
        if self.rows:
            self.con.execute(
                "INSERT INTO article_minhash SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS article_id, "
                "unnest(?::BLOB[]) AS signature) ON CONFLICT DO NOTHING",
                [[a for a, _, _ in self.rows], [blob for _, blob, _ in self.rows]],
            )
            bands = [(key, a) for a, _, keys in self.rows for key in keys]
            self.con.execute(
                "INSERT INTO minhash_bands SELECT * FROM (SELECT unnest(?::BIGINT[]) AS band_key, "
                "unnest(?::VARCHAR[]) AS article_id)",
                [[k for k, _ in bands], [a for _, a in bands]],
            )
        self.clear()

    def clear(self) -> None:
        """Forget the batch (after it was written, or rolled back)."""
        self.pending.clear()
        self.rows.clear()
        self.stored.clear()
        self.signatures.clear()


def backfill(con: duckdb.DuckDBPyConnection, batch: int = 1000) -> int:
    """Sign the stored articles that have no signature yet, in the order they were fetched.

    A store written before MinHash (schema < 6) gets its index here, once; an
    article found to copy an earlier one keeps its row and gets ``duplicate_of``
    (nothing is deleted). Returns the number of articles signed.
    """
    index = LshIndex(con)
    done = 0
    while True:
        rows = con.execute(
            "SELECT a.article_id, a.text FROM articles a ANTI JOIN article_minhash m USING (article_id) "
            "ORDER BY a.fetched_at, a.article_id LIMIT ?",
            [batch],
        ).fetchall()
        if not rows:
            return done
        sketches = [(article_id, *sketch(text or "")) for article_id, text in rows]
        index.prefetch([key for _, _, keys in sketches for key in keys])
        for article_id, sig, keys in sketches:
            match = index.nearest(sig, keys)
            if match is not None:
                con.execute(
                    "UPDATE articles SET duplicate_of = ? WHERE article_id = ? AND duplicate_of IS NULL",
                    [match.article_id, article_id],
                )
            index.add(article_id, sig, keys if match is None else [])  # copies are not matched again
        index.flush()
        done += len(rows)
