"""Seeds-shape page text read block by block: the fast path of ``page.py``'s reader.

One compiled ``re`` pattern (``_block``), run with ``finditer`` from the first
comment header to the end of the text. Every match is one block and the blank
lines after it, so consecutive matches touch and the engine never searches::

    H   a comment header laid out as lemmy-ui lays it out: "• NAME" at some
        indent, then its token lines deeper, each slot a named group (badge
        lines, hexagon, link, fedilink, language, heart N ·, smile N% ·, then
        arrow-up N [arrow-down N] · or hexbear N [•·] or N • or ·, edit-2),
        ending with the relative time; with the paragraph after it, and the
        footer after that
    M   "N more replies ➔"
    F   hexbear's footer: "link", "fedilink", each alone on a line
    P   a paragraph: a run of non-blank lines none of which is one of the above
        or could be read otherwise; with the footer after it
    A   a line the careful reader might read otherwise (a header token outside a
        header, a loose "more replies", a line other dialects' evidence counts:
        ``[``, ``#``, ``**``, ``permalink``...)
    X   indentation this grammar does not measure (a tab, a zero-width character)

Python runs one loop step per block (about two per comment), not per line.
Offsets come from the matches, so no line table is built; the tree is built as
the blocks arrive, on an explicit stack.

The careful reader (``comments.py``, ``page.py``, ``_detect``) stays the
definition. This one answers only when it can prove it reads the text the same
way, and returns None otherwise, so that the caller reads the text again the
careful way. It declines on: an ``A`` or ``X`` block; a header slot whose
content the careful token reader classifies otherwise; a line left of every
name line (TP901); a reply deeper than ``max_depth`` (TP204); a footer word
that is not at the end of its comment, or outside hexbear; a carriage return;
evidence of another dialect or of a browser capture anywhere in the text
(whole-text searches, ``_elsewhere``); headers whose votes leave the dialect
in doubt. The proof that every header the careful reader would find is an
``H`` block: it confirms a header only with a relative time or a strong token
(an *anchor*), and every anchor line of the text is inside an ``H`` block or
declined as ``A``.

``tests/test_blocks.py`` compares the two readers' output on every fixture,
the corpus, the real captures and thousands of generated and damaged texts.

On Python 3.10 ``re`` has no possessive repeats (``MANY``): the reading is the
same, but slower, and a run of many thousand lines in one block (a paragraph
of 100,000 lines) costs re's backtracking state for every line.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

import attrs
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
    SPACE,
    WS,
    chars,
)
from threadparse.core.lemmy import canonical_badges, deletion_of, parse_count
from threadparse.core.models import Comment, Span, Text, Thread
from threadparse.core.post import parse_post
from threadparse.core.source import WHITESPACE, split_lines
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.lemmy_page.capture import has_to_line
from threadparse.formats.lemmy_page.header import (
    BULLETS,
    MOMENT_TIME,
    Token,
    Votes,
    classify_token,
    parse_name_line,
)
from threadparse.formats.lemmy_page.page import voted_dialect

__all__ = ("BlockRead", "read_blocks")


_BULLET = f"[{chars(BULLETS)}]"
_COUNT = r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?[KMBT]?"
_BADGE = "(?:Banned from community|Banned|OP|M|A|B)"  # header.py's badge lines
_TIME = r"(?:in )?(?:[0-9]{1,6}|an?|a few) (?:second|minute|hour|day|week|month|year)s?(?: ago)?"
# A language name (verified by classify_token); never one of the icon words,
# nor a line old.reddit's evidence counts (its buttons: _OTHER's "permalink").
_LANGUAGE = (
    r"(?!(?:link|fedilink|hexagon|arrow-up|arrow-down|heart|smile|hexbear|edit-2)\b|permalink)"
    r"[^\W\d_][^\n]{0,39}?"
)


#: Any line's indentation.
_ANY_INDENT = f"{COL}{MANY}"


def _indent(margin: int) -> str:
    """The indentation of a line a block takes: at least ``margin`` columns."""
    return f"{COL}{{{margin},}}{MANY[1:]}"  # possessive where MANY is


def _header(named: bool, line: str = _ANY_INDENT) -> str:
    """HEADER := NAME_LINE TOKEN_LINE* TIME_LINE, in the order every lemmy-ui
    writes them (``header.py``'s docstring), with no blank line inside; each
    slot a named group when ``named``; a token line indented as ``line``."""

    def slot(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if named else f"(?:{body})"

    def mark(name: str) -> str:
        # An empty group after a token whose presence is all the reader asks:
        # an empty match is the one empty string, where the token's text would
        # be a new string each header.
        return slot(name, "")

    def token(body: str) -> str:
        # The token, the rest of its line, and the next line's indentation: each
        # slot starts at its token, so a slot that is not there fails at its
        # first character, with no indentation to give back.
        return f"{body}{WS}{MANY}\n{line}"

    return (
        slot("nl", f"{_BULLET}{SPACE}[^\n]{{0,400}}")
        + "\n"
        + slot("ti", line)  # the first token line's indentation
        + f"{slot('bd', f'(?:{token(_BADGE)})+')}?"
        + f"(?:{token('hexagon')}{mark('hx')})?"
        + f"(?:{token('link')}{mark('lk')})?"
        + f"(?:{token('fedilink')}{mark('fl')})?"
        + f"(?:{token(slot('lang', _LANGUAGE))})?"
        + f"(?:{token('heart')}{token(slot('heart', _COUNT))}{token('·')})?"
        + f"(?:{token('smile')}{token(slot('smile', '[0-9]{1,3}%'))}{token('·')})?"
        + "(?:"
        + token("arrow-up")
        + token(slot("up", _COUNT))
        + f"(?:{token('arrow-down')}{token(slot('down', _COUNT))})?"
        + token(slot("dot", "·"))
        + f"|{token('hexbear')}{token(slot('hb', _COUNT))}{token(slot('hbs', '[·•]'))}"
        + f"|{token(slot('score', _COUNT))}{token('•')}"
        + f"|{token(slot('hdot', '·'))}"
        + ")?"
        + f"(?:{token('edit-2')}{mark('ed')})?"
        + f"{slot('time', _TIME)}(?={END})"
    )


# Any line comments.py's MORE_REPLIES could take (the prefix of its fullmatch).
_MORE_ANY = rf"(?i:\d{{1,12}}(?:\.\d{{1,3}})?[KMBT]?{FOLD}more{FOLD}repl)"
# Line starts other dialects' evidence looks at: mlmym's and old.reddit's
# headers and HN's "[deleted]" ("["), old.reddit's buttons, markdown source.
_OTHER = r"\[|\#|\*\*|__|:::|```|~~~|permalink"
_CAREFUL = f"(?:{ANCHOR_START}{ANCHOR}|{_MORE_ANY}|{_OTHER})"

_MORE = r"[0-9]{1,12}(?:\.[0-9]{1,3})?[KMBT]? more repl(?:y|ies)(?: ➔)?"
_FOOTER = "link|fedilink"

# A paragraph: a run of lines, each without its edges; a line end and the next
# line's indentation go on with it unless that line opens a header or is one
# for the careful reader. (The footer words are anchors too. A bulleted line
# that opens no header is body text: a markdown list.)
_OPENS = f"{_header(named=False)}|{_CAREFUL}"
_LINE = f"{NWS}[^\n]*(?<={NWS})"


def _paragraph(line: str) -> str:
    """A run of lines, each indented as ``line``, none of which opens a block."""
    return f"{_LINE}(?:{WS}{MANY}\n(?={line}{NWS})(?!{_ANY_INDENT}(?:{_OPENS})){_ANY_INDENT}{_LINE}){LINES}"


def _footers(line: str) -> str:
    """hexbear's footer: "link", then "fedilink" for a remote author."""
    return f"(?:{_FOOTER})(?={END})(?:{WS}{MANY}\n{line}(?:{_FOOTER})(?={END})){LINES}"


def _then_footer(name: str, line: str) -> str:
    """A footer after blank lines, taken along by the block before it; the group
    ``name`` is empty, at its end (where the comment ends: no string made)."""
    return f"(?:{WS}{MANY}\n(?:{WS}{MANY}\n){LINES}{line}{_footers(line)}(?P<{name}>))?"


@functools.lru_cache(maxsize=16)
def _block(margin: int) -> re.Pattern[str]:
    """The blocks of a page whose top-level comments are ``margin`` columns in.

    Every line a block takes is at least that far in, so that a line left of
    every name line (TP901's reading) is no block's and the reader declines
    at it: no search of its own over the whole text (0.1x of the floor).

    A header takes its first paragraph along, and a paragraph the footer after
    it, so that most comments are one block or two: fewer steps of the Python
    loop."""
    line = _indent(margin)
    paragraph = _paragraph(line)
    return re.compile(
        f"(?P<i>{line})(?:"
        f"(?P<H>{_header(named=True, line=line)}"
        f"(?:{WS}{MANY}\n(?:{WS}{MANY}\n){LINES}{line}(?!{_OPENS})(?P<hp>{paragraph}){_then_footer('hf', line)})?)"
        f"|(?P<M>{_MORE})(?={END})"
        f"|(?P<F>{_footers(line)})"
        f"|(?P<A>{_CAREFUL})"
        f"|(?P<X>{EXOTIC})"
        f"|(?P<P>(?P<pp>{paragraph}){_then_footer('pf', line)})"
        f"){WS}{MANY}(?:\n(?:{WS}{MANY}\n){LINES})?"
    )


#: lemmy-ui's page text puts its top-level comments 2 columns in ("  • name"):
#: compiled now; another margin compiles its own blocks on first use (30 ms).
_SEEDS_MARGIN = 2
_GROUP = _block(_SEEDS_MARGIN).groupindex
#: The groups in the order ``match.groups()`` gives them (the header's are
#: unpacked from it in one call).
GROUPS_IN_ORDER = (
    *("i", "H", "nl", "ti", "bd", "hx", "lk", "fl", "lang", "heart", "smile"),
    *("up", "down", "dot", "hb", "hbs", "score", "hdot", "ed", "time"),
    *("hp", "hf", "M", "F", "A", "X", "P", "pp", "pf"),
)
_M, _F, _NL, _TIME_GROUP = _GROUP["M"], _GROUP["F"], _GROUP["nl"], _GROUP["time"]
_HP, _HF, _PP, _PF = _GROUP["hp"], _GROUP["hf"], _GROUP["pp"], _GROUP["pf"]

#: A line's indentation, matched at its start.
_LEAD = re.compile(_ANY_INDENT)
#: Where the blocks start: the first line that opens a header (``_first_header``).
#: A line end starts the search pattern: re then goes from line end to line end,
#: where ``(?m)^`` is tried at every character (3.5x as slow, 0.3x of the floor
#: on a browser capture, which has no such line and is searched to its end).
_FIRST_HEADER = re.compile(f"{_ANY_INDENT}(?={_header(named=False)})")
_NEXT_HEADER = re.compile(f"\n(?={_FIRST_HEADER.pattern})")

#: A line before the first header that the careful reader might read as part of
#: a header, or that another dialect's evidence counts.
_CAREFUL_LINE = re.compile(f"(?m)^{WS}{MANY}(?:{ANCHOR}|{_OTHER})")

# Whole-text evidence of other dialects (``_detect``): an mlmym meta line
# ("name 46 points 2 days ago"), an HN header or story line (" | ", "ago [–]"),
# a markdown link. Searched one at a time with the regex module, which finds
# a rare character or word at several times re's speed (an alternation of
# them is 20x slower; one re pattern of them all, the carriage return's check
# with them, measured no faster than the five). Only whether each is there
# counts, so three are searched from the end (``(?r)``): the regex module's
# reverse search for them measured 1.3x-3x as fast (0.1x of the floor for the
# three); "ago [" is searched forward, where its lookbehind makes the reverse
# search 20x as slow.
_ELSEWHERE = tuple(
    regex.compile(pattern)
    for pattern in (
        r"(?r)\]\(",
        r"(?r)(?<= )\|(?= )",
        r"(?<=ago ?)\[",
        r"(?r)(?i)(?<=[0-9][^\S\n\r]+)point",
    )
)


@attrs.frozen
class BlockRead:
    """What ``read_blocks`` read: the thread, and the votes its headers cast for
    each page dialect (``page.page_votes``), for the caller's detection."""

    thread: Thread
    votes: Counter[str]


# Fields of an open comment (a list, filled as its blocks arrive).
_NEST, _AUTHOR, _SCORE, _UP, _DOWN, _LANG, _WHEN, _EDITED = range(8)
_DELETED, _REMOVED, _MORE_REPLIES, _DEPTH, _PARAGRAPHS, _REPLIES, _START, _END = range(8, 16)
_FIRST_BODY, _FOOTER_SEEN = 16, 17

_NOT_READ = object()  # cache value: the careful reader reads this otherwise


class _Cache:
    """The careful reader's answers for the short strings a thread repeats:
    name lines, counts, times, languages. A value is ``_NOT_READ`` where the
    careful reader would not take the slot's text as the grammar says."""

    def __init__(self) -> None:
        self.authors: dict[str | tuple[str, str | None, bool], Any] = {}
        self.counts: dict[str, Any] = {}
        self.times: dict[str, Any] = {}
        self.languages: dict[str, Any] = {}

    def author(self, line: str, badges: str | None = None, op_icon: bool = False) -> Any:
        """The name line's author, with the badges of the header's own lines
        (``badges``, and the OP of hexbear's hexagon line) added."""
        key = (line, badges, op_icon)
        found = self.authors.get(key if badges or op_icon else line)
        if found is not None:
            return found
        parsed = parse_name_line(line.rstrip(WHITESPACE))
        if parsed is None or not parsed[0]:
            found = _NOT_READ
        else:
            found = parsed[1]
            lines = badges.split("\n") if badges else []  # a badge a line
            extra = [row.strip(WHITESPACE) for row in lines if row.strip(WHITESPACE)]
            extra += ["OP"] if op_icon else []
            if extra:
                found = attrs.evolve(found, badges=canonical_badges((*found.badges, *extra)))
        self.authors[key if badges or op_icon else line] = found
        return found

    def tally(
        self,
        heart: str | None,
        smile: str | None,
        up: str | None,
        down: str | None,
        hexbear: str | None,
        hexbear_separator: str | None,
        score: str | None,
    ) -> tuple[int | None, int | None, int | None] | None:
        """(score, upvotes, downvotes) of a vote display with hearts, smiles or
        hexbear's icon, counted by header.py's ``Votes`` in the tokens' order;
        None when a count is not one to the careful reader."""
        votes = Votes()
        for icon, word, separator in (
            ("heart", heart, "·"),
            ("smile", smile, "·"),
            ("arrow-up", up, None),
            ("arrow-down", down, "·"),
            ("hexbear", hexbear, hexbear_separator),
            (None, score, "•"),
        ):
            if word is None:
                if icon == "arrow-down" and up is not None:
                    votes.separator("·")
                continue
            if icon is not None:
                votes.icon(icon)
            if icon == "smile":
                votes.percent()
            else:
                count = self.counts.get(word) or self.count(word)
                if count is _NOT_READ:
                    return None
                votes.count(count)
            if separator is not None:
                votes.separator(separator)
        votes.finish()
        return votes.score, votes.upvotes, votes.downvotes

    def count(self, word: str) -> Any:
        found = parse_count(word) if classify_token(word) is Token.COUNT else None
        self.counts[word] = _NOT_READ if found is None else found
        return self.counts[word]

    def time(self, word: str) -> Any:
        """Whether the time dates the page as lemmy-ui <= 0.18.0 (moment.js)."""
        found: Any = _NOT_READ
        if classify_token(word) is Token.TIME:
            found = MOMENT_TIME.fullmatch(word) is not None
        self.times[word] = found
        return found

    def language(self, word: str) -> Any:
        found: Any = _NOT_READ
        if classify_token(word) is Token.LANGUAGE:
            found = " ".join(word.split())
        self.languages[word] = found
        return found


def _elsewhere(text: str, start: int) -> bool:
    """Could anything but the seeds' shape be read from the text: a carriage
    return, another dialect's evidence, or a line before the first header that
    the careful reader may take as a header's (the post's lines are read by
    ``parse_post`` alike)? (A browser capture's community line is looked for
    first, by ``read_blocks``.)"""
    if "\r" in text or any(pattern.search(text) for pattern in _ELSEWHERE):
        return True
    return _CAREFUL_LINE.search(text, 0, start) is not None


def read_blocks(
    text: str, *, dialect: str, max_depth: int | None, capture: bool | None = None
) -> BlockRead | None:
    """The thread ``page.parse_page`` reads from seeds-shape page text, or None
    where this reader cannot prove it reads the text the same way.

    ``dialect`` is ``"auto"`` or a page dialect; with a page dialect, None
    also when the headers point to another one (the careful reader says so).
    ``capture``: ``capture.has_to_line(text)``, where the caller has asked it.
    """
    if not any(bullet in text for bullet in BULLETS):
        return None  # every name line has one: a character's search, not a line start's
    if has_to_line(text) if capture is None else capture:
        return None  # a browser capture (its first lines only: before the header search)
    start = _first_header(text)
    if start is None or _elsewhere(text, start):
        return None
    comments = _Comments(max_depth)
    if not comments.read(text, start):
        return None
    votes: Counter[str] = Counter()
    for name, count in zip(PAGE_DIALECTS, comments.votes, strict=True):
        if count:
            votes[name] = count
    chosen = voted_dialect(votes)
    if dialect not in ("auto", chosen) or (comments.footers and chosen != "hexbear"):
        return None
    preamble, sections = parse_post(split_lines(text[:start]), one_per_line=False)
    thread = Thread(
        dialect=chosen,
        preamble=preamble,
        sections=sections,
        comments=tuple(comments.roots),
        unattributed=(),
        unparsed=(),
        diagnostics=(),
    )
    return BlockRead(thread, votes)


def _first_header(text: str) -> int | None:
    """Where the first line that opens a header starts, if any."""
    if _FIRST_HEADER.match(text) is not None:
        return 0
    found = _NEXT_HEADER.search(text)
    return None if found is None else found.end()


class _Comments:
    """The comment tree, built as the blocks arrive (``comments.build_comments``'s
    rules): an open comment is a list of its fields (the ``_NEST``... indexes),
    closed into a ``Comment`` when a header at its indent or left of it comes."""

    def __init__(self, max_depth: int | None) -> None:
        self.max_depth = max_depth
        self.roots: list[Comment] = []
        self.votes = [0, 0, 0]  #: for PAGE_DIALECTS: lemmy-0.19, lemmy-0.18, hexbear
        self.footers = False  #: a footer word ("link") was read

    def read(self, text: str, start: int) -> bool:
        """Read the blocks from ``start``; False where the careful reader must."""
        cache = _Cache()
        authors, counts, times, languages = (
            cache.authors, cache.counts, cache.times, cache.languages
        )  # fmt: skip
        stack: list[list[Any]] = []
        roots = self.roots
        max_depth = len(text) if self.max_depth is None else self.max_depth
        cur: list[Any] = []
        margin = len(text)  # the top-level indent
        votes_019 = votes_018 = votes_hexbear = 0
        position = start
        not_read, text_of, span_of, comment_of = _NOT_READ, Text, Span, Comment
        placeholder = _PLACEHOLDER
        # the open comment's fields, as locals (the loop reads them often)
        NEST, MORE_REPLIES, PARAGRAPHS, REPLIES, END_ = (  # noqa: N806
            _NEST, _MORE_REPLIES, _PARAGRAPHS, _REPLIES, _END
        )  # fmt: skip
        DELETED, REMOVED, FIRST_BODY, FOOTER_SEEN = _DELETED, _REMOVED, _FIRST_BODY, _FOOTER_SEEN  # noqa: N806

        # The first header is top-level: no line a block takes is left of it.
        lead = _LEAD.match(text, start)  # (it matches anywhere, the empty indent too)
        first_indent = 0 if lead is None else lead.end() - start
        blocks = _block(first_indent)
        first = blocks.match(text, start)
        if first is None or first.lastgroup != "H":
            return False  # its token lines are left of its name line: TP201's or TP901's reading
        for match in blocks.finditer(text, start):
            if match.start() != position:
                return False  # text no block takes
            position = match.end()
            kind = match.lastgroup
            if kind == "P":
                if cur[FOOTER_SEEN]:
                    return False  # a footer word inside the body: paragraph text after all
                body, footer = match.group(_PP, _PF)
                a, b = match.span(_PP)
                footer_group = _PF
            elif kind == "H":
                (
                    indent, _, line, token_indent, badges, hexagon, link, fedilink, language,
                    heart, smile, up, down, dot, hexbear, hexbear_sep, score, hexbear_dot,
                    edited, time, body, footer, _, _, _, _, _, _, _,
                ) = match.groups()  # fmt: skip  # one call: GROUPS_IN_ORDER
                name_indent = len(indent)
                nest = len(token_indent) - 2
                if nest < name_indent:
                    if nest < name_indent - 1:
                        return False  # tokens not indented under the name line: TP201's reading
                    nest = name_indent
                if badges is None and hexagon is None:
                    author = authors.get(line)
                    if author is None:
                        author = cache.author(line)
                else:
                    author = cache.author(line, badges, hexagon is not None)
                moment = times.get(time)
                if moment is None:
                    moment = cache.time(time)
                if author is not_read or moment is not_read:
                    return False
                if language is not None:
                    language = languages.get(language) or cache.language(language)
                    if language is not_read:
                        return False
                linked = link is not None or fedilink is not None
                upvotes = downvotes = value = None
                if heart is not None or smile is not None or hexbear is not None:
                    tally = cache.tally(heart, smile, up, down, hexbear, hexbear_sep, score)
                    if tally is None:
                        return False
                    value, upvotes, downvotes = tally
                    if heart is not None or smile is not None or up is not None:
                        votes_019 += 2
                    elif linked:
                        votes_019 += 1
                    if hexbear is not None or hexagon is not None:
                        votes_hexbear += 3
                    elif not linked and language is None:
                        votes_hexbear += 1  # heart's and smile's "·"
                    if hexbear_sep == "•" or (value is not None and upvotes is None):
                        votes_018 += 2
                else:  # the shapes of lemmy-ui 0.19.4+, <= 0.19.3 and hexbear.net
                    if up is not None:
                        upvotes = counts.get(up)
                        if upvotes is None:
                            upvotes = cache.count(up)
                        downvotes = 0
                        if down is not None:
                            downvotes = counts.get(down)
                            if downvotes is None:
                                downvotes = cache.count(down)
                        if upvotes is not_read or downvotes is not_read:
                            return False
                        value = upvotes - downvotes
                        votes_019 += 2
                    elif score is not None:
                        value = counts.get(score)
                        if value is None:
                            value = cache.count(score)
                        if value is not_read:
                            return False
                        votes_018 += 2
                    if up is None and linked:
                        votes_019 += 1
                    if hexagon is not None:
                        votes_hexbear += 3
                    elif (dot is not None or hexbear_dot is not None) and not (
                        linked or language is not None
                    ):
                        votes_hexbear += 1
                if moment:
                    votes_018 += 2
                if nest < margin:  # noqa: PLR1730  # a comparison, no call of min: once a header
                    margin = nest
                while stack and stack[-1][NEST] >= nest:  # close the comments it follows
                    (
                        _, author_, score_, up_, down_, language_, when_, edited_, deleted_,
                        removed_, more_, depth_, paragraphs_, replies_, start_, end_, _, _,
                    ) = stack.pop()  # fmt: skip  # _comment's fields, inline: a call less a comment
                    comment = comment_of(
                        author_, score_, up_, down_, language_, when_, None, None, edited_,
                        deleted_, removed_, more_, depth_, tuple(paragraphs_), tuple(replies_),
                        span_of(start_, end_),
                    )  # fmt: skip
                    if stack:
                        parent = stack[-1]
                        parent[REPLIES].append(comment)
                        if end_ > parent[END_]:  # noqa: PLR1730  # no call of max, as above
                            parent[END_] = end_
                    else:
                        roots.append(comment)
                if len(stack) > max_depth:
                    return False  # TP204's reading
                time_end = match.end(_TIME_GROUP)
                cur = [
                    nest, author, value, upvotes, downvotes, language, time,
                    edited is not None, False, False, None, len(stack), [], [],
                    match.start(_NL), time_end, True, False,
                ]  # fmt: skip
                stack.append(cur)
                if body is None:
                    continue
                a, b = match.span(_HP)
                footer_group = _HF
            elif kind == "M":
                a, b = match.span(_M)
                word = text[a : text.index(" ", a)]
                more = counts.get(word)
                if more is None:
                    more = cache.count(word)
                if more is not_read:
                    return False
                cur[MORE_REPLIES] = more
                cur[END_] = b
                continue
            elif kind == "F":
                cur[FOOTER_SEEN] = self.footers = True
                cur[END_] = match.end(_F)
                continue
            else:  # A or X: the careful reader's
                return False
            # A paragraph, text[a:b] (`body`), and the footer after it, if any.
            if "\n" in body:
                body = "\n".join([row.strip(WHITESPACE) for row in body.split("\n")])
                cur[PARAGRAPHS].append(text_of(body, span_of(a, b)))
            elif cur[FIRST_BODY] and b - a <= placeholder and (gone := deletion_of(body)):
                cur[DELETED] = gone == "deleted"
                cur[REMOVED] = gone == "removed"
            else:
                cur[PARAGRAPHS].append(text_of(body, span_of(a, b)))
            cur[FIRST_BODY] = False
            cur[END_] = b
            if footer is not None:  # the footer after it
                cur[FOOTER_SEEN] = self.footers = True
                cur[END_] = match.end(footer_group)
        if position != len(text) and text[position:].strip(WHITESPACE):
            return False
        while stack:
            done = stack.pop()
            comment = _comment(done)
            if stack:
                stack[-1][REPLIES].append(comment)
                stack[-1][END_] = max(stack[-1][END_], done[END_])
            else:
                roots.append(comment)
        self.votes = [votes_019, votes_018, votes_hexbear]
        # A line left of every name line is TP901's reading. No block took a
        # line left of the first header; where the headers' tokens put the
        # margin further in, every non-blank line the blocks took is indented
        # with one-column white space only (a tab or a zero-width character is
        # an X block), so one search finds it.
        return margin == first_indent or _left_of(margin).search(text, start) is None


def _comment(done: list[Any]) -> Comment:
    """The ``Comment`` of an open comment's fields."""
    return Comment(
        done[_AUTHOR], done[_SCORE], done[_UP], done[_DOWN], done[_LANG], done[_WHEN],
        None, None, done[_EDITED], done[_DELETED], done[_REMOVED], done[_MORE_REPLIES],
        done[_DEPTH], tuple(done[_PARAGRAPHS]), tuple(done[_REPLIES]),
        Span(done[_START], done[_END]),
    )  # fmt: skip


@functools.lru_cache(maxsize=64)
def _left_of(margin: int) -> re.Pattern[str]:
    """A non-blank line indented less than ``margin`` columns."""
    return re.compile(f"\n{COL}{{0,{margin - 1}}}{NWS}")  # a line end: 4x faster than (?m)^


#: comments.py's deletion placeholders are at most this long.
_PLACEHOLDER = 40
