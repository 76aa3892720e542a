"""The spaCy components that do the extraction, registered as factories.

A user can add them to a pipeline of their own (``nlp.add_pipe("fupin_facts")``)
after ``fupin_analysis``; fupin's own pipelines are built in
``fupin.extract.pipeline``. Every component reads and extends ``doc._.fupin``, an
:class:`~fupin.extract.analysis.Analysis`, so that the language rules work on plain
character offsets while spaCy provides the pipeline, the tokens and the sentence
boundaries.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from fupin.extract.analysis import Analysis
from fupin.extract.sentences import split_sentences

for _name in ("fupin", "facts", "officials"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _rules(doc: Doc) -> ModuleType:
    """The language package (``fupin.extract.zh`` or ``fupin.extract.en``) for this doc."""
    return importlib.import_module(f"fupin.extract.{'zh' if doc.lang_ == 'zh' else 'en'}")


def _analysis(doc: Doc) -> Analysis:
    if doc._.fupin is None:
        raise ValueError("fupin components need 'fupin_analysis' first in the pipeline")
    return doc._.fupin


@Language.component("fupin_analysis")
def analysis_component(doc: Doc) -> Doc:
    """Start the analysis: sentence spans, also written to the tokens as sentence starts.

    Article metadata (published date, title, and the text the doc was made from) comes
    from ``doc.user_data["fupin_meta"]`` when the caller put it there; a value that is
    not a string (a number for the date, an object for the title) is ignored.
    """
    meta = doc.user_data.get("fupin_meta")
    meta = meta if isinstance(meta, dict) else {}
    lang = "zh" if doc.lang_ == "zh" else "en"
    text = _doc_text(doc, _string(meta.get("text")))
    sentences = split_sentences(text, lang)
    doc._.fupin = Analysis(
        text=text,
        lang=lang,
        sentences=sentences,
        published=_string(meta.get("published")),
        title=_string(meta.get("title")),
        word_bounds=_word_bounds(doc) if lang == "zh" else None,
    )
    _set_sentence_starts(doc, sentences)
    return doc


def _string(value: object) -> str | None:
    """A metadata value the rules can read: a string, else None (a number, an object, a list)."""
    return value if isinstance(value, str) else None


def _word_bounds(doc: Doc) -> tuple[set[int], set[int]]:
    """Where the tokens start and end, so that the gazetteer need not segment the text again."""
    if not len(doc):
        return set(), set()
    spans = doc.to_array([IDX, LENGTH])
    starts = spans[:, 0]
    return set(starts.tolist()), set((starts + spans[:, 1]).tolist())


def _doc_text(doc: Doc, given: str | None) -> str:
    """The doc's text: the one the caller tokenised when it says so, else ``doc.text``.

    ``doc.text`` is rebuilt from a Token object per token on every access, which costs
    as much as a rule component on long texts.
    """
    if given is not None and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(given):
        return given
    return doc.text


def _set_sentence_starts(doc: Doc, sentences: list[tuple[int, int]]) -> None:
    """Mark the tokens that start a sentence, in one array write.

    Setting ``token.is_sent_start`` token by token makes spaCy check the whole doc
    for a parse each time (quadratic in the tokens): it cost more than all the
    extraction rules on long English articles.
    """
    if not len(doc):
        return
    offsets = doc.to_array([IDX])
    starts = numpy.fromiter((start for start, _ in sentences), dtype=offsets.dtype, count=len(sentences))
    at = numpy.searchsorted(offsets, starts).clip(max=len(offsets) - 1)  # offsets are sorted
    values = numpy.full(len(offsets), -1, dtype="int64")
    values[at[offsets[at] == starts]] = 1
    values[0] = 1
    doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))


@Language.component("fupin_places")
def places_component(doc: Doc) -> Doc:
    """Find place names (gazetteer of China's divisions, national and group forms)."""
    from fupin.extract.gazetteer import Gazetteer

    analysis = _analysis(doc)
    gazetteer = Gazetteer.default()
    text, title = analysis.text, (analysis.title or "").strip()
    if not title or title in text:
        analysis.places = gazetteer.find(text, analysis.lang, bounds=analysis.word_bounds)
        return doc
    analysis.title_places, analysis.places = gazetteer.find_with_title(
        title, text, analysis.lang, bounds=analysis.word_bounds
    )
    return doc


@Language.component("fupin_quantities")
def quantities_component(doc: Doc) -> Doc:
    """Find numbers with their bounds and units, language by language."""
    analysis = _analysis(doc)
    analysis.quantities = _rules(doc).find_quantities(analysis.text)
    return doc


@Language.component("fupin_dates")
def dates_component(doc: Doc) -> Doc:
    """Find time expressions resolved against the publication date."""
    analysis = _analysis(doc)
    analysis.dates = _rules(doc).find_dates(analysis.text, analysis.published)
    return doc


@Language.component("fupin_facts")
def facts_component(doc: Doc) -> Doc:
    """Turn quantities into facts: metric, scope, period, region and as_of."""
    doc._.facts = _rules(doc).find_facts(_analysis(doc))
    return doc


@Language.factory("fupin_officials", default_config={"ner": None})
def make_officials_component(nlp: Language, name: str, ner: str | None) -> OfficialsComponent:
    """Officials quoted or cited; ``ner`` is an optional backend spec ("transformers:PATH")."""
    return OfficialsComponent(ner)


class OfficialsComponent:
    """Find the officials of a doc, optionally helped by a NER backend loaded once."""

    def __init__(self, ner: str | None) -> None:
        self.ner_spec = ner
        self._backend = None

    def __call__(self, doc: Doc) -> Doc:
        doc._.officials = self.find(_analysis(doc))
        return doc

    def find(self, analysis: Analysis) -> list[dict]:
        """The officials of an analysed text (its sentences and places found already)."""
        from fupin.extract.officials import find_officials, load_ner_backend

        if self.ner_spec and self._backend is None:
            self._backend = load_ner_backend(self.ner_spec)
        return find_officials(
            analysis.text, analysis.lang, analysis.sentences, places=analysis.places, ner=self._backend
        )
