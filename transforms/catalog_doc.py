"""The indicator catalog as a page (docs/indicators.md), rendered from transforms/indicators.yaml.

Regenerate with:  .venv/bin/python -m transforms.catalog_doc > docs/indicators.md
"""

from __future__ import annotations

import sys

from transforms.catalog import Catalog, Indicator, SurfaceForm, load_catalog

LEVELS = ("national", "province", "city", "county")
SCALED_DIMENSIONS = ("count", "money", "area")

HEADER = """# Indicator catalog

Generated from `transforms/indicators.yaml` by
`.venv/bin/python -m transforms.catalog_doc > docs/indicators.md`; a test fails when it is stale.
The same catalog is the `indicators` table of the warehouse, and `edureports indicators` lists
it by stage with the number of figures and series cells per code.

A figure gets an indicator code in two ways: a **named form** of an indicator occurs in its
label (the longest one wins), or its **measure** is read off the label and its **stage** from
the label or the nearest stage cue before it (clause, paragraph, section heading); the code
is the indicator of that stage and measure. A figure whose unit or dimension does not fit the
indicator gets no code. Values are stored in the indicator's base unit.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:g}"


def _form(form: SurfaceForm) -> str:
    if form.exact:
        return f"{form.text} (whole label)"
    if form.context:
        return f"{form.text} (with {'/'.join(form.context)})"
    return form.text


def plausible_range(ind: Indicator) -> str:
    """The plausible range of a level: min and max, the max per region level where it scales."""
    low = "" if ind.min is None else f"≥ {_number(ind.min)}"
    if ind.max is None:
        return low or "—"
    if ind.dimension in SCALED_DIMENSIONS and ind.level_scale:
        tops = " · ".join(
            f"{level} {_number(top)}" for level in LEVELS if (top := ind.max_for(level)) is not None
        )
        high = f"≤ {tops}"
    else:
        high = f"≤ {_number(ind.max)}"
    return f"{low}; {high}" if low else high


def render_catalog_doc(catalog: Catalog) -> str:
    """Markdown: the stages, the measures, then every indicator grouped by stage."""
    out = [HEADER]
    out.append("## Stages\n\n| stage | name | cues |\n|---|---|---|")
    for st in catalog.stages:
        out.append(f"| `{st.code}` | {st.name} | {_cell('、'.join(st.cues))} |")
    out.append("\n## Measures\n")
    out.append(
        "| measure | name | dimension | unit | other units | forms |\n|---|---|---|---|---|---|"
    )
    for m in catalog.measures:
        out.append(
            f"| `{m.code}` | {m.name} | {m.dimension} | {m.unit or '—'} | "
            f"{'、'.join(m.units) or '—'} | {_cell('、'.join(m.forms))} |"
        )
    stage_names = {st.code: st.name for st in catalog.stages}
    order = [st.code for st in catalog.stages]
    order += sorted({i.stage for i in catalog.indicators} - set(order))
    out.append(f"\n## Indicators ({len(catalog.indicators)} codes)\n")
    out.append(
        "Range: the plausible range of a level (counts, money and areas: the maximum for a "
        "national figure, scaled down for a province, a city and a county). "
        "Named forms: label words that name the indicator whatever the stage context; "
        "(whole label) only as the whole label, (with …) only with one of those words in the "
        "label or the text before the figure."
    )
    for stage in order:
        inds = [i for i in catalog.indicators if i.stage == stage]
        if not inds:
            continue
        out.append(f"\n### {stage_names.get(stage, stage)} (`{stage}`, {len(inds)} codes)\n")
        out.append(
            "| code | measure | name | unit | dimension | range | named forms |\n"
            "|---|---|---|---|---|---|---|"
        )
        for i in inds:
            forms = "、".join(_form(f) for f in i.forms) or "—"
            if i.exclude:
                forms += f"; not with {'、'.join(i.exclude)}"
            out.append(
                f"| `{i.code}` | {i.measure or '—'} | {i.name} | {i.unit or '—'} | "
                f"{i.dimension} | {_cell(plausible_range(i))} | {_cell(forms)} |"
            )
    return "\n".join(out) + "\n"


def main() -> None:
    """Print the catalog page of the packaged catalog."""
    sys.stdout.write(render_catalog_doc(load_catalog()))


if __name__ == "__main__":
    main()
