"""Every command through click's CliRunner, and one end-to-end path as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from builders import make_html, make_pdf

from cli import ExitStatus, main
from search.text import format_age

DOCUMENT_FIELDS = {
    "id", "title", "paths", "format", "pages", "lscb", "published", "child_ages", "age_bands",
    "sha256", "ingested_at", "provenance",
}  # fmt: skip
HIT_FIELDS = {
    "id",
    "title",
    "paths",
    "lscb",
    "published",
    "child_ages",
    "age_bands",
    "score",
    "snippets",
}


def run(runner, indexed, *args):
    return runner.invoke(main, ["--index", str(indexed), *args])


# ---------------------------------------------------------------- ingest


def test_ingest_mixed_folder_names_bad_files_and_exits_1(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    make_pdf(folder / "good.pdf", [["Serious Case Review", "information sharing was poor"]])
    make_html(folder / "good.html", title="Child E SCR", body="<p>information sharing</p>")
    (folder / "empty.pdf").write_bytes(b"")
    make_pdf(folder / "locked.pdf", [["secret"]], user_password="pw")
    (folder / "broken.html").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(folder), "--jobs", "2"])
    assert result.exit_code == ExitStatus.FAILED
    lines = sorted(result.stderr.strip().splitlines())
    assert len(lines) == 3
    assert lines[0].endswith("broken.html: not a PDF or HTML file")
    assert lines[1].endswith("empty.pdf: empty file (0 bytes)")
    assert "locked.pdf: encrypted: give its password with --password PW" in lines[2]
    assert "2 added" in result.stdout and "3 failed" in result.stdout
    search = runner.invoke(
        main,
        ["--index", str(tmp_path / "ix"), "search", '"information sharing"', "--format", "json"],
    )
    assert search.exit_code == 0
    assert json.loads(search.stdout)["total"] == 2


def test_ingest_json_summary(runner, tmp_path):
    path = make_pdf(tmp_path / "a.pdf", [["some review text"]])
    result = runner.invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 1 and summary["failed"] == 0 and summary["documents"] == 1
    assert summary["failures"] == [] and summary["pages"] == 1
    again = runner.invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(path), "--format", "json"])
    assert json.loads(again.stdout)["unchanged"] == 1


def test_index_location_from_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEREVIEWS_INDEX", str(tmp_path / "env-ix"))
    path = make_pdf(tmp_path / "a.pdf", [["some review text"]])
    assert runner.invoke(main, ["ingest", str(path)]).exit_code == 0
    assert (tmp_path / "env-ix" / "catalog.sqlite").exists()


# ---------------------------------------------------------------- search


def test_search_text(runner, indexed):
    result = run(runner, indexed, "search", '"unseen male partner"')
    assert result.exit_code == 0
    assert "1 result for" in result.stdout
    assert "Serious Case Review: Baby F" in result.stdout
    assert "p.3 · other: " in result.stdout and "«unseen male partner»" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_search_json_shape(runner, indexed):
    result = run(runner, indexed, "search", '"information sharing"', "--limit", "1", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) >= {"query", "total", "offset", "hits", "facets"}
    assert data["query"] == '"information sharing"' and data["total"] == 3 and len(data["hits"]) == 1
    hit = data["hits"][0]
    assert set(hit) >= HIT_FIELDS
    assert all(set(s) == {"page", "text", "ocr", "section"} and s["ocr"] is False for s in hit["snippets"])
    assert set(data["facets"]) == {"age_band", "year", "lscb", "review_type", "nation", "theme"}
    assert sum(data["facets"]["year"].values()) == 3


def test_search_jsonl_and_csv(runner, indexed):
    jsonl = run(runner, indexed, "search", "conditions", "--format", "jsonl")
    lines = jsonl.stdout.strip().splitlines()
    assert len(lines) == 3 and all(set(json.loads(line)) >= HIT_FIELDS for line in lines)
    table = run(runner, indexed, "search", "conditions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(rows) == 3 and {"id", "title", "score", "snippets", "age_bands"} <= set(rows[0])


def test_search_with_filters_and_paging(runner, indexed):
    result = run(runner, indexed, "search", "review", "--age-band", "under-1", "--age-band", "1-5",
                 "--lscb", "devon", "--format", "json")  # fmt: skip
    data = json.loads(result.stdout)
    assert [h["title"] for h in data["hits"]] == ["Child P SCR"]
    page = json.loads(
        run(runner, indexed, "search", "review", "--limit", "2", "--offset", "2", "--format", "json").stdout
    )
    assert page["offset"] == 2 and len(page["hits"]) == 2


def test_search_no_hits_exits_0(runner, indexed):
    result = run(runner, indexed, "search", '"nothing like this"')
    assert result.exit_code == 0 and "No results" in result.stdout


@pytest.mark.parametrize("query", ["AND neglect", '"a" OR', "NOT", "year:never"])
def test_unreadable_query_is_one_line_and_exit_2(runner, indexed, query):
    result = run(runner, indexed, "search", query)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_bad_filter_exits_2(runner, indexed):
    result = run(runner, indexed, "list", "--age-band", "teen")
    assert (
        result.exit_code == 2
        and "Error: --age-band: unknown value 'teen'; choose from under-1" in result.stderr
    )


def test_missing_index_exits_3_and_says_what_to_run(runner, tmp_path):
    result = runner.invoke(main, ["--index", str(tmp_path / "nothing"), "search", "x"])
    assert result.exit_code == ExitStatus.INDEX
    assert "casereviews ingest" in result.stderr


# ---------------------------------------------------------------- list, show, facets


def test_list_age_band_json_returns_exactly_the_babies(runner, indexed):
    result = run(runner, indexed, "list", "--age-band", "under-1", "--format", "json")
    documents = json.loads(result.stdout)
    assert [d["title"] for d in documents] == ["Serious Case Review: Baby F"]
    assert set(documents[0]) >= DOCUMENT_FIELDS
    assert documents[0]["age_bands"] == ["under-1"] and documents[0]["child_ages"] == [0.42]


def test_list_formats(runner, indexed):
    text = run(runner, indexed, "list")
    assert text.exit_code == 0 and "5 documents." in text.stdout
    jsonl = run(runner, indexed, "list", "--format", "jsonl", "--sort", "published")
    published = [json.loads(line)["published"] for line in jsonl.stdout.splitlines()]
    assert published == ["2015-06", "2016-03-14", "2017-04-27", "2021-08-11", None]
    rows = list(
        csv.DictReader(io.StringIO(run(runner, indexed, "list", "--format", "csv", "--min-age", "2").stdout))
    )
    assert sorted(r["child_ages"] for r in rows) == ["15.0", "2.5", "9.0;6.0;2.0"]


def test_show_text_and_json(runner, indexed):
    listing = json.loads(run(runner, indexed, "list", "--lscb", "leeds", "--format", "json").stdout)
    doc_id = listing[0]["id"]
    shown = run(runner, indexed, "show", doc_id[:6], "--format", "json")
    data = json.loads(shown.stdout)
    assert data["id"] == doc_id and set(data) >= DOCUMENT_FIELDS
    assert data["provenance"]["lscb"] == "cover-page"
    text = run(runner, indexed, "show", data["paths"][0])
    assert "Leeds Safeguarding Children Board" in text.stdout and "from cover-page" in text.stdout


def test_show_unknown_exits_1(runner, indexed):
    result = run(runner, indexed, "show", "0000000000ff")
    assert result.exit_code == ExitStatus.FAILED and result.stderr.startswith("Error: no document")


def test_facets_text_and_json(runner, indexed):
    data = json.loads(run(runner, indexed, "facets", "--format", "json").stdout)
    assert set(data) == {"age_band", "year", "lscb", "review_type", "nation", "theme", "section"}
    assert data["age_band"]["unknown"] == 1
    filtered = json.loads(
        run(runner, indexed, "facets", "conditions", "--year", "2015", "--format", "json").stdout
    )
    assert filtered["year"] == {"2015": 1}
    text = run(runner, indexed, "facets")
    assert "Age band" in text.stdout and "Knowsley Safeguarding Children Board" in text.stdout


# ---------------------------------------------------------------- remove


def test_remove_by_id_and_by_path_and_missing(runner, tmp_path):
    index_dir = str(tmp_path / "ix")
    a = make_pdf(tmp_path / "a.pdf", [["first report"]])
    b = make_pdf(tmp_path / "b.pdf", [["second report"]])
    runner.invoke(main, ["--index", index_dir, "ingest", str(a), str(b)])
    listing = json.loads(runner.invoke(main, ["--index", index_dir, "list", "--format", "json"]).stdout)
    by_path = {d["paths"][0]: d["id"] for d in listing}
    result = runner.invoke(main, ["--index", index_dir, "remove", by_path[str(a)], str(b), "ffff0000ffff"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stdout.count("Removed") == 2
    assert "ffff0000ffff" in result.stderr
    left = json.loads(runner.invoke(main, ["--index", index_dir, "list", "--format", "json"]).stdout)
    assert left == []


# ---------------------------------------------------------------- help and helpers


def test_help_teaches(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "search", "list", "show", "facets", "remove"):
        assert command in result.stdout
    assert "Examples" in runner.invoke(main, ["search", "--help"]).stdout


@pytest.mark.parametrize(
    ("years", "text"),
    [
        (0.02, "7 days"),
        (0.12, "6 weeks"),
        (0.42, "5 months"),
        (2.5, "2 years 6 months"),
        (15.0, "15 years"),
    ],
)
def test_format_age(years, text):
    assert format_age(years) == text


# ---------------------------------------------------------------- end to end


def test_end_to_end_as_a_subprocess(tmp_path, corpus):
    env = {**os.environ, "CASEREVIEWS_INDEX": str(tmp_path / "ix")}
    folder = str(next(iter(corpus.values())).parent)
    command = [sys.executable, "-m", "cli"]
    ingest = subprocess.run(
        [*command, "ingest", folder, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout)["added"] == 5
    found = subprocess.run(
        [*command, "search", '"disguised compliance"', "--age-band", "under-1", "--format", "json"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    assert data["total"] == 1 and data["hits"][0]["snippets"][0]["page"] == 3
    bad = subprocess.run([*command, "search", "OR"], env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("Error:") and bad.stdout == ""


BABY, TODDLER, TEEN = (
    "Serious Case Review: Baby F",
    "Child P SCR",
    "Local Child Safeguarding Practice Review: Child M",
)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("compliance", {"Serious Case Review: Baby F", "Child P SCR"}),
        ('"disguised compliance"', {"Serious Case Review: Baby F", "Child P SCR"}),
        ("disguise", {"Serious Case Review: Baby F", "Child P SCR"}),  # stemmed bare word
        ('"disguise"', set()),  # exact inside quotes
        ("compliance AND tenancy", {"Serious Case Review: Baby F"}),
        ("exploitation OR tenancy", {BABY, TEEN}),
        ('"information sharing" NOT tenancy', {TODDLER, TEEN}),
        ('"information sharing" -tenancy', {TODDLER, TEEN}),
        ("(exploitation OR tenancy) AND compliance", {"Serious Case Review: Baby F"}),
        ('"compliance disguised"~2', {"Serious Case Review: Baby F", "Child P SCR"}),
        ("exploit*", {"Local Child Safeguarding Practice Review: Child M"}),
        ("explotation~", {"Local Child Safeguarding Practice Review: Child M"}),
        ('title:"family t"', {"Serious Case Review: Family T"}),
        ("lscb:knowsley", {"Child AB SCR"}),
        ("year:2015", {"Serious Case Review: Family T"}),
        ('"unclosed phrase', set()),
    ],
)
def test_every_query_form_through_the_cli(runner, indexed, query, titles):
    result = run(runner, indexed, "search", query, "--limit", "50", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {hit["title"] for hit in json.loads(result.stdout)["hits"]} == titles


def test_progress_bar_shows_files_rate_and_eta(monkeypatch, capsys):
    import index
    from commands.ingesting import ProgressBar
    from search.terminal import Environment

    bar = ProgressBar(Environment(stderr_tty=True, width=100))
    bar(index.Progress(done=5, total=10, pages=100, path="/x/report.pdf", elapsed=2.0))
    bar.clear()
    err = capsys.readouterr().err
    assert "5/10 files" in err and "50 pages/s" in err and "ETA 0:02" in err and "report.pdf" in err


def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(capsys):
    import index
    from commands.ingesting import ProgressBar
    from search.terminal import Environment

    bar = ProgressBar(Environment.from_os())  # pytest's stderr is not a terminal
    bar(index.Progress(done=1, total=2, pages=3, path="a.pdf", elapsed=1.0))
    assert capsys.readouterr().err == ""


def test_list_sorted_by_title(runner, indexed):
    result = run(runner, indexed, "list", "--sort", "title", "--format", "jsonl")
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert titles == sorted(titles, key=str.lower) and len(titles) == 5


def test_empty_index_lists_nothing(runner, tmp_path):
    from index import IndexStore

    IndexStore.open(tmp_path / "ix", create=True).close()
    result = runner.invoke(main, ["--index", str(tmp_path / "ix"), "list", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    searched = runner.invoke(main, ["--index", str(tmp_path / "ix"), "search", "neglect", "--format", "json"])
    assert json.loads(searched.stdout)["total"] == 0


# ---------------------------------------------------------------- a CLI that never surprises


def test_a_query_starting_with_a_dash_is_a_negation(runner, indexed):
    everything = json.loads(run(runner, indexed, "list", "--format", "json").stdout)
    with_word = json.loads(run(runner, indexed, "search", "neglect", "--format", "json").stdout)["total"]
    for args in (["search", "-neglect", "--format", "json"], ["search", "--format", "json", "-neglect"]):
        result = run(runner, indexed, *args)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["total"] == len(everything) - with_word
    facets = json.loads(run(runner, indexed, "facets", "-neglect", "--format", "json").stdout)
    assert sum(facets["year"].values()) == len(everything) - with_word


def test_index_option_after_the_command(runner, indexed, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEREVIEWS_INDEX", str(tmp_path / "elsewhere"))
    for args in (
        ["search", "neglect", "--index", str(indexed)],
        ["list", "--index", str(indexed)],
        ["facets", "--index", str(indexed)],
        ["show", "--index", str(indexed), "bexley-baby-f.pdf"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "no index at" not in result.output, args
    listed = runner.invoke(main, ["list", "--format", "json", "--index", str(indexed)])
    assert len(json.loads(listed.stdout)) == 5


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "ris", "bibtex"])
def test_machine_exports_say_when_they_were_cut_and_limit_all_writes_every_hit(runner, indexed, fmt):
    total = json.loads(run(runner, indexed, "search", "the", "--format", "json", "--limit", "all").stdout)
    assert total["total"] == len(total["hits"]) > 2
    cut = run(runner, indexed, "search", "the", "--format", fmt, "--limit", "2")
    assert f"of {total['total']}" in cut.stderr and "--limit all" in cut.stderr
    whole = run(runner, indexed, "search", "the", "--format", fmt, "--limit", "all")
    assert "Note:" not in whole.stderr
    if fmt == "jsonl":
        assert len(whole.stdout.splitlines()) == total["total"]
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(whole.stdout)))) == total["total"]
    bad = run(runner, indexed, "search", "the", "--limit", "lots")
    assert bad.exit_code == 2 and "'all'" in bad.output


def test_a_closed_pipe_is_not_an_error(indexed):
    # "casereviews list | head -1": the reader goes away before the output is written
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "--index", str(indexed), "list", "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    with process.stderr:
        error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, error
    assert "Traceback" not in error and "Error" not in error


def test_an_id_prefix_too_short_says_so(runner, indexed):
    result = run(runner, indexed, "show", "4f")
    assert result.exit_code == 1 and "too short" in result.stderr and "at least 4" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["show", "ffffffffffff"], "List ids with: casereviews list"),
        (["list"], "casereviews ingest PATH"),
    ],
)
def test_the_cli_words_the_remedy_the_library_names(runner, indexed, tmp_path, args, words):
    index_dir = indexed if args[0] == "show" else tmp_path / "none"
    result = run(runner, index_dir, *args)
    assert result.exit_code in (1, 3) and words in result.stderr


def test_an_index_from_another_version_names_reindex_and_ingest_force(runner, tmp_path):
    from index import IndexStore

    path = make_pdf(tmp_path / "a.pdf", [["Serious Case Review", "home conditions"]])
    assert run(runner, tmp_path / "ix", "ingest", str(path)).exit_code == 0
    with IndexStore.open(tmp_path / "ix") as store:
        store.catalog.set_meta("schema_version", "3")
    result = run(runner, tmp_path / "ix", "list")
    assert result.exit_code == 3
    assert "casereviews reindex" in result.stderr and "casereviews ingest --force" in result.stderr
    # sections are read from the stored text by reindex: they are not among the fields left unknown
    assert "get their sections from that text" in result.stderr
    assert "section" not in result.stderr.split("Fields added since", 1)[1]


def test_text_results_say_how_to_see_the_rest(runner, indexed):
    for limit in (1, 2, 3):  # PDF hits (with match pages) and HTML hits alike
        cut = run(runner, indexed, "search", "the", "--limit", str(limit))
        assert f"More: add --offset {limit} (or --limit all)." in cut.stdout, limit
    whole = run(runner, indexed, "search", "the", "--limit", "all")
    assert "More:" not in whole.stdout


def test_a_renamed_board_is_found_by_either_name_and_keeps_the_name_printed(runner, tmp_path):
    folder = tmp_path / "renamed"
    folder.mkdir()
    for name, board in (
        ("old", "Cwm Taf Safeguarding Board"),
        ("new", "Cwm Taf Morgannwg Safeguarding Board"),
    ):
        make_pdf(folder / f"{name}.pdf", [[board, "Child Practice Review: Child F", "Published: 3 May 2019"],
                                          ["The review considers information sharing."]])  # fmt: skip
    index = tmp_path / "index"
    assert runner.invoke(main, ["--index", str(index), "ingest", str(folder)]).exit_code == 0
    for needle in ("cwm taf morgannwg", "morgannwg", "cwm taf"):
        listing = json.loads(run(runner, index, "list", "--lscb", needle, "--format", "json").stdout)
        assert sorted(d["lscb"] for d in listing) == [
            "Cwm Taf Morgannwg Safeguarding Board",
            "Cwm Taf Safeguarding Board",
        ], needle
    assert json.loads(run(runner, index, "list", "--lscb", "gwent", "--format", "json").stdout) == []
