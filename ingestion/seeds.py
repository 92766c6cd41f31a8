"""The dbt project's seed tables (种子表) as rows, for the Python that needs the same words.

A dictionary the warehouse keeps as a seed (``dbt_project/seeds/<name>.csv``: the 支出功能分类
and 支出经济分类 科目, the 相关信息统计表 items …) is read from that file here, never typed again:
dbt loads it for the marts, and the extraction reads the same rows.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

# Resolved from this file, as orchestration.settings finds the dbt project: the wheel ships
# dbt_project/seeds/*.csv beside the code packages, in the layout of the checkout, and
# dbt_project/ is a namespace package that importlib.resources could resolve to a user's folder.
SEEDS_DIR = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"


@cache
def seed_rows(name: str) -> tuple[Mapping[str, str], ...]:
    """The rows of seed ``name`` in file order, each a read-only mapping of column to text.

    An empty field is ``""``, as printed in the file (dbt reads it as NULL).
    """
    with (SEEDS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        # Read-only: the cached rows are shared by every caller.
        return tuple(MappingProxyType(row) for row in csv.DictReader(handle))
