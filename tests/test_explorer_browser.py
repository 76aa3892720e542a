"""The explorer and /docs in a real browser: headless Debian Chromium driven by Selenium.

A real uvicorn server on 127.0.0.1 serves the store `fupin run --demo` builds. The tests
check what only a browser shows (Swagger UI rendering its operation list, plotly drawing
its SVG, links followed by clicks) and that every resource a page loads comes from the
app itself. Each view is saved to build/screenshots/ (or $FUPIN_SCREENSHOTS); the README's
images are a run with FUPIN_SCREENSHOTS=docs/screenshots, so a plain test run leaves
the committed images alone.

Skips, naming the binary, where /usr/bin/chromium or /usr/bin/chromedriver is absent
(CI installs both).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from feed_support import serve
from test_explorer import demo_home  # noqa: F401 - the module's store, built once

from fupin.feed import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Where the views' screenshots go: $FUPIN_SCREENSHOTS, else build/screenshots (ignored by git).
SCREENSHOTS = Path(os.environ.get("FUPIN_SCREENSHOTS") or Path(__file__).parent.parent / "build/screenshots")
WAIT = 20


def _binary(path: Path) -> str | None:
    """The program at ``path``, else one of its name on PATH."""
    return str(path) if path.exists() else shutil.which(path.name)


def _missing() -> str | None:
    for binary in (CHROMIUM, CHROMEDRIVER):
        if _binary(binary) is None:
            return f"needs {binary} (Debian packages chromium and chromium-driver)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def server(demo_home: Path) -> Iterator[str]:  # noqa: F811
    with serve(create_app(demo_home)) as client:
        yield str(client.base_url).rstrip("/")


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1360,1000"):
        options.add_argument(argument)
    options.add_argument("--lang=en-US")
    options.binary_location = str(_binary(CHROMIUM))
    service = webdriver.ChromeService(str(_binary(CHROMEDRIVER)))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(browser: webdriver.Chrome, css: str) -> list:
    WebDriverWait(browser, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))
    return browser.find_elements(By.CSS_SELECTOR, css)


def loaded_elsewhere(browser: webdriver.Chrome, server: str) -> list[str]:
    """Resources the page loaded from anywhere but the app (the Resource Timing list)."""
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [url for url in urls if not url.startswith(server + "/")]


def screenshot(browser: webdriver.Chrome, name: str, height: int | None = None) -> Path:
    """Save the page as SCREENSHOTS/NAME.png (the full page height, up to ``height``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    full = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1360, min(max(full, 700), height or 1800))
    path = SCREENSHOTS / f"{name}.png"
    assert browser.save_screenshot(str(path)), path
    browser.set_window_size(1360, 1000)
    return path


def test_docs_render_swagger_ui_from_the_app(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/docs")
    operations = wait_for(browser, ".opblock-summary-path")
    paths = {op.get_attribute("data-path") or op.text for op in operations}
    assert {"/facts", "/reconciled", "/feed.json"} <= {p.strip() for p in paths}
    assert loaded_elsewhere(browser, server) == []
    screenshot(browser, "docs", height=1000)


def test_filter_to_conflicts_open_the_gansu_workers_conflict(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/explore/statistics")
    screenshot(browser, "statistics", height=1100)
    facet = browser.find_element(By.CSS_SELECTOR, '.facet[data-facet="status"]')
    facet.find_element(By.LINK_TEXT, "conflict").click()
    wait_for(browser, "#statistics tbody tr")
    statuses = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#statistics tbody .badge")}
    assert statuses == {"conflict"} and browser.find_element(By.ID, "total").text == "2"
    screenshot(browser, "conflicts")
    rows = browser.find_elements(By.CSS_SELECTOR, "#statistics tbody tr")
    gansu = [r for r in rows if "workers_employed" in r.text and "Gansu" in r.text]
    assert len(gansu) == 1
    gansu[0].find_element(By.CSS_SELECTOR, "a.row-link").click()

    reports = wait_for(browser, "#reports .report")
    outlets = {r.find_element(By.CSS_SELECTOR, ".outlet").text: r for r in reports}
    assert set(outlets) == {"people.demo", "chinadaily.demo"}
    assert outlets["chinadaily.demo"].find_element(By.CSS_SELECTOR, "mark").text == "460,000"
    assert outlets["people.demo"].find_element(By.CSS_SELECTOR, "mark").text == "4.6万"
    flags = browser.find_element(By.ID, "flags").text
    assert "factor of 10 above the preferred 46,000" in flags and "translation slip" in flags
    assert browser.find_element(By.ID, "preferred").text == "46,000"
    # the chart is drawn: plotly's SVG with the reconciled line, each outlet's point and the conflict mark
    wait_for(browser, "#series-chart svg.main-svg")
    legend = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#series-chart .legendtext")}
    assert {"reconciled", "people.demo", "chinadaily.demo", "conflict"} <= legend
    assert loaded_elsewhere(browser, server) == []
    screenshot(browser, "statistic")

    outlets["people.demo"].find_element(By.PARTIAL_LINK_TEXT, "stored article").click()
    marks = wait_for(browser, "#article-text mark")
    texts = {(m.get_attribute("class"), m.text) for m in marks}
    assert ("fact", "4.6万") in texts and ("official", "张明远") in texts
    screenshot(browser, "article")


def test_over_time_chart(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/explore/over-time")
    wait_for(browser, "#series-chart svg.main-svg")
    points = browser.find_elements(By.CSS_SELECTOR, "#series-chart .scatterlayer .point")
    table = browser.find_elements(By.CSS_SELECTOR, "#series tbody tr") + browser.find_elements(
        By.CSS_SELECTOR, "#series-reports tbody tr"
    )
    assert len(points) >= len(table) >= 2  # a marker per reconciled value and per report
    screenshot(browser, "over-time", height=1200)


def test_province_overview_chart(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/explore/provinces?metric=workshops")
    wait_for(browser, "#ranking-chart svg.main-svg")
    bars = browser.find_elements(By.CSS_SELECTOR, "#ranking-chart .barlayer .point")
    assert len(bars) == len(browser.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")) >= 3
    screenshot(browser, "provinces")


def test_officials(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/explore/officials")
    rows = wait_for(browser, "#people tbody tr")
    zhang = [r for r in rows if "张明远" in r.text]
    assert len(zhang) == 1 and "Zhang Mingyuan" in zhang[0].text and "deputy director" in zhang[0].text
    screenshot(browser, "officials")


def test_tables_work_without_javascript(server: str) -> None:
    """The filters are a plain GET form: submitting it is a URL, and the table is in the HTML."""
    page = httpx.get(f"{server}/explore/statistics", params={"status": "conflict", "metric": ""}).text
    assert '<form class="filters" method="get"' in page and page.count('class="row-link"') == 2
