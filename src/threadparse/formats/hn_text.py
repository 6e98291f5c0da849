"""Hacker News item pages as a browser copies their text (dialect ``hn-text``).

The grammar (a select-all copy of ``news.ycombinator.com/item?id=``; seen in
real copies quoted in public files, see docs/dialects/hacker-news.md)::

    Hacker Newsnew | past | comments | ask | show | jobs | submit    login     chrome
    TITLE (DOMAIN)                                          the story's title line
    N points by USER AGE | hide | past | favorite | N comments   its subline
    TEXT ...                                                 the story's text: preamble
    help                                                     the comment form's link
    USER AGE | parent | prev | next [–]                      A COMMENT's header
    BODY ...                                                 its paragraphs
    reply                                                    its reply button
    ...
    More                                                     a next page (TP405)
    Guidelines | FAQ | Lists | API | Security | Legal | Apply to YC | Contact
    Search:                                                  chrome

A comment's header: the user, the age (``N minutes|hours|days|months|years
ago``), ``[dead]`` / ``[flagged]`` after it, then the links among ``root``,
``parent``, ``context``, ``prev``, ``next``, ``flag``, ``favorite``, ``vouch``,
``edit``, ``delete``, ``on: STORY TITLE`` (a comment's own page), each after
``" | "``, and the toggle ``[–]`` (``[+]``, or ``[N more]`` when collapsed). A
header has the toggle or at least one link.

Nesting: the copy loses it (the indent is a spacer image). Every comment is
read as top-level, in page order, with one TP201 and ``Thread.nesting``
False. (The links say a little: no ``parent`` is a top-level comment, no
``root`` a reply to one; deeper replies cannot be placed, so none is.)

Deleted, dead, flagged: a header without a user, ``[deleted]`` in its place,
is a deleted comment; ``[dead]`` is ``removed`` with its text kept (as in
``hn-json`` and ``hn-html``); ``[flagged]`` stays in the header only.

Lines no rule places: before the title, the site's navigation line is
chrome and anything else is unparsed (TP901); after the footer, ``Search:``
is chrome and the rest (a browser extension's text, say) is unparsed.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import regex

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.hackernews import hn_author
from threadparse.core.models import Author, Comment, Post, Preamble, Span, Text, Thread
from threadparse.core.source import Line

DIALECT = "hn-text"

_AGE = r"\d{1,9} (?:minute|hour|day|month|year)s? ago"
_LINKS = r"root|parent|context|prev|next|flag|unflag|favorite|un-favorite|vouch|unvouch|edit|delete"
_HEADER = regex.compile(
    rf"(?:(?P<user>[A-Za-z0-9_-]{{1,40}}) (?P<age>{_AGE})|(?P<gone>\[deleted\])(?: (?P<age2>{_AGE}))?)"
    r"(?P<marks>(?: \[(?:dead|flagged)\]){0,2})"
    rf"(?P<links>(?: \| (?:{_LINKS}))*)"
    r"(?: \| on: (?P<on>.{1,400}?))?"
    r"(?P<toggle> ?\[(?:–|-|\+|\d{1,9} more)\])?"
)
_STORY = regex.compile(
    rf"(?:(?P<points>\d{{1,9}}) points? by (?P<user>[A-Za-z0-9_-]{{1,40}}) )?(?P<age>{_AGE})"
    r"(?P<links>(?: \| (?:flag|unflag|hide|unhide|past|web|favorite|un-favorite|unvote|undown"
    r"|edit|delete|discuss|(?P<count>\d{1,9})[ \u00a0]comments?))+)"
)
_DOMAIN = regex.compile(
    r"(?P<title>.+?) \((?P<domain>[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,30}(?:/[^()\s]{0,200})?)\)"
)
_NAV = regex.compile(
    r"Hacker News ?new \| past \| comments|.{0,40}\| ask \| show \| jobs \| submit"
)
_FOOTER = regex.compile(r"Guidelines \| FAQ \|")
_FORM = frozenset({"help", "add comment", "reply"})
_AFTER_FOOTER = frozenset({"Search:"})
_MORE = "More"


#: What every line ``evidence`` counts holds: the links (" | ", a story's too),
#: or the toggle or a mark right after the age, or a deleted comment's name.
_MARKS = (" | ", "ago[", "ago [", "[deleted]")
# Without links (" | "), a header ends in its toggle, right after the age or
# after "[deleted]", "[dead]" or "[flagged]".
_TOGGLE = regex.compile(r"(?:ago|\]) ?\[(?:–|-|\+|\d)")


def may_have_links(text: str) -> bool:
    """Does the text hold "|" (every header's and story line's links have one)?"""
    return "|" in text


def may_have_evidence(text: str) -> bool:
    """Could ``evidence`` count a line of the text? Two whole-text searches, the
    first for one character (a page of another site's deleted comments,
    ``[deleted]``, is not evidence). False means it counts none."""
    return may_have_links(text) or _TOGGLE.search(text) is not None


def header_of(line: Line) -> regex.Match[str] | None:
    """The comment header the line is, if it is one."""
    match = _HEADER.fullmatch(line.content)
    if match is None or not (match["toggle"] or match["links"] or match["on"]):
        return None
    return match


def evidence(lines: Sequence[Line], text: str | None = None) -> int:
    """Comment headers, and story sublines, only HN writes: one each. With the
    ``text`` the lines are from, none when it holds none of the marks every such
    line has (its links, " | ", or the toggle after the age, or "[deleted]")."""
    if text is not None and not any(mark in text for mark in _MARKS):
        return 0
    count = 0
    for line in lines:
        if line.blank or len(line.content) > 600:
            continue
        if header_of(line) is not None or _STORY.fullmatch(line.content) is not None:
            count += 1
    return count


def parse_hn_text(
    lines: Sequence[Line], *, max_depth: int | None, diagnostics: Diagnostics
) -> Thread:
    """Read an HN item page's copied text (dialect ``hn-text``). ``max_depth`` has
    nothing to cap: every comment is top-level."""
    del max_depth
    reader = _Reader(lines, diagnostics)
    return reader.read()


def _text(line: Line) -> Text:
    return Text(line.content, line.content_span)


def _blocks(lines: Sequence[Line | None]) -> list[Text]:
    """A Text per run of non-blank lines (None, a line taken out, ends a run)."""
    found: list[Text] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and not line.blank:
            run.append(line)
            continue
        if run:
            found.append(
                Text(
                    "\n".join(item.content for item in run),
                    Span(run[0].content_start, run[-1].content_end),
                )
            )
            run = []
    return found


@attrs.define
class _Reader:
    lines: Sequence[Line]
    diagnostics: Diagnostics
    chrome: list[Text] = attrs.Factory(list)
    unparsed: list[Text] = attrs.Factory(list)

    def not_read(self, line: Line, message: str) -> None:
        self.unparsed.append(_text(line))
        self.diagnostics.report("TP901", message, line.content_span)

    def read(self) -> Thread:
        lines = self.lines
        headers = [
            (index, match)
            for index, line in enumerate(lines)
            if not line.blank and len(line.content) <= 600 and (match := header_of(line))
        ]
        first = headers[0][0] if headers else len(lines)
        post, preamble = self.head(lines[:first])
        comments: list[Comment] = []
        for number, (index, match) in enumerate(headers):
            end = headers[number + 1][0] if number + 1 < len(headers) else len(lines)
            body = list(lines[index + 1 : end])
            if number + 1 == len(headers):
                body = self.tail(body)
            comments.append(self.comment(lines[index], match, body))
        if len(comments) > 1:
            self.diagnostics.report(
                "TP201",
                "HN indents replies with a spacer image, which a copy loses: every comment "
                "is read as top-level, in page order",
                comments[0].span,
            )
        paragraphs = tuple(preamble)
        return Thread(
            dialect=DIALECT,
            preamble=Preamble(
                paragraphs,
                Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None,
            ),
            sections=(),
            comments=tuple(comments),
            unattributed=(),
            unparsed=tuple(sorted(self.unparsed, key=lambda text: text.span.start)),
            diagnostics=self.diagnostics.sorted(),
            post=post,
            chrome=tuple(sorted(self.chrome, key=lambda text: text.span.start)),
            nesting=len(comments) < 2,
        )

    def head(self, lines: Sequence[Line]) -> tuple[Post | None, list[Text]]:
        """The lines before the first comment: chrome, the story's title and
        subline, its text (the preamble), the comment form's link."""
        subline = next(
            (
                index
                for index, line in enumerate(lines)
                if not line.blank and len(line.content) <= 600 and _STORY.fullmatch(line.content)
            ),
            None,
        )
        post = None
        body_start = 0
        if subline is not None:
            title_at = next((i for i in range(subline - 1, -1, -1) if not lines[i].blank), None)
            if title_at is not None and _NAV.match(lines[title_at].content):
                title_at = None  # the navigation line: a title-less item (a job's page?)
            for line in lines[: subline if title_at is None else title_at]:
                if line.blank:
                    continue
                if _NAV.match(line.content):
                    self.chrome.append(_text(line))
                else:
                    self.not_read(line, "a line above the story's title: not HN's, not placed")
            post = self.story(None if title_at is None else lines[title_at], lines[subline])
            body_start = subline + 1
        body: list[Line | None] = []
        for line in lines[body_start:]:
            if line.blank:
                body.append(line)
            elif _NAV.match(line.content) or line.content in _FORM:
                self.chrome.append(_text(line))
                body.append(None)  # a paragraph does not run over it
            else:
                body.append(line)
        return post, _blocks(body)

    def story(self, title_line: Line | None, subline: Line) -> Post:
        match = _STORY.fullmatch(subline.content)
        assert match is not None
        title = domain = None
        start = subline.content_start
        if title_line is not None:
            start = title_line.content_start
            title = title_line.content
            named = _DOMAIN.fullmatch(title)
            if named is not None:
                title, domain = named["title"], named["domain"]
        count = match["count"]
        if count is None and "| discuss" in match["links"]:
            count = "0"
        user = match["user"]
        return Post(
            title=title,
            author=None if user is None else hn_author(user),
            community=None,
            url=None,
            domain=domain,
            language=None,
            time=match["age"],
            score=None if match["points"] is None else int(match["points"]),
            upvotes=None,
            downvotes=None,
            comment_count=None if count is None else int(count),
            embed=(),
            span=Span(start, subline.content_end),
        )

    def tail(self, body: list[Line]) -> list[Line]:
        """The last comment's lines, the page's end taken off: ``More``, the
        footer and what follows it."""
        footer = next((i for i, line in enumerate(body) if _FOOTER.match(line.content)), None)
        if footer is not None:
            for line in body[footer:]:
                if line.blank:
                    continue
                if _FOOTER.match(line.content) or line.content in _AFTER_FOOTER:
                    self.chrome.append(_text(line))
                else:
                    self.not_read(line, "a line after HN's footer: not HN's, not placed")
            body = body[:footer]
        last = next((i for i in range(len(body) - 1, -1, -1) if not body[i].blank), None)
        if last is not None and body[last].content == _MORE:
            self.chrome.append(_text(body[last]))
            self.diagnostics.report(
                "TP405",
                "the page links to a next page of the thread ('More'): its comments are "
                "not in the input, and how many is not shown",
                body[last].content_span,
            )
            body = body[:last]
        return body

    def comment(self, header: Line, match: regex.Match[str], body: list[Line]) -> Comment:
        last = next((i for i in range(len(body) - 1, -1, -1) if not body[i].blank), None)
        end = header.content_end if last is None else body[last].content_end
        if last is not None and body[last].content == "reply":
            body = body[:last]  # the reply button: in the comment's span, not its text
        user = match["user"]
        marks = match["marks"] or ""
        return Comment(
            author=None if user is None else hn_author(user),
            score=None,
            upvotes=None,
            downvotes=None,
            language=None,
            time=match["age"] or match["age2"],
            published=None,
            updated=None,
            edited=False,
            deleted=match["gone"] is not None,
            removed="[dead]" in marks,
            more_replies=None,
            depth=0,
            paragraphs=tuple(_blocks(body)),
            replies=(),
            span=Span(header.content_start, end),
        )


# -- The writer ---------------------------------------------------------------------

_NAME_CHARACTER = regex.compile(r"[^A-Za-z0-9_-]")
_SHOWN_AGE = regex.compile(_AGE)
#: What a header shows for a time HN would not print ("2 days", "in 3 seconds").
FALLBACK_AGE = "1 hour ago"


def shown_name(author: Author | None) -> str:
    """The name HN would show: letters, digits, ``_`` and ``-`` (others as ``_``),
    at most 40; ``unknown`` for a comment without an author."""
    if author is None:
        return "unknown"
    name = _NAME_CHARACTER.sub("_", author.username or author.name)[:40]
    return name or "unknown"


def shown_age(time: str | None) -> str:
    """The comment's time when HN would print it so, else ``FALLBACK_AGE``."""
    return time if time is not None and _SHOWN_AGE.fullmatch(time) else FALLBACK_AGE


def render_hn_text(thread: Thread) -> str:
    """The thread as a browser copies its HN item page: the post's title and
    subline when it has a title, the preamble, then every comment in page order.

    ``parse_hn_text`` reads back each comment's author (``shown_name``), time
    (``shown_age``: a time HN does not print is written as ``FALLBACK_AGE``),
    deleted (a ``[deleted]`` header, no body), removed (``[dead]``, text kept)
    and paragraphs; every comment top-level, as a copy loses the nesting. Not
    written: scores of comments (HN shows none), badges, more_replies, link
    sections, chrome.
    """
    out: list[str] = []
    post = thread.post
    if post is not None and post.title is not None:
        out.append(post.title + (f" ({post.domain})" if post.domain else ""))
        by = "" if post.score is None else f"{post.score} points by {shown_name(post.author)} "
        count = "" if post.comment_count is None else f" | {post.comment_count} comments"
        out.append(f"{by}{shown_age(post.time)} | hide | past | favorite{count}")
    for paragraph in thread.preamble.paragraphs:
        out += ["", paragraph.text]
    stack = list(reversed(thread.comments))
    while stack:
        comment = stack.pop()
        age = shown_age(comment.time)
        links = " | parent" if comment.depth > 0 else ""
        if comment.deleted:
            out += ["", f"[deleted] {age}{links} | next [–]"]
        else:
            dead = " [dead]" if comment.removed else ""
            out += ["", f"{shown_name(comment.author)} {age}{dead}{links} | next [–]"]
            for paragraph in comment.paragraphs:
                out += ["", paragraph.text]
            out.append("reply")
        stack += reversed(comment.replies)
    text = "\n".join(out).lstrip("\n")
    return text + "\n" if text else ""
