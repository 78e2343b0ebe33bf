"""Errors raised by the index floor."""

from __future__ import annotations

from ingest.errors import CaseReviewsError


class IndexMissingError(CaseReviewsError):
    """There is no index at the given location."""


class IndexLockedError(CaseReviewsError):
    """Another process held the write lock for longer than the timeout."""


class IndexVersionError(CaseReviewsError):
    """The index was built by an incompatible version of casereviews."""


class DocumentNotFoundError(CaseReviewsError):
    """No document matches the id or path given."""


class ManifestError(CaseReviewsError):
    """A corrections manifest could not be read."""


class CorrectionError(CaseReviewsError):
    """A correction value is not valid (e.g. a malformed date or age)."""


class OcrUnavailableError(CaseReviewsError):
    """OCR was asked for, but tesseract (or its English data) is not installed."""


class PruneRefusedError(CaseReviewsError):
    """Pruning would remove more of the index than is safe to do without asking."""

    def __init__(self, removing: int, documents: int) -> None:
        self.removing = removing
        self.documents = documents
        super().__init__(
            f"{removing} of {documents} documents would leave the index because their files are "
            "missing (a renamed or unmounted folder?); nothing was pruned"
        )


class IngestInterrupted(CaseReviewsError):
    """A batch was stopped (Ctrl-C) part-way: what was committed before is kept."""

    def __init__(self, committed: int, total: int) -> None:
        self.committed = committed
        self.total = total
        kept = (
            "nothing had been committed, so the index is as it was"
            if committed == 0
            else f"{committed} of {total} files to read had been committed and are kept"
        )
        super().__init__(f"interrupted: {kept}; the same command again reads the rest")
