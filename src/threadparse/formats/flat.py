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

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.lemmy import deletion_of
from threadparse.core.models import Comment, Preamble, Span, Text, Thread
from threadparse.core.post import first_heading, is_link_list, parse_post
from threadparse.core.records import authorless_comment
from threadparse.core.source import Line


def _post_end(lines: Sequence[Line]) -> int:
    """Index of the first discussion line, or 0 when the text has no post.

    The post is recognized by its first heading, among the first
    ``MAX_LINES_BEFORE_HEADING`` non-blank lines, and ends at the first blank
    line after it: flat text has no blank line inside the post, and the
    discussion after it may well open with a Title-Case line ("Agreed").
    It must look like a link list: two headings, or a heading and a URL.
    """
    heading = first_heading(lines[: _nth_nonblank(lines, MAX_LINES_BEFORE_HEADING)])
    if heading is None:
        return 0
    end = next((i for i in range(heading, len(lines)) if lines[i].blank), len(lines))
    return end if is_link_list(lines[heading:end]) else 0


#: Megathreads open with a short preamble and navigation block; a heading
#: further down is a Title-Case line in the discussion.
MAX_LINES_BEFORE_HEADING = 30


def _nth_nonblank(lines: Sequence[Line], count: int) -> int:
    seen = 0
    for index, line in enumerate(lines):
        seen += not line.blank
        if seen > count:
            return index
    return len(lines)


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
        comments.append(authorless_comment(kind, line.content_span))
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


#: Lines of prose that make flat text plain: with this many, all prose, the
#: confidence is at its highest.
PLAIN_LINES = 5

#: Flat is the reading left when no reader's marks are found; absence of marks
#: is never proof, so its confidence stops short of 1.0 (decisive evidence).
MAX_CONFIDENCE = 0.95


def confidence(lines: Sequence[Line]) -> float:
    """How plainly the text is flat, for ``detect`` (which found no other reader's marks).

    Flat text is one paragraph a line: the evidence is its lines of prose
    (three words or more). From 0.5 (no line, or none of prose: a guess) up
    to ``MAX_CONFIDENCE`` when ``PLAIN_LINES`` or more lines are all prose;
    the share of prose lines and their number (up to ``PLAIN_LINES``) scale it.
    """
    written = [line for line in lines if not line.blank]
    if not written:
        return 0.5
    prose = sum(1 for line in written if len(line.content.split(None, 2)) == 3)
    share = prose / len(written)
    weight = min(prose, PLAIN_LINES) / PLAIN_LINES
    return round(0.5 + (MAX_CONFIDENCE - 0.5) * share * weight, 2)
