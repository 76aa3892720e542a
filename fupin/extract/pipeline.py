"""fupin's own spaCy pipelines, one per language.

Chinese is a blank ``zh`` pipeline whose tokenizer gives jieba's words
(``fupin.zh_tokenizer.v1``, jieba-next underneath), English a blank ``en``
pipeline: no official trained spaCy models can be installed here, and the fact
rules need only tokens and sentences. A trained pipeline's NER helps with officials
through ``ner="spacy:NAME"``.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import fupin.extract.components  # noqa: F401  (registers the factories)
import fupin.extract.zh.tokenizer  # noqa: F401  (registers the Chinese tokenizer)

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
