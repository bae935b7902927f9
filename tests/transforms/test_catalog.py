"""The indicator catalog and unit table: loading, matching, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.catalog import Catalog, CatalogError, load_catalog

REQUIRED = {
    "schools_total": "所",
    "students_total": "人",
    "teachers_fulltime": "人",
    "kindergartens": "所",
    "preschool_gross_enrollment_rate": "%",
    "compulsory_retention_rate": "%",
    "high_school_gross_enrollment_rate": "%",
    "higher_ed_gross_enrollment_rate": "%",
    "preschool_inclusive_rate": "%",
    "preschool_public_rate": "%",
    "education_expenditure": "元",
    "after_school_participation_rate": "%",
    "tutoring_institutions": "家",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_packaged_catalog_has_the_required_codes(catalog: Catalog) -> None:
    units = {ind.code: ind.unit for ind in catalog.indicators}
    for code, unit in REQUIRED.items():
        assert units.get(code) == unit, code


def test_codes_are_unique_and_have_forms(catalog: Catalog) -> None:
    codes = [ind.code for ind in catalog.indicators]
    assert len(codes) == len(set(codes))
    measures = {m.code for m in catalog.measures}
    assert all(ind.surface_forms or ind.measure in measures for ind in catalog.indicators)


def test_catalog_v2_has_the_bulletin_system(catalog: Catalog) -> None:
    assert len(catalog.indicators) >= 100
    stages = {ind.stage for ind in catalog.indicators}
    assert {"preschool", "primary", "junior", "special", "general_senior", "vocational"} <= stages
    assert {"higher", "graduate", "private", "compulsory", "all"} <= stages
    assert catalog.by_stage_measure("primary", "teachers").code == "primary_teachers"


@pytest.mark.parametrize(
    ("name", "base", "factor"),
    [
        ("万元", "元", 10_000),
        ("亿元", "元", 100_000_000),
        ("元", "元", 1),
        ("万平方米", "平方米", 10_000),
        ("个百分点", "个百分点", 1),
        ("%", "%", 1),
        ("所", "所", 1),
        ("人次", "人次", 1),
    ],
)
def test_units(catalog: Catalog, name: str, base: str, factor: float) -> None:
    unit = catalog.unit(name)
    assert unit is not None
    assert (unit.base, unit.factor) == (base, factor)


def test_multipliers(catalog: Catalog) -> None:
    assert catalog.multiplier("万") == 10_000
    assert catalog.multiplier("亿") == 100_000_000
    assert catalog.multiplier("万亿") == 1e12
    assert catalog.multiplier("") == 1


def test_longest_form_wins(catalog: Catalog) -> None:
    assert catalog.match("九年义务教育巩固率", "", "%", "level") == "compulsory_retention_rate"


def test_the_nearest_context_word_picks_between_equal_forms(catalog: Catalog) -> None:
    text = "义务教育阶段大班额比例4.5%。普通高中共有教学班312个，大班额比例13.1%。"
    at = text.index("13.1")
    assert catalog.match("大班额比例", text, "%", "level", at) == "general_senior_large_class_share"
    at = text.index("4.5")
    assert catalog.match("大班额比例", text, "%", "level", at) == "compulsory_large_class_share"
    # with no stage anywhere near, the form bound to no context
    assert catalog.match("大班额比例", "全县大班额比例4%", "%", "level", 6) == "large_class_share"


def test_indicator_range(catalog: Catalog) -> None:
    ind = catalog.indicator("preschool_gross_enrollment_rate")
    assert ind is not None
    assert ind.range_reason(88.1) is None
    assert ind.range_reason(104.5) is None  # a gross rate counts pupils of any age
    assert ind.range_reason(120.5) is not None


def test_generic_limits(catalog: Catalog) -> None:
    (limit,) = catalog.limits_for("元", "level")
    assert limit.max is not None and limit.max <= 1e10
    assert catalog.limits_for("%", "level")[0].max == 100


def test_custom_catalog_file(tmp_path: Path) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_text(
        "indicators:\n"
        "  - code: libraries\n"
        "    unit: 所\n"
        "    forms: [图书馆, {text: 书屋, exact: true}]\n",
        encoding="utf-8",
    )
    catalog = load_catalog(path)  # units.yaml falls back to the packaged one
    assert catalog.match("农家图书馆", "", "所", "level") == "libraries"
    assert catalog.match("农家书屋", "", "所", "level") is None
    assert catalog.unit("万元") is not None


@pytest.mark.parametrize(
    "body",
    [
        "indicators: 3\n",
        "indicators:\n  - {code: x}\n",
        "indicators:\n  - {code: x, unit: 所, forms: []}\n",
        "- just a list\n",
        "indicators: [\n",
    ],
)
def test_malformed_catalog_is_rejected(tmp_path: Path, body: str) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog(path)


def test_catalog_is_hashable_and_frozen(catalog: Catalog) -> None:
    assert hash(catalog) == hash(load_catalog())
    with pytest.raises(AttributeError):
        catalog.indicators = ()  # type: ignore[misc]


def test_the_share_of_migrant_children_in_public_schools_is_named_after_them(
    catalog: Catalog,
) -> None:
    context = "义务教育阶段进城务工人员随迁子女在校生9685人，其中在公办学校就读的比例为91.2%"
    share = "migrant_children_public_share"
    assert catalog.match("公办学校就读的比例", context, "%", "level") == share
    assert (
        catalog.match("就读比例", "随迁子女在公办学校和民办学校就读比例达到94.2%", "%", "level")
        == share
    )
    assert catalog.match("就读比例", "全县残疾儿童随班就读比例达到60%", "%", "level") is None
