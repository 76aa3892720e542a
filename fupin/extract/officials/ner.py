"""Optional NER backends for the officials rules: a local transformers model or a spaCy pipeline.

A backend turns an article into labelled spans (``PER``, ``ORG``, ``TITLE``, ``LOC``)
that the rules use to find names their surname and title lists miss. Models are
only ever read from disk: ``transformers:PATH`` must name a local Hugging Face
directory (the hub is switched offline before transformers is imported), and
``spacy:NAME`` an installed pipeline package or a pipeline directory.

Label schemes differ between models, so a label map folds them into the four
labels above: CLUENER (``name``, ``organization``, ``government``, ``company``,
``position``, ``address``), CoNLL (``PER``, ``ORG``, ``LOC``) and OntoNotes
(``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``FAC``) are built in; a user map (a dict,
or a JSON file given as ``transformers:PATH|MAP.json``) is applied on top.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

CLUENER_MAP = {
    "name": "PER",
    "organization": "ORG",
    "government": "ORG",
    "company": "ORG",
    "position": "TITLE",
    "address": "LOC",
    "scene": None,
    "book": None,
    "game": None,
    "movie": None,
}
CONLL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": None}
ONTONOTES_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": None,
    "TITLE": "TITLE",
}
DEFAULT_LABEL_MAP: dict[str, str | None] = {**CLUENER_MAP, **CONLL_MAP, **ONTONOTES_MAP}
_PREFIX = re.compile(r"^[BIESLU]-", re.IGNORECASE)


class NerBackendError(RuntimeError):
    """A backend cannot be loaded: missing model, wrong spec, library not installed."""


@dataclass(frozen=True, slots=True)
class NerSpan:
    """``text[start:end]`` is an entity; ``label`` is PER, ORG, TITLE or LOC; ``raw`` the model's label."""

    start: int
    end: int
    label: str
    score: float = 1.0
    raw: str = ""


class NerBackend(Protocol):
    """Anything that labels person / organisation / title / place spans in a text."""

    def spans(self, text: str, sentences: list[tuple[int, int]]) -> list[NerSpan]:
        """Entities of ``text``; ``sentences`` are (start, end) spans used for windowing."""
        ...


def map_label(raw: str, label_map: dict[str, str | None]) -> str | None:
    """The canonical label of a model label ("B-name" -> "PER"), or ``None`` to ignore it."""
    label = _PREFIX.sub("", raw)
    for key in (raw, label, label.lower(), label.upper()):
        if key in label_map:
            return label_map[key]
    return None


def _merged_map(user: dict[str, str | None] | str | Path | None) -> dict[str, str | None]:
    """Built-in maps with the user's map on top (a dict or a JSON file)."""
    if user is None:
        return dict(DEFAULT_LABEL_MAP)
    if not isinstance(user, dict):
        try:
            user = json.loads(Path(user).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise NerBackendError(f"cannot read label map {user}: {exc}") from exc
    return {**DEFAULT_LABEL_MAP, **user}


def sentence_windows(
    sentences: list[tuple[int, int]], lengths: list[int], max_tokens: int, text_len: int
) -> list[tuple[int, int]]:
    """Pack whole sentences into windows of at most ``max_tokens`` tokens.

    A sentence longer than the limit is cut into character pieces sized by its
    token count, so no text is skipped.
    """
    windows: list[tuple[int, int]] = []
    cur_start, cur_end, cur_tokens = None, None, 0
    for (start, end), n in zip(sentences, lengths, strict=True):
        if n > max_tokens:
            if cur_start is not None:
                windows.append((cur_start, cur_end))
                cur_start, cur_tokens = None, 0
            pieces = -(-n // max_tokens)
            step = max(1, -(-(end - start) // pieces))
            windows.extend((s, min(end, s + step)) for s in range(start, end, step))
            continue
        if cur_start is not None and cur_tokens + n > max_tokens:
            windows.append((cur_start, cur_end))
            cur_start, cur_tokens = None, 0
        if cur_start is None:
            cur_start = start
        cur_end, cur_tokens = end, cur_tokens + n
    if cur_start is not None:
        windows.append((cur_start, cur_end))
    return windows or ([(0, text_len)] if text_len else [])


class TransformersBackend:
    """A local Hugging Face token-classification model run by ``transformers.pipeline``."""

    def __init__(
        self,
        path: str | Path,
        label_map: dict[str, str | None] | str | Path | None = None,
        *,
        batch_size: int = 16,
        device: int | str | None = None,
    ) -> None:
        path = Path(path).expanduser()
        if not path.is_dir() or not (path / "config.json").is_file():
            raise NerBackendError(
                f"transformers model not found at {path}: give a local directory with config.json "
                "(a model saved with save_pretrained); fupin never downloads models"
            )
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import torch
            from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline
        except ImportError as exc:  # pragma: no cover - both are project dependencies
            raise NerBackendError(f"the transformers backend needs torch and transformers: {exc}") from exc
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True)
        except (OSError, ValueError) as exc:
            raise NerBackendError(f"cannot load the transformers model at {path}: {exc}") from exc
        if device is None:
            device = 0 if torch.cuda.is_available() else -1
        self.label_map = _merged_map(label_map)
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_tokens = self._max_tokens(tokenizer, model)
        self.pipe = pipeline(
            "token-classification",
            model=model,
            tokenizer=tokenizer,
            aggregation_strategy="simple",
            device=device,
        )

    @staticmethod
    def _max_tokens(tokenizer: Any, model: Any) -> int:
        """Room for text in one window: the model's length minus special tokens."""
        limits = [getattr(model.config, "max_position_embeddings", 512) or 512]
        if 0 < getattr(tokenizer, "model_max_length", 0) < 100_000:
            limits.append(tokenizer.model_max_length)
        return max(8, min(limits) - 2)

    def spans(self, text: str, sentences: list[tuple[int, int]]) -> list[NerSpan]:
        """Entities of the text, window by window, in batches."""
        sentences = [s for s in sentences if s[1] > s[0]] or ([(0, len(text))] if text else [])
        if not sentences:
            return []
        # each sentence owns the gap after it (closing quotes, spaces), so windows measure what they hold
        nexts = [s for s, _ in sentences[1:]] + [sentences[-1][1]]
        owned = [(s, nxt) for (s, _), nxt in zip(sentences, nexts, strict=True)]
        lengths = self._lengths([text[s:e] for s, e in owned])
        windows = sentence_windows(owned, lengths, self.max_tokens, len(text))
        windows = self._fit(text, windows)
        outputs = self.pipe([text[s:e] for s, e in windows], batch_size=self.batch_size)
        found: list[NerSpan] = []
        for (w_start, _), entities in zip(windows, outputs, strict=True):
            for ent in entities:
                raw = str(ent.get("entity_group") or ent.get("entity") or "")
                label = map_label(raw, self.label_map)
                if label is None or ent.get("start") is None:
                    continue
                start, end = w_start + int(ent["start"]), w_start + int(ent["end"])
                while start < end and text[start].isspace():
                    start += 1
                if end > start:
                    found.append(NerSpan(start, end, label, float(ent.get("score", 1.0)), raw))
        return found

    def _lengths(self, pieces: list[str]) -> list[int]:
        """Token counts of text pieces, without special tokens."""
        if not pieces:
            return []
        return [len(ids) for ids in self.tokenizer(pieces, add_special_tokens=False)["input_ids"]]

    def _fit(self, text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Halve any window that still tokenises longer than the model takes."""
        out: list[tuple[int, int]] = []
        todo = list(windows)
        while todo:
            batch, todo = todo, []
            for (s, e), n in zip(batch, self._lengths([text[s:e] for s, e in batch]), strict=True):
                if n <= self.max_tokens or e - s <= 1:
                    out.append((s, e))
                else:
                    mid = (s + e) // 2
                    todo += [(s, mid), (mid, e)]
        return sorted(out)


class SpacyBackend:
    """The NER of an installed, trained spaCy pipeline (package name or directory)."""

    def __init__(self, name: str, label_map: dict[str, str | None] | str | Path | None = None) -> None:
        import spacy

        try:
            self.nlp = spacy.load(name)
        except OSError as exc:
            raise NerBackendError(
                f"spaCy pipeline {name!r} is not installed: install its package or give a pipeline "
                "directory; fupin never downloads models"
            ) from exc
        if "ner" not in self.nlp.pipe_names and "entity_ruler" not in self.nlp.pipe_names:
            raise NerBackendError(f"spaCy pipeline {name!r} has no ner component")
        self.label_map = _merged_map(label_map)

    def spans(self, text: str, sentences: list[tuple[int, int]]) -> list[NerSpan]:
        """Entities found by the pipeline over the whole text."""
        out = []
        for ent in self.nlp(text).ents:
            label = map_label(ent.label_, self.label_map)
            if label:
                out.append(NerSpan(ent.start_char, ent.end_char, label, 1.0, ent.label_))
        return out


def load_ner_backend(spec: str, label_map: dict[str, str | None] | str | Path | None = None) -> NerBackend:
    """``"transformers:PATH"``, ``"transformers:PATH|MAP.json"`` or ``"spacy:NAME"``."""
    kind, _, target = spec.partition(":")
    target, _, map_file = target.partition("|")
    if map_file and label_map is None:
        label_map = map_file
    if not target:
        raise NerBackendError(f"NER spec {spec!r}: expected 'transformers:PATH' or 'spacy:NAME'")
    if kind == "transformers":
        return TransformersBackend(target, label_map)
    if kind == "spacy":
        return SpacyBackend(target, label_map)
    raise NerBackendError(f"NER spec {spec!r}: unknown backend {kind!r} (use transformers: or spacy:)")
