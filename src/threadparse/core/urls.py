"""URLs as readers meet them: ``urllib.parse.urlsplit`` raises ``ValueError`` on
some broken ones (``http://[::1``, a bracketed host that is not an address), and
``parse`` never raises, so every reader splits them here.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def split_url(url: str) -> SplitResult | None:
    """The URL's parts, or None when it cannot be split."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def host_of(url: str | None) -> str | None:
    """The URL's host (lowercase, no port), or None: no URL, no host, or unreadable."""
    parts = None if url is None else split_url(url)
    if parts is None:
        return None
    try:
        return parts.hostname
    except ValueError:
        return None


def path_of(url: str) -> str:
    """The URL's path; "" when it cannot be split."""
    parts = split_url(url)
    return "" if parts is None else parts.path
