"""Flat text: one paragraph a line, no comment headers.

Shape (corpus 001, 004)::

    A week ago, the Bolivian left-wing party ...      preamble, one paragraph a line
    Last week's thread is here.                       navigation block
    Israel's Genocide of Palestine                    sections, as in page text
    https://t.me/rybar ~ Produces useful maps.
                                                      first blank line after a heading
    ding ding ding                                    the discussion: authors and
    We need to evolve our understanding of ...        nesting are lost

The post is recognized by its headings: with no heading anywhere (corpus 003),
the whole text is discussion. The discussion's lines go to
``Thread.unattributed``; authors are never invented. A lone ``deleted by
creator`` / ``Removed by mod`` line is the one trace of a comment flat text
keeps, so it becomes an authorless deleted (removed) comment.
"""

from __future__ import annotations

from collections.abc import Sequence

from threadparse._comments import deletion_of
from threadparse._diagnostics import Diagnostics
from threadparse._models import Comment, Preamble, Span, Text, Thread
from threadparse._post import first_heading, heading_title, parse_post
from threadparse._source import Line


def _post_end(lines: Sequence[Line]) -> int:
    """Index of the first discussion line: the first blank line after the first
    heading, if the lines before it look like a post (two headings, or a heading
    and a URL); otherwise 0, and everything is discussion."""
    heading = first_heading(lines)
    if heading is None:
        return 0
    end = next((i for i in range(heading, len(lines)) if lines[i].blank), len(lines))
    headings = sum(heading_title(line.content) is not None for line in lines[heading:end])
    has_url = any("://" in line.content for line in lines[heading:end])
    return end if headings >= 2 or has_url else 0


def parse_flat(lines: Sequence[Line], diagnostics: Diagnostics) -> Thread:
    post_end = _post_end(lines)
    preamble, sections = (
        parse_post(lines[:post_end], one_per_line=True) if post_end else (Preamble(), ())
    )
    discussion = [line for line in lines[post_end:] if not line.blank]
    unattributed: list[Text] = []
    comments: list[Comment] = []
    for line in discussion:
        kind = deletion_of(line.content)
        if kind is None:
            unattributed.append(Text(line.content, line.content_span))
            continue
        comments.append(
            Comment(
                author=None,
                score=None,
                upvotes=None,
                downvotes=None,
                language=None,
                time=None,
                edited=False,
                deleted=kind == "deleted",
                removed=kind == "removed",
                more_replies=None,
                depth=0,
                paragraphs=(),
                replies=(),
                span=line.content_span,
            )
        )
        diagnostics.report(
            "TP301",
            f"a lone '{line.content}' line: read as a {kind} comment whose author is lost",
            line.content_span,
        )
    if unattributed:
        diagnostics.report(
            "TP101",
            f"discussion without comment headers ({len(unattributed)} "
            f"{'paragraph' if len(unattributed) == 1 else 'paragraphs'}): "
            "authors and nesting are lost",
            Span(unattributed[0].span.start, unattributed[-1].span.end),
        )
    return Thread(
        dialect="flat",
        preamble=preamble,
        sections=sections,
        comments=tuple(comments),
        unattributed=tuple(unattributed),
        unparsed=(),
        diagnostics=diagnostics.sorted(),
    )
