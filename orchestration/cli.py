"""``juesuan load PATH... --warehouse FILE``: run the Dagster assets in process (命令行).

Scans the given PDFs or folders, loads each accepted document into its partition, builds the
warehouse with dbt and runs the reconciliation checks, then prints a short summary. Runs are
recorded in a Dagster instance next to the warehouse, so ``dagster dev`` with the same
``DAGSTER_HOME`` shows them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

DAGSTER_YAML = """\
# Written by `juesuan load`. One writer of the warehouse file at a time.
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="juesuan", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="load disclosure PDFs into a DuckDB warehouse")
    load.add_argument("paths", nargs="+", type=Path, help="PDF files or folders of PDFs")
    load.add_argument("--warehouse", required=True, type=Path, help="DuckDB file to build")
    load.add_argument(
        "--data-dir", type=Path, help="raw Parquet layer and registry (default: warehouse folder)"
    )
    load.add_argument(
        "--verbose", action="store_true", help="show the Dagster and dbt logs instead of a log file"
    )
    args = parser.parse_args(argv)
    return load_command(args.paths, args.warehouse, args.data_dir, verbose=args.verbose)


def prepare_environment(warehouse: Path, data_dir: Path | None, inbox: list[Path]) -> Path:
    """Export the deployment's paths and a Dagster home before any Dagster module loads."""
    warehouse = warehouse.resolve()
    data = (data_dir or warehouse.parent).resolve()
    data.mkdir(parents=True, exist_ok=True)
    os.environ["JUESUAN_WAREHOUSE"] = str(warehouse)
    os.environ["JUESUAN_DATA_DIR"] = str(data)
    os.environ["JUESUAN_INBOX"] = os.pathsep.join(str(p.resolve()) for p in inbox)
    home = Path(os.environ.get("DAGSTER_HOME") or data / "dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def load_command(
    paths: list[Path], warehouse: Path, data_dir: Path | None, *, verbose: bool = False
) -> int:
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"juesuan: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    prepare_environment(warehouse, data_dir, paths)
    started = time.monotonic()

    from orchestration.dbt.project import ensure_manifest

    ensure_manifest()

    from orchestration.run import load_in_process

    if verbose:
        summary = load_in_process(paths)
    else:
        log = (
            Path(os.environ["JUESUAN_DATA_DIR"])
            / "logs"
            / f"load-{time.strftime('%Y%m%dT%H%M%S')}.log"
        )
        log.parent.mkdir(parents=True, exist_ok=True)
        print(f"loading {', '.join(map(str, paths))} (log: {log})", flush=True)
        with log.open("w", encoding="utf-8") as sink, redirect_stdout(sink), redirect_stderr(sink):
            summary = load_in_process(paths)
    print(summary.render(time.monotonic() - started))
    return 0 if summary.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
