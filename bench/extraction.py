"""Benchmark: juesuan extraction against one bare pdfplumber pass over the same PDFs.

The bare pass is what any pdfplumber user pays at least: open the PDF, then on every page
``extract_tables()`` and ``extract_text()``. juesuan's ``extract_document`` reads each page
once and should stay within 0.8× of that speed. Each measurement runs in a fresh process so
peak memory (max RSS) is its own.

    uv run python bench/extraction.py [PDF or folder ...] [--repeat 3]

Defaults to the bundled samples and test fixtures. Prints pages/s and peak RSS per method.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [REPO / "samples" / "pdf", REPO / "tests" / "fixtures"]


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


def _juesuan(pdfs: list[str]) -> int:
    from ingestion.extract import extract_document

    return sum(extract_document(Path(pdf)).document.page_count for pdf in pdfs)


def _child(method: str, pdfs: list[str]) -> None:
    """Run one method in this (fresh) process and print its figures as JSON."""
    run = {"bare": _bare, "juesuan": _juesuan}[method]
    run(pdfs[:1])  # warm imports and fonts outside the timed part
    started = time.perf_counter()
    pages = run(pdfs)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mib": peak_kib / 1024}))


def _measure(method: str, pdfs: list[Path]) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", method, *map(str, pdfs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["bare", "juesuan"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, [str(p) for p in args.paths])
        return
    pdfs = _pdfs(args.paths or DEFAULT_INPUTS)
    results = {}
    for method in ("bare", "juesuan"):
        runs = [_measure(method, pdfs) for _ in range(args.repeat)]
        seconds = statistics.median(r["seconds"] for r in runs)
        results[method] = {
            "pages": runs[0]["pages"],
            "seconds": seconds,
            "pages_per_s": runs[0]["pages"] / seconds,
            "peak_mib": max(r["peak_mib"] for r in runs),
        }
    print(f"{len(pdfs)} PDFs, {results['bare']['pages']} pages, median of {args.repeat} runs")
    for method, figures in results.items():
        print(
            f"  {method:<8} {figures['seconds']:7.2f} s  {figures['pages_per_s']:6.1f} pages/s"
            f"  peak {figures['peak_mib']:6.0f} MiB"
        )
    ratio = results["juesuan"]["pages_per_s"] / results["bare"]["pages_per_s"]
    print(f"  juesuan speed = {ratio:.2f} x the bare pdfplumber pass (target >= 0.80)")


if __name__ == "__main__":
    main()
