"""The web page's routes through Flask's test client, checked against the library's own answers."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import bibtexparser
import pytest
import rispy
from builders import body_page, cover, make_pdf
from conftest import build_reports
from markupsafe import escape

pytest.importorskip("flask")

import search
import web
import web.app
from index import IndexStore, IngestOptions, ingest
from web.state import PageState, page_numbers

HOSTILE_TITLE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'
HOSTILE_TEXT = "The note read <img src=x onerror=alert(1)> beside the neglect concerns."


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared small collection plus a report that discusses neglect (so it carries a theme)."""
    folder = tmp_path_factory.mktemp("web-corpus")
    build_reports(folder)
    neglect = "The children lived with chronic neglect; neglect of their health needs was not recognised."
    make_pdf(
        folder / "york-child-n.pdf",
        [
            cover(
                "City of York Safeguarding Children Board",
                "Serious Case Review: Child N",
                "Published: 2 February 2018",
            ),
            body_page("1.1 Child N, aged 3, was the youngest of four children.", neglect),
            [
                ("2. Findings", 14.0),
                *body_page("Finding 1: Neglect was not recognised by universal services.", neglect),
            ],
            body_page("3.1 Health visitors saw the home conditions.", neglect),
        ],
    )
    directory = tmp_path_factory.mktemp("web-index")
    with IndexStore.open(directory, create=True) as opened:
        report = ingest(opened, [folder], IngestOptions(jobs=2))
    assert report.failed == 0, report.failures
    return directory


@pytest.fixture(scope="module")
def client(web_index: Path):
    """A test client over the web test index (read-only)."""
    return web.create_app(web_index).test_client()


@pytest.fixture
def store(web_index: Path):
    """The web test index, opened for reading (the library's answers to compare with)."""
    with IndexStore.open(web_index) as opened:
        yield opened


def fetch(client, url: str, **kwargs):
    """A response read in full and closed (a served file stays open until closed)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An index whose one report has a hostile title (set by hand) and hostile text in its body."""
    folder = tmp_path_factory.mktemp("hostile")
    make_pdf(
        folder / "hostile.pdf",
        [
            cover(
                "Rutland Safeguarding Children Board", "Serious Case Review: Child Z", "Published: May 2019"
            ),
            body_page("1.1 Child Z, aged 4, lived with her mother.", HOSTILE_TEXT),
        ],
    )
    directory = tmp_path_factory.mktemp("hostile-index")
    with IndexStore.open(directory, create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        doc_id = store.documents()[0].id
        with store.writer() as writer:
            writer.correct(doc_id, {"title": HOSTILE_TITLE})
    return directory, doc_id


def _text(response) -> str:
    return response.data.decode("utf-8")


def _ids(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/doc/([0-9a-f]+)">', page)


# ---------------------------------------------------------------- search page


def test_search_page_lists_the_library_hits_with_marked_snippets_and_page_links(client, store) -> None:
    expected = search.search(store, '"information sharing"', limit=20)
    page = _text(client.get("/", query_string={"q": '"information sharing"'}))
    assert _ids(page) == [hit.document.id for hit in expected.hits]
    assert f"{expected.total} reviews match" in page
    assert "<mark>information sharing</mark>" in page
    pdf_hit = next(hit for hit in expected.hits if hit.document.pages)
    for snippet in pdf_hit.snippets:
        assert f'href="/file/{pdf_hit.document.id}#page={snippet.page}"' in page
        assert f'href="/doc/{pdf_hit.document.id}/page/{snippet.page}?q=' in page


def test_no_query_lists_every_review_newest_first(client, store) -> None:
    page = _text(client.get("/"))
    assert _ids(page) == [d.id for d in search.list_documents(store, sort="-published")]
    assert f"{len(store.documents())} reviews" in page


def test_facet_sidebar_counts_match_the_library_for_every_registered_facet(client, store) -> None:
    counts = search.facet_counts(store, "neglect")
    page = _text(client.get("/", query_string={"q": "neglect"}))
    for name, values in counts.to_dict().items():
        panel = page.split(f'data-facet="{name}"', 1)[1].split("</fieldset>", 1)[0]
        shown = dict(re.findall(r'value="([^"]+)">.*?<span class="count">(\d+)</span>', panel, re.S))
        if name == "section":  # a property of matches: offered uncounted until one is ticked
            assert shown == {} and 'value="recommendations"' in panel
            continue
        assert {html.unescape(k): int(v) for k, v in shown.items()} == values, name


def test_ticking_a_facet_narrows_results_and_keeps_its_siblings_counted(client, store) -> None:
    page = _text(client.get("/", query_string={"age_band": "under-1"}))
    narrowed = search.list_documents(store, search.Filters.build(age_bands=["under-1"]))
    assert _ids(page) == [d.id for d in narrowed]
    panel = page.split('data-facet="age_band"', 1)[1].split("</fieldset>", 1)[0]
    # the other bands are counted as if under-1 were not ticked, so ticking one adds its reviews
    everything = search.facet_counts(store).age_band
    for band, count in everything.items():
        assert re.search(
            rf'value="{re.escape(band)}"[^>]*>.*?<span class="count">{count}</span>', panel, re.S
        )
    assert 'value="under-1" checked' in panel
    # and the chip that removes the filter goes back to the unfiltered page
    assert 'Age band: under-1</span> <a href="/"' in page


def test_two_values_of_one_facet_are_alternatives(client, store) -> None:
    page = _text(client.get("/?age_band=under-1&age_band=11-15"))
    wanted = search.list_documents(store, search.Filters.build(age_bands=["under-1", "11-15"]))
    assert len(wanted) == 2
    assert sorted(_ids(page)) == sorted(d.id for d in wanted)


def test_pagination_carries_the_state(client, store, monkeypatch) -> None:
    monkeypatch.setattr(web.app, "PAGE_SIZE", 2)
    everything = [d.id for d in search.list_documents(store, sort="published")]
    first = _text(client.get("/?sort=published"))
    second = _text(client.get("/?sort=published&page=2"))
    assert _ids(first) == everything[:2]
    assert _ids(second) == everything[2:4]
    assert 'rel="next" href="/?sort=published&amp;page=2"' in first
    assert "page 2 of 3" in second


def test_a_bad_query_is_one_line_and_status_400(client) -> None:
    response = client.get("/", query_string={"q": "neglect AND"})
    assert response.status_code == 400
    assert re.search(r'<p class="error" role="alert">AND needs a term after it[^<]*</p>', _text(response))
    assert 'value="neglect AND"' in _text(response)  # the query stays in the box to be fixed


def test_a_bad_filter_value_is_reported_not_raised(client) -> None:
    response = client.get("/?age_band=teenager")
    assert response.status_code == 400
    assert "unknown value &#39;teenager&#39;" in _text(response)


def test_did_you_mean_links_the_respelt_query(client) -> None:
    page = _text(client.get("/?q=neglct"))
    assert 'Did you mean <a href="/?q=neglect">neglect</a>?' in page


def test_query_language_facet_fields_work_in_the_box(client, store) -> None:
    page = _text(client.get("/", query_string={"q": "theme:neglect OR nation:wales"}))
    expected = search.search(store, "theme:neglect OR nation:wales", limit=20)
    assert _ids(page) == [h.document.id for h in expected.hits]
    assert _ids(page)


# ---------------------------------------------------------------- document, page text and files


def test_document_page_shows_metadata_provenance_evidence_and_similar(client, store) -> None:
    document = next(d for d in store.documents() if d.metadata.theme_evidence and d.pages)
    page = _text(client.get(f"/doc/{document.id}"))
    assert html.escape(document.lscb or "") in page
    assert document.published in page
    found = document.metadata.provenance["lscb"]
    assert f'<a href="/doc/{document.id}/page/{found.page}">page {found.page}</a>' in page
    for slug in document.metadata.theme_evidence:
        assert f'href="/?theme={slug}">{slug}</a>' in page
    similar = search.similar(store, document.id, limit=5)
    assert similar and all(f'href="/doc/{hit.document.id}"' in page for hit in similar)


def test_document_page_marks_hand_corrections(tmp_path: Path, corpus) -> None:
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [corpus["baby"]], IngestOptions(jobs=1))
        doc_id = store.documents()[0].id
        with store.writer() as writer:
            writer.correct(doc_id, {"lscb": "Bexley Safeguarding Partnership"})
    page = _text(web.create_app(tmp_path / "ix").test_client().get(f"/doc/{doc_id}"))
    row = page.split('<th scope="row">Board</th>', 1)[1].split("</tr>", 1)[0]
    assert "Bexley Safeguarding Partnership" in row and "corrected by hand" in row
    assert "Corrected by hand</th><td>lscb" in page


def test_page_text_is_the_stored_page(client, store) -> None:
    document = next(d for d in store.documents() if (d.pages or 0) >= 3)
    page = _text(client.get(f"/doc/{document.id}/page/2"))
    assert html.escape(store.pages(document.id)[1]) in page
    assert f'href="/doc/{document.id}/page/1"' in page and f'href="/doc/{document.id}/page/3"' in page
    assert client.get(f"/doc/{document.id}/page/{document.pages + 1}").status_code == 404
    assert client.get(f"/doc/{document.id}/page/0").status_code == 404


def test_original_files_are_served_by_id_only(client, store, corpus) -> None:
    pdf = next(d for d in store.documents() if d.format == "pdf")
    response = fetch(client, f"/file/{pdf.id}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data == Path(pdf.paths[0]).read_bytes()
    html_doc = next(d for d in store.documents() if d.format == "html")
    response = fetch(client, f"/file/{html_doc.id}")
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    for bad in (
        "/file/000000000000",
        "/file/..%2F..%2Fetc%2Fpasswd",
        "/file/../../etc/passwd",
        f"/file/{pdf.id[:6]}",  # a prefix names a document on other pages, never a file
        "/file/" + str(corpus["baby"]).replace("/", "%2F"),
        "/doc/not-an-id",
    ):
        assert fetch(client, bad).status_code == 404, bad


def test_a_file_gone_from_disk_is_404(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    report = make_pdf(folder / "r.pdf", [cover("Leeds Safeguarding Children Board", "SCR: Child A")])
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        doc_id = store.documents()[0].id
    client = web.create_app(tmp_path / "ix").test_client()
    assert fetch(client, f"/file/{doc_id}").status_code == 200
    report.unlink()
    assert fetch(client, f"/file/{doc_id}").status_code == 404


# ---------------------------------------------------------------- exports and statistics


def test_csv_export_holds_every_result_not_just_the_page(client, store, monkeypatch) -> None:
    monkeypatch.setattr(web.app, "PAGE_SIZE", 1)
    expected = search.search(store, "sharing", limit=None)
    response = client.get("/export.csv?q=sharing")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_text(response))))
    assert [r["id"] for r in rows] == [h.document.id for h in expected.hits]
    assert expected.total > 1


def test_ris_bibtex_and_json_exports_parse_and_follow_the_filters(client, store) -> None:
    wanted = [d.id for d in search.list_documents(store, search.Filters.build(nations=["england"]))]
    ris = rispy.loads(_text(client.get("/export.ris?nation=england")))
    assert [entry["id"] for entry in ris] == wanted
    bib = bibtexparser.loads(_text(client.get("/export.bibtex?nation=england")))
    assert len(bib.entries) == len(wanted)
    records = json.loads(_text(client.get("/export.json?nation=england")))
    assert [r["id"] for r in records] == wanted
    assert client.get("/export.exe").status_code == 404
    assert client.get("/export.csv?q=(").status_code == 400


def test_stats_page_table_matches_the_library_cross_tab(client, store) -> None:
    table = search.research.cross_tab(store, ["age_band", "year"])
    page = _text(client.get("/stats"))
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    for row in table.rows:
        cells = re.search(rf'<th scope="row">{re.escape(row)}</th>(.*?)</tr>', body, re.S)
        assert cells, row
        numbers = re.findall(r"<td>(\d*)</td>", cells.group(1))
        assert numbers == [str(table.count(row, c) or "") for c in table.columns] + [
            str(table.row_total(row))
        ]
    bars = re.findall(r"<rect x=", page.split("<figure", 1)[1].split("<figcaption", 1)[0])
    assert len(bars) == sum(1 for r in table.rows for c in table.columns if table.count(r, c))


def test_stats_page_follows_query_and_other_facets(client, store) -> None:
    table = search.research.cross_tab(store, ["nation", "review_type"], "neglect")
    page = _text(client.get("/stats?q=neglect&rows=nation&columns=review_type"))
    assert table.documents > 1
    assert f"{table.documents} reviews matching" in page
    assert client.get("/stats?rows=colour").status_code == 400


# ---------------------------------------------------------------- safety


def test_every_response_carries_the_safe_headers(client, store) -> None:
    doc = store.documents()[0]
    for url in ("/", "/?q=(", f"/doc/{doc.id}", "/stats", "/nowhere", "/export.csv", "/static/style.css"):
        headers = fetch(client, url).headers
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert "script-src 'self'" in headers["Content-Security-Policy"], url
        assert "unsafe-inline" not in headers["Content-Security-Policy"], url


def test_templates_hold_no_inline_script_or_style() -> None:
    folder = Path(web.__file__).parent / "templates"
    for template in folder.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert not re.search(r"\son\w+=", text), template.name
        assert "style=" not in text and "<style" not in text, template.name


def test_hostile_title_query_and_text_are_shown_as_text(hostile_index) -> None:
    directory, doc_id = hostile_index
    client = web.create_app(directory).test_client()
    for url in ("/", "/?q=neglect", f"/doc/{doc_id}", f"/doc/{doc_id}/page/2"):
        page = _text(client.get(url))
        assert "<script>window" not in page and "<img src=x" not in page, url
    listing = _text(client.get("/"))
    assert str(escape(HOSTILE_TITLE)) in listing
    hits = _text(client.get("/?q=neglect"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in hits
    query = '"><script>window.__pwned=3</script>'
    page = _text(client.get("/", query_string={"q": query}))
    assert "<script>window" not in page
    assert f'value="{escape(query)}"' in page


def test_marked_escapes_before_marking() -> None:
    from web.views import marked

    assert str(marked("a «b» <i>c</i> «d")) == "a <mark>b</mark> &lt;i&gt;c&lt;/i&gt; «d"
    assert str(marked("«<b>»")) == "<mark>&lt;b&gt;</mark>"


# ---------------------------------------------------------------- URL state


def test_state_round_trips_through_its_url() -> None:
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("q", "neglect"), ("age_band", "under-1"), ("age_band", "1-5"), ("year", "2015"),
                      ("published_from", "2014"), ("sort", "published"), ("page", "3")])  # fmt: skip
    state = PageState.from_args(args)
    again = PageState.from_args(MultiDict(PageState.from_args(args).params()))
    assert again == state
    assert state.facets["age_band"] == ("under-1", "1-5")
    assert (
        state.url(page=1)
        == "/?q=neglect&age_band=under-1&age_band=1-5&year=2015&published_from=2014&sort=published"
    )
    assert "page=" not in state.toggled("year", "2015")  # a changed filter goes back to page 1
    assert PageState.from_args(MultiDict([("page", "-4"), ("sort", "evil")])) == PageState()


def test_page_numbers_show_ends_and_neighbours() -> None:
    assert page_numbers(1, 1) == [1]
    assert page_numbers(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert page_numbers(2, 4) == [1, 2, 3, 4]


# ---------------------------------------------------------------- serving


def test_serve_binds_loopback_and_answers_over_http(web_index: Path) -> None:
    server = web.serve(web_index, "127.0.0.1", 0)
    server.serve_in_thread()
    try:
        assert server.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(server.url + "?q=neglect", timeout=10) as response:
            assert response.status == 200
            assert b"<mark>neglect</mark>" in response.read()
    finally:
        server.shutdown()


def test_serve_reports_a_missing_index_before_listening(tmp_path: Path) -> None:
    from index import IndexMissingError

    with pytest.raises(IndexMissingError):
        web.serve(tmp_path / "none", "127.0.0.1", 0)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert web.is_loopback(host) is loopback


# ---------------------------------------------------------------- the serve command


def _start(index_dir: Path, *args: str) -> subprocess.Popen[str]:
    # SIGINT ignored as a background job of a non-interactive shell has it: serve must still stop
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--index", str(index_dir), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_command_prints_the_address_answers_and_stops_on_ctrl_c(web_index: Path, stop) -> None:
    process = _start(web_index)
    try:
        line = process.stdout.readline()
        url = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)", line)
        assert url, line
        with urllib.request.urlopen(url.group(1) + "stats", timeout=10) as response:
            assert response.status == 200
        process.send_signal(stop)
        assert process.wait(timeout=10) == 0
        assert "Stopped." in process.stderr.read()
    finally:
        process.kill()
        process.communicate()


def test_serve_command_warns_when_other_machines_can_reach_it(web_index: Path) -> None:
    process = _start(web_index, "--host", "0.0.0.0")
    try:
        warning = process.stderr.readline()
        assert warning.startswith("Warning: listening on 0.0.0.0: anyone who can reach this machine")
        assert "Serving" in process.stdout.readline()
    finally:
        process.kill()
        process.communicate()


def test_serve_command_names_the_extra_when_flask_is_missing(runner, web_index: Path, monkeypatch) -> None:
    import cli

    monkeypatch.setitem(sys.modules, "web", None)  # as if Flask (and so the web package) were not installed
    result = runner.invoke(cli.main, ["--index", str(web_index), "serve"])
    assert result.exit_code == 2
    assert "pip install 'casereviews[web]'" in result.stderr


def test_serve_command_reports_a_taken_port_and_a_missing_index(runner, web_index: Path, tmp_path) -> None:
    import cli

    server = web.serve(web_index, "127.0.0.1", 0)
    try:
        port = str(server.server.port)
        result = runner.invoke(cli.main, ["--index", str(web_index), "serve", "--port", port])
        assert result.exit_code == 2
        assert (
            f"cannot listen on 127.0.0.1:{port}" in result.stderr and "choose another --port" in result.stderr
        )
    finally:
        server.shutdown()
    result = runner.invoke(cli.main, ["--index", str(tmp_path / "none"), "serve", "--port", "0"])
    assert result.exit_code == 3
    assert "casereviews ingest" in result.stderr


def test_date_and_age_ranges_come_from_the_sidebar_inputs(client, store) -> None:
    page = _text(client.get("/?published_from=2016&max_age=5"))
    expected = search.list_documents(store, search.Filters.build(published_from="2016", max_age=5))
    assert _ids(page) == [d.id for d in expected] and expected
    assert 'name="published_from" value="2016"' in page and 'name="max_age" value="5"' in page
    assert "Published from: 2016</span>" in page  # shown as a removable filter too
    bad = client.get("/?min_age=old")
    assert bad.status_code == 400 and "min age takes a number of years, not &#39;old&#39;" in _text(bad)


def test_a_foreign_host_name_is_refused_on_loopback(web_index: Path) -> None:
    # DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and reads the index
    local = web.create_app(web_index).test_client()
    assert local.get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    for name in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert local.get("/", headers={"Host": name}).status_code == 200, name
    exposed = web.create_app(web_index, trusted_hosts=None).test_client()
    assert exposed.get("/", headers={"Host": "reviews.example.org"}).status_code == 200


def test_the_served_page_refuses_foreign_hosts_over_http(web_index: Path) -> None:
    import http.client

    server = web.serve(web_index, "127.0.0.1", 0)
    server.serve_in_thread()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server.port, timeout=10)
        connection.request("GET", "/", headers={"Host": "evil.example"})
        assert connection.getresponse().status == 400
        connection.close()
    finally:
        server.shutdown()


def test_each_snippet_shows_the_section_it_is_in(client, store) -> None:
    expected = search.search(store, "section:analysis neglect", limit=20)
    page = _text(client.get("/", query_string={"q": "section:analysis neglect"}))
    assert _ids(page) == [hit.document.id for hit in expected.hits] and expected.hits
    quotes = re.findall(r'<blockquote class="snippet">(.*?)</blockquote>', page, re.S)
    shown = [re.findall(r'<span class="section"[^>]*>([^<]+)</span>', q) for q in quotes]
    assert shown == [[s.section] for hit in expected.hits for s in hit.snippets]
    assert all(labels == ["analysis"] for labels in shown)


def test_ticking_a_section_restricts_the_search_and_counts_the_sections_asked(client, store) -> None:
    page = _text(client.get("/", query_string={"q": "neglect", "section": "analysis"}))
    expected = search.search(store, "neglect", search.Filters.build(sections=["analysis"]), limit=20)
    assert _ids(page) == [hit.document.id for hit in expected.hits] and expected.hits
    panel = page.split('data-facet="section"', 1)[1].split("</fieldset>", 1)[0]
    shown = dict(re.findall(r'value="([^"]+)"[^>]*>.*?<span class="count">(\d+)</span>', panel, re.S))
    assert {k: int(v) for k, v in shown.items()} == dict(expected.facets["section"]) == {"analysis": 1}
