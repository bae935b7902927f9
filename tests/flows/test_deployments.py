"""prefect.yaml is valid: every entrypoint imports and every deployment's parameters fit."""

from __future__ import annotations

import inspect

import pytest
from prefect.exceptions import ParameterTypeError

from flows.deployments import load_entrypoint, read_deployments

DEPLOYMENTS = read_deployments()


def test_there_is_a_daily_and_a_weekly_deployment_in_shanghai_time() -> None:
    crons = {d.name: d.schedules[0] for d in DEPLOYMENTS}
    assert set(crons) == {"daily", "weekly-full-rebuild"}
    assert all(s["timezone"] == "Asia/Shanghai" for s in crons.values())
    assert crons["daily"]["cron"].endswith("* * *") and crons["weekly-full-rebuild"][
        "cron"
    ].endswith("* * 0")


@pytest.mark.parametrize("spec", DEPLOYMENTS, ids=[d.name for d in DEPLOYMENTS])
def test_deployment_parameters_fit_the_flow(spec) -> None:  # type: ignore[no-untyped-def]
    flow = load_entrypoint(spec.entrypoint)
    inspect.signature(flow.fn).bind(**spec.parameters)
    validated = flow.validate_parameters(spec.parameters)
    assert {k: validated[k] for k in spec.parameters} == spec.parameters


def test_a_bad_parameter_fails_at_once_and_names_itself() -> None:
    flow = load_entrypoint(DEPLOYMENTS[0].entrypoint)
    with pytest.raises(ParameterTypeError, match="batch_size"):
        flow.validate_parameters({"batch_size": "many"})
    with pytest.raises(TypeError, match="not_a_parameter"):
        inspect.signature(flow.fn).bind(not_a_parameter=1)
