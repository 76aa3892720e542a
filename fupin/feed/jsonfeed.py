"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of new and changed reconciled facts.

Feed readers and scripts already know JSON Feed, so the change stream of
reconciled statistics is published in that format: one item per *change* of a
reconciled group (the item id carries the group's change sequence, so a reader
that de-duplicates by id still shows a group again when its value or status
changes). The full reconciled record travels in the ``_fupin`` extension object,
as the specification allows for custom data.

A group that reconciliation removed (merged into another, or its facts gone) is
announced by a *removal item* with ``_fupin.removed = true`` and no record, so a
reader that applies the items in order ends with the store's current groups.
"""

from __future__ import annotations

from typing import Any

VERSION = "https://jsonfeed.org/version/1.1"
TITLE = "fupin: reconciled poverty-alleviation statistics"
DESCRIPTION = (
    "New and changed statistics on China's employment-based poverty alleviation "
    "(poverty-alleviation workshops, poor migrant labour), reconciled across news outlets."
)

#: A JSON Schema for what this module writes: the JSON Feed 1.1 rules that apply to it.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "jsonfeed-1.1.schema.json",
    "title": "JSON Feed 1.1",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": VERSION},
        "title": {"type": "string"},
        "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"},
        "next_url": {"type": "string"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "expired": {"type": "boolean"},
        "authors": {"type": "array", "items": {"type": "object"}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string"},
                    "external_url": {"type": "string"},
                    "title": {"type": "string"},
                    "content_text": {"type": "string"},
                    "content_html": {"type": "string"},
                    "summary": {"type": "string"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "language": {"type": "string"},
                },
            },
        },
    },
}


def _number(value: Any) -> str:
    """A value as a person reads it: no trailing ``.0``, thousands separated."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def item_title(record: dict[str, Any]) -> str:
    """One line: where, what, when, how much, and the status."""
    region = record.get("region") or {}
    where = region.get("name") or region.get("province") or "China"
    when = record.get("as_of") or "undated"
    bound = record.get("bound") or "exact"
    qualifier = {"more_than": "more than ", "less_than": "less than ", "about": "about "}.get(bound, "")
    value = _number(record.get("value"))
    return f"{where} · {record.get('metric')} · {when}: {qualifier}{value} ({record.get('status')})"


def item_text(record: dict[str, Any]) -> str:
    """Plain-text body: the title line, the sources behind the value and the explanation."""
    lines = [item_title(record)]
    for member in record.get("members") or []:
        agrees = member.get("agrees")
        mark = "" if agrees is None else (" (agrees)" if agrees else " (disagrees)")
        where = member.get("url") or member.get("article_id")
        lines.append(
            f"- {member.get('source') or 'unknown source'}: {_number(member.get('value'))}{mark} {where}"
        )
    for flag in record.get("flags") or []:
        lines.append(f"! {flag.get('reason')}: {flag.get('detail') or flag.get('fact_id')}")
    if record.get("explanation"):
        lines.append(str(record["explanation"]))
    return "\n".join(lines)


def feed_item(
    record: dict[str, Any],
    *,
    seq: int | str | None,
    updated_at: str | None,
    first_seen: str | None,
    base_url: str | None,
) -> dict[str, Any]:
    """The JSON Feed item for one reconciled record at one change."""
    group_id = str(record["group_id"])
    item: dict[str, Any] = {
        "id": f"{group_id}@{seq}" if seq is not None else group_id,
        "title": item_title(record),
        "content_text": item_text(record),
        "tags": [
            t
            for t in (
                record.get("metric"),
                (record.get("region") or {}).get("province"),
                record.get("status"),
            )
            if t
        ],
        "_fupin": {"group_id": group_id, "change_seq": seq, "removed": False, "record": record},
    }
    if base_url:
        item["url"] = f"{base_url.rstrip('/')}/reconciled/{group_id}"
    members = record.get("members") or []
    external = next((m.get("url") for m in members if m.get("url")), None)
    if external:
        item["external_url"] = external
    if first_seen:
        item["date_published"] = first_seen
    if updated_at:
        item["date_modified"] = updated_at
    return item


def removal_item(last: dict[str, Any], *, seq: int | str | None, removed_at: str | None) -> dict[str, Any]:
    """The JSON Feed item announcing that a group was removed (``last``: its last record).

    It has no link (the group is gone) and no record: a reader drops the group.
    """
    group_id = str(last["group_id"])
    title = f"removed: {item_title(last)}"
    item: dict[str, Any] = {
        "id": f"{group_id}@{seq}" if seq is not None else group_id,
        "title": title,
        "content_text": (
            f"{title}\nThis reconciled statistic ({group_id}) no longer exists: a later reconciliation "
            "merged its facts into another group or no longer finds them. Drop it."
        ),
        "tags": [
            "removed",
            *(t for t in (last.get("metric"), (last.get("region") or {}).get("province")) if t),
        ],
        "_fupin": {"group_id": group_id, "change_seq": seq, "removed": True, "record": None},
    }
    if removed_at:
        item["date_published"] = removed_at
        item["date_modified"] = removed_at
    return item


def build_feed(
    items: list[dict[str, Any]],
    *,
    base_url: str | None = None,
    feed_path: str = "feed.json",
    next_url: str | None = None,
    next_since: int | str | None = None,
) -> dict[str, Any]:
    """The feed document around already built items."""
    feed: dict[str, Any] = {"version": VERSION, "title": TITLE, "description": DESCRIPTION}
    if base_url:
        feed["home_page_url"] = base_url.rstrip("/") + "/"
        feed["feed_url"] = f"{base_url.rstrip('/')}/{feed_path.lstrip('/')}"
    if next_url:
        feed["next_url"] = next_url
    feed["_fupin"] = {
        "next_since": next_since,
        "about": "items are changes of reconciled groups; "
        "poll with ?since=<next_since> to get only what changed after this feed",
    }
    feed["items"] = items
    return feed
