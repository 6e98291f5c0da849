"""A post body in markdown (dialect ``markdown``): the source a post's author
wrote, read as the page shows it (``core/markdown.py`` renders it as lemmy-ui
does), into the preamble and link sections. No comments.

Evidence for ``threadparse.detect``: lines only markdown source shows
(``# Title``, a bold-only line, ``[text](http...)``, ``::: spoiler``, a code
fence), one vote each (``markdown_lines``); rendered page text shows none.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.markdown import read_post
from threadparse.core.models import Span, Thread
from threadparse.core.source import WHITESPACE, Line

__all__ = ("markdown_lines", "parse_markdown")

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


def markdown_lines(lines: Sequence[Line], text: str | None = None) -> int:
    """How many lines only markdown source shows. With the ``text`` the lines
    are from, none when it holds none of the marks such a line starts with
    (found by a few whole-text searches, not a match a line)."""
    if text is not None and not any(mark in text for mark in _MARKS):
        return 0
    return sum(1 for line in lines if not line.blank and _MARKDOWN_LINE.match(line.content))


#: What every line ``_MARKDOWN_LINE`` matches holds.
_MARKS = ("#", "**", "__", ":::", "```", "~~~", "](")
_LINE_MARKS = _MARKS[:-1]  # at the line's start
#: A markdown link's middle. Searched from the end (``(?r)``): only whether it
#: is there counts, and the regex module's reverse search for it measured
#: 1.3x-2.7x as fast as its forward search (UCS-4 to UCS-2 text).
_LINK = regex.compile(r"(?r)\]\(")


def has_link_mark(text: str) -> bool:
    """Does the text hold ``](`` (a markdown link's middle) anywhere?"""
    return _LINK.search(text) is not None


def may_have_evidence(text: str) -> bool:
    """Could ``markdown_lines`` count a line of the text? Searches, no line
    table: a link's ``](`` anywhere, or a mark at a line's start (after white
    space). False means it counts none; a text with a carriage return (a line
    end looked back for could be far) is said to have some."""
    if has_link_mark(text) or "\r" in text:
        return True
    for mark in _LINE_MARKS:
        at = text.find(mark)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            if not text[start:at].strip(WHITESPACE):
                return True
            end = text.find("\n", at)  # on from the next line: each line looked back over once
            if end == -1:
                break
            at = text.find(mark, end + 1)
    return False


def parse_markdown(text: str | None, lines: Sequence[Line], diagnostics: Diagnostics) -> Thread:
    """The post's preamble and sections; TP103 when markdown-it-py is missing."""
    assert text is not None
    (preamble, sections), rendered = read_post(text)
    if not rendered and lines:
        diagnostics.report(
            "TP103",
            "markdown-it-py is not installed (pip install 'threadparse[markdown]'): "
            "the markdown was read as plain text, markup kept",
            Span(0, 0),
        )
    return Thread(
        dialect="markdown",
        preamble=preamble,
        sections=sections,
        comments=(),
        unattributed=(),
        unparsed=(),
        diagnostics=diagnostics.sorted(),
    )
