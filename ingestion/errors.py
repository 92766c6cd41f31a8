"""Why a file is refused (拒收原因): every rejection names one reason and a message.

A rejected file is quarantined by the caller; it never stops the other documents' load.
"""

from __future__ import annotations

from enum import StrEnum


class RejectionReason(StrEnum):
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    SCANNED = "scanned"  # pages without a text layer
    NOT_A_DISCLOSURE = "not_a_disclosure"  # nothing says it is a 决算 (or a 预算)
    UNIDENTIFIED = "unidentified"  # a 决算 whose department or year the evidence does not settle
    BUDGET = "budget"  # a 预算 where only 决算 are identified (identify(accept_budgets=False))
    TOO_LARGE = "too_large"
    TOO_SLOW = "too_slow"  # reading it passed the wall-time limit
    TOO_MUCH_MEMORY = "too_much_memory"  # reading it passed the memory limit
    DUPLICATE = "duplicate"
    UNSUPPORTED_YEAR = "unsupported_year"  # a fiscal year the partitions do not cover
    NOT_A_FILE = "not_a_file"  # a folder named like a PDF


class DisclosureRejected(Exception):
    """A file that cannot be loaded as a 决算公开 document, with the reason.

    ``document_kind`` is what identification found the file to be (决算 / 预算 / other) when it
    got that far, so the quarantine list can say it; None when the file could not be read.
    """

    def __init__(
        self, reason: RejectionReason, message: str, document_kind: str | None = None
    ) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
        self.document_kind = document_kind
