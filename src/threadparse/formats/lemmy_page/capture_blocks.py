r"""Browser captures of lemmy-ui pages read block by block: the fast path of
``capture.py``'s reader, for every innerText capture and Chromium's copies.

The page around the comments (the navbar, the post, the login notice, the sort
buttons; the sidebar and footer) is read by ``capture.py``'s own functions, on
lines split from those parts of the text only. The comments between them are
read by one compiled ``re`` pattern run with ``finditer``, a match per block and
the blank lines after it; Python runs a loop step per block, builds no line
table, and reads each distinct run of a header's lines once.

Where a header ends in a mark (innerText: its time; a <= 0.19.3 copy: the
score's "•", the body right under it), ``_block``'s blocks are::

    H   a comment header: a name line and at most 13 further short lines, in
        innerText a blank line after them, in a copy up to the first line
        with a "•", which must end it
    M   "N more replies ➔"
    P   a paragraph: a run of non-blank lines, none of them an ``M``
    X   indentation this grammar does not measure (a tab, a zero-width character)

An ``H`` block's lines are read by ``capture._header_parts``, as the careful
reader reads them, and must read whole; where they do not, or a paragraph holds
a line that can end a header, the header is looked for further down the run
(lemmy-ui puts no blank line between a list or a quote that ends a comment and
the next header), the lines above it a paragraph. A 0.19.4+ Chromium copy has
no end mark: ``_RUN`` takes a run of lines and the blank lines after it, and a
comment starts at a run the careful reader's rules start one at
(``capture._read_bare_header``: two blank lines above, or one and header lines
under the name).

``capture.read_capture`` stays the definition: this reader answers only where
it reads the text the same way, and returns None otherwise. The careful reader
tries every line of the comments as a header's first, and a header needs the
line that ends it: so this reader declines on a paragraph line that can end a
header (a time, a line ending in "·" or "•"), on a header whose name line is
also a header's token (the careful reader would read across the blank line
above it), on a body line another part of the page has (an ``@host`` line, the
sidebar's first lines, a "more replies" that is not one). A 0.19.4+ copy is
read a second time with the names the first reading found, as the careful
reader reads it, where a paragraph starts with one. It also declines on: a
carriage return, a page without the login notice, anything but a header first
after the sort buttons, a reading asked for in another version than the
page's, and Firefox's copies (their nesting and glued header lines). A Chromium innerText layout
whose headers turn out to be Firefox's (two vote lines) is read again as
Firefox's. ``tests/test_capture_blocks.py`` compares the two readers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from threadparse.core.blockgrammar import (
    ANCHOR,
    ANCHOR_START,
    COL,
    END,
    EXOTIC,
    FOLD,
    LINES,
    MANY,
    NWS,
    WS,
    lines_end,
)
from threadparse.core.diagnostics import Diagnostics
from threadparse.core.lemmy import deletion_of, more_replies_of
from threadparse.core.models import Author, Comment, Span, Text, Thread
from threadparse.core.source import WHITESPACE, Line, TextLineNumbers, split_lines
from threadparse.formats.lemmy_page.capture import (
    _MAX_HEADER,
    CAPTURE_REACH,
    Layout,
    _after_sort_buttons,
    _Header,
    _header_parts,
    _is_time,
    _name_author_of,
    _sidebar_start,
    _sure_token,
    _with_badges,
    _with_instance,
    _words,
    find_to_line,
    page_layout,
    page_thread,
    read_post,
    split_pair,
    split_votes,
)
from threadparse.formats.lemmy_page.chrome import LOGIN_NOTICE, SIDEBAR_OPENERS, is_chrome

__all__ = ("read_capture_blocks",)

#: A header's lines are at most this long (names are shorter; a longer line
#: makes the block a paragraph, and a time in it then declines the reading).
_HEAD_LINE = 80
#: A paragraph line of at most this many characters is matched against
#: ``ANCHOR`` (times and header tokens are shorter).
_SHORT = 64
_ANCHOR_LINE = re.compile(f"{ANCHOR_START}{ANCHOR}")
#: The login notice, white space folded as ``_words`` folds it.
_LOGIN = re.compile(
    FOLD.join(("You", "must", "log", "in", "or", r"(?:register|\#)", "to", r"comment\."))
)
_MORE_START = rf"\d{{1,12}}(?:\.\d{{1,3}})?[KMBTkmbt]?{FOLD}(?i:more){FOLD}(?i:repl)"
_MORE_LINE = re.compile(_MORE_START)
_LINE = f"{NWS}[^\n]*(?<={NWS})"
_PARAGRAPH = (
    f"{_LINE}(?:{WS}{MANY}\n(?={COL}{MANY}{NWS})(?!{COL}{MANY}{_MORE_START}){COL}{MANY}{_LINE})"
    f"{LINES}"
)
# The greediness that gives nothing back, where re has it (blockgrammar.MANY).
_KEEP = "+" if MANY == "*+" else ""
#: A header's first line (its name), and a further line of it.
_NAME = f"{NWS}[^\n]{{0,{_HEAD_LINE}}}{_KEEP}"
_HEAD = f"\n(?={WS}{MANY}{NWS})(?!{WS}{MANY}{_MORE_START})[^\n]{{1,{_HEAD_LINE + 1}}}{_KEEP}"


@functools.cache
def _block(innertext: bool) -> re.Pattern[str]:
    """The block pattern. An innerText header is a run of short lines and a
    blank line after it, the last line its time (``_header_parts`` tells);
    a <= 0.19.3 copy's runs to its first line with a "•", which must end it,
    and the body follows at once."""
    if innertext:
        header = f"{_NAME}(?:{_HEAD}){{1,{_MAX_HEADER - 1}}}{_KEEP}(?=\n{WS}{MANY}(?:\n|\\Z))"
    else:
        bare = f"\n(?={WS}{MANY}{NWS})[^\n•]{{1,{_HEAD_LINE + 1}}}{_KEEP}(?=\n)"
        header = (
            f"{_NAME}(?:{bare}){{0,{_MAX_HEADER - 2}}}{_KEEP}"
            f"\n{WS}{MANY}[^\n•]{{0,{_HEAD_LINE}}}{_KEEP}•(?={END})"
        )
    return re.compile(
        f"{COL}{MANY}(?:"
        f"(?P<M>{_MORE_START}[^\n]{{0,16}}?)(?={END})"
        f"|(?P<hd>{header})(?P<H>)"
        f"|(?P<X>{EXOTIC})"
        f"|(?P<P>{_PARAGRAPH})"
        f"){WS}{MANY}(?:\n(?:{WS}{MANY}\n){LINES})?"
    )


def read_capture_blocks(text: str, *, dialect: str, max_depth: int | None) -> Thread | None:
    """The thread ``capture.read_capture`` reads from the text, or None where
    this reader cannot show it reads the text the same way. (Its comments are
    all at depth 0, so ``max_depth`` changes nothing.)"""
    del max_depth
    if "\r" in text:
        return None
    head = split_lines(text[: lines_end(text, CAPTURE_REACH + 12)])
    to_line = find_to_line(head)
    if to_line is None:
        return None
    layout = page_layout(head, to_line)
    if layout.kind == "copy" and layout.firefox:
        return None  # the nesting, and glued header lines: the careful reader's
    if dialect not in ("auto", layout.version):
        return None
    post, used, shown = read_post(head, to_line, layout)
    body_start = max(used) + 1
    if body_start >= len(head):
        return None
    login = _LOGIN.search(text, head[body_start].start)
    if login is None:
        return None
    prefix = split_lines(text[: lines_end(text, 40, login.start())])
    notice = next(i for i in range(len(prefix) - 1, -1, -1) if prefix[i].start <= login.start())
    if notice < body_start or not LOGIN_NOTICE.fullmatch(_words(prefix[notice].content)):
        return None  # the first notice is not a line of its own
    chrome = [i for i in range(min(used)) if not prefix[i].blank]
    chrome.append(notice)
    start = _after_sort_buttons(prefix, notice + 1, chrome)
    if start >= len(prefix) - 1:
        return None
    region = prefix[start].start
    base = _tail_start(text, region)
    tail = [_shifted(line, base) for line in split_lines(text[base:])]
    sidebar, title = _sidebar_start(tail, 0, shown)
    stop = tail[sidebar].start if sidebar < len(tail) else len(text)
    if (
        layout.kind == "innertext"
        and not layout.firefox
        and (split_votes(prefix) or split_votes(tail))
    ):
        layout = Layout(layout.version, layout.kind, firefox=True)
    bare = layout.kind == "copy" and layout.version == "lemmy-0.19"
    read = (_read_bare if bare else _read)(text, region, stop, layout)
    if read is not None and read[2] != layout:  # Firefox's innerText after all
        read = _read(text, region, stop, read[2])
    if read is None:
        return None
    ambiguous, comments, layout = read
    return page_thread(
        prefix,
        tail,
        sidebar,
        title,
        post=post,
        used=used,
        shown=shown,
        body=(body_start, notice),
        chrome=chrome,
        comments=tuple(comments),
        headers=len(comments),
        ambiguous=ambiguous,
        unparsed=(),
        layout=layout,
        diagnostics=Diagnostics(TextLineNumbers(text)),
    )


#: The words the sidebar's fixed lines start with (``chrome.SIDEBAR_OPENERS``).
_OPENERS = ("Subscribe", "Joined", "Create a post", "You are not logged in.")


def _tail_start(text: str, region: int) -> int:
    """Where the page's end is read from, so that ``capture._sidebar_start``
    finds the sidebar there: two lines (its title and name) above the first of
    the last lines that start its fixed lines, or of its last run of chrome
    and blank lines (the footer); not before ``region``, where the comments
    start. (An earlier line of the sidebar's would be a paragraph's, which the
    block reader declines.)"""
    end = len(text) - 1 if text.endswith("\n") else len(text)
    start = end + 1 if end < len(text) else end
    while end >= region:
        line_start = max(text.rfind("\n", 0, end) + 1, region)
        content = text[line_start:end].strip(WHITESPACE)
        if content and not is_chrome(content):
            break
        start = line_start
        if line_start <= region:
            return region
        end = line_start - 1
    for opener in _OPENERS:
        at = text.rfind(opener, region, start)
        if at != -1:
            start = text.rfind("\n", 0, at) + 1
    for _ in range(2):
        if start <= region:
            return region
        start = max(text.rfind("\n", 0, start - 1) + 1, region)
    return start


def _shifted(line: Line, base: int) -> Line:
    return line._replace(
        start=line.start + base,
        end=line.end + base,
        content_start=line.content_start + base,
        content_end=line.content_end + base,
    )


def _plain(row: str) -> bool:
    """Is a paragraph's line (stripped) one no other part of the page may be?
    Not: a line that can end a header (a time, a count glued to "·" or "•") or
    start one, an author's ``@host`` line, a line the sidebar starts with."""
    if len(row) <= _SHORT and _ANCHOR_LINE.match(row):
        return False
    if row[-1] in "·•" or row[0] == "@":
        return False
    return not (row[0] in "SJCY" and SIDEBAR_OPENERS.fullmatch(" ".join(row.split())))


#: What a header's lines after its name read as (``_parts``): the author's
#: instance and badges, the language, score, upvotes, downvotes, and the
#: readings of glued counts that read several ways (and those counts).
_Parts = tuple[
    str | None, tuple[str, ...], str | None, int | None, int | None, int | None,
    tuple[tuple[int, int], ...], str | None,
]  # fmt: skip
_NOBODY = Author("", "", None, (), ())


def _parts(rows: tuple[str, ...], layout: Layout) -> _Parts | None:
    """``_header_parts``'s reading of a header's lines after its name (its time
    line left off in innerText, where the time is read last), when it reads
    them all and no time among them; a <= 0.19.3 copy's must have the score.
    Every field but the author's depends on these lines alone, so it is read
    once a thread."""
    header = _Header(start=0, end=0, author=_NOBODY)
    if _header_parts(("", *rows), 1, header, layout) != len(rows) + 1:
        return None
    if header.time is not None if layout.kind == "innertext" else header.score is None:
        return None  # innerText: a time above the last line ends the header there
    author = header.author
    return (
        author.instance, author.badges, header.language, header.score,
        header.upvotes, header.downvotes, header.readings, header.glued,
    )  # fmt: skip


def _added(author: Author, instance: str | None, badges: tuple[str, ...]) -> Author:
    """The name line's author with what the header's lines add (a host, badges),
    as ``_header_parts`` adds them."""
    if instance is not None:
        author = _with_instance(author, instance)
    if badges != author.badges:
        author = _with_badges(author, badges)
    return author


def _read(
    text: str, start: int, stop: int, layout: Layout
) -> tuple[list[tuple[Span, _Header]], list[Comment], Layout] | None:
    """The headers of the blocks from ``start`` to ``stop`` whose glued votes
    read several ways (with their name's span), the comments (all at depth 0,
    in page order, one a header), and the layout; None where the careful
    reader must read them. A Chromium innerText layout whose headers show it
    is Firefox's (two vote lines) comes back at once as Firefox's, with
    nothing read: the caller reads again."""
    innertext = layout.kind == "innertext"
    version = layout.version
    glued_votes = version == "lemmy-0.19" and innertext and not layout.firefox
    names: dict[str, tuple[Author | None, bool]] = {}
    # A header's lines after its name, and the authors they make of a name.
    read_parts: dict[tuple[str, ...], tuple[_Parts | None, dict[str, Author]]] = {}
    times: dict[str, str | None] = {}
    comments: list[Comment] = []
    ambiguous: list[tuple[Span, _Header]] = []
    position = start
    text_of, span_of, strip, plain, comment_of = Text, Span, str.strip, _plain, _comment
    short, anchor, openers = _SHORT, _ANCHOR_LINE.match, SIDEBAR_OPENERS.fullmatch

    def header_at(rows: tuple[str, ...], k: int) -> tuple[Author, bool, _Parts, str | None] | None:
        """The header whose name is ``rows[k]`` and whose last line is the
        last of ``rows``, as the careful reader reads it, or None."""
        name = rows[k]
        known = names.get(name)
        if known is None:
            known = names[name] = (_name_author_of(name, version), _sure_token(name))
        author, sure = known
        if author is None:
            return None
        key = rows[k + 1 : -1] if innertext else rows[k + 1 :]
        entry = read_parts.get(key)
        if entry is None:
            entry = read_parts[key] = (_parts(key, layout), {})
        parts, by_name = entry
        if parts is None:
            return None
        if name in by_name:
            author = by_name[name]
        else:
            author = by_name[name] = _added(author, parts[0], parts[1])
        if not innertext:
            return author, sure, parts, None
        last = rows[-1]
        if last in times:
            time = times[last]
        else:
            time = times[last] = _words(last) if _is_time(last) else None
        if time is None:
            return None
        return author, sure, parts, time

    def split(
        rows: tuple[str, ...], first: int
    ) -> tuple[int, tuple[Author, bool, _Parts, str | None]] | None:
        """A header that ends a run of lines, its name ``rows[first]`` or a
        later line (lemmy-ui puts no blank line between a list or a quote that
        ends a comment and the next comment), the lines above it a paragraph;
        None where the careful reader reads the lines otherwise."""
        for k in range(first, len(rows) - 1):
            if k and (not plain(rows[k - 1]) or _MORE_LINE.match(rows[k - 1])):
                return None
            if rows[k][-1] in "·•":
                return None  # a count glued to "·" under a count: Firefox's votes
            # (A header has at most _MAX_HEADER + 1 lines: none starts above.)
            found = header_at(rows, k) if len(rows) - k <= _MAX_HEADER + 1 else None
            if found is not None:
                return k, found
        return None

    # The comment being read: its header's reading, where it starts and ends,
    # its paragraphs, "N more replies", how many body lines, the first's kind.
    header: tuple[Author, bool, _Parts, str | None] | None = None
    name_span = Span(0, 0)
    begin = end = lines = 0
    paragraphs: list[Text] = []
    more: int | None = None
    first = ""
    for match in _block(innertext).finditer(text, start, stop):
        if match.start() != position:
            return None  # text no block takes
        position = match.end()
        kind = match.lastgroup
        if kind == "P":
            if header is None:
                return None  # TP901's reading: a line before the first header
            a, b = match.span("P")
            paragraph = match.group("P")
            if "\n" not in paragraph:
                if (
                    (b - a <= short and anchor(paragraph))
                    or paragraph[-1] in "·•"
                    or paragraph[0] == "@"
                    or (paragraph[0] in "SJCY" and openers(" ".join(paragraph.split())))
                ):
                    return None  # as _plain
                lines += 1
                if not first:
                    first = "P"
                paragraphs.append(text_of(paragraph, span_of(a, b)))
                end = b
                continue
            rows = tuple([strip(row, WHITESPACE) for row in paragraph.split("\n")])
            if all(map(plain, rows)):
                lines += len(rows)
                if not first:
                    first = "P"
                paragraphs.append(text_of("\n".join(rows), span_of(a, b)))
                end = b
                continue
            block = paragraph
        elif kind == "H":
            a = match.start("hd")
            block = match.group("hd")
            rows = tuple([strip(row, WHITESPACE) for row in block.split("\n")])
            found = header_at(rows, 0)
            if found is not None:
                if found[1]:
                    return None  # the careful reader may read a header across the blank line above
                if glued_votes and _two_vote_lines(rows):
                    return [], [], Layout(layout.version, layout.kind, firefox=True)
                if header is not None:
                    comments.append(comment_of(header, begin, end, paragraphs, more, lines, first))
                header, begin = found, a
                end = a + len(block.rstrip(WHITESPACE))
                if found[2][6]:
                    name_span = Span(a, a + len(rows[0]))
                    ambiguous.append((name_span, _ambiguous(found)))
                paragraphs, more, lines, first = [], None, 0, ""
                continue
        elif kind == "M":
            if header is None:
                return None
            more = more_replies_of(match.group("M"))
            if more is None:
                return None
            end = match.end("M")
            lines += 1
            if not first:
                first = "M"
            continue
        else:  # X: the careful reader's
            return None
        # A run of lines that is no header from its first line: a header after
        # a paragraph's lines, or a paragraph (of short lines) alone.
        if header is None:
            return None
        at = _row_starts(block.split("\n"), a)
        parted = split(rows, 0 if kind == "P" else 1)
        k = len(rows) if parted is None else parted[0]
        if parted is None and (not all(map(plain, rows)) or any(map(_MORE_LINE.match, rows))):
            return None
        if parted is not None:
            known = names.get(rows[0])
            if known[1] if known is not None else _sure_token(rows[0]):
                return None  # the careful reader may read a header across the blank line above
        if k:
            lines += k
            if not first:
                first = "P"
            end = at[k - 1] + len(rows[k - 1])
            paragraphs.append(text_of("\n".join(rows[:k]), span_of(a, end)))
        if parted is None:
            continue
        found = parted[1]
        if glued_votes and _two_vote_lines(rows[k:]):
            return [], [], Layout(layout.version, layout.kind, firefox=True)
        comments.append(comment_of(header, begin, end, paragraphs, more, lines, first))
        header, begin, end = found, at[k], at[-1] + len(rows[-1])
        if found[2][6]:
            ambiguous.append((Span(begin, begin + len(rows[k])), _ambiguous(found)))
        paragraphs, more, lines, first = [], None, 0, ""
    if position != stop and text[position:stop].strip(WHITESPACE):
        return None
    if header is not None:
        comments.append(comment_of(header, begin, end, paragraphs, more, lines, first))
    return ambiguous, comments, layout


def _ambiguous(found: tuple[Author, bool, _Parts, str | None]) -> _Header:
    """The careful reader's header, for TP205, of votes that read several ways."""
    header = _Header(start=0, end=0, author=found[0], readings=found[2][6])
    header.glued = found[2][7]
    return header


def _comment(
    header: tuple[Author, bool, _Parts, str | None],
    start: int,
    end: int,
    paragraphs: list[Text],
    more: int | None,
    lines: int,
    first: str,
) -> Comment:
    """The comment read: a body of one line (and "N more replies" after it) may
    be the deleted or removed placeholder (``capture._read_body``)."""
    author, _, parts, time = header
    deleted = removed = False
    if (
        len(paragraphs) == 1
        and (lines == 1 or (lines == 2 and first == "P"))
        and "\n" not in paragraphs[0].text
        and (gone := deletion_of(paragraphs[0].text)) is not None
    ):
        deleted, removed = gone == "deleted", gone == "removed"
        paragraphs = []
    return Comment(
        author, parts[3], parts[4], parts[5], parts[2], time, None, None, False, deleted,
        removed, more, 0, tuple(paragraphs), (), Span(start, end),
    )  # fmt: skip


#: A run of non-blank lines, and the blank lines after it (``t``: one line end
#: each), as a 0.19.4+ Chromium copy's comments are read.
_RUN = re.compile(
    f"{COL}{MANY}(?P<r>{NWS}[^\\n]*+(?:\\n(?={WS}{MANY}{NWS})[^\\n]*+){LINES})"
    f"(?P<t>(?:\\n{WS}{MANY}(?=\\n|\\Z)){LINES})\\n?"
)


def _read_bare(
    text: str, start: int, stop: int, layout: Layout, known: frozenset[str] | None = None
) -> tuple[list[tuple[Span, _Header]], list[Comment], Layout] | None:
    """``_read`` for a 0.19.4+ Chromium copy, whose headers have no end mark
    (``capture._read_bare_header``): a comment starts at a run of lines after
    two blank lines, or after one where its name line has header lines under
    it (a host, a badge, a language followed by the body) or is a name
    ``known`` from the headers of a first reading; the body follows at once.
    As the careful reader, it reads a second time with the names the first
    found, where a run they would start a comment at is held (rarely)."""
    version = layout.version
    names: dict[str, Author | None] = {}
    comments: list[Comment] = []
    found: set[str] = set()  # the headers' names, as the careful reader's first reading
    pending: list[str] = []  # runs its second reading would take if their name is found
    read_bare: dict[tuple[tuple[str, ...], bool, bool], _BareParts] = {}
    authors: dict[tuple[str, str | None, tuple[str, ...]], Author] = {}
    position = start
    blanks = 2  # the comments start after the sort buttons' place
    text_of, span_of, strip = Text, Span, str.strip
    header: tuple[Author, bool, _Parts, str | None] | None = None
    begin = end = lines = 0
    paragraphs: list[Text] = []
    first = ""
    for match in _RUN.finditer(text, start, stop):
        if match.start() != position:
            return None  # text no block takes
        position = match.end()
        before, blanks = blanks, match.group("t").count("\n")
        block = match.group("r")
        a = match.start("r")
        raws = block.split("\n")
        rows = tuple([strip(raw, WHITESPACE) for raw in raws])
        count = len(rows)
        name = rows[0]
        # Only short lines (or a host's) can be a header's after the name.
        short = 1
        while (
            short < count
            and short <= _MAX_HEADER
            and (len(rows[short]) <= _HEAD_LINE or rows[short][0] == "@")
        ):
            short += 1
        p = 0
        named = known is not None and count > 1 and _words(name) in known
        if before < 2 and short == 1 and not named:
            # No header line under it: a header only if the careful reader's
            # first reading found its name (held until the end).
            if count > 1:
                pending.append(name)
        else:
            if name in names:
                author = names[name]
            else:
                author = names[name] = _name_author_of(name, version)
            if author is not None:
                key = (rows[1:short], short < count, short == count and raws[-1][:1] in WHITESPACE)
                if key in read_bare:
                    reading = read_bare[key]
                else:
                    reading = read_bare[key] = _bare_parts(*key, layout=layout)
                p, instance, badges, language, indented = reading
                if indented:
                    return None  # a language line's indent would tell (capture._language_fits)
                if before < 2 and p == 1 and not named:  # (named: the name alone)
                    if count > 1:
                        pending.append(name)
                    p = 0
                elif p >= count:
                    if before < 2 or p == 1:
                        p = 0
                    else:
                        p, instance, badges, language = 1, None, (), None
                if p:
                    seen = (name, instance, badges)
                    if seen in authors:
                        author = authors[seen]
                    else:
                        author = authors[seen] = _added(author, instance, badges)
        if p:
            assert author is not None  # (p is only set where it is)
            if header is not None:
                comments.append(_comment(header, begin, end, paragraphs, None, lines, first))
            found.add(_words(name))
            at = _row_starts(raws, a)
            header = (author, False, (None, (), language, None, None, None, (), None), None)
            begin, end = a, at[p - 1] + len(rows[p - 1])
            paragraphs, lines, first = [], 0, ""
            if p == len(rows):
                continue
            rows, a, end_of = rows[p:], at[p], at[-1] + len(rows[-1])
        elif header is None:
            return None  # TP901's reading: a line before the first header
        elif len(rows) == 1:
            end_of = a + len(rows[0])
        else:
            end_of = _row_starts(raws, a)[-1] + len(rows[-1])
        if not all(map(_plain_copy, rows)):
            return None
        end = end_of
        paragraphs.append(text_of("\n".join(rows), span_of(a, end)))
        lines += len(rows)
        if not first:
            first = "P"
    if position != stop and text[position:stop].strip(WHITESPACE):
        return None
    if known is None and any(_words(name) in found for name in pending):
        # The careful reader's second reading takes another header: read again.
        return _read_bare(text, start, stop, layout, frozenset(found))
    if header is not None:
        comments.append(_comment(header, begin, end, paragraphs, None, lines, first))
    return [], comments, layout


#: A 0.19.4+ copy's header lines' reading (``_bare_parts``): where the body
#: starts (the index in the run), the author's instance and badges, the
#: language, and whether a language line's indent would tell.
_BareParts = tuple[int, str | None, tuple[str, ...], str | None, bool]


def _bare_parts(rows: tuple[str, ...], more: bool, indented: bool, *, layout: Layout) -> _BareParts:
    """``_header_parts``'s reading of the short lines under a 0.19.4+ copy's name
    line (``rows``; ``more``: a long line follows them in the run; ``indented``:
    the run's last line is indented). A language line is the header's when
    the body follows it at once (``capture._language_fits``); at the run's
    end, only by an indent, which this reader leaves to the careful one."""
    contents = ("", *rows, "\x00") if more else ("", *rows)
    last = False

    def fits(at: int) -> bool:
        nonlocal last
        if at + 1 < len(contents):
            return True
        last = True
        return False

    header = _Header(start=0, end=0, author=_NOBODY)
    position = _header_parts(contents, 1, header, layout, fits) or 0
    author = header.author
    return position, author.instance, author.badges, header.language, last and indented


def _plain_copy(row: str) -> bool:
    """Is a body line of a copy one no other part of the page may be? Not an
    author's ``@host`` line (TP106), a line the sidebar starts with, or
    "N more replies" (which a copy does not print)."""
    return not (
        row[0] == "@"
        or (row[0] in "SJCY" and SIDEBAR_OPENERS.fullmatch(" ".join(row.split())))
        or _MORE_LINE.match(row)
    )


def _row_starts(raws: list[str], start: int) -> list[int]:
    """Where each line's content starts, of a block's lines (``raws``) at ``start``."""
    starts = []
    for raw in raws:
        starts.append(start + len(raw) - len(raw.lstrip(WHITESPACE)))
        start += len(raw) + 1
    return starts


def _two_vote_lines(head: Sequence[str]) -> bool:
    """Are a header's votes on two lines ("12", "2·"), as only Firefox prints them?
    (In a header ``_header_parts`` read, a count glued to "·" can only be the
    line before the time, and only a vote line can be a count.)"""
    return len(head) > 3 and head[-3][:1] in _COUNT_STARTS and split_pair(head[-3], head[-2])


#: What a count's line starts with (``split_pair`` asks the rest).
_COUNT_STARTS = "0123456789-−"
