"""Page chrome: the site's own lines around a thread, in one vocabulary.

lemmy-ui prints the same lines on every post page: the navigation bar, the
login notice, the sort buttons, the community sidebar and the footer
(components ``navbar``, ``post``, ``sidebar`` and ``footer`` in lemmy-ui;
``../shared/real_ui/README.md`` lists them as each browser gives them). They
belong to the site, not to the thread: readers give them to
``Thread.chrome``, never to the post or a comment, and they are not errors.

Only whole lines are matched, so a comment that says "Login" in a sentence
stays a comment.
"""

from __future__ import annotations

import functools

import regex

#: The navigation bar and its skip link (lemmy-ui's navbar, logged out).
NAVBAR = frozenset(
    {
        "Jump to content",
        "Communities",
        "Create Post",
        "Create Community",
        "Support Lemmy",
        "Donate",
        "Search",
        "Login",
        "Sign Up",
    }
)

#: The comment sort buttons, in lemmy-ui's order (0.19 added Controversial).
SORT_BUTTONS = frozenset({"Hot", "Top", "Controversial", "New", "Old", "Chat"})

#: Whole lines of the sidebar and footer whose words never change.
SIDEBAR = frozenset(
    {
        "Sidebar",
        "Subscribe",
        "Subscribed",
        "Joined",
        "Create a post",
        "mods:",
        "Modlog",
        "Instances",
        "Docs",
        "Code",
        "join-lemmy.org",
        "Powered by Lemmy",
        "Legal",
        "Visibility: Public",
        (
            "This community can be federated to other instances and be posted/commented in "
            "by their users."
        ),
    }
)

# Lines of the sidebar and footer with a changing part: the login notice
# (0.19.12 prints "#" for the link it lost), the subscribe hint, the site and
# community statistics run together, the version lines.
_PATTERNS = regex.compile(
    r"""
      You\ must\ log\ in\ or\ (?:register|\#)\ to\ comment\.
    | You\ are\ not\ logged\ in\.\ However\ you\ can\ subscribe\ .{0,400}
    | [\d.,]{1,8}[KMBT]?\ users\ /\ day.{0,400}
    | (?:BE|UI):\ \S{1,40}
    | \d{1,12}\ local\ subscribers?
    """,
    regex.VERBOSE,
)

#: The login notice that ends the post and starts the comments.
LOGIN_NOTICE = regex.compile(r"You must log in or (?:register|#) to comment\.")

#: The sidebar's lines that follow the community's title and name.
SIDEBAR_OPENERS = regex.compile(
    r"Subscribe|Subscribed|Joined|Create a post|You are not logged in\. .{0,400}"
)

#: Longest line the vocabulary matches (the subscribe hint and statistics).
_MAX_CHROME_LINE = 500


@functools.lru_cache(maxsize=4096)
def is_chrome(content: str) -> bool:
    """Is this whole line (already stripped) one of the site's own lines?
    (Cached: a capture asks about each line several times.)"""
    if len(content) > _MAX_CHROME_LINE:
        return False
    words = " ".join(content.split())  # NBSP in "Visibility: Public"
    return (
        words in NAVBAR
        or words in SIDEBAR
        or words in SORT_BUTTONS
        or _PATTERNS.fullmatch(words) is not None
    )


@functools.lru_cache(maxsize=4096)
def is_footer(content: str) -> bool:
    """Lines that only the site's footer prints (never a sort button's common words)."""
    if len(content) > _MAX_CHROME_LINE:
        return False
    words = " ".join(content.split())
    return words in SIDEBAR or _PATTERNS.fullmatch(words) is not None


def is_site_line(content: str) -> bool:
    """A line only the site's navbar, sidebar or footer prints (not the sort
    buttons, whose words a discussion uses too)."""
    return is_footer(content) or " ".join(content.split()) in NAVBAR
