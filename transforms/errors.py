"""The base class of every error edureports shows a user as one line.

Each module keeps its own error classes (sources.config.ConfigError, sources.local.SourceNotFound,
warehouse.db.WarehouseError, warehouse.lake.LakeError, …) and derives them from this one, so
the CLI catches them all in one place: one line naming the command and what to do, a non-zero
exit, no traceback. It lives in transforms/ because every layer may import it.
"""

from __future__ import annotations


class EdureportsError(Exception):
    """An error the user can act on (a path, a setting, a query): shown as one line."""
