"""The corpus: the DuckDB store and the researcher API over it.

``fupin.corpus.open(path)`` gives pandas DataFrames of articles, facts, officials
and reconciled groups; ``fupin.corpus.store.Store`` is the writing side used by
the crawler, the extractor and reconciliation. pandas is imported only when the
researcher API is used, so the crawler stays light.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fupin.corpus.frames import Corpus

__all__ = ["open"]


def open(path: str | os.PathLike[str] | None = None) -> Corpus:  # noqa: A001 - the documented name
    """Open a store read-only for analysis (a home directory or a ``.duckdb`` file)."""
    from fupin.corpus.frames import Corpus

    return Corpus(path)
