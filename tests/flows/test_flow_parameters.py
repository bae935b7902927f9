"""The run's parameters reach the API as Prefect would encode them, without its encoder."""

from __future__ import annotations

from pathlib import Path

from prefect import Flow

from flows.pipeline import run_reports


def test_json_parameters_are_sent_as_prefect_encodes_them() -> None:
    parameters = {
        "sources": ["samples", "/tmp/报告 #1"],
        "data": "data",
        "config": None,
        "batch_size": 500,
        "batch_mb": 2.5,
        "full_refresh": True,
        "workers": None,
    }
    plain = run_reports.serialize_parameters(parameters)
    assert plain == Flow.serialize_parameters(run_reports, parameters)
    assert plain is not parameters  # a copy: Prefect may keep it


def test_other_values_are_left_to_prefects_encoder() -> None:
    parameters = {"sources": [Path("/tmp/a")], "data": Path("data")}
    assert run_reports.serialize_parameters(parameters) == {"sources": ["/tmp/a"], "data": "data"}
