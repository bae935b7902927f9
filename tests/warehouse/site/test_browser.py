"""The site in a real browser: headless Chromium opens the pages from disk, runs their
scripts, and the chart, the highlights, the tooltips and the links are checked in the DOM.

`.ci/run` installs Debian's chromium when it is missing; elsewhere these tests are skipped
without it. Screenshots are saved in the test's temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import SampleWarehouse
from tests.warehouse.site.chromium import Page, find_chromium
from tests.warehouse.site.conftest import query
from warehouse.site.build import report_path, series_path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("no chromium on PATH: .ci/run installs Debian's chromium")
        pytest.skip("no chromium on PATH (apt-get install chromium)")
    browser = Page(binary)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def site(sample_warehouse: SampleWarehouse) -> Path:
    """The site the sample run wrote into its data folder."""
    return sample_warehouse.data / "report"


def open_page(page: Page, path: Path) -> None:
    page.requests.clear()
    page.errors.clear()
    page.open(path.as_uri())
    assert page.evaluate("document.documentElement.dataset.ready") == "1", page.errors


def assert_offline(page: Page) -> None:
    """The page asked for nothing but files, and its scripts raised nothing."""
    assert page.errors == []
    assert page.requests and all(
        urlsplit(url).scheme in ("file", "data", "blob") for url in page.requests
    ), page.requests


def test_series_page_draws_a_point_per_value_and_shows_it_on_hover(
    page: Page, site: Path, sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    (busiest,) = query(
        sample_warehouse,
        "select indicator, count(*) as n, count(distinct region_name) as regions "
        "from indicator_series group by indicator order by n desc, indicator limit 1",
    )
    open_page(page, site / series_path(str(busiest["indicator"])))
    assert page.evaluate("document.querySelectorAll('#chart svg').length") == 1
    assert (
        page.evaluate("document.querySelectorAll('#chart svg circle.point').length") == busiest["n"]
    )
    assert (
        page.evaluate("document.querySelectorAll('#chart svg g.region').length")
        == busiest["regions"]
    )
    assert (
        page.evaluate("document.querySelectorAll('#chart-legend > span').length")
        == busiest["regions"]
    )

    page.hover("#chart svg circle.point")
    tip = page.evaluate(
        "[document.getElementById('tip').hidden, document.getElementById('tip').innerText]"
    )
    value = page.evaluate("document.querySelector('#chart svg circle.point').dataset.value")
    assert tip[0] is False
    assert "reports" in tip[1] and f"{float(value):,.4f}".rstrip("0").rstrip(".") in tip[1]
    # the tooltip's links to the point's reports (made by the script) lead to report pages
    links = page.evaluate("[...document.querySelectorAll('#tip a')].map(a => a.href)")
    assert links and all(Path(unquote(urlsplit(h).path)).exists() for h in links), links
    page.screenshot(tmp_path / "series.png")

    # filtering by a region name the data does not hold empties the chart and the table
    page.evaluate(
        "(() => { const i = document.querySelector('#series-filters input[name=region]');"
        " i.value = '不存在的地区'; i.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )
    assert page.evaluate("document.querySelectorAll('#chart svg circle.point').length") == 0
    assert page.evaluate(
        "[...document.querySelectorAll('#series-table tbody tr')].every(r => r.hidden)"
    )
    assert_offline(page)


def test_report_page_highlights_each_figure_and_explains_it_on_click(
    page: Page, site: Path, sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    (report,) = query(
        sample_warehouse,
        "select report_id, count(*) as n, count(indicator) as coded from metrics "
        "group by report_id order by coded desc, n desc limit 1",
    )
    open_page(page, site / report_path(str(report["report_id"])))
    covered = page.evaluate(
        "[...document.querySelectorAll('#report-text mark.fig')].flatMap(m => m.dataset.f.split(' ').map(Number))"
    )
    assert sorted(covered) == list(range(int(report["n"])))  # type: ignore[call-overload]
    # each highlight's rendered text holds the figures it stands for, as written
    figures = page.evaluate(
        "[...document.querySelectorAll('#figures-table tbody tr')]"
        ".map(r => ({value_text: r.cells[0].textContent, indicator: r.cells[4].textContent}))"
    )
    texts = page.evaluate(
        "[...document.querySelectorAll('#report-text mark.fig')].map(m => [m.dataset.f, m.textContent])"
    )
    for indices, text in texts:
        for i in indices.split():
            assert figures[int(i)]["value_text"] in text
    # coded figures take their indicator's colour
    colours = page.evaluate(
        "[...new Set([...document.querySelectorAll('#report-text mark.fig:not(.ind-none)')]"
        ".map(m => getComputedStyle(m).backgroundColor))]"
    )
    assert len(colours) >= min(2, int(report["coded"]))  # type: ignore[call-overload]

    coded = "#report-text mark.fig:not(.ind-none)"
    page.click(coded)
    detail = page.evaluate(
        "[document.getElementById('figure-detail').hidden, document.getElementById('figure-detail').innerText]"
    )
    first = figures[
        int(page.evaluate(f"document.querySelector('{coded}').dataset.f.split(' ')[0]"))
    ]
    assert detail[0] is False
    assert first["indicator"] in detail[1] and first["value_text"] in detail[1]
    assert "plausible" in detail[1] and "kind" in detail[1]
    assert page.evaluate("document.querySelector('.report-side').innerText.includes('quality')")
    page.screenshot(tmp_path / "report.png")
    assert_offline(page)


def test_links_between_pages_resolve_in_the_browser(
    page: Page, site: Path, sample_warehouse: SampleWarehouse
) -> None:
    (cell,) = query(sample_warehouse, "select indicator from indicator_series limit 1")
    for start in ("index.html", "coverage/index.html", series_path(str(cell["indicator"]))):
        open_page(page, site / start)
        hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        inside = [h for h in hrefs if h.startswith(site.as_uri())]
        assert inside, start
        for href in inside:
            target = Path(unquote(urlsplit(href).path))
            assert target.exists(), f"{start} → {href}"
        assert_offline(page)
    # follow a series point's report link, and a coverage cell to its report list anchor
    open_page(page, site / series_path(str(cell["indicator"])))
    report_href = page.evaluate(
        "document.querySelector('#series-table a[href*=\"reports/\"]').href"
    )
    open_page(page, Path(unquote(urlsplit(report_href).path)))
    assert page.evaluate("document.querySelectorAll('#report-text mark.fig').length") > 0
    open_page(page, site / "coverage" / "index.html")
    cell_href = page.evaluate("document.querySelector('#coverage td.cell a').href")
    open_page(page, Path(unquote(urlsplit(cell_href).path)))
    anchor = urlsplit(cell_href).fragment
    assert page.evaluate(f"!!document.getElementById('{anchor}')")
