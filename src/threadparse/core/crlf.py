r"""Text whose lines end in CRLF, read by a reader written for LF.

The block readers (``formats/lemmy_page/blocks.py``, ``capture_blocks.py``,
``formats/mlmym/blocks.py``) match ``\n`` line ends. A text copied on Windows
ends its lines in ``\r\n`` instead (all of them, or some, where it was pasted
into LF text), which the careful readers take as one line end as well. Rather
than a second grammar for it, such a text is read as its LF twin (``lf_twin``:
each ``\r\n`` made ``\n``) and every span of the thread read is moved back
onto the text (``moved_back``, from the text's ``line_ends``): an offset in the
twin moves right by the number of CRLFs before it, one ``\r`` each. Line
numbers, contents and diagnostics are the same in both texts, as their lines
are. (Remaking the tree costs about as much as the block reader took to build
it: a CRLF megathread parses at 3.4x-8.6x the floor where the careful readers
took 8.8x-25x; benchmarks/README.md, "CRLF text".)

A text with a ``\r`` that is no CRLF's (a lone ``\r``, which ends a line of its
own, or ``\r\r\n``) has no twin here: it is left to the careful reader.
"""

from __future__ import annotations

import functools
import operator
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable
from itertools import count
from typing import Any, TypeVar

import attrs

from threadparse.core.models import (
    Comment,
    Section,
    Span,
    Text,
    Thread,
)
from threadparse.core.walk import rebuild

__all__ = ("lf_twin", "line_ends", "moved_back")

_T = TypeVar("_T")

_CRLF = re.compile("\r\n")


def lf_twin(text: str) -> str | None:
    """The text with each ``\\r\\n`` made ``\\n``, where every ``\\r`` in it is
    a CRLF's; else None."""
    twin = text.replace("\r\n", "\n")
    return None if "\r" in twin else twin


@functools.cache
def _fields(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]:
    """All of a model's fields at once (``attrgetter``), and each one's place."""
    names = tuple(field.name for field in attrs.fields(cls))
    return operator.attrgetter(*names), {name: i for i, name in enumerate(names)}


def _remade(node: _T, changes: dict[str, Any]) -> _T:
    """``node`` with some fields changed (positional, as the models' ``__init__``
    takes every field; faster than ``attrs.evolve``, which goes by keyword)."""
    kind: type = type(node)
    get, place = _fields(kind)
    values = list(get(node))
    for name, value in changes.items():
        values[place[name]] = value
    made: _T = kind(*values)
    return made


def line_ends(text: str) -> array[int]:
    """Where each CRLF of ``text`` ends a line in its ``lf_twin`` (the ``\n``
    its ``\r\n`` became): all ``moved_back`` needs. The k-th CRLF (from 0)
    is k characters further left in the twin, one ``\r`` for each before it."""
    return array("q", map(operator.sub, map(re.Match.start, _CRLF.finditer(text)), count()))


def moved_back(thread: Thread, ends: array[int]) -> Thread:
    """``thread``, read from the ``lf_twin`` of a text whose ``line_ends`` are
    ``ends``, with every span moved onto that text."""
    last = len(ends)

    def span(old: Span) -> Span:
        start, end = old.start, old.end
        k = bisect_left(ends, start)
        # (most spans are one line: no CRLF between start and end)
        return Span(
            start + k, end + (k if k == last or ends[k] >= end else bisect_left(ends, end, k))
        )

    def texts(olds: tuple[Text, ...]) -> tuple[Text, ...]:
        made = []
        for old in olds:
            moved = span(old.span)
            if old.links:
                links = tuple([_remade(link, {"span": span(link.span)}) for link in old.links])
                made.append(Text(old.text, moved, links))
            else:
                made.append(Text(old.text, moved))
        return tuple(made)

    def section(old: Section, subsections: tuple[Section, ...]) -> Section:
        items = tuple([_remade(item, {"span": span(item.span)}) for item in old.items])
        return _remade(old, {"items": items, "sections": subsections, "span": span(old.span)})

    fields, place = _fields(Comment)
    paragraphs, replies, at = place["paragraphs"], place["replies"], place["span"]

    def comment(old: Comment, made: tuple[Comment, ...]) -> Comment:
        values = list(fields(old))
        values[paragraphs] = texts(old.paragraphs)
        values[replies] = made
        values[at] = span(old.span)
        return Comment(*values)

    preamble = thread.preamble
    post = thread.post
    return _remade(
        thread,
        {
            "preamble": _remade(
                preamble,
                {
                    "paragraphs": texts(preamble.paragraphs),
                    "span": None if preamble.span is None else span(preamble.span),
                },
            ),
            "sections": rebuild(thread.sections, operator.attrgetter("sections"), section),
            "comments": rebuild(thread.comments, operator.attrgetter("replies"), comment),
            "unattributed": texts(thread.unattributed),
            "unparsed": texts(thread.unparsed),
            "diagnostics": tuple([_remade(d, {"span": span(d.span)}) for d in thread.diagnostics]),
            "post": None
            if post is None
            else _remade(post, {"embed": texts(post.embed), "span": span(post.span)}),
            "chrome": texts(thread.chrome),
        },
    )
