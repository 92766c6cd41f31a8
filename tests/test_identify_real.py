"""Every real published PDF we hold is identified as its cover (read by hand) says.

Twelve 部门预算 (budgets) of Jiangsu and Shanghai, the official Shanghai 2024 决算 template and a
real Shanghai 2024 决算: see ``tests/fixtures/real/SOURCE.md`` for where each comes from and what
its cover prints. Budgets are refused with their own reason; the template is a 决算 of no
department; the real 决算 loads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingestion.errors import DisclosureRejected, RejectionReason
from ingestion.identify import Identification, Source, identify, read_identification
from ingestion.inbox import read_registry, scan_inbox, write_registry
from ingestion.pdf import open_disclosure

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
PUTUO = FIXTURES / "shanghai-putuo-2024" / "shanghai-putuo-social-work-dept-2024-final-accounts.pdf"
TEMPLATE = REAL / "shanghai-2024-final-accounts-template.pdf"

GAOYUAN, JIANCHAYUAN, ZHENGXIE = "江苏省高级人民法院", "江苏省人民检察院", "江苏省政协办公厅"
# file: (department, fiscal year, kind, unit kind); the truth as read from the rendered pages.
BUDGETS = {
    "jiangsu-gaoyuan_2017_budget.pdf": (GAOYUAN, 2017, "预算", "部门"),
    "jiangsu-gaoyuan_2018_budget.pdf": (GAOYUAN, 2018, "预算", None),  # 预算公开: neither word
    "jiangsu-gaoyuan_2019_budget.pdf": (GAOYUAN, 2019, "预算", "部门"),
    "jiangsu-jianchayuan_2017_budget.pdf": (JIANCHAYUAN, 2017, "预算", "部门"),
    "jiangsu-jianchayuan_2018_budget.pdf": (JIANCHAYUAN, 2018, "预算", "部门"),
    "jiangsu-jianchayuan_2019_budget.pdf": (JIANCHAYUAN, 2019, "预算", "部门"),
    "jiangsu-zhengxie_2017_budget.pdf": (ZHENGXIE, 2017, "预算", "部门"),
    "jiangsu-zhengxie_2018_budget.pdf": (ZHENGXIE, 2018, "预算", "部门"),
    "jiangsu-zhengxie_2018_budget_tables.pdf": (ZHENGXIE, 2018, "预算", None),
    "jiangsu-zhengxie_2019_budget.pdf": (ZHENGXIE, 2019, "预算", "部门"),
    "shanghai-putuo-finance-bureau-2025-budget.pdf": ("上海市普陀区财政局", 2025, "预算", "部门"),
    "shanghai-putuo-social-welfare-home-2024-budget.pdf": (
        "上海市普陀区社会福利院",
        2024,
        "预算",
        "单位",
    ),
}


def _read(path: Path) -> Identification:
    with open_disclosure(path) as document:
        return read_identification(document)


@pytest.mark.parametrize("name", list(BUDGETS))
def test_each_budget_is_identified_with_department_year_and_kind(name):
    found = _read(REAL / name)
    facts = (found.department.value, found.fiscal_year.value, found.document_kind.value)
    assert (*facts, found.unit_kind) == BUDGETS[name]
    # Never by weak evidence alone: some non-weak source agrees with each fact.
    for finding in (found.department, found.fiscal_year, found.kind):
        assert set(finding.sources) - {Source.TITLE, Source.FILE_NAME}, finding


@pytest.mark.parametrize("name", list(BUDGETS))
def test_each_budget_is_refused_as_a_budget(name):
    department, year, _, _ = BUDGETS[name]
    with pytest.raises(DisclosureRejected) as refused:
        identify(REAL / name)
    assert refused.value.reason is RejectionReason.BUDGET
    assert refused.value.document_kind == "预算"
    message = refused.value.message
    assert message.startswith(f"budget document (预算) department {department} from ")
    assert f"year {year} from " in message
    assert message.endswith(": budgets are not supported yet")


def test_a_cover_without_text_layer_is_made_up_by_narrative_headings_and_title():
    """zhengxie 2019: page 1's text is only "- 1 -" (the cover is drawn); the narrative names
    the department, the stale metadata Title (…2015年度部门预算) confirms the name but its year
    is outvoted by the headings and the narrative."""
    found = _read(REAL / "jiangsu-zhengxie_2019_budget.pdf")
    assert found.department.sources == (Source.NARRATIVE, Source.TITLE)
    assert found.fiscal_year.value == 2019
    assert Source.TITLE not in found.fiscal_year.sources


def test_a_tables_only_release_is_identified_from_its_table_lines():
    """部门：江苏省政协办公厅 单位：万元 above each table, 2018年政府采购预算表 for the year."""
    found = _read(REAL / "jiangsu-zhengxie_2018_budget_tables.pdf")
    assert found.department.sources == (Source.TABLES,)
    assert found.fiscal_year.sources == (Source.TABLES, Source.FILE_NAME)
    assert found.kind.sources[0] is Source.TABLES


def test_a_publication_date_on_the_cover_is_not_the_fiscal_year():
    """gaoyuan 2018's cover ends with 2018 年 2 月 24 日: the date is dropped, not read as a
    second year that would leave the cover's year ambiguous."""
    found = _read(REAL / "jiangsu-gaoyuan_2018_budget.pdf")
    assert found.fiscal_year.value == 2018
    assert found.fiscal_year.sources[0] is Source.COVER


def test_a_cover_that_titles_the_collection_takes_the_department_from_its_label():
    """上海市普陀区2025年区级部门预算 / 预算主管部门：上海市普陀区财政局."""
    found = _read(REAL / "shanghai-putuo-finance-bureau-2025-budget.pdf")
    assert found.department.value == "上海市普陀区财政局"
    assert found.department.sources[0] is Source.COVER
    assert found.department.rivals == ()


def test_the_template_is_a_final_accounts_of_no_department():
    """上海市 XX 局 is a placeholder: the template is a 决算 (cover, headings, nine tables), but
    loading it would invent a department, so it is quarantined as unidentified."""
    found = _read(TEMPLATE)
    assert (found.department.value, found.fiscal_year.value) == (None, 2024)
    assert found.document_kind.value == "决算"
    with pytest.raises(DisclosureRejected) as refused:
        identify(TEMPLATE)
    assert refused.value.reason is RejectionReason.UNIDENTIFIED
    assert refused.value.document_kind == "决算"
    message = refused.value.message
    assert message.startswith(
        "department unknown (a template: it prints the placeholder 上海市XX局"
    )
    assert "year 2024 from cover, headings" in message
    assert message.endswith("tables recognised: T01, T02, T03, T04, T05, T06, T09, T07, T08")


def test_the_real_shanghai_final_accounts_is_identified_and_accepted():
    identity = identify(PUTUO)
    assert (identity.department_name, identity.fiscal_year) == (
        "中共上海市普陀区委社会工作部",
        2024,
    )
    assert (identity.document_kind, identity.unit_kind) == ("决算", "部门")
    # Its metadata Title (附件2：预算主管部门公开样张) is junk and says nothing: no 预算 from it.
    assert identity.identified_from == (
        "department: cover, headings; fiscal_year: cover, headings, file_name; "
        "document_kind: cover, headings, file_name"
    )


def test_identification_reads_only_as_far_as_it_needs():
    """The cover and the 目录's 第二部分 heading settle the Shanghai 决算 on page 2 of 24."""
    assert _read(PUTUO).pages_read == 2


def test_an_inbox_of_real_files_loads_the_final_accounts_and_the_budgets(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in [*REAL.glob("*.pdf"), PUTUO]:
        shutil.copy(path, inbox / path.name)

    scan = scan_inbox([inbox])

    accepted = {
        e.file_name: (e.department_name, e.fiscal_year, e.document_kind) for e in scan.accepted
    }
    assert accepted == {
        PUTUO.name: ("中共上海市普陀区委社会工作部", 2024, "决算"),
        **{name: facts[:3] for name, facts in BUDGETS.items()},
    }
    # each budget is the partition of its department and year apart from the 决算's; the
    # tables-only release of 2018 is the other candidate of 江苏省政协办公厅's 2018 budget
    ranks = {e.file_name: (e.partition_department, e.rank) for e in scan.accepted}
    assert ranks["jiangsu-zhengxie_2018_budget.pdf"][0] == f"{ZHENGXIE}·预算"
    assert sorted(
        ranks[f"jiangsu-zhengxie_2018_budget{tail}.pdf"][1] for tail in ("", "_tables")
    ) == [0, 1]
    reasons = {q.file_name: (q.reason, q.document_kind) for q in scan.quarantined}
    assert reasons == {TEMPLATE.name: ("unidentified", "决算")}
    registry = tmp_path / "registry.json"
    write_registry(scan, registry)
    assert read_registry(registry) == scan
