"""The extractor's version (抽取器版本): a digest of the code that turns a PDF into records.

A document already in the raw layer with the same sha256 and the same extractor version is not
extracted again; any change to the parsing code (this package's modules) changes the version,
so a parser fix re-extracts every document on the next load without anyone bumping a number.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingestion.seeds import SEEDS_DIR

# What the raw layer is written by; the inbox, the sandbox and the writer do not change records.
_NOT_PARSING = {
    "dbt_schema.py", "inbox.py", "incremental.py", "rawstore.py", "review.py", "sandbox.py",
    "version.py", "write.py",
}  # fmt: skip
# The seeds whose words the parsing reads (ingestion.seeds): a new subject name there reads
# every document again, as a code change would.
PARSING_SEEDS = ("disclosure_stat_items", "economic_subjects", "functional_subjects")


def extractor_digest(package: Path, seeds_dir: Path) -> str:
    """A digest of the parsing code in ``package`` and of the seeds it reads."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if path.name in _NOT_PARSING:
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in PARSING_SEEDS:
        seed = seeds_dir / f"{name}.csv"
        digest.update(name.encode())
        digest.update(seed.read_bytes())
    return digest.hexdigest()[:16]


EXTRACTOR_VERSION = extractor_digest(Path(__file__).resolve().parent, SEEDS_DIR)
