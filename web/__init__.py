"""The web face: a local, read-only page over an index (search, facets, documents, statistics).

It sits beside ``cli.py`` above the search floor; Flask and Werkzeug stay inside
this package. Install with the ``web`` extra (``pip install 'casereviews[web]'``).
"""

from .app import SAFE_HEADERS, create_app
from .server import WebServer, is_loopback, serve

__all__ = ["SAFE_HEADERS", "WebServer", "create_app", "is_loopback", "serve"]
