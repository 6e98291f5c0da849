"""Diagnostic codes, the collector the parsers write to, and ``ThreadParseError``.

Codes never change meaning once released. Each has one entry in ``CODES``;
docs/diagnostics.md is checked against this table by the tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from threadparse.core.models import Diagnostic, Severity, Span
from threadparse.core.source import ESCAPE_CONTROLS, LineIndex, LineNumbers, TextLineNumbers


@attrs.frozen
class CodeInfo:
    severity: Severity
    title: str  #: what the code means, in a few words


CODES: dict[str, CodeInfo] = {
    # TP1xx: reading the input as a whole
    "TP101": CodeInfo(
        Severity.WARNING, "discussion has no comment headers: authors and nesting lost"
    ),
    "TP102": CodeInfo(Severity.WARNING, "the dialect asked for does not match the text"),
    "TP103": CodeInfo(
        Severity.WARNING, "markdown-it-py is not installed: markdown read as plain text"
    ),
    "TP104": CodeInfo(Severity.INFO, "the text could also be read as another dialect"),
    "TP105": CodeInfo(Severity.WARNING, "the capture does not carry reply nesting"),
    "TP106": CodeInfo(Severity.WARNING, "the text looks like a thread, but few comments were read"),
    "TP107": CodeInfo(Severity.WARNING, "a page's text ends before its footer: cut short"),
    "TP108": CodeInfo(Severity.WARNING, "HTML markup that is not a lemmy-ui page's"),
    "TP109": CodeInfo(Severity.WARNING, "the text is a file's name: parse_file reads files"),
    # TP2xx: comment headers
    "TP201": CodeInfo(Severity.WARNING, "indentation stripped: reply nesting lost"),
    "TP202": CodeInfo(Severity.WARNING, "comment header without a time"),
    "TP203": CodeInfo(Severity.WARNING, "vote icon without a count"),
    "TP204": CodeInfo(Severity.WARNING, "reply deeper than max_depth: attached at the cap"),
    "TP205": CodeInfo(Severity.WARNING, "glued vote counts read several ways: votes unknown"),
    # TP3xx: comment bodies
    "TP301": CodeInfo(Severity.INFO, "a lone deleted/removed line in flat text read as a comment"),
    # TP4xx: API JSON
    "TP401": CodeInfo(Severity.WARNING, "a reply's parent is not in the input: placeholder"),
    "TP402": CodeInfo(Severity.WARNING, "a known field has an unexpected value: ignored"),
    "TP403": CodeInfo(Severity.INFO, "comments from several posts in one input"),
    "TP404": CodeInfo(Severity.WARNING, "a field every entry has is missing: read as absent"),
    "TP405": CodeInfo(Severity.INFO, "comments held back behind 'more' stubs: counted"),
    # TP9xx: what could not be placed
    "TP901": CodeInfo(Severity.ERROR, "text outside any comment"),
    "TP902": CodeInfo(Severity.ERROR, "JSON that is not a Lemmy API response, or an entry of it"),
    "TP903": CodeInfo(
        Severity.ERROR, "HTML text in an element no rule of the lemmy-ui reader knows"
    ),
}


class Diagnostics:
    """Append-only collector. Parsers report a code, a message and a span."""

    def __init__(self, index: LineNumbers | TextLineNumbers) -> None:
        self._index = index
        self._items: list[Diagnostic] = []

    def report(self, code: str, message: str, span: Span) -> None:
        info = CODES[code]
        self._items.append(
            Diagnostic(
                code=code,
                severity=info.severity,
                message=message,
                span=span,
                line=self._index.line_of(span.start),
            )
        )

    def sorted(self) -> tuple[Diagnostic, ...]:
        return tuple(sorted(self._items, key=lambda d: (d.span.start, d.code)))


class ThreadParseError(ValueError):
    """Raised by ``parse(..., strict=True)`` when the text has error-level diagnostics.

    ``diagnostics`` holds every error; ``str()`` renders the first with its
    source line and a caret.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic], source: str) -> None:
        self.diagnostics = tuple(diagnostics)
        self.source = source
        super().__init__(format_diagnostic(self.diagnostics[0], source))

    def __reduce__(self) -> tuple[type[ThreadParseError], tuple[tuple[Diagnostic, ...], str]]:
        return type(self), (self.diagnostics, self.source)  # picklable, for worker pools


class InputTooLargeError(ValueError):
    """Raised by ``parse(..., max_bytes=N)`` for text over N bytes of UTF-8."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size  #: the text's size in bytes (a lower bound when far over)
        self.limit = limit
        super().__init__(
            f"text is larger than max_bytes={limit:,} (at least {size:,} bytes as UTF-8)"
        )

    def __reduce__(self) -> tuple[type[InputTooLargeError], tuple[int, int]]:
        return type(self), (self.size, self.limit)


#: Characters of the source line shown on each side of the caret.
CONTEXT = 60


def format_diagnostic(diagnostic: Diagnostic, source: str) -> str:
    """``message (line L, column C)`` then the source line and a caret under the column.

    The line is shown with tabs as one space and control characters escaped
    (it goes to a terminal), and cut to ``CONTEXT`` characters on each side of
    the column, so a 10 MB line makes a short message.
    """
    index = LineIndex(source)
    column = index.column_of(diagnostic.span.start)
    line_text = index.line_text(diagnostic.line)
    before, after = line_text[: column - 1], line_text[column - 1 :]
    if len(before) > CONTEXT:
        before = "…" + before[-(CONTEXT - 1) :]
    if len(after) > CONTEXT:
        after = after[: CONTEXT - 1] + "…"
    before, after = (_shown(part) for part in (before, after))
    return (
        f"{diagnostic.code} {diagnostic.message} (line {diagnostic.line}, column {column})\n"
        f"    {before}{after}\n"
        f"    {' ' * len(before)}^"
    )


def _shown(text: str) -> str:
    return text.replace("\t", " ").translate(ESCAPE_CONTROLS)
