"""Typed reads of known fields of positioned JSON (``_jsontree.Node``), shared by
the JSON readers: a value of the wrong type is reported (TP402) and read as
absent, with the diagnostic's span on the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.html import html_paragraphs
from threadparse.core.jsontree import (
    DecodedString,
    JSONError,
    Node,
    decode_string,
    read_json_values,
    scalar,
)
from threadparse.core.markdown import read_body
from threadparse.core.models import Item, Section, Span, Text
from threadparse.core.source import WHITESPACE, LineIndex, split_lines
from threadparse.core.urls import host_of, split_url

# RFC 3339 as Lemmy writes it ("2024-05-20T14:03:11.123456Z"); 0.18 wrote no
# zone, and lemmy-ui reads those as UTC, as we do.
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)


@attrs.define
class Fields:
    """Typed reads of known fields; a wrong type is reported and read as absent.
    What cannot be read at all is kept in ``unparsed``, with a TP902 each."""

    text: str
    diagnostics: Diagnostics
    plain_reported: bool = False  #: TP103 is said once per input
    unparsed: list[Text] = attrs.Factory(list)

    def not_read(self, span: Span, message: str) -> None:
        """``span`` of the text is kept as unparsed (its lines stripped), with a TP902."""
        if span.end > span.start:
            lines = split_lines(self.text[span.start : span.end])
            self.unparsed.append(Text("\n".join(line.content for line in lines), span))
        self.diagnostics.report("TP902", message, span)

    def of_kind(self, node: Node | None, kind: str, name: str) -> Node | None:
        """``node`` when it is a ``kind``; else None, reported unless it is null."""
        if node is None or node.kind == kind:
            return node
        if scalar(self.text, node) is not None:  # null is an absent value, not an error
            self.diagnostics.report(
                "TP402", f"{name} is not a {kind}: ignored", Span(node.start, node.end)
            )
        return None

    def report_plain(self, source: DecodedString) -> None:
        """TP103, once: markdown was read as plain text."""
        if self.plain_reported:
            return
        self.plain_reported = True
        self.diagnostics.report(
            "TP103",
            "markdown-it-py is not installed (pip install 'threadparse[markdown]'): "
            "the markdown was read as plain text, markup kept",
            Span(source.to_text(0), source.to_text(len(source.value))),
        )

    def _read(
        self, obj: Node | None, names: Sequence[str], kinds: tuple[type, ...]
    ) -> tuple[object, Node | None]:
        """The first of ``names`` holding a ``kinds`` value, and its node."""
        if obj is None:
            return None, None
        for name in names:
            node = obj.get(name)
            if node is None:
                continue
            value = scalar(self.text, node)
            if isinstance(value, kinds) and not (bool not in kinds and isinstance(value, bool)):
                return value, node
            if value is not None or node.kind in ("object", "array"):
                wanted = "/".join(k.__name__ for k in kinds)
                self.diagnostics.report(
                    "TP402", f"{name} is not {wanted}: ignored", Span(node.start, node.end)
                )
        return None, None

    def integer(self, obj: Node | None, *names: str) -> int | None:
        value, _ = self._read(obj, names, (int,))
        return value if isinstance(value, int) else None

    def count(self, own: Node, counts: Node | None, name: str) -> int | None:
        """A vote or reply count: on the comment or post (1.0), else in its counts (0.19)."""
        value = self.integer(own, name)
        return value if value is not None else self.integer(counts, name)

    def string(self, obj: Node | None, *names: str) -> str | None:
        value, _ = self._read(obj, names, (str,))
        return value if isinstance(value, str) else None

    def flag(self, obj: Node | None, *names: str) -> bool:
        value, _ = self._read(obj, names, (bool,))
        return value is True

    def address(self, obj: Node | None, *names: str) -> tuple[str | None, str | None]:
        """An ActivityPub id and its host; a URL without a readable host is reported,
        and both are read as absent."""
        value, node = self._read(obj, names, (str,))
        if not isinstance(value, str) or node is None:
            return None, None
        if split_url(value) is None:  # "http://[::1": a broken IPv6 host
            self.diagnostics.report(
                "TP402", f"{value!r} is not a URL: ignored", Span(node.start, node.end)
            )
            return None, None
        return value, host_of(value)

    def html(self, obj: Node | None, name: str) -> tuple[Text, ...]:
        """The paragraphs an HTML string field shows (Discourse's ``cooked``,
        Mastodon's ``content``), spans moved into the JSON source."""
        node = self.of_kind(None if obj is None else obj.get(name), "string", name)
        if node is None:
            return ()
        return self.html_string(node)

    def html_string(self, node: Node) -> tuple[Text, ...]:
        """The paragraphs of a JSON string node holding HTML, spans in the JSON source."""
        source = decode_string(self.text, node)
        move = Relocation(source)
        return tuple(move.text(text) for text in html_paragraphs(source.value))

    def markdown(self, source: DecodedString, *, flavor: str = "lemmy") -> tuple[Text, ...]:
        """The paragraphs of a decoded markdown string (a Lemmy or Reddit body),
        spans in the JSON source; TP103 once when markdown-it-py is missing."""
        texts, rendered = read_body(source.value, flavor=flavor)
        if not rendered and texts:
            self.report_plain(source)
        move = Relocation(source)
        return tuple(move.text(text) for text in texts)

    def plain(self, node: Node) -> Text | None:
        """A JSON string node's value as one text (its lines stripped), span in the
        JSON source from its first to its last non-blank character; None when blank."""
        source = decode_string(self.text, node)
        value = source.value
        stripped = value.strip(WHITESPACE)
        if not stripped:
            return None
        start = len(value) - len(value.lstrip(WHITESPACE))
        lines = "\n".join(line.content for line in split_lines(stripped))
        return Text(lines, Span(source.to_text(start), source.to_text(start + len(stripped))))

    def moment(self, obj: Node | None, *names: str) -> datetime | None:
        value, node = self._read(obj, names, (str,))
        if not isinstance(value, str) or node is None:
            return None
        moment = parse_timestamp(value)
        if moment is None:
            self.diagnostics.report(
                "TP402", f"{value!r} is not an RFC 3339 time: ignored", Span(node.start, node.end)
            )
        return moment


def parse_timestamp(value: str) -> datetime | None:
    """An RFC 3339 time as an aware datetime (UTC when no zone is given), else None."""
    match = _TIMESTAMP.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(match[i]) for i in range(1, 7))
    micro = int((match[7] or "0")[:6].ljust(6, "0"))
    zone = timezone.utc
    if match[9]:
        offset = timedelta(hours=int(match[10]), minutes=int(match[11]))
        if offset >= timedelta(hours=24):
            return None
        zone = timezone(-offset if match[9] == "-" else offset)
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None  # a 30th of February, an hour 25


@attrs.frozen
class Relocation:
    """Spans in a decoded string moved to the JSON text it was decoded from."""

    source: DecodedString

    def span(self, span: Span) -> Span:
        return Span(self.source.to_text(span.start), self.source.to_text(span.end))

    def text(self, text: Text) -> Text:
        links = tuple(attrs.evolve(link, span=self.span(link.span)) for link in text.links)
        return Text(text.text, self.span(text.span), links)

    def item(self, item: Item) -> Item:
        return attrs.evolve(item, span=self.span(item.span))

    def section(self, section: Section) -> Section:
        # Sections nest two levels at most (SectionsBuilder), so this recursion is bounded.
        return attrs.evolve(
            section,
            items=tuple(self.item(i) for i in section.items),
            sections=tuple(self.section(s) for s in section.sections),
            span=self.span(section.span),
        )


def read_values(fields: Fields) -> list[Node]:
    """The JSON values of the text, one or several in a row. What is not JSON
    goes to ``unparsed`` with a TP902: the whole text when it does not start as
    JSON, else what follows the last value."""
    text = fields.text
    end = len(text.rstrip(WHITESPACE))
    try:
        values, stopped = read_json_values(text)
    except JSONError as error:
        start = len(text) - len(text.lstrip(WHITESPACE))
        index = LineIndex(text)
        where = f"line {index.line_of(error.position)}, column {index.column_of(error.position)}"
        fields.not_read(Span(start, max(start, end)), f"{error} (at {where})")
        return []
    if stopped is not None:
        plural = "s" if len(values) > 1 else ""
        fields.not_read(
            Span(stopped, max(stopped, end)),
            f"not JSON after {len(values)} JSON value{plural}",  # the span says where
        )
    return values
