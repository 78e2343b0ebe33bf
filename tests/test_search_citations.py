"""RIS and BibTeX exports import cleanly into parsers for those formats."""

from __future__ import annotations

import bibtexparser
import rispy

from cli import main
from search import bibtex, list_documents, ris, search


def test_ris_of_search_hits_parses_with_the_cited_page(store):
    result = search(store, '"unseen male partner"')
    [record] = rispy.loads(ris(result.hits))
    document = result.hits[0].document
    assert record["type_of_reference"] == "RPRT"
    assert record["title"] == "Serious Case Review: Baby F"
    assert record["authors"] == ["Bexley Safeguarding Children Board"]
    assert record["publisher"] == "Bexley Safeguarding Children Board"
    assert record["year"] == "2016"
    assert record["start_page"] == "3"
    assert record["urls"] == [f"file://{document.paths[0]}#page=3"]  # the link opens at the cited page
    assert record["id"] == document.id


def test_ris_of_a_listing_has_one_record_per_document(store):
    documents = list_documents(store)
    records = rispy.loads(ris(documents))
    assert [r["id"] for r in records] == [d.id for d in documents]
    undated = next(r for r, d in zip(records, documents, strict=True) if d.published is None)
    assert "year" not in undated


def test_bibtex_parses_with_corporate_author_and_page(store):
    result = search(store, '"unseen male partner"')
    library = bibtexparser.loads(bibtex(result.hits))
    [entry] = library.entries
    assert entry["ENTRYTYPE"] == "techreport"
    assert entry["ID"] == f"casereviews:{result.hits[0].document.id}"
    assert entry["title"] == "Serious Case Review: Baby F"
    assert entry["author"] == "{Bexley Safeguarding Children Board}"
    assert entry["year"] == "2016" and entry["month"] == "March"  # the parser expands the macro
    assert entry["pages"] == "3"


def test_bibtex_escapes_special_characters(store):
    from dataclasses import replace

    document = list_documents(store)[0]
    odd = replace(document, metadata=replace(document.metadata, title="Child A & B: 100% {care}_plan"))
    [entry] = bibtexparser.loads(bibtex([odd])).entries
    assert entry["title"] == r"Child A \& B: 100\% \{care\}\_plan"


def test_cli_exports(runner, indexed):
    ris_out = runner.invoke(main, ["--index", str(indexed), "search", "conditions", "--format", "ris"])
    assert ris_out.exit_code == 0 and len(rispy.loads(ris_out.stdout)) == 3
    bib_out = runner.invoke(main, ["--index", str(indexed), "list", "--format", "bibtex"])
    assert bib_out.exit_code == 0 and len(bibtexparser.loads(bib_out.stdout).entries) == 5
