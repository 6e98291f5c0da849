"""Page text of lemmy-ui in the seeds' shape (dialects ``lemmy-0.19``,
``lemmy-0.18``, ``hexbear``): the post's lines, then comments, each a header
(``header.py``'s grammar, found by ``comments.find_headers``) and its body.

This module is the reader the parser calls for such text, and the evidence
``threadparse.detect`` weighs for it: the headers' tokens vote for one of the
three dialects (``page_votes``), and text without headers is a page's post
when laid out like one (``looks_like_page_post``). A page's text as a browser
captures it (navbar, community line, sidebar) is ``capture.py``'s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.models import Thread
from threadparse.core.post import first_heading, is_link_list, parse_post
from threadparse.core.source import Line
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.lemmy_page.chrome import is_site_line
from threadparse.formats.lemmy_page.comments import Header, build_comments
from threadparse.formats.lemmy_page.header import BULLETS, MOMENT_TIME, parse_name_line

__all__ = (
    "detect_dialect",
    "looks_like_page_post",
    "page_dialect",
    "page_votes",
    "parse_page",
    "report_page_without_thread",
    "voted_dialect",
)


def parse_page(
    lines: Sequence[Line],
    headers: Sequence[Header],
    dialect: str,
    max_depth: int | None,
    diagnostics: Diagnostics,
) -> Thread:
    """The post before the first header, then the comment tree."""
    post_end = headers[0].start if headers else len(lines)
    preamble, sections = parse_post(lines[:post_end], one_per_line=False)
    comments, outside, chrome = (
        build_comments(
            lines,
            headers,
            hexbear_footer=dialect == "hexbear",
            max_depth=max_depth,
            diagnostics=diagnostics,
        )
        if headers
        else ((), [], [])
    )
    return Thread(
        dialect=dialect,
        preamble=preamble,
        sections=sections,
        comments=comments,
        unattributed=(),
        unparsed=tuple(outside),
        diagnostics=diagnostics.sorted(),
        chrome=tuple(chrome),
    )


def page_dialect(
    asked: str, headers: Sequence[Header], lines: Sequence[Line], diagnostics: Diagnostics
) -> str:
    """The dialect to read text with these headers as: ``asked``, or the one they
    point to for ``"auto"``; TP102 when the two differ."""
    detected = detect_dialect(headers)
    if asked == "auto":
        return detected
    if detected != asked:
        diagnostics.report(
            "TP102",
            f"read as {asked} as asked, but the headers look like {detected}",
            lines[headers[0].start].content_span,
        )
    return asked


def detect_dialect(headers: Sequence[Header]) -> str:
    """The page dialect the headers' tokens point to (lemmy-0.19 when nothing does)."""
    return voted_dialect(page_votes(headers))


def voted_dialect(votes: Counter[str]) -> str:
    """The page dialect with the most votes, the earlier one on a tie
    (lemmy-0.19 when there are none)."""
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


#: Lines of a site's page (``chrome.py``) that make text without a post's
#: community line or a comment header look like a page cut short.
PAGE_LINES = 2


def _bulleted_name(content: str) -> bool:
    """Is the line a bulleted name with a host, as lemmy-ui's seeds-shape pages
    start a comment (``• ada@lemmy.ml``)?"""
    if not content.startswith(tuple(BULLETS)):
        return False
    parsed = parse_name_line(content)
    return parsed is not None and parsed[0] and parsed[1].instance is not None


def report_page_without_thread(lines: Sequence[Line], diagnostics: Diagnostics) -> None:
    """TP106 when text that no comment header was read from still looks like a
    thread: lines shaped like a comment's name line (``• name@host``) that no
    header follows, or a lemmy-ui page's own lines (navbar, footer) around no
    post header and no comment (a page whose thread was cut off)."""
    names = [line for line in lines if not line.blank and _bulleted_name(line.content)]
    if names:
        diagnostics.report(
            "TP106",
            f"{len(names)} {'line looks' if len(names) == 1 else 'lines look'} like a "
            "comment's name line ('• name@host') but no header follows (no icon line, "
            "count, separator or time): no comment was read",
            names[0].content_span,
        )
    found = [line for line in lines if not line.blank and is_site_line(line.content)]
    if len(found) >= PAGE_LINES:
        diagnostics.report(
            "TP106",
            f"the text has {len(found)} lines of a lemmy-ui page (navbar, sidebar, footer) "
            "but no post header and no comment header: the thread may be cut off",
            found[0].content_span,
        )
