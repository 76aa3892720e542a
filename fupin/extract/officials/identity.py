"""The corpus-level officials view: one row per person across articles, outlets and languages.

Records of the same person share ``name_normalized`` (the pinyin key), whatever the
language. Two people with the same name are told apart by where they serve: records
whose seats differ (two provinces, or a province and the central government) are
different people; a record with no known seat joins the others of its name.

Outlets misspell names (刘长富 for 刘永富, "Liu Changfu" for "Liu Yongfu"). A name that
differs from another by one character (one pinyin syllable in Latin letters), with
the same title at the same organization, is the same person: the variant joins the
name written by more articles (``link_variants``) and is kept as an alias, with the
articles and outlets that wrote it. Names with the same pinyin share a key already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fupin.extract.officials.names import name_key, pinyin_syllables
from fupin.extract.officials.orgs import is_central

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "person_key",
    "name_normalized",
    "names",
    "aliases",
    "titles",
    "organizations",
    "provinces",
    "roles",
    "articles",
    "mentions",
    "first_seen",
    "last_seen",
]


def _seat(record: Mapping[str, Any]) -> str | None:
    """Province of the record, "central" for central government, ``None`` if unknown."""
    if record.get("province"):
        return str(record["province"])
    org = record.get("organization")
    if org:
        lang = "zh" if re.search(r"[\u4e00-\u9fff]", org) else "en"
        if is_central(org, lang):
            return "central"
    return None


_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _key(record: Mapping[str, Any]) -> str:
    return str(record.get("name_normalized") or name_key(str(record.get("name") or "")))


def _plain(text: Any) -> str:
    """A title or organization compared across outlets: one script, no case, spaces or punctuation."""
    from fupin.extract.textnorm import to_simplified

    return _NOT_WORD.sub("", to_simplified(str(text or "")).casefold())


def split_syllables(word: str) -> list[str] | None:
    """A pinyin word as its fewest syllables ("yongfu" -> ["yong", "fu"]); None if it is not pinyin."""
    syllables = pinyin_syllables()
    w = word.lower()
    best: dict[int, list[str] | None] = {len(w): []}
    for i in range(len(w) - 1, -1, -1):
        options = [
            [w[i:j], *rest]
            for j in range(min(len(w), i + 6), i, -1)
            if w[i:j] in syllables and (rest := best.get(j)) is not None
        ]
        best[i] = min(options, key=len) if options else None
    return best[0]


def _syllables(record: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The syllables of the name's pinyin key (one per character of a Chinese name)."""
    out: list[str] = []
    for word in _key(record).split():
        parts = split_syllables(word)
        if parts is None:
            return None
        out.extend(parts)
    return tuple(out)


def _one_apart(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two written names one character (one syllable) apart, surname and length alike."""
    from fupin.extract.textnorm import to_simplified

    name_a, name_b = (re.sub(r"\s+", "", to_simplified(str(r.get("name") or ""))) for r in (a, b))
    if bool(_HAN.search(name_a)) == bool(_HAN.search(name_b)) and _HAN.search(name_a):
        return (
            len(name_a) == len(name_b) >= 2
            and name_a[0] == name_b[0]
            and sum(x != y for x, y in zip(name_a, name_b, strict=True)) == 1
        )
    sa, sb = _syllables(a), _syllables(b)
    if not sa or not sb or len(sa) != len(sb) or len(sa) < 2 or sa[0] != sb[0]:
        return False
    return sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def _same_post(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The same title at the same organization (as written, script and punctuation aside)."""
    title_a, title_b = _plain(a.get("title")), _plain(b.get("title"))
    org_a, org_b = _plain(a.get("organization")), _plain(b.get("organization"))
    if not (title_a and title_b and org_a and org_b) or title_a != title_b:
        return False
    return org_a == org_b or (min(len(org_a), len(org_b)) >= 4 and (org_a in org_b or org_b in org_a))


def link_variants(records: list[Mapping[str, Any]]) -> list[str]:
    """The name key of each record, a misspelt variant's replaced by its person's (see the module docstring).

    A record whose name is one character (syllable) from another name's, with the
    same title at the same organization, takes the key of the name written in more
    articles (then by more records, then the first key in order). A variant links to a
    name as written, never to another variant (one letter at a time, names would drift).
    Records of the variant name with other posts keep their own key.
    """
    keys = [_key(rec) for rec in records]
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)

    def weight(key: str) -> tuple:
        members = by_key[key]
        return (-len({str(records[i].get("article_id")) for i in members}), -len(members), key)

    out = list(keys)
    order = sorted(by_key, key=weight)  # heavier names first: a variant joins the heavier one
    for rank, heavy in enumerate(order):
        for light in order[rank + 1 :]:
            for i in by_key[light]:
                if out[i] != light:
                    continue  # already linked to a heavier name
                match = next(
                    (
                        j
                        for j in by_key[heavy]
                        if out[j] == heavy  # a name as written, not itself a variant: no drift along chains
                        and _same_post(records[i], records[j])
                        and _one_apart(records[i], records[j])
                    ),
                    None,
                )
                if match is not None:
                    out[i] = out[match]
    return out


def person_keys(records: list[Mapping[str, Any]]) -> list[str]:
    """A person key per record: the name key (a misspelt variant's is its person's),
    plus ``@seat`` where one name covers several people."""
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(link_variants(records)):
        groups.setdefault(key, []).append(i)
    out = [""] * len(records)
    for key, members in groups.items():
        seats = {_seat(records[i]) for i in members} - {None}
        for i in members:
            seat = _seat(records[i])
            if len(seats) <= 1:
                out[i] = key
            else:
                out[i] = f"{key}@{(seat or _majority(records, members)).lower().replace(' ', '-')}"
    return out


def _majority(records: list[Mapping[str, Any]], members: list[int]) -> str:
    """The most frequent seat of a name (where records with no seat are put)."""
    counts: dict[str, int] = {}
    for i in members:
        seat = _seat(records[i])
        if seat:
            counts[seat] = counts.get(seat, 0) + 1
    return max(sorted(counts), key=lambda s: counts[s])


def _dated(pairs: Iterable[tuple[str | None, str | None]]) -> list[dict[str, Any]]:
    """Distinct values with the first and last date they were seen."""
    seen: dict[str, list[str | None]] = {}
    for date, value in pairs:
        if not value:
            continue
        first_last = seen.setdefault(value, [date, date])
        if date and (first_last[0] is None or date < first_last[0]):
            first_last[0] = date
        if date and (first_last[1] is None or date > first_last[1]):
            first_last[1] = date
    rows = [{"value": v, "first_seen": fl[0], "last_seen": fl[1]} for v, fl in seen.items()]
    return sorted(rows, key=lambda r: (r["first_seen"] or "", r["value"]))


def _aliases(
    group: list[Mapping[str, Any]], key: str, sources: Mapping[str, str | None] | None
) -> list[dict[str, Any]]:
    """Names of the person other than its own key's, with the articles and outlets that wrote them."""
    by_name: dict[str, list[Mapping[str, Any]]] = {}
    for rec in group:
        if _key(rec) != key:
            by_name.setdefault(str(rec.get("name")), []).append(rec)
    rows = []
    for name, recs in sorted(by_name.items()):
        articles = sorted({str(r.get("article_id")) for r in recs})
        outlets = {
            str(r.get("source") or (sources or {}).get(str(r.get("article_id"))) or "") for r in recs
        } - {""}
        rows.append(
            {"name": name, "name_normalized": _key(recs[0]), "articles": articles, "sources": sorted(outlets)}
        )
    return rows


def officials_view(
    records: Iterable[Mapping[str, Any]],
    published: Mapping[str, str | None] | None = None,
    sources: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """One row per person (see ``COLUMNS``); dates come from ``published`` (article id -> date)
    or from a ``published`` field on the record; ``aliases`` name the outlets that wrote a
    variant from ``sources`` (article id -> outlet) or a ``source`` field on the record."""
    import pandas as pd

    recs = list(records)
    if not recs:
        return pd.DataFrame(columns=COLUMNS)
    keys = person_keys(recs)
    by_person: dict[str, list[Mapping[str, Any]]] = {}
    for key, rec in zip(keys, recs, strict=True):
        by_person.setdefault(key, []).append(rec)
    rows = []
    for key, group in by_person.items():
        dates = [(published or {}).get(str(r.get("article_id"))) or r.get("published") for r in group]
        known = sorted(d for d in dates if d)
        rows.append(
            {
                "person_key": key,
                "name_normalized": key.split("@", 1)[0],
                "names": sorted({str(r.get("name")) for r in group}),
                "aliases": _aliases(group, key.split("@", 1)[0], sources),
                "titles": _dated(zip(dates, (r.get("title") for r in group), strict=True)),
                "organizations": _dated(zip(dates, (r.get("organization") for r in group), strict=True)),
                "provinces": sorted({str(r["province"]) for r in group if r.get("province")}),
                "roles": sorted({str(r.get("role") or "official") for r in group}),
                "articles": sorted(
                    {str(r.get("article_id")) for r in group if r.get("article_id") is not None}
                ),
                "mentions": len(group),
                "first_seen": known[0] if known else None,
                "last_seen": known[-1] if known else None,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("person_key", ignore_index=True)
