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


def _rules_of(lang: str) -> ModuleType:
    """The language package (``fupin.extract.zh`` or ``fupin.extract.en``) of an analysis."""
    return importlib.import_module(f"fupin.extract.{'zh' if lang == 'zh' else 'en'}")


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
    doc._.fupin = start_analysis(text, lang, meta, _word_bounds(doc) if lang == "zh" else None)
    _set_sentence_starts(doc, doc._.fupin.sentences)
    return doc


def start_analysis(
    text: str, lang: str, meta: dict, word_bounds: tuple[set[int], set[int]] | None = None
) -> Analysis:
    """The analysis ``fupin_analysis`` starts for ``text``: its sentences and the article's metadata."""
    return Analysis(
        text=text,
        lang=lang,
        sentences=split_sentences(text, lang),
        published=_string(meta.get("published")),
        title=_string(meta.get("title")),
        word_bounds=word_bounds,
    )


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
    find_places(_analysis(doc))
    return doc


def find_places(analysis: Analysis) -> None:
    """What ``fupin_places`` does, on the analysis alone."""
    from fupin.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    text, title = analysis.text, (analysis.title or "").strip()
    if not title or title in text:
        analysis.places = gazetteer.find(text, analysis.lang, bounds=analysis.word_bounds)
        return
    analysis.title_places, analysis.places = gazetteer.find_with_title(
        title, text, analysis.lang, bounds=analysis.word_bounds
    )


@Language.component("fupin_quantities")
def quantities_component(doc: Doc) -> Doc:
    """Find numbers with their bounds and units, language by language."""
    find_quantities(_analysis(doc))
    return doc


def find_quantities(analysis: Analysis) -> None:
    """What ``fupin_quantities`` does, on the analysis alone."""
    analysis.quantities = _rules_of(analysis.lang).find_quantities(analysis.text)


@Language.component("fupin_dates")
def dates_component(doc: Doc) -> Doc:
    """Find time expressions resolved against the publication date."""
    find_dates(_analysis(doc))
    return doc


def find_dates(analysis: Analysis) -> None:
    """What ``fupin_dates`` does, on the analysis alone."""
    analysis.dates = _rules_of(analysis.lang).find_dates(analysis.text, analysis.published)


@Language.component("fupin_facts")
def facts_component(doc: Doc) -> Doc:
    """Turn quantities into facts: metric, scope, period, region and as_of."""
    doc._.facts = _rules_of(_analysis(doc).lang).find_facts(doc._.fupin)
    return doc


#: What each fact component does to an analysis, without a Doc (``fupin_facts`` returns the facts).
ANALYSIS_STEPS = {
    "fupin_places": find_places,
    "fupin_quantities": find_quantities,
    "fupin_dates": find_dates,
}


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


#: Languages whose rules read no token of the Doc (only its text, through the analysis): for
#: them :func:`run_on_text` gives a pipeline's facts and officials without tokenising.
TOKENLESS_LANGUAGES = frozenset({"en"})


def run_on_text(
    nlp: Language, text: str, meta: dict, disable: tuple[str, ...] = ()
) -> tuple[Analysis, list | None, list | None] | None:
    """The analysis, facts and officials that ``nlp(doc)`` would give for ``text``, without a Doc.

    Only for a pipeline of fupin's own components (run in its order), on a language whose rules read
    no token (English: every rule works on the text's characters and sentences). spaCy's
    tokenizer made the Doc, the tokens and their lexemes that nothing read: as much CPU
    time as the rules of a whole component on unseen pages. Returns None where this does
    not apply (another language, another component), and the caller makes the Doc.
    """
    lang = nlp.lang
    if lang not in TOKENLESS_LANGUAGES:
        return None
    steps = [(name, pipe) for name, pipe in nlp.pipeline if name not in disable]  # the enabled ones
    if not steps or steps[0][0] != "fupin_analysis":
        return None
    for name, pipe in steps:
        if not (
            pipe is _OWN.get(name) or (name == "fupin_officials" and isinstance(pipe, OfficialsComponent))
        ):
            return None
    analysis = start_analysis(text, lang, meta)
    facts = officials = None
    for name, pipe in steps[1:]:
        if name == "fupin_facts":
            facts = _rules_of(lang).find_facts(analysis)
        elif name == "fupin_officials":
            officials = pipe.find(analysis)
        else:
            ANALYSIS_STEPS[name](analysis)
    return analysis, facts, officials


#: fupin's own components by name (``fupin_officials`` is an instance per pipeline).
_OWN = {
    "fupin_analysis": analysis_component,
    "fupin_places": places_component,
    "fupin_quantities": quantities_component,
    "fupin_dates": dates_component,
    "fupin_facts": facts_component,
}
