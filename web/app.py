"""The web page's routes: read-only, server-rendered, every value escaped.

Flask was chosen for its test client, Jinja's autoescaping and Werkzeug's
threaded server (see docs/ARCHITECTURE.md); it stays inside this package. Each
request opens the index, as each CLI command does, so a page always shows the
last committed ingest. No route writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, abort, render_template, request, send_file
from werkzeug.wrappers import Response

import search
from index import IndexStore
from index.facets import FACETS
from ingest import SLUG_FIELDS, Document
from ingest.errors import CaseReviewsError
from ingest.registry import extractor_for
from search import Filters, renderers
from search.text import format_age, plural, summary_line

from .state import SORT_LABELS, PageState, page_numbers
from .views import chart, facet_panels, hit_view, marked

#: Results on one page.
PAGE_SIZE = 20
#: Export formats offered under the results (the renderer registry's record formats).
EXPORTS = tuple(renderers.formats("records"))
#: A document id in a URL: hex digits only, so no path or prefix trick reaches a file.
_ID = re.compile(r"[0-9a-f]{4,64}")
#: Headers on every response: no inline script, no framing, no type sniffing, no referrer leaks.
SAFE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
#: An original HTML report is hostile content: served sandboxed (no script, its own origin).
_SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"


#: Host names a page served on loopback answers to: a web page elsewhere that rebinds its own
#: domain name to 127.0.0.1 (DNS rebinding) sends its name in the Host header and gets a 400.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def create_app(index_dir: str | Path, *, trusted_hosts: Sequence[str] | None = LOOPBACK_HOSTS) -> Flask:
    """The web application over the index at ``index_dir``.

    Requests naming another host are refused unless ``trusted_hosts`` is None (``--host`` exposed it).
    """
    app = Flask(__name__)
    app.config["INDEX_DIR"] = str(index_dir)
    trusted = None if trusted_hosts is None else {h.lower() for h in trusted_hosts}
    app.jinja_env.filters["marked"] = marked
    app.jinja_env.filters["age"] = format_age
    app.jinja_env.globals.update(
        plural=plural,
        summary_line=summary_line,
        sort_labels=SORT_LABELS,
        exports=EXPORTS,
        slug_fields=SLUG_FIELDS,
    )

    @app.before_request
    def known_host() -> None:
        # our own check: Werkzeug's trusted-host list cannot name an IPv6 address ("[::1]")
        if trusted is not None and _host_name(request.host) not in trusted:
            abort(400)

    @app.after_request
    def safe_headers(response: Response) -> Response:
        for name, value in SAFE_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return render_template("error.html", title="Not found", message="There is no such page."), 404

    @app.errorhandler(CaseReviewsError)
    def index_error(error: CaseReviewsError) -> tuple[str, int]:
        return render_template("error.html", title="The index cannot be read", message=str(error)), 503

    @contextmanager
    def store() -> Iterator[IndexStore]:
        with IndexStore.open(app.config["INDEX_DIR"]) as opened:
            yield opened

    @app.get("/")
    def search_page() -> tuple[str, int]:
        """Search box, facets with counts, results with snippets and page links."""
        state = PageState.from_args(request.args)
        offset = (state.page - 1) * PAGE_SIZE
        page: dict[str, Any] = {"state": state, "error": None, "items": [], "total": 0, "suggestion": None,
                                "offset": offset}  # fmt: skip
        with store() as opened:
            try:
                filters = state.filters()
                if state.q:
                    result = search.search(
                        opened,
                        state.q,
                        filters,
                        limit=PAGE_SIZE,
                        offset=offset,
                        sort=state.effective_sort(),
                    )
                    page.update(total=result.total, suggestion=result.suggestion, counts=result.facets)
                    page["items"] = [hit_view(hit) for hit in result.hits]
                else:
                    documents = search.list_documents(opened, filters, sort=state.effective_sort())
                    shown = documents[offset : offset + PAGE_SIZE]
                    page.update(total=len(documents), counts=search.facet_counts(opened, None, filters))
                    page["items"] = [hit_view(search.Hit(d, 0.0)) for d in shown]
                page["facets"] = facet_panels(opened, state, filters, page["counts"])
            except (search.QueryError, search.FilterError) as exc:
                page["error"] = str(exc)
                page["facets"] = facet_panels(opened, state, Filters(), search.facet_counts(opened))
            documents_in_index = opened.counts()[0]
        pages = max(1, -(-page["total"] // PAGE_SIZE))
        page.update(
            pages=pages,
            page_links=page_numbers(min(state.page, pages), pages),
            sorts=("relevance", "-published", "published")
            if state.q
            else ("-published", "published", "title"),
            in_index=documents_in_index,
        )
        return render_template("search.html", **page), 400 if page["error"] else 200

    @app.get("/doc/<doc_id>")
    def document_page(doc_id: str) -> str:
        """One review: metadata with provenance, corrections, theme evidence, similar reviews."""
        with store() as opened:
            document = _document(opened, doc_id)
            similar = search.similar(opened, document.id, limit=5)
        return render_template("document.html", doc=document, similar=similar)

    @app.get("/doc/<doc_id>/page/<int:number>")
    def page_text(doc_id: str, number: int) -> str:
        """The stored text of one page of a review (HTML reports are one page)."""
        with store() as opened:
            document = _document(opened, doc_id)
            pages = opened.pages(document.id)
        if not 1 <= number <= len(pages):
            abort(404)
        return render_template(
            "page.html", doc=document, number=number, count=len(pages), text=pages[number - 1],
            q=(request.args.get("q") or "")[:200],
        )  # fmt: skip

    @app.get("/file/<doc_id>")
    def original_file(doc_id: str) -> Response:
        """The indexed file itself (a PDF opens at ``#page=N``); only files the index holds."""
        with store() as opened:
            document = _document(opened, doc_id, exact=True)
        path = next((Path(p) for p in document.paths if Path(p).is_file()), None)
        if path is None:
            abort(404)
        media_type = extractor_for(document.format).media_types[0]
        response = send_file(path, mimetype=media_type, conditional=True, download_name=path.name)
        response.headers["Content-Disposition"] = "inline"
        if not media_type.endswith("pdf"):
            response.headers["Content-Security-Policy"] = _SANDBOX
        return response

    @app.get("/stats")
    def stats_page() -> tuple[str, int]:
        """Reviews counted by age band and year (or two other facets), as a table and a chart."""
        state = PageState.from_args(request.args)
        rows_by = request.args.get("rows") or "age_band"
        columns_by = request.args.get("columns") or "year"
        context: dict[str, Any] = {"state": state, "error": None, "table": None, "rows_by": rows_by,
                                   "columns_by": columns_by, "facet_names": list(FACETS)}  # fmt: skip
        with store() as opened:
            try:
                table = search.research.cross_tab(
                    opened, [rows_by, columns_by], state.q or None, state.filters()
                )
                context.update(table=table, chart=chart(table))
            except (search.QueryError, search.FilterError) as exc:
                context["error"] = str(exc)
        return render_template("stats.html", **context), 400 if context["error"] else 200

    @app.get("/export.<fmt>")
    def export(fmt: str) -> Response:
        """Every result of the current search or listing, in a registered record format."""
        if fmt not in EXPORTS:
            abort(404)
        state = PageState.from_args(request.args)
        with store() as opened:
            try:
                filters = state.filters()
                if state.q:
                    items: list[Any] = list(
                        search.search(opened, state.q, filters, limit=None, sort=state.effective_sort()).hits
                    )
                    kind = "hits"
                else:
                    items = search.list_documents(opened, filters, sort=state.effective_sort())
                    kind = "documents"
            except (search.QueryError, search.FilterError) as exc:
                return Response(f"{exc}\n", status=400, mimetype="text/plain")
        renderer = renderers.RENDERERS[fmt]
        body = renderers.render_records(fmt, items, kind)
        response = Response(body, mimetype=renderer.media_type)
        response.headers["Content-Disposition"] = f'attachment; filename="casereviews.{renderer.extension}"'
        return response

    return app


def _host_name(host: str) -> str:
    """A Host header without its port: "localhost:8000" -> "localhost", "[::1]:8000" -> "[::1]"."""
    name = host if host.endswith("]") or ":" not in host else host.rsplit(":", 1)[0]
    return name.lower()


def _document(store: IndexStore, doc_id: str, *, exact: bool = False) -> Document:
    """The document with this id (or, unless ``exact``, unique id prefix); 404 for anything else."""
    if not _ID.fullmatch(doc_id):
        abort(404)
    if exact:
        found = store.documents([doc_id])
        if not found:
            abort(404)
        return found[0]
    try:
        return store.resolve(doc_id)
    except CaseReviewsError:
        abort(404)
