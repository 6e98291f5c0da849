r"""old.reddit page text (dialect ``old-reddit``): the grammar, the reader and the writer.

What a browser copy of an old.reddit.com thread page holds. The markup is
reddit's r2 templates (reddit-archive/reddit: ``comment.html``,
``comment_skeleton.html``, ``printable.html``, ``printablebuttons.html``,
``morechildren.html``, ``morerecursion.html``); the shapes marked *seen* are in
real copies quoted in public files (docs/dialects/old-reddit.md lists them),
the others are inferred from the templates::

    jump to content / my subreddits / ... / this post was submitted on 09 Jan 2026
    155                                          the post's score ("•" when hidden)
    Some title (self.sub)                        title, link flair glued, "(domain)"
    submitted 8 hours ago by name                the post's tagline (seen)
    The post body, a paragraph a line.
        63 commentssharesavehidereportcrosspost  the post's buttons, glued (seen)
    all 63 comments                              the comment area (seen)
    sorted by: best
    [–]name 33 points 7 hours ago                a comment header (seen)
    A body paragraph.
        permalinkembedsavereportreply            its buttons, glued (seen)
    [–]other[S] 2 points 6 hours ago*            a reply: nesting is a CSS margin
    load more comments (3 replies)               morechildren.html (seen)
    continue this thread                         morerecursion.html (inferred)

The comment header (``comment.html``'s tagline, one ``<p>``)::

    HEADER   := MARK [SP] WHO BADGES [SP SCORE] SP TIME ["*"] [SP "stickied comment"]
                [SP "(" N " child" ["ren"] ")"]
    MARK     := "[–]" | "[+]" | "[-]"            "[+]" when collapsed
    WHO      := NAME [FLAIR] | "[deleted]"       the flair glued to the name (seen)
    BADGES   := ("[S]" | "[M]" | "[A]")*          submitter, moderator, admin (seen: S, M)
    SCORE    := "[score hidden]" | POINTS | POINTS POINTS POINTS
    POINTS   := ["-"] DIGITS " point" ["s"]       "1 point" (seen)
    TIME     := "just now" | N UNIT[s] " ago"     simplified_timesince (seen: "7 hours ago")

- The score is printed three times (``printable.html``: dislikes, unvoted,
  likes, each ±1 of the next); CSS shows one, so a selection copy holds one
  (seen) and a textContent copy or a conversion holds all three glued,
  ``0 points1 point2 points`` (seen). The middle one is the score a reader
  who has not voted sees: that is ``Comment.score``.
- ``(N children)`` counts every comment under it, not only the direct replies
  (r2's ``builder.py``: ``num_children`` sums ``1 + num_children`` of each
  child). CSS shows it only on a collapsed comment, so a selection copy holds
  it there alone (seen: ``[+][deleted] 2 years ago (1 child)``); textContent
  copies hold it on every comment (seen).
- A flair is glued to the name without a space (seen: ``[–]nameFlair Text 4
  points``): the name cannot be told from a glued flair. ``Author.name`` is
  WHO's first word, ``display_name`` all of WHO.
- A deleted comment shows ``[deleted]`` for the author and no score; its body
  is ``[deleted]`` unless it is collapsed. A deleted account's comment shows
  ``[deleted]`` and a score, with its body (seen).
- The buttons (``printablebuttons.html``, ``<li>`` items) are ``permalink``
  first, then ``embed``, ``save``, ``parent``, ``report``, ``give award`` (was
  ``give gold``), ``reply``, and for the author ``edit``, ``disable inbox
  replies``, ``delete``; extensions add ``pocket``, ``buffer``, ``source``,
  ``save-RES``... A copy glues them (seen: ``permalinkembedsaveparentreportreply``)
  or spaces them. A deleted comment has none.
- Nesting is ``<div class="child">`` with a CSS margin: a selection copy has no
  indentation (seen in every real copy). Tools that keep indentation give it;
  textContent copies give child counts. See ``parse_old_reddit`` for how depth
  is read.

The reader never raises, never recurses, and is linear in the input: each line
is matched a bounded number of times by bounded regexes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs
import regex

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.linetree import LineTree, OpenComment, write_comments
from threadparse.core.models import (
    Author,
    Comment,
    Community,
    Post,
    Preamble,
    Section,
    Span,
    Text,
    Thread,
)
from threadparse.core.post import parse_post, render_post
from threadparse.core.source import Line

__all__ = (
    "Evidence",
    "evidence",
    "parse_old_reddit",
    "read_header",
    "render_old_reddit",
)

DIALECT = "old-reddit"

#: A header line longer than this is prose.
MAX_HEADER_LINE = 400

#: WHO (name and glued flair) is at most this long (names are 3-20 characters,
#: flairs at most 64).
MAX_WHO = 120

# Times: reddit's own ("just now", "3 hours ago"), and, since copies of other
# front ends and this writer's input use them, date-fns and moment.js forms.
_TIME = r"""
      (?:in\ )?(?:[0-9]{1,6}|an?|a\ few)\ (?:second|minute|hour|day|week|month|year)s?
          (?:\ ago)?
    | just\ now | now
"""
_POINTS = r"-?[0-9]{1,12}\ points?"

_HEADER = regex.compile(
    rf"""
    (?P<mark>\[[–+-]\])\ ?
    (?P<who>\[deleted\]|[^\s\[\]][^\[\]]{{0,{MAX_WHO - 1}}}?)
    (?P<badges>(?:\[[SMA]\]){{0,3}})
    (?:\ (?:(?P<hidden>\[score\ hidden\])
           |(?P<first>{_POINTS})(?:(?P<middle>{_POINTS})(?P<last>{_POINTS}))?))?
    \ (?P<time>{_TIME})
    (?P<star>\*)?
    (?:\ (?P<sticky>stickied\ comment))?
    (?:\ \((?P<children>[0-9]{{1,9}})\ child(?:ren)?\))?
    """,
    regex.VERBOSE,
)

_BADGE_NAMES = {"S": "OP", "M": "M", "A": "A"}


@attrs.frozen
class Header:
    """One comment header line, read."""

    index: int  #: of its line
    indent: int
    collapsed: bool  #: "[+]"
    author: Author
    score: int | None
    time: str
    edited: bool
    sticky: bool
    children: int | None  #: "(N children)": every comment under it
    gone: bool  #: "[deleted]" and no score: the comment itself is deleted


def _folded(content: str) -> str:
    """The line with runs of white space (NBSP included) as one space."""
    return " ".join(content.split())


def read_header(lines: Sequence[Line], index: int) -> Header | None:
    """The comment header on ``lines[index]``, or None."""
    line = lines[index]
    if line.blank or len(line.content) > MAX_HEADER_LINE or line.content[:1] != "[":
        return None
    match = _HEADER.fullmatch(_folded(line.content))
    if match is None:
        return None
    who = match["who"]
    badges = tuple(_BADGE_NAMES[mark] for mark in ("S", "M", "A") if f"[{mark}]" in match["badges"])
    name = who.split(" ", 1)[0]
    username = None if who == "[deleted]" else name
    score_text = match["middle"] or match["first"]
    score = None if score_text is None else int(score_text.split(" ", 1)[0])
    children = match["children"]
    return Header(
        index=index,
        indent=line.indent,
        collapsed=match["mark"] == "[+]",
        author=Author(name, who, None, (), badges, username=username),
        score=score,
        time=match["time"],
        edited=match["star"] is not None,
        sticky=match["sticky"] is not None,
        children=None if children is None else int(children),
        gone=who == "[deleted]" and score_text is None and match["hidden"] is None,
    )


def _scan(lines: Sequence[Line]) -> Iterator[Header]:
    for index in range(len(lines)):
        header = read_header(lines, index)
        if header is not None:
            yield header


# -- The lines around the headers ---------------------------------------------------

# BUTTONS := "permalink" BUTTON*, glued or spaced. Extension buttons (pocket,
# buffer, RES's) may also stand alone after a load-more line (seen: "buffer").
_BUTTON = r"""
    (?:permalink|embed|save-RES|save|unsave|parent|report|give\ award|give\ gold|reply
      |edit|disable\ inbox\ replies|enable\ inbox\ replies|delete|context
      |full\ comments\ \([0-9]{1,9}\)|block\ user|source|pocket|buffer|hide\ child\ comments
      |distinguish|approve|remove|spam|ignore\ reports|lock)
"""
_BUTTONS = regex.compile(rf"{_BUTTON}(?:\ ?{_BUTTON}){{0,20}}", regex.VERBOSE)
MAX_BUTTONS_LINE = 240

# LOAD_MORE := "load more comments" [SP] "(" N " repl" ("y" | "ies") ")"  (NBSP before "(")
_LOAD_MORE = regex.compile(r"load more comments ?\((?P<count>[0-9]{1,12}) repl(?:y|ies)\)")
# CONTINUE := "continue this thread" [" →"]  (the arrow is the stylesheet's)
_CONTINUE = regex.compile(r"continue this thread ?→?")

# The post (link.html): its score ("•" when hidden), the title with "(domain)",
# "submitted TIME[*] by NAME[ FLAIR][ to r/SUB]", the body, then its buttons:
# "N comments" glued to "share save hide report crosspost..." (seen).
_SUBMITTED = regex.compile(
    rf"submitted\ (?P<time>{_TIME})(?P<star>\*)?\ by\ (?P<user>[^\s\[\]]{{1,40}})"
    r"(?:\[[SMA]\]){0,3}(?P<rest>.{0,200}?)(?:\ to\ r/(?P<sub>[A-Za-z0-9_]{1,30}))?",
    regex.VERBOSE,
)
_TITLE = regex.compile(r"(?P<title>.{1,400}?)\ \((?P<domain>[^()\s]{1,253})\)")
_POST_SCORE = regex.compile(r"-?[0-9]{1,12}|•")
_POST_BUTTON = r"(?:share|save|unsave|hide|unhide|report|crosspost|edit|delete|embed|give\ award|give\ gold|pocket|buffer|source|nsfw|spoiler|flair|lock|sticky)"
_POST_BUTTONS = regex.compile(
    rf"(?:(?P<count>[0-9]{{1,12}})\ comments?|comment)(?:\ ?{_POST_BUTTON}){{0,20}}", regex.VERBOSE
)
_ALL_COMMENTS = regex.compile(r"all (?P<count>[0-9]{1,12}) comments?")
# The comment area's chrome between the post and the comments (seen).
_AREA = regex.compile(
    r"sorted by: ?\w{1,20}|formatting help|content policy|save|show \d{1,5}|"
    r"reveal comment|view the rest of the comments →?|you are viewing a single comment's thread\.?",
    regex.IGNORECASE,
)


def _is_buttons(line: Line) -> bool:
    return len(line.content) <= MAX_BUTTONS_LINE and bool(_BUTTONS.fullmatch(_folded(line.content)))


def _starts_buttons(line: Line) -> bool:
    return line.content[:9] == "permalink" and _is_buttons(line)


def _more(line: Line) -> int | bool:
    """N for a load-more line, True for continue-this-thread, False for neither."""
    if line.blank or len(line.content) > 60:
        return False
    words = _folded(line.content)
    match = _LOAD_MORE.fullmatch(words)
    if match is not None:
        return int(match["count"])
    return bool(_CONTINUE.fullmatch(words))


@attrs.frozen
class Evidence:
    """What in the lines only old.reddit writes, for ``threadparse.detect``."""

    own_headers: int
    """Header lines with a mark mlmym never writes: the en dash of ``[–]``, a
    mark glued to the name, ``[score hidden]``, three glued scores, a
    ``[S]``/``[M]``/``[A]`` badge, ``stickied comment``. mlmym's reader
    accepts these lines too, so they are old.reddit's, not mlmym's."""
    own_buttons: int
    """Buttons lines only old.reddit writes (``embed``, ``report``, ``give
    award``, or the words glued); mlmym's say ``fedilink``."""


_GLUED_SCORES = regex.compile(r"points?-?[0-9]")


def evidence(lines: Sequence[Line]) -> Evidence:
    """Count the lines only old.reddit writes (each line is read once)."""
    headers = buttons = 0
    for index, line in enumerate(lines):
        if line.blank:
            continue
        content = line.content
        if content[:1] == "[":
            header = read_header(lines, index)
            if header is not None:
                folded = _folded(content)
                if (
                    folded[1] == "–"
                    or folded[3:4] != " "
                    or "[score hidden]" in folded
                    or "stickied comment" in folded
                    or _GLUED_SCORES.search(folded) is not None
                    or bool(header.author.badges)
                ):
                    headers += 1
        elif content[:9] == "permalink" and _is_buttons(line):
            folded = _folded(content)
            if "fedilink" not in folded and (
                " " not in folded or _OWN_BUTTONS.search(folded) is not None
            ):
                buttons += 1
    return Evidence(headers, buttons)


_OWN_BUTTONS = regex.compile(r"embed|report|give ")


# -- The post -------------------------------------------------------------------------


@attrs.frozen
class _PostParts:
    post: Post | None
    preamble: Preamble
    sections: tuple[Section, ...]
    chrome: tuple[Text, ...]


def _line_text(line: Line) -> Text:
    return Text(line.content, line.content_span)


def _read_post(lines: Sequence[Line]) -> _PostParts:
    """The lines before the first comment: chrome, the post's header, its body.

    With a ``submitted ... by NAME`` line, the line before it is the title and
    the one before that the score when it is a number; what comes before them
    is the navigation bar and the sidebar (chrome); the body runs to the post's
    buttons line (``N comments share save ...``), and what follows it is the
    comment area's chrome. Without one (a copy that starts lower), the
    comment-area lines are chrome and the rest is the post's body.
    """
    nonblank = [i for i, line in enumerate(lines) if not line.blank]
    found = next(
        (
            k
            for k, i in enumerate(nonblank)
            if len(lines[i].content) <= 300 and _SUBMITTED.fullmatch(_folded(lines[i].content))
        ),
        None,
    )
    chrome: list[Text] = []
    if found is None:
        body: list[Line] = []
        for line in lines:
            if not line.blank and _is_chrome(line):
                chrome.append(_line_text(line))
            else:
                body.append(line)
        preamble, sections = parse_post(body, one_per_line=True)
        return _PostParts(None, preamble, sections, tuple(chrome))
    submitted_at = nonblank[found]
    submitted = _SUBMITTED.fullmatch(_folded(lines[submitted_at].content))
    assert submitted is not None
    first = submitted_at
    title: str | None = None
    domain: str | None = None
    community: Community | None = None
    score: int | None = None
    if found >= 1:
        first = nonblank[found - 1]
        shown = _folded(lines[first].content)
        match = _TITLE.fullmatch(shown) if len(shown) <= 700 else None
        title = match["title"] if match else shown
        if match is not None:
            if match["domain"].startswith("self."):
                community = Community(match["domain"][5:], None, "reddit.com")
            else:
                domain = match["domain"]
        if found >= 2 and _POST_SCORE.fullmatch(lines[nonblank[found - 2]].content):
            first = nonblank[found - 2]
            shown_score = lines[first].content
            score = None if shown_score == "•" else int(shown_score)
    if submitted["sub"] is not None:
        community = Community(submitted["sub"], None, "reddit.com")
    chrome += [_line_text(line) for line in lines[:first] if not line.blank]
    buttons = next(
        (
            i
            for i in nonblank[found + 1 :]
            if len(lines[i].content) <= MAX_BUTTONS_LINE
            and _POST_BUTTONS.fullmatch(_folded(lines[i].content))
        ),
        None,
    )
    comment_count: int | None = None
    last = submitted_at
    body_end = len(lines)
    if buttons is not None:
        counted = _POST_BUTTONS.fullmatch(_folded(lines[buttons].content))
        assert counted is not None
        comment_count = 0 if counted["count"] is None else int(counted["count"])
        last = body_end = buttons
    for line in lines[body_end + 1 :] if buttons is not None else ():
        if line.blank:
            continue
        counted_all = _ALL_COMMENTS.fullmatch(_folded(line.content))
        if counted_all is not None and comment_count is None:
            comment_count = int(counted_all["count"])
        chrome.append(_line_text(line))
    body = [
        line
        for line in lines[submitted_at + 1 : body_end]
        if line.blank or buttons is not None or not _is_chrome(line)
    ]
    if buttons is None:
        chrome += [
            _line_text(line)
            for line in lines[submitted_at + 1 :]
            if not line.blank and _is_chrome(line)
        ]
    preamble, sections = parse_post(body, one_per_line=True)
    user = submitted["user"]
    author = Author(user, (user + submitted["rest"]).strip(), None, (), (), username=user)
    post = Post(
        title=title,
        author=author,
        community=community,
        url=None,
        domain=domain,
        language=None,
        time=submitted["time"],
        score=score,
        upvotes=None,
        downvotes=None,
        comment_count=comment_count,
        embed=(),
        span=Span(lines[first].content_start, lines[last].content_end),
    )
    return _PostParts(post, preamble, sections, tuple(sorted(chrome, key=_start)))


def _start(text: Text) -> int:
    return text.span.start


def _is_chrome(line: Line) -> bool:
    """A line of the comment area before the comments (sort bar, ``all N comments``)."""
    if len(line.content) > 80:
        return False
    words = _folded(line.content)
    return bool(_ALL_COMMENTS.fullmatch(words) or _AREA.fullmatch(words))


# -- The reader ---------------------------------------------------------------------


@attrs.define
class _Reader:
    lines: Sequence[Line]
    tree: LineTree
    mode: str  #: "indent", "counts" or "flat"
    chrome: list[Text] = attrs.field(factory=list)
    top_more: int | None = None

    def comment(self, number: int, header: Header, region: Sequence[Line]) -> None:
        """Place the comment in the tree, then read its lines up to the next header."""
        line = self.lines[header.index]
        node = OpenComment(
            author=header.author,
            score=header.score,
            time=header.time,
            edited=header.edited,
            indent=header.indent,
            start=line.content_start,
            end=line.content_end,
            hidden_replies=header.children if header.collapsed and header.children else None,
            deleted=header.gone,
        )
        tree = self.tree
        if self.mode == "indent":
            tree.close_to_indent(header.indent)
        elif self.mode == "counts":
            while tree.page and tree.page[-1].last < number:
                tree.page.pop()
            node.last = number + (header.children or 0)
        if self.mode == "flat":
            tree.attach_top(node)
        else:
            tree.attach(node, line.content_span)
        self._region(node, region)

    def _region(self, node: OpenComment, region: Sequence[Line]) -> None:
        """The comment's own lines, then its load-more and continue lines."""
        own_end = next(
            (i for i, line in enumerate(region) if _more(line) is not False), len(region)
        )
        self.tree.own(
            node,
            region[:own_end],
            starts_buttons=_starts_buttons,
            is_buttons=_is_buttons,
            one_per_line=True,
            after_buttons="text after a comment's buttons line belongs to no comment "
            "(a reply form, the page's footer, or text pasted after the copy)",
        )
        index = own_end
        after_more = False
        while index < len(region):
            line = region[index]
            index += 1
            if line.blank:
                continue
            more = _more(line)
            if more is False:
                if after_more and _is_buttons(line):
                    # an extension's button in the load-more entry (seen: "buffer")
                    self.chrome.append(_line_text(line))
                    continue
                self.tree.unplace(
                    [line],
                    "line after a 'load more comments' line belongs to no comment",
                    one_per_line=True,
                )
                continue
            after_more = True
            self._more_line(node, line, more)

    def _more_line(self, node: OpenComment, line: Line, more: int | bool) -> None:
        target = self._more_target(node, line)
        if target is None:
            if more is True or self.mode != "indent":
                self.chrome.append(_line_text(line))
                self.tree.diagnostics.report(
                    "TP405",
                    "a 'load more comments' or 'continue this thread' line whose comment "
                    "cannot be told: counted nowhere",
                    line.content_span,
                )
            else:
                self.chrome.append(_line_text(line))
                self.top_more = (self.top_more or 0) + int(more)
            return
        target.end = max(target.end, line.content_end)
        if more is True:
            self.tree.diagnostics.report(
                "TP405",
                f"the replies of {target.author.display_name if target.author else 'a'}'s comment continue on "
                'another page ("continue this thread"): how many is not in the input',
                line.content_span,
            )
            return
        if target.more_replies is not None and self.mode != "indent":
            # a second load-more line under one comment in a copy without
            # indentation: an ancestor's, which cannot be told
            self.chrome.append(_line_text(line))
            self.tree.diagnostics.report(
                "TP405",
                f"'load more comments' holds back {more} comments of an ancestor that "
                "cannot be told without indentation: counted nowhere",
                line.content_span,
            )
            return
        target.more_replies = (target.more_replies or 0) + int(more)

    def _more_target(self, node: OpenComment, line: Line) -> OpenComment | None:
        """The comment whose reply list a load-more line ends: by indentation when
        the copy kept it, else the comment just read."""
        if self.mode != "indent":
            return node
        self.tree.close_to_indent(line.indent)
        return self.tree.page[-1] if self.tree.page else None


def _mode(lines: Sequence[Line], headers: Sequence[Header]) -> str:
    """How depth is read: from indentation when the headers sit at more than one
    indent; from the child counts when every header has one, no reply is held
    back (no load-more or continue line), no collapsed comment hides counted
    replies, and the counts nest; else not at all."""
    if len({header.indent for header in headers}) > 1:
        return "indent"
    if not headers or any(header.children is None for header in headers):
        return "flat"
    if any(header.collapsed and header.children for header in headers):
        return "flat"
    start = headers[0].index
    if any(_more(line) is not False for line in lines[start:]):
        return "flat"
    # The counts nest: each comment's range [i, i + N] lies inside its parent's.
    ends: list[int] = []
    for number, header in enumerate(headers):
        while ends and ends[-1] < number:
            ends.pop()
        end = number + (header.children or 0)
        if end >= len(headers) or (ends and end > ends[-1]):
            return "flat"
        ends.append(end)
    return "counts"


def parse_old_reddit(
    lines: Sequence[Line], *, max_depth: int | None, diagnostics: Diagnostics
) -> Thread:
    """Read old.reddit page text: the post, the comment tree, and the page around them.

    - The lines before the first header are the post (``_read_post``): chrome,
      the post's header as ``Thread.post``, its body as the preamble.
    - Depth: from the indentation of the header lines when they sit at more than
      one indent (a copy that kept it); else from the ``(N children)`` counts
      when every header shows one and they account for every comment (a
      textContent copy of a page with nothing held back: the counts then give
      the tree exactly); else every comment is top-level, with TP201 when there
      are two or more (a selection copy: the usual case).
    - ``load more comments (N replies)`` adds N to ``more_replies`` of the
      comment whose reply list it ends (by indentation; without it, the comment
      just read, once); a line whose comment cannot be told is chrome, with
      TP405. ``continue this thread`` names its comment in a TP405.
    - ``(N children)`` on a collapsed comment whose replies are not shown is its
      ``more_replies``.
    """
    headers = list(_scan(lines))
    post_end = headers[0].index if headers else len(lines)
    parts = _read_post(lines[:post_end])
    mode = _mode(lines, headers)
    reader = _Reader(lines=lines, tree=LineTree(max_depth, diagnostics), mode=mode)
    if mode == "flat" and len(headers) > 1:
        diagnostics.report(
            "TP201",
            "every comment header is at the same indent and the child counts do not give "
            "the tree: old.reddit nests replies with a CSS margin, which a copy loses, so "
            "every comment is read as top-level",
            lines[headers[0].index].content_span,
        )
    for number, header in enumerate(headers):
        region_end = headers[number + 1].index if number + 1 < len(headers) else len(lines)
        reader.comment(number, header, lines[header.index + 1 : region_end])
    return Thread(
        dialect=DIALECT,
        preamble=parts.preamble,
        sections=parts.sections,
        comments=reader.tree.freeze(),
        unattributed=(),
        unparsed=tuple(sorted(reader.tree.unplaced, key=_start)),
        diagnostics=diagnostics.sorted(),
        post=parts.post,
        chrome=tuple(sorted([*parts.chrome, *reader.chrome], key=_start)),
        nesting=mode != "flat" or len(headers) < 2,
        more_replies=reader.top_more,
    )


# -- The writer ---------------------------------------------------------------------


def shown_name(author: Author | None) -> str:
    """The name old.reddit would show for an author: one word (spaces as ``_``)."""
    if author is None:
        return "unknown"
    name = author.username or author.name
    return "_".join(name.split()) or "unknown"


def render_old_reddit(thread: Thread) -> str:
    """The thread as a copy of an old.reddit page that kept indentation (2 spaces a level).

    ``parse_old_reddit`` reads back each comment's author (one word: its
    ``username``, else its ``name``, spaces as ``_``), the badges OP, M and A
    (``[S]``, ``[M]``, ``[A]``), score, time, edited, deleted/removed,
    more_replies, depth, and paragraphs a line each (a paragraph over several
    lines reads back as several). Not written: hosts, display names, pronouns,
    other badges, votes, language; a comment both deleted and removed shows
    ``[deleted]``. The post is written as the page dialects write it (preamble,
    then sections); ``Thread.unparsed`` and chrome are not written.
    """
    comments = write_comments(
        thread.comments,
        header=header_line,
        placeholder=lambda c: "[deleted]" if c.deleted else "[removed]",
        buttons=lambda _, indent: (
            "permalinkembedsave" + ("parent" if indent else "") + "reportgive awardreply"
        ),
    )
    parts = [part for part in (render_post(thread.preamble, thread.sections), comments) if part]
    return "\n\n\n".join(parts) + "\n" if parts else ""


def header_line(comment: Comment) -> str:
    author = comment.author
    badges = (
        ""
        if author is None
        else "".join(
            f"[{mark}]"
            for mark, badge in (("S", "OP"), ("M", "M"), ("A", "A"))
            if badge in author.badges
        )
    )
    line = f"[–]{shown_name(author)}{badges}"
    if comment.score is not None:
        line += f" {comment.score} point{'' if comment.score == 1 else 's'}"
    line += f" {comment.time or 'just now'}"
    if comment.edited:
        line += "*"
    return line
