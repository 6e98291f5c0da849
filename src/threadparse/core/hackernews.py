"""What Hacker News's three forms (JSON, a page's HTML, a page's copied text)
say alike: the site's address and who a user is."""

from __future__ import annotations

from threadparse.core.models import Author

SITE = "https://news.ycombinator.com"


def hn_author(name: str) -> Author:
    """An HN user: the name is the username, and the profile is ``/user?id=NAME``."""
    return Author(
        name=name,
        display_name=name,
        instance=None,
        pronouns=(),
        badges=(),
        username=name,
        url=f"{SITE}/user?id={name}",
    )
