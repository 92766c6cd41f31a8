"""The across-documents rules (family history) of int_rule_inputs_history.

One warehouse holds the clean 2022 and 2023 samples of 阳泉市商务局 (one department, two years)
and, as other departments, copies of them with printed figures changed (see rulekit):

- HIST-YOY: every change against 2022 the 2023 narrative states (16, each naming a table cell)
  equals the 2023 cell minus the 2022 cell exactly; the 2022 document has no 2021 to compare
  with, and a 2023 copy loaded without its 2022 gets no HIST-YOY row at all (no flood of
  insufficient_data in a warehouse of single years).
- DOC-IDENTITY: the cover's 阳泉市商务局 and year are printed above all ten tables and as every
  form's 主管部门 (24 comparisons in 2022, 34 in 2023), all equal.
- DOC-COMPLETE: the ten tables of the Shanxi layout are all present (公开07/08表 and, in 2023,
  公开09表 declared empty: present).
Nothing of these is a finding on the clean samples.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from rulekit import altered, build_warehouse, cell, comparisons, query, replace, sample

from ingestion.records import ExtractedDocument, NarrativeClaim

CLEAN = "阳泉市商务局"
HISTORY = "历史改"  # a department with both years, its 2022 figures changed
IDENTITY = "改DOC-IDENTITY"
COMPLETE = "改DOC-COMPLETE"
ALONE = "只有2023"  # a 2023 copy without its 2022
CUT = "阳泉市截断局"  # the name above a table cut by its cell
VARIANT = "阳泉市规划和自然资源局"  # named in other words by tables and the narrative


def table_index(doc: ExtractedDocument, table: str) -> int:
    (index,) = [i for i, t in enumerate(doc.tables) if t.table_code == table]
    return index


def naming(page: int, name: str, section: str = "narrative"):
    """The text names the department on ``page`` (a part heading or a narrative opener)."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        claim = NarrativeClaim(
            document_id=doc.document.document_id, page=page, section=section,
            sentence=f"{name}2023年度收入总计1,710.18万元。", claim_kind="department_name",
            subject="document.department", value=None, unit="", direction=None, printed=name,
            refers_table=None, refers_row=None, refers_column=None,
        )  # fmt: skip
        doc.claims.append(claim)
        return doc

    return change


def without_table(table: str):
    """The layout requires the table but the document does not print it."""

    def change(doc: ExtractedDocument) -> ExtractedDocument:
        found = tuple(t for t in doc.document.tables_found if t != table)
        return dataclasses.replace(
            doc,
            document=dataclasses.replace(
                doc.document,
                tables_found=found,
                tables_missing=(*doc.document.tables_missing, table),
            ),
            tables=[t for t in doc.tables if t.table_code != table],
            cells=[c for c in doc.cells if c.table_code != table],
        )

    return change


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    s23 = sample(2023)
    documents = [
        sample(2022),
        s23,
        # 2022: 机关运行经费 (公开10表 (一)行政单位) printed 80.04 instead of 84.04, and the
        # 社会保障和就业支出 类 of 公开05表 unreadable; 2023 unchanged
        altered(
            sample(2022),
            HISTORY,
            cell("T10", "(一)行政单位", "value", "80.04"),
            cell("T05", "208", "total", "64.6O"),
        ),
        altered(s23, HISTORY),
        # 公开05表 printed for 2022, 公开09表 for another department, form 1's 主管部门 another one
        altered(
            s23,
            IDENTITY,
            replace("tables", table_index(s23, "T05"), year_printed=2022),
            replace("tables", table_index(s23, "T09"), department_printed="阳泉市商务厅"),
            replace("forms", 0, department_in_charge="阳泉市发展和改革委员会"),
        ),
        altered(s23, COMPLETE, without_table("T10")),
        # 公开05表's 单位名称 cell shows only the name's first character
        altered(s23, CUT, replace("tables", table_index(s23, "T05"), department_printed="阳")),
        # the region left out above 公开03表, 与 for 和 above 公开04表 and in a narrative opener;
        # a narrative opener naming another department
        altered(
            s23,
            VARIANT,
            replace("tables", table_index(s23, "T03"), department_printed="规划和自然资源局"),
            replace("tables", table_index(s23, "T04"), department_printed="阳泉市规划与自然资源局"),
            naming(18, "阳泉市规划与自然资源局"),
            naming(19, "阳泉市住房和城乡建设局"),
        ),
        altered(s23, ALONE),
    ]
    return build_warehouse(documents, tmp_path_factory.mktemp("history"))


def documents_of(warehouse: Path, rule: str, department: str) -> dict[int, list[dict]]:
    years = dict(
        (r["document_id"], r["fiscal_year"])
        for r in query(warehouse, "select document_id, fiscal_year from staging.stg_document")
    )
    rows: dict[int, list[dict]] = {}
    for r in comparisons(warehouse, rule, department):
        rows.setdefault(years[r["document_id"]], []).append(r)
    return rows


def test_clean_changes_against_last_year_hold_exactly(warehouse):
    rows = documents_of(warehouse, "HIST-YOY", CLEAN)
    assert list(rows) == [2023]  # 2022 has no 2021 loaded
    assert len(rows[2023]) == 16
    assert {(r["outcome"], r["difference"]) for r in rows[2023]} == {("pass", Decimal(0))}
    got = {r["row_key"]: r for r in rows[2023]}
    # 2023 情况说明: 一般公共服务支出 较2022年决算减少95.05万元 = T05 201 708.08 − 803.13
    general = got["gpb.class:201"]
    assert (general["column_key"], general["expected"], general["actual"]) == (
        "change_amount@p19", Decimal("-95.05"), Decimal("-95.05"),
    )  # fmt: skip
    assert general["source_pages"] == [11, 19]  # T05 p11 (both years), narrative p19
    # 与上年相同 is a change of 0; 公开09表 2023 says 本表无数据 (0) against 0.00 in 2022
    assert got["three_public.overseas"]["expected"] == Decimal(0)
    # 三公 接待费 减少0.08万元: 本表无数据 (0) − 0.08
    assert got["three_public.reception"]["expected"] == Decimal("-0.08")
    assert set(got) == {
        "income.total", "expenditure.total", "appropriation.income_total",
        "appropriation.expenditure_total", "gpb.expenditure_total", "gpb.class:201",
        "gpb.class:208", "gpb.class:210", "gpb.class:216", "gpb.class:221",
        "three_public.total", "three_public.overseas", "three_public.vehicle_purchase",
        "three_public.vehicle_operation", "three_public.reception", "org_running_cost",
    }  # fmt: skip


def test_clean_identity_and_completeness(warehouse):
    identity = documents_of(warehouse, "DOC-IDENTITY", CLEAN)
    assert (len(identity[2022]), len(identity[2023])) == (24, 34)
    complete = documents_of(warehouse, "DOC-COMPLETE", CLEAN)
    assert (len(complete[2022]), len(complete[2023])) == (10, 10)
    for rows in (*identity.values(), *complete.values()):
        assert {(r["outcome"], r["difference"]) for r in rows} == {("pass", Decimal(0))}
    year = {(r["row_key"], r["column_key"]): r for r in identity[2023]}[("T05", "fiscal_year")]
    assert (year["expected"], year["actual"], year["source_pages"]) == (
        Decimal(2023), Decimal(2023), [1, 11],
    )  # fmt: skip
    findings = query(
        warehouse,
        "select * from marts.fact_reconciliation_finding "
        "where family = 'history' and department_id = ?",
        CLEAN,
    )
    assert findings == []


def test_no_previous_year_no_comparison(warehouse):
    assert comparisons(warehouse, "HIST-YOY", ALONE) == []
    assert comparisons(warehouse, "HIST-YOY", IDENTITY) == []


def test_a_changed_figure_of_last_year_fails_hist_yoy(warehouse):
    rows = {r["row_key"]: r for r in documents_of(warehouse, "HIST-YOY", HISTORY)[2023]}
    # 2023: 机关运行经费 比2022年减少24.41万元; the tables now say 59.63 − 80.04 = −20.41
    running = rows["org_running_cost"]
    assert (
        running["outcome"], running["column_key"], running["expected"], running["actual"],
        running["difference"], running["tolerance"], running["source_pages"],
    ) == (
        "fail", "change_amount@p20", Decimal("-20.41"), Decimal("-24.41"), Decimal("-4.00"),
        Decimal("0.01"), [17, 20],
    )  # fmt: skip
    # last year's cell is unreadable: insufficient_data, never a fail
    social = rows["gpb.class:208"]
    assert social["outcome"] == "insufficient_data"
    assert "unreadable cell T05(2022) p11 208/total" in social["input_reason"]
    others = {k: r["outcome"] for k, r in rows.items()}
    del others["org_running_cost"], others["gpb.class:208"]
    assert set(others.values()) == {"pass"}
    findings = query(
        warehouse,
        """
        select rule_id, severity, outcome, tables, row_key, column_key, source_pages
        from marts.fact_reconciliation_finding
        where department_id = ? and rule_id = 'HIST-YOY' order by row_key
        """,
        HISTORY,
    )
    assert [tuple(f.values()) for f in findings] == [
        ("HIST-YOY", "warning", "insufficient_data", "narrative,T05", "gpb.class:208",
         "change_amount@p19", [11, 19]),
        ("HIST-YOY", "warning", "fail", "narrative,T10", "org_running_cost",
         "change_amount@p20", [17, 20]),
    ]  # fmt: skip


def test_a_table_of_another_year_or_department_fails_doc_identity(warehouse):
    fails = {
        (r["row_key"], r["column_key"]): (r["expected"], r["actual"], r["source_pages"])
        for r in comparisons(warehouse, "DOC-IDENTITY", IDENTITY)
        if r["outcome"] == "fail"
    }
    assert fails == {
        ("T05", "fiscal_year"): (Decimal(2023), Decimal(2022), [1, 11]),
        ("T09", "department"): (Decimal(1), Decimal(0), [1, 16]),
        ("form 1", "department"): (Decimal(1), Decimal(0), [1, 23]),
    }
    findings = {
        (f["row_key"], f["column_key"]): f
        for f in query(
            warehouse,
            """
            select row_key, column_key, severity, outcome, row_label, source_pages
            from marts.fact_reconciliation_finding
            where department_id = ? and rule_id = 'DOC-IDENTITY'
            """,
            IDENTITY,
        )
    }
    assert set(findings) == set(fails)
    assert {(f["severity"], f["outcome"]) for f in findings.values()} == {("error", "fail")}
    assert findings[("T09", "department")]["row_label"] == (
        "公开09表 财政拨款“三公”经费支出决算表："
        "封面 “改DOC-IDENTITY”（第1页） / 印 “阳泉市商务厅”（第16页）"
    )
    assert findings[("T05", "fiscal_year")]["source_pages"] == [1, 11]


def test_a_missing_table_fails_doc_complete(warehouse):
    rows = comparisons(warehouse, "DOC-COMPLETE", COMPLETE)
    assert len(rows) == 10
    (fail,) = [r for r in rows if r["outcome"] == "fail"]
    assert (fail["row_key"], fail["column_key"], fail["expected"], fail["actual"]) == (
        "T10", "present", Decimal(1), Decimal(0),
    )  # fmt: skip
    findings = query(
        warehouse,
        """
        select rule_id, severity, outcome, row_key, row_label, source_pages
        from marts.fact_reconciliation_finding
        where department_id = ? and rule_id = 'DOC-COMPLETE'
        """,
        COMPLETE,
    )
    assert [tuple(f.values()) for f in findings] == [
        ("DOC-COMPLETE", "error", "fail", "T10",
         "部门决算公开相关信息统计表（未找到，版式 shanxi 要求此表）", []),
    ]  # fmt: skip


def test_a_name_cut_by_its_cell_is_insufficient_data_never_an_error(warehouse):
    rows = {(r["row_key"], r["column_key"]): r for r in comparisons(warehouse, "DOC-IDENTITY", CUT)}
    cut = rows[("T05", "department")]
    assert cut["outcome"] == "insufficient_data"
    assert "“阳”（第11页）是封面 “阳泉市截断局” 的开头" in cut["input_reason"]
    assert {r["outcome"] for k, r in rows.items() if k != ("T05", "department")} == {"pass"}
    findings = query(
        warehouse,
        "select rule_id, severity, outcome, row_key from marts.fact_reconciliation_finding "
        "where department_id = ? and family = 'history'",
        CUT,
    )
    assert [tuple(f.values()) for f in findings] == [
        ("DOC-IDENTITY", "warning", "insufficient_data", "T05")
    ]


def test_the_same_department_in_other_words_is_a_doc_name_warning(warehouse):
    findings = query(
        warehouse,
        """
        select rule_id, severity, outcome, row_key, row_label, source_pages
        from marts.fact_reconciliation_finding
        where department_id = ? and family = 'history' order by rule_id, row_key
        """,
        VARIANT,
    )
    got = [(f["rule_id"], f["severity"], f["outcome"], f["row_key"]) for f in findings]
    assert got == [
        # another department named by the narrative is an error
        ("DOC-IDENTITY", "error", "fail", "narrative p19"),
        # the region left out (T03), 与 for 和 (T04 and the narrative): the same department
        ("DOC-NAME", "warning", "fail", "T03"),
        ("DOC-NAME", "warning", "fail", "T04"),
        ("DOC-NAME", "warning", "fail", "narrative p18"),
    ]
    by_row = {f["row_key"]: f for f in findings}
    assert by_row["T03"]["row_label"] == (
        "公开03表 支出决算表："
        "封面 “阳泉市规划和自然资源局”（第1页） / 印 “规划和自然资源局”（第8页）"
    )
    assert by_row["narrative p18"]["source_pages"] == [1, 18]
    assert "阳泉市住房和城乡建设局" in by_row["narrative p19"]["row_label"]
    # a variant is not also an identity error
    named = {
        r["row_key"]
        for r in comparisons(warehouse, "DOC-IDENTITY", VARIANT)
        if r["column_key"] == "department"
    }
    assert not named & {"T03", "T04", "narrative p18"}
    assert "narrative p19" in named
