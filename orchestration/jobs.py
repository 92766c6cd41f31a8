"""Jobs (作业): scan the inbox, load one document, build the warehouse."""

from __future__ import annotations

import dagster as dg

from orchestration.ingestion.assets import disclosure_inbox, raw_disclosure

scan_inbox_job = dg.define_asset_job("scan_inbox", selection=[disclosure_inbox])

# Partitioned by fiscal year × department, like the raw_disclosure assets it selects.
load_document_job = dg.define_asset_job("load_document", selection=[raw_disclosure])

build_warehouse_job = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.groups("warehouse")
)
