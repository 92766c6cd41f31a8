"""Write an example raw layer (原始层样例) for developing and testing the dbt project.

Two documents, written by the ingestion library's own writer (``ingestion.write``, the records
of ``ingestion/records.py``), so they have the raw layer's schema whatever it becomes:

1. ``阳泉市商务局`` 2023: tables 公开01/02/03/05 with the figures as published. On these the
   reconciliation rules find only rounding tails (尾数误差), which must pass as ``info``.
2. ``阳泉市示例篡改局`` 2024: the same figures, tampered: T03 2011301 本年支出合计 692.99 -> 692.49,
   T05 2160299 项目支出 printed unreadably, two T01 类 lines with a figure and no T03 row
   (资源勘探工业信息等支出 5.00, a 类 of the code dictionary; 节能环保支出 1.00, a name the
   dictionary lacks), and no 公开02表 (T02 listed as missing).

Usage: ``uv run python dbt_project/scripts/make_example_raw.py <raw_root>``
(then ``export JUESUAN_RAW_DIR=<raw_root>``). The two documents' partitions are replaced.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import datetime
from pathlib import Path

from ingestion.amounts import WAN_YUAN, parse_amount
from ingestion.records import (
    AmountCell,
    DisclosureTable,
    DocumentRecord,
    ExtractedDocument,
    FileOutcome,
)
from ingestion.text import department_key
from ingestion.write import write_partition

# --- the published figures (阳泉市商务局 2023年度单位决算公开) -----------------------------------

# T01 收入支出决算总表: (side, 行次, 项目, printed amount); page 3 up to 行次 24/55, page 4 after.
T01_LINES = [
    ("income", 1, "一、一般公共预算财政拨款收入", "1,710.18"),
    ("income", 2, "二、政府性基金预算财政拨款收入", ""),
    ("income", 3, "三、国有资本经营预算财政拨款收入", ""),
    ("income", 4, "四、上级补助收入", ""),
    ("income", 5, "五、事业收入", ""),
    ("income", 6, "六、经营收入", ""),
    ("income", 7, "七、附属单位上缴收入", ""),
    ("income", 8, "八、其他收入", ""),
    ("income", 27, "本年收入合计", "1,710.18"),
    ("income", 28, "使用非财政拨款结余和专用结余", ""),
    ("income", 29, "年初结转和结余", ""),
    ("income", 31, "总计", "1,710.18"),
    ("expenditure", 32, "一、一般公共服务支出", "708.08"),
    ("expenditure", 33, "二、外交支出", ""),
    ("expenditure", 34, "三、国防支出", ""),
    ("expenditure", 35, "四、公共安全支出", ""),
    ("expenditure", 36, "五、教育支出", ""),
    ("expenditure", 37, "六、科学技术支出", ""),
    ("expenditure", 38, "七、文化旅游体育与传媒支出", ""),
    ("expenditure", 39, "八、社会保障和就业支出", "74.53"),
    ("expenditure", 40, "九、卫生健康支出", "17.36"),
    ("expenditure", 41, "十、节能环保支出", ""),
    ("expenditure", 42, "十一、城乡社区支出", ""),
    ("expenditure", 43, "十二、农林水支出", ""),
    ("expenditure", 44, "十三、交通运输支出", ""),
    ("expenditure", 45, "十四、资源勘探工业信息等支出", ""),
    ("expenditure", 46, "十五、商业服务业等支出", "866.19"),
    ("expenditure", 47, "十六、金融支出", ""),
    ("expenditure", 48, "十七、援助其他地区支出", ""),
    ("expenditure", 49, "十八、自然资源海洋气象等支出", ""),
    ("expenditure", 50, "十九、住房保障支出", "44.02"),
    ("expenditure", 51, "二十、粮油物资储备支出", ""),
    ("expenditure", 52, "二十一、国有资本经营预算支出", ""),
    ("expenditure", 53, "二十二、灾害防治及应急管理支出", ""),
    ("expenditure", 54, "二十三、其他支出", ""),
    ("expenditure", 55, "二十四、债务还本支出", ""),
    ("expenditure", 56, "二十五、债务付息支出", ""),
    ("expenditure", 57, "二十六、抗疫特别国债安排的支出", ""),
    ("expenditure", 58, "本年支出合计", "1,710.18"),
    ("expenditure", 59, "结余分配", ""),
    ("expenditure", 60, "年末结转和结余", ""),
    ("expenditure", 62, "总计", "1,710.18"),
]

# Coded rows of T03 支出决算表: code ("" for 合计), name, 本年支出合计, 基本支出, 项目支出
# (上缴上级支出, 经营支出, 对附属单位补助支出 are blank throughout). T02 and T05 print the same
# rows: T02 with 本年收入合计 = 财政拨款收入 = the T03 total, T05 with 小计/基本/项目 = T03's.
SUBJECT_ROWS = [
    ("", "合计", "1,710.18", "829.76", "880.42"),
    ("201", "一般公共服务支出", "708.08", "693.86", "14.23"),
    ("20113", "商贸事务", "707.21", "692.99", "14.23"),
    ("2011301", "行政运行", "692.99", "692.99", ""),
    ("2011399", "其他商贸事务支出", "14.23", "", "14.23"),
    ("20132", "组织事务", "0.87", "0.87", ""),
    ("2013299", "其他组织事务支出", "0.87", "0.87", ""),
    ("208", "社会保障和就业支出", "74.53", "74.53", ""),
    ("20805", "行政事业单位养老支出", "74.53", "74.53", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "40.34", "40.34", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "34.18", "34.18", ""),
    ("210", "卫生健康支出", "17.36", "17.36", ""),
    ("21011", "行政事业单位医疗", "17.36", "17.36", ""),
    ("2101101", "行政单位医疗", "17.36", "17.36", ""),
    ("216", "商业服务业等支出", "866.19", "", "866.19"),
    ("21602", "商业流通事务", "828.77", "", "828.77"),
    ("2160299", "其他商业流通事务支出", "828.77", "", "828.77"),
    ("21606", "涉外发展服务支出", "33.25", "", "33.25"),
    ("2160699", "其他涉外发展服务支出", "33.25", "", "33.25"),
    ("21699", "其他商业服务业等支出", "4.18", "", "4.18"),
    ("2169999", "其他商业服务业等支出", "4.18", "", "4.18"),
    ("221", "住房保障支出", "44.02", "44.02", ""),
    ("22102", "住房改革支出", "44.02", "44.02", ""),
    ("2210201", "住房公积金", "44.02", "44.02", ""),
]

# column_key, printed header, 栏次
T02_COLUMNS = [
    ("total", "本年收入合计", 1),
    ("fiscal_appropriation", "财政拨款收入", 2),
    ("superior_subsidy", "上级补助收入", 3),
    ("business", "事业收入", 4),
    ("operating", "经营收入", 5),
    ("subsidiary_remit", "附属单位上缴收入", 6),
    ("other", "其他收入", 7),
]
T03_COLUMNS = [
    ("total", "本年支出合计", 1),
    ("basic", "基本支出", 2),
    ("project", "项目支出", 3),
    ("remit_to_superior", "上缴上级支出", 4),
    ("operating", "经营支出", 5),
    ("subsidiary_subsidy", "对附属单位补助支出", 6),
]
T05_COLUMNS = [
    ("total", "本年支出小计", 1),
    ("basic", "本年支出基本支出", 2),
    ("project", "本年支出项目支出", 3),
]

TABLES = {  # code: (label, title, first_page, last_page)
    "T01": ("公开01表", "收入支出决算总表", 3, 4),
    "T02": ("公开02表", "收入决算表", 5, 5),
    "T03": ("公开03表", "支出决算表", 6, 6),
    "T05": ("公开05表", "一般公共预算财政拨款支出决算表", 9, 9),
}


EXTRACTED_AT = datetime(2026, 1, 1)


def cell(
    doc_id: str,
    table: str,
    page: int,
    row_index: int,
    code: str | None,
    label: str,
    line: int | None,
    side: str | None,
    column: tuple[str, str, int],
    printed: str,
) -> AmountCell:
    key, header, number = column
    parsed = parse_amount(printed)
    return AmountCell(
        document_id=doc_id,
        table_code=table,
        page=page,
        row_index=row_index,
        row_kind="line" if line is not None else "total" if not code else "subject",
        subject_code=code or None,
        row_label=label,
        line_number=line,
        side=side,
        column_key=key,
        column_label=header,
        column_number=number,
        printed_text=printed,
        amount=parsed.value,
        amount_state=parsed.state.value,
        code_kind="functional" if code else None,
    )


def build_cells(doc_id: str, tamper: bool) -> list[AmountCell]:
    cells: list[AmountCell] = []
    t01_lines = list(T01_LINES)
    if tamper:
        tampered = {"十、节能环保支出": "1.00", "十四、资源勘探工业信息等支出": "5.00"}
        t01_lines = [(s, n, lab, tampered.get(lab, amt)) for s, n, lab, amt in t01_lines]
    for i, (side, line, label, printed) in enumerate(t01_lines):
        page = 3 if line <= 24 or 32 <= line <= 55 else 4
        column = ("amount", "金额", 1 if side == "income" else 2)
        cells.append(cell(doc_id, "T01", page, i, None, label, line, side, column, printed))

    for table, columns, page in (
        ("T02", T02_COLUMNS, 5),
        ("T03", T03_COLUMNS, 6),
        ("T05", T05_COLUMNS, 9),
    ):
        if tamper and table == "T02":
            continue
        for i, (code, name, total, basic, project) in enumerate(SUBJECT_ROWS):
            if table == "T02":
                printed = {"total": total, "fiscal_appropriation": total}
            else:
                printed = {"total": total, "basic": basic, "project": project}
            if tamper and table == "T03" and code == "2011301":
                printed["total"] = "692.49"
            if tamper and table == "T05" and code == "2160299":
                printed["project"] = "828.7?"
            for column in columns:
                text = printed.get(column[0], "")
                cells.append(cell(doc_id, table, page, i, code, name, None, None, column, text))
    return cells


def write_example(root: Path, name: str, year: int, tamper: bool) -> None:
    """Replace one example document's partition: its records and its file outcome (loaded)."""
    key = department_key(name)
    doc_id = hashlib.sha256(f"example:{key}:{year}".encode()).hexdigest()
    codes = ["T01", "T03", "T05"] if tamper else ["T01", "T02", "T03", "T05"]
    file_name = f"{name}{year}年度决算公开.pdf"
    document = DocumentRecord(
        document_id=doc_id,
        file_name=file_name,
        department_name=name,
        department_key=key,
        fiscal_year=year,
        page_count=36,
        producer="example generator",
        layout="shanxi",
        tables_found=tuple(codes),
        tables_missing=("T02",) if tamper else (),
        extracted_at=EXTRACTED_AT,
        unit_kind="单位",
    )
    tables = [
        DisclosureTable(
            document_id=doc_id,
            table_code=code,
            label_printed=TABLES[code][0],
            title_printed=TABLES[code][1],
            first_page=TABLES[code][2],
            last_page=TABLES[code][3],
            unit_printed="金额单位：万元",
            unit_to_wan_yuan=WAN_YUAN,
            declared_empty=False,
            status="extracted",
        )
        for code in codes
    ]
    extracted = ExtractedDocument(document, tables, build_cells(doc_id, tamper))
    outcome = FileOutcome(
        path=str(root / file_name),
        file_name=file_name,
        document_id=doc_id,
        fiscal_year=year,
        department_key=key,
        status="loaded",
        reason=None,
        message=None,
        related_document_id=None,
        published_at=None,
        decided_at=EXTRACTED_AT,
    )
    write_partition(root, year, key, extracted, [outcome])


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1]).resolve()
    write_example(root, "阳泉市商务局", 2023, tamper=False)
    write_example(root, "阳泉市示例篡改局", 2024, tamper=True)
    print(f"wrote the example raw layer under {root}")


if __name__ == "__main__":
    main()
