from __future__ import annotations

from pathlib import Path

from transforms.catalog import Indicator, load_catalog
from transforms.catalog_doc import plausible_range, render_catalog_doc

DOC = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def test_indicators_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_catalog_doc(load_catalog()), (
        "docs/indicators.md is stale: "
        "run .venv/bin/python -m transforms.catalog_doc > docs/indicators.md"
    )


def test_every_code_appears_under_its_stage_heading() -> None:
    catalog = load_catalog()
    page = render_catalog_doc(catalog)
    sections = {s.split("\n", 1)[0]: s for s in page.split("\n### ")[1:]}
    for ind in catalog.indicators:
        (heading,) = [h for h in sections if f"(`{ind.stage}`," in h]
        assert f"| `{ind.code}` | {ind.measure or '—'} | {ind.name} |" in sections[heading]


def test_plausible_range_scales_counts_by_region_level_but_not_rates() -> None:
    scale = {"national": 1.0, "province": 0.2, "city": 0.05, "county": 0.01}
    schools = Indicator("s", "学校", "所", max=1000.0, dimension="count", level_scale=scale)
    rate = Indicator("r", "率", "%", min=0.0, max=100.0, dimension="rate", level_scale=scale)
    assert plausible_range(schools) == "≤ national 1,000 · province 200 · city 50 · county 10"
    assert plausible_range(rate) == "≥ 0; ≤ 100"
    assert plausible_range(Indicator("x", "x", "元")) == "—"
