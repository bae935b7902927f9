"""Chinese numerals: 三十五 → 35, 两万 → 20000, 一百零五 → 105 (figures, headings, lists)."""

from __future__ import annotations

import re
from decimal import Decimal

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
"""Every character a Chinese numeral may hold."""


def parse_chinese_numeral(s: str) -> int | None:
    """Integer value of a Chinese numeral (三十五 → 35, 两万 → 20000, 一百零五 → 105).

    None when the string is not a well-formed numeral (e.g. digit runs like 二〇二〇).
    """
    if not s or any(ch not in CN_CHARS for ch in s):
        return None
    yi = wan = section = 0
    digit: int | None = None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit:  # two non-zero digits in a row: a year or code, not a count
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch == "万":
            wan = (section + (digit or 0)) or 1
            section, digit = 0, None
        else:  # 亿
            yi = (wan * 10_000 + section + (digit or 0)) or 1
            wan, section, digit = 0, 0, None
    return yi * 100_000_000 + wan * 10_000 + section + (digit or 0)


CN_POINT = "点"
"""The decimal point of a numeral written in words (九十五点二)."""


def parse_chinese_decimal(s: str) -> Decimal | None:
    """Value of a Chinese numeral with a decimal part (九十五点二 → 95.2, 零点五 → 0.5), or of
    one without (三十五 → 35); None when it is not well formed."""
    whole, point, frac = s.partition(CN_POINT)
    value = 0 if whole in ("零", "〇") else parse_chinese_numeral(whole)
    if value is None or (point and not frac):
        return None
    if any(ch not in _CN_DIGITS for ch in frac):
        return None
    return Decimal(f"{value}.{''.join(str(_CN_DIGITS[ch]) for ch in frac)}" if frac else value)


# A year written digit by digit (二〇一五年, 一九九八年, 二○二三年 with a white circle for zero)
_YEAR_DIGITS = "〇○零一二三四五六七八九"
_YEAR_IN_WORDS = re.compile(rf"(?:一九|二[〇○零])[{_YEAR_DIGITS}]{{2}}(?=年)")
_AS_DIGITS = str.maketrans(_YEAR_DIGITS, "000123456789")


def years_as_digits(text: str) -> str:
    """Years written in Chinese digits as Arabic ones, one character for one (二〇一五年 →
    2015年), so that a year reads the same however a page writes it."""
    if "〇" not in text and "○" not in text and "零" not in text and "一九" not in text:
        return text
    return _YEAR_IN_WORDS.sub(lambda m: m.group().translate(_AS_DIGITS), text)
