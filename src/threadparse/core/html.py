"""HTML as a flat, located tree: the standard library's tokenizer, every node placed.

Why ``html.parser`` (measured in benchmarks/html_parsers.py, figures in
benchmarks/README.md): it is the only candidate that says where each tag is in
the input (``getpos`` and the start tag's exact text), which every span needs;
it never recurses, so nesting of any depth tokenizes; it takes any string
(unclosed tags, stray ``<``, a page cut short) without raising; and it ships
with Python, so the reader needs no extra.

The tree is a list of ``Node`` in document order (pre-order): an element's
descendants are the nodes ``index + 1 .. last - 1``, so any subtree is a slice
and no walk recurses. Tree building follows the HTML rules a real page needs,
kept small: void elements take no children, a block start closes an open
``<p>``, a new ``<li>`` closes the open one, an end tag closes every element
opened after its own, a stray end tag is ignored, and what is open at the end
closes there (``Tree.unclosed`` lists it).

Text a page does not show is marked ``hidden``: inside ``<script>``,
``<style>``, ``<template>``, ``<noscript>`` and ``<svg>`` (icon names for
screen readers).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from html.parser import HTMLParser

import attrs

from threadparse.core.models import Link, Span, Text
from threadparse.core.source import WHITESPACE

#: Elements that take no children.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
#: Elements whose text the page does not show.
HIDDEN = frozenset({"script", "style", "template", "noscript", "svg"})
#: Elements that start a new line of text where they begin and end.
BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "button",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "input",
        "label",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "textarea",
        "tfoot",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
#: Table cells: their texts join on one line, ``" | "`` between.
CELLS = frozenset({"td", "th"})
#: Start tags that close an open ``<p>`` (HTML's rule).
_CLOSES_P = BLOCK - {"button", "input", "label", "option", "select", "textarea", "title"}
#: How far up the open elements a new ``<li>`` looks for the ``<li>`` it closes.
_LI_REACH = 32

TEXT = "#text"
_ASCII_SPACE = " \t\n\r\f"
_SPACES = re.compile(r"[ \t\n\r\f]+")
_NEWLINE = re.compile(r"\n")


@attrs.define(slots=True)
class Node:
    """An element (``tag`` is its name) or a run of text (``tag`` is ``"#text"``)."""

    tag: str
    start: int  #: where its start tag (or text) begins in the input
    end: int  #: after its end tag (or text); where it was closed when the tag is missing
    parent: int  #: the parent element's index, -1 at the top
    last: int  #: index after its last descendant
    hidden: bool  #: inside an element whose text the page does not show
    attrs: dict[str, str] = attrs.field(factory=dict)
    classes: frozenset[str] = frozenset()
    text: str = ""  #: a text node's text, character references decoded

    def attr(self, name: str) -> str:
        return self.attrs.get(name, "")


@attrs.frozen
class Tree:
    source: str
    nodes: list[Node]
    unclosed: tuple[str, ...]  #: elements open when the input ended (outside html/head/body)
    error: int | None  #: where the tokenizer gave up (the rest is one text node), else None


@attrs.frozen
class Shown:
    """One line of text as the page shows it."""

    text: str
    span: Span  #: from its first to its last character in the input
    url: str | None  #: the first web link's target in the line
    link_end: int | None  #: where that link's text ends, when the line starts with it
    links: tuple[Link, ...] = ()  #: the web links in the line: href, text, element


class _Builder(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0, *(match.end() for match in _NEWLINE.finditer(source))]
        self.nodes: list[Node] = []
        self.open: list[int] = []
        self.counts: Counter[str] = Counter()
        self.pending: int | None = None  # the text node whose end is not known yet
        self.pieces: list[str] = []  # its text, as the tokenizer handed it over

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def end_text(self, at: int) -> None:
        if self.pending is not None:
            node = self.nodes[self.pending]
            node.end = at
            node.text = "".join(self.pieces)
            self.pending = None

    def pop(self, end: int) -> None:
        index = self.open.pop()
        node = self.nodes[index]
        self.counts[node.tag] -= 1
        node.end = end
        node.last = len(self.nodes)

    def implied_end(self, tag: str, at: int) -> None:
        if tag in _CLOSES_P and self.open and self.nodes[self.open[-1]].tag == "p":
            self.pop(at)
        if tag == "li" and self.counts["li"]:
            for depth, index in enumerate(reversed(self.open)):
                name = self.nodes[index].tag
                if name in ("ul", "ol") or depth >= _LI_REACH:
                    return
                if name == "li":
                    for _ in range(depth + 1):
                        self.pop(at)
                    return

    def add(self, tag: str, attributes: list[tuple[str, str | None]], *, empty: bool) -> None:
        start = self.position()
        self.end_text(start)
        end = start + len(self.get_starttag_text() or "")
        self.implied_end(tag, start)
        parent = self.open[-1] if self.open else -1
        values: dict[str, str] = {}
        for name, value in attributes:
            values.setdefault(name, value or "")
        classes = frozenset(values.get("class", "").split())
        hidden = tag in HIDDEN or (parent >= 0 and self.nodes[parent].hidden)
        index = len(self.nodes)
        self.nodes.append(Node(tag, start, end, parent, index + 1, hidden, values, classes))
        if not empty and tag not in VOID:
            self.open.append(index)
            self.counts[tag] += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.add(tag, attrs, empty=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.add(tag, attrs, empty=True)

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        self.end_text(start)
        if self.counts[tag] <= 0:
            return  # a stray end tag
        close = self.source.find(">", start)
        end = len(self.source) if close < 0 else close + 1
        while self.open:
            closing = self.nodes[self.open[-1]].tag == tag
            self.pop(end if closing else start)
            if closing:
                return

    def handle_data(self, data: str) -> None:
        if self.pending is not None:  # the tokenizer split one run of text (a stray "<")
            self.pieces.append(data)
            return
        start = self.position()
        parent = self.open[-1] if self.open else -1
        hidden = parent >= 0 and self.nodes[parent].hidden
        index = len(self.nodes)
        self.nodes.append(Node(TEXT, start, start, parent, index + 1, hidden))
        self.pending = index
        self.pieces = [data]

    def handle_comment(self, data: str) -> None:
        self.end_text(self.position())

    def handle_decl(self, decl: str) -> None:
        self.end_text(self.position())

    def handle_pi(self, data: str) -> None:
        self.end_text(self.position())

    def unknown_decl(self, data: str) -> None:
        self.end_text(self.position())


def parse_html(source: str) -> Tree:
    """The located tree of any string; never raises."""
    builder = _Builder(source)
    error: int | None = None
    try:
        builder.feed(source)
        builder.close()
    except (AssertionError, ValueError, IndexError):  # the tokenizer's own failures
        error = builder.nodes[-1].end if builder.nodes and builder.pending is None else None
        error = builder.position() if error is None else error
        builder.end_text(error)
        rest = source[error:]
        if rest:
            index = len(builder.nodes)
            parent = builder.open[-1] if builder.open else -1
            builder.nodes.append(
                Node(TEXT, error, len(source), parent, index + 1, False, text=rest)
            )
    builder.end_text(len(source))
    unclosed = []
    while builder.open:
        tag = builder.nodes[builder.open[-1]].tag
        if tag not in ("html", "head", "body"):
            unclosed.append(tag)
        builder.pop(len(source))
    return Tree(source, builder.nodes, tuple(reversed(unclosed)), error)


def trimmed(tree: Tree, node: Node) -> Span:
    """A text node's span without the white space at its edges."""
    raw = tree.source[node.start : node.end]
    lead = len(raw) - len(raw.lstrip(_ASCII_SPACE))
    trail = len(raw) - len(raw.rstrip(_ASCII_SPACE))
    return Span(node.start + lead, max(node.start + lead, node.end - trail))


def shows_text(node: Node) -> bool:
    """A text node the page shows: not hidden, not white space alone."""
    return node.tag == TEXT and not node.hidden and bool(node.text.strip(WHITESPACE))


class _Line:
    """The line being gathered by ``lines``."""

    def __init__(self, pre: bool) -> None:
        self.pre = pre
        self.parts: list[str | None] = []  # None: a table cell starts
        self.start = -1
        self.end = -1
        self.url: str | None = None
        self.link_end: int | None = None
        self.link_at: int | None = None  # index in ``ends`` of a link that opened the line
        self.links: list[Link] = []

    def text(self) -> str:
        cells: list[str] = []
        current: list[str] = []
        for part in self.parts:
            if part is None:
                cells.append("".join(current))
                current = []
            else:
                current.append(part)
        cells.append("".join(current))
        if self.pre:
            rows = (row.strip(WHITESPACE) for row in "".join(cells).split("\n"))
            return "\n".join(row for row in rows if row)
        shown = (_SPACES.sub(" ", cell).strip(WHITESPACE) for cell in cells)
        return " | ".join(cell for cell in shown if cell)


class _OpenLink:
    """A web link being read: its text so far on the current line, and where."""

    def __init__(self, href: str) -> None:
        self.href = href
        self.parts: list[str] = []
        self.start = -1
        self.end = -1

    def close(self) -> Link | None:
        """The link as read on the line now ending; None if it showed nothing."""
        text = _SPACES.sub(" ", "".join(self.parts)).strip(WHITESPACE)
        if not text or self.start < 0:
            return None
        return Link(self.href, text, Span(self.start, self.end))


def lines(
    tree: Tree,
    lo: int,
    hi: int,
    *,
    skip: Callable[[int], bool] | None = None,
    used: bytearray | None = None,
    skipped: list[int] | None = None,
) -> list[Shown]:
    """The lines of text the nodes ``lo .. hi - 1`` show, in order.

    A block element, a ``<br>`` and a skipped subtree (``skip(index)``) end a
    line; white space collapses as a browser's does, except in ``<pre>``. Text
    nodes read are marked in ``used``; the subtrees skipped go to ``skipped``.
    A web link's span is its shown text, first to last character, on its line
    (a link that runs over a line end is a link on each). No recursion: the
    open blocks are a stack of where they end.
    """
    nodes = tree.nodes
    shown: list[Shown] = []
    ends: list[tuple[int, str]] = []  # (index after the element, "block" | "link" | "pre")
    pre = 0
    open_links = 0  # links open: a link inside a link (bad HTML) is part of the outer one
    link: _OpenLink | None = None  # the outermost open web link
    line = _Line(pre=False)

    def flush() -> None:
        nonlocal line, link
        if link is not None:
            done = link.close()
            if done is not None:
                line.links.append(done)
            link = _OpenLink(link.href)  # the link goes on after the line end
        text = line.text()
        if text:
            links = tuple(line.links)
            shown.append(Shown(text, Span(line.start, line.end), line.url, line.link_end, links))
        line = _Line(pre=pre > 0)

    index = lo
    while index < hi:
        while ends and ends[-1][0] <= index:
            _, kind = ends.pop()
            if kind == "link":
                open_links -= 1
                if open_links == 0 and link is not None:
                    done = link.close()
                    if done is not None:
                        line.links.append(done)
                    link = None
            if kind == "link" and line.link_at == len(ends) and line.link_end is None:
                line.link_end = len(line.text())
            elif kind == "pre":
                pre -= 1
            if kind != "link":
                flush()
        node = nodes[index]
        if node.tag == TEXT:
            if not node.hidden:
                if used is not None:
                    used[index] = 1
                line.parts.append(node.text)
                if link is not None:
                    link.parts.append(node.text)
                if node.text.strip(WHITESPACE):
                    span = trimmed(tree, node)
                    if line.start < 0:
                        line.start = span.start
                    line.end = span.end
                    if link is not None:
                        if link.start < 0:
                            link.start = span.start
                        link.end = span.end
            index += 1
            continue
        if node.hidden:
            index = node.last
            continue
        if skip is not None and skip(index):
            flush()
            if skipped is not None:
                skipped.append(index)
            index = node.last
            continue
        tag = node.tag
        if tag == "br":
            flush()
        elif tag in CELLS:
            line.parts.append(None)
        elif tag in BLOCK:
            flush()
            ends.append((node.last, "block"))
        if tag == "pre":
            pre += 1
            line.pre = True
            ends.append((node.last, "pre"))
        elif tag == "a":
            href = node.attr("href")
            if open_links == 0 and href.startswith(("http://", "https://")):
                link = _OpenLink(href)
                if line.url is None:
                    line.url = href
                    if not line.text():
                        line.link_at = len(ends)
            ends.append((node.last, "link"))
            open_links += 1
        index += 1
    while ends:
        _, kind = ends.pop()
        if kind == "link" and line.link_at == len(ends) and line.link_end is None:
            line.link_end = len(line.text())
    flush()
    return shown


def text_of(tree: Tree, index: int, *, used: bytearray | None = None) -> str:
    """An element's text on one line (its lines joined by a space)."""
    node = tree.nodes[index]
    return " ".join(line.text for line in lines(tree, index + 1, node.last, used=used))


def children(nodes: Sequence[Node], index: int) -> list[int]:
    """The indices of an element's child nodes."""
    found = []
    child = index + 1
    end = nodes[index].last
    while child < end:
        found.append(child)
        child = nodes[child].last
    return found


#: Elements that are a paragraph of their own in a body (a list, a table, a
#: quote is one paragraph).
BODY_BLOCKS = frozenset(
    [
        "p",
        "ul",
        "ol",
        "pre",
        "blockquote",
        "table",
        "details",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "div",
        "section",
        "figure",
        "dl",
    ]
)


def paragraphs(
    tree: Tree,
    items: Sequence[int],
    *,
    skip: Callable[[int], bool] | None = None,
    used: bytearray | None = None,
) -> list[Text]:
    """A body's paragraphs, from its child nodes ``items``: a Text per block
    element (``BODY_BLOCKS``; its lines joined by line breaks, its span the
    element's), a Text per line of the text and inline elements between blocks.
    Subtrees for which ``skip`` holds are left out; text read is marked in
    ``used``."""
    nodes = tree.nodes
    found: list[Text] = []
    loose: list[int] = []

    def flush_loose() -> None:
        if not loose:
            return
        shown = lines(tree, loose[0], nodes[loose[-1]].last, skip=skip, used=used)
        found.extend(Text(s.text, s.span, s.links) for s in shown)
        loose.clear()

    for child in items:
        node = nodes[child]
        owned = skip is not None and skip(child)
        if node.tag == TEXT or node.tag not in BODY_BLOCKS or owned:
            if not owned:
                loose.append(child)
            continue
        flush_loose()
        skipped: list[int] = []
        shown = lines(tree, child, node.last, skip=skip, used=used, skipped=skipped)
        if shown and skipped:
            # Broken HTML: a block never closed holds a skipped subtree (another
            # comment). Its span would cover it: a Text per line instead.
            found.extend(Text(s.text, s.span, s.links) for s in shown)
        elif shown:
            links = tuple(link for s in shown for link in s.links)
            found.append(Text("\n".join(s.text for s in shown), Span(node.start, node.end), links))
    flush_loose()
    return found


def roots(nodes: Sequence[Node]) -> list[int]:
    """The indices of the top-level nodes (a fragment's children)."""
    found = []
    index = 0
    while index < len(nodes):
        found.append(index)
        index = max(nodes[index].last, index + 1)
    return found


def html_paragraphs(source: str) -> list[Text]:
    """The paragraphs an HTML fragment shows (a comment's ``text`` on Hacker
    News, a post's ``cooked`` on Discourse, a status's ``content`` on
    Mastodon), with their links; spans are offsets into ``source``."""
    tree = parse_html(source)
    return paragraphs(tree, roots(tree.nodes))
