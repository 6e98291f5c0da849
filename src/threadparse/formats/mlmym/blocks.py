r"""mlmym page text read block by block: the fast path of ``page.py``'s reader.

One compiled ``re`` pattern (``_BLOCK``) run with ``finditer`` from the first
comment header to the end of the text. Every match is one block and the blank
lines after it, so consecutive matches touch and the engine never searches::

    H   a header line as mlmym's comment.html writes it, a blank line after
        it: ``[-] name@host 46 points 2 days ago* (last edited 1 day ago)``;
        with the paragraph after it, and the buttons line after that
    P   a paragraph: a run of non-blank lines none of which opens another
        block or could be read otherwise; with the buttons line after it
    B   the buttons line: ``permalink fedilink`` and more buttons
    L   ``load more comments (N replies)``
    A   a line the careful reader might read otherwise: one that starts with
        a MARK (``[-]``), a header without one (``name 5 points``), a buttons
        line not in the shape above, a load-more or pager line
    X   indentation this grammar does not measure (a tab, a zero-width character)

Python runs one loop step per block (two or three a comment), not per line;
offsets come from the matches, so no line table is built; the tree is built as
the blocks arrive, on an explicit stack.

``page.parse_mlmym`` stays the definition: this reader answers only where it
reads the text the same way, and returns None otherwise, so that the caller
reads the text again the careful way. The careful reader takes a line as a
header when it starts with a MARK, or when it is ``name N points TIME``; every
such line is an ``H`` block or an ``A`` (declined), and ``H`` is a subset of its
grammar with one reading: the name is the fewest words that let the rest
match, as the careful lazy name is (see ``_HEADER``). A header is followed by
a blank line, so the careful reader does not join it with the next line (a
textContent copy's split header). With every header at one indent (a copy
that lost the nesting) every comment is top-level with one TP201, as there.
A whole page's copy ends in mlmym's sidebar (``this post was submitted on
DATE``): the blocks stop there, and the rest is ``Thread.unparsed`` with one
TP901, as there. This reader declines on: a paragraph or a second buttons line
after a comment's buttons (the careful reader takes the last buttons line),
anything but a header or a load-more line after a load-more line (main.html's
pager), a load-more line whose comment is not open, a reply deeper than
``max_depth`` (TP204), a header without a time (TP202), the sidebar's words
anywhere but on a line of their own after the last header, a carriage
return, and a line before the first header that may be a header.

It also declines on lines that are other readers' evidence (lemmy-ui's header
tokens and times, markdown's marks, Hacker News's toggles), so that
``_detect.mlmym_alone`` needs only a few whole-text searches to take this
reading as ``dialect="auto"``'s. ``tests/test_mlmym_blocks.py`` compares the
two readers.
"""

from __future__ import annotations

import re
from typing import Any

import regex

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
    ONE_COLUMN,
    WS,
)
from threadparse.core.diagnostics import Diagnostics
from threadparse.core.lemmy import deletion_of
from threadparse.core.models import Author, Comment, Span, Text, Thread
from threadparse.core.post import blocks_of
from threadparse.core.source import WHITESPACE, TextLineNumbers, join_text, split_lines
from threadparse.formats.mlmym.page import (
    BUTTON,
    MAX_BUTTONS_LINE,
    MAX_HEADER_LINE,
    MAX_NAME,
    MAX_SIDEBAR_LINE,
    ONE_INDENT,
    SIDEBAR,
    SIDEBAR_CHROME,
    TIME,
    count_headers,
    read_post,
)

__all__ = ("read_blocks",)

_HOST = r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"

#: A name of more words than this is not read here.
_WORDS = 20
#: A word of a name: no white space, and none of the characters a part of the
#: header after the name starts with ("@", "*", "(").
_WORD = rf"[^\s@*(]{{1,{MAX_NAME}}}+"

# HEADER := MARK " " NAME ["@" HOST] " " SCORE " point" ["s"] " " TIME ["*"]
#           [" (last edited " TIME ")"] [" (" N " child" ["ren"] ")"]
# The careful grammar (page.py's _HEADER) with single spaces, mlmym's own two
# marks, and score and time present. NAME is words of characters no part of the
# header after it starts with, the fewest that let the rest match, as the
# careful lazy name is: a shorter name would leave a tail that starts with words
# before the score, which no tail the careful grammar takes does. (mlmym writes
# the username, one word; copies of other fronts and writers given display
# names have more.)
_HEADER = (
    rf"\[(?P<mk>[-+])\]\ (?P<who>(?P<name>{_WORD}(?:\ {_WORD}){{0,{_WORDS}}}?)"
    rf"(?:@(?P<host>{_HOST}))?)"
    rf"\ (?P<score>-?[0-9]{{1,12}})\ points?\ (?P<time>(?x:{TIME}))(?P<star>\*)?"
    rf"(?:\ \(last\ edited\ (?P<edit>(?x:{TIME}))\))?(?:\ \((?P<ch>[0-9]{{1,9}})\ child(?:ren)?\))?"
)
# BUTTONS := "permalink fedilink" (SP BUTTON)*: page.py's buttons, the first two fixed.
_BUTTONS = rf"permalink\ fedilink(?:\ (?x:{BUTTON})){{0,14}}"
_LOAD_MORE = r"load\ more\ comments\ \((?P<lc>[0-9]{1,12})\ repl(?:y|ies)\)"

# Lines the careful reader may read as more than body text: a MARK (page.py's
# _MARK), a header without one (a word, a score, "point"), buttons ("permalink"
# in any case), load-more and pager lines. Lines other readers count as their
# evidence are declined too, so that a text read here has none of it: one that
# starts as markdown source's marks do (markdown.py: "#", "**", ":::"...) here;
# one lemmy-ui's page reader confirms a header with (ANCHOR), and one that ends
# in Hacker News's comment toggle, by the loop, which matches the short lines of
# paragraphs and those that end in "]" against them (a lookahead in the
# paragraph grammar cost a fifth of the reading); and before the first header,
# one search (_CAREFUL_LINE).
_CAREFUL = (
    r"\[[-–—−+]\]"
    rf"|\S++{FOLD}[-−]?[0-9]{{1,12}}{FOLD}(?i:point)"
    r"|(?i:permalink|load\s+more|view\s+more|there\s+doesn)"
    r"|[#*_:`~]"  # the first character of markdown source's marks (markdown.py)
)
#: A paragraph line of at most this many characters is matched against
#: ``ANCHOR`` (lemmy-ui's header tokens and times are shorter; classify_token
#: reads lines of at most 48).
_SHORT = 64
_ANCHOR_LINE = re.compile(f"{ANCHOR_START}{ANCHOR}")
#: Hacker News's comment toggle at a line's end, after the age or a mark
#: (``hn_text.py``): a line that ends in "]" is matched against it.
_TOGGLE = re.compile(r"(?:ago|\]) ?\[(?:–|-|\+|[0-9]{1,9} more)\]\Z")
_OPENS = _CAREFUL

_LINE = f"{NWS}[^\n]*(?<={NWS})"
_PARAGRAPH = f"{_LINE}(?:{WS}{MANY}\n(?={COL}{MANY}{NWS})(?!{COL}{MANY}(?:{_OPENS})){COL}{MANY}{_LINE}){LINES}"
_BLANKS = f"{WS}{MANY}\n(?:{WS}{MANY}\n){LINES}"  # a line end, then blank lines
# A comment's body: paragraphs, blank lines between them.
_BODY_RUN = f"{_PARAGRAPH}(?:{_BLANKS}{COL}{MANY}(?!{_OPENS}){_PARAGRAPH}){LINES}"
#: One paragraph of a body the block pattern has read.
_PART = re.compile(_PARAGRAPH)


def _then_buttons(name: str) -> str:
    """The buttons line after blank lines, taken along by the block before it."""
    return f"(?:{_BLANKS}{COL}{MANY}(?P<{name}>{_BUTTONS})(?={END}))?"


# (The pieces are written for a pattern without re.VERBOSE: ``END`` and the line
# runs hold line ends; page.py's verbose TIME and the buttons are put in (?x:).
# A header's and a paragraph's kind is an empty group at their end, the last
# to close, so that ``lastgroup`` names it and ``groups()`` copies no block.)
_BLOCK = re.compile(
    f"(?P<i>{COL}{MANY})(?:"
    # a header, a blank line after it (so no split header), its first paragraph
    f"(?P<hl>{_HEADER})(?={END}){WS}{MANY}(?:\\Z|\n(?={WS}{MANY}(?:\n|\\Z)))"
    f"(?:(?:{WS}{MANY}\n){LINES}{COL}{MANY}(?!{_OPENS})(?P<hp>{_BODY_RUN}){_then_buttons('hb')})?"
    "(?P<H>)"
    f"|(?P<B>{_BUTTONS})(?={END})"
    f"|(?P<L>{_LOAD_MORE})(?={END})"
    f"|(?P<A>{_CAREFUL})"
    f"|(?P<X>{EXOTIC})"
    f"|(?P<pp>{_BODY_RUN}){_then_buttons('pb')}(?P<P>)"
    f"){WS}{MANY}(?:\n(?:{WS}{MANY}\n){LINES})?"
)
_GROUP = _BLOCK.groupindex
#: The groups in the order ``match.groups()`` gives them.
GROUPS_IN_ORDER = (
    *("i", "hl", "mk", "who", "name", "host", "score", "time", "star", "edit", "ch", "hp"),
    *("hb", "H", "B", "L", "lc", "A", "X", "pp", "pb", "P"),
)
_HP, _HB, _PP, _PB, _B, _L = (_GROUP[name] for name in ("hp", "hb", "pp", "pb", "B", "L"))

#: What every header line holds: found by the regex module's literal search at
#: many times the speed of a search for a line start.
_MARK = regex.compile(r"\[[-+]\] ")
#: Where the blocks start: the first line that is a header.
_FIRST_HEADER = re.compile(f"(?m)^{COL}{MANY}(?={_HEADER}{END})")
#: A line before the first header or in the sidebar that the careful reader, or
#: another reader's evidence, may take as its own.
_CAREFUL_LINE = re.compile(f"(?m)^{WS}{MANY}(?:{_CAREFUL}|{ANCHOR})")
#: The sidebar's first line (page.py's SIDEBAR, any case): a literal regex finds
#: it at many times re's speed, and alone (in an alternation it is 40x slower).
_SIDEBAR = regex.compile(r"(?i)this post was submitted on")

# Fields of an open comment (a list, filled as its blocks arrive).
_NEST, _AUTHOR, _SCORE, _TIME_F, _EDITED, _DELETED, _REMOVED, _MORE = range(8)
_HIDDEN, _DEPTH, _PARAGRAPHS, _REPLIES, _START, _END, _STATE = range(8, 15)
# _STATE: what the comment's region has had so far.
_BODY, _BUTTONS_SEEN, _LOADED = 0, 1, 2

#: deletion_of reads lines of at most this many characters.
_PLACEHOLDER = 40


def read_blocks(text: str, *, max_depth: int | None) -> Thread | None:
    """The thread ``page.parse_mlmym`` reads from the text, or None where this
    reader cannot show it reads the text the same way."""
    mark = _MARK.search(text)
    if mark is None:
        return None
    first = _FIRST_HEADER.search(text, text.rfind("\n", 0, mark.start()) + 1)
    if first is None or "\r" in text:
        return None
    start = first.start()
    stop = _sidebar_start(text)
    if (
        stop is None
        or _CAREFUL_LINE.search(text, 0, start) is not None
        or _CAREFUL_LINE.search(text, stop) is not None
    ):
        return None  # a line before the first header or in the sidebar may be read otherwise
    read = _read(text, start, stop, len(text) if max_depth is None else max_depth)
    if read is None:
        return None
    comments, flat = read
    diagnostics = Diagnostics(TextLineNumbers(text))
    unparsed = _chrome(text, stop)
    if unparsed:
        span = Span(unparsed[0].span.start, unparsed[-1].span.end)
        diagnostics.report("TP901", SIDEBAR_CHROME, span)
    if flat:
        a = first.end()
        line = text[a : _line_end(text, a)]
        diagnostics.report("TP201", ONE_INDENT, Span(a, a + len(line.rstrip(WHITESPACE))))
    post, preamble, sections = read_post(split_lines(text[:start]))
    return Thread(
        dialect="mlmym",
        preamble=preamble,
        sections=sections,
        comments=comments,
        unattributed=(),
        unparsed=unparsed,
        diagnostics=diagnostics.sorted(),
        post=post,
    )


def _read(
    text: str, start: int, stop: int, max_depth: int
) -> tuple[tuple[Comment, ...], bool] | None:
    """The comment tree of the blocks from ``start`` to ``stop``, and whether it is flat
    (TP201: two headers or more, all at one indent); None where the careful
    reader must read them.

    With every header at one indent the careful reader puts every comment at
    the top level, which is what nesting by indent gives too, but a load-more
    line is then the comment's just read, not the one open left of it: at the
    first such line, a search tells which reading applies.
    """
    authors: dict[str, Author] = {}
    stack: list[list[Any]] = []
    roots: list[Comment] = []
    indents: set[int] = set()
    cur: list[Any] = []
    position = start
    headers = 0
    flat: bool | None = None  # every header at one indent; decided at a load-more line
    text_of, span_of, close, find_parts = Text, Span, _close, _PART.finditer
    placeholder, short, anchor, toggle = _PLACEHOLDER, _SHORT, _ANCHOR_LINE.match, _TOGGLE.search
    # the open comment's fields, as locals (the loop reads them often)
    NEST, MORE, PARAGRAPHS, END_, STATE = _NEST, _MORE, _PARAGRAPHS, _END, _STATE  # noqa: N806
    DELETED, REMOVED, BODY, BUTTONS_SEEN = _DELETED, _REMOVED, _BODY, _BUTTONS_SEEN  # noqa: N806
    for match in _BLOCK.finditer(text, start, stop):
        if match.start() != position:
            return None  # text no block takes
        position = match.end()
        kind = match.lastgroup
        if kind == "P":
            if cur[STATE] != BODY:
                return None  # after the buttons or a load-more line
            body, buttons = match.group(_PP, _PB)
            a = match.start(_PP)
            buttons_group = _PB
        elif kind == "H":
            (
                indent, line, mark, who, name, host, score, time, star, edit, children,
                body, buttons, _, _, _, _, _, _, _, _, _,
            ) = match.groups()  # fmt: skip  # one call: GROUPS_IN_ORDER
            if len(line) > MAX_HEADER_LINE or len(name) > MAX_NAME:
                return None  # prose to the careful reader
            nest = len(indent)
            indents.add(nest)
            headers += 1
            while stack and stack[-1][NEST] >= nest:  # close the comments it follows
                close(stack, roots)
            depth = len(stack)
            if depth > max_depth:
                return None  # TP204's reading
            author = authors.get(who)
            if author is None:
                author = authors[who] = Author(name, name, host, (), (), username=name)
            line_start = match.start() + nest
            cur = [
                nest, author, int(score), time if edit is None else edit,
                star is not None or edit is not None, False, False, None,
                int(children) if mark == "+" and children is not None else None,
                depth, [], [], line_start, line_start + len(line), BODY,
            ]  # fmt: skip
            stack.append(cur)
            if body is None:
                continue
            a = match.start(_HP)
            buttons_group = _HB
        elif kind == "B":
            if cur[STATE] != BODY:
                return None  # the careful reader takes the last buttons line
            a, b = match.span(_B)
            if b - a > MAX_BUTTONS_LINE:
                return None  # prose to the careful reader
            cur[STATE] = BUTTONS_SEEN
            cur[END_] = b
            continue
        elif kind == "L":
            if flat is None:  # the first load-more line: whose it is depends on it
                flat = len(indents) == 1 and not _other_indent(text, start)
            if flat:  # nesting lost: the comment just read (page.py's reading)
                target = cur
            else:  # the innermost comment open left of it
                while stack and stack[-1][NEST] >= len(match.group("i")):
                    close(stack, roots)
                if not stack:
                    return None  # TP901's reading
                target = stack[-1]
            if target[MORE] is not None:
                return None  # TP901's reading
            cur[STATE] = _LOADED
            target[MORE] = int(match.group("lc"))
            target[END_] = max(target[END_], match.end(_L))
            continue
        else:  # A or X: the careful reader's
            return None
        # A body at text[a:], and the buttons line after it, if any.
        b = a + len(body)
        # One paragraph of one line (most bodies) is read here, not by the
        # loop below, which reads it alike: a tuple and a loop step less per
        # comment measured 0.2x-0.3x of the floor.
        if "\n" not in body:
            if (b - a <= short and anchor(body)) or (body[-1] == "]" and toggle(body)):
                return None  # a line another reader may take as its own
            if b - a <= placeholder and (gone := deletion_of(body)) is not None:
                if not cur[PARAGRAPHS] and not cur[DELETED] and not cur[REMOVED]:
                    cur[DELETED] = gone == "deleted"
                    cur[REMOVED] = gone == "removed"
                else:
                    cur[PARAGRAPHS].append(text_of(body, span_of(a, b)))
            else:
                cur[PARAGRAPHS].append(text_of(body, span_of(a, b)))
            parts: Any = ()
        else:
            parts = [(part.group(), *part.span()) for part in find_parts(text, a, b)]
        for paragraph, a, b in parts:
            if "\n" in paragraph:
                rows = [row.strip(WHITESPACE) for row in paragraph.split("\n")]
                if any(
                    (len(row) <= short and anchor(row)) or (row[-1] == "]" and toggle(row))
                    for row in rows
                ):
                    return None
                paragraph = "\n".join(rows)
            elif (b - a <= short and anchor(paragraph)) or (
                paragraph[-1] == "]" and toggle(paragraph)
            ):
                return None  # a line another reader may take as its own
            elif (
                b - a <= placeholder
                and not cur[PARAGRAPHS]
                and not cur[DELETED]
                and not cur[REMOVED]
                and (gone := deletion_of(paragraph)) is not None
            ):
                cur[DELETED] = gone == "deleted"
                cur[REMOVED] = gone == "removed"
                continue
            cur[PARAGRAPHS].append(text_of(paragraph, span_of(a, b)))
        if buttons is None:
            cur[END_] = b
            continue
        if len(buttons) > MAX_BUTTONS_LINE:
            return None
        cur[STATE] = BUTTONS_SEEN
        cur[END_] = match.end(buttons_group)
    if position != stop and text[position:stop].strip(WHITESPACE):
        return None
    if flat is not None and flat != (len(indents) == 1):
        return None  # the guess at the first load-more line was wrong
    while stack:
        close(stack, roots)
    return tuple(roots), len(indents) == 1 and headers > 1


def _sidebar_start(text: str) -> int | None:
    """Where the careful reader's sidebar starts (the first sidebar line after
    the last header): the start of the first line that holds the sidebar's
    words when it is that line and no header can follow it, ``len(text)``
    when no line holds them, else None (the careful reader must tell)."""
    hit = _SIDEBAR.search(text)
    if hit is None:
        return len(text)
    line_start = text.rfind("\n", 0, hit.start()) + 1
    line_end = _line_end(text, hit.start())
    content = text[line_start:line_end].strip(WHITESPACE)
    if len(content) > MAX_SIDEBAR_LINE or not SIDEBAR.fullmatch(content):
        return None
    tail = text[line_end:]
    if _MARK.search(tail) is not None or count_headers(split_lines(tail), limit=1, text=tail):
        return None  # a header follows: the sidebar's start is after it
    return line_start


def _line_end(text: str, at: int) -> int:
    """The end of the line ``at`` is on: its line end, or the text's end."""
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _chrome(text: str, stop: int) -> tuple[Text, ...]:
    """The page's lines from ``stop`` on as ``Thread.unparsed`` reads them: a
    text a run of lines (the careful reader's ``LineTree.unplace``)."""
    lines = split_lines(text[stop:])
    return tuple(
        Text(join_text(block), Span(block[0].content_start + stop, block[-1].content_end + stop))
        for block in blocks_of(lines, one_per_line=False)
    )


def _other_indent(text: str, start: int) -> bool:
    """Does a line after ``start`` start with a MARK at another indent than the
    line at ``start`` (the first header's)? A guess the reader checks: the
    lines it finds may be no headers."""
    first = text[start : text.index("[", start)]
    for mark in _MARK.finditer(text, start):
        at = mark.start()
        indent = text[text.rfind("\n", 0, at) + 1 : at]
        if indent != first and not indent.strip(ONE_COLUMN):
            return True
    return False


def _close(stack: list[list[Any]], roots: list[Comment]) -> None:
    """Close the innermost open comment into a ``Comment`` under its parent."""
    done = stack.pop()
    replies = tuple(done[_REPLIES])
    more = done[_MORE]
    if more is None and not replies:
        more = done[_HIDDEN]
    end = done[_END]
    if replies:
        end = max(end, replies[-1].span.end)
    comment = Comment(
        done[_AUTHOR], done[_SCORE], None, None, None, done[_TIME_F], None, None,
        done[_EDITED], done[_DELETED], done[_REMOVED], more, done[_DEPTH],
        tuple(done[_PARAGRAPHS]), replies, Span(done[_START], end),
    )  # fmt: skip
    (stack[-1][_REPLIES] if stack else roots).append(comment)
