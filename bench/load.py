"""Benchmark: a whole ``juesuan load`` of N distinct documents, a rerun with nothing new, and
one new document added to the loaded warehouse.

The documents are the 2023 sample rendered N times by the project's renderer, each as another
department (the name replaced wherever the disclosure prints it), so every one is a distinct
PDF with its own sha256 that must be identified, extracted, built, checked and reported.
Prints, for each phase: wall time, seconds per document, how busy the cores were (the whole
machine's busy CPU time as a share of wall × cores, so run it on a quiet machine) and the peak
resident memory of the largest process.

    uv run python bench/load.py [--documents 16] [--workdir /tmp/juesuan-bench-load]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "samples" / "specs" / "yangquan-commerce-2023.yaml"
NAME = "阳泉市商务局"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def department(n: int) -> str:
    """A distinct, department-like name (no digits) for the n-th copy."""
    third = "" if n < 120 else STEMS[n // 120 % 10]
    return f"阳泉市{STEMS[n % 10]}{BRANCHES[(n // 10) % 12]}{third}局"


def render_corpus(documents: int, inbox: Path) -> None:
    from samples.render import load_spec, renamed, render_disclosure

    base = load_spec(SPEC)
    inbox.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        target = inbox / f"doc-{n:04d}.pdf"
        if not target.exists():
            render_disclosure(renamed(base, NAME, department(n)), target)


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (user, nice, system, irq).

    Not the load's own rusage: its readers are children of a fork server that is never waited
    for, so their time would be lost. On a quiet machine the difference is the load's."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def timed_load(inbox: Path, warehouse: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUESUAN_", "DAGSTER_"))}
    busy = busy_seconds()
    started = time.monotonic()
    result = subprocess.run(
        # --fail-on never: the sample's findings are expected; only a failed load is a failure
        [sys.executable, "-m", "orchestration.cli", "load", str(inbox), "--warehouse",
         str(warehouse), "--fail-on", "never"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.monotonic() - started
    busy = busy_seconds() - busy
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0,):
        print(result.stdout[-3000:], result.stderr[-3000:])
        raise SystemExit(f"load failed with exit {result.returncode}")
    stages = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^(extract|load|report): \d+/\d+ documents in (\d+) s$",
                             result.stdout, re.MULTILINE)
    }  # fmt: skip
    if built := re.search(r"^build: done in (\d+) s$", result.stdout, re.MULTILINE):
        stages["build"] = int(built.group(1))
    return {"wall": wall, "cpu": busy, "peak_rss_mib": after.ru_maxrss / 1024, "stages": stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=16)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/juesuan-bench-load"))
    args = parser.parse_args()
    inbox = args.workdir / "inbox"
    started = time.monotonic()
    render_corpus(args.documents, inbox)
    print(f"corpus: {args.documents} documents rendered in {time.monotonic() - started:.0f} s")
    data = args.workdir / "data"
    shutil.rmtree(data, ignore_errors=True)
    cores = os.cpu_count() or 1
    for label in ("first load", "rerun, nothing new", "one new document"):
        if label == "one new document":
            render_corpus(args.documents + 1, inbox)
        figures = timed_load(inbox, data / "juesuan.duckdb")
        busy = figures["cpu"] / (figures["wall"] * cores) * 100
        print(
            f"{label:<20} wall {figures['wall']:7.1f} s   "
            f"{figures['wall'] / args.documents:6.2f} s/document   "
            f"CPU {busy:5.1f} % of {cores} cores   "
            f"peak RSS {figures['peak_rss_mib']:7.0f} MiB (largest process)"
        )
        if figures["stages"]:
            print("    " + ", ".join(f"{k} {v} s" for k, v in figures["stages"].items()))
    (inbox / f"doc-{args.documents:04d}.pdf").unlink()  # the corpus stays N documents


if __name__ == "__main__":
    main()
