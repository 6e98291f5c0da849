"""Comments in page text: find the headers, then build the reply tree.

Strategy:

1. ``find_headers`` walks the lines once. A line opens a comment only when it
   reads as a name line *and* header tokens follow it (``header.py``): a bullet
   alone proves nothing, because markdown lists in bodies render as bullets too.
   Confirmation needs a relative time, or (for a bulleted name line) two strong
   tokens such as ``arrow-up`` and ``·``; an unbulleted name line needs a time
   and a strong token. Look-ahead is bounded by ``MAX_HEADER_TOKENS`` and
   ``MAX_BLANK_RUN``, so the walk is linear.
2. Everything between one header and the next belongs to the first: its body
   paragraphs (runs of non-blank lines), a ``deleted by creator`` line, an
   ``N more replies ➔`` line, hexbear's ``link``/``fedilink`` footer.
3. Depth comes from a stack of name-line indents (pop while the top is not
   shallower), not from a fixed step, and the tree is built on that explicit
   stack: no recursion over depth.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.lemmy import MORE_REPLIES, canonical_badges, deletion_of, parse_count
from threadparse.core.models import Author, Comment, Span, Text
from threadparse.core.post import text_of
from threadparse.core.source import Line
from threadparse.formats.lemmy_page.chrome import is_chrome
from threadparse.formats.lemmy_page.header import (
    STRONG,
    Token,
    Votes,
    classify_token,
    parse_name_line,
)

#: A header is the name line plus at most this many token lines. lemmy-ui
#: 0.19.4+ with every optional token shows 17 (shield, link, fedilink, language,
#: heart N ·, smile N% ·, arrow-up N arrow-down N ·, edit-2, time); the rest is
#: room for badge lines.
MAX_HEADER_TOKENS = 24

#: Blank lines in a row that a header may contain (copy damage doubles them).
MAX_BLANK_RUN = 2

#: How far past a line ``read_header`` may look to decide whether the line
#: opens a header: the header's own tokens and blank runs, then ``_resumes``
#: and ``_time_ahead`` looking as far again. A generous bound, tested by
#: comparing the streaming reader with ``parse``.
HEADER_REACH = 3 * (MAX_HEADER_TOKENS + 1) * (MAX_BLANK_RUN + 1)

_FOOTER = frozenset({"link", "fedilink"})

#: Tokens that every front end writes after the language.
_BEFORE_LANGUAGE = frozenset(
    {Token.VOTE_ICON, Token.COUNT, Token.PERCENT, Token.SEPARATOR, Token.EDITED}
)


@attrs.frozen
class Header:
    start: int  #: index of the name line
    end: int  #: index after the last header line
    author: Author
    votes: Votes
    language: str | None
    time: str | None
    edited: bool
    badges: tuple[str, ...]  #: badges on lines of their own, after the name line's
    token_indent: int  #: indent of the first token line
    indented: bool  #: tokens indented under the name line, as lemmy-ui lays them out
    bulleted: bool  #: the name line has a bullet
    nest_indent: int  #: the indent the reply tree is built from
    tokens: frozenset[str]  #: lower-cased token words seen, for dialect detection


def read_header(
    lines: Sequence[Line], index: int, *, indented: bool = False, require_bullet: bool = False
) -> Header | None:
    """The comment header starting at ``lines[index]``, or None if there is none.

    ``indented`` asks for lemmy-ui's layout, tokens indented under the name
    line; ``require_bullet`` for a bullet on the name line.
    """
    # A header has a token line right after its name line (past at most
    # MAX_BLANK_RUN blank lines): checked first, as it rules out most body lines
    # for the price of one cached lookup.
    following = _next_nonblank(lines, index)
    if following is None or classify_token(lines[following].content) is None:
        return None
    parsed = parse_name_line(lines[index].content)
    if parsed is None or (require_bullet and not parsed[0]):
        return None
    bulleted, author = parsed
    if not bulleted and classify_token(lines[index].content) not in (None, Token.LANGUAGE):
        return None  # an unbulleted "link" or "42" is a token, never a name
    votes = Votes()
    language: str | None = None
    time: str | None = None
    edited = False
    badges: list[str] = []
    words: set[str] = set()
    kinds: list[Token] = []
    name_indent = lines[index].indent
    token_indent = -1
    end = index + 1
    position = index + 1
    blank_run = 0
    while position < len(lines) and time is None and len(kinds) < MAX_HEADER_TOKENS:
        line = lines[position]
        if line.blank:
            blank_run += 1
            if blank_run > MAX_BLANK_RUN or not _resumes(lines, position, name_indent, kinds):
                break
            position += 1
            continue
        blank_run = 0
        token = classify_token(line.content)
        if token is None:
            break
        if token is Token.LANGUAGE and (
            language is not None
            # Every front end puts the language before the votes; a word after
            # them is body text, unless the time follows it at once.
            or (kinds and set(kinds) & _BEFORE_LANGUAGE and not _time_next(lines, position))
        ):
            break
        word = " ".join(line.content.split())
        if token is Token.VOTE_ICON:
            votes.icon(word.lower())
        elif token is Token.COUNT:
            votes.count(parse_count(word) or 0)
        elif token is Token.PERCENT:
            votes.percent()
        elif token is Token.SEPARATOR:
            votes.separator(word)
        elif token is Token.EDITED:
            edited = True
        elif token is Token.OP_ICON:
            badges.append("OP")
        elif token is Token.BADGE:
            badges.append(word)
        elif token is Token.LANGUAGE:
            language = word
        elif token is Token.TIME:
            time = word
        kinds.append(token)
        words.add(word.lower())
        if token_indent < 0:
            token_indent = line.indent
        end = position + 1
        position += 1
    if not kinds or (indented and token_indent <= name_indent):
        return None
    strong = [kind for kind in kinds if kind in STRONG]
    if time is None and (
        not bulleted or len(strong) < 2 or all(kind is Token.NOISE for kind in strong)
    ):
        # Without a time, two strong tokens confirm a bulleted header, but
        # link/fedilink alone do not: they are also hexbear's footer, which may
        # follow a list item in a body.
        return None
    if not bulleted and not strong:
        return None
    votes.finish()
    return Header(
        start=index,
        end=end,
        author=author,
        votes=votes,
        language=language,
        time=time,
        edited=edited,
        badges=tuple(badges),
        token_indent=token_indent,
        indented=token_indent > name_indent,
        bulleted=bulleted,
        # A copy that starts at a bullet loses that line's indentation only:
        # trust the tokens' indent (2 columns in) when it says deeper.
        nest_indent=max(name_indent, token_indent - 2),
        tokens=frozenset(words),
    )


def _resumes(lines: Sequence[Line], blank: int, name_indent: int, kinds: list[Token]) -> bool:
    """May the header go on past the blank line at ``blank``?

    Blank lines inside a header are copy damage. The header goes on only while
    it is laid out as lemmy-ui lays it out (tokens indented under the name
    line), and only when what follows is a token that cannot be body text (a
    strong token or a time) or, once a strong token was seen, any token on the
    way to a time. A body list item followed by "42", a blank and "link" is not
    a header.
    """
    following = _next_nonblank(lines, blank)
    if following is None or lines[following].indent <= name_indent:
        return False
    token = classify_token(lines[following].content)
    if token is None:
        return False
    if token in STRONG or token is Token.TIME:
        return True
    return any(kind in STRONG for kind in kinds) and _time_ahead(lines, following)


def _time_next(lines: Sequence[Line], position: int) -> bool:
    """Is the next non-blank line after ``position`` a time?"""
    following = _next_nonblank(lines, position)
    return following is not None and classify_token(lines[following].content) is Token.TIME


def _next_nonblank(lines: Sequence[Line], position: int) -> int | None:
    """The next non-blank line after ``position``, unless more than
    ``MAX_BLANK_RUN`` blank lines (or the end of the text) come first."""
    following = position + 1
    while (
        following < len(lines) and lines[following].blank and following - position <= MAX_BLANK_RUN
    ):
        following += 1
    return following if following < len(lines) and not lines[following].blank else None


def _time_ahead(lines: Sequence[Line], position: int) -> bool:
    """Do token lines (short blank runs between allowed) lead from ``position`` to a time?

    Bounded like ``read_header`` itself (no header holds a longer blank run),
    so whether a line opens a header depends only on the ``HEADER_REACH``
    lines from it on, which is what lets ``_stream`` decide with a window.
    """
    seen = 0
    blank_run = 0
    while position < len(lines) and seen < MAX_HEADER_TOKENS:
        if lines[position].blank:
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                return False
        else:
            blank_run = 0
            token = classify_token(lines[position].content)
            if token is None:
                return False
            if token is Token.TIME:
                return True
            seen += 1
        position += 1
    return False


def find_headers(lines: Sequence[Line]) -> list[Header]:
    """Every comment header, in order.

    When some headers have their tokens indented under the name line and some
    do not, the page kept its indentation and the unindented ones are body text
    that happens to look like a header (a list item, then a line "2 days ago").
    Likewise, where some name lines kept their bullet, an unbulleted one is a
    body line (a lone word, then header-like lines). A second pass drops them.
    """
    headers = _scan(lines, indented=False, bulleted=False)
    indented = len({h.indented for h in headers}) == 2
    bulleted = len({h.bulleted for h in headers}) == 2
    return _scan(lines, indented=indented, bulleted=bulleted) if indented or bulleted else headers


def _scan(lines: Sequence[Line], *, indented: bool, bulleted: bool) -> list[Header]:
    headers: list[Header] = []
    index = 0
    while index < len(lines):
        header = (
            None
            if lines[index].blank
            else read_header(lines, index, indented=indented, require_bullet=bulleted)
        )
        if header is None:
            index += 1
        else:
            headers.append(header)
            index = header.end
    return headers


@attrs.define
class _OpenComment:
    header: Header
    depth: int
    indent: int
    start: int
    end: int
    deleted: bool = False
    removed: bool = False
    more_replies: int | None = None
    paragraphs: list[Text] = attrs.field(factory=list)
    replies: list[Comment] = attrs.field(factory=list)

    def close(self) -> Comment:
        header = self.header
        author = header.author
        if header.badges:
            author = attrs.evolve(author, badges=canonical_badges(author.badges + header.badges))
        return Comment(
            author=author,
            score=header.votes.score,
            upvotes=header.votes.upvotes,
            downvotes=header.votes.downvotes,
            language=header.language,
            time=header.time,
            published=None,
            updated=None,
            edited=header.edited,
            deleted=self.deleted,
            removed=self.removed,
            more_replies=self.more_replies,
            depth=self.depth,
            paragraphs=tuple(self.paragraphs),
            replies=tuple(self.replies),
            span=Span(self.start, self.end),
        )


def build_comments(
    lines: Sequence[Line],
    headers: Sequence[Header],
    *,
    hexbear_footer: bool,
    max_depth: int | None,
    diagnostics: Diagnostics,
) -> tuple[tuple[Comment, ...], list[Text], list[Text]]:
    """The comment trees, the lines that lie outside every comment, and of those
    the site's own lines (page chrome, ``chrome.py``), which are not errors.

    A reply that would sit deeper than ``max_depth`` is attached at
    ``max_depth`` instead, under its ancestor one level up (TP204).
    """
    stripped = next((h for h in headers if not h.indented), None)
    if stripped is not None:
        diagnostics.report(
            "TP201",
            "comment header tokens are not indented under the name line: indentation was "
            "stripped, so replies are read at the depth their name lines show",
            lines[stripped.start].content_span,
        )
    # With intact indentation, a line left of the top-level name lines cannot be
    # in any comment (page chrome, a footer pasted along).
    margin = min(h.nest_indent for h in headers) if stripped is None else 0
    roots: list[Comment] = []
    stack: list[_OpenComment] = []
    outside: list[Text] = []
    chrome: list[Text] = []

    def close_top() -> None:
        done = stack.pop().close()
        (stack[-1].replies if stack else roots).append(done)
        if stack:
            stack[-1].end = max(stack[-1].end, done.span.end)

    # The indents of the open comments as the page nests them, cap or no cap:
    # its length is a comment's depth on the page.
    page_indents: list[int] = []

    for number, header in enumerate(headers):
        name_line = lines[header.start]
        while page_indents and page_indents[-1] >= header.nest_indent:
            page_indents.pop()
        page_depth = len(page_indents)
        page_indents.append(header.nest_indent)
        while stack and stack[-1].indent >= header.nest_indent:
            close_top()
        if max_depth is not None and len(stack) > max_depth:
            close_top()  # the stack holds depths 0..max_depth: at most one too many
        if max_depth is not None and page_depth > max_depth:
            diagnostics.report(
                "TP204",
                f"reply at depth {page_depth} is deeper than max_depth={max_depth}: it is "
                f"attached at depth {max_depth}, so the comment it replies to is lost",
                name_line.content_span,
            )
        current = _OpenComment(
            header=header,
            depth=len(stack),
            indent=header.nest_indent,
            start=name_line.content_start,
            end=lines[header.end - 1].content_end,
        )
        stack.append(current)
        if header.time is None:
            diagnostics.report(
                "TP202",
                "comment header has no relative time (the time line is missing or unreadable)",
                name_line.content_span,
            )
        for icon in header.votes.dangling:
            diagnostics.report(
                "TP203", f"'{icon}' vote icon has no count after it", name_line.content_span
            )
        body_end = headers[number + 1].start if number + 1 < len(headers) else len(lines)
        body = lines[header.end : body_end]
        excluded = {i for i, line in enumerate(body) if not line.blank and line.indent < margin}
        for i in sorted(excluded):
            text = Text(body[i].content, body[i].content_span)
            if is_chrome(body[i].content):
                chrome.append(text)  # the site's own line ("Powered by Lemmy"): no error
                continue
            outside.append(text)
            diagnostics.report(
                "TP901",
                "line is left of every comment's name line, so it belongs to no comment",
                body[i].content_span,
            )
        _read_body(current, body, excluded, hexbear_footer=hexbear_footer)
    while stack:
        close_top()
    return tuple(roots), outside, chrome


def _read_body(
    comment: _OpenComment, body: Sequence[Line], excluded: set[int], *, hexbear_footer: bool
) -> None:
    """Paragraphs and the comment's own non-paragraph lines.

    ``excluded`` lines belong to no comment; they still end a paragraph.
    """
    own: set[int] = set()  # indexes into body of lines that are not paragraph text
    nonblank = [i for i, line in enumerate(body) if not line.blank and i not in excluded]
    for i in nonblank:
        more = MORE_REPLIES.fullmatch(" ".join(body[i].content.split()))
        if more:
            comment.more_replies = parse_count(more["count"])
            own.add(i)
    if hexbear_footer:
        for i in reversed(nonblank):
            if i in own:
                continue
            if body[i].content.lower() not in _FOOTER:
                break
            own.add(i)
    first = next((i for i in nonblank if i not in own), None)
    if first is not None and _alone(body, first, own | excluded):
        kind = deletion_of(body[first].content)
        if kind is not None:
            comment.deleted = kind == "deleted"
            comment.removed = kind == "removed"
            own.add(first)
    run: list[Line] = []
    for i, line in enumerate(body):
        if line.blank or i in own or i in excluded:
            if run:
                comment.paragraphs.append(text_of(run))
                run = []
            if i in own:
                comment.end = max(comment.end, line.content_end)
        else:
            run.append(line)
    if run:
        comment.paragraphs.append(text_of(run))
    if comment.paragraphs:
        comment.end = max(comment.end, comment.paragraphs[-1].span.end)


def _alone(body: Sequence[Line], index: int, boundaries: set[int]) -> bool:
    """True when ``body[index]`` is a paragraph of one line: blank lines or lines
    that are not paragraph text (``boundaries``) on both sides."""

    def edge(i: int) -> bool:
        return i < 0 or i >= len(body) or body[i].blank or i in boundaries

    return edge(index - 1) and edge(index + 1)
