"""Docs that fail the build when they drift from the code."""

from __future__ import annotations

import argparse
import json
import re
import shlex
from pathlib import Path

import pytest

from flows.cli import build_parser
from tests.conftest import SampleWarehouse, edureports

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_every_cli_subcommand_and_flag_is_in_the_readme() -> None:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in sub.choices.items():
        assert f"edureports {name}" in README, name
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, f"{name} {flag}"


def readme_examples() -> list[list[str]]:
    """The `query`, `series` and `indicators` commands of the README's shell blocks."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            if re.match(r"\.venv/bin/edureports (query|series|indicators)\b", line):
                commands.append(shlex.split(line, comments=True)[1:])
    return commands


def test_the_readme_has_query_and_series_examples() -> None:
    assert {c[0] for c in readme_examples()} == {"query", "series", "indicators"}


@pytest.mark.slow
@pytest.mark.parametrize("args", readme_examples(), ids=lambda a: " ".join(a)[:50])
def test_readme_example_answers_on_the_samples(
    sample_warehouse: SampleWarehouse, args: list[str]
) -> None:
    if "--format" in args:  # ask for JSON to count the rows
        at = args.index("--format")
        args = args[:at] + args[at + 2 :]
    result = edureports(*args, "--data", str(sample_warehouse.data), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout), f"no rows on the samples: {' '.join(args)}"


def test_every_module_the_layout_table_names_exists() -> None:
    table = README.split("Where each idea lives")[1].split("\n\n")[1]
    named = re.findall(r"`((?:transforms|sources|flows|warehouse)/[\w./]+\.py)`", table)
    assert len(named) >= 10
    for path in named:
        assert (ROOT / path).is_file(), path
