"""Which dialect a text is in, from its content alone (never its file name).

Evidence, strongest first:

- API JSON: the text is a JSON object (or an array of objects). Decisive; the
  confidence drops to 0.5 when it is not JSON, or holds no ``comments``
  array and no ``post_view`` object.
- Page text: comment headers (``formats/lemmy_page``), voted on by their
  tokens for lemmy-0.19, lemmy-0.18 or hexbear (``page_votes``).
- mlmym: ``[-] name N points T ago`` header lines, 3 votes each.
- old.reddit: header lines only it writes (``[–]name 5 points 2 hours ago``:
  the en dash, the glued name, badges, three glued scores), 3 votes each and
  taken from mlmym's count, which reads them too; buttons lines only it writes
  (``permalinkembedsavereportreply``), 4 each (``formats/old_reddit.py``'s
  ``evidence``).
- Markdown: lines only markdown source has (``# Title``, a bold-only line,
  ``[text](http...)``, ``::: spoiler``, a code fence), one vote each; rendered
  page text shows none of these.
- lemmy-ui HTML: the text starts as HTML and names lemmy-ui's classes
  (``comment-node``, ``post-listing``, ``person-listing``, ``lemmy-site``) or
  ``window.isoData`` (``formats/lemmy_html.py``): 1.0 with two of them, 0.9 with one.
  Other HTML is read as text, with TP108.
- Hacker News page text: comment headers (``user 3 hours ago | parent |
  next [–]``) and the story's subline (``N points by user ... | N comments``),
  3 votes each (``formats/hn_text.py``'s ``evidence``).
- Nothing of the above: a post alone, read as page text when it is laid out
  like one (``looks_like_page_post``), at 0.5: the reading left over, not one
  the text points to. Else flat text, as sure as its lines of prose make it
  (``formats/flat.py``'s ``confidence``: 0.5 to 0.95).

The confidence is the winner's share of the votes of the top two; below
``AMBIGUOUS`` the parse reports TP104 naming the runner-up.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

import attrs

from threadparse.core.jsontree import BOM
from threadparse.core.models import Thread
from threadparse.core.source import Line, split_lines
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.discourse_json import is_discourse
from threadparse.formats.flat import confidence as flat_confidence
from threadparse.formats.hn_html import looks_like_hn_html
from threadparse.formats.hn_json import is_hn
from threadparse.formats.hn_text import evidence as hn_text_evidence
from threadparse.formats.hn_text import may_have_evidence as may_be_hn_text
from threadparse.formats.hn_text import may_have_links as may_have_hn_links
from threadparse.formats.lemmy_api import is_response
from threadparse.formats.lemmy_html import confidence as html_confidence
from threadparse.formats.lemmy_html import looks_like_lemmy_html
from threadparse.formats.lemmy_html import quick_capture as html_capture
from threadparse.formats.lemmy_page.blocks import read_blocks
from threadparse.formats.lemmy_page.capture import Layout, detect_layout, has_to_line, page_marks
from threadparse.formats.lemmy_page.comments import Header, find_headers
from threadparse.formats.lemmy_page.page import looks_like_page_post, page_votes
from threadparse.formats.markdown import has_link_mark, markdown_lines
from threadparse.formats.markdown import may_have_evidence as may_be_markdown
from threadparse.formats.mastodon_json import is_mastodon
from threadparse.formats.mlmym import count_headers
from threadparse.formats.mlmym import read_blocks as read_mlmym_blocks
from threadparse.formats.old_reddit import evidence as old_reddit_evidence
from threadparse.formats.reddit_json import is_reddit

#: Below this share of the votes the runner-up is named in a TP104 diagnostic.
AMBIGUOUS = 0.6

#: Votes per mlmym header line: each is a whole header, as a page header is.
MLMYM_WEIGHT = 3

#: Votes per old.reddit header line that only old.reddit writes (a whole header,
#: as mlmym's), and per buttons line only old.reddit writes: more than a header,
#: so that a copy whose marks were made plain (``[-] name``, which mlmym also
#: writes) still goes to the reader its buttons name.
OLD_REDDIT_HEADER_WEIGHT = 3
OLD_REDDIT_BUTTONS_WEIGHT = 4

#: Votes per HN comment header or story subline (``formats/hn_text.py``): a
#: whole header, as mlmym's.
HN_TEXT_WEIGHT = 3


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
    if looks_like_hn_html(text):
        return Detection("hn-html", 1.0, None)
    read = read_blocks(text, dialect="auto", max_depth=None)
    detection = None if read is None else block_detection(read.votes)
    if detection is not None:
        return detection
    mlmym = read_mlmym_blocks(text, max_depth=None)
    if mlmym is not None and mlmym_alone(text, mlmym):
        return Detection("mlmym", 1.0, None)
    lines = split_lines(text)
    return detect_lines(lines, find_headers(lines), text)


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
    if is_discourse(value):
        return Detection("discourse-json", 1.0, None)
    if is_mastodon(value):
        return Detection("mastodon-json", 1.0, None)
    if is_hn(value):
        return Detection("hn-json", 1.0, None)
    return Detection("lemmy-api", 1.0 if is_response(value) else 0.5, None)


def detect_lines(
    lines: Sequence[Line], headers: Sequence[Header], text: str | None = None
) -> Detection:
    """Detection for text already split, with its page headers found; with the
    ``text`` itself, evidence whose marks the text lacks is not looked for."""
    layout = detect_layout(lines)
    if layout is not None:
        return capture_detection(lines, layout)
    votes: Counter[str] = page_votes(headers)
    if headers and not votes:
        votes["lemmy-0.19"] = len(headers)  # headers, but no token that tells versions apart
    reddit = old_reddit_evidence(lines)
    # old.reddit's own headers read as mlmym's too: they count for old.reddit only.
    votes["mlmym"] = MLMYM_WEIGHT * max(0, count_headers(lines, text=text) - reddit.own_headers)
    votes["old-reddit"] = (
        OLD_REDDIT_HEADER_WEIGHT * reddit.own_headers
        + OLD_REDDIT_BUTTONS_WEIGHT * reddit.own_buttons
    )
    votes["markdown"] = markdown_lines(lines, text)
    votes["hn-text"] = HN_TEXT_WEIGHT * hn_text_evidence(lines, text)
    ranked = [(count, name) for name, count in votes.items() if count > 0]
    if not ranked:
        if looks_like_page_post(lines):
            return Detection("lemmy-0.19", 0.5, None)
        return Detection("flat", flat_confidence(lines), None)
    return _ranked_detection(ranked)


def block_detection(votes: Counter[str]) -> Detection | None:
    """What ``detect_lines`` gives text the block reader read, from its headers'
    votes alone (it has ruled every other reader's evidence out); None when
    they leave the dialect in doubt, which the careful reader reports (TP104)."""
    ranked = [(count, name) for name, count in votes.items() if count > 0]
    detection = _ranked_detection(ranked or [(1, "lemmy-0.19")])
    return detection if detection.confidence >= AMBIGUOUS else None


def mlmym_alone(text: str, read: Thread) -> bool:
    """Is mlmym's the only evidence ``detect_lines`` finds in a text mlmym's
    block reader ``read`` (so that it detects mlmym, at 1.0)?

    That reader declines lines lemmy-ui's page headers are confirmed with,
    lines that start as markdown source's marks or old.reddit's headers and
    buttons do, and lines that end in Hacker News's toggle, after its first
    header; what is left is looked for here: a browser capture's community
    line, a markdown link, Hacker News's links, and before the first header
    and in the sidebar markdown's marks and HN's toggles.
    """
    if has_to_line(text):
        return False
    head = text[: read.comments[0].span.start] if read.comments else text
    tail = text[read.unparsed[0].span.start :] if read.unparsed else ""  # the sidebar
    return not (
        has_link_mark(text)
        or may_have_hn_links(text)
        or any(may_be_markdown(edge) or may_be_hn_text(edge) for edge in (head, tail))
    )


def _ranked_detection(ranked: list[tuple[int, str]]) -> Detection:
    """The winner of the votes, and its share of the two leaders' votes."""
    order = [
        *PAGE_DIALECTS,
        "mlmym",
        "old-reddit",
        "markdown",
        "hn-text",
    ]  # a tie goes to the earlier
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
