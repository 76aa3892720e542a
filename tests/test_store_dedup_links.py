"""The store's near-duplicate links reach reconciliation: a copy's outlet is not an independent source."""

from __future__ import annotations

from pathlib import Path

from test_store import article, fact

from fupin.corpus.reconcile import reconcile_store
from fupin.corpus.store import Store

SENTENCES = ("截至3月25日，甘肃省已建成扶贫车间1982个。", "甘肃全省扶贫车间数量达到1982个，截至3月25日。")


def _independent_sources(home: Path, linked: bool) -> int:
    with Store.open(home) as store:
        ids = []
        for n, (source, sentence) in enumerate(zip(("a.cn", "b.cn"), SENTENCES, strict=True), start=1):
            aid, _ = store.add_article(article(n, source=source, text=sentence * 3))
            start = sentence.index("1982")
            evidence = {"sentence": sentence, "start": start, "end": start + 4}
            store.add_facts(aid, [fact(aid, source=source, evidence=evidence)], "x1")
            ids.append(aid)
        if linked:  # what signing an old store does to a copy it stored twice
            store.connection.execute("UPDATE articles SET duplicate_of = ? WHERE article_id = ?", ids)
        reconcile_store(store)
        (record,) = store.reconciled_records()
    return record["support"]["independent_sources"]


def test_duplicate_link_counts_once(tmp_path: Path) -> None:
    assert _independent_sources(tmp_path / "apart", linked=False) == 2
    assert _independent_sources(tmp_path / "linked", linked=True) == 1
