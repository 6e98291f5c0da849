r"""Browser captures of lemmy-ui pages read block by block: the fast path of
``capture.py``'s reader, for every capture kind.

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
        with a "•", which must end it; and the paragraph under it where that
        is one line with a blank line after it (most comments' first)
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

Firefox's copies keep the nesting: each reply level is indented 4 columns, and
a header's lines (its name, an ``@host`` line, badges glued to the language,
``OPMEnglish12•`` before 0.19.4) follow the last line of the comment above with
no blank line between. ``_read_nested`` reads them in two passes over
``_RUN``'s runs: the first finds the headers at the runs' ends (splitting a
run into lines only where its last lines may be a header's) and holds no run;
the second builds the trees as ``capture._build`` does, a paragraph a run
where its lines are as indented as its first (a list or a quote, indented
past its paragraph, splits it).

``capture.read_capture`` stays the definition: this reader answers only where
it reads the text the same way, and returns None otherwise. The careful reader
tries every line of the comments as a header's first, and a header needs the
line that ends it: so this reader declines on a paragraph line that can end a
header (a time, a line ending in "·" or "•"), on a header whose name line is
also a header's token (the careful reader would read across the blank line
above it), on a body line another part of the page has (an ``@host`` line, the
sidebar's first lines, a "more replies" that is not one). A 0.19.4+ copy is
read a second time with the names the first reading found, as the careful
reader reads it, where a paragraph starts with one. In a Firefox copy it
declines on a "·" or "•" line no header ends at (<= 0.19.3), and where a
header's lines could run across a blank line into a sure token. It also
declines on: a carriage return, a page without the login notice, anything but
a header first after the sort buttons, and a reading asked for in another
version than the page's. A Chromium innerText layout whose headers turn out to
be Firefox's (two vote lines) is read again as Firefox's.
``tests/test_capture_blocks.py`` compares the two readers.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterator, Sequence
from itertools import chain, pairwise

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
    _MAX_BARE_NAME,
    _MAX_HEADER,
    CAPTURE_REACH,
    FIREFOX_STEP,
    Layout,
    _after_sort_buttons,
    _Header,
    _header_parts,
    _header_tokens,
    _is_time,
    _name_author_of,
    _sidebar_start,
    _sure_token,
    _votes,
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
from threadparse.formats.lemmy_page.header import MAX_TOKEN_LINE

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


#: The paragraph of one line right under a header, the blank lines between
#: taken, where a line of its own (a blank line or the text's end after it):
#: what the ``P`` block after the header would be, so the loop reads a header
#: and its first paragraph in one step. No ``M`` or ``X`` block starts there,
#: and no ``H`` (a header has two lines or more); a line that starts as an
#: ``M`` does ("3 more replies", even where more words make it a paragraph) is
#: left to a block of its own. ``_read`` asks ``_plain`` of it, as of a ``P``.
_FIRST_PARAGRAPH = (
    f"(?:{WS}{MANY}\n(?:{WS}{MANY}\n){LINES}{COL}{MANY}(?!{EXOTIC}|{_MORE_START})"
    f"(?P<hp>{_LINE})(?={WS}{MANY}(?:\n{WS}{MANY}(?:\n|\\Z)|\\Z)))?"
)


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
        f"|(?P<hd>{header}){_FIRST_PARAGRAPH}(?P<H>)"
        f"|(?P<X>{EXOTIC})"
        f"|(?P<P>{_PARAGRAPH})"
        f"){WS}{MANY}(?:\n(?:{WS}{MANY}\n){LINES})?"
    )


#: The groups the loop of ``_read`` asks for, by number (both patterns number
#: them alike: test_capture_blocks.py checks).
_HD, _HP, _P = (_block(True).groupindex[name] for name in ("hd", "hp", "P"))
#: ``_read`` keeps the contents of at most this many distinct header tails (4,096
#: measured 0.2x of the input more peak memory on a 0.19.4+ innerText capture).
_TAILS = 256


def read_capture_blocks(text: str, *, dialect: str, max_depth: int | None) -> Thread | None:
    """The thread ``capture.read_capture`` reads from the text, or None where
    this reader cannot show it reads the text the same way."""
    if "\r" in text:
        return None
    head = split_lines(text[: lines_end(text, CAPTURE_REACH + 12)])
    to_line = find_to_line(head)
    if to_line is None:
        return None
    layout = page_layout(head, to_line)
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
    diagnostics = Diagnostics(TextLineNumbers(text))
    read: tuple[list[tuple[Span, _Header]], list[Comment], Layout] | None
    if layout.kind == "copy" and layout.firefox:
        nested = _read_nested(text, region, stop, layout, max_depth, diagnostics)
        read = None if nested is None else ([], nested, layout)
    elif layout.kind == "copy" and layout.version == "lemmy-0.19":
        read = _read_bare(text, region, stop, layout)
    else:
        read = _read(text, region, stop, layout)  # (all at depth 0: max_depth changes nothing)
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
        diagnostics=diagnostics,
    )


#: The words the sidebar's fixed lines start with (``chrome.SIDEBAR_OPENERS``).
_OPENERS = ("Subscribe", "Joined", "Create a post", "You are not logged in.")
#: Their first words, white space not folded yet.
_OPENING = ("Subscribe", "Joined", "Create", "You")


#: How far above the footer, or the last fixed line found, the sidebar's next
#: fixed line is looked for. A sidebar's fixed lines stand a few lines apart
#: and above its description; the footer follows the description.
_TAIL_REACH = 1 << 18


def _tail_start(text: str, region: int) -> int:
    """Where the page's end is read from, so that ``capture._sidebar_start``
    finds the sidebar there: two lines (its title and name) above the first of
    the last lines that start its fixed lines, or of its last run of chrome
    and blank lines (the footer); not before ``region``, where the comments
    start. Each fixed line is looked for only within ``_TAIL_REACH``
    characters above the last one found (or the footer): where one is absent
    from the sidebar, a search to ``region`` would cross the whole page.
    (An earlier line of the sidebar's would be a paragraph's, which the block
    reader declines.)"""
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
        at = text.rfind(opener, max(region, start - _TAIL_REACH), start)
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
    if _sidebar_word(header.language):
        return None  # the careful reader's sidebar may start there: read as a paragraph's
    author = header.author
    return (
        author.instance, author.badges, header.language, header.score,
        header.upvotes, header.downvotes, header.readings, header.glued,
    )  # fmt: skip


#: A line only a header's vote counts can be: digits (a count's sign, point and
#: suffix), "·" or "•" ("12", "2·", "1.2K•", "•"). No line the reading takes
#: before the votes starts so (a host's "@", a badge, a language's capital).
_VOTE_LINE = re.compile("[-−0-9.·•][-−0-9.KMBT·•]{0,31}")


#: What the lines above a header's votes read as: the author's instance and
#: badges, the language.
_Above = tuple[str | None, tuple[str, ...], str | None]
#: What a header's vote lines read as: the score, upvotes, downvotes, and the
#: readings of glued counts that read several ways (and those counts).
_Votes = tuple[int | None, int | None, int | None, tuple[tuple[int, int], ...], str | None]


class _PartsOf:
    """``_parts`` in one layout, remembering its readings. A thread's header
    lines differ mostly by their votes (a 0.19.4+ innerText page of 10,000
    comments: about 2,400 distinct, from a few dozen lines above the votes and
    a few hundred vote lines): where a header's lines end in one or two vote
    lines (``_VOTE_LINE``), the lines above them are read once for all votes
    under them, and the votes once for all the lines above them.

    That reading is ``_header_parts``'s where the lines above the votes are
    all host, badges and language (``_header_tokens``, which reads them first;
    a vote line is none of them): ``_votes`` then reads from the first vote
    line, and must read to the last. Where the lines above read otherwise,
    ``_parts`` reads the lines whole (it then finds no reading either: the
    votes read at most two lines, from the first line the tokens leave, and a
    count there would have been a vote line; the whole reading is kept as the
    definition). So it does in a Firefox copy (its language line glues the
    score) and for more than 12 lines (``_MAX_HEADER`` bounds the reading)."""

    __slots__ = ("_above", "_layout", "_votes", "split")

    def __init__(self, layout: Layout) -> None:
        self._layout = layout
        self._above: dict[tuple[str, ...], _Above | None] = {}
        self._votes: dict[tuple[str, ...], _Votes | None] = {}
        self.split = not (layout.firefox and layout.kind == "copy")

    def __call__(self, rows: tuple[str, ...]) -> _Parts | None:
        count = len(rows)
        if not self.split or not 0 < count <= 12 or not _VOTE_LINE.fullmatch(rows[-1]):
            return _parts(rows, self._layout)
        cut = count - 2 if count > 1 and _VOTE_LINE.fullmatch(rows[-2]) else count - 1
        above_rows, vote_rows = rows[:cut], rows[cut:]
        if above_rows in self._above:
            above = self._above[above_rows]
        else:
            above = self._above[above_rows] = _above_votes(above_rows, self._layout)
        if above is None:
            return _parts(rows, self._layout)  # the lines above read otherwise alone
        if vote_rows in self._votes:
            votes = self._votes[vote_rows]
        else:
            header = _Header(start=0, end=0, author=_NOBODY)
            if _votes(vote_rows, 0, header, self._layout) != len(vote_rows):
                votes = self._votes[vote_rows] = None
            else:
                votes = self._votes[vote_rows] = (
                    header.score, header.upvotes, header.downvotes, header.readings,
                    header.glued,
                )  # fmt: skip
        if votes is None or (self._layout.kind != "innertext" and votes[0] is None):
            return None  # as _parts: a line left, or a copy's score missing
        if _sidebar_word(above[2]):
            return None
        return (*above, *votes)


def _above_votes(rows: tuple[str, ...], layout: Layout) -> _Above | None:
    """The author's instance and badges and the language the lines above a
    header's votes read as, where they are all such lines (``_PartsOf``)."""
    header = _Header(start=0, end=0, author=_NOBODY)
    if _header_tokens(("", *rows), 1, header, layout) != len(rows) + 1:
        return None
    return header.author.instance, header.author.badges, header.language


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
    read_parts: dict[tuple[str, ...], _Parts | None] = {}
    # The authors a name line makes with a header's instance and badges.
    authors: dict[tuple[str, str | None, tuple[str, ...]], Author] = {}
    parts_of = _PartsOf(layout)
    times: dict[str, str | None] = {}
    # A header's raw lines between its name and its time (innerText) or after
    # its name (a copy), and their contents (_TAILS at most).
    tails: dict[str, tuple[str, ...]] = {}
    comments: list[Comment] = []
    ambiguous: list[tuple[Span, _Header]] = []
    said: dict[_Parts, _Header] = {}  # (TP205's headers, one a reading)
    position = start
    text_of, span_of, strip, plain, comment_of = Text, Span, str.strip, _plain, _comment
    short, anchor, openers = _SHORT, _ANCHOR_LINE.match, SIDEBAR_OPENERS.fullmatch

    def header_at(rows: tuple[str, ...], k: int) -> tuple[Author, bool, _Parts, str | None] | None:
        """The header whose name is ``rows[k]`` and whose last line is the
        last of ``rows``, as the careful reader reads it, or None."""
        if innertext:
            return header_of(rows[k], rows[k + 1 : -1], rows[-1])
        return header_of(rows[k], rows[k + 1 :], "")

    def header_of(
        name: str, key: tuple[str, ...], last: str
    ) -> tuple[Author, bool, _Parts, str | None] | None:
        """The header of the name line ``name``, the lines ``key`` after it, and
        (innerText) the time line ``last``."""
        known = names.get(name)
        if known is None:
            known = names[name] = (_name_author_of(name, version), _sure_token(name))
        author, sure = known
        if author is None:
            return None
        if key in read_parts:
            parts = read_parts[key]
        else:
            parts = read_parts[key] = parts_of(key)
        if parts is None:
            return None
        seen = (name, parts[0], parts[1])
        if seen in authors:
            author = authors[seen]
        else:
            author = authors[seen] = _added(author, parts[0], parts[1])
        if not innertext:
            return author, sure, parts, None
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
            a, b = match.span(_P)
            paragraph = match.group(_P)
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
            a = match.start(_HD)
            block = match.group(_HD)
            # The name line, the time line (innerText), and the lines between:
            # split once for all the headers whose lines between read alike
            # (badges, language, counts: the name and the time differ from
            # comment to comment, and are stripped alone).
            cut = block.index("\n")  # (a header has two lines or more)
            name = strip(block[:cut], WHITESPACE)
            if innertext:
                time_cut = block.rindex("\n")
                rest = block[cut + 1 : time_cut] if time_cut > cut else None
                last = strip(block[time_cut + 1 :], WHITESPACE)
            else:
                rest, last = block[cut + 1 :], ""
            if rest is None:
                key: tuple[str, ...] = ()
            elif (tail := tails.get(rest)) is not None:
                key = tail
            else:
                key = tuple([strip(row, WHITESPACE) for row in rest.split("\n")])
                if len(tails) < _TAILS:
                    tails[rest] = key
            found = header_of(name, key, last)
            if found is not None:
                if found[1]:
                    return None  # the careful reader may read a header across the blank line above
                if glued_votes and _two_vote_lines(key):
                    return [], [], Layout(layout.version, layout.kind, firefox=True)
                if header is not None:
                    comments.append(comment_of(header, begin, end, paragraphs, more, lines, first))
                header, begin = found, a
                end = a + len(block.rstrip(WHITESPACE))
                if found[2][6]:
                    name_span = Span(a, a + len(name))
                    ambiguous.append((name_span, _ambiguous(found[2], said)))
                paragraph = match.group(_HP)
                if paragraph is None:
                    paragraphs, more, lines, first = [], None, 0, ""
                    continue
                if not plain(paragraph):
                    return None
                a, end = match.span(_HP)
                paragraphs, more, lines, first = [text_of(paragraph, span_of(a, end))], None, 1, "P"
                continue
            rows = (name, *key, last) if innertext else (name, *key)
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
        if parted is not None:
            found = parted[1]
            if glued_votes and _two_vote_lines(rows[k + 1 : -1]):
                return [], [], Layout(layout.version, layout.kind, firefox=True)
            comments.append(comment_of(header, begin, end, paragraphs, more, lines, first))
            header, begin, end = found, at[k], at[-1] + len(rows[-1])
            if found[2][6]:
                ambiguous.append((Span(begin, begin + len(rows[k])), _ambiguous(found[2], said)))
            paragraphs, more, lines, first = [], None, 0, ""
        if kind == "H" and (paragraph := match.group(_HP)) is not None:
            # the paragraph under the lines that read as no header: the P block
            # it would have been
            if not plain(paragraph):
                return None
            lines += 1
            if not first:
                first = "P"
            a, end = match.span(_HP)
            paragraphs.append(text_of(paragraph, span_of(a, end)))
    if position != stop and text[position:stop].strip(WHITESPACE):
        return None
    if header is not None:
        comments.append(comment_of(header, begin, end, paragraphs, more, lines, first))
    return ambiguous, comments, layout


def _ambiguous(parts: _Parts, made: dict[_Parts, _Header]) -> _Header:
    """A header for TP205, of votes that read several ways: its readings and
    glued counts, all ``page_thread`` asks of it (no author: one header for
    all that read alike, remembered in ``made``)."""
    header = made.get(parts)
    if header is None:
        header = made[parts] = _Header(start=0, end=0, author=_NOBODY, readings=parts[6])
        header.glued = parts[7]
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


#: A character no language line has (``capture._LANGUAGE``: letters, marks,
#: "()'’-" and white space), and no white space either.
_NO_LANGUAGE = re.compile("[.,!?;:0-9]")


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
        if before < 2 and known is None and "\n" not in block:
            # A line alone under one blank line: a paragraph (the rest of the
            # loop reads it so, in fewer steps).
            if header is None:
                return None  # TP901's reading: a line before the first header
            row = strip(block, WHITESPACE)
            if not _plain_copy(row):
                return None
            end = a + len(row)
            paragraphs.append(text_of(row, span_of(a, end)))
            lines += 1
            first = "P"
            continue
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
                key = _bare_key(rows, short, raws[-1][:1] in WHITESPACE)
                if key in read_bare:
                    reading = read_bare[key]
                else:
                    reading = read_bare[key] = _bare_parts(*key, layout=layout)
                    # (Asked once a reading: a second time, the first has returned.)
                    if reading[4]:
                        return None  # a language line's indent would tell (capture._language_fits)
                    if _sidebar_word(reading[3]):
                        return None  # the careful reader's sidebar may start there
                p, instance, badges, language, _ = reading
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
        end_of = a + len(block.rstrip(WHITESPACE))  # where the run's content ends
        if p:
            assert author is not None  # (p is only set where it is)
            if header is not None:
                comments.append(_comment(header, begin, end, paragraphs, None, lines, first))
            found.add(_words(name))
            header = (author, False, (None, (), language, None, None, None, (), None), None)
            paragraphs, lines, first = [], 0, ""
            # (Offsets from the lines' lengths: row p's line starts after the
            # p lines above.)
            if p == count:
                begin, end = a, end_of
                continue
            line = a + sum(map(len, raws[:p])) + p
            raw, body = raws[p - 1], raws[p]
            begin, end = a, line - 1 - len(raw) + len(raw.rstrip(WHITESPACE))
            rows, a = rows[p:], line + len(body) - len(body.lstrip(WHITESPACE))
        elif header is None:
            return None  # TP901's reading: a line before the first header
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


def _bare_key(
    rows: tuple[str, ...], short: int, indented: bool
) -> tuple[tuple[str, ...], bool, bool]:
    """``_bare_parts``'s arguments for the lines under a 0.19.4+ copy's name
    line ``rows[0]`` (``short``: the lines before the first long one;
    ``indented``: the last line is indented), with every line it does not read
    left out, so that headers read alike ask once: the reading takes a host
    and badges, then a language only where a line follows it, and never reads
    what that line says. A line that may be a host or a badge starts with "@"
    or a badge's first letter, so the language is at ``tokens`` or above; a
    line there that cannot be one (``_NO_LANGUAGE``) reads as any other (NUL)."""
    count = len(rows)
    tokens = 1
    while tokens < short and rows[tokens][0] in "@BOMA":
        tokens += 1
    more = short < count
    if tokens <= 12 and tokens < short:  # (else past the short lines: a long line, or none)
        if _NO_LANGUAGE.search(rows[tokens]):
            return (*rows[1:tokens], "\x00"), False, False
        if tokens + 1 < short or more:
            return rows[1 : tokens + 1], True, False  # (True: a line follows)
    return rows[1:short], more, short == count and indented


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


def _two_vote_lines(between: Sequence[str]) -> bool:
    """Are a header's votes on two lines ("12", "2·"), as only Firefox prints them?
    ``between``: the header's lines between its name and its time. (In a header
    ``_header_parts`` read, a count glued to "·" can only be the line before
    the time, and only a vote line can be a count.)"""
    return (
        len(between) > 1
        and between[-2][:1] in _COUNT_STARTS
        and split_pair(between[-2], between[-1])
    )


#: What a count's line starts with (``split_pair`` asks the rest).
_COUNT_STARTS = "0123456789-−"


# -- Firefox's copies: nested by indentation ------------------------------------------

#: A line the nested reader leaves to the careful one: its indentation has a
#: tab or a zero-width character (``source.py`` counts those otherwise than a
#: column a character), or it is "N more replies" (a copy does not print it).
#: One search for both (0.12x of the floor where two cost 0.23x): after the
#: columns, a tab or a zero-width character, or else (none of the white space
#: is left) the line's content. (After a line end: ``re`` looks for a
#: pattern's first character fast, and tries ``(?m)^`` everywhere.)
_DECLINED_LINE = re.compile(f"\\n{COL}{MANY}(?:{EXOTIC}|{_MORE_START})")
#: A body line that may be a header's (an ``@host`` line) or the sidebar's.
_FLAGGED = re.compile(f"\\n{WS}{MANY}(?:@|{'|'.join(_OPENING)})")
#: Where a run's lines meet: the white space around a line end (the lookbehind
#: starts a match only where white space starts, so that it stays linear).
_SEAM = re.compile(f"(?<!{WS}){WS}{MANY}\\n{WS}{MANY}")


class _Run:
    """A run of non-blank lines (``block``, from its first line's content at
    ``at``, that line ``lead`` columns in) and the blank lines after it. Its
    lines' contents, indents and content starts are split only where asked for."""

    __slots__ = ("_rows", "at", "blanks", "block", "indents", "lead", "starts")

    def __init__(self, block: str, at: int, lead: int, blanks: int) -> None:
        self.block, self.at, self.lead, self.blanks = block, at, lead, blanks
        self._rows: list[str] | None = None
        # (``indents`` and ``starts`` are set with ``rows``, asked for first:
        # most runs never are, and two empty lists a run cost 0.1 us.)
        self.indents: list[int]
        self.starts: list[int]

    @property
    def rows(self) -> list[str]:
        """The lines' contents (and ``indents`` and ``starts`` with them)."""
        if self._rows is None:
            block = self.block
            if "\n" not in block:
                self._rows, self.indents, self.starts = (
                    [block.rstrip(WHITESPACE)],
                    [self.lead],
                    [self.at],
                )
                return self._rows
            # A loop step a line: a run has a few lines, where building each
            # column with map() costs more (measured 2.3 us to 0.8 us for
            # three lines, and less at twenty lines too).
            rows: list[str] = []
            indents: list[int] = []
            starts: list[int] = []
            line = self.at  # (the first line's indent is 0 here: the pattern took it)
            for raw in block.split("\n"):
                content = raw.lstrip(WHITESPACE)
                indent = len(raw) - len(content)
                rows.append(content.rstrip(WHITESPACE))
                indents.append(indent)
                starts.append(line + indent)
                line += len(raw) + 1
            indents[0] = self.lead
            self._rows, self.indents, self.starts = rows, indents, starts
        return self._rows

    def first(self) -> str:
        """The first line's content."""
        end = self.block.find("\n")
        return (self.block if end == -1 else self.block[:end]).rstrip(WHITESPACE)

    def last(self) -> tuple[str, int, int, int, int]:
        """The last line: its content, row, indent, content start, and the indent
        of the line above it (-1 where it is the first)."""
        block = self.block
        end = block.rfind("\n")
        if end == -1:
            return block.rstrip(WHITESPACE), 0, self.lead, self.at, -1
        raw = block[end + 1 :]
        content = raw.lstrip(WHITESPACE)
        indent = len(raw) - len(content)
        above = block.rfind("\n", 0, end)
        if above == -1:
            before = self.lead
        else:
            before = end - above - 1 - len(block[above + 1 : end].lstrip(WHITESPACE))
        row = block.count("\n")
        return content.rstrip(WHITESPACE), row, indent, self.at + end + 1 + indent, before


def _runs(text: str, start: int, stop: int) -> Iterator[_Run | None]:
    """The runs of lines from ``start`` to ``stop``, one at a time; None where
    text is left that no run takes."""
    position = start
    blanks = 1
    for match in _RUN.finditer(text, start, stop):
        if match.start() != position:
            yield None  # text no block takes
            return
        position = match.end()
        at = match.start("r")
        blanks = text.count("\n", match.start("t"), match.end("t"))
        yield _Run(match.group("r"), at, at - match.start(), blanks)
    if position != stop and text[position:stop].strip(WHITESPACE):
        yield None  # text no block takes
    elif blanks == 0 and stop < len(text):
        yield None  # a header's lines could reach the sidebar's


#: What a header's lines after its name read as: how many of them, the
#: author's instance and badges, the language and the score.
_Read = tuple[int, str | None, tuple[str, ...], str | None, int | None]


class _Headers:
    """The headers read from a Firefox copy, as columns (a copy may have
    100,000; a tuple each would cost about the input's size again): each
    one's run and name row, the name line's indent, where its content
    starts, where the header's last content ends, where the run's next
    line's content starts and its indent (-1 where the header ends the run),
    and its reading (the author with what its lines add, the language, the
    score: one tuple for all headers that read alike)."""

    __slots__ = (
        "_same",
        "at",
        "end",
        "indent",
        "readings",
        "rest",
        "rest_indent",
        "row",
        "run",
    )  # fmt: skip

    def __init__(self) -> None:
        self.run, self.row, self.indent = array("q"), array("q"), array("q")
        self.at, self.end = array("q"), array("q")
        self.rest, self.rest_indent = array("q"), array("q")
        self.readings: list[tuple[Author, str | None, int | None]] = []
        self._same: dict[
            tuple[Author, str | None, int | None], tuple[Author, str | None, int | None]
        ] = {}

    def __len__(self) -> int:
        return len(self.run)

    def add(
        self, r: int, j: int, indent: int, at: int, end: int, rest: int, rest_indent: int,
        reading: tuple[Author, str | None, int | None],
    ) -> None:  # fmt: skip
        self.run.append(r)
        self.row.append(j)
        self.indent.append(indent)
        self.at.append(at)
        self.end.append(end)
        self.rest.append(rest)
        self.rest_indent.append(rest_indent)
        self.readings.append(self._same.setdefault(reading, reading))

    def found(self, r: int, run: _Run, j: int, e: int, author: Author, read: _Read) -> None:
        """Add the header of run ``r`` from its name row ``j`` to before row ``e``
        (``author``: the name line's; ``read``: what the lines after it read as)."""
        rows, indents, starts = run.rows, run.indents, run.starts
        _, instance, badges, language, score = read
        more = e < len(rows)
        self.add(
            r, j, indents[j], starts[j], starts[e - 1] + len(rows[e - 1]),
            starts[e] if more else -1, indents[e] if more else -1,
            (_added(author, instance, badges), language, score),
        )  # fmt: skip

    def in_order(self) -> _Headers:
        """The headers in their runs' order (a stable sort)."""
        order = sorted(range(len(self)), key=self.run.__getitem__)
        ordered = _Headers()
        for name in ("run", "row", "indent", "at", "end", "rest", "rest_indent"):
            column = getattr(self, name)
            setattr(ordered, name, array("q", [column[i] for i in order]))
        ordered.readings = [self.readings[i] for i in order]
        return ordered


def _read_nested(
    text: str,
    start: int,
    stop: int,
    layout: Layout,
    max_depth: int | None,
    diagnostics: Diagnostics,
) -> list[Comment] | None:
    """The comment trees of a Firefox copy from ``start`` to ``stop``, nested by
    indentation as ``capture._build`` nests them; None where the careful reader
    must read them.

    ``_RUN`` takes the runs of non-blank lines. A header's lines end a run: the
    last lines of the comment before are above them, the blank line and the
    body under them. A <= 0.19.3 copy's header ends in its score's "•" (read as
    ``capture._read_header`` reads it); a 0.19.4+ copy's has no end mark and
    is read where ``capture._read_bare_header`` reads one, and where a name
    the first reading found confirms one (``capture._find_headers``'s second
    reading). The headers are read in a first pass over the runs, holding none;
    the comments are built in a second."""
    # (The comments start at a line's start: the line end before it is searched too.)
    since = max(start - 1, 0)
    if _DECLINED_LINE.search(text, since, stop):
        return None
    runs = _runs(text, start, stop)
    if layout.version == "lemmy-0.18":
        headers = _scored_headers(runs, layout)
    else:
        headers = _bare_headers(text, runs, layout)
    if not headers or headers.run[0] != 0 or headers.row[0] != 0:
        return None  # none, or TP901's reading: a line before the first header
    return _nest(text, start, stop, headers, max_depth, diagnostics)


def _short(row: str) -> bool:
    """Can this row be one of a header's lines after its name (at most 80
    characters, white space folded)?"""
    return len(row) <= _HEAD_LINE or len(_words(row)) <= _HEAD_LINE


def _maybe_sure(row: str) -> bool:
    """Can ``capture._sure_token`` say yes to this row (a cheap superset: a
    badge starts it, or a host, a count or a time, or it ends in a mark)?"""
    first = row[0]
    return (
        first in "@0123456789-−·•"
        or row[-1] in "·•"
        or (first in "OMAB" and (len(row) == 1 or not row[1].islower()))
        or row.startswith("Banned")
        or (
            first in "aAiInNjJyYlL"  # a time's first letters ("an hour ago", "in 3 days")
            and (len(row) <= MAX_TOKEN_LINE or len(_words(row)) <= MAX_TOKEN_LINE)
            and bool(_ANCHOR_LINE.match(row))
        )
    )


def _scored_headers(runs: Iterator[_Run | None], layout: Layout) -> _Headers | None:
    """A <= 0.19.3 Firefox copy's headers: a name line, and lines up to the one
    that reads the score (glued: ``OPMEnglish12•``), as ``capture._read_header``
    reads them from the first line that starts one; None where a "·" or "•"
    line reads no header (the careful reader's) or a header's lines could run
    across a blank line."""
    names: dict[str, Author | None] = {}
    cache: dict[tuple[str, ...], _Read | None] = {}
    headers = _Headers()
    for r, (run, following) in enumerate(pairwise(chain(runs, (None,)))):
        if run is None:
            return None
        if (
            run.blanks == 1
            and following is not None
            and _maybe_sure(first := following.first())
            and _sure_token(first)
        ):
            return None  # capture._read_header reads a header's lines across the blank line
        if "•" not in run.block and "·" not in run.block:
            continue  # no line can read a score
        rows = run.rows
        cursor = 0
        for s in [s for s, row in enumerate(rows) if row[-1] in "·•"]:
            if s < cursor:
                continue
            # The name: a line above, with only lines a header has between.
            low = s - 1
            while (
                low > cursor
                and s - low < _MAX_HEADER
                and _short(rows[low])
                and _maybe_sure(rows[low])  # a host, a badge, badges glued, a count
            ):
                low -= 1
            for j in range(max(low, cursor), s):
                key = tuple(rows[j + 1 : j + 1 + _MAX_HEADER])
                if key in cache:
                    read = cache[key]
                else:
                    read = cache[key] = _scored_parts(key, layout)
                    if read is not None and _sidebar_word(read[3]):  # (once a reading)
                        return None  # the careful reader's sidebar may start there
                if read is None:
                    continue
                author = _author(names, rows[j], layout)
                if author is None:
                    continue
                cursor = j + 1 + read[0]
                headers.found(r, run, j, cursor, author, read)
                break
            else:
                return None  # a "·" or "•" line in a body
    return headers


def _scored_parts(rows: tuple[str, ...], layout: Layout) -> _Read | None:
    """``_header_parts``'s reading of the lines after a <= 0.19.3 name line,
    when it reads a score."""
    header = _Header(start=0, end=0, author=_NOBODY)
    read = _header_parts(("", *rows), 1, header, layout)
    if read is None or header.score is None:
        return None
    author = header.author
    return read - 1, author.instance, author.badges, header.language, header.score


def _bare_headers(text: str, runs: Iterator[_Run | None], layout: Layout) -> _Headers | None:
    """A 0.19.4+ Firefox copy's headers, each the last lines of a run
    (``capture._read_bare_header``): a name line and the header lines under
    it (a host, badges, the language glued to them or alone), then one blank
    line (two under a header that is sure) and the body, at least as indented
    as the name. A name line alone is a header where it is indented otherwise
    than the line above it and the body is as indented; and, as the careful
    reader's second reading, where the first reading found its name and the
    body is as indented or more."""
    names: dict[str, Author | None] = {}
    cache: dict[tuple[tuple[str, ...], bool], _Read] = {}
    headers = _Headers()
    found: set[str] = set()
    # The runs that end in a name line alone that is a header only if the first
    # reading finds its name: the run, the line's row, where its content starts,
    # its indent (as numbers only: there may be one a paragraph).
    held = [array("q") for _ in range(4)]
    for r, (run, following) in enumerate(pairwise(chain(runs, (None,)))):
        if run is None:
            return None
        blanks = run.blanks
        if following is None or not 1 <= blanks <= 2:
            continue  # no body follows this run's lines: no header ends it
        body = following.lead
        name, last, indent, at, before = run.last()
        if last and _short(name):
            # Header lines may be above it: the name, a host, badges.
            rows, indents = run.rows, run.indents
            # A language line ends the header where the body is as indented or more.
            fits = indent > 0 and body >= indent
            low = last
            while (
                low > 0
                and last - low < _MAX_HEADER
                and _short(rows[low])
                and (low == last or _maybe_sure(rows[low]))  # a host, a badge above the last
            ):
                low -= 1
            for j in range(low, last):
                key = (tuple(rows[j + 1 :]), fits)
                if key in cache:
                    read = cache[key]
                else:
                    read = cache[key] = _bare_read(*key, layout=layout)
                    if _sidebar_word(read[3]):  # (once a reading: the first returns)
                        return None  # the careful reader's sidebar may start there
                if read[0] != last - j or body < indents[j]:
                    continue
                author = _author(names, rows[j], layout)
                if author is None:
                    continue
                headers.found(r, run, j, last + 1, author, read)
                found.add(_words(rows[j]))
                break
            else:
                j = -1
            if j >= 0:
                continue
        # The last line alone: a name where it steps in or out from the line
        # above and the body is as indented, else only if its name is found.
        if body < indent:
            continue
        if (
            before in (-1, indent)
            or blanks == 2
            or body != indent
            or (words := _words(name))[-1] in ".,;:!?"
            or len(words) > _MAX_BARE_NAME
        ):
            for column, value in zip(held, (r, last, at, indent), strict=True):
                column.append(value)
            continue
        author = _author(names, name, layout)
        if author is not None:
            headers.add(r, last, indent, at, at + len(name), -1, -1, (author, None, None))
            found.add(words)
    taken = False
    for r, last, at, indent in zip(*held, strict=True):
        name = _first_line(text, at)
        if " ".join(name.split()) in found:
            author = _author(names, name, layout)
            if author is not None:
                headers.add(r, last, indent, at, at + len(name), -1, -1, (author, None, None))
                taken = True
    return headers.in_order() if taken else headers


def _sidebar_word(language: str | None) -> bool:
    """Is a header's language a line the sidebar starts with ("Subscribe",
    "Joined", "Create a post")? The careful reader may start the sidebar there."""
    return language is not None and SIDEBAR_OPENERS.fullmatch(language) is not None


def _author(names: dict[str, Author | None], name: str, layout: Layout) -> Author | None:
    """The author a name line shows (``names`` remembers them)."""
    if name in names:
        return names[name]
    author = names[name] = _name_author_of(name, layout.version)
    return author


def _bare_read(rows: tuple[str, ...], fits: bool, *, layout: Layout) -> _Read:
    """``_header_parts``'s reading of the lines under a 0.19.4+ Firefox copy's
    name line, at a run's end (``fits``: may the last be the language?)."""
    header = _Header(start=0, end=0, author=_NOBODY)
    read = _header_parts(rows, 0, header, layout, lambda at: at + 1 < len(rows) or fits)
    author = header.author
    # (A count glued to a separator is read as a score: "3·" under the name.)
    return read or 0, author.instance, author.badges, header.language, header.score


@functools.cache
def _other_indent(indent: int) -> re.Pattern[str]:
    """A further line of a run indented otherwise than ``indent`` columns."""
    return re.compile(f"\\n(?!{COL}{{{indent}}}{NWS})")


class _Open:
    """A comment being built (``capture._Open``)."""

    __slots__ = (
        "author", "deleted", "end", "indent", "language", "lines", "paragraphs",
        "removed", "replies", "score", "start",
    )  # fmt: skip

    def __init__(
        self, author: Author, language: str | None, score: int | None, indent: int, start: int,
        end: int,
    ) -> None:  # fmt: skip
        self.author, self.language, self.score = author, language, score
        self.indent, self.start, self.end = indent, start, end
        self.deleted = self.removed = False
        self.lines = 0
        self.paragraphs: list[Text] = []
        self.replies: list[Comment] = []


def _nest(
    text: str,
    start: int,
    stop: int,
    headers: _Headers,
    max_depth: int | None,
    diagnostics: Diagnostics,
) -> list[Comment] | None:
    """The comment trees from the headers read and the runs between them, as
    ``capture._build`` and ``capture._read_body`` make them, the runs read a
    second time; None where a body holds a line the careful reader reads
    otherwise (an ``@host`` line, the sidebar's first lines)."""
    base = min(headers.indent)
    roots: list[Comment] = []
    stack: list[_Open] = []
    text_of, span_of = Text, Span

    def close_top() -> None:
        done = stack.pop()
        comment = Comment(
            done.author, done.score, None, None, done.language, None, None, None, False,
            done.deleted, done.removed, None, len(stack), tuple(done.paragraphs),
            tuple(done.replies), span_of(done.start, done.end),
        )  # fmt: skip
        if stack:
            top = stack[-1]
            top.replies.append(comment)
            top.end = max(top.end, done.end)
        else:
            roots.append(comment)

    def add_body(piece: str, at: int, indent: int) -> bool:
        """Read a piece of a run (``piece``, its content at ``at``, its first
        line ``indent`` columns in) into the open comment's body."""
        piece = piece.rstrip(WHITESPACE)
        if (piece[0] == "@" or piece.startswith(_OPENING)) and not _plain_copy(
            piece.split("\n", 1)[0].rstrip(WHITESPACE)
        ):
            return False  # TP106's reading; or where the sidebar may start
        comment = stack[-1]
        if "\n" not in piece:  # a line alone
            comment.lines += 1
            comment.paragraphs.append(text_of(piece, span_of(at, at + len(piece))))
            return True
        for flag in _FLAGGED.finditer(piece):
            if not _plain_copy(piece[flag.start() + 1 :].split("\n", 1)[0].strip(WHITESPACE)):
                return False
        comment.lines += piece.count("\n") + 1
        if not _other_indent(indent).search(piece):  # one paragraph
            comment.paragraphs.append(text_of(_SEAM.sub("\n", piece), span_of(at, at + len(piece))))
            return True
        # A list or a quote is indented past its paragraph, with no blank line.
        lines = _Run(piece, at, indent, 0)
        rows, indents, starts = lines.rows, lines.indents, lines.starts
        first = 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or (
                (indents[k] > indents[first]) != (indents[k - 1] > indents[first])
            ):
                comment.paragraphs.append(
                    text_of(
                        "\n".join(rows[first:k]),
                        span_of(starts[first], starts[k - 1] + len(rows[k - 1])),
                    )
                )
                first = k
        return True

    def end_body() -> None:
        """A body of one line may be the deleted or removed placeholder."""
        comment = stack[-1]
        paragraphs = comment.paragraphs
        if paragraphs:
            comment.end = max(comment.end, paragraphs[-1].span.end)
        if comment.lines == 1 and (gone := deletion_of(paragraphs[0].text)) is not None:
            comment.deleted, comment.removed = gone == "deleted", gone == "removed"
            comment.paragraphs = []

    count = len(headers)
    runs, indents, ats, ends = headers.run, headers.indent, headers.at, headers.end
    rests, rest_indents, readings = headers.rest, headers.rest_indent, headers.readings
    next_header = 0
    for r, match in enumerate(_RUN.finditer(text, start, stop)):
        at = match.start("r")
        indent = at - match.start()
        piece_end = match.end("r")
        while next_header < count and runs[next_header] == r:
            h = next_header
            next_header += 1
            name_indent, name_at = indents[h], ats[h]
            line_at = name_at - name_indent  # where the name line starts
            author, language, score = readings[h]
            if at >= 0 and line_at > at and not add_body(text[at : line_at - 1], at, indent):
                return None
            if stack:
                end_body()
            while stack and stack[-1].indent >= name_indent:
                close_top()
            if max_depth is not None and len(stack) > max_depth:
                close_top()
            page_depth = (name_indent - base) // FIREFOX_STEP
            if max_depth is not None and page_depth > max_depth:
                diagnostics.report(
                    "TP204",
                    f"reply at depth {page_depth} is deeper than max_depth={max_depth}: it is "
                    f"attached at depth {max_depth}, so the comment it replies to is lost",
                    span_of(name_at, name_at + len(_first_line(text, name_at))),
                )
            stack.append(_Open(author, language, score, name_indent, name_at, ends[h]))
            at, indent = rests[h], rest_indents[h]
        if at >= 0 and not add_body(text[at:piece_end], at, indent):
            return None
    if stack:
        end_body()
    while stack:
        close_top()
    return roots


def _first_line(text: str, at: int) -> str:
    """The content of the line whose content starts at ``at``."""
    end = text.find("\n", at)
    return text[at : len(text) if end == -1 else end].rstrip(WHITESPACE)
