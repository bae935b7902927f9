"""Write the static site: series, coverage, conflicts, reports, quality and catalog pages.

The site opens from disk (file://) with no server and no network: pages are rendered from
the templates beside this module, with the stylesheet and script of `static/` copied
next to them. A page holds one indicator, one report, or one page of a list, so the site
stays usable however large the warehouse is. Report pages are rewritten only when what
they show changed (a digest per report is kept in the site's manifest).
"""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import jinja2
import markupsafe
import polars as pl

from transforms.catalog import Catalog, load_catalog
from warehouse.db import TABLES, WarehouseError
from warehouse.site import frames
from warehouse.site.highlight import css_class, indicator_hues, segment_text
from warehouse.summary import QualitySummary, quality_summary

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
MANIFEST = ".edureports-site.json"
# Folders the builder owns: files in them that a build did not write are removed.
OWNED = ("series", "coverage", "conflicts", "reports", "quality", "catalog", "assets")
LEVELS = ("national", "province", "city", "county", "district", "town")
UNKNOWN_REGION = "（地区不明）"
PAGER_SPREAD = 5  # pager links around the current page (plus first and last)


class SiteError(WarehouseError):
    """The site cannot be written where asked."""


@dataclass(frozen=True)
class PageSizes:
    """Rows per page of each paginated list."""

    reports: int = 200
    coverage_regions: int = 100
    conflict_cells: int = 50
    quarantine: int = 500


@dataclass
class SiteResult:
    """What a build wrote."""

    out_dir: Path
    pages: int = 0
    report_pages: int = 0
    report_pages_kept: int = 0
    removed: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def index(self) -> Path:
        """The site's entry page."""
        return self.out_dir / "index.html"


def site_version() -> str:
    """Digest of the code, templates and static files: a change rewrites every page."""
    digest = hashlib.sha256()
    for path in sorted([*HERE.glob("*.py"), *TEMPLATES.glob("*"), *STATIC.glob("*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def safe_name(text: str) -> str:
    """A file name for an id or code (ids are hex with dashes, codes snake_case, series of
    the pages' own labels `label:名师工作室`, which keeps its Chinese: label_名师工作室)."""
    return _UNSAFE.sub("_", text)


# What safe_name replaces: \w is what str.isalnum accepts, and "_" (checked for every code
# point); a character loop cost 3.5 s of the site on 11,295 pages (a link per conflict row)
_UNSAFE = re.compile(r"[^\w.-]")


def report_path(report_id: str) -> str:
    """Path of a report's page from the site root, sharded by the id's first two chars."""
    name = safe_name(report_id)
    return f"reports/{name[:2]}/{name}.html"


def series_path(code: str) -> str:
    """Path of an indicator's series page from the site root."""
    return f"series/{safe_name(code)}.html"


def list_page_path(folder: str, number: int) -> str:
    """Path of page `number` (1-based) of a paginated list."""
    return f"{folder}/index.html" if number == 1 else f"{folder}/page-{number}.html"


def cell_anchor(region_name: str | None, year: int | None) -> str:
    """The anchor of a region-year group in the report list."""
    key = f"{region_name or ''}|{'' if year is None else year}"
    return "cell-" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def format_number(value: Any) -> str:
    """A value for people: thousands separated, no float noise."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _plain(value: Any) -> Any:
    """A value JSON can hold (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _root(page: str) -> str:
    """The site's root as a link from `page` (a path relative to the root)."""
    return "../" * page.count("/")


def _relative(from_page: str, to_path: str) -> str:
    return _root(from_page) + to_path


T = TypeVar("T")


def _paged(
    items: Iterable[T], size: int, count: int | None = None
) -> Iterator[tuple[int, list[T], int]]:
    """(page number from 1, its items, number of pages) of `items` cut into pages of `size`;
    no items is one empty page. An iterator is read a page at a time: pass its `count`."""
    if count is None:
        items = list(items)
        count = len(items)
    n_pages = max(1, math.ceil(count / size))
    it = iter(items)
    for number in range(1, n_pages + 1):
        yield number, list(islice(it, size)), n_pages


class SiteWriter:
    """Renders templates into files under the site folder and remembers what it wrote."""

    def __init__(self, out_dir: Path, version: str, hues: Mapping[str, int]) -> None:
        self.out_dir = out_dir
        self.version = version
        self.hues = hues
        self.written: set[Path] = set()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["num"] = format_number
        self.env.globals.update(
            css_class=css_class,
            version=version,
            hues=hues,
            levels=LEVELS,
            unknown_region=UNKNOWN_REGION,
        )

    def render(self, path: str, template: str, **context: Any) -> None:
        """Render `template` into `path` (relative to the site root)."""
        root = _root(path)

        def link(to: str) -> str:
            return root + to

        text = self.env.get_template(template).render(
            page=path,
            root=root,
            link=link,
            report_href=lambda report_id: link(report_path(report_id)),
            series_href=lambda code: link(series_path(code)),
            **context,
        )
        self.write_text(path, text)

    def write_text(self, path: str, text: str) -> None:
        """Write a file of the site (parents created)."""
        target = self.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.written.add(target)

    def keep(self, path: str) -> None:
        """Count a file left as the previous build wrote it as part of this build."""
        self.written.add(self.out_dir / path)


def _read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _prepare(out_dir: Path) -> dict[str, Any]:
    """The previous build's manifest; refuses a non-empty folder that is not a site."""
    manifest = _read_manifest(out_dir)
    if manifest is None:
        if out_dir.exists() and any(out_dir.iterdir()):
            raise SiteError(
                f"{out_dir} is not empty and holds no edureports site; "
                "choose an empty or new folder with --out"
            )
        out_dir.mkdir(parents=True, exist_ok=True)
        return {}
    return manifest


def build_site(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    sizes: PageSizes | None = None,
    catalog: Catalog | None = None,
    processes: int = 1,
    summary: QualitySummary | None = None,
) -> SiteResult:
    """Write the whole site for the warehouse open on `con` into `out_dir`; report pages
    are rendered in `processes` worker processes when there are many to write. `summary`
    is the warehouse's quality summary when the caller has it (else it is read here)."""
    clock = time.perf_counter()
    sizes = sizes or PageSizes()
    catalog = catalog or load_catalog()
    out_dir = out_dir.resolve()
    manifest = _prepare(out_dir)
    version = site_version()
    inventory = frames.take_inventory(con)

    series = frames.series_frame(con)
    counts = frames.indicator_counts_frame(con)
    codes = [ind.code for ind in catalog.indicators]
    codes += sorted(set(counts["code"].to_list()) - set(codes)) if counts.height else []
    codes += sorted(set(series["indicator"].to_list()) - set(codes)) if series.height else []
    hues = indicator_hues(codes)
    site = SiteWriter(out_dir, version, hues)
    result = SiteResult(out_dir)
    result.counts = frames.totals(con, TABLES)

    fingerprints = frames.report_fingerprints(con, inventory)
    todo = _reports_to_write(site, fingerprints, manifest, version)
    result.report_pages, result.report_pages_kept = len(todo), len(fingerprints) - len(todo)
    pool = processes if len(todo) >= POOL_MIN_PAGES else 1
    with ReportPages(site, inventory.has("metrics", "status"), pool) as report_pages:
        for batch in frames.iter_report_pages(con, inventory, todo):
            report_pages.write(batch)
        # the pool's last batches render while this process writes the lists
        _write_assets(site, hues)
        report_list = frames.report_list_frame(con)
        _write_coverage(site, frames.coverage_frame(con), report_list, sizes)
        _write_report_list(site, report_list, sizes)
        _write_quality(site, con, inventory, result.counts, sizes, summary)
    # the pool's processes are gone before the build's largest reads
    conflicts = frames.StagedConflicts(con, inventory)
    try:
        cell_reports = frames.cell_reports_frame(con, inventory)
        _write_series(site, series, cell_reports, conflicts, codes)
        _write_conflicts(site, conflicts, series, sizes)
    finally:
        conflicts.close()
    _write_catalog(site, catalog, counts, frames.indicator_table_frame(con, inventory), series)
    site.render(
        "index.html",
        "index.html",
        counts=result.counts,
        indicators=_indicator_rows(series, counts, codes),
        n_conflict_cells=conflicts.n_cells,
        built_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    result.removed = _remove_stale(site)
    site.write_text(
        MANIFEST, json.dumps({"version": version, "reports": fingerprints}, ensure_ascii=False)
    )
    result.pages = sum(1 for p in site.written if p.suffix == ".html")
    result.seconds = time.perf_counter() - clock
    return result


def _write_assets(site: SiteWriter, hues: Mapping[str, int]) -> None:
    for path in sorted(STATIC.iterdir()):
        if path.is_file():
            site.write_text(f"assets/{path.name}", path.read_text(encoding="utf-8"))
    rules = [f".{css_class(code)} {{ --hue: {hue}; }}" for code, hue in sorted(hues.items())]
    site.write_text("assets/indicators.css", "\n".join(rules) + "\n")


def _indicator_rows(
    series: pl.DataFrame, counts: pl.DataFrame, codes: Sequence[str]
) -> list[dict[str, Any]]:
    """Per code: figures, cells, regions and years, for the overview and the series index."""
    by_code = {row["code"]: row for row in counts.iter_rows(named=True)} if counts.height else {}
    units: dict[str, str] = {}
    if series.height:
        for row in (
            series.group_by("indicator")
            .agg(pl.col("unit").mode().first().alias("unit"))
            .iter_rows(named=True)
        ):
            units[row["indicator"]] = row["unit"]
    return [{**by_code[code], "unit": units.get(code, "")} for code in codes if code in by_code]


def _write_series(
    site: SiteWriter,
    series: pl.DataFrame,
    cell_reports: pl.DataFrame,
    conflicts: frames.StagedConflicts,
    codes: Sequence[str],
) -> None:
    """A page and a CSV per indicator; an index of them."""
    keys = ["indicator", "region_name", "year"]
    if series.height and cell_reports.height:
        joined = series.join(cell_reports, on=keys, how="left")
    else:
        joined = series.with_columns(pl.lit(None, dtype=pl.List(pl.String)).alias("report_ids"))
    by_indicator = (
        {key[0]: group for key, group in joined.group_by(["indicator"], maintain_order=True)}
        if joined.height
        else {}
    )
    listed = []
    for code in codes:
        group = by_indicator.get(code)
        if group is None:
            group = joined.clear()
        page = series_path(code)
        regions = _series_regions(group, _cell_values(conflicts.rows(code), POINT_CONFLICTS))
        table = group.drop("indicator", "report_ids").sort(["region_level", "region_name", "year"])
        csv_path = f"series/{safe_name(code)}.csv"
        site.write_text(csv_path, table.write_csv())
        unit = group["unit"].mode().first() if group.height else ""
        site.render(
            page,
            "series.html",
            code=code,
            unit=unit,
            regions=regions,
            chart_data={
                "code": code,
                "unit": unit,
                "regions": regions,
                "reports": _relative(page, "reports/"),
            },
            csv_name=Path(csv_path).name,
            levels_present=[lvl for lvl in LEVELS if any(r["level"] == lvl for r in regions)],
        )
        listed.append(
            {
                "code": code,
                "unit": unit,
                "n_cells": group.height,
                "n_regions": len(regions),
                "years": f"{min(years)}–{max(years)}" if (years := group["year"].to_list()) else "",
                "n_conflicts": int((group["n_values"] > 1).sum()) if group.height else 0,
            }
        )
    site.render("series/index.html", "series_index.html", indicators=listed)


POINT_CONFLICTS = 10
"""Values of a disagreeing cell listed in its chart point's hover (the conflicts page has all)."""


def _cell_values(
    rows: pl.DataFrame, limit: int
) -> dict[tuple[str, str, int], list[dict[str, Any]]]:
    """(indicator, region name, year) → its first `limit` conflict rows, in the frame's order,
    with what a chart point's hover shows of them."""
    values: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    if not rows.height:
        return values
    cell = ["indicator", "region_name", "year"]
    shown = ["value", "unit", "report_id", "report_type", "source_kind"]
    for row in (
        rows.select([*cell, *shown])
        .group_by(cell, maintain_order=True)
        .head(limit)
        .iter_rows(named=True)
    ):
        values.setdefault((row["indicator"], row["region_name"], row["year"]), []).append(row)
    return values


def _series_regions(
    group: pl.DataFrame,
    conflicts: Mapping[tuple[str, str, int], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """One entry per region with its points, as the chart script reads them.

    Reports are named by id (file-name safe); the script makes the links, as
    `report_path` does, so a page of thousands of points does not repeat paths.
    """
    regions: list[dict[str, Any]] = []
    if not group.height:
        return regions
    ordered = group.sort(["region_level", "region_name", "year"])
    for (name, level), rows in ordered.group_by(
        ["region_name", "region_level"], maintain_order=True
    ):
        points = []
        for row in rows.iter_rows(named=True):
            others = conflicts.get((row["indicator"], row["region_name"], row["year"]), [])
            point = {
                "year": row["year"],
                "value": _plain(row["value"]),
                "unit": row["unit"],
                "n_reports": row["n_reports"],
                "n_values": row["n_values"],
                "reports": [safe_name(r) for r in (row["report_ids"] or [])[:5]],
            }
            if others:
                point["conflicts"] = [
                    {
                        "value": _plain(c["value"]),
                        "unit": c["unit"],
                        "report": safe_name(c["report_id"]),
                        "report_type": c["report_type"],
                        "source_kind": c.get("source_kind"),
                    }
                    for c in others
                ]
            points.append(point)
        regions.append({"name": name, "level": level, "points": points})
    return regions


def _region_key(level: str | None, name: str | None) -> tuple[int, str]:
    rank = LEVELS.index(level) if level in LEVELS else len(LEVELS)
    return rank, name or "\uffff"


def _write_coverage(
    site: SiteWriter, coverage: pl.DataFrame, report_list: pl.DataFrame, sizes: PageSizes
) -> None:
    """Region × year heatmap, regions paginated; each cell links to its reports."""
    first_page: dict[str, int] = {}
    for index, (name, year) in enumerate(report_list.select(["region_name", "year"]).iter_rows()):
        first_page.setdefault(cell_anchor(name, year), index // sizes.reports + 1)
    years: list[int | None] = []
    rows: list[dict[str, Any]] = []
    if coverage.height:
        years = sorted({y for y in coverage["year"].to_list() if y is not None})
        if coverage["year"].null_count():
            years.append(None)
        wide = coverage.pivot(
            on="year",
            index=["region_level", "region_name"],
            values=["n_reports", "n_metrics", "n_indicator_metrics"],
            aggregate_function="sum",
        )
        for row in wide.iter_rows(named=True):
            cells = []
            for year in years:
                key = "null" if year is None else str(year)
                n_reports = row.get(f"n_reports_{key}")
                anchor = cell_anchor(row["region_name"], year)
                cells.append(
                    {
                        "year": year,
                        "n_reports": n_reports or 0,
                        "n_metrics": row.get(f"n_metrics_{key}") or 0,
                        "n_indicator_metrics": row.get(f"n_indicator_metrics_{key}") or 0,
                        "href": f"{list_page_path('reports', first_page.get(anchor, 1))}#{anchor}",
                    }
                )
            rows.append({"name": row["region_name"], "level": row["region_level"], "cells": cells})
    rows.sort(key=lambda r: _region_key(r["level"], r["name"]))
    peak = max((c["n_reports"] for r in rows for c in r["cells"]), default=0)
    for number, chunk, n_pages in _paged(rows, sizes.coverage_regions):
        site.render(
            list_page_path("coverage", number),
            "coverage.html",
            years=years,
            rows=chunk,
            peak=peak,
            pager=_pager("coverage", number, n_pages),
        )


def _write_conflicts(
    site: SiteWriter, conflicts: frames.StagedConflicts, series: pl.DataFrame, sizes: PageSizes
) -> None:
    """Every cell where reports disagree, with each value's report and sentence; the cells
    are read an indicator at a time and rendered a page at a time."""
    chosen: dict[tuple[str, str, int], dict[str, Any]] = {}
    if series.height:
        for row in series.filter(pl.col("n_values") > 1).iter_rows(named=True):
            chosen[(row["indicator"], row["region_name"], row["year"])] = row
    root = _root(list_page_path("conflicts", 1))  # every page is in one folder

    def cells() -> Iterator[dict[str, Any]]:
        for code in conflicts.codes:
            # rows by (region, level, year) in order of first appearance, each cell's in
            # the query's order (polars' group_by gathered each cell: 0.05 ms a cell)
            grouped: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
            for row in conflicts.rows(code).iter_rows(named=True):
                key = (row["region_name"], row["region_level"], row["year"])
                grouped.setdefault(key, []).append(row)
            for (region, level, year), rows in grouped.items():
                cell_chosen = chosen.get((code, str(region), int(str(year))))
                yield {
                    "indicator": code,
                    "region_name": region,
                    "region_level": level,
                    "year": year,
                    "chosen": cell_chosen,
                    "rows": markupsafe.Markup(_conflict_rows(rows, cell_chosen, root)),
                }

    for number, chunk, n_pages in _paged(cells(), sizes.conflict_cells, conflicts.n_level_cells):
        site.render(
            list_page_path("conflicts", number),
            "conflicts.html",
            cells=chunk,
            n_cells=conflicts.n_level_cells,
            pager=_pager("conflicts", number, n_pages),
        )


def _conflict_rows(
    values: Sequence[Mapping[str, Any]], chosen: Mapping[str, Any] | None, root: str
) -> str:
    """The rows of a conflicting cell's table (one <tr> per value), indented as the
    template's loop wrote them: at 1 GB of input Jinja's per-value work on a million rows
    was most of the site's time. The series' value is marked where the row does not say
    whether it is the chosen one."""
    rows: list[str] = []
    for v in values:
        is_chosen = (
            v["chosen"] if v["chosen"] is not None else (chosen and v["value"] == chosen["value"])
        )
        marked = ' class="chosen-row" title="the value indicator_series shows"' if is_chosen else ""
        qualifier = (
            f' <span class="level">({_esc(v["qualifier"])})</span>' if v["qualifier"] else ""
        )
        kind = v["source_kind"] or ""
        between = " · " if v["source_kind"] and v["report_type"] else ""
        rows.append(
            f"<tr{marked}>\n"
            f'    <td class="n">{_esc(format_number(v["value"]))}{qualifier}</td>'
            f"<td>{_esc(v['unit'])}</td>\n"
            f'    <td><a href="{_esc(root + report_path(v["report_id"]))}">'
            f"{_esc(v['report_id'])}</a></td>\n"
            f"    <td>{_esc(kind)}{between}{_esc(v['report_type'] or '')}</td>\n"
            f'    <td class="sentence">{_esc(v["sentence"])}</td>\n'
            "  </tr>"
        )
    return "\n  ".join(rows)


def _write_report_list(site: SiteWriter, report_list: pl.DataFrame, sizes: PageSizes) -> None:
    """Every report, by region and year, paginated; anchors for the coverage cells."""
    rows = report_list.to_dicts() if report_list.height else []
    for number, chunk, n_pages in _paged(rows, sizes.reports):
        groups: list[dict[str, Any]] = []
        for row in chunk:
            anchor = cell_anchor(row["region_name"], row["year"])
            if not groups or groups[-1]["anchor"] != anchor:
                groups.append(
                    {
                        "anchor": anchor,
                        "region_name": row["region_name"],
                        "region_level": row["region_level"],
                        "year": row["year"],
                        "reports": [],
                    }
                )
            groups[-1]["reports"].append(row)
        site.render(
            list_page_path("reports", number),
            "reports.html",
            groups=groups,
            n_reports=len(rows),
            pager=_pager("reports", number, n_pages),
        )


POOL_MIN_PAGES = 1000
"""Fewer report pages to write than this are rendered in the building process: starting
worker processes (~0.5 s each) costs more than it saves."""


def _reports_to_write(
    site: SiteWriter, fingerprints: Mapping[str, str], manifest: Mapping[str, Any], version: str
) -> list[str]:
    """Sorted ids of the reports whose page must be written; the pages of the others, whose
    digest is unchanged since the last build, are kept."""
    previous = manifest.get("reports", {}) if manifest.get("version") == version else {}
    todo: list[str] = []
    for report_id, digest in fingerprints.items():
        path = report_path(report_id)
        if previous.get(report_id) == digest and (site.out_dir / path).exists():
            site.keep(path)
        else:
            todo.append(report_id)
    return sorted(todo)


class ReportPages:
    """Writes report pages batch by batch: here, or with `processes` > 1 in a pool of worker
    processes, so that after a large run the site does not wait on one core.

    The workers are spawned (fresh interpreters: the caller may hold threads and a DuckDB
    connection that a fork would copy); as with any spawned pool, a script that builds a
    site with processes > 1 needs the `if __name__ == "__main__":` guard. At most two
    batches per worker are in flight, so memory holds a few batches however many reports
    there are; leaving the block waits for the last ones.
    """

    def __init__(self, site: SiteWriter, has_status: bool, processes: int = 1) -> None:
        self.site = site
        self.has_status = has_status
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[Future[list[str]]] = deque()

    def __enter__(self) -> ReportPages:
        if self.processes > 1:
            self.pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_pool_worker,
                initargs=(self.site.out_dir, self.site.version, self.site.hues),
            )
        return self

    def write(self, reports: list[dict[str, Any]]) -> None:
        """Write (or hand to the pool) the pages of a batch of reports."""
        if self.pool is None:
            _write_report_batch(self.site, reports, self.has_status)
            return
        self.pending.append(self.pool.submit(_pool_batch, reports, self.has_status))
        while len(self.pending) >= 2 * self.processes:
            self._land()

    def _land(self) -> None:
        for path in self.pending.popleft().result():
            self.site.keep(path)

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        try:
            while self.pending and kind is None:
                self._land()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)


def _write_report_batch(
    site: SiteWriter, reports: Sequence[Mapping[str, Any]], has_status: bool
) -> list[str]:
    """Write the pages of a batch of reports; returns their paths."""
    for report in reports:
        _write_report(site, report, has_status)
    return [report_path(r["report_id"]) for r in reports]


_POOL_SITE: SiteWriter | None = None
"""A pool worker's writer, made once by its initializer."""


def _start_pool_worker(out_dir: Path, version: str, hues: Mapping[str, int]) -> None:
    global _POOL_SITE
    _POOL_SITE = SiteWriter(out_dir, version, hues)


def _pool_batch(reports: list[dict[str, Any]], has_status: bool) -> list[str]:
    assert _POOL_SITE is not None, "the pool's initializer did not run"
    return _write_report_batch(_POOL_SITE, reports, has_status)


def _evidence_lines(evidence: Any) -> list[str]:
    """reports.region_evidence as lines, whatever its type (list, struct, JSON or text)."""
    if evidence is None:
        return []
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            return [evidence]
    if isinstance(evidence, Mapping):
        return [f"{k}: {_compact(v)}" for k, v in evidence.items() if v not in (None, "", [])]
    if isinstance(evidence, Iterable):
        return [_compact(item) for item in evidence]
    return [str(evidence)]


def _compact(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={_compact(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return "; ".join(_compact(v) for v in value)
    return str(_plain(value))


def _mark_class(figures: Sequence[Mapping[str, Any]]) -> str:
    """CSS classes of a highlight: the first figure's indicator colour, then warnings."""
    code = figures[0]["indicator"]
    classes = ["fig", css_class(code) if code else "ind-none"]
    if not all(f["plausible"] for f in figures):
        classes.append("implausible")
    if any(f["masked"] for f in figures):
        classes.append("masked")
    return " ".join(classes)


def _write_report(site: SiteWriter, report: Mapping[str, Any], has_status: bool) -> None:
    """One report page. The highlighted text and the figure table are built here as HTML,
    not by template loops: a report has dozens of figures, and Jinja's per-value work on
    them was most of a large build's time."""
    figures = report["figures"]
    path = report_path(report["report_id"])
    text: list[str] = []
    anchors = ["figures-table"] * len(figures)
    for segment in segment_text(report["text"], figures):
        if not segment.figures:
            text.append(_esc(segment.text))
            continue
        first = segment.figures[0]
        for i in segment.figures:
            anchors[i] = f"f-{first}"
        marks = " ".join(map(str, segment.figures))
        cls = _mark_class([figures[i] for i in segment.figures])
        text.append(
            f'<mark id="f-{first}" tabindex="0" data-f="{marks}" class="{_esc(cls)}">'
            f"{_esc(segment.text)}</mark>"
        )
    indicators = sorted({f["indicator"] for f in figures if f["indicator"]})
    site.render(
        path,
        "report.html",
        report=report,
        text_html=markupsafe.Markup("".join(text)),
        figure_rows=markupsafe.Markup(_figure_rows(figures, anchors, has_status, _root(path))),
        figures=figures,
        has_status=has_status,
        indicators=indicators,
        evidence=_evidence_lines(report["region_evidence"]),
        reasons=list(report["quality_reasons"] or []),
    )


def _esc(value: Any) -> str:
    """A value as Jinja's autoescape prints it: str(), then markupsafe's five entities
    (chained str.replace: C speed, ~4x str.translate with a table on these short texts)."""
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


def _figure_rows(
    figures: Sequence[Mapping[str, Any]], anchors: Sequence[str], has_status: bool, root: str
) -> str:
    """The rows of a report's figure table (one <tr> per figure, each line ending in a
    newline), as the template's loop wrote them."""
    rows: list[str] = []
    for i, f in enumerate(figures):
        code = f["indicator"]
        value = "masked" if f["masked"] else format_number(f["value"])
        qualifier = f" ({_esc(f['qualifier'])})" if f["qualifier"] else ""
        indicator = (
            f'<span class="swatch {_esc(css_class(code))}"></span>'
            f'<a href="{_esc(root + series_path(code))}">{_esc(code)}</a>'
            if code
            else "uncoded"
        )
        if f["region_name"] is None:
            region = "unknown"
        else:
            level = f" ({_esc(f['region_level'])})" if f["region_level"] else ""
            region = _esc(f["region_name"]) + level
        year = _esc(f["year"]) if f["year"] is not None else "unknown"
        status = f"<td>{_esc(f['status'] or '')}</td>" if has_status else ""
        if f["plausible"]:
            plausible = "yes"
        else:
            reason = f["plausibility_reason"]
            plausible = '<span class="bad">no</span>' + (f": {_esc(reason)}" if reason else "")
        rows.append(
            f'<tr id="fig-{i}">\n'
            f'<td><a href="#{_esc(anchors[i])}">{_esc(f["value_text"])}</a></td>\n'
            f'<td class="n">{_esc(value)}</td><td>{_esc(f["unit"])}</td>\n'
            f"<td>{_esc(f['kind'])}{qualifier}</td>\n"
            f"<td>{indicator}</td>\n"
            f"<td>{_esc(f['label'])}</td>\n"
            f"<td>{region}</td>\n"
            f'<td class="n">{year}</td>\n'
            f"{status}<td>{plausible}</td>\n"
            "</tr>\n"
        )
    return "".join(rows)


def _write_quality(
    site: SiteWriter,
    con: duckdb.DuckDBPyConnection,
    inventory: frames.Inventory,
    counts: Mapping[str, int],
    sizes: PageSizes,
    summary: QualitySummary | None = None,
) -> None:
    """The data-quality summary and the quarantine, paginated and filterable."""
    summary = quality_summary(con) if summary is None else summary
    runs = frames.latest_runs_frame(con, inventory)
    quarantine = frames.quarantine_frame(con)
    rows = [{k: _plain(v) for k, v in row.items()} for row in quarantine.iter_rows(named=True)]
    reasons = sorted({r["reason"] for r in rows})
    for number, page_rows, n_pages in _paged(rows, sizes.quarantine):
        site.render(
            list_page_path("quality", number),
            "quality.html",
            summary=summary if number == 1 else None,
            counts=counts,
            runs={"columns": runs.columns, "rows": runs.rows()} if runs.height else None,
            quarantine=page_rows,
            n_quarantine=len(rows),
            reasons=reasons,
            pager=_pager("quality", number, n_pages),
        )


def _write_catalog(
    site: SiteWriter,
    catalog: Catalog,
    counts: pl.DataFrame,
    table: pl.DataFrame,
    series: pl.DataFrame,
) -> None:
    """Indicators by stage, with their surface forms and how many figures each has."""
    zero = {name: 0 for name in counts.columns if name.startswith("n_")}
    by_code = {r["code"]: r for r in counts.iter_rows(named=True)} if counts.height else {}
    stored = {r["code"]: r for r in table.iter_rows(named=True)} if table.height else {}
    rows = []
    for ind in catalog.indicators:
        extra = stored.get(ind.code, {})
        rows.append(
            {
                "code": ind.code,
                "name": extra.get("name") or ind.name,
                "unit": extra.get("unit") or ind.unit,
                "stage": extra.get("stage") or getattr(ind, "stage", None) or "",
                "stage_name": extra.get("stage_name") or "",
                "measure": extra.get("measure") or getattr(ind, "measure", None) or "",
                "forms": list(ind.surface_forms),
                "range": (ind.min, ind.max),
                **zero,
                **{k: v for k, v in by_code.get(ind.code, {}).items() if k != "code"},
            }
        )
    known = {r["code"] for r in rows}
    for code, row in sorted(by_code.items()):  # the counts query has no order of its own
        if code not in known:
            rows.append(
                {
                    "code": code,
                    "name": "(not in the catalog)",
                    "unit": "",
                    "stage": "",
                    "stage_name": "",
                    "measure": "",
                    "forms": [],
                    "range": (None, None),
                    **{k: v for k, v in row.items() if k != "code"},
                }
            )
    stages: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, str] = {}
    for row in rows:
        stages.setdefault(row["stage"], []).append(row)
        names[row["stage"]] = names.get(row["stage"]) or row["stage_name"]
    site.render("catalog/index.html", "catalog.html", stages=stages, stage_names=names)


def _pager(folder: str, number: int, n_pages: int) -> dict[str, Any]:
    """Links of a paginated list, relative to the current page (same folder)."""

    def name(n: int) -> str:
        return list_page_path(folder, n).split("/", 1)[1]

    return {
        "number": number,
        "n_pages": n_pages,
        "prev": name(number - 1) if number > 1 else None,
        "next": name(number + 1) if number < n_pages else None,
        "pages": [
            (n, name(n))
            for n in range(1, n_pages + 1)
            if n in (1, n_pages) or abs(n - number) <= PAGER_SPREAD
        ],
    }


def _remove_stale(site: SiteWriter) -> int:
    """Delete files of the owned folders that this build did not write or keep."""
    removed = 0
    for folder in OWNED:
        base = site.out_dir / folder
        if not base.exists():
            continue
        for path in base.rglob("*"):
            if path.is_file() and path not in site.written:
                path.unlink()
                removed += 1
        for directory in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()
    return removed
