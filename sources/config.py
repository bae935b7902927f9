"""sources.yaml: what to acquire. Errors name the file, the line and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from transforms.errors import EdureportsError


class ConfigError(EdureportsError, ValueError):
    """sources.yaml or a --source value that cannot be used."""


@dataclass(frozen=True)
class SourceSpec:
    """One entry of sources.yaml: a local folder, or a web site to crawl."""

    name: str
    kind: str  # local | web
    path: Path | None = None
    start_urls: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    report_url_pattern: str | None = None
    report_selector: str | None = None
    next_selector: str | None = None
    page_url_template: str | None = None
    max_pages: int = 5
    allowed_hosts: tuple[str, ...] = ()
    requests_per_second: float = 1.0
    user_agent: str | None = None
    allow_private: bool = False
    obey_robots: bool = True
    max_bytes: int = 20_000_000
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    follow_attachments: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


# field → (type, required for kind)
_FIELDS: dict[str, tuple[type | tuple[type, ...], tuple[str, ...]]] = {
    "name": (str, ("local", "web")),
    "kind": (str, ("local", "web")),
    "path": (str, ("local",)),
    "start_urls": (list, ()),
    "pages": (list, ()),
    "report_url_pattern": (str, ()),
    "report_selector": (str, ()),
    "next_selector": (str, ()),
    "page_url_template": (str, ()),
    "max_pages": (int, ()),
    "allowed_hosts": (list, ()),
    "requests_per_second": ((int, float), ()),
    "user_agent": (str, ()),
    "allow_private": (bool, ()),
    "obey_robots": (bool, ()),
    "max_bytes": (int, ()),
    "connect_timeout": ((int, float), ()),
    "read_timeout": ((int, float), ()),
    "follow_attachments": (bool, ()),
}


def _fail(path: Path, node: yaml.Node, message: str) -> ConfigError:
    return ConfigError(f"{path}:{node.start_mark.line + 1}: {message}")


def read_sources(path: Path) -> list[SourceSpec]:
    """The sources of a sources.yaml file; relative paths are relative to that file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(
            f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from exc
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{path}: expected a mapping with a 'sources:' list")
    entries = {k.value: v for k, v in root.value}.get("sources")
    if not isinstance(entries, yaml.SequenceNode):
        raise _fail(path, root, "expected a top-level 'sources:' list")
    specs = [_read_entry(path, node) for node in entries.value]
    seen: set[str] = set()
    for node, spec in zip(entries.value, specs, strict=True):
        if spec.name in seen:
            raise _fail(path, node, f"source name {spec.name!r} is used more than once")
        seen.add(spec.name)
    return specs


def _read_entry(path: Path, node: yaml.Node) -> SourceSpec:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, "each source must be a mapping with name and kind")
    nodes = {k.value: (k, v) for k, v in node.value}
    values: dict[str, Any] = {}
    for key, (key_node, value_node) in nodes.items():
        if key not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            raise _fail(path, key_node, f"unknown field {key!r} (known: {known})")
        value = yaml.safe_load(yaml.serialize(value_node))
        expected = _FIELDS[key][0]
        if isinstance(value, bool) and expected is not bool:
            ok = False
        else:
            ok = isinstance(value, expected)
        if not ok:
            names = expected.__name__ if isinstance(expected, type) else "number"
            raise _fail(path, value_node, f"field {key!r} must be a {names}, not {value!r}")
        values[key] = value
    kind = values.get("kind")
    if kind not in ("local", "web"):
        where = nodes["kind"][1] if "kind" in nodes else node
        raise _fail(path, where, f"field 'kind' must be 'local' or 'web', not {kind!r}")
    for key, (_, required_for) in _FIELDS.items():
        if kind in required_for and key not in values:
            raise _fail(path, node, f"{kind} source lacks the field {key!r}")
    template = values.get("page_url_template")
    if template is not None:
        try:
            template.format(page=2, index=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise _fail(
                path,
                nodes["page_url_template"][1],
                f"page_url_template may hold {{page}} and {{index}} only: {exc!r}",
            ) from exc
    for key in ("report_url_pattern",):
        if key in values:
            try:
                re.compile(values[key])
            except re.error as exc:
                raise _fail(
                    path, nodes[key][1], f"field {key!r} is not a valid regex: {exc}"
                ) from exc
    if kind == "web":
        if not values.get("start_urls") and not values.get("pages"):
            raise _fail(path, node, "web source needs 'start_urls' (listing pages) or 'pages'")
        for key in ("start_urls", "pages"):
            for url_node in nodes[key][1].value if key in nodes else ():
                if not str(url_node.value).startswith(("http://", "https://")):
                    raise _fail(path, url_node, f"{key} entry {url_node.value!r} is not http(s)")
            values[key] = tuple(values.get(key) or ())
        values["allowed_hosts"] = tuple(values.get("allowed_hosts") or ())
    if kind == "local":
        values["path"] = (path.parent / values["path"]).resolve()
    return SourceSpec(**values)


def source_for_url(url: str) -> SourceSpec:
    """A --source URL: that one report page, on its own host only."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return SourceSpec(name=url, kind="web", pages=(url,), allowed_hosts=(host,))


def source_for_path(path: Path) -> SourceSpec:
    """A --source path: the files under it."""
    return SourceSpec(name=path.name or str(path), kind="local", path=path.resolve())
