"""fupin's own spaCy pipelines, one per language.

Chinese is a blank ``zh`` pipeline whose tokenizer gives jieba's words
(``fupin.zh_tokenizer.v1``, jieba-next underneath), English a blank ``en``
pipeline: no official trained spaCy models can be installed here, and the fact
rules need only tokens and sentences. A trained pipeline's NER helps with officials
through ``ner="spacy:NAME"``.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache


def _import_spacy_without_torch() -> None:
    """Import spaCy without letting thinc import torch (2-3 s a process) when nothing needs it.

    thinc imports torch eagerly if it is installed (it is, for the optional transformers
    NER backend), though blank pipelines never use it. Unless torch is loaded already or
    spacy-transformers is installed (a trained transformer pipeline needs thinc's torch),
    torch is hidden during the import and visible again afterwards, so the transformers
    backend still imports it when asked for.
    """
    if "spacy" in sys.modules or "torch" in sys.modules or importlib.util.find_spec("spacy_transformers"):
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" raise ImportError
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


_import_spacy_without_torch()

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

import fupin.extract.components  # noqa: F401, E402  (registers the factories)
import fupin.extract.zh.tokenizer  # noqa: F401, E402  (registers the Chinese tokenizer)

FACT_COMPONENTS = ("fupin_analysis", "fupin_places", "fupin_quantities", "fupin_dates", "fupin_facts")


def build_pipeline(lang: str, *, officials: bool = True, ner: str | None = None) -> Language:
    """A new pipeline for ``lang`` ("zh" or "en") with fupin's components."""
    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "fupin.zh_tokenizer.v1"}}})
    elif lang == "en":
        nlp = spacy.blank("en")
    else:
        raise ValueError(f"unsupported language {lang!r}: fupin reads 'zh' and 'en'")
    for name in FACT_COMPONENTS:
        nlp.add_pipe(name)
    if officials:
        nlp.add_pipe("fupin_officials", config={"ner": ner})
    return nlp


@lru_cache(maxsize=8)
def cached_pipeline(lang: str, officials: bool = True, ner: str | None = None) -> Language:
    """One pipeline per process and configuration: building one loads jieba's dictionary."""
    return build_pipeline(lang, officials=officials, ner=ner)
