"""The indicator catalog and the unit table, loaded from the YAML files beside this module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from ahocorasick_rs import AhoCorasick

HERE = Path(__file__).resolve().parent
DEFAULT_CATALOG = HERE / "indicators.yaml"
DEFAULT_UNITS = HERE / "units.yaml"

KINDS: tuple[str, ...] = ("level", "change_abs", "change_pct", "change_pp")
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

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The Chinese texts of the forms, in catalog order."""
        return tuple(f.text for f in self.forms)

    @property
    def accepted_units(self) -> frozenset[str]:
        """Base units a level or change_abs figure of this indicator may carry."""
        return frozenset((self.unit, *self.units))

    def match_length(self, label: str, context: str, unit: str, kind: str) -> int:
        """Length of the longest form naming this figure; 0 when the indicator does not apply."""
        if any(w in label for w in self.exclude):
            return 0
        if kind in UNIT_BOUND_KINDS and unit not in self.accepted_units:
            return 0
        return max((len(f.text) for f in self.forms if f.matches(label, context)), default=0)

    def range_reason(self, value: float) -> str | None:
        """Why a level value is outside the indicator's range, or None when inside."""
        if self.min is not None and value < self.min:
            return f"below the plausible minimum {self.min:g} {self.unit} for {self.code}"
        if self.max is not None and value > self.max:
            return f"above the plausible maximum {self.max:g} {self.unit} for {self.code}"
        return None


@dataclass(frozen=True)
class Catalog:
    """Indicators, units, multipliers and generic limits: all the data extraction needs."""

    indicators: tuple[Indicator, ...]
    units: tuple[UnitDef, ...]
    multipliers: tuple[tuple[str, float], ...]
    limits: tuple[UnitLimit, ...] = ()
    _by_code: Mapping[str, Indicator] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    _by_unit: Mapping[str, UnitDef] = field(
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

    def match(self, label: str, context: str, unit: str, kind: str) -> str | None:
        """Canonical code for a figure's subject phrase, or None.

        `context` is text around the figure (for context-bound forms), `unit` its base
        unit and `kind` one of level / change_abs / change_pct / change_pp.
        """
        if self._forms is None:
            return None
        found = self._forms.find_matches_as_indexes(label, overlapping=True)
        if not found:
            return None
        candidates = sorted({pos for i, _, _ in found for pos in self._form_owners[i]})
        best: tuple[int, str] | None = None
        for pos in candidates:  # catalog order: on equal length the first indicator wins
            ind = self.indicators[pos]
            length = ind.match_length(label, context, unit, kind)
            if length and (best is None or length > best[0]):
                best = (length, ind.code)
        return best[1] if best else None


def load_catalog(path: Path | None = None, units_path: Path | None = None) -> Catalog:
    """The catalog from `path` (default: indicators.yaml beside this module) and the unit
    table from `units_path` (default: units.yaml beside the catalog file, else the packaged one).
    """
    path = path or DEFAULT_CATALOG
    if units_path is None:
        beside = path.parent / "units.yaml"
        units_path = beside if beside.exists() else DEFAULT_UNITS
    units_doc = _read_yaml(units_path)
    return Catalog(
        indicators=tuple(_indicator(x) for x in _list(_read_yaml(path), "indicators", path)),
        units=tuple(_unit(x) for x in _list(units_doc, "units", units_path)),
        multipliers=tuple(
            (str(k), float(v)) for k, v in _mapping(units_doc, "multipliers", units_path).items()
        ),
        limits=tuple(_limit(x) for x in units_doc.get("limits") or ()),
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
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


def _indicator(raw: Any) -> Indicator:
    if not isinstance(raw, dict) or "code" not in raw or "unit" not in raw:
        raise CatalogError(f"an indicator needs at least `code` and `unit`: {raw!r}")
    forms = tuple(_form(f) for f in raw.get("forms") or ())
    if not forms:
        raise CatalogError(f"indicator {raw['code']} has no forms")
    return Indicator(
        code=str(raw["code"]),
        name=str(raw.get("name", raw["code"])),
        unit=str(raw["unit"]),
        units=_strings(raw.get("units")),
        min=_float_or_none(raw.get("min")),
        max=_float_or_none(raw.get("max")),
        forms=forms,
        exclude=_strings(raw.get("exclude")),
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
