"""Deployments read from prefect.yaml, for `prefect deploy` and for `edureports serve`."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flows.settings import PROJECT_ROOT

PREFECT_YAML = PROJECT_ROOT / "prefect.yaml"


@dataclass(frozen=True)
class DeploymentSpec:
    """One deployment of prefect.yaml."""

    name: str
    entrypoint: str
    parameters: dict[str, Any]
    schedules: list[dict[str, Any]] = field(default_factory=list)
    description: str | None = None


def read_deployments(path: Path = PREFECT_YAML) -> list[DeploymentSpec]:
    """The deployments declared in prefect.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        DeploymentSpec(
            name=d["name"],
            entrypoint=d["entrypoint"],
            parameters=dict(d.get("parameters") or {}),
            schedules=list(d.get("schedules") or []),
            description=d.get("description"),
        )
        for d in data.get("deployments") or []
    ]


def load_entrypoint(entrypoint: str, root: Path = PROJECT_ROOT) -> Any:
    """The flow object an entrypoint (`path/to/file.py:flow_name`) names."""
    file, _, name = entrypoint.partition(":")
    module_name = Path(file).with_suffix("").as_posix().replace("/", ".")
    if module_name in sys.modules:
        module = sys.modules[module_name]
    else:
        spec = importlib.util.spec_from_file_location(module_name, root / file)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {entrypoint}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return getattr(module, name)


def runner_deployments(path: Path = PREFECT_YAML) -> list[Any]:
    """RunnerDeployments for prefect.serve: each flow with its schedules and parameters."""
    from prefect.schedules import Cron

    out = []
    for spec in read_deployments(path):
        flow = load_entrypoint(spec.entrypoint)
        schedules = [Cron(s["cron"], timezone=s.get("timezone")) for s in spec.schedules]
        out.append(
            flow.to_deployment(
                name=spec.name,
                parameters=spec.parameters,
                schedules=schedules,
                description=spec.description,
            )
        )
    return out
