"""The published copy of the marts as a Dagster asset (发布副本资产), after every build.

``published/marts`` depends on every mart and seed dbt builds, so it runs only when the dbt
step succeeded: a failed or interrupted build skips it and the previous copy stays as it was.
It reads the working warehouse, so it runs in the ``warehouse`` pool like every other step
that opens the file.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.dbt.assets import WAREHOUSE_POOL, juesuan_dbt_models
from orchestration.publish.copy import PUBLISHED_SCHEMAS, publish_marts
from orchestration.resources import JuesuanPaths

PUBLISHED_ASSET = dg.AssetKey(["published", "marts"])


def published_folder(data_dir: Path | str) -> Path:
    """Where a deployment's published copy lives: ``<data>/published``."""
    return Path(data_dir) / "published"


@dg.asset(
    key=PUBLISHED_ASSET,
    group_name="publish",
    deps=sorted(
        (key for key in juesuan_dbt_models.keys if key.path[0] in PUBLISHED_SCHEMAS),
        key=lambda key: key.to_user_string(),
    ),
    pool=WAREHOUSE_POOL,
    kinds={"duckdb", "parquet"},
)
def published_marts(paths: JuesuanPaths) -> dg.MaterializeResult:
    """The marts and seeds as a read-only DuckDB file and one Parquet file per table, for BI."""
    published = publish_marts(Path(paths.warehouse), published_folder(paths.data_dir))
    table = "\n".join(f"| {name} | {rows} |" for name, rows in published.rows.items())
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(published.database)),
            "parquet": dg.MetadataValue.path(str(published.parquet_dir)),
            "rows": dg.MetadataValue.md("| table | rows |\n|---|---|\n" + table),
            "row_counts": dg.MetadataValue.json(published.rows),
            "bytes": published.database_bytes,
            "parquet_bytes": published.parquet_bytes,
            "seconds": round(published.seconds, 3),
            "dagster/row_count": sum(
                rows for name, rows in published.rows.items() if name.startswith("marts.")
            ),
        }
    )
