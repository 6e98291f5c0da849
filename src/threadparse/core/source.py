"""The only place that splits the input into lines.

Offsets always index the exact input: nothing is normalized in place. A line
ends at ``\\r\\n``, ``\\r`` or ``\\n`` and nowhere else: ``str.splitlines``
would also split on ``\\x0b``, ``\\x1c``, ``\\x85``, U+2028 and others, which
copied web text can carry inside a paragraph.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from threadparse.core.models import Span

_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_KEPT = re.compile(r"(\r\n|\r|\n)")  # re.split keeps what a group matched

#: Zero-width characters copied web text carries at line edges (a BOM left by
#: an editor, U+200B from a page's markup): white space for us, of no width.
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

#: What is stripped from line edges: Unicode white space (NBSP, U+2028...) and
#: the invisible characters. Line ends never reach here.
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + INVISIBLE

#: Tab stops are every 8 columns, as in ``str.expandtabs``. Depth is read from
#: the order of indents, not their size, so any monotonic rule works; this one
#: keeps "two spaces turned into a tab" deeper than the two spaces before it.
TAB_SIZE = 8

#: For showing input to people (the tree view, strict-mode messages): C0 and C1
#: controls, DEL and the line separators become visible escapes, so scraped
#: text cannot send a terminal escape sequences or break the line it is on.
#: Use with ``str.translate``; ``\n`` is kept for the caller's own line ends.
ESCAPE_CONTROLS = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
    if code != 0x0A
}


class Line(NamedTuple):
    """One input line, located.

    ``content`` is the line without leading and trailing white space (NBSP and
    tabs included); ``content_start``/``content_end`` locate it in the input.

    A named tuple, not an attrs class: every line of the input gets one, and
    ``split_lines`` builds them from columns without a Python call per line
    (frozen attrs' ``__init__`` alone cost 3x the whole of a one-regex line
    classifier).
    """

    number: int  #: 1-based
    start: int  #: offset of the first character of the line
    end: int  #: offset just before the line end
    content: str
    content_start: int
    content_end: int
    indent: int  #: columns of leading white space, tabs expanded
    blank: bool  #: ``not content``

    @property
    def content_span(self) -> Span:
        return Span(self.content_start, self.content_end)


def _indent_columns(leading: str) -> int:
    column = 0
    for char in leading:
        if char == "\t":
            column = (column // TAB_SIZE + 1) * TAB_SIZE
        elif char not in INVISIBLE:
            column += 1
    return column


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into located lines. A final line end does not start a line.

    Built a column at a time (str methods over lists, ``itertools.accumulate``
    for the offsets) and turned into ``Line`` tuples by ``tuple.__new__``, so
    no Python code runs per line but the rare indentation with tabs.
    """
    if not text:
        return []
    parts = _LINE_END_KEPT.split(text)
    raws, line_ends = parts[0::2], parts[1::2]
    if not raws[-1]:
        raws.pop()  # the text ends with a line end
    # zip stops at the shorter list: the last line's own length starts nothing.
    lengths = [len(raw) + len(end) for raw, end in zip(raws, line_ends, strict=False)]
    starts = list(itertools.accumulate(lengths, initial=0))[: len(raws)]
    lefts = [raw.lstrip(WHITESPACE) for raw in raws]
    contents = [left.rstrip(WHITESPACE) for left in lefts]
    leads = [len(raw) - len(left) for raw, left in zip(raws, lefts, strict=True)]
    content_starts = [start + lead for start, lead in zip(starts, leads, strict=True)]
    columns = zip(
        range(1, len(raws) + 1),
        starts,
        [start + len(raw) for start, raw in zip(starts, raws, strict=True)],
        contents,
        content_starts,
        [start + len(content) for start, content in zip(content_starts, contents, strict=True)],
        [
            _indent(raw, lead) if content else 0
            for raw, lead, content in zip(raws, leads, contents, strict=True)
        ],
        [not content for content in contents],
        strict=True,
    )
    return list(map(tuple.__new__, itertools.repeat(Line), columns))


def _indent(raw: str, lead: int) -> int:
    """Columns of ``raw``'s ``lead`` leading white-space characters."""
    leading = raw[:lead]
    return lead if not leading.strip(" ") else _indent_columns(leading)


def iter_lines(pieces: Iterable[str]) -> Iterator[Line]:
    """``split_lines`` over text that arrives in pieces (file chunks, or a file's lines).

    The same lines with the same offsets as ``split_lines("".join(pieces))``,
    holding only the unfinished line between pieces. A ``\r`` that ends a
    piece waits for the next one, which may start with the ``\n`` of a CRLF.
    """
    unfinished: list[str] = []  # the current line's text so far, in pieces
    line_start = 0  # offset of the current line
    offset = 0  # offset of the piece being read
    number = 1
    held = ""
    for arrived in pieces:
        piece = held + arrived
        held = "\r" if piece.endswith("\r") else ""
        piece = piece[: len(piece) - len(held)]
        last = 0
        for match in _LINE_END.finditer(piece):
            unfinished.append(piece[last : match.start()])
            yield make_line("".join(unfinished), number, line_start)
            unfinished.clear()
            number += 1
            line_start = offset + match.end()
            last = match.end()
        if last < len(piece):
            unfinished.append(piece[last:])
        offset += len(piece)
    if held or unfinished:  # a final "\r" ends the last line as any line end does
        yield make_line("".join(unfinished), number, line_start)


def make_line(raw: str, number: int, start: int) -> Line:
    """The line whose text (without its line end) is ``raw``, starting at offset ``start``."""
    end = start + len(raw)
    stripped_left = raw.lstrip(WHITESPACE)
    content = stripped_left.rstrip(WHITESPACE)
    lead = len(raw) - len(stripped_left)
    return Line(
        blank=not content,
        number=number,
        start=start,
        end=end,
        content=content,
        content_start=start + lead,
        content_end=start + lead + len(content),
        indent=_indent(raw, lead) if content else 0,
    )


def join_text(lines: Sequence[Line]) -> str:
    """The ``Text.text`` of a run of non-blank lines: their contents joined by newlines."""
    return "\n".join(line.content for line in lines)


class LineNumbers:
    """Maps offsets to 1-based line numbers, from located lines (no source text needed)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self._starts = [line.start for line in lines]

    def line_of(self, offset: int) -> int:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._lines[index].number if index >= 0 else 1


#: ``TextLineNumbers`` answers this many questions about an offset before an
#: earlier one by counting line ends from the start, then builds its table.
COUNTED = 4


class TextLineNumbers:
    """``LineNumbers`` for a text not split into lines (the JSON readers, the
    block readers), with ``split_lines``'s numbers. Questions in the order of
    their offsets, which is how readers report, are answered by counting line
    ends from the last one asked (in all, one pass over the text, in C); the
    first ``COUNTED`` that go back count from the start; only after those are
    the line starts found and kept. A text with a carriage return, which ends
    a line of its own, has the table at once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._counting = "\r" not in text
        self._offset = 0  #: where the last count stopped
        self._line = 1  #: the line of ``_offset``
        self._back = 0  #: questions that went back

    def line_of(self, offset: int) -> int:
        if self._counting and offset < len(self._text):
            if offset >= self._offset:
                self._line += self._text.count("\n", self._offset, offset)
                self._offset = offset
                return self._line
            if self._back < COUNTED:
                self._back += 1
                self._line = self._text.count("\n", 0, offset) + 1
                self._offset = offset
                return self._line
            self._counting = False
        if self._starts is None:
            starts = [0, *(m.end() for m in _LINE_END.finditer(self._text))]
            if len(starts) > 1 and starts[-1] == len(self._text):
                starts.pop()  # a final line end starts no line
            self._starts = starts
        return max(1, bisect.bisect_right(self._starts, offset))


class LineIndex:
    """Maps offsets to 1-based line and column numbers, built once per input."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self._starts[self.line_of(offset) - 1] + 1

    def line_text(self, line: int) -> str:
        start = self._starts[line - 1]
        match = _LINE_END.search(self._text, start)
        return self._text[start : match.start() if match else len(self._text)]
