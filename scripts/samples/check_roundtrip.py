"""Check that a rendered sample reads back exactly what its spec says (pdfplumber round trip).

Why: the samples are fixtures for the extractor. If a rendered cell wrapped into its neighbour,
a merged header came back as text in the wrong column, or a sentence was lost, tests built on
the samples would test the renderer, not the extractor. This renders each spec (twice, to check
byte determinism) and compares, after removing whitespace:

- every header and body row of the coded/balance tables (default T01–T06, T10) with
  ``page.extract_tables()`` — cell for cell, merged positions must come back as ``None``;
- every narrative block (headings, paragraphs) with the text of the pages it is printed on;
- every cell text of every 项目支出绩效自评表 with the cells read from its pages;
- the page numbers printed in the 目录 with the pages the headings and tables land on.

Usage::

    uv run scripts/samples/check_roundtrip.py [SPEC ...]   # default: samples/specs/*.yaml
"""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber

from samples.render import MARKERS, SPECS_DIR, form_grid, load_spec, render_disclosure

CHECKED_TABLES = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10")
FOOTER = 36.0  # points at the page bottom holding the page number


def _n(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _table_pages(layout: dict[str, Any], code: str) -> list[int]:
    blocks = layout["blocks"]
    pages = list(blocks[code])
    i = 1
    while f"{code}#{i}" in blocks:
        pages += blocks[f"{code}#{i}"]
        i += 1
    return pages


def check_tables(pdf: pdfplumber.PDF, spec: dict[str, Any], layout: dict[str, Any]) -> list[str]:
    """Cell-exact comparison of header and body rows; returns problems (empty = pass)."""
    problems: list[str] = []
    for code in CHECKED_TABLES:
        if code not in spec["tables"]:
            continue
        t = spec["tables"][code]
        got: list[list[str | None]] = []
        for page_no in _table_pages(layout, code):
            tables = pdf.pages[page_no - 1].extract_tables()
            if len(tables) != 1:
                problems.append(f"{code} p{page_no}: {len(tables)} ruled tables, expected 1")
            for tb in tables:
                got += tb
        want = t["header"] + t["rows"]
        if len(got) != len(want):
            problems.append(f"{code}: {len(got)} rows read back, spec has {len(want)}")
        for i, (w, g) in enumerate(zip(want, got, strict=False)):
            part = "header" if i < len(t["header"]) else "row"
            idx = i if part == "header" else i - len(t["header"])
            if len(w) != len(g):
                problems.append(f"{code} {part} {idx}: {len(g)} cells, expected {len(w)}: {g}")
                continue
            for c, (wc, gc) in enumerate(zip(w, g, strict=True)):
                if wc in MARKERS:
                    if gc is not None:
                        problems.append(f"{code} {part} {idx} col {c}: merged, read {gc!r}")
                elif gc is None or _n(gc) != _n(wc):
                    problems.append(f"{code} {part} {idx} col {c}: want {wc!r}, read {gc!r}")
    return problems


def _body_text(pdf: pdfplumber.PDF, first: int, last: int) -> str:
    out = []
    for page in pdf.pages[first - 1 : last]:
        crop = page.crop((0, 0, page.width, page.height - FOOTER))
        out.append(_n(crop.extract_text()))
    return "".join(out)


def check_text(pdf: pdfplumber.PDF, spec: dict[str, Any], layout: dict[str, Any]) -> list[str]:
    """Every heading/paragraph of the body (and cover, TOC) is found in the page text."""
    problems = []
    text = _body_text(pdf, 1, layout["pages"])
    for line in spec["cover"]:
        if _n(line) not in text:
            problems.append(f"cover line missing: {line}")
    for _level, entry, page in spec["toc"]["entries"]:
        if _n(entry) + _n(page) not in text:
            problems.append(f"toc entry missing: {entry} {page}")
    for block in spec["body"]:
        for kind in ("h1", "h2", "h3", "h4", "p"):
            if kind in block and _n(block[kind]) not in text:
                problems.append(f"{kind} missing: {block[kind][:40]}")
    for code, t in spec["tables"].items():
        for piece in [t["title"], t["label"], *t["meta"], *t.get("notes", [])]:
            if _n(piece) not in text:
                problems.append(f"{code}: {piece[:40]!r} missing")
        if t.get("empty_note") and _n(t["empty_note"]) not in text:
            problems.append(f"{code}: empty note missing")
    return problems


def check_forms(pdf: pdfplumber.PDF, spec: dict[str, Any], layout: dict[str, Any]) -> list[str]:
    """Every cell text of every form comes back as one cell of the form's ruled grid."""
    problems = []
    for n, form in enumerate(spec["forms"], start=1):
        first = layout["blocks"][f"form:{n}"][0]
        last = layout["blocks"][f"form:{n}/end"][-1]
        cells: list[str] = []
        for page in pdf.pages[first - 1 : last]:
            for tb in page.extract_tables():
                cells += [_n(c) for row in tb for c in row if c]
        rows, _ = form_grid(form)
        want = [_n(c) for row in rows for c in row if c not in MARKERS and _n(c)]
        missing = [w for w in want if w not in cells]
        # A cell split by a page break comes back in two pieces: accept prefix + suffix.
        missing = [w for w in missing if not any(w.startswith(c) and c for c in cells)]
        for w in missing:
            problems.append(f"form {n}: cell {w[:40]!r} not read back")
        text = _body_text(pdf, first, last)
        for line in (form["title"], form.get("unit_line", ""), form.get("date_line", "")):
            if _n(line) not in text:
                problems.append(f"form {n}: {line!r} missing")
    return problems


def toc_pages(spec: dict[str, Any], layout: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """Each TOC entry with its printed page and the page (as numbered) it actually lands on.

    Entries are matched to h1/h2 headings by text, and "一、收入支出决算总表" style entries to
    the table of that title.
    """
    first = layout["first_numbered_page"]
    heads = {}
    for i, block in enumerate(spec["body"]):
        for kind in ("h1", "h2"):
            if kind in block and f"body:{i}" in layout["blocks"]:
                heads.setdefault(_n(block[kind]), layout["blocks"][f"body:{i}"][0])
    titles = {_n(t["title"]): layout["blocks"][code][0] for code, t in spec["tables"].items()}
    out = []
    for _level, entry, printed in spec["toc"]["entries"]:
        key = _n(entry).rstrip(".")
        page = heads.get(key)
        if page is None:
            page = titles.get(re.sub(r"^[一二三四五六七八九十]+、", "", key))
        out.append((entry, printed, None if page is None else page - first + 1))
    return out


def number_toc(spec: dict[str, Any]) -> None:
    """Set each 目录 entry's page to where its heading or table lands: render once, read back."""
    with tempfile.TemporaryDirectory() as tmp:
        layout: dict[str, Any] = {}
        render_disclosure(spec, Path(tmp) / "x.pdf", layout)
    for entry, (_text, _printed, actual) in zip(
        spec["toc"]["entries"], toc_pages(spec, layout), strict=True
    ):
        assert actual is not None, entry
        entry[2] = str(actual)


def check_toc(spec: dict[str, Any], layout: dict[str, Any]) -> list[str]:
    """The printed TOC page numbers agree with where the headings and tables land."""
    return [
        f"toc: {entry} printed p{printed}, lands on p{actual}"
        for entry, printed, actual in toc_pages(spec, layout)
        if actual is None or str(actual) != printed
    ]


def check_spec(spec_path: Path) -> tuple[list[str], dict[str, Any], str]:
    """Render twice, compare hashes, run all checks. Returns (problems, layout, sha256)."""
    spec = load_spec(spec_path)
    with tempfile.TemporaryDirectory() as tmp:
        layout: dict[str, Any] = {}
        a = render_disclosure(spec, Path(tmp) / "a.pdf", layout)
        b = render_disclosure(load_spec(spec_path), Path(tmp) / "b.pdf")
        ha = hashlib.sha256(a.read_bytes()).hexdigest()
        hb = hashlib.sha256(b.read_bytes()).hexdigest()
        problems = [] if ha == hb else [f"not deterministic: {ha} != {hb}"]
        with pdfplumber.open(a) as pdf:
            problems += check_tables(pdf, spec, layout)
            problems += check_text(pdf, spec, layout)
            problems += check_forms(pdf, spec, layout)
        problems += check_toc(spec, layout)
    return problems, layout, ha


def main(argv: list[str] | None = None) -> int:
    """Check the given specs (default: all committed samples); exit 1 on any problem."""
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    paths = paths or sorted(SPECS_DIR.glob("*.yaml"))
    failed = False
    for path in paths:
        problems, layout, sha = check_spec(path)
        starts = {k: v[0] for k, v in layout["blocks"].items() if re.fullmatch(r"T\d\d", k)}
        print(f"{path.name}: {layout['pages']} pages, sha256 {sha[:16]}…, tables start {starts}")
        for p in problems:
            print(f"  FAIL {p}")
        print(f"  {'OK' if not problems else f'{len(problems)} problem(s)'}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
