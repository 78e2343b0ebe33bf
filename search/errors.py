"""Errors raised by the search floor."""

from __future__ import annotations

from ingest.errors import CaseReviewsError


class QueryError(CaseReviewsError):
    """The query cannot be read; the message says what to change."""


class FilterError(CaseReviewsError):
    """A filter value is not valid (e.g. an unknown age band or a malformed date)."""
