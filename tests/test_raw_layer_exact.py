"""Every figure reaches the raw layer exactly through the load path (the raw_disclosure asset).

The golden tests check extraction against hand-read and published values; this checks that what
the ``raw_disclosure`` asset writes to Parquet — DECIMAL(20,6) amounts, printed text, state —
is exactly what was extracted, for every golden PDF: both samples, the real Shanghai
disclosure, and the spreadsheet and 元 variants.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import goldens
import pytest

from orchestration.ingestion.assets import disclosure_inbox, raw_disclosure
from orchestration.partitions import document_partition_key
from orchestration.resources import JuesuanPaths

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = [
    ROOT / "samples" / "pdf" / "yangquan-commerce-2023.pdf",
    ROOT / "samples" / "pdf" / "yangquan-commerce-2022.pdf",
    ROOT
    / "tests"
    / "fixtures"
    / "shanghai-putuo-2024"
    / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf",
    ROOT / "tests" / "fixtures" / "variants" / "yangquan-commerce-2023-spreadsheet.pdf",
    ROOT / "tests" / "fixtures" / "variants" / "yangquan-commerce-2023-yuan.pdf",
]
KEY = ("table_code", "page", "row_index", "side", "subject_code", "row_label", "column_key")


@pytest.mark.parametrize("pdf", GOLDEN, ids=lambda p: p.stem)
def test_the_raw_layer_holds_every_extracted_figure_exactly(tmp_path, pdf):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(pdf, inbox)
    paths = JuesuanPaths(
        warehouse=str(tmp_path / "w.duckdb"), data_dir=str(tmp_path / "data"), inbox=[str(inbox)]
    )
    instance = dg.DagsterInstance.ephemeral()
    assert dg.materialize([disclosure_inbox], resources={"paths": paths}, instance=instance).success
    extracted = goldens.extracted(pdf)
    key = document_partition_key(extracted.document.fiscal_year, extracted.document.department_key)
    loaded = dg.materialize(
        [raw_disclosure], partition_key=key, resources={"paths": paths}, instance=instance
    )
    assert loaded.success

    pattern = str(paths.raw_dir / "amount_cell" / "*" / "*" / "*.parquet")
    columns = ", ".join((*KEY, "printed_text", "amount", "amount_state"))
    rows = duckdb.sql(f"select {columns} from read_parquet('{pattern}')").fetchall()
    written = {row[: len(KEY)]: row[len(KEY) :] for row in rows}
    expected = {
        tuple(getattr(c, k) for k in KEY): (c.printed_text, c.amount, c.amount_state)
        for c in extracted.cells
    }
    assert len(rows) == len(extracted.cells) == len(expected)
    assert written == expected
    assert sum(1 for _, amount, _ in written.values() if amount is not None) > 40
