"""The fact feed: the store published as JSON over HTTP (FastAPI) and as static files.

``create_app(home)`` is the read-only HTTP API (``fupin serve``), with the fact explorer's
HTML pages for browsers (fupin.feed.web);
``export_feed(home, out_dir)`` writes the same data as files (``fupin feed export``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "export_feed"]


def create_app(home: Any, **kwargs: Any) -> Any:
    """The FastAPI app serving the store under ``home`` read-only (see fupin.feed.app)."""
    from fupin.feed.app import create_app as _create_app

    return _create_app(home, **kwargs)


def export_feed(home: Any, out_dir: Any, **kwargs: Any) -> Any:
    """Write the feed as static files (see fupin.feed.export)."""
    from fupin.feed.export import export_feed as _export_feed

    return _export_feed(home, out_dir, **kwargs)
