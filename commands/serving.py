"""``serve``: the local web page (the ``web`` extra)."""

from __future__ import annotations

import signal

import click

from .common import (
    REMEDIES,
    ExitStatus,
    fail,
    index_path,
)

# ---------------------------------------------------------------- serve


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets other machines read the index.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, open_browser: bool) -> None:
    """Serve a local, read-only web page: search box, facets, snippets with page links, statistics.

    For people who do not use a terminal: the page has the same query language,
    filters and exports (CSV, RIS, BibTeX) as the commands, and every page's
    address holds its state, so it can be bookmarked. Nothing is written to the
    index. Needs the web extra: pip install 'casereviews[web]'.

    \b
    Examples:
      casereviews serve --open
      casereviews serve --port 8080 --index /srv/reviews-index
    """
    try:
        import web
    except ImportError:
        fail(f"the web page needs Flask. {REMEDIES['web-extra']}", ExitStatus.USAGE)
    try:
        server = web.serve(index_path(ctx), host, port)
    except OSError as exc:
        fail(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port", ExitStatus.USAGE
        )
    if not web.is_loopback(host):
        click.echo(
            f"Warning: listening on {host}: anyone who can reach this machine can read the index "
            "and open its reports.",
            err=True,
        )
    click.echo(f"Serving {index_path(ctx)} at {server.url} (Ctrl-C stops)")
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    # Ctrl-C and a polite kill both stop the server: a shell that started us in the background set
    # SIGINT to "ignore" (seen under CI), and a service manager stops with SIGTERM
    stopping = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.serve_forever()  # Werkzeug returns on KeyboardInterrupt
    finally:
        server.shutdown()
        for sig, previous in stopping.items():
            signal.signal(sig, previous)
    click.echo("Stopped.", err=True)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


#: This module's commands, as ``cli.py`` registers them.
COMMANDS = (serve,)
