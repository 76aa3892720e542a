"""The corpus-level officials view: one row per person across articles, outlets and languages.

Records of the same person share ``name_normalized`` (the pinyin key), whatever the
language. Two people with the same name are told apart by where they serve: records
whose seats differ (two provinces, or a province and the central government) are
different people; a record with no known seat joins the others of its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fupin.extract.officials.names import name_key
from fupin.extract.officials.orgs import is_central

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "person_key",
    "name_normalized",
    "names",
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


def person_keys(records: list[Mapping[str, Any]]) -> list[str]:
    """A person key per record: the name key, plus ``@seat`` where one name covers several people."""
    groups: dict[str, list[int]] = {}
    for i, rec in enumerate(records):
        key = rec.get("name_normalized") or name_key(str(rec.get("name") or ""))
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


def officials_view(
    records: Iterable[Mapping[str, Any]], published: Mapping[str, str | None] | None = None
) -> pd.DataFrame:
    """One row per person (see ``COLUMNS``); dates come from ``published`` (article id -> date)
    or from a ``published`` field on the record."""
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
