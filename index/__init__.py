"""The index floor: everything that touches the stored index.

The catalog (SQLite) keeps documents, their text, paths and corrections; the
Whoosh index is built from it. Batch ingestion (walk, skip unchanged,
extract in workers, write in sub-batches) lives here too.
"""

from .batch import IngestOptions, IngestReport, Progress, Pruned, ingest, prune
from .corrections import INFO_COLUMNS, ManifestRow, read_manifest, validate
from .errors import (
    CorrectionError,
    DocumentNotFoundError,
    IndexLockedError,
    IndexMissingError,
    IndexVersionError,
    IngestInterrupted,
    ManifestError,
    OcrUnavailableError,
    PruneRefusedError,
)
from .lock import on_wait as on_lock_wait
from .records import CORRECTABLE, METADATA_FIELDS
from .schema import SCHEMA_VERSION
from .store import DEFAULT_LOCK_TIMEOUT, IndexStore, path_key
from .verify import Checked, VerifyReport, relink, verify
from .walk import Failure, display_path, walk
from .workers import Limits, default_jobs
from .writer import IndexWriter

__all__ = [
    "CORRECTABLE",
    "DEFAULT_LOCK_TIMEOUT",
    "INFO_COLUMNS",
    "METADATA_FIELDS",
    "SCHEMA_VERSION",
    "Checked",
    "CorrectionError",
    "DocumentNotFoundError",
    "Failure",
    "IndexLockedError",
    "IndexMissingError",
    "IndexStore",
    "IndexVersionError",
    "IndexWriter",
    "IngestInterrupted",
    "IngestOptions",
    "IngestReport",
    "Limits",
    "ManifestError",
    "ManifestRow",
    "OcrUnavailableError",
    "Progress",
    "PruneRefusedError",
    "Pruned",
    "VerifyReport",
    "default_jobs",
    "display_path",
    "ingest",
    "on_lock_wait",
    "path_key",
    "prune",
    "read_manifest",
    "relink",
    "validate",
    "verify",
    "walk",
]
