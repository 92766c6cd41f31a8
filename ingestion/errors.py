"""Why a file is refused (拒收原因): every rejection names one reason and a message.

A rejected file is quarantined by the caller; it never stops the other documents' load.
"""

from __future__ import annotations

from enum import StrEnum


class RejectionReason(StrEnum):
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    SCANNED = "scanned"  # pages without a text layer
    NOT_A_DISCLOSURE = "not_a_disclosure"
    TOO_LARGE = "too_large"
    DUPLICATE = "duplicate"


class DisclosureRejected(Exception):
    """A file that cannot be loaded as a 决算公开 document, with the reason."""

    def __init__(self, reason: RejectionReason, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
