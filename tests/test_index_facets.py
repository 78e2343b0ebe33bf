"""The facet registry: a new facet is one entry, and everything else follows from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_reports

import search
import web
from index import IndexStore, IndexVersionError, IngestOptions, ingest
from index.facets import FACETS, Facet
from index.schema import SCHEMA_VERSION, schema_version


@pytest.fixture
def kind_facet(monkeypatch):
    """A facet this test registers: the report's file kind (pdf or html)."""
    entry = Facet(
        "kind", "kind_facet", "Kind", "--kind", "kinds", "KIND", "pdf or html (repeat for OR).",
        values=lambda d: (d.format,), choices=("pdf", "html"), query_names=("kind",), since=SCHEMA_VERSION,
    )  # fmt: skip
    monkeypatch.setitem(FACETS, "kind", entry)
    return entry


def test_a_registered_facet_is_indexed_counted_filtered_queried_and_shown(tmp_path: Path, kind_facet) -> None:
    build_reports(folder := tmp_path / "reports")
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        assert search.facet_counts(store).to_dict()["kind"] == {"pdf": 3, "html": 2}
        html_only = search.list_documents(store, search.Filters.build(kinds=["html"]))
        assert sorted(d.format for d in html_only) == ["html", "html"]
        assert search.search(store, "kind:pdf AND neglect").total == 1
        assert search.search(store, "neglect", search.Filters.build(kinds=["pdf"])).facets["kind"] == {
            "pdf": 1
        }
    page = web.create_app(tmp_path / "ix").test_client().get("/?kind=html").get_data(as_text=True)
    assert 'data-facet="kind"' in page and "Kind: html</span>" in page


def test_a_facet_from_a_newer_version_refuses_older_indexes(tmp_path: Path, monkeypatch) -> None:
    with IndexStore.open(tmp_path / "ix", create=True):
        pass
    # 4: review type, nation; 5: themes; 6: packed positions; 7: sections
    assert schema_version() == SCHEMA_VERSION == 7
    newer = Facet("kind", "kind_facet", "Kind", "--kind", "kinds", "KIND", "pdf or html.",
                  values=lambda d: (d.format,), since=SCHEMA_VERSION + 1)  # fmt: skip
    monkeypatch.setitem(FACETS, "kind", newer)
    assert schema_version() == SCHEMA_VERSION + 1
    with pytest.raises(IndexVersionError, match=f"uses version {SCHEMA_VERSION + 1}"):
        IndexStore.open(tmp_path / "ix")
