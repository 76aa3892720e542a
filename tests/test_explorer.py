"""The fact explorer and the offline /docs, over HTTP on the store `fupin run --demo` builds.

The browser half (Swagger UI and the charts really drawing) is in test_explorer_browser.py.
"""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fupin.feed import create_app
from fupin.pipeline_run import run_pipeline

HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store `fupin run --demo` builds: the demo site crawled, extracted, reconciled."""
    home = tmp_path_factory.mktemp("explorer") / "fupin-data"
    summary = run_pipeline(home, demo=True)
    assert summary.status == "ok", summary.errors
    assert summary.conflicts >= 1
    return home


@pytest.fixture(scope="module")
def client(demo_home: Path) -> TestClient:
    return TestClient(create_app(demo_home))


class _Refs(HTMLParser):
    """Every src/href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [value for name, value in attrs if name in ("src", "href") and value]


def refs(html: str) -> list[str]:
    parser = _Refs()
    parser.feed(html)
    return parser.refs


def rows(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params={**params, "_format": "json"})
    assert response.status_code == 200, response.text
    return response.json()


def gansu_workers(client: TestClient) -> dict:
    """The demo's Gansu workers conflict: 46,000 in the Chinese story, 460,000 in the English one."""
    query = {"status": "conflict", "province": "Gansu", "metric": "workers_employed"}
    found = rows(client, "/explore/statistics", **query)
    assert found["total"] == 1
    return found["rows"][0]


# --- /docs without a network -------------------------------------------------------------------


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_reference_only_the_app_itself(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assets = [r for r in refs(response.text) if r.endswith((".js", ".css", ".png"))]
    assert assets, "the docs page loads no assets"
    for ref in refs(response.text):
        assert ref.startswith("/") and not ref.startswith("//"), f"{page} refers to another host: {ref}"
    assert not re.search(r"https?://", response.text), "a URL to another host in the page"
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200 and len(served.content) > 1000, asset


def test_swagger_bundle_is_the_real_one(client: TestClient) -> None:
    html = client.get("/docs").text
    script = next(r for r in refs(html) if r.endswith("swagger-ui-bundle.js"))
    assert "SwaggerUIBundle" in client.get(script).text
    assert "validatorUrl" in html and '"validatorUrl": null' in html  # no call to validator.swagger.io


# --- the front page ----------------------------------------------------------------------------


def test_front_page_for_browsers_json_index_for_programs(client: TestClient) -> None:
    page = client.get("/", headers=HTML)
    assert page.headers["content-type"].startswith("text/html")
    assert "/explore/statistics/" in page.text and "Conflicts" in page.text
    index = client.get("/", headers={"accept": "*/*"}).json()
    assert index["counts"]["reconciled"] > 0 and "/facts" in index["endpoints"]
    assert client.get("/", params={"_format": "json"}, headers=HTML).json() == index
    assert client.get("/explore", headers=HTML).url.path == "/explore/statistics"


# --- statistics --------------------------------------------------------------------------------


def test_conflict_filter_and_facet_counts(client: TestClient) -> None:
    everything = rows(client, "/explore/statistics", _size="all")
    conflicts = rows(client, "/explore/statistics", status="conflict")
    assert conflicts["total"] == 2 and {r["status"] for r in conflicts["rows"]} == {"conflict"}
    # a facet counts under the other filters: the status facet still lists every status
    status = {f["value"]: f["count"] for f in conflicts["facets"]["status"]}
    assert status["conflict"] == 2 and sum(status.values()) == everything["total"]
    metric = {f["value"]: f["count"] for f in conflicts["facets"]["metric"]}
    assert metric == {"workers_employed": 1, "workshops_resumed": 1}
    province = {f["value"]: f["count"] for f in conflicts["facets"]["province"]}
    assert province == {"Gansu": 2}


def test_facet_counts_match_filtering_by_that_value(client: TestClient) -> None:
    facets = rows(client, "/explore/statistics", level="province")["facets"]
    for facet in facets["metric"][:4] + facets["province"][:4]:
        name = "metric" if facet in facets["metric"] else "province"
        filtered = rows(client, "/explore/statistics", level="province", **{name: facet["value"]})
        assert filtered["total"] == facet["count"], facet


def test_flagged_and_date_range(client: TestClient) -> None:
    total = rows(client, "/explore/statistics")["total"]
    flagged = rows(client, "/explore/statistics", flagged="yes")
    unflagged = rows(client, "/explore/statistics", flagged="no")
    assert flagged["total"] + unflagged["total"] == total and flagged["total"] >= 2
    assert all(r["flags"] > 0 for r in flagged["rows"]) and all(r["flags"] == 0 for r in unflagged["rows"])
    march = rows(client, "/explore/statistics", **{"from": "2020-03", "to": "2020-03"}, _size="all")
    assert march["total"] > 0 and all(r["as_of"].startswith("2020-03") for r in march["rows"])


def test_sorting_and_pages(client: TestClient) -> None:
    by_value = rows(client, "/explore/statistics", _sort="-value", _size="all")["rows"]
    values = [r["value"] for r in by_value]
    assert values == sorted(values, reverse=True)
    seen = []
    page = 1
    while True:
        body = rows(client, "/explore/statistics", _sort="as_of", _size=10, _page=page)
        seen += [r["group_id"] for r in body["rows"]]
        if not body["next_url"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == body["total"] and page == -(-body["total"] // 10)


def test_csv_json_and_page_show_the_same_rows(client: TestClient) -> None:
    params = {"province": "Gansu", "_sort": "-as_of"}
    listed = [r["group_id"] for r in rows(client, "/explore/statistics", **params)["rows"]]
    text = client.get("/explore/statistics", params={**params, "_format": "csv"}).text
    assert [r["group_id"] for r in csv.DictReader(io.StringIO(text))] == listed
    page = client.get("/explore/statistics", params=params, headers=HTML).text
    linked = [r.rsplit("/", 1)[1] for r in refs(page) if r.startswith("/explore/statistics/")]
    assert linked == listed
    assert "_format=csv" in page and "_format=json" in page


def test_empty_form_fields_mean_any(client: TestClient) -> None:
    plain = rows(client, "/explore/statistics")["total"]
    assert rows(client, "/explore/statistics", metric="", province="", status="", to="")["total"] == plain


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/explore/statistics", {"metric": "bogus"}, "metric"),
        ("/explore/statistics", {"province": "Atlantis"}, "province"),
        ("/explore/statistics", {"status": "maybe"}, "status"),
        ("/explore/statistics", {"from": "2020-13"}, "from"),
        ("/explore/statistics", {"to": "yesterday"}, "to"),
        ("/explore/statistics", {"from": "2021", "to": "2020"}, "from"),
        ("/explore/statistics", {"flagged": "perhaps"}, "flagged"),
        ("/explore/statistics", {"_sort": "sentence"}, "_sort"),
        ("/explore/statistics", {"_page": "0"}, "_page"),
        ("/explore/statistics", {"_size": "lots"}, "_size"),
        ("/explore/statistics", {"_format": "xml"}, "_format"),
        ("/explore/over-time", {"province": "Gansu"}, "metric"),
        ("/explore/provinces", {"metric": "happiness"}, "metric"),
        ("/explore/officials", {"province": "Narnia"}, "province"),
    ],
)
def test_bad_parameters_get_422_naming_them(client: TestClient, path: str, params: dict, name: str) -> None:
    page = client.get(path, params=params, headers=HTML)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert f"parameter &#39;{name}&#39;" in page.text
    if name != "_format":
        body = client.get(path, params={**params, "_format": "json"})
        assert body.status_code == 422 and body.json()["parameter"] == name


@pytest.mark.parametrize("path", ["/explore/statistics/nope", "/explore/articles/nope"])
def test_unknown_ids_get_404(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 404 and "nope" in response.text


# --- a statistic -------------------------------------------------------------------------------


def test_a_conflict_shows_every_report_the_flag_and_reliabilities(client: TestClient) -> None:
    row = gansu_workers(client)
    page = client.get(row["url"], headers=HTML).text
    marks = re.findall(r"<mark>(.*?)</mark>", page)
    assert "460,000" in marks and "4.6万" in marks  # each outlet's number, marked in its sentence
    assert "chinadaily.demo" in page and "people.demo" in page
    assert "a factor of 10 above the preferred 46,000" in page and "translation slip" in page
    assert 'id="reliability"' in page and re.search(r"chinadaily\.demo</td><td class=\"num\">0\.\d{3}", page)
    body = rows(client, row["url"])
    assert body["value"] == 46000 and body["status"] == "conflict"
    reports = {r["source"]: r for r in body["reports"]}
    assert reports["chinadaily.demo"]["value"] == 460000 and reports["chinadaily.demo"]["language"] == "en"
    assert reports["chinadaily.demo"]["flag"] == "order_of_magnitude" and reports["people.demo"]["agrees"]
    for report in reports.values():
        assert f"/explore/articles/{report['article_id']}" in page
    text = client.get(row["url"], params={"_format": "csv"}).text
    assert {r["source"] for r in csv.DictReader(io.StringIO(text))} == {"chinadaily.demo", "people.demo"}


# --- over time and provinces -------------------------------------------------------------------


def test_over_time_has_the_line_the_reports_and_the_conflict(client: TestClient) -> None:
    chart = rows(client, "/explore/over-time", metric="workers_employed", level="province", province="gansu")
    assert chart["province"] == "Gansu" and chart["unit"] == "count"
    assert [(p["as_of"], p["value"], p["status"]) for p in chart["points"]] == [
        ("2020-03-25", 46000, "conflict")
    ]
    assert sorted((r["source"], r["reported_value"]) for r in chart["reports"]) == [
        ("chinadaily.demo", 460000),
        ("people.demo", 46000),
    ]
    page = client.get("/explore/over-time", params={"metric": "workers_employed", "province": "Gansu"}).text
    assert "/explore/assets/plotly.min.js" in page and 'id="series-chart-data"' in page


def test_over_time_without_a_choice_shows_the_longest_series(client: TestClient) -> None:
    chart = rows(client, "/explore/over-time")
    assert len({p["as_of"] for p in chart["points"]}) >= 2


def test_province_ranking(client: TestClient) -> None:
    ranking = rows(client, "/explore/provinces", metric="workshops")["rows"]
    assert [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1)) and len(ranking) >= 3
    assert [r["value"] for r in ranking] == sorted((r["value"] for r in ranking), reverse=True)
    assert len({r["province"] for r in ranking}) == len(ranking)
    province_level = rows(client, "/explore/statistics", metric="workshops", level="province", _size="all")
    for row in ranking:  # each province's latest province-level value
        dated = [r for r in province_level["rows"] if r["province"] == row["province"]]
        assert row["as_of"] == max(r["as_of"] for r in dated)
    earlier = rows(client, "/explore/provinces", metric="workshops", to="2020-04-10")["rows"]
    assert earlier and all(r["as_of"] <= "2020-04-10" for r in earlier)


def test_plotly_is_served_from_the_plotly_package(client: TestClient) -> None:
    served = client.get("/explore/assets/plotly.min.js")
    packaged = resources.files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    assert served.status_code == 200 and served.content == packaged


# --- an article and the officials --------------------------------------------------------------


def test_article_marks_every_fact_and_official_at_its_offsets(client: TestClient) -> None:
    row = gansu_workers(client)
    reports = rows(client, row["url"])["reports"]
    article_id = next(r["article_id"] for r in reports if r["source"] == "people.demo")
    body = rows(client, f"/explore/articles/{article_id}")
    facts = [a for a in body["annotations"] if a["kind"] == "fact"]
    officials = [a for a in body["annotations"] if a["kind"] == "official"]
    assert len(facts) == len(body["facts"]) >= 5 and [o["marked"] for o in officials] == ["张明远"]
    for annotation in facts + officials:
        source = body["title"] if annotation["field"] == "title" else body["text"]
        assert annotation["marked"] == source[annotation["start"] : annotation["end"]]
    page = client.get(f"/explore/articles/{article_id}", headers=HTML).text
    text = page.split('id="article-text">', 1)[1].split("</div>", 1)[0]
    mark = r'<mark class="([^"]+)"[^>]*><a href="#(?:fact|official)-[0-9a-f]+">(.*?)</a></mark>'
    marked = re.findall(mark, text)
    assert ("official", "张明远") in marked and ("fact", "4.6万") in marked
    assert html.unescape(re.sub(r"<[^>]+>", "", text)) == body["text"]  # the marks add nothing to the text
    for annotation in facts:
        assert f'id="fact-{annotation["id"]}"' in page


def test_officials_one_row_per_person_in_both_scripts(client: TestClient) -> None:
    people = rows(client, "/explore/officials")["rows"]
    zhang = [p for p in people if "张明远" in p["name_zh"]]
    assert len(zhang) == 1 and zhang[0]["name_latin"] == ["Zhang Mingyuan"]
    assert set(zhang[0]["titles"]) == {"副主任", "deputy director"} and len(zhang[0]["article_ids"]) == 2
    assert len({p["name"] for p in people}) == len(people)
    only_gansu = rows(client, "/explore/officials", province="Gansu")["rows"]
    assert [p["name"] for p in only_gansu] == ["zhang mingyuan"]
    page = client.get("/explore/officials", headers=HTML).text
    for article_id in zhang[0]["article_ids"]:
        assert f"/explore/articles/{article_id}" in page


@pytest.mark.parametrize(
    "path",
    ["/", "/explore/statistics", "/explore/over-time", "/explore/provinces", "/explore/officials"],
)
def test_pages_load_nothing_from_other_hosts(client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML).text
    for ref in refs(page):
        if ref.endswith((".js", ".css")):
            assert ref.startswith("/") and client.get(ref).status_code == 200, ref


@pytest.mark.parametrize(
    "path",
    [
        "/explore/statistics?status=conflict",
        "/explore/over-time?metric=workers_employed&province=Gansu",
        "/explore/provinces?metric=workshops",
        "/explore/officials?province=Gansu",
    ],
)
def test_every_view_downloads_as_csv_with_the_json_rows(client: TestClient, path: str) -> None:
    body = client.get(f"{path}&_format=json").json()
    listed = body.get("rows") or body.get("reports")
    response = client.get(f"{path}&_format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == len(listed) > 0
    key = next(k for k in ("group_id", "province", "name_latin") if k in table[0])
    assert [r[key] for r in table] == [
        "; ".join(r[key]) if isinstance(r[key], list) else str(r[key]) for r in listed
    ]
