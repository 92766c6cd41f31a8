"""Jobs (作业): scan the inbox, load one document, build the warehouse."""

from __future__ import annotations

import dagster as dg

from orchestration.ingestion.assets import disclosure_inbox, raw_disclosure
from orchestration.partitions import document_partitions

scan_inbox_job = dg.define_asset_job("scan_inbox", selection=[disclosure_inbox])

load_document_job = dg.define_asset_job(
    "load_document", selection=[raw_disclosure], partitions_def=document_partitions
)

build_warehouse_job = dg.define_asset_job(
    "build_warehouse", selection=dg.AssetSelection.groups("warehouse")
)
