"""The feed server over real HTTP (uvicorn on 127.0.0.1) on a small hand-made store."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jsonschema
import pytest
from feed_support import all_pages, build_store, check_json_feed, group, open_for_writing, serve

from fupin.feed import create_app

SPEC = Path(__file__).parent.parent / "fupin" / "spec"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("feed") / "home")


@pytest.fixture(scope="module")
def client(home: Path) -> httpx.Client:
    with serve(create_app(home)) as client:
        yield client


def items(client: httpx.Client, path: str, **params: object) -> list[dict]:
    response = client.get(path, params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_index_counts_the_store(client: httpx.Client) -> None:
    body = client.get("/").json()
    assert body["counts"] == {"articles": 3, "facts": 7, "officials": 3, "reconciled": 5}


def test_facts_are_schema_valid_records(client: httpx.Client) -> None:
    schema = json.loads((SPEC / "fact.schema.json").read_text(encoding="utf-8"))
    facts = items(client, "/facts")
    assert len(facts) == 7
    for fact in facts:
        jsonschema.validate(fact, schema)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "Gansu"}, 3),
        ({"province": "gansu"}, 3),  # case does not matter
        ({"province": ["Gansu", "Hubei"]}, 5),
        ({"metric": "workshops"}, 4),
        ({"metric": "workshops", "province": "Hubei"}, 2),
        ({"level": "province"}, 7),
        ({"level": "county"}, 0),
        ({"source": "xinhua.example"}, 2),
        ({"language": "en"}, 2),
        ({"from": "2020-06"}, 5),
        ({"to": "2020-03"}, 2),  # a month includes its last day
        ({"from": "2020-03-15", "to": "2020-06-29"}, 0),
        ({"from": "2020", "to": "2020"}, 7),
    ],
)
def test_fact_filters(client: httpx.Client, params: dict, expected: int) -> None:
    assert len(items(client, "/facts", **params)) == expected


def test_reconciled_filters(client: httpx.Client) -> None:
    assert {g["status"] for g in items(client, "/reconciled", status="conflict")} == {"conflict"}
    assert len(items(client, "/reconciled", status="conflict")) == 1
    assert len(items(client, "/reconciled", status=["agreed", "single"])) == 4
    # source and language filter on the members: any member from that outlet / in that language
    assert {g["region"]["province"] for g in items(client, "/reconciled", source="daily.example")} == {
        "Gansu",
        "Hubei",
    }
    assert len(items(client, "/reconciled", language="en")) == 2
    assert len(items(client, "/reconciled", province="Guizhou", metric="workshop_resumption_rate")) == 1


def test_officials_filters(client: httpx.Client) -> None:
    assert len(items(client, "/officials")) == 3
    assert len(items(client, "/officials", province="Guizhou")) == 1
    assert [o["name"] for o in items(client, "/officials", name="官员1")] == ["官员1"]
    assert len(items(client, "/officials", source="daily.example")) == 1


@pytest.mark.parametrize("path", ["/facts", "/reconciled", "/officials"])
def test_cursor_pagination_walks_everything_once(client: httpx.Client, path: str) -> None:
    whole = items(client, path)
    paged, _ = all_pages(client, path, {"limit": 2})
    key = {"/facts": "fact_id", "/reconciled": "group_id", "/officials": "official_id"}[path]
    assert [i[key] for i in paged] == [i[key] for i in whole]
    assert len({i[key] for i in paged}) == len(whole)


def test_pages_keep_filters_and_give_next_url(client: httpx.Client) -> None:
    body = client.get("/facts", params={"province": "Gansu", "limit": 2}).json()
    assert body["count"] == 2 and body["next_cursor"] and body["next_since"] is None
    assert "province=Gansu" in body["next_url"]
    rest = client.get(body["next_url"]).json()
    assert [f["region"]["province"] for f in rest["items"]] == ["Gansu"]
    assert rest["next_cursor"] is None and rest["next_since"]


def test_page_size_is_capped(client: httpx.Client) -> None:
    body = client.get("/facts", params={"limit": 100000}).json()
    assert body["limit"] == 500


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/facts", {"metric": "workshop"}, "metric"),
        ("/facts", {"level": "city"}, "level"),
        ("/facts", {"language": "fr"}, "language"),
        ("/reconciled", {"status": "maybe"}, "status"),
        ("/facts", {"from": "2020-13"}, "from"),
        ("/facts", {"from": "2020-02-30"}, "from"),
        ("/facts", {"to": "June 2020"}, "to"),
        ("/facts", {"from": "2021", "to": "2020"}, "from"),
        ("/facts", {"limit": 0}, "limit"),
        ("/facts", {"limit": "ten"}, "limit"),
        ("/facts", {"cursor": "not-a-cursor"}, "cursor"),
        ("/facts", {"since": "yesterday"}, "since"),
        ("/reconciled", {"since": "bm90IGEgdG9rZW4"}, "since"),
        ("/officials", {"province": "x" * 300}, "province"),
        ("/feed.json", {"status": "new"}, "status"),
    ],
)
def test_bad_parameters_get_422_naming_them(client: httpx.Client, path: str, params: dict, name: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert f"'{name}'" in body["message"]
    assert any(name in error["loc"] for error in body["detail"])


def test_a_cursor_of_one_listing_is_not_a_since_token(client: httpx.Client) -> None:
    cursor = client.get("/facts", params={"limit": 1}).json()["next_cursor"]
    assert client.get("/facts", params={"since": cursor}).status_code == 422


@pytest.mark.parametrize(
    "path",
    ["/articles/nope", "/facts/nope", "/reconciled/nope", "/schema/nope", "/articles/%27%20OR%201%3D1"],
)
def test_unknown_ids_get_404(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "detail" in response.json()


INJECTIONS = [
    "' OR '1'='1",
    "x' OR 1=1 --",
    "Gansu'; DROP TABLE facts; --",
    '" OR ""="',
    "') OR ('a'='a",
    "Gansu' UNION SELECT fact_id FROM facts --",
    "%' OR province LIKE '%",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_in_every_string_parameter(client: httpx.Client, home: Path, payload: str) -> None:
    for path, name in [
        ("/facts", "province"),
        ("/facts", "source"),
        ("/reconciled", "province"),
        ("/reconciled", "source"),
        ("/officials", "province"),
        ("/officials", "source"),
        ("/officials", "name"),
        ("/feed.json", "province"),
        ("/feed.json", "source"),
    ]:
        response = client.get(path, params={name: payload})
        assert response.status_code == 200, (path, name, response.text)
        assert response.json()["items"] == [], (path, name)
    for name in ("cursor", "since"):
        assert client.get("/facts", params={name: payload}).status_code == 422
    for enum in ("metric", "level", "language"):
        assert client.get("/facts", params={enum: payload}).status_code == 422
    assert client.get("/facts", params={"from": payload}).status_code == 422
    for path in ("/articles/", "/facts/", "/reconciled/"):
        assert client.get(path + payload.replace("/", "")).status_code == 404
    assert client.get("/").json()["counts"] == {"articles": 3, "facts": 7, "officials": 3, "reconciled": 5}


def test_article_with_evidence_highlighted(client: httpx.Client) -> None:
    fact = items(client, "/facts", province="Guizhou", metric="poor_workers_employed")[0]
    article = client.get(f"/articles/{fact['article_id']}").json()
    assert article["title"] == "贵州扶贫车间" and article["source"] == "xinhua.example"
    assert "".join(s["text"] for s in article["segments"]) == article["text"]
    marked = {fid: s["text"] for s in article["segments"] for fid in s.get("fact_ids", [])}
    assert marked[fact["fact_id"]] == "3.2万"
    assert len(article["facts"]) == 2 and len(article["officials"]) == 1
    assert article["urls"] == [{"url": fact["url"], "source": "xinhua.example"}]


def test_one_record_endpoints(client: httpx.Client) -> None:
    fact = items(client, "/facts")[0]
    assert client.get(f"/facts/{fact['fact_id']}").json() == fact
    record = items(client, "/reconciled")[0]
    assert client.get(f"/reconciled/{record['group_id']}").json() == record


def test_schemas_are_served(client: httpx.Client) -> None:
    names = client.get("/schema").json()["schemas"]
    assert {"article", "fact", "official", "reconciled"} <= set(names)
    for name in ("fact", "reconciled.schema.json"):
        served = client.get(f"/schema/{name}").json()
        stem = name.removesuffix(".schema.json")
        assert served == json.loads((SPEC / f"{stem}.schema.json").read_text(encoding="utf-8"))
    assert client.get("/schema/jsonfeed").json()["title"] == "JSON Feed 1.1"


def test_openapi_docs(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/facts", "/reconciled", "/officials", "/articles/{article_id}", "/feed.json"} <= set(paths)
    names = {p["name"] for p in paths["/facts"]["get"]["parameters"]}
    assert {
        "province",
        "metric",
        "level",
        "from",
        "to",
        "source",
        "language",
        "cursor",
        "since",
        "limit",
    } <= names


def test_json_feed_is_valid_and_pages(client: httpx.Client) -> None:
    response = client.get("/feed.json")
    assert response.headers["content-type"].startswith("application/feed+json")
    feed = response.json()
    check_json_feed(feed)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == 5
    conflict = [i for i in feed["items"] if "conflict" in i["tags"]]
    assert len(conflict) == 1 and "disagrees" in conflict[0]["content_text"]
    assert conflict[0]["url"].endswith(f"/reconciled/{conflict[0]['_fupin']['group_id']}")
    first = client.get("/feed.json", params={"limit": 3}).json()
    check_json_feed(first)
    assert len(first["items"]) == 3 and first["next_url"].startswith("http://127.0.0.1:")
    second = httpx.get(first["next_url"]).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in feed["items"]]


def test_since_returns_only_changes(tmp_path: Path) -> None:
    home = build_store(tmp_path / "home")
    with serve(create_app(home)) as client:
        before, since = all_pages(client, "/reconciled")
        assert len(before) == 5
        assert client.get("/reconciled", params={"since": since}).json()["items"] == []
        old = before[0]
        with open_for_writing(home) as store:  # a run writes while the server is up (no request in flight)
            changed = {**old, "value": old["value"] + 1, "explanation": "changed"}
            new = group(
                "g-new", "jobs", "Gansu", "2020-12", 5000, "single", [("f-x", "a-x", "s.example", 5000)]
            )
            store.replace_reconciled([changed, new, *before[1:]])
        got, since2 = all_pages(client, "/reconciled", {"since": since})
        assert sorted(g["group_id"] for g in got) == sorted([old["group_id"], "g-new"])
        assert client.get("/reconciled", params={"since": since2}).json()["items"] == []
        feed = client.get("/feed.json", params={"since": since}).json()
        assert sorted(i["_fupin"]["group_id"] for i in feed["items"]) == sorted([old["group_id"], "g-new"])
        assert feed["_fupin"]["next_since"] == since2
        # an ISO time works as since too
        assert client.get("/reconciled", params={"since": "2999-01-01T00:00:00Z"}).json()["items"] == []


def test_missing_store_is_503(tmp_path: Path) -> None:
    with serve(create_app(tmp_path / "none")) as client:
        response = client.get("/facts")
        assert response.status_code == 503
        assert "no store" in response.json()["message"]


def test_a_writing_run_gives_503_with_retry_after(tmp_path: Path) -> None:
    home = build_store(tmp_path / "home")
    code = (
        "import sys, time; from fupin.corpus.store import Store; s = Store.open(sys.argv[1]); "
        "print('open', flush=True); time.sleep(30)"
    )
    writer = subprocess.Popen([sys.executable, "-c", code, str(home)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        with serve(create_app(home, lock_wait=0.3)) as client:
            began = time.monotonic()
            response = client.get("/facts")
            assert response.status_code == 503 and response.headers["retry-after"]
            assert time.monotonic() - began < 5
    finally:
        writer.kill()
        writer.wait()
    with serve(create_app(home)) as client:
        assert client.get("/facts").status_code == 200
