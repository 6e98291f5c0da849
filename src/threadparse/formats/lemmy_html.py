"""lemmy-ui post pages as HTML: the server's HTML, a saved DOM, a browser's copied HTML.

What the reader takes (``../shared/real_ui/README.md`` has real ones from
lemmy-ui 0.18.5, 0.19.3 and 0.19.12): the HTML lemmy-ui's server sends (SSR),
the page's DOM after its scripts ran (what "Save page as" keeps), and the
``text/html`` a browser puts on the clipboard when a person selects the page
and copies it (Firefox keeps the elements and their attributes; it drops what
is ``user-select: none``: times, "N more replies", and in 0.19.4+ the votes).

The grammar, as lemmy-ui's components write it (``post-listing``,
``comment-node``, ``person-listing``, ``vote-buttons``, ``moment-time``)::

    nav#navbar ... </nav>                              site chrome (navbar)
    div.post-listing                                   THE POST
      div.d-block.d-sm-none > article                  mobile layout (a repeat)
      div.d-none.d-sm-block > article                  desktop layout, read:
        div.post-score [data-tippy-content="3445 points • 3532 Upvotes • 87 Downvotes"]
        .post-title h1 [a href=URL]  TITLE            a link post's title links out
        p.small a  DOMAIN
        a.person-listing [href=/u/NAME(@HOST)] span NAME (small @HOST)   author
        span.row .badge  OP | M | A | B | Banned...    badges (UserBadges)
        " to " a.community-link [href=/c/NAME(@HOST)]  community, title shown
        span.badge.text-bg-light  LANGUAGE
        span.moment-time [data-tippy-content=WHEN]  2 days ago
        a[title="N Comments"][href=/post/ID?...]       comment count, post id
      div.post-metadata-card  h5 EMBED TITLE, .card-text DESCRIPTION
      article#postContent div.md-div  BODY             preamble and link sections
    div.comment-form / .btn-group / aside / footer     site chrome
    ul.comments > li.comment                           A COMMENT (its span: the li)
      article.comment-node#comment-ID
        div.d-flex.flex-wrap (the header)
          a.person-listing, span.row .badge, span.badge.text-bg-light LANGUAGE
          a[title=link][href=/comment/ID | /post/P/ID | https://HOST/comment/ID]
          0.19.4+: span[aria-label="N Upvotes"] N, span[aria-label="N Downvotes"] N
          <= 0.19.3: span.fw-bold[aria-label="N points"] N, then "•"
          span.moment-time [data-tippy-content="Created: WHEN\\n\\n\\nModified WHEN"]
        div.comment-content div.md-div  BODY           a paragraph per top-level block
          (p > em "deleted by creator" | "removed by mod": the placeholder body)
      div.comment-node > button  "5 more replies ➔"    replies not loaded
      ul.comments > li.comment ...                     the replies: depth is nesting

``window.isoData`` (a script in the server's HTML and the saved DOM) holds
the API JSON the page was rendered from; where it names a comment by id, its
exact votes (the page rounds them: ``10.5K``), times, flags and the author's
home instance are taken from it. A copy has no script: votes are as shown.

Detection evidence: the text starts as HTML (a tag, maybe after a comment or
white space) and names lemmy-ui's classes: ``comment-node``, ``post-listing``,
``person-listing``, ``lemmy-site`` (the app's root), or ``window.isoData``.
Two of them: confidence 1.0; one: 0.9.

Every text node the page shows (not in ``<script>``, ``<style>``,
``<template>``, ``<noscript>`` or an ``<svg>`` icon) belongs to one node: a
post field or the post's span, a paragraph or a comment's span, a line of
``Thread.chrome`` (navbar, login notice, sort buttons, sidebar, footer, the
page's title), or ``Thread.unparsed`` with a TP903 error when no rule knows
the element it is in. ``Text.text`` is the rendered text (references
decoded, white space collapsed, a line per block or ``<br>``); its span is its
element (a paragraph) or its first to last character (a line).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.html import (
    TEXT,
    Node,
    Shown,
    Tree,
    children,
    lines,
    paragraphs,
    parse_html,
    shows_text,
)
from threadparse.core.jsonfields import parse_timestamp
from threadparse.core.lemmy import (
    canonical_badges,
    deletion_of,
    more_replies_of,
    parse_count,
    split_pronouns,
)
from threadparse.core.markdown import Block, ShownLine, sections_from_blocks
from threadparse.core.models import (
    Author,
    Comment,
    Community,
    Post,
    Preamble,
    Section,
    Span,
    Text,
    Thread,
)
from threadparse.core.urls import host_of, path_of

#: ``Thread.capture`` for a whole page (server HTML or a saved DOM), and for a
#: browser's copied HTML (a fragment: no head, no scripts).
CAPTURES = ("html", "html-copy")

# Where the text starts as HTML: maybe a BOM, white space and comments, then a tag.
_STARTS_AS_HTML = re.compile(
    r"\ufeff?\s{0,1000}(?:<!--.{0,2000}?-->\s{0,1000}){0,8}<[!a-zA-Z]", re.DOTALL
)
_MARKERS = re.compile(
    r"""class="[^"<>]{0,300}?\b(comment-node|post-listing|person-listing|lemmy-site)\b"""
    r"|(window\.isoData)"
)
#: Markers looked for in this many first characters (the app's root is near the
#: top; a copy of a comment alone starts with one).
_REACH = 2_000_000

_USER_PATH = re.compile(r"/u/(?P<name>[^/@?#\s]{1,100})(?:@(?P<host>[^/?#\s]{1,253}))?/?$")
_COMMUNITY_PATH = re.compile(r"/c/(?P<name>[^/@?#\s]{1,100})(?:@(?P<host>[^/?#\s]{1,253}))?/?$")
_POST_PATH = re.compile(r"/post/(?P<id>\d{1,20})(?:/(?P<comment>\d{1,20}))?/?$")
_COMMENT_PATH = re.compile(r"/comment/(?P<id>\d{1,20})/?$")
_COMMENT_ID = re.compile(r"comment-(?P<id>\d{1,20})")
_COMMENTS_TITLE = re.compile(r"(?P<count>[\d,]{1,15}) Comments?")
_POINTS = re.compile(r"(?P<score>-?[\d,]{1,15}) points?")
_UPVOTES = re.compile(
    r"(?:(?P<score>-?[\d,]{1,15}) points? [•·] )?(?P<up>[\d,]{1,15}) Upvotes? [•·] (?P<down>[\d,]{1,15}) Downvotes?"
)
_VOTE_LABEL = re.compile(r"(?P<count>[-\d.,]{1,15}[KMBT]?) (?P<kind>Upvotes?|Downvotes?|points?)")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# date-fns' "PPPPpppp" in English: "Sunday, November 29th, 2026 at 7:04:22 AM GMT+00:00".
_WHEN = re.compile(
    r"(?P<month>[A-Z][a-z]{2,8}) (?P<day>\d{1,2})(?:st|nd|rd|th), (?P<year>\d{4}) at "
    r"(?P<hour>\d{1,2}):(?P<minute>\d\d):(?P<second>\d\d) (?P<half>AM|PM) "
    r"GMT(?P<sign>[+-])(?P<zh>\d\d):?(?P<zm>\d\d)"
)
# serialize-javascript's output is JSON but for ``undefined``.
_JS_VALUE = re.compile(r'"(?:[^"\\]|\\.)*"|\bundefined\b')

#: Where a chrome region starts: an element that never holds the thread.
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "title", "header"})
_CHROME_CLASSES = frozenset(
    {
        "skip-link",
        "navbar",
        "comment-form",
        "post-comment-container",
        "btn-group",
        "community-sidebar",
        "site-sidebar",
        "alert",
        "app-footer",
    }
)
_HINT = re.compile(r"!(?P<name>[^@\s]{1,100})@(?P<host>[a-z0-9.-]{1,253})")
_SORT_ID = re.compile(r"(?P<id>\d{1,20})-hot")
_BADGE_WORDS = frozenset({"OP", "M", "A", "B", "Banned", "Banned from community"})
_SEPARATORS = frozenset({"•", "·", "to"})


def starts_as_html(text: str) -> bool:
    return _STARTS_AS_HTML.match(text) is not None


def lemmy_marks(text: str) -> int:
    """How many distinct lemmy-ui markers the text's start names."""
    found = set()
    for match in _MARKERS.finditer(text, 0, _REACH):
        found.add(match.group(1) or match.group(2))
        if len(found) >= 2:
            break
    return len(found)


def looks_like_lemmy_html(text: str) -> bool:
    return starts_as_html(text) and lemmy_marks(text) > 0


def confidence(text: str) -> float:
    return 1.0 if lemmy_marks(text) >= 2 else 0.9


# -- The page's own JSON -----------------------------------------------------------


@attrs.frozen
class _Known:
    """What ``window.isoData`` says of a comment."""

    score: int | None
    upvotes: int | None
    downvotes: int | None
    published: datetime | None
    updated: datetime | None
    deleted: bool | None
    removed: bool | None
    username: str | None
    instance: str | None
    url: str | None


@attrs.frozen
class _IsoData:
    site_host: str | None
    comments: dict[str, _Known]
    post: _Known | None


def _iso_data(tree: Tree) -> _IsoData | None:
    marker = "window.isoData"
    for node in tree.nodes:
        if node.tag != TEXT or not node.hidden or marker not in node.text:
            continue
        text = node.text
        start = text.find("=", text.find(marker)) + 1
        cleaned = _JS_VALUE.sub(
            lambda m: "null" if m.group() == "undefined" else m.group(), text[start:]
        )
        try:
            value, _ = json.JSONDecoder().raw_decode(cleaned.lstrip())
        except (ValueError, RecursionError):
            return None
        return _read_iso(value) if isinstance(value, dict) else None
    return None


def _get(value: Any, *path: str) -> Any:
    for name in path:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _moment(value: Any) -> datetime | None:
    return parse_timestamp(value) if isinstance(value, str) else None


def _host(url: Any) -> str | None:
    return host_of(url) if isinstance(url, str) else None


def _known(view: Any, item: str) -> _Known:
    counts = _get(view, "counts")
    creator = _get(view, "creator")
    actor = _get(creator, "actor_id")
    name = _get(creator, "name")
    ap_id = _get(view, item, "ap_id")
    return _Known(
        score=_count(_get(counts, "score")),
        upvotes=_count(_get(counts, "upvotes")),
        downvotes=_count(_get(counts, "downvotes")),
        published=_moment(_get(view, item, "published")),
        updated=_moment(_get(view, item, "updated")),
        deleted=_flag(_get(view, item, "deleted")),
        removed=_flag(_get(view, item, "removed")),
        username=name if isinstance(name, str) else None,
        instance=_host(actor),
        url=ap_id if isinstance(ap_id, str) else None,
    )


def _read_iso(value: dict[str, Any]) -> _IsoData:
    site_host = _host(_get(value, "site_res", "site_view", "site", "actor_id"))
    comments: dict[str, _Known] = {}
    views = _get(value, "routeData", "commentsRes", "data", "comments")
    for view in views if isinstance(views, list) else ():
        comment_id = _get(view, "comment", "id")
        if isinstance(comment_id, int):
            comments[str(comment_id)] = _known(view, "comment")
    post_view = _get(value, "routeData", "postRes", "data", "post_view")
    post = _known(post_view, "post") if isinstance(post_view, dict) else None
    return _IsoData(site_host, comments, post)


def _when(tooltip: str) -> tuple[datetime | None, datetime | None]:
    """(published, updated) from moment-time's tooltip."""
    found: list[datetime] = []
    for match in _WHEN.finditer(tooltip[:400]):
        if match["month"] not in _MONTHS:
            continue
        hour = int(match["hour"]) % 12 + (12 if match["half"] == "PM" else 0)
        offset = timedelta(hours=int(match["zh"]), minutes=int(match["zm"]))
        try:
            found.append(
                datetime(
                    int(match["year"]),
                    _MONTHS.index(match["month"]) + 1,
                    int(match["day"]),
                    hour,
                    int(match["minute"]),
                    int(match["second"]),
                    tzinfo=timezone(-offset if match["sign"] == "-" else offset),
                )
            )
        except ValueError:
            continue
    if not found:
        return None, None
    return found[0], (found[1] if len(found) > 1 else None)


def _exact(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if re.fullmatch(r"-?\d{1,15}", digits) else None


# -- The reader ----------------------------------------------------------------------


_POST, _COMMENT, _CHROME = "post", "comment", "chrome"


class _Reader:
    def __init__(self, text: str, max_depth: int | None, diagnostics: Diagnostics) -> None:
        self.tree = parse_html(text)
        self.nodes = self.tree.nodes
        self.max_depth = max_depth
        self.diagnostics = diagnostics
        self.used = bytearray(len(self.nodes))  # text nodes a field or a text took
        self.owner = [-1] * len(self.nodes)  # the innermost post, comment or chrome element
        self.kind: dict[int, str] = {}  # owner element -> its kind
        self.own: dict[int, list[int]] = {}  # owner element -> the nodes it owns directly
        self.unparsed: list[Text] = []
        self.iso = _iso_data(self.tree)
        self.site_host = self.iso.site_host if self.iso else None
        self.post_id: str | None = None

    # -- owners

    def _owner_kind(self, index: int, inside: str | None) -> str | None:
        node = self.nodes[index]
        if node.tag == TEXT or node.hidden:
            return None
        classes = node.classes
        if node.tag == "li" and "comment" in classes:
            return _COMMENT
        if node.tag == "article" and "comment-node" in classes and inside != _COMMENT:
            return _COMMENT
        if inside in (_COMMENT, _POST, _CHROME):
            return None
        if "post-listing" in classes or node.attr("id") == "postContent":
            return _POST
        if node.tag in _CHROME_TAGS or classes & _CHROME_CLASSES:
            return _CHROME
        if node.tag == "button" and "btn-secondary" in classes:  # the mobile Sidebar toggle
            return _CHROME
        return None

    def assign(self) -> None:
        stack: list[tuple[int, int]] = []  # (index after the owner element, owner)
        nodes = self.nodes
        for index, node in enumerate(nodes):
            while stack and stack[-1][0] <= index:
                stack.pop()
            current = stack[-1][1] if stack else -1
            self.owner[index] = current
            if current >= 0:
                self.own[current].append(index)
            kind = self._owner_kind(index, self.kind.get(current))
            if kind is not None:
                self.kind[index] = kind
                self.own[index] = []
                stack.append((node.last, index))

    def is_owner(self, index: int) -> bool:
        return index in self.kind

    def read_already(self, index: int) -> bool:
        """Has a field taken any text of this element?"""
        used = self.used
        return any(used[i] for i in range(index, self.nodes[index].last))

    # -- reading helpers

    def text(self, index: int) -> str:
        return " ".join(
            shown.text
            for shown in lines(
                self.tree, index + 1, self.nodes[index].last, skip=self.is_owner, used=self.used
            )
        )

    def find(
        self,
        within: list[int],
        test: Callable[[Node], bool],
        start: int = 0,
        end: int | None = None,
    ) -> int | None:
        """The first element of ``within`` (indices in document order) in ``[start, end)`` that passes."""
        for index in within:
            if index < start:
                continue
            if end is not None and index >= end:
                return None
            if test(self.nodes[index]):
                return index
        return None

    def find_all(
        self, within: list[int], test: Callable[[Node], bool], start: int, end: int
    ) -> list[int]:
        return [i for i in within if start <= i < end and test(self.nodes[i])]

    def leftovers(self, owner: int, what: str) -> None:
        """Text the owner shows that no rule read: unparsed, with TP903."""
        for index in self.own.get(owner, ()):
            node = self.nodes[index]
            if self.used[index] or not shows_text(node):
                continue
            for shown in lines(self.tree, index, index + 1, used=self.used):
                self.unparsed.append(Text(shown.text, shown.span))
                self.diagnostics.report(
                    "TP903",
                    f"text in {what} that no rule of the lemmy-ui HTML reader reads "
                    f"(in <{self.nodes[node.parent].tag if node.parent >= 0 else 'html'}>): kept as unparsed",
                    shown.span,
                )

    # -- the page

    def read(self) -> Thread:
        self.assign()
        if self.site_host is None:
            self.site_host = self.host_from_hint()
        posts = [i for i, kind in self.kind.items() if kind == _POST]
        post, preamble, sections = self.read_post(posts)
        self.post_id = post.id if post is not None else None
        comments = self.read_comments()
        chrome = self.read_chrome()
        for owner in posts:
            self.leftovers(owner, "the post")
        self.read_outside()
        if self.tree.unclosed:
            self.diagnostics.report(
                "TP107",
                f"the HTML ends inside {len(self.tree.unclosed)} open elements "
                f"(<{'>, <'.join(self.tree.unclosed[:4])}>): the page was cut short",
                Span(len(self.tree.source), len(self.tree.source)),
            )
        if self.tree.error is not None:
            self.diagnostics.report(
                "TP903",
                "the HTML tokenizer stopped here: the rest is kept as unparsed",
                Span(self.tree.error, self.tree.error),
            )
        return Thread(
            dialect="lemmy-html",
            preamble=preamble,
            sections=sections,
            comments=comments,
            unattributed=(),
            unparsed=tuple(sorted(self.unparsed, key=lambda t: t.span.start)),
            diagnostics=self.diagnostics.sorted(),
            post=post,
            chrome=chrome,
            capture=quick_capture(self.tree.source),
            nesting=True,
        )

    def host_from_hint(self) -> str | None:
        """A copy has no isoData: the site's host is the sidebar's subscribe hint's
        (``!dispatch@hexbear.net``) when the post's community is local (its link
        names no host)."""
        nodes = self.nodes
        link = next(
            (i for i, n in enumerate(nodes) if n.tag == "a" and "community-link" in n.classes),
            None,
        )
        if link is None:
            return None
        found = _COMMUNITY_PATH.search(path_of(nodes[link].attr("href")))
        if found is None or found["host"]:
            return None
        for index, node in enumerate(nodes):
            if node.tag == "code" and "user-select-all" in node.classes:
                hint = _HINT.fullmatch(
                    " ".join(line.text for line in lines(self.tree, index + 1, node.last))
                )
                if hint and hint["name"] == found["name"]:
                    return hint["host"]
        return None

    def read_outside(self) -> None:
        """Text in no post, comment or chrome element: unparsed."""
        for shown in lines(self.tree, 0, len(self.nodes), skip=self.is_owner, used=self.used):
            self.unparsed.append(Text(shown.text, shown.span))
            self.diagnostics.report(
                "TP903",
                "text outside lemmy-ui's post, comments and site chrome: kept as unparsed",
                shown.span,
            )

    def read_chrome(self) -> tuple[Text, ...]:
        found: list[Text] = []
        for index, kind in self.kind.items():
            if kind != _CHROME:
                continue

            def other_owner(i: int, me: int = index) -> bool:
                return i != me and self.is_owner(i)

            shown = lines(
                self.tree, index, self.nodes[index].last, skip=other_owner, used=self.used
            )
            found.extend(Text(line.text, line.span) for line in shown)
        found.sort(key=lambda t: t.span.start)
        return tuple(found)

    # -- authors

    def author(self, within: list[int], start: int, end: int) -> tuple[Author | None, int]:
        """The person-listing in ``[start, end)`` and its badges; the index after them."""
        listing = self.find(
            within, lambda n: n.tag == "a" and "person-listing" in n.classes, start, end
        )
        if listing is None:
            return None, start
        node = self.nodes[listing]
        path = path_of(node.attr("href")) if node.attr("href") else ""
        user = _USER_PATH.search(path)
        username = user["name"] if user else None
        host = user["host"] if user else None
        small = self.find(within, lambda n: n.tag == "small", listing, node.last)
        host_shown = self.text(small).removeprefix("@") if small is not None else None
        name_span = self.find(within, lambda n: n.tag == "span", listing, node.last)
        shown = self.text(name_span) if name_span is not None else self.text(listing)
        self.text(listing)  # the rest of it (an avatar's alt text) is the author's too
        display = shown
        if username and display.startswith("@"):  # 0.18 style: "@name" or "@name@host"
            display = username
        instance = host or host_shown or self.site_host
        name, pronouns = split_pronouns(display)
        badges_row = self.find(
            within,
            lambda n: "row" in n.classes and n.tag == "span",
            node.last,
            end,
        )
        badges: list[str] = []
        after = node.last
        if badges_row is not None and self._near(within, node.last, badges_row):
            for badge in self.find_all(
                within, lambda n: "badge" in n.classes, badges_row, self.nodes[badges_row].last
            ):
                word = self.text(badge)
                badges.append("Banned from community" if word.startswith("Banned from") else word)
            after = self.nodes[badges_row].last
        url = None
        href = node.attr("href")
        if href.startswith(("http://", "https://")):
            url = href
        elif self.site_host and username:
            url = f"https://{self.site_host}{path}" if path.startswith("/") else None
        return (
            Author(
                name=name,
                display_name=display,
                instance=instance,
                pronouns=pronouns,
                badges=canonical_badges([b for b in badges if b in _BADGE_WORDS]),
                username=username,
                url=url,
            ),
            after,
        )

    def _near(self, within: list[int], after: int, target: int) -> bool:
        """Is ``target`` the next element showing text after index ``after``?"""
        for index in within:
            if index < after:
                continue
            if index >= target:
                return True
            if shows_text(self.nodes[index]):
                return False
        return True

    # -- the post

    def read_post(self, owners: list[int]) -> tuple[Post | None, Preamble, tuple[Section, ...]]:
        if not owners:
            return None, Preamble(), ()
        listing = owners[0]
        own = self.own[listing]
        nodes = self.nodes
        layouts = self.find_all(
            own,
            lambda n: n.tag == "article" and "post-container" in n.classes,
            listing,
            nodes[listing].last,
        )
        desktop = [a for a in layouts if "d-sm-block" in nodes[nodes[a].parent].classes]
        chosen = desktop[0] if desktop else (layouts[-1] if layouts else listing)
        lo, hi = chosen, nodes[chosen].last
        # The other layout repeats the same header: the post's span holds it.
        for other in layouts:
            if other != chosen:
                for index in range(other, nodes[other].last):
                    self.used[index] = 1
        title_el = self.find(own, lambda n: n.tag == "h1" or "post-title" in n.classes, lo, hi)
        title = None
        url = None
        post_id: str | None = None
        if title_el is not None:
            heading = (
                self.find(own, lambda n: n.tag == "h1", title_el, nodes[title_el].last) or title_el
            )
            title = self.text(heading) or None
            self.text(title_el)
            link = self.find(own, lambda n: n.tag == "a", heading, nodes[heading].last)
            if link is not None:
                href = nodes[link].attr("href")
                found = _POST_PATH.search(path_of(href)) if href else None
                if found:
                    post_id = found["id"]
                elif href.startswith(("http://", "https://")):
                    url = href
        domain = None
        domain_el = self.find(own, lambda n: n.tag == "p" and "small" in n.classes, lo, hi)
        if domain_el is not None:
            domain = self.text(domain_el) or None
        author, after = self.author(own, lo, hi)
        community = None
        community_el = self.find(
            own, lambda n: n.tag == "a" and "community-link" in n.classes, lo, hi
        )
        if community_el is not None:
            href = nodes[community_el].attr("href")
            found = _COMMUNITY_PATH.search(path_of(href)) if href else None
            shown = self.text(community_el)
            host = found["host"] if found else None
            if host and shown.endswith("@" + host):
                shown = shown[: -len(host) - 1]
            community = Community(
                name=found["name"] if found else None,
                title=shown or None,
                host=host or self.site_host,
            )
        language = None
        for badge in self.find_all(own, _is_language, after, hi):
            if not self.read_already(badge):
                language = self.text(badge) or None
                break
        time = None
        published = updated = None
        moment = self.find(own, lambda n: "moment-time" in n.classes, lo, hi)
        if moment is not None:
            time = self.text(moment) or None
            published, updated = _when(nodes[moment].attr("data-tippy-content"))
        score = upvotes = downvotes = None
        score_el = self.find(own, lambda n: "post-score" in n.classes, lo, hi)
        if score_el is not None:
            score = parse_count(self.text(score_el))
        for index in self.find_all(own, lambda n: bool(n.attr("data-tippy-content")), lo, hi):
            votes = _UPVOTES.fullmatch(nodes[index].attr("data-tippy-content"))
            if votes:
                upvotes, downvotes = _exact(votes["up"]), _exact(votes["down"])
                if upvotes is not None and downvotes is not None:
                    score = upvotes - downvotes
                break
        for index in self.find_all(
            own,
            lambda n: n.tag == "button" and n.attr("aria-label") in ("Upvote", "Downvote"),
            lo,
            hi,
        ):
            self.text(index)
        comment_count = None
        count_el = self.find(
            own,
            lambda n: n.tag == "a" and _COMMENTS_TITLE.fullmatch(n.attr("title")) is not None,
            lo,
            hi,
        )
        if count_el is not None:
            match = _COMMENTS_TITLE.fullmatch(nodes[count_el].attr("title"))
            assert match is not None
            comment_count = _exact(match["count"])
            self.text(count_el)
            found = _POST_PATH.search(path_of(nodes[count_el].attr("href")))
            if found and post_id is None:
                post_id = found["id"]
        if post_id is None:  # the sort buttons are named after the post ("4887213-hot")
            post_id = next(
                (m["id"] for n in nodes if (m := _SORT_ID.fullmatch(n.attr("id")))), None
            )
        for index in self.find_all(
            own, lambda n: n.tag == TEXT and n.text.strip() in _SEPARATORS, lo, hi
        ):
            self.used[index] = 1
        if self.iso is not None and self.iso.post is not None:
            known = self.iso.post
            if known.upvotes is not None and known.downvotes is not None:
                upvotes, downvotes = known.upvotes, known.downvotes
                score = known.score if known.score is not None else upvotes - downvotes
            published = known.published or published
            updated = known.updated or updated
        embed: list[Text] = []
        card = self.find(
            own, lambda n: "post-metadata-card" in n.classes, listing, nodes[listing].last
        )
        if card is not None:
            for part in self.find_all(
                own,
                lambda n: "card-title" in n.classes or "card-text" in n.classes,
                card,
                nodes[card].last,
            ):
                shown_lines = lines(
                    self.tree, part + 1, nodes[part].last, skip=self.is_owner, used=self.used
                )
                if shown_lines:
                    embed.append(
                        Text(
                            " ".join(s.text for s in shown_lines),
                            Span(shown_lines[0].span.start, shown_lines[-1].span.end),
                        )
                    )
            for index in range(card, nodes[card].last):
                if nodes[index].tag == TEXT and not self.used[index] and shows_text(nodes[index]):
                    self.used[index] = 1  # the card's host line repeats the domain
        body = None
        for owner in owners:
            found_body = self.find(
                self.own[owner], lambda n: "md-div" in n.classes, owner, nodes[owner].last
            )
            if found_body is not None and (
                card is None or not (card <= found_body < nodes[card].last)
            ):
                body = found_body
                break
        preamble, sections = _post_body(self, body)
        starts = [nodes[o].start for o in owners]
        ends = [nodes[o].end for o in owners]
        span = Span(min(starts), max(ends))
        post = Post(
            title=title,
            author=author,
            community=community,
            url=url,
            domain=domain,
            language=language,
            time=time,
            score=score,
            upvotes=upvotes,
            downvotes=downvotes,
            comment_count=comment_count,
            embed=tuple(embed),
            span=span,
            id=post_id,
            published=published,
        )
        return post, preamble, sections

    # -- comments

    def read_comments(self) -> tuple[Comment, ...]:
        nodes = self.nodes
        order = [i for i, kind in self.kind.items() if kind == _COMMENT]
        order.sort()
        fields: list[dict[str, Any]] = []
        parents: list[int] = []  # effective parent's position in ``order``, -1 for top level
        path: list[int] = []  # positions of the open ancestors, by effective depth
        open_ends: list[tuple[int, int]] = []  # (index after, position) of markup ancestors
        for position, index in enumerate(order):
            while open_ends and open_ends[-1][0] <= index:
                open_ends.pop()
            depth = len(open_ends)
            markup_parent = open_ends[-1][1] if open_ends else -1
            open_ends.append((nodes[index].last, position))
            shown_depth = depth if self.max_depth is None else min(depth, self.max_depth)
            del path[shown_depth:]
            parent = path[-1] if path else -1
            path.append(position)
            parents.append(parent)
            values = self.read_comment(index)
            values["depth"] = shown_depth
            values["parent_id"] = fields[markup_parent]["id"] if markup_parent >= 0 else None
            if shown_depth < depth:
                self.diagnostics.report(
                    "TP204",
                    f"reply at depth {depth} is deeper than max_depth={self.max_depth}: "
                    f"attached at depth {shown_depth}",
                    Span(nodes[index].start, nodes[index].start),
                )
            fields.append(values)
        built: list[Comment | None] = [None] * len(order)
        replies: list[list[Comment]] = [[] for _ in order]
        for position in range(len(order) - 1, -1, -1):
            comment = Comment(**fields[position], replies=tuple(reversed(replies[position])))
            built[position] = comment
            parent = parents[position]
            if parent >= 0:
                replies[parent].append(comment)
        return tuple(c for p, c in enumerate(built) if parents[p] < 0 and c is not None)

    def read_comment(self, index: int) -> dict[str, Any]:
        nodes = self.nodes
        own = self.own[index]
        node = nodes[index]
        article = (
            index
            if node.tag == "article"
            else self.find(own, lambda n: n.tag == "article" and "comment-node" in n.classes)
        )
        lo, hi = (article, nodes[article].last) if article is not None else (index, node.last)
        comment_id = None
        if article is not None:
            found = _COMMENT_ID.fullmatch(nodes[article].attr("id"))
            comment_id = found["id"] if found else None
        header = self.find(own, lambda n: n.tag == "div" and "flex-wrap" in n.classes, lo, hi)
        header_end = nodes[header].last if header is not None else lo
        author, after = self.author(own, lo, header_end) if header is not None else (None, lo)
        language = None
        score = upvotes = downvotes = None
        time = None
        published = updated = None
        edited = False
        url = None
        if header is not None:
            for badge in self.find_all(own, _is_language, after, header_end):
                if not self.read_already(badge):
                    language = self.text(badge) or None
                    break
            for label_el in self.find_all(
                own, lambda n: bool(n.attr("aria-label")), header, header_end
            ):
                label = _VOTE_LABEL.fullmatch(nodes[label_el].attr("aria-label"))
                if label is None:
                    continue
                count = parse_count(self.text(label_el) or label["count"])
                kind = label["kind"]
                if kind.startswith("Up"):
                    upvotes = count
                elif kind.startswith("Down"):
                    downvotes = count
                elif score is None:
                    score = count
            if upvotes is not None:
                downvotes = downvotes or 0
                score = upvotes - downvotes
            moment = self.find(own, lambda n: "moment-time" in n.classes, header, header_end)
            if moment is not None:
                time = self.text(moment) or None
                tooltip = nodes[moment].attr("data-tippy-content")
                published, updated = _when(tooltip)
                edited = "fst-italic" in nodes[moment].classes or tooltip.startswith("Created")
            for link in self.find_all(
                own, lambda n: n.tag == "a" and n.attr("title") == "link", header, header_end
            ):
                href = nodes[link].attr("href")
                path = path_of(href)
                own_link = _COMMENT_PATH.search(path) or _POST_PATH.search(path)
                target = own_link.groupdict().get("comment") or own_link["id"] if own_link else None
                if (
                    target == comment_id
                    and comment_id is not None
                    and href.startswith(("http://", "https://"))
                    and (url is None or "/comment/" in path)
                ):
                    url = href
                self.text(link)
            for text_index in self.find_all(
                own, lambda n: n.tag == TEXT and n.text.strip() in _SEPARATORS, header, header_end
            ):
                self.used[text_index] = 1
            # what the header shows that no rule read is reported by ``leftovers``
        deleted = removed = False
        paragraphs: list[Text] = []
        content = self.find(own, lambda n: "comment-content" in n.classes, lo, hi)
        if content is not None:
            body = self.find(
                own, lambda n: "md-div" in n.classes or n.tag == "pre", content, nodes[content].last
            )
            blocks = self.blocks(body if body is not None else content)
            if len(blocks) == 1:
                placeholder = deletion_of(blocks[0].text)
                if placeholder is not None:
                    deleted, removed = placeholder == "deleted", placeholder == "removed"
                    blocks = []
            paragraphs = blocks
        more = None
        for child in children(nodes, index) if node.tag == "li" else ():
            child_node = nodes[child]
            if child_node.tag == "div" and "comment-node" in child_node.classes:
                words = self.text(child)
                count = more_replies_of(words)
                if count is not None:
                    more = count
        if comment_id is not None and self.iso is not None and comment_id in self.iso.comments:
            known = self.iso.comments[comment_id]
            if known.upvotes is not None and known.downvotes is not None:
                upvotes, downvotes = known.upvotes, known.downvotes
                score = known.score if known.score is not None else upvotes - downvotes
            published = known.published or published
            updated = known.updated or updated
            edited = edited or known.updated is not None
            deleted = known.deleted if known.deleted is not None else deleted
            removed = known.removed if known.removed is not None else removed
            url = known.url or url
            if author is not None and known.instance and author.instance != known.instance:
                author = attrs.evolve(author, instance=known.instance)
        self.leftovers(index, "a comment")
        span = Span(node.start, node.end)
        return {
            "author": author,
            "score": score,
            "upvotes": upvotes,
            "downvotes": downvotes,
            "language": language,
            "time": time,
            "published": published,
            "updated": updated if edited else None,
            "edited": edited,
            "deleted": deleted,
            "removed": removed,
            "more_replies": more,
            "paragraphs": tuple(paragraphs),
            "span": span,
            "id": comment_id,
            "post_id": self.post_id,
            "url": url,
        }

    def blocks(self, body: int) -> list[Text]:
        """A body's paragraphs (``core/html.py``'s ``paragraphs``), other
        comments' subtrees left out."""
        return paragraphs(self.tree, children(self.nodes, body), skip=self.is_owner, used=self.used)


_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


def _post_body(reader: _Reader, body: int | None) -> tuple[Preamble, tuple[Section, ...]]:
    """The post's body as the markdown reader's blocks, read into preamble and sections."""
    if body is None:
        return Preamble(), ()
    nodes = reader.nodes
    blocks: list[Block] = []
    for child in children(nodes, body):
        node = nodes[child]
        if reader.is_owner(child):
            continue
        skipped: list[int] = []
        shown = lines(
            reader.tree, child, node.last, skip=reader.is_owner, used=reader.used, skipped=skipped
        )
        if not shown:
            continue
        kind = "paragraph"
        if node.tag in _HEADING_TAGS:
            kind = "heading"
        elif node.tag in ("ul", "ol"):
            kind = "list"
        elif node.tag == "details":
            kind = "spoiler"
        elif node.tag == "p" and len(shown) == 1 and _bold_only(reader, child):
            kind = "bold"
        if node.tag in ("pre", "table", "blockquote") and not skipped:
            text = "\n".join(s.text for s in shown)
            links = tuple(link for s in shown for link in s.links)
            shown = [Shown(text, Span(shown[0].span.start, shown[-1].span.end), None, None, links)]
        if kind == "spoiler":
            blocks.append(Block("spoiler", (ShownLine(shown[0].text, None, None, shown[0].span),)))
            if len(shown) > 1:
                blocks.append(
                    Block(
                        "paragraph",
                        tuple(
                            ShownLine(s.text, s.url, s.link_end, s.span, s.links) for s in shown[1:]
                        ),
                    )
                )
            continue
        blocks.append(
            Block(kind, tuple(ShownLine(s.text, s.url, s.link_end, s.span, s.links) for s in shown))
        )
    return sections_from_blocks(blocks)


def _is_language(node: Node) -> bool:
    """lemmy-ui's language badge (a light badge; the bot badge is one too, read
    first with the author's badges)."""
    return node.tag == "span" and "badge" in node.classes and "text-bg-light" in node.classes


def _bold_only(reader: _Reader, paragraph: int) -> bool:
    """``<p><strong>Heading</strong></p>`` or with a ``:`` after: a heading line."""
    nodes = reader.nodes
    kids = [c for c in children(nodes, paragraph) if nodes[c].tag != TEXT or nodes[c].text.strip()]
    if not kids or nodes[kids[0]].tag not in ("strong", "b"):
        return False
    rest = kids[1:]
    return not rest or (
        len(rest) == 1 and nodes[rest[0]].tag == TEXT and nodes[rest[0]].text.strip() == ":"
    )


def parse_lemmy_html(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read a lemmy-ui page's HTML (server HTML, saved DOM or copied HTML)."""
    return _Reader(text, max_depth, diagnostics).read()


def quick_capture(text: str) -> str:
    """``Thread.capture`` from the text alone: a page has a head or scripts, a copy not."""
    head = re.search(r"<(?:head|script)\b", text[:_REACH], re.IGNORECASE)
    return "html" if head else "html-copy"
