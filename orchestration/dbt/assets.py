"""dbt models as Dagster assets (dbt 资产): staging → intermediate → marts.

Each dbt source over the raw Parquet layer is the ``raw/<record>`` asset that writes it, so
the graph reads PDF → raw → staging → marts. dbt is the single writer of the warehouse file and
runs in the ``warehouse`` pool, like every other step that opens it.
"""

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.dbt.project import dbt_project

WAREHOUSE_POOL = "warehouse"


class JuesuanTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            if dbt_resource_props["name"] == "quarantine":
                return dg.AssetKey("disclosure_inbox")  # the inbox scan writes the list
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        schema = dbt_resource_props.get("config", {}).get("schema") or "main"
        return dg.AssetKey([schema, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "warehouse"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=JuesuanTranslator(),
    pool=WAREHOUSE_POOL,
)
def juesuan_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Build and test every model and seed (``dbt build``)."""
    yield from dbt.cli(["build"], context=context).stream()
