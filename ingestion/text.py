"""Text normalisation shared by every matcher (文本规范化).

Real documents mix full-width and half-width forms, wrap words across lines inside cells and
pad titles with spaces ("公开 01 表"); matching is done on the normalised form while the printed
text is kept alongside.
"""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """NFKC-fold ``text`` and drop every whitespace character (line wraps included)."""
    if not text:
        return ""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def compact(text: str | None) -> str:
    """The printed text without its whitespace (line wraps inside a cell): what is stored."""
    return _WHITESPACE.sub("", text or "")


# Characters a partition key cannot carry: Dagster joins the dimensions of a key with "|",
# and control characters have no business in a name.
_KEY_UNSAFE = re.compile(r"[|\x00-\x1f\x7f]")


def department_key(name: str) -> str:
    """The stable key of a department name: NFKC, no whitespace, no brackets' width games,
    "|" written "¦" (it separates the dimensions of a partition key)."""
    return _KEY_UNSAFE.sub(lambda m: "¦" if m.group(0) == "|" else "", normalise(name))


def path_segment(name: str) -> str:
    """``name`` as one folder name that stays where it is put: separators written full-width
    (／ ＼), a name of dots or a leading dot made visible, never ``..`` or ``.``."""
    segment = name.replace("/", "／").replace("\\", "＼").replace("\x00", "")
    if segment.startswith("."):
        segment = "．" + segment[1:]
    return segment or "_"


# 二〇二四 / 二零二四 / 二○二四: covers print the year in Chinese numerals as often as in digits.
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_CHINESE_YEAR = re.compile("二[〇○零][〇○零一二三四五六七八九]{2}")


def arabic_years(text: str) -> str:
    """``text`` with every Chinese-numeral year of this century (二〇二四) written 2024.

    Only four-numeral runs that start 二〇 (二零, 二○) are rewritten, so no other number changes.
    """
    return _CHINESE_YEAR.sub(lambda m: m.group(0).translate(_CHINESE_DIGITS), text)
