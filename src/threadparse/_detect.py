"""Which dialect a text is in, from its content alone (never its file name).

Evidence, strongest first:

- API JSON: the text is a JSON object (or an array of objects). Decisive; the
  confidence drops to 0.5 when it is not JSON, or holds no ``comments``
  array and no ``post_view`` object.
- Page text: comment headers (``_comments.find_headers``), voted on by their
  tokens for lemmy-0.19, lemmy-0.18 or hexbear (``_parser.detect_dialect``).
- mlmym: ``[-] name N points T ago`` header lines, 3 votes each.
- old.reddit: its own header lines (``[–]name 5 points 2 hours ago``), 3 votes
  each, and its own buttons lines (``permalinkembedsavereportreply``), 2 each
  (``_oldreddit.evidence``); old.reddit's headers also read as mlmym's, so its
  buttons decide.
- Markdown: lines only markdown source has (``# Title``, a bold-only line,
  ``[text](http...)``, ``::: spoiler``, a code fence), one vote each; rendered
  page text shows none of these.
- lemmy-ui HTML: the text starts as HTML and names lemmy-ui's classes
  (``comment-node``, ``post-listing``, ``person-listing``, ``lemmy-site``) or
  ``window.isoData`` (``_lemmyhtml``): 1.0 with two of them, 0.9 with one.
  Other HTML is read as text, with TP108.
- Nothing of the above: a post alone, read as page text when it is laid out
  like one (``looks_like_page_post``), else flat text. Confidence 0.5: it is
  the reading left over, not one the text points to.

The confidence is the winner's share of the votes of the top two; below
``AMBIGUOUS`` the parse reports TP104 naming the runner-up.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import attrs
import regex

from threadparse._comments import Header, find_headers
from threadparse._header import MOMENT_TIME
from threadparse._jsontree import BOM
from threadparse._lemmyhtml import confidence as html_confidence
from threadparse._lemmyhtml import looks_like_lemmy_html
from threadparse._lemmyhtml import quick_capture as html_capture
from threadparse._lemmyui import Layout, detect_layout, page_marks
from threadparse._mlmym import count_headers
from threadparse._oldreddit import evidence as old_reddit_evidence
from threadparse._post import first_heading, is_link_list
from threadparse._reddit import is_reddit
from threadparse._source import Line, split_lines

PAGE_DIALECTS = ("lemmy-0.19", "lemmy-0.18", "hexbear")
#: Every reader's name, as ``Thread.dialect`` and ``parse(dialect=...)`` spell it.
DIALECTS = (
    *PAGE_DIALECTS,
    "flat",
    "mlmym",
    "markdown",
    "lemmy-api",
    "lemmy-html",
    "reddit-json",
    "old-reddit",
)
#: The readers of JSON: ``parse`` picks one by the first JSON value's shape.
JSON_DIALECTS = ("lemmy-api", "reddit-json")

#: Below this share of the votes the runner-up is named in a TP104 diagnostic.
AMBIGUOUS = 0.6

#: Votes per mlmym header line: each is a whole header, as a page header is.
MLMYM_WEIGHT = 3

# Lines only markdown source shows (rendered page text has lost the markup).
# Bounded repeats only: every line is tried once, in time linear in its length.
_MARKDOWN_LINE = regex.compile(
    r"""
      \#{1,6}\s\S                                  # ATX heading
    | (?:\*\*|__)[^*_\n]{1,200}(?:\*\*|__):?\s*$   # a bold-only line (a heading)
    | :::\s{0,4}spoiler\b                          # a Lemmy spoiler block
    | (?:```|~~~)                                  # a code fence
    | .{0,2000}?\]\(\s{0,4}(?:https?://|/)          # [text](url)
    """,
    regex.VERBOSE,
)


@attrs.frozen
class Detection:
    """What ``threadparse.detect`` found."""

    dialect: str
    """The dialect ``parse(text)`` reads the text as."""
    confidence: float
    """0.5 (a guess) to 1.0 (nothing else fits): the winner's share of the two leaders' votes."""
    runner_up: str | None
    """The next most likely dialect, if any evidence points to one."""
    capture: str | None = None
    """For a lemmy-ui page's text, how it was captured (``Thread.capture``)."""


def detect(text: str) -> Detection:
    """The dialect ``parse(text, dialect="auto")`` reads ``text`` as, and how sure it is."""
    if not isinstance(text, str):
        raise TypeError(f"detect() takes a str, not {type(text).__name__}")
    if looks_like_json(text):
        return json_detection(text)
    if looks_like_lemmy_html(text):
        return Detection("lemmy-html", html_confidence(text), None, capture=html_capture(text))
    lines = split_lines(text)
    return detect_lines(lines, find_headers(lines))


def looks_like_json(text: str) -> bool:
    """Does the text start as a JSON object, or as an array of objects?"""
    stripped = text.removeprefix(BOM).lstrip()
    if stripped.startswith("{"):
        return True
    return stripped.startswith("[") and stripped[1:].lstrip().startswith(("{", "]"))


def json_detection(text: str) -> Detection:
    """JSON is read by the Reddit reader when its first value has one of Reddit's
    shapes, else by the Lemmy API reader; 1.0 when that value holds what the
    reader reads (later values of a JSON Lines file are not looked at)."""
    stripped = text.removeprefix(BOM).lstrip(" \t\n\r")
    try:
        value, _ = json.JSONDecoder().raw_decode(stripped)
    except (ValueError, RecursionError):
        return Detection("lemmy-api", 0.5, None)
    if is_reddit(value):
        return Detection("reddit-json", 1.0, None)
    return Detection("lemmy-api", 1.0 if _is_response(value) else 0.5, None)


def _is_response(value: object) -> bool:
    """A Lemmy or PieFed thread response, a list of comment views, or one view."""
    if isinstance(value, list):
        return True
    if not isinstance(value, dict):
        return False
    if isinstance(value.get("post_view"), dict) or isinstance(value.get("comment_view"), dict):
        return True
    if isinstance(value.get("comments"), list) or isinstance(value.get("comment"), dict):
        return True
    items = value.get("items")
    return isinstance(items, list) and all(
        isinstance(item, dict) and "comment" in item for item in items
    )


def detect_lines(lines: Sequence[Line], headers: Sequence[Header]) -> Detection:
    """Detection for text already split, with its page headers found."""
    layout = detect_layout(lines)
    if layout is not None:
        return capture_detection(lines, layout)
    votes: Counter[str] = page_votes(headers)
    if headers and not votes:
        votes["lemmy-0.19"] = len(headers)  # headers, but no token that tells versions apart
    votes["mlmym"] = MLMYM_WEIGHT * count_headers(lines)
    votes["old-reddit"] = old_reddit_evidence(lines)
    votes["markdown"] = sum(
        1 for line in lines if not line.blank and _MARKDOWN_LINE.match(line.content)
    )
    ranked = [(count, name) for name, count in votes.items() if count > 0]
    if not ranked:
        fallback = "lemmy-0.19" if looks_like_page_post(lines) else "flat"
        return Detection(fallback, 0.5, None)
    order = [*PAGE_DIALECTS, "mlmym", "old-reddit", "markdown"]  # a tie goes to the earlier
    ranked.sort(key=lambda pair: (-pair[0], order.index(pair[1])))
    best, winner = ranked[0]
    if len(ranked) == 1:
        return Detection(winner, 1.0, None)
    second, runner_up = ranked[1]
    return Detection(winner, round(best / (best + second), 2), runner_up)


def capture_detection(lines: Sequence[Line], layout: Layout) -> Detection:
    """A lemmy-ui page's text: its community line fixes the front end's version.

    Full confidence takes the post's community line, the login notice and the
    site's chrome (navbar, sidebar, footer); with one of the two, 0.95.
    """
    marks = page_marks(lines)
    confidence = 1.0 if marks >= 2 else 0.95
    return Detection(layout.version, confidence, None, capture=layout.capture)


def looks_like_page_post(lines: Sequence[Line]) -> bool:
    """Is text without comment headers a page-text post rather than flat text?

    Both have a link list (two headings, or a heading and a URL). Flat text has
    no blank line inside the post and one gap before the discussion; page text
    has blank lines between the blocks before its first heading, or between
    its sections.
    """
    heading = first_heading(lines)
    if heading is None:
        return False
    last = max(i for i, line in enumerate(lines) if not line.blank)
    gaps_after = sum(  # blank runs between the first heading and the last text line
        1 for before, line in pairwise(lines[heading:last]) if line.blank and not before.blank
    )
    if not any(line.blank for line in lines[:heading]) and gaps_after < 2:
        return False
    return is_link_list(lines[heading:])


def detect_dialect(headers: Sequence[Header]) -> str:
    """The page dialect the headers' tokens point to (lemmy-0.19 when nothing does)."""
    votes = page_votes(headers)
    if not votes:
        return "lemmy-0.19"
    best = max(votes.values())
    return next(name for name in PAGE_DIALECTS if votes[name] == best)


def page_votes(headers: Sequence[Header]) -> Counter[str]:
    """Votes of the headers' tokens for each page dialect.

    Evidence (lemmy_formats.md 1.2-1.3): vote icons mean 0.19.4+; a lone "•"
    separator or a bare score mean <= 0.19.3, a moment.js time ("a day", "2 days")
    means <= 0.18.0; hexbear's
    own icons, or a "·" with no link/fedilink, mean hexbear.net's fork.
    """
    votes: Counter[str] = Counter()
    for header in headers:
        tokens = header.tokens
        if tokens & {"hexagon", "hexbear"}:
            votes["hexbear"] += 3
        elif "·" in tokens and not tokens & {"link", "fedilink"} and header.language is None:
            votes["hexbear"] += 1
        if tokens & {"arrow-up", "arrow-down", "heart", "smile"}:
            votes["lemmy-0.19"] += 2
        elif tokens & {"link", "fedilink"}:
            votes["lemmy-0.19"] += 1  # hexbear's fork hides them in the header
        if "•" in tokens or (header.votes.score is not None and header.votes.upvotes is None):
            votes["lemmy-0.18"] += 2
        if header.time is not None and MOMENT_TIME.fullmatch(header.time):
            votes["lemmy-0.18"] += 2  # only lemmy-ui <= 0.18.0 wrote times this way
    return votes
