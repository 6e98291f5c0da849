r"""mlmym ("old.lemmy.*") page text: the header grammar, the reader and the writer.

mlmym (github.com/rystaf/mlmym) is an old-reddit-style Lemmy front end. What
its page text shows comes from its templates (rystaf/mlmym HEAD, read for this
module; the research notes are lemmy_formats.md 1.4, 1.6, 4.1 d)::

    214                                              post.html: the score
    Community garden opens a tool library (self.x)   the title and ``domain``
    submitted 3 days ago* (last edited 2 days ago) by marigold to c/gardening
    9 comments fedilink                              the post's buttons
    The post body, markdown rendered.                the expando
    all 9 comments                                   main.html: the comment menu
    sorted by: hot top controversial new old
    [-] fernhollow@lemmy.world 46 points 2 days ago* (last edited 1 day ago)
    Does it have a wheelbarrow?                      comment.html: the body
    permalink fedilink source hide child comments    the buttons
      [-] marigold 12 points 2 days ago              a reply (nesting: see below)
      ...
      load more comments (4 replies)                 the replies not shown
    load more comments                               main.html: the next page
    this post was submitted on 12 May 2025           sidebar.html
    214 points (97.3% liked)
    ...

The comment header (``comment.html``, whitespace as the template trims it)::

    <a class="minimize">[-]</a>                      "[+]" when score < -5 or deleted
    <a class="creator">{{ fullname .P.Creator }}</a> username, "@host" when remote
    <b>{{.P.Counts.Score}} points</b> <span>{{ humanize .P.Comment.Published.Time }}</span>
    {{- if edited -}}* (last edited <span>{{ humanize .P.Comment.Updated.Time }}</span>)

so one line ``[-] name@host 46 points 2 days ago* (last edited 1 day ago)``.
What the sources say, and what this module makes of it:

- ``fullname`` (routes.go) is ``person.Name`` for a local user, else
  ``Name + "@" + host``: the username, never the display name; no badges (the
  submitter, mod and admin marks are CSS classes only).
- The score is a raw integer and the word is always ``points`` ("1 points");
  "1 point" is accepted too. ``humanize`` is go-humanize's ``Time``: ``now``,
  ``1 second ago``, ``N minutes ago``, ``1 week ago``, ``2 years ago``,
  ``long ago``, ``N days from now``...
- ``(N children)`` is old reddit's collapsed-comment count; no mlmym template
  writes it, but the research notes list it, so it is read: on a ``[+]``
  comment whose replies are not shown it is ``more_replies``.
- The buttons line is ``permalink fedilink source`` (``hide source`` while
  viewing it), for a logged-in user ``edit delete save block reply``, then
  ``parent`` (single-thread view), ``context`` (profile/search), and the
  child-comment toggle: ``<span class="hide">hide</span><span class="show">show
  N</span> child comments``, which a copy shows as ``hide child comments``,
  ``show N child comments`` or (textContent) ``hideshow N child comments``. Its
  N is not used: state.go's ``getChildren`` leaves ``Counts.ChildCount`` at the
  number of direct replies on the server and ``ChildCount`` at the number shown,
  and the template prints their sum, which counts the shown replies twice.
- ``load more comments`` then ``<span>(N replies)</span>``, inside the
  ``children`` div after the replies shown: N = direct replies not shown.
  Without a count it is main.html's next-page link.
- Deleted and removed bodies are ``[deleted]`` and ``[removed by mod]``.
- Nesting is a CSS margin on ``.children`` (15px): a browser copy has no
  indentation, and a textContent copy has the template's own indentation, the
  same for every comment. No text marks where a reply list starts (the child
  toggle and ``load more comments`` say that a comment has replies, or where a
  reply list ends, not which comments are in it), so the only nesting signal
  read is leading indentation, where a copier kept it.
- textContent copies (and the crawls that keep ``<li>`` apart) split the
  header into ``[-]`` / ``name`` / ``46 points 2 days ago`` and put each button
  on a line of its own; both are read.

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
    Thread,
)
from threadparse.core.post import parse_post, render_post
from threadparse.core.source import Line

__all__ = ("count_headers", "parse_mlmym", "read_header", "render_mlmym")

# -- Header grammar ----------------------------------------------------------------
#
# HEADER  := [MARK [SP]] NAME ["@" HOST] [SP SCORE SP "point" ["s"]] [SP TIME]
#            ["*"] [SP "(last edited " EDITTIME ")"] [SP "(" N " child" ["ren"] ")"]
# MARK    := "[" ("-" | "–" | "—" | "−" | "+") "]"
# SCORE   := ["-" | "−"] DIGITS
# TIME    := go-humanize ("now", "1 week ago", "long ago", "3 days from now"),
#            and, for copies of other fronts, date-fns ("0 seconds ago",
#            "in 3 seconds") and moment.js ("a few seconds", "an hour", "2 days")
#
#   [-] TonyTonyChopper@mander.xyz 18 points 6 months ago     (real crawl, mlmym.lemmy.blahaj.zone)
#   [-] scruffy 2 points 6 months ago                         (a local user: no host)
#   [-] fernhollow@lemmy.world 46 points 2 days ago* (last edited 1 day ago)
#   [+] quietbeet@sopuli.xyz -8 points 1 day ago (2 children)
#   [–]throwaway_123 52 points 5 hours ago*                   (old reddit's dash, glued)
#   fernhollow 46 points 2 days ago                           (JavaScript off: no MARK)
#
# The line is matched after its white space is folded to single spaces (NBSP
# and doubled spaces from the copy). NAME is lazy and bounded, and every piece
# after it starts with a fixed word or character, so a match costs at most
# MAX_NAME extensions of the name times a bounded tail. Without MARK a line is a
# header only with a one-word NAME, a score and a time: "Team 5 points" in a
# body is not one.

#: A header line longer than this is prose (a name of 100, a host of 253, and
#: the counts and times around them fit).
MAX_HEADER_LINE = 600

#: Usernames are at most 100 characters here (Lemmy's limit is lower).
MAX_NAME = 100

#: A textContent copy splits the header into at most this many lines.
MAX_HEADER_LINES = 3

TIME = r"""
      (?:in\ )?(?:[0-9]{1,6}|an?|a\ few)\ (?:second|minute|hour|day|week|month|year)s?
          (?:\ ago|\ from\ now)?
    | now | just\ now | long\ ago | a\ (?:long\ )?while\ (?:ago|from\ now) | indeterminate
"""

_HEADER = regex.compile(
    rf"""
    (?:(?P<mark>\[[-–—−+]\])\ ?)?
    (?P<name>[^\s@][^@]{{0,{MAX_NAME - 1}}}?)
    (?:@(?P<host>[A-Za-z0-9-]{{1,63}}(?:\.[A-Za-z0-9-]{{1,63}}){{1,8}}))?
    (?:\ (?P<score>[-−]?[0-9]{{1,12}})\ points?)?
    (?:\ (?P<time>{TIME}))?
    (?P<star>\ ?\*)?
    (?:\ ?\(last\ edited\ (?P<edit>[^()]{{1,60}})\))?
    (?:\ ?\((?P<children>[0-9]{{1,9}})\ child(?:ren)?\))?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

_MARK = regex.compile(r"\[[-–—−+]\]")
_POINT = regex.compile(r"(?i)point")


@attrs.frozen
class _Header:
    start: int  #: index of the header's first line
    end: int  #: index after its last line
    indent: int  #: of its first line
    collapsed: bool  #: "[+]"
    author: Author
    score: int | None
    time: str | None  #: the edit time when the header shows one
    edited: bool
    children: int | None  #: "(N children)"


def _folded(content: str) -> str:
    """The line with runs of white space (NBSP included) as one space."""
    return " ".join(content.split())


def _read(words: str) -> dict[str, str | None] | None:
    """The header fields of one folded line, or None when it is not a header."""
    if len(words) > MAX_HEADER_LINE:
        return None
    match = _HEADER.fullmatch(words)
    if match is None:
        return None
    fields: dict[str, str | None] = match.groupdict()
    name = fields["name"] or ""
    one_word = not any(char.isspace() for char in name)
    if fields["mark"] is None:
        # JavaScript off hides the [-] link: only a whole mlmym meta line counts.
        if not (one_word and fields["score"] and fields["time"]):
            return None
    elif not (
        one_word
        or fields["score"]
        or fields["time"]
        or fields["star"]
        or fields["edit"]
        or fields["children"]
    ):
        return None  # "[-] some words" is text, not a header
    return fields


def _could_start(words: str) -> bool:
    """Cheap test before the regex: a MARK first, or the word "point" somewhere."""
    if _MARK.match(words):
        return True
    return "point" in words.lower()


def read_header(lines: Sequence[Line], index: int) -> _Header | None:
    """The comment header starting at ``lines[index]``, or None.

    A header whose first line is only a MARK, or MARK and name, may go on over
    the next lines (a textContent copy: ``[-]`` / ``name`` / ``46 points ...``):
    the longest run of up to ``MAX_HEADER_LINES`` adjacent lines that reads as
    one header wins. A joined line may not start with a MARK, so two headers
    with no body between them stay two.
    """
    first = lines[index]
    if first.blank or len(first.content) > MAX_HEADER_LINE:
        return None
    words = _folded(first.content)
    if not _could_start(words):
        return None
    candidates = [(index + 1, words)]
    if _MARK.match(words):
        joined = words
        for following in range(index + 1, min(index + MAX_HEADER_LINES, len(lines))):
            line = lines[following]
            if line.blank or len(joined) + len(line.content) > MAX_HEADER_LINE:
                break
            part = _folded(line.content)
            if _MARK.match(part):
                break
            joined = f"{joined} {part}"
            candidates.append((following + 1, joined))
    for end, text in reversed(candidates):
        fields = _read(text)
        if fields is not None:
            return _header(lines, index, end, fields)
    return None


def _header(lines: Sequence[Line], start: int, end: int, fields: dict[str, str | None]) -> _Header:
    name = fields["name"] or ""
    score = fields["score"]
    edit = fields["edit"]
    children = fields["children"]
    return _Header(
        start=start,
        end=end,
        indent=lines[start].indent,
        collapsed=fields["mark"] == "[+]",
        author=Author(
            name=name,
            display_name=name,
            instance=fields["host"],
            pronouns=(),
            badges=(),
            username=name,
        ),
        score=None if score is None else int(score.replace("−", "-")),
        # The page dialects' ``time`` is the edit time when edited; mlmym shows
        # both, and the publication time has no field of its own.
        time=edit.strip() if edit is not None else fields["time"],
        edited=bool(fields["star"] or edit is not None),
        children=None if children is None else int(children),
    )


def _scan(lines: Sequence[Line]) -> Iterator[_Header]:
    index = 0
    while index < len(lines):
        header = read_header(lines, index)
        if header is None:
            index += 1
        else:
            yield header
            index = header.end


def count_headers(
    lines: Sequence[Line], *, limit: int | None = None, text: str | None = None
) -> int:
    """How many mlmym comment headers the lines hold (a split header counts once).

    For dialect detection. With ``limit``, counting stops once ``limit`` are
    found (the answer is then ``limit``): enough to outvote the other readers.
    With the ``text`` the lines are from, none when it holds neither a MARK nor
    the word "point" (every header has one: ``_could_start``), found by two
    whole-text searches instead of a look at every line.
    """
    if text is not None and _MARK.search(text) is None and _POINT.search(text) is None:
        return 0
    count = 0
    for _ in _scan(lines):
        count += 1
        if limit is not None and count >= limit:
            break
    return count


# -- The lines around the headers ---------------------------------------------------

# LOAD_MORE := "load more comments" [SP "(" N " repl" ("y" | "ies") ")"]; the count
# may be on the next line (textContent keeps the <a> and the <span> apart).
_LOAD_MORE = regex.compile(r"load more comments(?: \((?P<count>[0-9]{1,12}) repl(?:y|ies)\))?")
_REPLIES = regex.compile(r"\((?P<count>[0-9]{1,12}) repl(?:y|ies)\)")

# BUTTONS := BUTTON (SP BUTTON)*, the first "permalink" (comment.html lists it
# first and always). Tolerates: the toggle's "hide"/"show N" spans glued.
BUTTON = r"""
    (?:permalink|fedilink|(?:hide\ )?source|edit|delete|undelete|save|unsave|block|reply
      |parent|context|report|(?:hide\ ?)?(?:show\ [0-9]{1,9}\ )?child\ comments)
"""
_BUTTONS = regex.compile(rf"{BUTTON}(?:\ {BUTTON}){{0,15}}", regex.VERBOSE | regex.IGNORECASE)
MAX_BUTTONS_LINE = 200

# sidebar.html on a post page: "this post was submitted on 02 Jan 2006" (Go's
# date layout), then the score, the community, its description, moderators.
SIDEBAR = regex.compile(
    r"this post was submitted on [0-9]{1,2} [A-Za-z]{3,9} [0-9]{4}", regex.IGNORECASE
)
#: A sidebar line is at most this long.
MAX_SIDEBAR_LINE = 60
#: TP901's message for the sidebar.
SIDEBAR_CHROME = "mlmym's sidebar is page chrome, not part of the thread"

# post.html's header: "submitted TIME[* (last edited TIME)] by USER[@host] to c/NAME[@host]",
# under the title "TITLE (DOMAIN)" (DOMAIN "self.NAME" for a text post) and the
# score; then "N comments" and the post's buttons.
_SUBMITTED = regex.compile(
    r"submitted\ (?P<time>.{1,40}?)(?P<edited>\*\ \(last\ edited\ .{1,40}?\))?"
    r"\ by\ (?P<user>[\w.-]{1,64})(?:@(?P<host>[a-z0-9.-]{1,253}))?"
    r"\ to\ c/(?P<community>[\w.-]{1,64})(?:@(?P<community_host>[a-z0-9.-]{1,253}))?",
    regex.VERBOSE,
)
_TITLE = regex.compile(r"(?P<title>.{1,400}?)\ \((?P<domain>[^()\s]{1,253})\)")
_POST_COMMENTS = regex.compile(r"(?P<count>[0-9]{1,12}) comments?\b.{0,200}")
_SCORE = regex.compile(r"-?[0-9]{1,12}")
#: The post's header is looked for in this many first lines.
_POST_REACH = 12

# main.html after the comments: the pager ("view more: ‹ prev next ›") and the
# empty-page notice. The bare "load more comments" is recognized by _LOAD_MORE.
_PAGE_END = regex.compile(
    r"view more:.{0,40}|there doesn't seem to be anything here", regex.IGNORECASE
)


def _is_buttons(line: Line) -> bool:
    return len(line.content) <= MAX_BUTTONS_LINE and bool(_BUTTONS.fullmatch(_folded(line.content)))


def _starts_buttons(line: Line) -> bool:
    return line.content[:9].lower() == "permalink" and _is_buttons(line)


def _load_more(lines: Sequence[Line], index: int) -> tuple[int | None, int] | None:
    """``(count, lines used)`` for a load-more line at ``index``; count None
    for the bare next-page link. None when the line is not one."""
    line = lines[index]
    if len(line.content) > 60:
        return None
    match = _LOAD_MORE.fullmatch(_folded(line.content).lower())
    if match is None:
        return None
    if match["count"] is not None:
        return int(match["count"]), 1
    if index + 1 < len(lines) and not lines[index + 1].blank:
        counted = _REPLIES.fullmatch(_folded(lines[index + 1].content).lower())
        if counted:
            return int(counted["count"]), 2
    return None, 1


def _is_page_end(line: Line) -> bool:
    return len(line.content) <= 60 and bool(_PAGE_END.fullmatch(_folded(line.content)))


def _sidebar_start(lines: Sequence[Line], start: int) -> int:
    """Index of the sidebar's first line at or after ``start``, or ``len(lines)``."""
    for index in range(start, len(lines)):
        line = lines[index]
        if (
            not line.blank
            and len(line.content) <= MAX_SIDEBAR_LINE
            and SIDEBAR.fullmatch(line.content)
        ):
            return index
    return len(lines)


# -- The reader ---------------------------------------------------------------------


@attrs.define
class _Reader:
    lines: Sequence[Line]
    tree: LineTree
    intact: bool  #: headers at more than one indent: nesting read from indentation

    def comment(self, header: _Header, region: Sequence[Line]) -> None:
        """Place the comment in the tree, then read the lines up to the next header."""
        lines = self.lines
        node = OpenComment(
            author=header.author,
            score=header.score,
            time=header.time,
            edited=header.edited,
            indent=header.indent,
            start=lines[header.start].content_start,
            end=lines[header.end - 1].content_end,
            hidden_replies=header.children if header.collapsed else None,
        )
        if self.intact:
            self.tree.close_to_indent(header.indent)
            self.tree.attach(node, lines[header.start].content_span)
        else:
            self.tree.attach_top(node)
        if header.time is None:
            self.tree.diagnostics.report(
                "TP202",
                "comment header has no time (mlmym writes one after the score)",
                lines[header.start].content_span,
            )
        self._region(node, region)

    def _region(self, node: OpenComment, region: Sequence[Line]) -> None:
        """The comment's own lines, then what closes reply lists and the page."""
        own_end = len(region)
        for index, line in enumerate(region):
            if not line.blank and (_load_more(region, index) or _is_page_end(line)):
                own_end = index
                break
        self.tree.own(
            node,
            region[:own_end],
            starts_buttons=_starts_buttons,
            is_buttons=_is_buttons,
            one_per_line=False,
            after_buttons="text after a comment's buttons line belongs to no comment "
            "(a reply form, or page chrome)",
        )
        index = own_end
        page_end = False
        while index < len(region):
            line = region[index]
            if line.blank:
                index += 1
                continue
            more = None if page_end else _load_more(region, index)
            if more is None or more[0] is None:
                # main.html's pager and what follows it; or text after a
                # "load more comments" line, which no template writes.
                page_end = page_end or more is not None or _is_page_end(line)
                self.unplace(
                    [line],
                    "page chrome after the comments (mlmym's next-page link or pager)"
                    if page_end
                    else "line after a 'load more comments' line belongs to no comment",
                )
                index += 1
                continue
            count, used = more
            target = self._load_more_target(node, line)
            if target is None or target.more_replies is not None:
                self.unplace(
                    region[index : index + used],
                    "'load more comments' line whose comment cannot be told "
                    "(indentation was stripped, or no comment is open left of it)",
                )
            else:
                target.more_replies = count
                target.end = max(target.end, region[index + used - 1].content_end)
            index += used

    def _load_more_target(self, node: OpenComment, line: Line) -> OpenComment | None:
        """The comment whose reply list a load-more line at ``line`` ends.

        With indentation, the line sits at its comment's replies' indent: the
        innermost comment open left of it. Without, only the comment just read
        can be meant with any confidence (its first load-more line); an
        ancestor's cannot be told from it.
        """
        if not self.intact:
            return node
        self.tree.close_to_indent(line.indent)
        return self.tree.page[-1] if self.tree.page else None

    def unplace(self, lines: Sequence[Line], message: str) -> None:
        """Runs of the lines become ``Thread.unparsed`` texts, with one TP901
        spanning them all (a sidebar is one piece of chrome, not ten errors)."""
        self.tree.unplace(lines, message, one_per_line=False)


def post_header(lines: Sequence[Line]) -> tuple[Post | None, set[int]]:
    """The post's header (post.html): score, title, the "submitted ... by ... to
    c/..." line and "N comments"; None when the text has no "submitted" line
    (a copy that starts at the body). The lines it uses are not the body's."""
    nonblank = [i for i, line in enumerate(lines) if not line.blank][:_POST_REACH]
    found = next(
        (k for k, i in enumerate(nonblank) if _SUBMITTED.fullmatch(lines[i].content)), None
    )
    if found is None:
        return None, set()
    submitted = _SUBMITTED.fullmatch(lines[nonblank[found]].content)
    assert submitted is not None
    used = {nonblank[found]}
    title: str | None = None
    domain: str | None = None
    score: int | None = None
    if found >= 1:
        shown = lines[nonblank[found - 1]].content
        used.add(nonblank[found - 1])
        match = _TITLE.fullmatch(shown)
        title = match["title"] if match else shown
        if match and not match["domain"].startswith("self."):
            domain = match["domain"]
        if found >= 2 and _SCORE.fullmatch(lines[nonblank[found - 2]].content):
            score = int(lines[nonblank[found - 2]].content)
            used.add(nonblank[found - 2])
    comment_count: int | None = None
    if found + 1 < len(nonblank):
        after = _POST_COMMENTS.fullmatch(lines[nonblank[found + 1]].content)
        if after:
            comment_count = int(after["count"])
            used.add(nonblank[found + 1])
    user = submitted["user"]
    first, last = min(used), max(used)
    return Post(
        title=title,
        author=Author(user, user, submitted["host"], (), (), username=user),
        community=Community(submitted["community"], None, submitted["community_host"]),
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
    ), used


#: TP201's message.
ONE_INDENT = (
    "every comment header is at the same indent: mlmym nests replies with a CSS "
    "margin, which a copy loses, so every comment is read as top-level"
)


def read_post(lines: Sequence[Line]) -> tuple[Post | None, Preamble, tuple[Section, ...]]:
    """The lines before the first comment header: the post's header
    (``post_header``), and the rest as the post's body (``parse_post``)."""
    post, used = post_header(lines)
    preamble, sections = parse_post(
        [line for index, line in enumerate(lines) if index not in used], one_per_line=False
    )
    return post, preamble, sections


def parse_mlmym(
    lines: Sequence[Line], *, max_depth: int | None, diagnostics: Diagnostics
) -> Thread:
    """Read mlmym page text: the post, the comment tree, and what is neither.

    - The post's header (score, title and domain, the ``submitted ... by ...
      to c/...`` line, ``N comments`` and the post's buttons) is
      ``Thread.post``; every other line before the first comment header is
      the post's body (``parse_post``), the comment count and sort bar
      included.
    - Depth comes from the indentation of the header lines when they sit at
      more than one indent. When they all share one (a browser copy), nesting
      is lost: every comment is top-level, with one TP201 when there are two
      or more comments (a thread whose comments are all top-level reads the
      same, and gets the warning too).
    - ``load more comments (N replies)`` sets ``more_replies`` of the comment
      whose reply list it ends; ``(N children)`` on a ``[+]`` comment does when
      no reply of it is shown and no load-more line says otherwise.
    - The sidebar (from ``this post was submitted on DATE`` after the last
      header) and main.html's pager are page chrome: ``Thread.unparsed``, TP901.
    """
    headers = list(_scan(lines))
    stop = _sidebar_start(lines, headers[-1].end if headers else 0)
    post_end = headers[0].start if headers else stop
    post, preamble, sections = read_post(lines[:post_end])
    reader = _Reader(
        lines=lines,
        tree=LineTree(max_depth, diagnostics),
        intact=len({header.indent for header in headers}) > 1,
    )
    if not reader.intact and len(headers) > 1:
        diagnostics.report(
            "TP201",
            ONE_INDENT,
            lines[headers[0].start].content_span,
        )
    for number, header in enumerate(headers):
        region_end = headers[number + 1].start if number + 1 < len(headers) else stop
        reader.comment(header, lines[header.end : region_end])
    reader.unplace(lines[stop:], SIDEBAR_CHROME)
    return Thread(
        dialect="mlmym",
        preamble=preamble,
        sections=sections,
        comments=reader.tree.freeze(),
        unattributed=(),
        unparsed=tuple(sorted(reader.tree.unplaced, key=lambda text: text.span.start)),
        diagnostics=diagnostics.sorted(),
        post=post,
    )


# -- The writer ---------------------------------------------------------------------


def render_mlmym(thread: Thread) -> str:
    """The thread as mlmym page text, replies indented 2 spaces a level.

    ``parse_mlmym`` reads back each comment's author (its ``username``, else
    its ``name``, and instance), score, time, edited, deleted/removed,
    more_replies, depth and paragraphs. What mlmym cannot show is not written:
    display names, pronouns, badges, up/downvotes, language; a comment both
    deleted and removed shows ``[deleted]`` only; an edited comment's time is
    written as both the publication and the edit time (the model keeps one).
    A comment without an author is shown as ``unknown``. The post is written
    as the page dialects write it (preamble, then sections); the sidebar and
    ``Thread.unparsed`` are not written.
    """
    comments = write_comments(
        thread.comments,
        header=_header_line,
        placeholder=lambda c: "[deleted]" if c.deleted else "[removed by mod]",
        buttons=_buttons,
    )
    parts = [part for part in (render_post(thread.preamble, thread.sections), comments) if part]
    return "\n\n\n".join(parts) + "\n" if parts else ""


def _header_line(comment: Comment) -> str:
    author = comment.author
    name = "unknown" if author is None else (author.username or author.name)
    if author is not None and author.instance is not None:
        name = f"{name}@{author.instance}"
    collapsed = comment.deleted or (comment.score is not None and comment.score < -5)
    pieces = ["[+]" if collapsed else "[-]", name]
    if comment.score is not None:
        pieces.append(f"{comment.score} points")
    if comment.time is not None:
        pieces.append(comment.time)
    line = " ".join(pieces)
    if comment.edited:
        line += "*" if comment.time is None else f"* (last edited {comment.time})"
    return line


def _buttons(comment: Comment, indent: str) -> str:
    if comment.replies or comment.more_replies:
        return "permalink fedilink source hide child comments"
    return "permalink fedilink source"
