"""Benchmark: every reconciliation check over a generated corpus of documents.

The corpus is the 2023 sample's extracted records copied N times as N departments (every
tenth copy with one printed amount altered, so that findings exist), written to a raw layer.
Then it times what a load runs after extraction: ``dbt build`` (staging, the comparisons of
every rule, the marts and dbt's tests) and the Great Expectations suite over all comparison
rows. Target: under 60 s for 1,000 documents.

    uv run python bench/checks.py [--documents 1000] [--workdir /tmp/juesuan-bench]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DBT_PROJECT = REPO / "dbt_project"


def generate(documents: int, raw: Path) -> int:
    from ingestion.extract import extract_document
    from ingestion.records import ExtractedDocument
    from ingestion.write import write_document

    base = extract_document(REPO / "samples" / "pdf" / "yangquan-commerce-2023.pdf")
    cells = 0
    for n in range(documents):
        department = f"基准部门{n:05d}"
        document_id = hashlib.sha256(department.encode()).hexdigest()

        def own(record, document_id=document_id, **fields):
            return dataclasses.replace(record, document_id=document_id, **fields)

        doc_cells = [own(c) for c in base.cells]
        if n % 10 == 0:  # one published inconsistency in every tenth document
            index = next(i for i, c in enumerate(doc_cells) if c.amount and c.table_code == "T03")
            doc_cells[index] = dataclasses.replace(
                doc_cells[index], amount=doc_cells[index].amount + Decimal("1.00")
            )
        write_document(
            ExtractedDocument(
                document=own(base.document, department_name=department, department_key=department),
                tables=[own(t, department_printed=department) for t in base.tables],
                cells=doc_cells,
                claims=[own(c) for c in base.claims],
                forms=[own(f, department_in_charge=department) for f in base.forms],
                indicators=[own(i) for i in base.indicators],
            ),
            raw,
        )
        cells += len(doc_cells)
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/juesuan-bench"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    raw, warehouse = args.workdir / "raw", args.workdir / "warehouse.duckdb"

    started = time.perf_counter()
    cells = generate(args.documents, raw)
    generated = time.perf_counter() - started

    env = {**os.environ, "JUESUAN_RAW_DIR": str(raw), "JUESUAN_WAREHOUSE": str(warehouse)}

    def dbt(*arguments: str) -> float:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from dbt.cli.main import cli; cli()",
                *arguments,
                "--project-dir",
                str(DBT_PROJECT),
                "--profiles-dir",
                str(DBT_PROJECT),
                "--target-path",
                str(args.workdir / "target"),
                "--quiet",
            ],
            env=env,
            check=True,
            cwd=DBT_PROJECT,
        )
        return time.perf_counter() - started

    # The warehouse a load builds anyway: seeds, staging, the marts other than the findings.
    built = dbt(
        "build",
        "--exclude",
        "int_rule_cells+",
        "int_rule_inputs_cross+",
        "int_rule_inputs_text+",
        "int_rule_inputs_perf+",
        "int_rule_inputs_history+",
        "int_reconciliation_comparisons+",
    )
    # The checks: every rule's comparisons, the findings mart, then the GX suite.
    compared = dbt(
        "run",
        "--select",
        "int_rule_cells",
        "int_rule_inputs_cross",
        "int_rule_inputs_text",
        "int_rule_inputs_perf",
        "int_rule_inputs_history",
        "int_rule_inputs",
        "int_reconciliation_comparisons",
        "fact_reconciliation_finding",
    )

    import duckdb

    from expectations.suite import COMPARISONS_SQL, validate_comparisons

    started = time.perf_counter()
    connection = duckdb.connect(str(warehouse), read_only=True)
    comparisons = connection.sql(COMPARISONS_SQL).df()
    findings = connection.sql(
        "select severity, count(*) from marts.fact_reconciliation_finding group by 1 order by 1"
    ).fetchall()
    connection.close()
    outcomes = validate_comparisons(comparisons)
    validated = time.perf_counter() - started

    print(f"{args.documents} documents, {cells} amount cells, {len(comparisons)} comparisons")
    print(f"  generate raw layer   {generated:7.1f} s (not part of the checks)")
    print(f"  warehouse (no rules) {built:7.1f} s (seeds, staging, marts, their dbt tests)")
    print(f"  rule comparisons     {compared:7.1f} s (every rule's SQL and the findings mart)")
    print(f"  GX suite             {validated:7.1f} s ({len(outcomes)} rules, import included)")
    print(f"  checks total         {compared + validated:7.1f} s (target < 60 s)")
    print(f"  findings by severity {dict(findings)}")
    failed = [o.rule.rule_id for o in outcomes if o.outcome == "fail"]
    print(f"  rules failing somewhere: {', '.join(failed) or 'none'}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dbt = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak RSS             {own:7.0f} MiB (the GX suite's process), {dbt:.0f} MiB (dbt)")


if __name__ == "__main__":
    main()
