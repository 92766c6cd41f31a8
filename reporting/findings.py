"""A findings report a person reads (勾稽问题报告): one HTML page per department and year.

It lists every finding of the document with its evidence — rule, tables, row, column,
expected, actual, difference, tolerance, message in Chinese and English, pages — and for each
error shows the PDF page with the printed cells the rule compared boxed: the printed figure in
red, the cells it was compared with in blue. Reads the warehouse and the PDF; writes files.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pdfplumber

ACTUAL = (220, 20, 60)
TERM = (30, 90, 220)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

FINDINGS_SQL = """
select f.rule_id, f.family, f.severity, f.outcome, f.tables, f.row_key, f.row_label,
       f.column_key, f.expected, f.actual, f.difference, f.tolerance, f.message_zh,
       f.message_en, f.source_pages, coalesce(c.input_cells, []) as input_cells
from marts.fact_reconciliation_finding f
left join intermediate.int_reconciliation_comparisons c
  using (rule_id, document_id, tables, row_key, column_key)
where f.document_id = ?
"""

CELL_BOXES_SQL = """
select table_code, page, coalesce(subject_code, case when row_kind = 'total' then 'TOTAL' end)
       as row_key, row_label, column_key, x0, top, x1, bottom
from staging.stg_amount_cell
where document_id = ? and x0 is not null
"""


@dataclass(frozen=True, slots=True)
class ReportSummary:
    path: Path
    counts: dict[str, int]  # findings by severity
    top: list[dict]  # the most severe findings, largest difference first


def write_document_report(
    connection: duckdb.DuckDBPyConnection, document_id: str, pdf_path: Path, out_dir: Path
) -> ReportSummary:
    """Write ``out_dir/index.html`` (and page images) for one loaded document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    document = _one(
        connection,
        "select * from marts.dim_document where document_id = ? and status = 'loaded'",
        document_id,
    )
    findings = _rows(connection, FINDINGS_SQL, document_id)
    findings.sort(
        key=lambda f: (
            SEVERITY_ORDER.get(f["severity"], 9),
            f["rule_id"],
            -(abs(f["difference"] or 0)),
        )
    )
    boxes = _cell_boxes(connection, document_id)
    images = _error_page_images(findings, boxes, pdf_path, out_dir)
    counts: dict[str, int] = defaultdict(int)
    for finding in findings:
        counts[finding["severity"]] += 1
    page = _render_html(document, findings, images, dict(counts))
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return ReportSummary(path=path, counts=dict(counts), top=findings[:10])


def write_reports_index(reports: dict[str, Path], out_dir: Path) -> Path:
    """A page linking every document report: {label: report path}."""
    items = "\n".join(
        f'<li><a href="{html.escape(str(path.relative_to(out_dir)))}">{html.escape(label)}</a></li>'
        for label, path in sorted(reports.items())
    )
    path = out_dir / "index.html"
    path.write_text(_page("juesuan findings reports", f"<ul>{items}</ul>"), encoding="utf-8")
    return path


def _cell_boxes(connection, document_id: str) -> dict[tuple, list[tuple[float, ...]]]:
    boxes: dict[tuple, list[tuple[float, ...]]] = defaultdict(list)
    for row in _rows(connection, CELL_BOXES_SQL, document_id):
        box = (row["x0"], row["top"], row["x1"], row["bottom"])
        for key in {row["row_key"], row["row_label"]} - {None}:
            boxes[(row["table_code"], row["page"], key, row["column_key"])].append(box)
    return boxes


def _error_page_images(findings, boxes, pdf_path: Path, out_dir: Path) -> dict[int, str]:
    """One image per page holding an error's input cells, every such cell boxed."""
    by_page: dict[int, dict[str, list]] = defaultdict(lambda: {"actual": [], "term": []})
    for finding in findings:
        if finding["severity"] != "error" or finding["outcome"] != "fail":
            continue
        for cell in finding["input_cells"]:
            key = (cell["table_code"], cell["page"], cell["cell_row"], cell["cell_column"])
            role = "actual" if cell["role"] == "actual" else "term"
            by_page[cell["page"]][role] += boxes.get(key, [])
    images = {}
    if not by_page:
        return images
    with pdfplumber.open(pdf_path) as pdf:
        for number, roles in sorted(by_page.items()):
            image = pdf.pages[number - 1].to_image(resolution=110)
            image.draw_rects(roles["term"], stroke=TERM, fill=(*TERM, 40), stroke_width=2)
            image.draw_rects(roles["actual"], stroke=ACTUAL, fill=(*ACTUAL, 50), stroke_width=3)
            name = f"page-{number:03d}.png"
            image.save(out_dir / name)
            images[number] = name
    return images


def _render_html(document: dict, findings: list[dict], images: dict[int, str], counts) -> str:
    title = f"{document['department_name']} {document['fiscal_year']} — 勾稽检查 / findings"
    summary = " · ".join(f"{severity}: {counts.get(severity, 0)}" for severity in SEVERITY_ORDER)
    head = (
        f"<p>{html.escape(document['file_name'] or '')} · {document['page_count']} pages · "
        f"layout {html.escape(document['layout'] or '')} · document "
        f"<code>{document['document_id'][:16]}…</code></p><p><b>{summary}</b></p>"
    )
    rows = "\n".join(_finding_row(f) for f in findings) or (
        '<tr><td colspan="11">No findings: every implemented rule holds exactly.</td></tr>'
    )
    table = (
        "<table><tr><th>severity</th><th>outcome</th><th>rule</th><th>tables</th><th>row</th>"
        "<th>column</th><th>expected</th><th>actual</th><th>difference</th><th>tolerance</th>"
        "<th>message / pages</th></tr>" + rows + "</table>"
    )
    figures = "\n".join(
        f'<figure><img src="{name}" alt="page {number}"><figcaption>page {number}: red = the '
        f"printed figure, blue = what it was compared with</figcaption></figure>"
        for number, name in sorted(images.items())
    )
    return _page(title, head + table + (f"<h2>Errors on the page</h2>{figures}" if figures else ""))


def _finding_row(f: dict) -> str:
    def cell(value) -> str:
        return f"<td>{html.escape('' if value is None else str(value))}</td>"

    pages = ", ".join(str(p) for p in f["source_pages"] or [])
    message = (
        f"<td>{html.escape(f['message_zh'] or '')}<br><small>{html.escape(f['message_en'] or '')}"
        f"</small><br><small>pages {pages}</small></td>"
    )
    return (
        f'<tr class="{html.escape(f["severity"])}">'
        + "".join(cell(f[k]) for k in ("severity", "outcome", "rule_id", "tables"))
        + cell(f"{f['row_key']} {f['row_label'] or ''}")
        + "".join(
            cell(f[k]) for k in ("column_key", "expected", "actual", "difference", "tolerance")
        )
        + message
        + "</tr>"
    )


def _page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; font-size: 13px; }}
td, th {{ border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; }}
tr.error td {{ background: #fde8eb; }} tr.warning td {{ background: #fff6dc; }}
tr.info td {{ color: #555; }}
figure img {{ max-width: 100%; border: 1px solid #999; }}
</style></head>
<body><h1>{html.escape(title)}</h1>
{body}
</body></html>
"""


def _rows(connection, sql: str, *params) -> list[dict]:
    cursor = connection.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _one(connection, sql: str, *params) -> dict:
    rows = _rows(connection, sql, *params)
    if len(rows) != 1:
        raise LookupError(f"expected one row, got {len(rows)}: {sql.strip()[:60]} {params}")
    return rows[0]
