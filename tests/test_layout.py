"""Dependencies point one way: sources → transforms → warehouse, with flows/ wiring them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "transforms": {"flows", "warehouse", "sources", "prefect", "duckdb"},
    "sources": {"flows", "warehouse", "prefect"},
    "warehouse": {"flows", "sources", "prefect"},
}


def imported_packages(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_one_way(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        bad = imported_packages(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_cli_module_imports_nothing_heavy_at_top_level() -> None:
    assert imported_packages(ROOT / "flows" / "cli.py", top_level_only=True) <= {
        "__future__",
        "argparse",
        "json",
        "os",
        "sys",
        "pathlib",
    }
