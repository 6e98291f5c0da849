"""Hacker News item pages as HTML (dialect ``hn-html``): ``news.ycombinator.com/item?id=``
as the server sends it, or as "Save page as" keeps it.

The grammar, as the site writes it (a real comment's page of 2019 is in
``../shared/real_data/hn``; the story header's markup is HN's current one,
``span.titleline``, and the older ``a.storylink``)::

    table#hnmain                                       the page (site chrome around)
      span.pagetop  new | past | comments ... | login   chrome
      table.fatitem                                    THE ITEM
        tr.athing#ID                                   a story:
          span.titleline > a[href=URL] TITLE            (older: a.storylink)
            span.sitebit a span.sitestr DOMAIN
        td.subtext > span.subline
          span.score#score_ID  "N points"
          a.hnuser USER   span.age[title="2024-01-02T03:04:05 1704164645"] > a "3 hours ago"
          a[href=item?id=ID] "N comments" | "discuss"
        div.toptext  TEXT                              Ask HN / job text: the preamble
        tr.athing#ID (with span.comhead, .commtext)    or a comment (a comment's page):
          span.par > a[href=item?id=PARENT] "parent"    its parent, outside the page
          span.storyon > a[href=item?id=STORY] TITLE    its story
      table.comment-tree
        tr.athing.comtr#ID                             A COMMENT (its span: the row)
          td.ind[indent=N] (older: img[width=40*N])     its depth in the tree
          span.comhead
            a.hnuser USER  span.age[title=WHEN] > a AGE  [dead] [flagged]
            a.togg "[–]"
          (div|span).commtext[.cdd]  BODY               paragraphs: <p> between them
            "[deleted]" / "[flagged]" / "[dead]" alone: no text
          div.reply  "reply"
      a.morelink[rel=next] "More"                       the thread goes on: a next page

Tree: depth is the row's indent; a comment's parent is the nearest row
above with a smaller indent. On a comment's page the item is the top comment
(depth 0, ``parent_id`` from its "parent" link, which is not in the page)
and the tree's rows are its replies (depth indent + 1). HN shows no comment
scores; the story's points are ``Post.score``. ``span.age``'s ``title`` is
the exact time (UTC; newer pages add the epoch seconds after it).

Deleted, dead, flagged: a comment whose body is ``[deleted]`` (no user link)
is ``deleted``; a dead one (``[dead]`` in the header, or ``commtext cdd``:
shown to readers with ``showdead``) is ``removed`` with its text kept, as in
``hn-json``; ``[flagged]`` is kept in the header and is not a flag of the model.

"More": a ``morelink`` (a long thread paged) says the thread is partial
(TP405: the count is not on the page).

Every text node the page shows belongs to one node: the post's span, a
comment's span or one of its paragraphs, a line of ``Thread.chrome`` (the
site's text around the item: anything inside ``#hnmain`` or ``<head>`` that
is not the item or a comment), or ``Thread.unparsed`` with TP901 (text
outside the page's table, as in a fragment).

Detection: the text starts as HTML and holds two of HN's marks (``athing``,
``hnuser``, ``comhead``, ``commtext``, ``hnmain``, ``news.ycombinator.com``).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.hackernews import SITE, hn_author
from threadparse.core.html import (
    TEXT,
    Tree,
    children,
    lines,
    paragraphs,
    parse_html,
    text_of,
)
from threadparse.core.models import Comment, Post, Preamble, Span, Text, Thread
from threadparse.core.records import Record, build_tree
from threadparse.core.source import WHITESPACE

DIALECT = "hn-html"
MARKS = ("athing", "hnuser", "comhead", "commtext", "hnmain", "news.ycombinator.com")
_START = re.compile(r"[\s\ufeff]{0,200}(?:<!--.{0,200}?-->\s{0,200})?<[!a-zA-Z]", re.DOTALL)
_ITEM = re.compile(r"item\?id=(\d{1,20})")
_NUMBER = re.compile(r"(\d{1,12})")
_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})")
_GONE = ("[deleted]", "[dead]", "[flagged]", "[flagged] [dead]", "[dead] [flagged]")
#: Pixels per level in older pages' indent image.
INDENT_PIXELS = 40


def marks(text: str) -> int:
    """How many of HN's marks the text holds."""
    return sum(1 for mark in MARKS if mark in text)


def looks_like_hn_html(text: str) -> bool:
    """Does the text start as HTML and hold two of HN's marks?"""
    return _START.match(text) is not None and marks(text) >= 2


def parse_hn_html(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read a Hacker News item page's HTML into a Thread (dialect ``hn-html``)."""
    return _Reader(text, diagnostics).read(max_depth)


@attrs.frozen
class _Row:
    index: int
    id: str
    indent: int
    comment: Comment


class _Reader:
    def __init__(self, text: str, diagnostics: Diagnostics) -> None:
        self.tree: Tree = parse_html(text)
        self.nodes = self.tree.nodes
        self.diagnostics = diagnostics
        self.used = bytearray(len(self.nodes))
        self.owned = bytearray(len(self.nodes))  # inside the post or a comment
        self.post: Post | None = None
        self.preamble: tuple[Text, ...] = ()
        self.story: str | None = None

    def read(self, max_depth: int | None) -> Thread:
        nodes = self.nodes
        rows: list[_Row] = []
        top: _Row | None = None
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if node.tag == "tr" and "athing" in node.classes:
                if "comtr" in node.classes:
                    rows.append(self.row(index))
                elif top is not None and self._is_comment(index):
                    rows.append(self.row(index))  # a second item (a broken page): a row
                elif self._fatitem(index) is not None and self._is_comment(index):
                    top = self.row(index)
                    table = self._fatitem(index)
                    assert table is not None
                    top = attrs.evolve(top, comment=self._to_table_end(top.comment, table))
                    self._own(table)
                elif self.post is None:
                    self.submission(index)
                else:
                    index += 1
                    continue
                self._own(index)
                index = node.last
                continue
            if node.tag == "div" and "toptext" in node.classes and self.post is not None:
                # A page has one; a broken page may repeat it: every one is kept.
                self.preamble += tuple(
                    paragraphs(self.tree, children(nodes, index), used=self.used)
                )
                self._own(index)
                index = node.last
                continue
            if node.tag == "a" and "morelink" in node.classes:
                self.diagnostics.report(
                    "TP405",
                    "the page links to a next page of the thread ('More'): its comments "
                    "are not in the input, and how many is not shown",
                    Span(node.start, node.end),
                )
            index += 1
        records = self.records(top, rows)
        comments = build_tree(records, max_depth, self.diagnostics)
        chrome, unparsed = self.rest()
        span = None
        if self.preamble:
            span = Span(self.preamble[0].span.start, self.preamble[-1].span.end)
        return Thread(
            dialect=DIALECT,
            preamble=Preamble(self.preamble, span),
            sections=(),
            comments=comments,
            unattributed=(),
            unparsed=unparsed,
            diagnostics=self.diagnostics.sorted(),
            post=self.post,
            chrome=chrome,
        )

    def _own(self, index: int) -> None:
        for inner in range(index, self.nodes[index].last):
            self.owned[inner] = 1

    def _fatitem(self, index: int) -> int | None:
        """The ``table.fatitem`` a row is in, a few levels up."""
        parent = self.nodes[index].parent
        for _ in range(8):
            if parent < 0:
                return None
            if "fatitem" in self.nodes[parent].classes:
                return parent
            parent = self.nodes[parent].parent
        return None

    def _to_table_end(self, comment: Comment, table: int) -> Comment:
        """The item's comment spans its table's content (the table is owned whole):
        its row, and its reply form after it; in a broken page, what comes before."""
        shown = [
            child
            for child in children(self.nodes, table)
            if self.nodes[child].tag != TEXT or self.nodes[child].text.strip(WHITESPACE)
        ]
        start = min([comment.span.start, *(self.nodes[c].start for c in shown)])
        end = max([comment.span.end, *(self.nodes[c].end for c in shown)])
        return attrs.evolve(comment, span=Span(start, end))

    def _is_comment(self, index: int) -> bool:
        return any(
            "hnuser" in self.nodes[inner].classes or "commtext" in self.nodes[inner].classes
            for inner in range(index, self.nodes[index].last)
        )

    def _find(self, index: int, tag: str | None, cls: str) -> int | None:
        for inner in range(index + 1, self.nodes[index].last):
            node = self.nodes[inner]
            if cls in node.classes and (tag is None or node.tag == tag):
                return inner
        return None

    def _text(self, index: int | None) -> str | None:
        if index is None:
            return None
        return text_of(self.tree, index) or None

    def _link_id(self, index: int | None) -> str | None:
        """The item id a ``span.par`` or ``span.storyon``'s link names."""
        if index is None:
            return None
        anchor = None
        for inner in range(index + 1, self.nodes[index].last):
            if self.nodes[inner].tag == "a":
                anchor = inner
                break
        if anchor is None:
            return None
        match = _ITEM.search(self.nodes[anchor].attr("href"))
        return match.group(1) if match else None

    def _age(self, index: int) -> tuple[str | None, datetime | None]:
        age = self._find(index, "span", "age")
        if age is None:
            return None, None
        return self._text(age), _moment(self.nodes[age].attr("title"))

    def row(self, index: int) -> _Row:
        """A comment's row."""
        nodes = self.nodes
        node = nodes[index]
        item_id = node.attr("id")
        user = self._find(index, "a", "hnuser")
        author = self._text(user)
        time, published = self._age(index)
        head = self._find(index, "span", "comhead")
        head_text = self._text(head) or ""
        body = self._find(index, None, "commtext")
        texts: tuple[Text, ...] = ()
        if body is not None:
            texts = tuple(paragraphs(self.tree, children(nodes, body), used=self.used))
        shown = " ".join(text.text for text in texts)
        deleted = author is None and ("[deleted]" in head_text or shown in ("", "[deleted]"))
        dead = "[dead]" in head_text or (body is not None and "cdd" in nodes[body].classes)
        dead = dead or (author is None and not deleted and shown in _GONE)
        if author is None and shown in _GONE:
            texts = ()
        comment = Comment(
            author=None if author is None else hn_author(author),
            score=None,
            upvotes=None,
            downvotes=None,
            language=None,
            time=time,
            published=published,
            updated=None,
            edited=False,
            deleted=deleted,
            removed=dead,
            more_replies=None,
            depth=0,
            paragraphs=texts,
            replies=(),
            span=Span(node.start, node.end),
            id=item_id or None,
            parent_id=self._link_id(self._find(index, "span", "par")),
            post_id=self._link_id(self._find(index, "span", "storyon")),
            url=f"{SITE}/item?id={item_id}" if item_id else None,
        )
        return _Row(index, item_id, self._indent(index), comment)

    def _indent(self, index: int) -> int:
        cell = self._find(index, "td", "ind")
        if cell is None:
            return 0
        level = _NUMBER.fullmatch(self.nodes[cell].attr("indent"))
        if level is not None:
            return int(level.group(1))
        for inner in range(cell + 1, self.nodes[cell].last):
            if self.nodes[inner].tag == "img":
                width = _NUMBER.fullmatch(self.nodes[inner].attr("width"))
                return int(width.group(1)) // INDENT_PIXELS if width else 0
        return 0

    def submission(self, index: int) -> None:
        """The story: its title row and, in the next row, its subline."""
        nodes = self.nodes
        node = nodes[index]
        item_id = node.attr("id") or None
        title_node = self._find(index, "span", "titleline")
        anchor = None
        if title_node is not None:
            for inner in range(title_node + 1, nodes[title_node].last):
                if nodes[inner].tag == "a":
                    anchor = inner
                    break
        if anchor is None:
            anchor = self._find(index, "a", "storylink")
        title = self._text(anchor)
        href = nodes[anchor].attr("href") if anchor is not None else ""
        url = href if href.startswith(("http://", "https://")) else None
        end = node.end
        subline = node.last
        score = author = time = count = None
        published = None
        sub = self._next_row(index)
        if sub is not None:
            end = nodes[sub].end
            self._own(sub)
            subline = nodes[sub].last
            score_text = self._text(self._find(sub, "span", "score"))
            score = _number(score_text)
            author = self._text(self._find(sub, "a", "hnuser"))
            time, published = self._age(sub)
            for inner in range(sub + 1, subline):
                if nodes[inner].tag == "a" and nodes[inner].attr("href").startswith("item?id="):
                    words = self._text(inner) or ""
                    if "comment" in words or words == "discuss":
                        count = _number(words) or 0
        self.story = item_id
        self.post = Post(
            title=title,
            author=None if author is None else hn_author(author),
            community=None,
            url=url,
            domain=self._text(self._find(index, "span", "sitestr")),
            language=None,
            time=time,
            score=score,
            upvotes=None,
            downvotes=None,
            comment_count=count,
            embed=(),
            span=Span(node.start, end),
            id=item_id,
            published=published,
        )

    def _next_row(self, index: int) -> int | None:
        """The ``tr`` after a story's row, when it holds the subline."""
        after = self.nodes[index].last
        while after < len(self.nodes) and self.nodes[after].tag == TEXT:
            after += 1
        is_row = after < len(self.nodes) and self.nodes[after].tag == "tr"
        return after if is_row and self._find(after, "td", "subtext") is not None else None

    def records(self, top: _Row | None, rows: list[_Row]) -> list[Record]:
        """Parents from the indents: the nearest row above with a smaller one."""
        records: list[Record] = []
        story = self.story or (top.comment.post_id if top is not None else None)
        if top is not None:
            records.append(Record(top.id or f"#{top.index}", (), None, top.comment))
        open_rows: list[_Row] = []
        for row in rows:
            while open_rows and open_rows[-1].indent >= row.indent:
                open_rows.pop()
            above = open_rows[-1] if open_rows else top
            key = row.id or f"#{row.index}"
            parent = None if above is None else (above.id or f"#{above.index}")
            comment = attrs.evolve(
                row.comment,
                parent_id=None if above is None else above.id or None,
                post_id=row.comment.post_id or story,
            )
            records.append(Record(key, () if parent is None else (parent,), None, comment))
            open_rows.append(row)
        return records

    def rest(self) -> tuple[tuple[Text, ...], tuple[Text, ...]]:
        """Text outside the item and the comments: chrome inside the page's
        table or head, else unparsed (TP901)."""
        chrome: list[Text] = []
        unparsed: list[Text] = []
        regions = self._page_regions()
        at = 0
        for shown in lines(
            self.tree, 0, len(self.nodes), skip=lambda i: bool(self.owned[i]), used=self.used
        ):
            text = Text(shown.text, shown.span, shown.links)
            while at < len(regions) and regions[at][1] <= shown.span.start:
                at += 1
            if at < len(regions) and regions[at][0] <= shown.span.start:
                chrome.append(text)
            else:
                unparsed.append(text)
                self.diagnostics.report(
                    "TP901",
                    "text outside HN's page table, item and comments: kept as unparsed",
                    shown.span,
                )
        return tuple(chrome), tuple(unparsed)

    def _page_regions(self) -> list[tuple[int, int]]:
        """Where the page's own table and head are, merged, in order (the
        nodes are in document order, so one sweep)."""
        regions: list[tuple[int, int]] = []
        for node in self.nodes:
            if node.attrs.get("id") == "hnmain" or node.tag in ("head", "title"):
                if regions and node.start < regions[-1][1]:
                    regions[-1] = (regions[-1][0], max(regions[-1][1], node.end))
                else:
                    regions.append((node.start, node.end))
        return regions


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    match = _NUMBER.search(text)
    return int(match.group(1)) if match else None


def _moment(title: str) -> datetime | None:
    match = _WHEN.match(title.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return None
