"""Errors raised by the search floor."""

from __future__ import annotations

from ingest.errors import CaseReviewsError


class QueryError(CaseReviewsError):
    """The query cannot be read; the message says what to change."""


class FilterError(CaseReviewsError):
    """A filter value is not valid (e.g. an unknown age band or a malformed date).

    ``subject`` names the filter as data (a facet's name, ``min_age``, ``published_from``) and
    ``detail`` says what is wrong with its value; the message reads "<label>: <detail>" for people,
    and a face with its own names for filters (the CLI's options) words it from the two.
    """

    def __init__(
        self, detail: str, subject: str | None = None, label: str | None = None, remedy: str | None = None
    ) -> None:
        super().__init__(f"{label}: {detail}" if label else detail, remedy)
        self.detail = detail
        self.subject = subject
