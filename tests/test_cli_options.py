"""CLI paths the other CLI tests do not take: similar, sorting, snippets, did-you-mean, date and
age filters, --index over the environment, id prefixes, and the JSON fields scripts read."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from cli import main
from index import IndexStore
from index.catalog import PathState
from index.store import path_key
from ingest import extract


def run(runner, indexed, *args):
    return runner.invoke(main, ["--index", str(indexed), *args])


def listed(runner, indexed, *args) -> list[dict]:
    result = run(runner, indexed, "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def names(documents) -> set[str]:
    return {os.path.basename(d["paths"][0]) for d in documents}


def test_similar_lists_other_reviews_and_names_a_missing_one(runner, indexed):
    baby = next(d for d in listed(runner, indexed) if d["paths"][0].endswith("bexley-baby-f.pdf"))
    result = run(runner, indexed, "similar", baby["id"], "--format", "json", "--limit", "3")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert 0 < len(hits) <= 3 and baby["id"] not in {h["id"] for h in hits}
    text = run(runner, indexed, "similar", baby["id"])
    assert text.exit_code == 0 and hits[0]["title"] in text.stdout
    missing = run(runner, indexed, "similar", "ffffffffffff")
    assert missing.exit_code == 1 and "no document" in missing.stderr


@pytest.mark.parametrize(("sort", "reverse"), [("published", False), ("-published", True)])
def test_search_sorted_by_publication_date(runner, indexed, sort, reverse):
    result = run(runner, indexed, "search", "the", "--sort", sort, "--format", "json", "--limit", "all")
    dated = [h["published"] for h in json.loads(result.stdout)["hits"] if h["published"]]
    assert len(dated) >= 3 and dated == sorted(dated, reverse=reverse)


@pytest.mark.parametrize("count", [0, 1, 2])
def test_snippets_per_hit(runner, indexed, count):
    result = run(runner, indexed, "search", "the", "--snippets", str(count), "--format", "json")
    hits = json.loads(result.stdout)["hits"]
    assert hits and all(len(h["snippets"]) <= count for h in hits)
    if count:
        assert any(len(h["snippets"]) == count for h in hits)


def test_did_you_mean_in_text_and_on_stderr_for_scripts(runner, indexed):
    text = run(runner, indexed, "search", "neglectt")
    assert "Did you mean: neglect" in text.stdout
    script = run(runner, indexed, "search", "neglectt", "--format", "json")
    assert "Did you mean: neglect" in script.stderr and json.loads(script.stdout)["suggestion"] == "neglect"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--published-from", "2016", "--published-to", "2017"), {"bexley-baby-f.pdf", "devon-child-p.html"}),
        (("--published-from", "2017-05"), {"sussex-child-m.pdf"}),
        (("--published-to", "2015-06"), {"leeds-family-t.pdf"}),
        (("--max-age", "1"), {"bexley-baby-f.pdf"}),
        (("--min-age", "14"), {"sussex-child-m.pdf"}),
        (("--min-age", "2", "--max-age", "3"), {"leeds-family-t.pdf", "devon-child-p.html"}),
    ],
)
def test_date_and_age_filters_through_the_cli(runner, indexed, filters, expected):
    assert names(listed(runner, indexed, *filters)) == expected


def test_index_option_wins_over_the_environment(runner, indexed, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEREVIEWS_INDEX", str(tmp_path / "empty"))
    assert (
        len(json.loads(runner.invoke(main, ["--index", str(indexed), "list", "--format", "json"]).stdout))
        == 5
    )
    missing = runner.invoke(main, ["list"])
    assert missing.exit_code == 3 and str(tmp_path / "empty") in missing.stderr


def test_id_prefixes_unique_ambiguous_and_unknown(runner, tmp_path):
    from builders import make_pdf

    index_dir = tmp_path / "ix"
    path = make_pdf(tmp_path / "a.pdf", [["Serious Case Review", "home conditions"]])
    extraction = extract(path)
    with IndexStore.open(index_dir, create=True) as store, store.writer() as writer:
        for doc_id in ("abcd11111111", "abcd22222222"):  # two ids that share their first 4 digits
            twin = replace(extraction, document=replace(extraction.document, id=doc_id))
            info = os.stat(path)
            key = f"{path_key(path)}-{doc_id}"
            writer.put(twin, PathState(key, key.encode(), doc_id, info.st_size, info.st_mtime_ns))
    ambiguous = run(runner, index_dir, "show", "abcd")
    assert ambiguous.exit_code == 1 and "matches 2 documents" in ambiguous.stderr
    unique = run(runner, index_dir, "show", "abcd1", "--format", "json")
    assert unique.exit_code == 0 and json.loads(unique.stdout)["id"] == "abcd11111111"
    assert run(runner, index_dir, "show", "ffff").exit_code == 1


def test_json_fields_scripts_read(runner, indexed):
    document = listed(runner, indexed)[0]
    detail = document["provenance_detail"]
    assert detail and all(set(d) >= {"source", "page", "text", "score"} for d in detail.values())
    assert isinstance(document["flags"], list) and isinstance(document["unknown_because"], dict)
    found = run(runner, indexed, "search", '"information sharing"', "--format", "json")
    hit = next(h for h in json.loads(found.stdout)["hits"] if h["format"] == "pdf")  # HTML has no pages
    assert hit["matches"] >= 1 and hit["match_pages"] and all(isinstance(p, int) for p in hit["match_pages"])
    assert {s["page"] for s in hit["snippets"]} <= set(hit["match_pages"])


def test_ingest_json_summary_fields(runner, tmp_path):
    from builders import make_pdf

    path = make_pdf(tmp_path / "a.pdf", [["Serious Case Review", "home conditions"]])
    result = runner.invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(path), "--format", "json"])
    summary = json.loads(result.stdout)
    assert set(summary) == {
        "added", "replaced", "updated", "linked", "unchanged", "corrected", "skipped", "excluded", "failed",
        "failures", "warnings", "pages", "documents", "seconds", "pages_per_second", "worker_peak_rss_mb",
        "ocr_pages", "unread_pages", "unread_reports", "ocr_available",
    }  # fmt: skip
    assert (summary["added"], summary["documents"], summary["pages"]) == (1, 1, 1)


def test_a_board_filter_that_matches_no_board_says_so(runner, indexed):
    for command in (["list"], ["search", "the"]):
        result = run(runner, indexed, *command, "--lscb", "sussexx")
        assert result.exit_code == 0
        assert "no board in the index matches --lscb 'sussexx'" in result.stderr
    known = run(runner, indexed, "list", "--lscb", "sussex", "--age-band", "under-1")
    assert "no board" not in known.stderr  # the board exists; other filters emptied the list


def test_an_empty_folder_is_a_warning(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(tmp_path / "empty")])
    assert result.exit_code == 0 and "no PDF or HTML file found" in result.stderr
