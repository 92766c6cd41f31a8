"""``marts.dim_document`` says what each file is: a loaded 决算 with the evidence that placed it,
a loaded budget as a 预算, the template as a 决算 of no department, a corrupt file as
unknown — through the raw layer and dbt (its contract and accepted-values tests included)."""

from __future__ import annotations

import shutil
from pathlib import Path

import goldens
import pytest
from rulekit import build_warehouse, query

from ingestion.inbox import scan_inbox
from ingestion.write import write_quarantine

FIXTURES = Path(__file__).parent / "fixtures"
PUTUO = FIXTURES / "shanghai-putuo-2024" / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf"
BUDGET = FIXTURES / "real" / "shanghai-putuo-social-welfare-home-2024-budget.pdf"
TEMPLATE = FIXTURES / "real" / "shanghai-2024-final-accounts-template.pdf"


@pytest.mark.slow
def test_dim_document_keeps_the_kind_and_the_evidence(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in (PUTUO, BUDGET, TEMPLATE):
        shutil.copy(path, inbox / path.name)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    scan = scan_inbox([inbox])
    accepted = {Path(e.path).name: e for e in scan.accepted}
    assert set(accepted) == {PUTUO.name, BUDGET.name}
    # the budget is a partition of its own, beside the department's 决算 partitions
    assert accepted[BUDGET.name].partition_department == "上海市普陀区社会福利院·预算"
    write_quarantine(scan.quarantined, tmp_path / "raw")

    warehouse = build_warehouse([goldens.extracted(PUTUO), goldens.extracted(BUDGET)], tmp_path)

    rows = query(
        warehouse,
        "select file_name, status, split_part(status_reason, ':', 1) as reason, department_name,"
        " fiscal_year, document_kind, identified_from from marts.dim_document order by file_name",
    )
    assert rows == [
        {
            "file_name": "broken.pdf",
            "status": "quarantined",
            "reason": "corrupt",
            "department_name": None,
            "fiscal_year": None,
            "document_kind": None,
            "identified_from": None,
        },
        {
            "file_name": TEMPLATE.name,
            "status": "quarantined",
            "reason": "unidentified",
            "department_name": None,
            "fiscal_year": None,
            "document_kind": "决算",
            "identified_from": None,
        },
        {
            "file_name": BUDGET.name,
            "status": "loaded",
            "reason": None,
            "department_name": "上海市普陀区社会福利院",
            "fiscal_year": 2024,
            "document_kind": "预算",
            "identified_from": accepted[BUDGET.name].identified_from,
        },
        {
            "file_name": PUTUO.name,
            "status": "loaded",
            "reason": None,
            "department_name": "中共上海市普陀区委社会工作部",
            "fiscal_year": 2024,
            "document_kind": "决算",
            "identified_from": (
                "department: cover, headings; fiscal_year: cover, headings, file_name; "
                "document_kind: cover, headings, file_name"
            ),
        },
    ]
    (budget,) = query(
        warehouse,
        "select layout, tables_found from marts.dim_document where file_name = ?",
        BUDGET.name,
    )
    # what it prints of the budget family (预算表), by the budget's own table codes
    assert budget["layout"] == "budget"
    assert {"B01", "B02", "B03", "B04", "B07", "B08"} <= set(budget["tables_found"])
