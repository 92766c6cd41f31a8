"""Benchmark: juesuan extraction against one bare pdfplumber pass over the same PDFs.

The bare pass is what any pdfplumber user pays at least: open the PDF, then on every page
``extract_tables()`` and ``extract_text()``. juesuan's ``extract_document`` reads each page
once, with pdfplumber where a table or form may be and with pypdfium2 elsewhere
(``ingestion/pdf.py``); it is measured both that way and with every page read by pdfplumber
(``text_reader="pdfplumber"``, how every page was read before). Each measurement runs in a
fresh process so peak memory (max RSS) is its own.

    uv run python bench/extraction.py [PDF or folder ...] [--repeat 3]

Defaults to the bundled samples and the test fixtures that load (the real budget fixtures
are refused after their first pages; pass ``tests/fixtures/real`` to include them). Prints
pages/s and peak RSS per method, and how many pages each reader read and why.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingestion.pdf import TextReader

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [
    REPO / "samples" / "pdf",
    REPO / "tests" / "fixtures" / "shanghai-putuo-2024",
    REPO / "tests" / "fixtures" / "variants",
]
METHODS = ("bare", "juesuan-pdfplumber", "juesuan")
LABELS = {
    "bare": "bare pdfplumber pass",
    "juesuan-pdfplumber": "juesuan, every page with pdfplumber",
    "juesuan": "juesuan, pypdfium2 for text pages",
}


def _pdfs(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
    return found


def _bare(pdfs: list[str]) -> int:
    import pdfplumber

    pages = 0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as document:
            for page in document.pages:
                page.extract_tables()
                page.extract_text()
                pages += 1
    return pages


def _juesuan(pdfs: list[str], text_reader: TextReader) -> int:
    """Extract every PDF; a refused one counts the pages read before it was refused."""
    from ingestion.errors import DisclosureRejected
    from ingestion.extract import extract_document
    from ingestion.pdf import PAGE_READS, PDFPLUMBER, PYPDFIUM2

    before = PAGE_READS[PYPDFIUM2] + PAGE_READS[PDFPLUMBER]
    for pdf in pdfs:
        try:
            extract_document(Path(pdf), text_reader=text_reader)
        except DisclosureRejected:
            pass
    return PAGE_READS[PYPDFIUM2] + PAGE_READS[PDFPLUMBER] - before


def _child(method: str, pdfs: list[str]) -> None:
    """Run one method in this (fresh) process and print its figures as JSON."""
    runs = {
        "bare": _bare,
        "juesuan": lambda p: _juesuan(p, "auto"),
        "juesuan-pdfplumber": lambda p: _juesuan(p, "pdfplumber"),
    }
    run = runs[method]
    run(pdfs[:1])  # warm imports and fonts outside the timed part
    reads: Counter[str] = Counter()
    if method != "bare":
        from ingestion.pdf import PAGE_READS

        PAGE_READS.clear()
    started = time.perf_counter()
    pages = run(pdfs)
    seconds = time.perf_counter() - started
    if method != "bare":
        reads = Counter(PAGE_READS)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {"pages": pages, "seconds": seconds, "peak_mib": peak_kib / 1024, "reads": reads}
    print(json.dumps(figures))


def _measure(method: str, pdfs: list[Path]) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", method, *map(str, pdfs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _split(reads: dict[str, int]) -> str:
    """'54 pypdfium2, 200 pdfplumber (190 it has ruling, 10 it names a table)'."""
    from ingestion.pdf import PDFPLUMBER, PYPDFIUM2

    why = sorted(
        ((n, key.removeprefix(f"{PDFPLUMBER}: ")) for key, n in reads.items() if ": " in key),
        reverse=True,
    )
    reasons = ", ".join(f"{n} {reason}" for n, reason in why)
    return (
        f"{reads.get(PYPDFIUM2, 0)} pypdfium2, {reads.get(PDFPLUMBER, 0)} pdfplumber"
        + (f" ({reasons})" if reasons else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, [str(p) for p in args.paths])
        return
    pdfs = _pdfs(args.paths or DEFAULT_INPUTS)
    results = {}
    for method in METHODS:
        runs = [_measure(method, pdfs) for _ in range(args.repeat)]
        seconds = statistics.median(r["seconds"] for r in runs)
        results[method] = {
            "pages": runs[0]["pages"],
            "seconds": seconds,
            "pages_per_s": runs[0]["pages"] / seconds,
            "peak_mib": max(r["peak_mib"] for r in runs),
            "reads": runs[0]["reads"],
        }
    print(
        f"{len(pdfs)} PDFs, {results['bare']['pages']} pages, median of {args.repeat} runs"
        " (pages/s counts the pages each method read)"
    )
    for method, figures in results.items():
        print(
            f"  {LABELS[method]:<38} {figures['seconds']:7.2f} s"
            f"  {figures['pages_per_s']:6.1f} pages/s  peak {figures['peak_mib']:6.0f} MiB"
        )
    print(f"  pages read by juesuan: {_split(results['juesuan']['reads'])}")
    bare, before, after = (results[m]["pages_per_s"] for m in METHODS)
    print(
        f"  juesuan speed = {after / bare:.2f} x the bare pdfplumber pass (target >= 0.80),"
        f" {after / before:.2f} x every page with pdfplumber"
    )


if __name__ == "__main__":
    main()
