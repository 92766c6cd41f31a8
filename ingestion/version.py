"""The extractor's version (抽取器版本): a digest of the code that turns a PDF into records.

A document already in the raw layer with the same sha256 and the same extractor version is not
extracted again; any change to the parsing code (this package's modules) changes the version,
so a parser fix re-extracts every document on the next load without anyone bumping a number.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# What the raw layer is written by; the inbox, the sandbox and the writer do not change records.
_NOT_PARSING = {"inbox.py", "review.py", "sandbox.py", "version.py", "write.py"}


def _digest() -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if path.name in _NOT_PARSING:
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


EXTRACTOR_VERSION = _digest()
