"""``iter_thread``/``iter_comments``: page text read one top-level comment at a time.

For dumps too large to hold: the text arrives in pieces (a file's lines, or
chunks), and each top-level comment is parsed and handed out as soon as the
next top-level header is seen, so memory holds one comment tree plus a window
of ``HEADER_REACH`` lines, not the dump.

How it stays equal to ``parse``:

- Lines come from ``iter_lines``, which gives the offsets ``split_lines``
  gives, so spans index the whole input as ``parse``'s do.
- Whether a line opens a header depends only on the ``HEADER_REACH`` lines
  from it on (``formats/lemmy_page/comments.py``), so a header is decided once that many lines
  are buffered after it.
- A top-level comment ends where the next header at its indentation or less
  begins; the lines between are parsed by the same ``find_headers`` and
  ``build_comments`` as ``parse`` uses.

What ``parse`` decides from the whole text is decided here from the first
top-level comment: the dialect (and so hexbear's footer rule), and whether
the indentation was stripped (TP201, reported once). On text whose comments
share one layout, which is what a page gives, the parts put together equal
``parse(text)``; the tests check that on every rendered dialect. Text with no
comment header (a flat dump, a post alone) has no boundary to stream at: it
is read whole and parsed as ``parse`` would.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence

import attrs

from threadparse._detect import looks_like_json
from threadparse._parser import (
    MAX_DEPTH,
    WHOLE_DIALECTS,
    check_options,
    parse_lines,
    parse_text,
)
from threadparse.core.diagnostics import Diagnostics
from threadparse.core.jsontree import BOM
from threadparse.core.models import (
    Comment,
    Diagnostic,
    Preamble,
    Section,
    Text,
    Thread,
    ThreadHead,
    ThreadTail,
)
from threadparse.core.post import parse_post
from threadparse.core.source import Line, LineNumbers, iter_lines, split_lines
from threadparse.formats.hn_html import looks_like_hn_html
from threadparse.formats.lemmy_html import looks_like_lemmy_html
from threadparse.formats.lemmy_page.capture import CAPTURE_REACH, detect_layout
from threadparse.formats.lemmy_page.comments import (
    HEADER_REACH,
    Header,
    build_comments,
    find_headers,
    read_header,
)
from threadparse.formats.lemmy_page.page import page_dialect


def iter_comments(
    source: str | Iterable[str], *, dialect: str = "auto", max_depth: int | None = MAX_DEPTH
) -> Iterator[Comment]:
    """Each top-level comment, with its replies, as soon as it has been read.

    ``source`` is the text, or the text in pieces: a file opened with
    ``newline=""`` (so ``\\r\\n`` is not translated and spans count it), or
    any iterable of strings. Spans index the whole text. Use
    ``iter_thread`` to also get the post, unplaced lines and diagnostics.
    """
    parts = iter_thread(source, dialect=dialect, max_depth=max_depth)  # checks the options now
    return (part for part in parts if isinstance(part, Comment))


def iter_thread(
    source: str | Iterable[str], *, dialect: str = "auto", max_depth: int | None = MAX_DEPTH
) -> Iterator[ThreadHead | Comment | ThreadTail]:
    """The thread in parts: one ``ThreadHead``, the top-level comments, one ``ThreadTail``.

    ``source`` is the text, or the text in pieces (a file opened with
    ``newline=""``, any iterable of strings); each top-level comment is handed
    out once the next top-level header has been read, so memory holds one
    comment tree and a window of lines, not the text. Spans index the whole
    text. Put together (``assemble``), the parts are the ``Thread`` that
    ``threadparse.parse`` returns for page text whose comments share one layout,
    as a page's do. They may differ where ``parse`` decides from the whole text
    and the stream from its start: the dialect, and whether the indentation was
    stripped (TP201), come from the first top-level comment. Only lemmy-ui's
    page text (``lemmy-0.19``, ``lemmy-0.18``, ``hexbear``) is read a comment at
    a time; any other text (JSON, HTML, markdown, mlmym, old.reddit, Hacker
    News, a whole captured page, a flat dump) is read whole and parsed as
    ``parse`` would. docs/guarantees.md (Streaming) has the details.

    Raises:
        ValueError: ``dialect`` or ``max_depth`` is not valid.
    """
    check_options(dialect=dialect, max_depth=max_depth)
    return _parts((source,) if isinstance(source, str) else source, dialect, max_depth)


def _parts(
    source: Iterable[str], dialect: str, max_depth: int | None
) -> Iterator[ThreadHead | Comment | ThreadTail]:
    recording = _Recording(source)
    if (
        dialect in WHOLE_DIALECTS
        or (dialect == "auto" and recording.starts_like_json())
        or (dialect == "auto" and recording.starts_like_lemmy_html())
        or (dialect in CAPTURE_DIALECTS and recording.starts_like_capture())
    ):
        yield from _whole(parse_text(recording.text(), dialect=dialect, max_depth=max_depth))
        return
    yield from _Reader(dialect, max_depth, recording).parts(iter_lines(recording))


class _Recording:
    """The pieces, kept until the reader knows it reads page text.

    Text without page comment headers (markdown, mlmym, flat text) is read
    whole, and the markdown reader needs the text itself, not its lines.
    """

    def __init__(self, pieces: Iterable[str]) -> None:
        self._pieces = iter(pieces)
        self._kept: list[str] | None = []
        self._ahead: list[str] = []  # pieces read by starts_like_json, not yet handed out

    def __iter__(self) -> Iterator[str]:
        ahead, self._ahead = self._ahead, []  # handed out in order, without pop(0)
        yield from ahead
        for piece in self._pieces:
            if self._kept is not None:
                self._kept.append(piece)
            yield piece

    def starts_like_json(self) -> bool:
        """Peek (keeping what was read) until the first non-space character."""
        for piece in self._pieces:
            if self._kept is not None:
                self._kept.append(piece)
            self._ahead.append(piece)
            head = "".join(self._ahead).removeprefix(BOM).lstrip()
            if head[:1] == "{" or (head[:1] == "[" and head[1:].lstrip()):
                return looks_like_json(head)
            if head:
                return False
        return False

    def starts_like_lemmy_html(self) -> bool:
        """Peek (keeping what was read) at the start: is this a lemmy-ui page's
        HTML? Only text whose first character (after white space) is ``<`` is
        peeked further, up to ``HTML_REACH`` characters for lemmy-ui's markers.
        Such HTML is read whole: the page's tree is built before any comment is
        known (a few times the HTML's size in memory)."""
        first = next((p.lstrip(_LEADING) for p in self._ahead if p.lstrip(_LEADING)), "")
        size = sum(len(piece) for piece in self._ahead)
        while size < HTML_REACH:
            if first and not first.startswith("<"):
                return False
            piece = next(self._pieces, None)
            if piece is None:
                break
            if self._kept is not None:
                self._kept.append(piece)
            self._ahead.append(piece)
            size += len(piece)
            first = first or piece.lstrip(_LEADING)
        ahead = "".join(self._ahead)[:HTML_REACH]
        return first.startswith("<") and (looks_like_lemmy_html(ahead) or looks_like_hn_html(ahead))

    def starts_like_capture(self) -> bool:
        """Peek (keeping what was read) at the first ``CAPTURE_REACH`` lines: is
        this a lemmy-ui page's text, read whole by its own reader?"""
        newlines = sum(piece.count("\n") for piece in self._ahead)
        while newlines <= CAPTURE_REACH:
            piece = next(self._pieces, None)
            if piece is None:
                break
            if self._kept is not None:
                self._kept.append(piece)
            self._ahead.append(piece)
            newlines += piece.count("\n")
        return detect_layout(split_lines("".join(self._ahead))) is not None

    def stop(self) -> None:
        """Page text: the reader streams from here, so nothing more is kept."""
        self._kept = None

    def text(self) -> str:
        """All of the text (read to the end); only before ``stop``."""
        assert self._kept is not None
        rest = list(self._pieces)
        self._kept.extend(rest)
        self._ahead.clear()
        return "".join(self._kept)


def _whole(thread: Thread) -> Iterator[ThreadHead | Comment | ThreadTail]:
    """A Thread parsed whole, as parts."""
    yield ThreadHead(
        dialect=thread.dialect,
        preamble=thread.preamble,
        sections=thread.sections,
        post=thread.post,
        capture=thread.capture,
        nesting=thread.nesting,
    )
    yield from thread.comments
    yield ThreadTail(
        unattributed=thread.unattributed,
        unparsed=thread.unparsed,
        diagnostics=thread.diagnostics,
        chrome=thread.chrome,
        more_replies=thread.more_replies,
    )


def assemble(parts: Iterable[ThreadHead | Comment | ThreadTail]) -> Thread:
    """The ``Thread`` the parts of ``iter_thread`` make up."""
    head: ThreadHead | None = None
    tail: ThreadTail | None = None
    comments: list[Comment] = []
    for part in parts:
        if isinstance(part, ThreadHead):
            head = part
        elif isinstance(part, ThreadTail):
            tail = part
        else:
            comments.append(part)
    if head is None or tail is None:
        raise ValueError("assemble() needs a ThreadHead and a ThreadTail from iter_thread()")
    return Thread(
        dialect=head.dialect,
        preamble=head.preamble,
        sections=head.sections,
        comments=tuple(comments),
        unattributed=tail.unattributed,
        unparsed=tail.unparsed,
        diagnostics=tail.diagnostics,
        post=head.post,
        chrome=tail.chrome,
        more_replies=tail.more_replies,
        capture=head.capture,
        nesting=head.nesting,
    )


#: Dialects whose text may be a lemmy-ui page's capture, read whole (``formats/lemmy_page/capture.py``).
CAPTURE_DIALECTS = ("auto", "lemmy-0.19", "lemmy-0.18")

#: Characters peeked at for lemmy-ui's HTML markers (its app root, or
#: ``window.isoData``, comes in a page's first few kilobytes).
HTML_REACH = 65_536
_LEADING = "\ufeff \t\r\n\f"  # what may come before HTML's first "<"

#: Lines tested per step once decidable: a step costs a generator round trip,
#: so it is not taken for every line; also how far output may lag the input.
BATCH = 256


class _Reader:
    """One pass over the lines: the post, then one top-level comment at a time."""

    def __init__(self, dialect: str, max_depth: int | None, recording: _Recording) -> None:
        self.asked = dialect
        self.recording = recording
        self.max_depth = max_depth
        self.dialect: str | None = None  # decided at the first top-level comment
        self.post: tuple[Preamble, tuple[Section, ...]] | None = None
        # What a header must show to count, as find_headers' second pass asks
        # once headers differ: (tokens indented under the name, a bullet).
        self.layout: tuple[bool, bool] | None = None
        self.probe: Header | None = None  # a first header whose layout is in doubt
        self.stripped_reported = False
        self.unparsed: list[Text] = []
        self.chrome: list[Text] = []
        self.diagnostics: list[Diagnostic] = []

    def parts(self, lines: Iterator[Line]) -> Iterator[ThreadHead | Comment | ThreadTail]:
        window: list[Line] = []  # lines read and not yet handed out
        root: Header | None = None  # the open top-level comment's header, at window[0]
        scan = 0  # next line of the window to test for a header
        for line in lines:
            window.append(line)
            if len(window) - scan > HEADER_REACH + BATCH:
                window, root, scan = yield from self._advance(window, root, scan, final=False)
        window, root, scan = yield from self._advance(window, root, scan, final=True)
        if root is None:
            yield from self._whole(window)
            return
        yield from self._comments(window)
        yield ThreadTail(
            unattributed=(),
            unparsed=tuple(self.unparsed),
            diagnostics=tuple(self.diagnostics),
            chrome=tuple(self.chrome),
        )

    def _advance(
        self, window: list[Line], root: Header | None, scan: int, *, final: bool
    ) -> Generator[Comment | ThreadHead, None, tuple[list[Line], Header | None, int]]:
        """Test every line that can be decided now; hand out the comments that ended.

        A line can be decided once ``HEADER_REACH`` lines follow it, or at the
        end of the text (``final``).
        """
        while True:
            stop = len(window) if final else len(window) - HEADER_REACH
            if root is None:
                first, scan = self._first_root(window, scan, stop, final=final)
                if first is None:
                    return window, None, scan
                self.recording.stop()
                self.post = parse_post(window[:scan], one_per_line=False)
                window = window[scan:]
                root = self._rebased(first, scan)
                scan = root.end
                continue
            boundary = None
            while scan < stop and boundary is None:
                boundary = self._boundary(window, scan, root)
                scan += boundary is None
            if boundary is None:
                return window, root, scan
            yield from self._comments(window[:scan])
            window = window[scan:]
            root = boundary
            scan = root.end

    def _first_root(
        self, window: list[Line], scan: int, stop: int, *, final: bool
    ) -> tuple[Header | None, int]:
        """The first comment header at or before ``stop``, and where to go on scanning.

        ``parse`` drops headers laid out unlike the others (a post's list item
        followed by a time line, when real headers indent their tokens): a
        first header not in lemmy-ui's own layout is only a probe, and the
        layout is settled by the next header before the search starts over.
        """
        if self.asked == "flat":
            return None, len(window)
        while scan < stop:
            if window[scan].blank:
                scan += 1
                continue
            if self.layout is not None:
                indented, bulleted = self.layout
                header = read_header(window, scan, indented=indented, require_bullet=bulleted)
                if header is not None:
                    return header, scan
                scan += 1
                continue
            header = read_header(window, scan)
            if header is None:
                scan += 1
            elif self.probe is None and not (header.bulleted and header.indented):
                # Not lemmy-ui's own layout (a bullet, tokens indented): in doubt.
                self.probe = header
                scan = header.end
            else:
                self.layout = _layout(self.probe, header)
                scan = 0  # search again from the start, by the layout's rules
        if final and self.layout is None and self.probe is not None:
            self.layout = _layout(self.probe, self.probe)
            return self._first_root(window, 0, stop, final=final)
        return None, scan

    @staticmethod
    def _rebased(header: Header, start: int) -> Header:
        """The header found at ``window[start]``, with indexes into ``window[start:]``."""
        return attrs.evolve(header, start=0, end=header.end - start)

    def _boundary(self, window: list[Line], index: int, root: Header) -> Header | None:
        """The header of the next top-level comment, if it starts at ``window[index]``."""
        line = window[index]
        if line.blank or line.indent > root.nest_indent:
            return None  # deeper lines are replies or body text of the open comment
        indented, bulleted = self.layout or (False, False)
        header = read_header(window, index, indented=indented, require_bullet=bulleted)
        if header is None or header.nest_indent > root.nest_indent:
            return None
        return self._rebased(header, index)

    def _comments(self, segment: Sequence[Line]) -> Iterator[ThreadHead | Comment]:
        """Parse one top-level comment's lines (it starts at ``segment[0]``)."""
        headers = find_headers(segment)
        if not headers or headers[0].start != 0:
            first = read_header(segment, 0)
            assert first is not None  # _boundary or _first_root read it there
            headers = [first, *(h for h in headers if h.start >= first.end)]
        diagnostics = Diagnostics(LineNumbers(segment))
        if self.dialect is None:  # the first comment: now the head can go out
            self.dialect = page_dialect(self.asked, headers, segment, diagnostics)
            assert self.post is not None
            preamble, sections = self.post
            yield ThreadHead(dialect=self.dialect, preamble=preamble, sections=sections)
        comments, outside, chrome = build_comments(
            segment,
            headers,
            hexbear_footer=self.dialect == "hexbear",
            max_depth=self.max_depth,
            diagnostics=diagnostics,
        )
        found = diagnostics.sorted()
        if self.stripped_reported:
            found = tuple(d for d in found if d.code != "TP201")
        self.stripped_reported = self.stripped_reported or any(d.code == "TP201" for d in found)
        self.diagnostics.extend(found)
        self.unparsed.extend(outside)
        self.chrome.extend(chrome)
        yield from comments

    def _whole(self, window: Sequence[Line]) -> Iterator[ThreadHead | Comment | ThreadTail]:
        """Text with no page comment header: read whole, as ``parse`` reads it."""
        text = self.recording.text()
        yield from _whole(
            parse_lines(window, text=text, dialect=self.asked, max_depth=self.max_depth)
        )


def _layout(probe: Header | None, header: Header) -> tuple[bool, bool]:
    """What find_headers' second pass would ask of headers, given the first two."""
    seen = [h for h in (probe, header) if h is not None]
    return any(h.indented for h in seen), any(h.bulleted for h in seen)
