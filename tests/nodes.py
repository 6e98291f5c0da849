"""Test helpers: walk every node of a Thread, and check the lossless-coverage rule.

The rule (issue 2, "Lossless"): every non-blank input line belongs to exactly
one node. Leaves are text nodes (paragraphs, unattributed, unparsed) and items;
a line in no leaf belongs to the innermost comment or section whose span holds
it (its header tokens, its title). Leaves never overlap.

Two dialects read sources rather than pages, and the rule reads accordingly:

- markdown: a line of markup alone (a thematic break, a closing ``:::`` or
  fence, an image with no alt text) shows nothing, so it needs no node.
- lemmy-api: JSON lines are not text; what must be kept is every comment
  entry (a comment, or unparsed) and the post, checked in test_lemmy_api.
  JSON that could not be read must be unparsed whole, as any text.
- lemmy-html: tags are not text; the unit is each text node the page shows
  (not white space alone, not inside ``<script>``, ``<style>``, ``<svg>``...):
  each must be in exactly one leaf, or in the post's or a comment's span.
  ``Text.text`` is rendered (references decoded), never its span's slice.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from urllib.parse import unquote

from threadparse import Comment, Item, Post, Section, Span, Text, Thread
from threadparse.core.html import parse_html, shows_text, trimmed
from threadparse.core.source import WHITESPACE
from threadparse.core.walk import preorder

_LINE_END = re.compile(r"\r\n|\r|\n")


def comments(thread: Thread) -> Iterator[Comment]:
    """Every comment, in reading order."""
    return preorder(thread.comments, lambda comment: comment.replies)


def sections(thread: Thread) -> Iterator[Section]:
    """Every section, in reading order."""
    return preorder(thread.sections, lambda section: section.sections)


def leaves(thread: Thread) -> Iterator[Text | Item]:
    if thread.post is not None:
        yield from thread.post.embed
    yield from thread.preamble.paragraphs
    for section in sections(thread):
        yield from section.items
    for comment in comments(thread):
        yield from comment.paragraphs
    yield from thread.unattributed
    yield from thread.unparsed
    yield from thread.chrome


def containers(thread: Thread) -> Iterator[Comment | Section | Post]:
    if thread.post is not None:
        yield thread.post
    yield from sections(thread)
    yield from comments(thread)


def line_spans(text: str) -> list[Span]:
    """Spans of every non-blank line's content (what must be covered)."""
    spans = []
    start = 0
    for match in [*_LINE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        raw = text[start:end]
        content = raw.strip(WHITESPACE)
        if content:
            lead = len(raw) - len(raw.lstrip(WHITESPACE))
            spans.append(Span(start + lead, start + lead + len(content)))
        if match is None:
            break
        start = match.end()
    return spans


def expected_text(source: str, span: Span) -> str:
    """What ``Text.text`` must be for a span: its lines stripped, joined by newlines."""
    return "\n".join(
        line.strip(WHITESPACE) for line in _LINE_END.split(source[span.start : span.end])
    )


#: Dialects whose ``Text.text`` is rendered (markup gone, JSON escapes decoded),
#: so it is not its span's slice.
#: The readers of JSON, whose text nodes are placed by the JSON's structure.
JSON_DIALECTS = ("lemmy-api", "reddit-json", "discourse-json", "mastodon-json", "hn-json")
RENDERED_TEXT = (
    "markdown",
    "lemmy-api",
    "reddit-json",
    "lemmy-html",
    "discourse-json",
    "mastodon-json",
    "hn-json",
    "hn-html",
)
#: The readers of HTML, whose unit of text is a text node the page shows.
HTML_DIALECTS = ("lemmy-html", "hn-html")

# What a markdown line holding markup alone is made of: list and quote markers,
# rules, fences, a spoiler's ":::", an image's "![](url)", table rules.
_MARKUP = re.compile(r"!\[\]\([^)]*\)|\d{1,9}[.)]|[-*_=#>|:`~+\s]")
# A link reference definition ("[label]: url"): its URL goes to the links that
# name the label, and the line itself shows nothing.
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*")


def markup_only(content: str) -> bool:
    return not _MARKUP.sub("", content) or bool(_REFERENCE_DEFINITION.fullmatch(content))


def _json_read_to(text: str) -> int:
    """Where the JSON values at the start of the text end (0 when the text does
    not start with one): the API reader places what is in them by their
    structure, not by line, and reads what follows as text it could not read."""
    decoder = json.JSONDecoder()
    position = 1 if text.startswith("\ufeff") else 0
    read_to = 0
    while True:
        while position < len(text) and text[position] in " \t\n\r":
            position += 1
        if position == len(text):
            return read_to
        try:
            _, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            return read_to
        read_to = position


def html_text_spans(text: str) -> list[Span]:
    """Spans of every text node an HTML page shows (what lemmy-html must cover)."""
    tree = parse_html(text)
    return [trimmed(tree, node) for node in tree.nodes if shows_text(node)]


def check_lossless(text: str, thread: Thread) -> None:
    leaf_spans = sorted((leaf.span.start, leaf.span.end) for leaf in leaves(thread))
    for (_, end), (start, _) in itertools.pairwise(leaf_spans):
        assert end <= start, f"leaves overlap at {start}"
    json_end = _json_read_to(text) if thread.dialect in JSON_DIALECTS else 0
    boxes = [c.span for c in containers(thread)]
    units = html_text_spans(text) if thread.dialect in HTML_DIALECTS else line_spans(text)
    for line in units:
        if line.start < json_end:  # a line the JSON values start or fill
            continue
        if thread.dialect == "markdown" and markup_only(text[line.start : line.end]):
            continue
        in_leaves = [s for s in leaf_spans if s[0] <= line.start and line.end <= s[1]]
        if in_leaves:
            assert len(in_leaves) == 1, f"line at {line.start} is in {len(in_leaves)} leaves"
            continue
        partial = [s for s in leaf_spans if s[0] < line.end and line.start < s[1]]
        assert not partial, f"line at {line.start} is cut by a leaf {partial}"
        assert any(b.start <= line.start and line.end <= b.end for b in boxes), (
            f"line {text[line.start : line.end]!r} at {line.start} belongs to no node"
        )


def check_spans(text: str, thread: Thread) -> None:
    """Spans are in bounds, and every text node's span holds exactly its text.

    A rendered text (markdown, API JSON) may start with white space: a code
    block keeps its first line's indentation. A text's links lie within its
    span, in order; in markdown each link's source holds its URL or its text,
    or is a link's markup (``[text](url)``, ``<url>``).
    """
    for leaf in leaves(thread):
        assert 0 <= leaf.span.start <= leaf.span.end <= len(text)
        rendered = thread.dialect in RENDERED_TEXT
        if not rendered or (leaf in thread.unparsed and thread.dialect not in HTML_DIALECTS):
            assert leaf.text == expected_text(text, leaf.span)
        assert leaf.text == leaf.text.rstrip(WHITESPACE)
        if thread.dialect not in RENDERED_TEXT:
            assert leaf.text == leaf.text.lstrip(WHITESPACE)
        if isinstance(leaf, Text):
            check_links(text, leaf, markdown=thread.dialect == "markdown")
    for box in containers(thread):
        assert 0 <= box.span.start <= box.span.end <= len(text)
    for diagnostic in thread.diagnostics:
        assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def check_links(source: str, text: Text, *, markdown: bool) -> None:
    """``text``'s links lie within its span, in order, each with a URL and a text;
    with ``markdown``, ``source`` is the markdown they were read from."""
    end = text.span.start
    for link in text.links:
        assert end <= link.span.start < link.span.end <= text.span.end, (link, text.span)
        end = link.span.end
        assert link.url.startswith(("http://", "https://"))
        assert link.text
        if markdown:
            # markdown-it shows a NUL as U+FFFD (CommonMark's rule), in link texts too.
            held = source[link.span.start : link.span.end].replace("\x00", "\ufffd")
            # The typographer curls quotes in a bare link's text as in any text.
            shown = link.text.translate(_STRAIGHT)
            # A bare link's text shows its %-escapes decoded (markdown-it's
            # normalizeLinkText), and its URL has the host in punycode.
            assert (
                link.url in held
                or shown in held
                or unquote(shown) in unquote(held)
                or held.startswith(("[", "<"))
            ), (
                link,
                held,
            )
