"""The SQLite FTS5 baselines: what a savvy user would build instead of casereviews.

Two layouts over the same extracted text, built in the benchmark's run:

- **a row per report** (``docs``): the whole report in one row. ``snippet()``
  and ``bm25()`` then scan whole reports (up to ~130 KB each), which makes its
  tail slow at national scale;
- **a row per page** (``pages``): what a Datasette user would index. Snippets
  come from one page, page numbers are free, and document totals and facets
  come from grouping the matching pages by their report. A phrase that runs
  across a page break is not found this way (casereviews finds it).

Each query does the work a casereviews search does: the ranked top 10 with
snippets, the number of matching reports, and the three facet counts over them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from index import IndexStore

#: The age-band filter of the filtered queries, as SQL (the same bands as ``run.FILTERED``).
FILTER_SQL = "SELECT doc FROM bands WHERE band IN ('under-1', '1-5')"
LAYOUTS = ("docs", "pages")


def build(store: IndexStore, path: Path, layout: str) -> sqlite3.Connection:
    """An FTS5 database of the index's text in ``layout`` (``docs`` or ``pages``), with facet tables."""
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE docs (doc INTEGER PRIMARY KEY, id TEXT, year TEXT, board TEXT);"
        "CREATE TABLE bands (doc INTEGER, band TEXT); CREATE INDEX bands_band ON bands(band);"
    )
    if layout == "docs":
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='porter unicode61')")
    else:
        db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(text, doc UNINDEXED, page UNINDEXED, tokenize='porter unicode61')"
        )
    for number, document in enumerate(store.documents(), start=1):
        pages = store.pages(document.id)
        if layout == "docs":
            db.execute("INSERT INTO fts(rowid, text) VALUES (?, ?)", (number, "\n\n".join(pages)))
        else:
            db.executemany(
                "INSERT INTO fts(text, doc, page) VALUES (?, ?, ?)",
                [(text, number, page) for page, text in enumerate(pages, start=1)],
            )
        year = (document.published or "unknown")[:4]
        db.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?)", (number, document.id, year, document.lscb or "unknown")
        )
        db.executemany("INSERT INTO bands VALUES (?, ?)", [(number, b) for b in document.age_bands])
    db.commit()
    return db


def query(db: sqlite3.Connection, layout: str, match: str, filtered: bool) -> int:
    """Top 10 with snippets, the number of matching reports, and three facet counts; returns the number."""
    doc = "rowid" if layout == "docs" else "doc"
    where = f"fts MATCH ? {f'AND {doc} IN (' + FILTER_SQL + ')' if filtered else ''}"
    db.execute(
        f"SELECT {doc}, bm25(fts), snippet(fts, 0, '«', '»', '…', 24) FROM fts WHERE {where} "
        "ORDER BY bm25(fts) LIMIT 10",
        (match,),
    ).fetchall()
    db.execute("DROP TABLE IF EXISTS temp.matched")
    db.execute(f"CREATE TEMP TABLE matched AS SELECT DISTINCT {doc} AS doc FROM fts WHERE {where}", (match,))
    total = db.execute("SELECT COUNT(*) FROM matched").fetchone()[0]
    db.execute("SELECT band, COUNT(*) FROM bands JOIN matched USING (doc) GROUP BY band").fetchall()
    db.execute("SELECT year, COUNT(*) FROM docs JOIN matched USING (doc) GROUP BY year").fetchall()
    db.execute("SELECT board, COUNT(*) FROM docs JOIN matched USING (doc) GROUP BY board").fetchall()
    return int(total)
