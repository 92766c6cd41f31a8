"""Build a warehouse from altered copies of the sample's records, for the rule tests.

Rendering and loading a PDF per altered figure would take minutes; the rules read only the raw
layer, so the tests start from the sample's extracted records (a real extraction of the real
sample PDF), change the printed figures a rule looks at, write them as new documents (one
department each) and run ``dbt build`` once over all of them.

    doc = altered(sample(2023), "改T03", cell("T03", "2011301", "total", "692.49"))
    warehouse = build_warehouse([sample(2023), doc], tmp_path)
    rows = comparisons(warehouse, "T03-ROW")
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

import duckdb
from goldens import extracted

from ingestion.amounts import parse_amount
from ingestion.records import AmountCell, ExtractedDocument
from ingestion.write import write_document

REPO = Path(__file__).resolve().parents[1]
DBT_PROJECT = REPO / "dbt_project"
Change = Callable[[ExtractedDocument], ExtractedDocument]
# The within-one-table rules of a budget (部门预算), tested in test_rules_budget.py.
BUDGET_RULES = ("B01-BAL", "B04-BAL", "B03-ROW", "B07-ROW", "B08-ROW", "B-HIER")


@cache
def sample(year: int = 2023) -> ExtractedDocument:
    """The bundled sample disclosure of that year, as extracted."""
    return extracted(REPO / "samples" / "pdf" / f"yangquan-commerce-{year}.pdf")


def altered(base: ExtractedDocument, department: str, *changes: Change) -> ExtractedDocument:
    """A copy of ``base`` as another department's document, with ``changes`` applied in order."""
    document_id = hashlib.sha256(f"{base.document.document_id}/{department}".encode()).hexdigest()
    old_name = base.document.department_name

    def renamed(name: str | None) -> str | None:
        """The department's name wherever the document prints it (cover, tables, forms)."""
        return department if name == old_name else name

    doc = ExtractedDocument(
        document=dataclasses.replace(
            base.document,
            document_id=document_id,
            department_name=department,
            department_key=department,
        ),
        tables=[
            dataclasses.replace(
                t, document_id=document_id, department_printed=renamed(t.department_printed)
            )
            for t in base.tables
        ],
        cells=[dataclasses.replace(c, document_id=document_id) for c in base.cells],
        claims=[
            dataclasses.replace(
                c,
                document_id=document_id,
                printed=renamed(c.printed) if c.claim_kind == "department_name" else c.printed,
            )
            for c in base.claims
        ],
        forms=[
            dataclasses.replace(
                f,
                document_id=document_id,
                department_in_charge=renamed(f.department_in_charge),
                implementing_unit=renamed(f.implementing_unit),
            )
            for f in base.forms
        ],
        indicators=[dataclasses.replace(i, document_id=document_id) for i in base.indicators],
    )
    for change in changes:
        doc = change(doc)
    return doc


def cell(table: str, row: str, column: str, printed: str, side: str | None = None) -> Change:
    """Reprint one amount cell: ``row`` is a subject code, 'TOTAL' or a line label."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        hits = [i for i, c in enumerate(doc.cells) if _matches(c, table, row, column, side)]
        assert len(hits) == 1, f"{table} {row} {column} {side}: {len(hits)} cells"
        old = doc.cells[hits[0]]
        parsed = parse_amount(printed)  # the samples print 万元, so no conversion
        doc.cells[hits[0]] = dataclasses.replace(
            old, printed_text=printed, amount=parsed.value, amount_state=parsed.state.value
        )
        return doc

    return change


def replace(attribute: str, index: int, **fields: object) -> Change:
    """Change fields of one claim, form or indicator (by position in its list)."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        items = getattr(doc, attribute)
        items[index] = dataclasses.replace(items[index], **fields)
        return doc

    return change


def _matches(c: AmountCell, table: str, row: str, column: str, side: str | None) -> bool:
    key = (
        "TOTAL"
        if c.row_kind == "total" and c.subject_code is None and table != "T06"
        else (c.subject_code or c.row_label)
    )
    return (
        c.table_code == table
        and row in (key, c.row_label)
        and c.column_key == column
        and (side is None or c.side == side)
    )


def build_warehouse(documents: list[ExtractedDocument], workdir: Path) -> Path:
    """Write the documents' raw layer under ``workdir`` and build the warehouse with dbt."""
    raw = workdir / "raw"
    for doc in documents:
        write_document(doc, raw)
    return dbt_build(workdir, {"JUESUAN_RAW_DIR": str(raw)})


def dbt_build(workdir: Path, variables: Mapping[str, str]) -> Path:
    """``dbt build`` of the raw layer ``variables`` name into ``workdir``'s warehouse.

    The profile names no path (the warehouse plugin attaches it), so every build starts from
    one parse of the project (:func:`parse_state`) instead of parsing it again (seconds a build).
    """
    warehouse = workdir / "warehouse.duckdb"
    env = {
        **os.environ,
        "JUESUAN_WAREHOUSE": str(warehouse),
        **variables,
        "DBT_LOG_PATH": str(workdir / "dbt-logs"),
    }
    target = workdir / "dbt-target"
    target.mkdir(exist_ok=True)
    shutil.copy(parse_state(), target / PARSE_STATE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dbt.cli.main",
            "build",
            "--project-dir",
            str(DBT_PROJECT),
            "--profiles-dir",
            str(DBT_PROJECT),
            "--target-path",
            str(target),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=workdir,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    return warehouse


PARSE_STATE = "partial_parse.msgpack"


@cache
def parse_state() -> Path:
    """dbt's parse of the project, made once per test process (dbt parses again by itself
    whenever a file changed)."""
    folder = Path(tempfile.mkdtemp(prefix="juesuan-dbt-parse-"))
    env = {**os.environ, "JUESUAN_WAREHOUSE": "warehouse.duckdb", "JUESUAN_RAW_DIR": "raw"}
    env["DBT_LOG_PATH"] = str(folder / "logs")
    subprocess.run(
        [sys.executable, "-m", "dbt.cli.main", "parse", "--project-dir", str(DBT_PROJECT),
         "--profiles-dir", str(DBT_PROJECT), "--target-path", str(folder / "target")],
        env=env, capture_output=True, text=True, check=True, cwd=folder,
    )  # fmt: skip
    return folder / "target" / PARSE_STATE


def query(warehouse: Path, sql: str, *params: object) -> list[dict]:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        cursor = connection.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.close()


def comparisons(warehouse: Path, rule_id: str, department: str | None = None) -> list[dict]:
    """The rule's comparison rows (intermediate.int_reconciliation_comparisons)."""
    return query(
        warehouse,
        """
        select c.*, d.department_key
        from intermediate.int_reconciliation_comparisons c
        join staging.stg_document d using (document_id)
        where c.rule_id = ? and (? is null or d.department_key = ?)
        order by c.tables, c.row_key, c.column_key
        """,
        rule_id,
        department,
        department,
    )


def failures(warehouse: Path, department: str) -> list[tuple[str, str, str, Decimal | None]]:
    """(rule, row, column, difference) of every fail of a department's document."""
    rows = query(
        warehouse,
        """
        select c.rule_id, c.row_key, c.column_key, c.difference
        from intermediate.int_reconciliation_comparisons c
        join staging.stg_document d using (document_id)
        where d.department_key = ? and c.outcome = 'fail' order by all
        """,
        department,
    )
    return [(r["rule_id"], r["row_key"], r["column_key"], r["difference"]) for r in rows]
