"""The project's exception hierarchy.

Every error the library raises on purpose derives from :class:`CaseReviewsError`,
so the CLI can translate them in one place. The ingest floor defines the base
class because every other package sits above it.
"""

from __future__ import annotations


class CaseReviewsError(Exception):
    """Base class of every error casereviews raises on purpose.

    The message says what is wrong, with the data (paths, values, counts). ``remedy`` names what
    fixes it as a key, never as a command line: the face that shows the error (the CLI) turns it
    into its own words.
    """

    def __init__(self, message: str = "", remedy: str | None = None) -> None:
        super().__init__(message)
        self.remedy = remedy


class ExtractionError(CaseReviewsError):
    """A file could not be turned into a document; ``str(err)`` is the reason."""


class EmptyFileError(ExtractionError):
    """The file has no bytes."""


class UnsupportedFormatError(ExtractionError):
    """The file is neither a PDF nor an HTML page."""


class EncryptedError(ExtractionError):
    """The PDF needs a password that was not given (or the one given is wrong)."""


class DamagedFileError(ExtractionError):
    """The file claims a format but its structure is broken (truncated, corrupt)."""


class NoTextError(ExtractionError):
    """The file parsed but yielded no text at all (a scan without a text layer)."""


class UnreadableFileError(ExtractionError):
    """The file could not be read from disk (permissions, vanished, a directory)."""
