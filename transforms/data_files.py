"""The transforms' YAML data files, read with libyaml's parser when PyYAML has it.

The catalog, chrome patterns, lexicons and the rest are data beside the code. Every
process that transforms (each worker, the flow) reads them at start-up; PyYAML's pure-Python
parser took ~0.1 s per process for indicators.yaml alone, libyaml's ~10× less. Both build
the same Python values (the constructor is the same safe one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The document in a UTF-8 YAML file (None when empty); yaml.YAMLError when malformed."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
