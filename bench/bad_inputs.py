"""Benchmark: what each broken or hostile file of the test corpus costs (坏文件代价).

For every file tests/badkit.py makes (and the two samples), identify and extract it exactly as a
load does — in a child process within the limits (ingestion.sandbox) — and print its outcome,
the wall time and the peak resident memory of the child that read it, beside what a load makes
of it (the scan adds what a file alone cannot tell: duplicates, years out of range, folders).

    uv run python bench/bad_inputs.py [--memory-mib 1024] [--seconds 600]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def _read(path: Path) -> tuple[int, int]:
    """Identify, then extract: the cells read and this process's peak RSS (KiB)."""
    import resource

    from ingestion.extract import extract_document
    from ingestion.identify import identify

    identify(path)
    extracted = extract_document(path)
    return len(extracted.cells), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    from badkit import SAMPLE_2022, SAMPLE_2023, bad_corpus

    from ingestion.errors import DisclosureRejected
    from ingestion.sandbox import Limits, run_limited

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-mib", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    limits = Limits(seconds=args.seconds, memory_mib=args.memory_mib)
    with tempfile.TemporaryDirectory() as folder:
        expected = bad_corpus(Path(folder))
        files = [SAMPLE_2022, SAMPLE_2023, *(Path(folder) / name for name in expected)]
        print(f"limits: {limits.seconds:g} s, {limits.memory_mib} MiB")
        print(f"{'file':<26} {'read in its child':<22} {'wall s':>7} {'peak MiB':>9}  in a load")
        for path in files:
            status, reason = expected.get(path.name, ("loaded", None))
            in_load = status if reason in (None, status) else f"{status} ({reason})"
            if path.is_dir():
                print(f"{path.name:<26} {'(a folder)':<22} {0:7.2f} {'-':>9}  {in_load}")
                continue
            started = time.monotonic()
            try:
                cells, peak = run_limited(_read, path, limits=limits)
                outcome, peak_text = f"read ({cells} cells)", f"{peak / 1024:9.0f}"
            except DisclosureRejected as exc:
                # the child's peak is not reported back when it refuses the file
                outcome, peak_text = exc.reason.value, f"{'-':>9}"
            wall = time.monotonic() - started
            print(f"{path.name:<26} {outcome:<22} {wall:7.2f} {peak_text}  {in_load}")


if __name__ == "__main__":
    main()
