"""Serving the web page: Werkzeug's threaded WSGI server, bound to loopback unless asked otherwise."""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from index import IndexStore

from .app import LOOPBACK_HOSTS, create_app


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to any interface


@dataclass
class WebServer:
    """A running page server: its address, and how to run and stop it."""

    server: BaseWSGIServer
    _serving: bool = False

    @property
    def url(self) -> str:
        """The address to open (``http://127.0.0.1:8000/``)."""
        host, port = str(self.server.host), self.server.port
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` or Ctrl-C (then Werkzeug returns quietly)."""
        self._serving = True
        self.server.serve_forever()

    def serve_in_thread(self) -> threading.Thread:
        """Answer requests in a daemon thread (tests and benchmarks); returns the thread."""
        self._serving = True
        thread = threading.Thread(target=self.server.serve_forever, name="casereviews-web", daemon=True)
        thread.start()
        return thread

    def shutdown(self) -> None:
        """Stop serving (if it ever started: waiting for a loop that never ran would hang) and close."""
        if self._serving:
            self.server.shutdown()
            self._serving = False
        self.server.server_close()


def serve(index_dir: str | Path, host: str = "127.0.0.1", port: int = 8000) -> WebServer:
    """A server for the web page over the index at ``index_dir``, bound and ready to run.

    The index is opened once first, so a missing or old index is reported here
    (as the CLI's other commands report it) and not on the first page load.
    Port 0 picks a free port. Raises ``OSError`` when the address is taken.
    """
    IndexStore.open(index_dir).close()
    # on loopback only local names are answered; exposed on purpose, any name the machine has
    app = create_app(index_dir, trusted_hosts=LOOPBACK_HOSTS if is_loopback(host) else None)
    # bind here, not in Werkzeug: on a taken port it prints and calls sys.exit; we raise OSError
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        sock.listen(128)
        # Werkzeug duplicates the descriptor; ours closes when this block ends
        return WebServer(make_server(address, port, app, threaded=True, fd=sock.fileno()))
