"""NER backends: a tiny CLUENER BERT saved to disk and run offline, a saved spaCy pipeline, windowing."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from conftest import DEV_SETS, read_jsonl

from fupin.extract.officials import NerBackendError, find_officials, load_ner_backend
from fupin.extract.officials.ner import map_label, sentence_windows
from fupin.extract.sentences import split_sentences

ROOT = Path(__file__).parent.parent
CLUENER = [
    "address",
    "book",
    "company",
    "game",
    "government",
    "movie",
    "name",
    "organization",
    "position",
    "scene",
]
LABELS = ["O"] + [f"{p}-{lab}" for lab in CLUENER for p in ("B", "I")]


@pytest.fixture(scope="module")
def pages(dev_dir: Path) -> list[dict]:
    """The Chinese pages of the shared dev set (the tests that need them skip without it)."""
    return read_jsonl(dev_dir / "pages.articles.jsonl")


@pytest.fixture(scope="module")
def tiny_bert(pages: list[dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised 1-layer BertForTokenClassification with the CLUENER labels, saved locally."""
    import torch
    import transformers

    chars = sorted({c for art in pages for c in art["text"] if not c.isspace()})
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)]
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + chars + [f"##{c}" for c in letters]
    vocab = {t: i for i, t in enumerate(dict.fromkeys(tokens))}
    tokenizer = transformers.BertTokenizerFast(vocab=vocab, do_lower_case=True, tokenize_chinese_chars=True)
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():  # mostly "O", as a trained model would say, but random spans remain
        model.classifier.bias[0] = 0.5
    path = tmp_path_factory.mktemp("tiny-cluener")
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def test_tiny_model_runs_offline_with_windows(
    tiny_bert: Path, pages: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    backend = load_ner_backend(f"transformers:{tiny_bert}")
    assert backend.max_tokens == 126
    text = next(a["text"] for a in pages if a["id"] == "zh-038")
    spans = backend.spans(text, split_sentences(text, "zh"))
    assert spans, "a random model still labels something"
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert {s.label for s in spans} <= {"PER", "ORG", "TITLE", "LOC"}
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NerBackendError, match="never downloads"):
        load_ner_backend(f"transformers:{tmp_path / 'no-such-model'}")
    with pytest.raises(NerBackendError, match="unknown backend"):
        load_ner_backend("flair:ner")
    with pytest.raises(NerBackendError, match="not installed"):
        load_ner_backend("spacy:zz_no_such_pipeline")


def test_windows_pack_sentences_and_cut_long_ones() -> None:
    sentences = [(0, 10), (10, 20), (20, 30), (30, 130)]
    windows = sentence_windows(sentences, [10, 10, 10, 100], 25, 130)
    assert windows[0] == (0, 20) and windows[1] == (20, 30)
    assert windows[2][0] == 30 and windows[-1][1] == 130
    assert all(e - s <= 25 for s, e in windows[2:])


def test_label_maps() -> None:
    from fupin.extract.officials.ner import DEFAULT_LABEL_MAP

    assert map_label("B-name", DEFAULT_LABEL_MAP) == "PER"
    assert map_label("S-position", DEFAULT_LABEL_MAP) == "TITLE"
    assert map_label("I-government", DEFAULT_LABEL_MAP) == "ORG"
    assert map_label("PERSON", DEFAULT_LABEL_MAP) == "PER" and map_label("GPE", DEFAULT_LABEL_MAP) == "LOC"
    assert map_label("B-PER", {**DEFAULT_LABEL_MAP, "PER": None}) is None
    assert map_label("MISC", DEFAULT_LABEL_MAP) is None


def test_spacy_pipeline_finds_names_the_rules_miss(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "POSITION", "pattern": "扶贫专干"}, {"label": "PERSON", "pattern": "禤丽丽"}]
    )
    nlp.to_disk(tmp_path / "pipe")
    (tmp_path / "map.json").write_text(json.dumps({"POSITION": "TITLE"}), encoding="utf-8")
    text = "麻栗镇扶贫专干禤丽丽说，全镇扶贫车间已全部复工。"
    sentences = split_sentences(text, "zh")
    assert find_officials(text, "zh", sentences) == []
    backend = load_ner_backend(f"spacy:{tmp_path / 'pipe'}|{tmp_path / 'map.json'}")
    recs = find_officials(text, "zh", sentences, ner=backend)
    assert [(r["name"], r["title"], r["organization"]) for r in recs] == [("禤丽丽", "扶贫专干", "麻栗镇")]


def _dev_eval():
    spec = importlib.util.spec_from_file_location(
        "dev_eval_officials", ROOT / "scripts" / "dev_eval_officials.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_backend_does_not_lower_the_bar(tiny_bert: Path, dev_dir: Path) -> None:
    module = _dev_eval()
    rules = module.run(dev_dir, sets=list(DEV_SETS))
    with_model = module.run(dev_dir, f"transformers:{tiny_bert}", sets=list(DEV_SETS))
    for lang in ("zh", "en"):
        assert with_model[lang]["f1"] >= 0.90 and with_model[lang]["f1"] >= rules[lang]["f1"] - 1e-9
        assert with_model[lang]["title_correct"] >= 0.85 and with_model[lang]["organization_correct"] >= 0.85


def test_extract_cli_with_backend(tiny_bert: Path, pages: list[dict], tmp_path: Path) -> None:
    from conftest import run_fupin

    arts = [a for a in pages if a["id"] in ("zh-029", "zh-038")]
    (tmp_path / "in.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), "utf-8"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = run_fupin(
        "extract",
        "--in",
        str(tmp_path / "in.jsonl"),
        "--out",
        str(tmp_path / "facts.jsonl"),
        "--officials",
        str(tmp_path / "off.jsonl"),
        "--ner",
        f"transformers:{tiny_bert}",
        env=env,
    )
    assert out.returncode == 0, out.stderr
    keys = {r["name_normalized"] for r in read_jsonl(tmp_path / "off.jsonl")}
    assert {"zhou lining", "xiao wenlin", "zhang jiancheng"} <= keys
