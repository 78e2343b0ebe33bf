"""The index floor: everything that touches the stored index.

The catalog (SQLite) keeps documents, their text, paths and corrections; the
Whoosh index is built from it. Batch ingestion (walk, skip unchanged,
extract in workers, write in sub-batches) lives here too.
"""

from .batch import Failure, IngestOptions, IngestReport, Progress, display_path, ingest, walk
from .catalog import CORRECTABLE
from .errors import (
    CorrectionError,
    DocumentNotFoundError,
    IndexLockedError,
    IndexMissingError,
    IndexVersionError,
    ManifestError,
)
from .schema import SCHEMA_VERSION
from .store import DEFAULT_LOCK_TIMEOUT, IndexStore, IndexWriter, path_key
from .workers import Limits, default_jobs

__all__ = [
    "CORRECTABLE",
    "DEFAULT_LOCK_TIMEOUT",
    "SCHEMA_VERSION",
    "CorrectionError",
    "DocumentNotFoundError",
    "Failure",
    "IndexLockedError",
    "IndexMissingError",
    "IndexStore",
    "IndexVersionError",
    "IndexWriter",
    "IngestOptions",
    "IngestReport",
    "Limits",
    "ManifestError",
    "Progress",
    "default_jobs",
    "display_path",
    "ingest",
    "path_key",
    "walk",
]
