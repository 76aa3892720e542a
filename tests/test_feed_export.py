"""``fupin feed export``: the static files hold what the API serves."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from feed_support import all_pages, build_store, check_json_feed, command, serve

from fupin.commands import feed as feed_command
from fupin.feed import create_app, export_feed


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("export")
    home = build_store(base / "home")
    args = command(feed_command, "feed", "export", str(base / "out"), "--home", str(home))
    assert args.func(args) == 0
    return home, base / "out"


@pytest.fixture(scope="module")
def client(exported: tuple[Path, Path]) -> httpx.Client:
    with serve(create_app(exported[0])) as client:
        yield client


@pytest.mark.parametrize("name", ["facts", "reconciled", "officials"])
def test_jsonl_files_match_the_api(exported: tuple[Path, Path], client: httpx.Client, name: str) -> None:
    served, _ = all_pages(client, f"/{name}", {"limit": 3})
    assert read_jsonl(exported[1] / f"{name}.jsonl") == served


def test_feed_json_matches_the_api(exported: tuple[Path, Path], client: httpx.Client) -> None:
    static = json.loads((exported[1] / "feed.json").read_text(encoding="utf-8"))
    check_json_feed(static)
    served = client.get("/feed.json").json()
    strip = [{k: v for k, v in item.items() if k != "url"} for item in served["items"]]
    assert static["items"] == strip  # only links differ: the static feed has no server to link to
    assert static["_fupin"]["next_since"] == served["_fupin"]["next_since"]


def test_schemas_and_index(exported: tuple[Path, Path], client: httpx.Client) -> None:
    out = exported[1]
    for name in ("article", "fact", "official", "reconciled", "jsonfeed"):
        schema = json.loads((out / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema == client.get(f"/schema/{name}").json()
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["counts"] == {"facts": 7, "officials": 3, "reconciled": 5, "removed": 0}
    _, since = all_pages(client, "/reconciled")
    assert index["next_since"]["reconciled"] == since
    assert client.get("/reconciled", params={"since": since}).json()["items"] == []


def test_export_with_base_url_links_items(tmp_path: Path, exported: tuple[Path, Path]) -> None:
    export_feed(exported[0], tmp_path, base_url="https://data.example.org/fupin/")
    feed = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == "https://data.example.org/fupin/feed.json"
    assert all(i["url"].startswith("https://data.example.org/fupin/reconciled/") for i in feed["items"])
    assert not list(tmp_path.glob(".*tmp*"))  # temporary files renamed into place


def test_export_of_a_missing_store_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = command(feed_command, "feed", "export", str(tmp_path / "out"), "--home", str(tmp_path / "none"))
    assert args.func(args) == 1
    assert "no store" in capsys.readouterr().err
