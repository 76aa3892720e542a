"""Near-duplicate stories: MinHash signatures over normalised shingles, found through a persisted LSH index.

Outlets reprint a story with their own by-line, click counter and template, in
traditional characters, or lightly reworded. Such copies share most of their
character 5-grams once the text is normalised (NFKC, traditional to simplified
with OpenCC, lower case, punctuation and spaces dropped, the short by-line and
editor lines left out), so their Jaccard similarity stays high while a single
extra by-line moves a 64-bit simhash by many bits.

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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import duckdb
import numpy as np
import opencc
from datasketch import MinHash, MinHashLSH

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
_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9a-z]+")


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def lsh_shape() -> tuple[int, int]:
    """(bands, rows per band) that datasketch chooses for ``THRESHOLD`` and ``NUM_PERM``."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
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


def sketch(text: str) -> tuple[np.ndarray, list[int]]:
    """Signature and band keys of a text; no keys (never matched) for texts under ``MIN_SHINGLES``.

    A few dozen characters give too noisy a Jaccard estimate: short notices of
    different events would be taken for copies. Exact copies are still found by
    the content hash.
    """
    grams = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM)
    if grams:
        minhash.update_batch(list(grams))
    sig = minhash.hashvalues
    return sig, band_keys(sig) if len(grams) >= MIN_SHINGLES else []


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


@dataclass
class LshIndex:
    """Band lookups in the store, plus the articles of the batch not yet written."""

    con: duckdb.DuckDBPyConnection
    pending: dict[int, list[tuple[str, np.ndarray]]] = field(default_factory=dict)
    rows: list[tuple[str, bytes, list[int]]] = field(default_factory=list)

    def nearest(self, sig: np.ndarray, keys: Sequence[int]) -> Match | None:
        """The most similar stored or pending article at or above ``THRESHOLD``."""
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
        placeholders = ", ".join("?" * len(keys))
        rows = self.con.execute(
            "SELECT DISTINCT m.article_id, m.signature FROM minhash_bands b JOIN article_minhash m "
            f"USING (article_id) WHERE b.band_key IN ({placeholders})",
            list(keys),
        ).fetchall()
        found.update((a, from_blob(s)) for a, s in rows)
        return sorted(found.items())

    def add(self, article_id: str, sig: np.ndarray, keys: Sequence[int]) -> None:
        """Index an article now (for the rest of the batch) and queue its rows for ``flush``."""
        for key in keys:
            self.pending.setdefault(key, []).append((article_id, sig))
        self.rows.append((article_id, to_blob(sig), list(keys)))

    def flush(self) -> None:
        """Write the queued signatures and band keys (inside the caller's transaction)."""
        if not self.rows:
            return
        self.con.executemany(
            "INSERT INTO article_minhash (article_id, signature) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(a, blob) for a, blob, _ in self.rows],
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
        for article_id, text in rows:
            sig, keys = sketch(text or "")
            match = index.nearest(sig, keys) if keys else None
            if match is not None:
                con.execute(
                    "UPDATE articles SET duplicate_of = ? WHERE article_id = ? AND duplicate_of IS NULL",
                    [match.article_id, article_id],
                )
            index.add(article_id, sig, keys if match is None else [])  # copies are not matched again
        index.flush()
        done += len(rows)
