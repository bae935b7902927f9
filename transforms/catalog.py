"""The indicator catalog and the unit table, loaded from the YAML files beside this module."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml
from ahocorasick_rs import AhoCorasick

from transforms.data_files import read_yaml

HERE = Path(__file__).resolve().parent
DEFAULT_CATALOG = HERE / "indicators.yaml"
DEFAULT_UNITS = HERE / "units.yaml"

KINDS: tuple[str, ...] = ("level", "change_abs", "change_pct", "change_pp", "ratio", "multiplier")
DIMENSIONS: tuple[str, ...] = (
    "count", "rate", "money", "area", "ratio", "per_capita", "coefficient",
)  # fmt: skip
LEVELS: tuple[str, ...] = ("national", "province", "city", "county", "district")
# Kinds whose unit must agree with the indicator's unit.
UNIT_BOUND_KINDS = frozenset({"level", "change_abs"})


class CatalogError(ValueError):
    """A catalog or unit file is malformed."""


@dataclass(frozen=True)
class UnitDef:
    """One unit form as written after a figure, and how to turn it into base units."""

    name: str
    base: str
    factor: float = 1.0
    soft: bool = False
    not_before: tuple[str, ...] = ()
    regex: str | None = None


@dataclass(frozen=True)
class UnitLimit:
    """A generic plausibility rule for figures of one base unit and some kinds."""

    unit: str
    kinds: tuple[str, ...]
    min: float | None = None
    max: float | None = None
    reason: str = "outside the plausible range for its unit"


@dataclass(frozen=True)
class SurfaceForm:
    """One Chinese way of naming an indicator, with the rule for matching it."""

    text: str
    exact: bool = False
    context: tuple[str, ...] = ()

    def matches(self, label: str, context: str) -> bool:
        """Whether a figure with this label, seen in this context, names the form."""
        found = label == self.text if self.exact else self.text in label
        if not found:
            return False
        return not self.context or any(w in label or w in context for w in self.context)

    def context_distance(self, label: str, context: str, at: int) -> int:
        """How far before the figure (at `at` in `context`) the nearest of the form's context
        words is: 0 when the label holds one; words after the figure count as further than
        any before it, and a form without context words is further still (a form bound to a
        context that is there is the more specific)."""
        if not self.context:
            return 2 * len(context) + 1
        if any(w in label for w in self.context):
            return 0
        before = [
            at - (context.rfind(w, 0, at) + len(w)) for w in self.context if w in context[:at]
        ]
        if before:
            return min(before)
        return len(context) + min(
            (context.find(w, at) for w in self.context if w in context[at:]), default=len(context)
        )


@dataclass(frozen=True)
class Indicator:
    """A canonical measure: its code, unit, plausible range and surface forms."""

    code: str
    name: str
    unit: str
    units: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    forms: tuple[SurfaceForm, ...] = ()
    exclude: tuple[str, ...] = ()
    stage: str = "all"
    measure: str = ""
    dimension: str = "count"
    level_scale: Mapping[str, float] = field(default_factory=dict, compare=False, hash=False)
    by_stage: bool = False
    """Bulletins state it for each stage too: in a passage about one stage, the named form is
    that stage's figure, not the region's total."""
    stage_sibling: bool = False
    """In a passage about one stage, the named form is that stage's indicator where the
    catalog has one (新增学位 under 学前教育 → 新增学前教育学位), and this one elsewhere."""

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The Chinese texts of the forms, in catalog order."""
        return tuple(f.text for f in self.forms)

    @property
    def accepted_units(self) -> frozenset[str]:
        """Base units a level or change_abs figure of this indicator may carry."""
        return frozenset((self.unit, *self.units))

    def best_form(self, label: str, context: str, unit: str, kind: str, at: int) -> tuple[int, int]:
        """(length, -context distance) of the best form naming this figure; (0, 0) when the
        indicator does not apply. Longer forms win, then nearer context words."""
        if any(w in label for w in self.exclude):
            return (0, 0)
        if kind in UNIT_BOUND_KINDS and unit not in self.accepted_units:
            return (0, 0)
        return max(
            (
                (len(f.text), -f.context_distance(label, context, at))
                for f in self.forms
                if f.matches(label, context)
            ),
            default=(0, 0),
        )

    def max_for(self, level: str | None) -> float | None:
        """The plausible maximum of a level at a region level (counts and money scale down)."""
        if self.max is None or self.dimension not in ("count", "money", "area"):
            return self.max
        return self.max * self.level_scale.get(level or "national", 1.0)

    def range_reason(self, value: float, level: str | None = None) -> str | None:
        """Why a level value is outside the indicator's range, or None when inside."""
        if self.min is not None and value < self.min:
            return f"below the plausible minimum {self.min:g} {self.unit} for {self.code}"
        top = self.max_for(level)
        if top is not None and value > top:
            where = f" at {level} level" if level and top != self.max else ""
            return f"above the plausible maximum {top:g} {self.unit} for {self.code}{where}"
        return None


@dataclass(frozen=True)
class Stage:
    """A stage of education (学前教育, 小学 …) and the words that put a passage in it."""

    code: str
    name: str
    cues: tuple[str, ...]
    parts: tuple[str, ...] = ()
    """Stages within this one (义务教育: 小学, 初中)."""


@dataclass(frozen=True)
class Measure:
    """What is counted or rated (在校生, 专任教师 …), whatever the stage."""

    code: str
    name: str
    dimension: str
    unit: str
    units: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()


_QUOTE_MARKS = str.maketrans("", "", '“”‘’「」『』"')


def unquoted(text: str) -> str:
    """`text` without its quotation marks (“智慧课堂”教学研讨活动 → 智慧课堂教学研讨活动)."""
    return text.translate(_QUOTE_MARKS)


@dataclass(frozen=True)
class Catalog:
    """Indicators, units, multipliers and generic limits: all the data extraction needs."""

    indicators: tuple[Indicator, ...]
    units: tuple[UnitDef, ...]
    multipliers: tuple[tuple[str, float], ...]
    limits: tuple[UnitLimit, ...] = ()
    stages: tuple[Stage, ...] = ()
    measures: tuple[Measure, ...] = ()
    subset_words: tuple[str, ...] = ()
    _by_code: Mapping[str, Indicator] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _by_unit: Mapping[str, UnitDef] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _by_measure: Mapping[str, Measure] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _forms: AhoCorasick | None = field(
        init=False, repr=False, compare=False, hash=False, default=None
    )
    _form_owners: tuple[tuple[int, ...], ...] = field(
        init=False, repr=False, compare=False, hash=False, default=()
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", MappingProxyType({i.code: i for i in self.indicators}))
        object.__setattr__(self, "_by_unit", MappingProxyType({u.name: u for u in self.units}))
        by_measure = {m.code: m for m in self.measures}
        object.__setattr__(self, "_by_measure", MappingProxyType(by_measure))
        # Every form text, and which indicators (by position) use it: a label names an
        # indicator only if one of its form texts occurs in it, so one pass of an
        # automaton over the label picks the few indicators worth checking.
        owners: dict[str, set[int]] = {}
        for pos, ind in enumerate(self.indicators):
            for form in ind.forms:
                owners.setdefault(form.text, set()).add(pos)
        texts = list(owners)
        matcher = AhoCorasick(texts) if texts else None
        object.__setattr__(self, "_forms", matcher)
        object.__setattr__(self, "_form_owners", tuple(tuple(owners[t]) for t in texts))

    def indicator(self, code: str) -> Indicator | None:
        """The indicator with this code, if any."""
        return self._by_code.get(code)

    def measure(self, code: str) -> Measure | None:
        """The measure with this code (teachers, gross_rate …), if any."""
        return self._by_measure.get(code)

    def by_stage_measure(self, stage: str, measure: str) -> Indicator | None:
        """The indicator of a stage and measure (小学 × 在校生 → primary_enrolment), if any."""
        for ind in self.indicators:
            if ind.stage == stage and ind.measure == measure:
                return ind
        return None

    def unit(self, name: str) -> UnitDef | None:
        """The unit written as `name`, if known."""
        return self._by_unit.get(name)

    def multiplier(self, chars: str) -> float:
        """The factor of a run of multiplier characters (万 → 1e4, 万亿 → 1e12)."""
        table = dict(self.multipliers)
        factor = 1.0
        for ch in chars:
            factor *= table[ch]
        return factor

    def limits_for(self, unit: str, kind: str) -> tuple[UnitLimit, ...]:
        """Generic plausibility rules for a base unit and kind."""
        return tuple(lim for lim in self.limits if lim.unit == unit and kind in lim.kinds)

    def within(self, part: str, whole: str) -> bool:
        """Whether stage `part` is `whole` or one of its parts (小学 within 义务教育; every
        stage within all)."""
        if part == whole or whole == "all":
            return True
        stage = next((st for st in self.stages if st.code == whole), None)
        return stage is not None and any(self.within(part, p) for p in stage.parts)

    def match(
        self, label: str, context: str, unit: str, kind: str, at: int | None = None
    ) -> str | None:
        """Canonical code for a figure's subject phrase, or None.

        `context` is text around the figure (for context-bound forms; the figure is at `at`,
        default its end), `unit` its base unit and `kind` one of level / change_abs /
        change_pct / change_pp. On equal form length, the form whose context word is nearest
        before the figure wins (义务教育…。普通高中…大班额比例13.1%: the high school's). A
        quoted term is the same words (义务教育阶段“大班额”比例).
        """
        if self._forms is None:
            return None
        label = unquoted(label)
        found = self._forms.find_matches_as_indexes(label, overlapping=True)
        if not found:
            return None
        candidates = sorted({pos for i, _, _ in found for pos in self._form_owners[i]})
        at = len(context) if at is None else at
        best: tuple[tuple[int, int], str] | None = None
        for pos in candidates:  # catalog order: on a tie the first indicator wins
            ind = self.indicators[pos]
            score = ind.best_form(label, context, unit, kind, at)
            if score[0] and (best is None or score > best[0]):
                best = (score, ind.code)
        return best[1] if best else None


T = TypeVar("T")


def per_catalog(build: Callable[[Catalog], T]) -> Callable[[Catalog], T]:
    """`build` run once per catalog object (matchers, compiled patterns). Keyed by identity:
    hashing a catalog walks every indicator, which cost more than the lookups it saved."""
    memo: dict[int, tuple[Catalog, T]] = {}

    def get(catalog: Catalog) -> T:
        hit = memo.get(id(catalog))
        if hit is None or hit[0] is not catalog:
            hit = (catalog, build(catalog))
            memo[id(catalog)] = hit
        return hit[1]

    return get


def load_catalog(path: Path | None = None, units_path: Path | None = None) -> Catalog:
    """The catalog from `path` (default: indicators.yaml beside this module) and the unit
    table from `units_path` (default: units.yaml beside the catalog file, else the packaged one).
    """
    path = path or DEFAULT_CATALOG
    if units_path is None:
        beside = path.parent / "units.yaml"
        units_path = beside if beside.exists() else DEFAULT_UNITS
    units_doc = _read_yaml(units_path)
    doc = _read_yaml(path)
    stages = tuple(
        Stage(
            str(code),
            str(raw.get("name", code)),
            _strings(raw.get("cues")),
            _strings(raw.get("parts")),
        )
        for code, raw in (doc.get("stages") or {}).items()
    )
    measures = tuple(_measure(str(code), raw) for code, raw in (doc.get("measures") or {}).items())
    scale = {str(k): float(v) for k, v in (doc.get("level_scale") or {}).items()}
    by_measure = {m.code: m for m in measures}
    stage_codes = {st.code for st in stages}
    indicators = tuple(
        _indicator(x, by_measure, scale, stage_codes) for x in _list(doc, "indicators", path)
    )
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        raise CatalogError(f"{path}: indicator codes repeated: {dupes}")
    return Catalog(
        indicators=indicators,
        stages=stages,
        measures=measures,
        subset_words=_strings(doc.get("subset_words")),
        units=tuple(_unit(x) for x in _list(units_doc, "units", units_path)),
        multipliers=tuple(
            (str(k), float(v)) for k, v in _mapping(units_doc, "multipliers", units_path).items()
        ),
        limits=tuple(_limit(x) for x in units_doc.get("limits") or ()),
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        doc = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    if not isinstance(doc, dict):
        raise CatalogError(f"{path}: expected a mapping at the top level")
    return doc


def _list(doc: dict[str, Any], key: str, path: Path) -> list[Any]:
    value = doc.get(key)
    if not isinstance(value, list):
        raise CatalogError(f"{path}: `{key}` must be a list")
    return value


def _mapping(doc: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = doc.get(key)
    if not isinstance(value, dict):
        raise CatalogError(f"{path}: `{key}` must be a mapping")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def _form(raw: Any) -> SurfaceForm:
    if isinstance(raw, str):
        return SurfaceForm(raw)
    if isinstance(raw, dict) and "text" in raw:
        return SurfaceForm(
            text=str(raw["text"]),
            exact=bool(raw.get("exact", False)),
            context=_strings(raw.get("context")),
        )
    raise CatalogError(f"bad surface form: {raw!r}")


def _measure(code: str, raw: Any) -> Measure:
    if not isinstance(raw, dict) or "unit" not in raw:
        raise CatalogError(f"measure {code} needs a `unit`: {raw!r}")
    dimension = str(raw.get("dimension", "count"))
    if dimension not in DIMENSIONS:
        raise CatalogError(f"measure {code}: unknown dimension {dimension!r}")
    return Measure(
        code=code,
        name=str(raw.get("name", code)),
        dimension=dimension,
        unit=str(raw["unit"]),
        units=_strings(raw.get("units")),
        forms=_strings(raw.get("forms")),
    )


def _indicator(
    raw: Any,
    measures: Mapping[str, Measure] | None = None,
    scale: Mapping[str, float] | None = None,
    stages: set[str] | None = None,
) -> Indicator:
    """One catalog entry; unit, units and dimension default to its measure's."""
    if not isinstance(raw, dict) or "code" not in raw:
        raise CatalogError(f"an indicator needs at least a `code`: {raw!r}")
    measure = (measures or {}).get(str(raw.get("measure", "")))
    unit = raw.get("unit", measure.unit if measure else None)
    if unit is None:
        raise CatalogError(f"indicator {raw['code']} needs a `unit` (or a known `measure`)")
    forms = tuple(_form(f) for f in raw.get("forms") or ())
    if not forms and measure is None:
        raise CatalogError(f"indicator {raw['code']} has no forms and no measure")
    stage = str(raw.get("stage", "all"))
    if stages and stage not in stages:
        raise CatalogError(f"indicator {raw['code']}: unknown stage {stage!r}")
    dimension = str(raw.get("dimension", measure.dimension if measure else "count"))
    if dimension not in DIMENSIONS:
        raise CatalogError(f"indicator {raw['code']}: unknown dimension {dimension!r}")
    return Indicator(
        code=str(raw["code"]),
        name=str(raw.get("name", raw["code"])),
        unit=str(unit),
        units=_strings(raw.get("units")) or (measure.units if measure else ()),
        min=_float_or_none(raw.get("min")),
        max=_float_or_none(raw.get("max")),
        forms=forms,
        exclude=_strings(raw.get("exclude")),
        stage=stage,
        measure=str(raw.get("measure", "")),
        dimension=dimension,
        level_scale=dict(scale or {}),
        by_stage=bool(raw.get("by_stage", False)),
        stage_sibling=bool(raw.get("stage_sibling", False)),
    )


def _unit(raw: Any) -> UnitDef:
    if not isinstance(raw, dict) or "name" not in raw:
        raise CatalogError(f"a unit needs a `name`: {raw!r}")
    name = str(raw["name"])
    return UnitDef(
        name=name,
        base=str(raw.get("base", name)),
        factor=float(raw.get("factor", 1)),
        soft=bool(raw.get("soft", False)),
        not_before=_strings(raw.get("not_before")),
        regex=str(raw["regex"]) if raw.get("regex") else None,
    )


def _limit(raw: Any) -> UnitLimit:
    if not isinstance(raw, dict) or "unit" not in raw:
        raise CatalogError(f"a limit needs a `unit`: {raw!r}")
    kinds = _strings(raw.get("kinds")) or KINDS
    bad = set(kinds) - set(KINDS)
    if bad:
        raise CatalogError(f"unknown kinds {sorted(bad)} in limit {raw!r}")
    return UnitLimit(
        unit=str(raw["unit"]),
        kinds=kinds,
        min=_float_or_none(raw.get("min")),
        max=_float_or_none(raw.get("max")),
        reason=str(raw.get("reason", "outside the plausible range for its unit")),
    )
