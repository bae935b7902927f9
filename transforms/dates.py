"""The one date parser of the project: a date as a page writes it → a valid ISO date, or None.

Pages carry typos (2021-02-30, 2019年13月5日); a date that is not on the calendar is treated
as no date at all, here where it is parsed, so no later stage meets an impossible date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

# A written date: 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日 (spaces allowed between parts).
DATE_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Publication dates outside these years are typos or masks, not dates.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2099


def iso_date(year: str | int, month: str | int, day: str | int) -> str | None:
    """`YYYY-MM-DD` of a calendar date, or None when the parts are not one (2021-02-30)."""
    try:
        found = date(int(year), int(month), int(day))
    except (TypeError, ValueError, OverflowError):
        return None
    if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        return None
    return found.isoformat()


def dates_in(text: str, start: int = 0) -> Iterator[str]:
    """Every valid date written in `text` from `start` on, as ISO dates, in order."""
    for m in DATE_IN_TEXT.finditer(text, start):
        if found := iso_date(*m.groups()):
            yield found


def first_date(text: str, start: int = 0) -> str | None:
    """The first valid date written in `text` from `start` on, as an ISO date."""
    return next(dates_in(text, start), None)


def valid_iso(value: object) -> str | None:
    """`value` if it is an ISO date (YYYY-MM-DD) on the calendar, else None."""
    if isinstance(value, str) and (m := _ISO.fullmatch(value.strip())):
        return iso_date(*m.groups())
    return None


def parse_iso(value: object) -> date | None:
    """The date of an ISO string, or None when it is missing or not a calendar date."""
    checked = valid_iso(value)
    return date.fromisoformat(checked) if checked else None
