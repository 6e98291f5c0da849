"""lemmy-ui post pages as browsers give their text: innerText, a selection, the clipboard.

This is the text a person gets from a real lemmy-ui page (0.18.x, 0.19.x) by
select all + copy, or a scraper from ``document.body.innerText``. It has no
icon names and no list bullets (that is the seeds' shape, read by
``comments.py``); every header part is a line of its own, or glued by Firefox.
Facts behind every rule are in ``../shared/real_ui/README.md``; the elements
that print each line are lemmy-ui's ``post-listing``, ``comment-node``,
``person-listing``, ``vote-buttons`` and ``moment-time``.

Page, top to bottom::

    Jump to content                      innerText only: the skip link
    Lemmygrad / Communities / ... Sign Up    the navbar (Firefox copy: indented 4)
    187                                  post score (innerText, desktop)
    News Megathread: ...                 title (mobile: after the author line)
    Quill [she/her]                      post author, then its badges
    M
     to World NewsEnglish · 8 days ago   community, language glued, time (innerText)
    15 (11 New)                          comment count (innerText)
    (body: preamble and link sections)
    You must log in or register to comment.
    Hot / Top / Controversial / New / Old / Chat      sort buttons (innerText)
    (comments)
    World News / worldnews / Subscribe / You are not logged in. ...   sidebar
    BE: 0.19.12 / Modlog / Instances / Docs / Code / join-lemmy.org   footer

A comment header, in its forms::

    NAME                  display name, or a username; 0.18 style: @name or @name@host
    @host                 0.19.4+: the host of a remote user, on its own line
    OP / M / A / B / Banned from community      badges, a line each (Chromium)
    English               language (not on mobile; none when undetermined)
    1.23K / •             <= 0.19.3: the score, then U+2022 (Firefox: OPMEnglish1.23K•)
    1.23K1·               0.19.4+ innerText: up and down counts glued (Chromium),
                          or "1.23K" and "1·" on two lines (Firefox)
    2 days ago            innerText only: the time
    (blank line, then the body; "N more replies ➔" after it, innerText only)

0.19.4+ selections and copies have no votes and no time (``user-select:
none``), so their headers have no end mark: a Chromium copy puts two blank
lines before every comment, a Firefox copy indents every comment and puts no
blank line before it. Only a Firefox copy carries nesting (4 columns a level).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

import attrs
import regex

from threadparse.core.blockgrammar import lines_end
from threadparse.core.diagnostics import Diagnostics
from threadparse.core.lemmy import (
    canonical_badges,
    deletion_of,
    more_replies_of,
    parse_count,
    split_pronouns,
)
from threadparse.core.models import Author, Comment, Community, Post, Span, Text, Thread
from threadparse.core.post import parse_post, text_of
from threadparse.core.source import Line, split_lines
from threadparse.core.walk import preorder
from threadparse.formats.lemmy_page.chrome import (
    LOGIN_NOTICE,
    NAVBAR,
    SIDEBAR_OPENERS,
    SORT_BUTTONS,
    is_chrome,
    is_footer,
)
from threadparse.formats.lemmy_page.header import (
    MAX_NAME_LINE,
    Token,
    classify_token,
)

#: Names of the ways a page's text is captured (``Thread.capture``).
CAPTURES = ("chromium-innertext", "chromium-copy", "firefox-innertext", "firefox-copy")

#: The post's community line is looked for in this many first lines (the
#: navbar and the post's title come before it).
CAPTURE_REACH = 200

#: Firefox's copy indents each reply level by this many columns.
FIREFOX_STEP = 4

_HOST = r"[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}"
_HOST_LINE = regex.compile(rf"@(?P<host>{_HOST})")
# 0.18-style names: "@name" for a local user, "@name@host" for a remote one.
_AT_NAME = regex.compile(rf"@(?P<user>[\w.-]{{1,64}}?)(?:@(?P<host>{_HOST}))?")
_BADGE_WORDS = ("Banned from community", "Banned", "OP", "M", "A", "B")
_BADGE_SET = frozenset(_BADGE_WORDS)
# numToSI: Intl compact notation with 3 significant digits.
_SI = r"(?:[-−]?(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?[KMBT]?)"
_SI_FULL = regex.compile(_SI)
# A count line glued to its separator: "17·" (0.19.4+), "1.23K1·", "-9•".
_COUNTS_SEP = regex.compile(
    r"(?P<counts>[-−]?[\d.]{1,12}[KMBT]?(?:[\d.]{1,12}[KMBT]?)?)\s?(?P<sep>[·•])"
)
_SEPS = ("·", "•")
# The post's community line: " to World NewsEnglish · 8 days ago"; Firefox's
# copy glues the author and badges before it.
_TO_LINE = regex.compile(
    r"(?:(?P<before>.{1,300}?)\ )?to\ (?P<community>.{1,300}?)\ (?P<sep>[·•])(?:\ (?P<time>.{1,60}))?",
    regex.VERBOSE,
)
_COMMENT_COUNT = regex.compile(r"(?P<count>\d{1,12}(?:\.\d{1,2})?[KMBT]?)(?: \(\d{1,12} New\))?")
_DOMAIN = regex.compile(_HOST)
_COMMUNITY_NAME = regex.compile(rf"!?(?P<name>[a-z0-9_]{{1,40}})(?:@(?P<host>{_HOST}))?")
# A capital that follows a lower-case letter: where Firefox glued a language on.
_CASE_SEAM = regex.compile(r"(?<=[\p{Ll}\d\)\]])(?=\p{Lu})")
# A language's name as Lemmy's table writes it: one to three words, the first
# not in lower case ("English", "Norsk Bokmål", "中文").
_LANGUAGE = regex.compile(r"[\p{Lu}\p{Lo}][\p{L}\p{M}()'’-]{0,24}(?: [\p{L}\p{M}()'’-]{1,24}){0,2}")
#: Language names the community line may end with, used only where the page
#: shows no sidebar to say where the community's title ends (mobile). Lemmy
#: names languages natively; the captures confirm English, Deutsch and Español,
#: the rest are the native names of the languages most posts are in. A name not
#: here leaves the title whole and the language None (never a wrong split).
LANGUAGES = frozenset(
    (
        "English",
        "Deutsch",
        "Español",
        "Français",
        "Italiano",
        "Português",
        "Nederlands",
        "Polski",
        "Русский",
        "Українська",
        "Svenska",
        "Suomi",
        "Dansk",
        "Norsk Bokmål",
        "Čeština",
        "Magyar",
        "Română",
        "Türkçe",
        "Ελληνικά",
        "日本語",
        "中文",
        "한국어",
        "Esperanto",
        "Català",
        "Euskara",
        "Galego",
        "Hrvatski",
        "Srpski",
        "Slovenčina",
        "Български",
        "עברית",
        "العربية",
        "فارسی",
        "हिन्दी",
        "Bahasa Indonesia",
        "Tiếng Việt",
        "Lietuvių",
        "Latviešu",
        "Eesti",
        "Íslenska",
        "Gaeilge",
        "Cymraeg",
    )
)

#: Longest name line read where no header line confirms it (a 0.19.4+ copy):
#: Lemmy caps display names at 20 to 50 characters; pronoun tags add some.
_MAX_BARE_NAME = 60
#: Longest header of a comment, in lines (name, host, six badges, language, votes, time).
_MAX_HEADER = 14


@attrs.frozen
class Layout:
    """What the text shows about how it was captured."""

    version: str  #: "lemmy-0.19" (0.19.4+) or "lemmy-0.18" (0.18.x to 0.19.3)
    kind: str  #: "innertext" or "copy"
    firefox: bool

    @property
    def capture(self) -> str:
        return f"{'firefox' if self.firefox else 'chromium'}-{self.kind}"


@attrs.define
class _Header:
    start: int
    end: int  #: index after the header's last line
    author: Author
    language: str | None = None
    score: int | None = None
    upvotes: int | None = None
    downvotes: int | None = None
    time: str | None = None
    readings: tuple[tuple[int, int], ...] = ()  #: ambiguous glued up/down counts
    glued: str | None = None


# -- Lines ---------------------------------------------------------------------


#: Distinct lines the cached readers below remember. A capture's header lines
#: repeat (names, badges, counts, times); a thread of 10,000 comments asks for
#: each line's words about 40 times (profiled: 20% of the reading).
_CACHED = 8192


@functools.lru_cache(maxsize=_CACHED)
def _words(content: str) -> str:
    return " ".join(content.split())


def _is_badge(content: str) -> bool:
    return _words(content) in _BADGE_SET


def _is_time(content: str) -> bool:
    return classify_token(content) is Token.TIME


def _split_badges(text: str) -> tuple[list[str], str]:
    """Badges glued at the start of ``text`` (Firefox: ``OPMEnglish``), and the rest.

    A badge is split off only where what follows it cannot continue a word:
    ``MEnglish`` is M and English, ``Magyar`` is a language.
    """
    badges: list[str] = []
    rest = text
    while rest:
        for badge in _BADGE_WORDS:
            after = rest[len(badge) :]
            if rest.startswith(badge) and (not after or not after[0].islower()):
                badges.append(badge)
                rest = after.lstrip() if badge == "Banned from community" else after
                break
        else:
            break
    return badges, rest


@functools.lru_cache(maxsize=_CACHED)
def _glued_tail(content: str) -> tuple[tuple[str, ...], str | None, str | None, str] | None:
    """Firefox's glued header line: badges, language, counts, separator.

    ``OPMEnglish1.23K•`` -> (("OP", "M"), "English", "1.23K", "•"). None when
    the line is not one.
    """
    words = _words(content)
    if not words or len(words) > 80:
        return None
    sep = ""
    if words[-1] in _SEPS:
        sep = words[-1]
        words = words[:-1].rstrip()
    badges, rest = _split_badges(words)
    counts: str | None = None
    match = _TRAILING_COUNT.search(rest)
    if match and (match.start() == 0 or not rest[match.start() - 1].isdigit()):
        counts = match.group()
        rest = rest[: match.start()]
    language = rest or None
    if language is not None and not _LANGUAGE.fullmatch(language):
        return None
    if not badges and not sep:
        return None  # a lone word: a plain language line, or body text
    if counts is not None and not sep:
        return None
    return tuple(badges), language, counts, sep


_TRAILING_COUNT = regex.compile(r"[-−]?\d[\d.]{0,12}[KMBT]?$")


def split_counts(glued: str) -> list[tuple[int, int]]:
    """Every (up, down) reading of Chromium's glued counts (``1.23K1`` -> [(1230, 1)]).

    lemmy-ui prints the upvotes always and the downvotes only when there are
    any, each in numToSI's compact form; a reading must fit that form.
    """
    return list(_readings(glued))


@functools.lru_cache(maxsize=_CACHED)
def _readings(glued: str) -> tuple[tuple[int, int], ...]:
    readings: list[tuple[int, int]] = []
    for cut in range(1, len(glued) + 1):
        up, down = glued[:cut], glued[cut:]
        if not _SI_FULL.fullmatch(up) or up.startswith(("-", "−")):
            continue
        if down and (not _SI_FULL.fullmatch(down) or down == "0" or down[0] in "-−"):
            continue
        up_value = parse_count(up)
        down_value = parse_count(down) if down else 0
        if up_value is None or down_value is None:
            continue
        readings.append((up_value, down_value))
    return tuple(readings)


def _name_author(content: str, layout: Layout) -> Author | None:
    """The author a name line shows, or None when it cannot be a name line."""
    return _name_author_of(content, layout.version)


@functools.lru_cache(maxsize=_CACHED)
def _name_author_of(content: str, version: str) -> Author | None:
    words = _words(content)
    if (
        not words
        or len(words) > MAX_NAME_LINE
        or "\t" in content
        or "  " in content.strip()  # a table or code row
        or words.startswith(("http://", "https://"))
        or words in _SEPS
        or is_chrome(words)
        or more_replies_of(words) is not None
        or deletion_of(words) is not None
    ):
        return None
    token = classify_token(words)
    if token not in (None, Token.LANGUAGE):
        return None
    at = _AT_NAME.fullmatch(words) if version == "lemmy-0.18" else None
    if at:
        user = at["user"]
        return Author(
            name=user,
            display_name=user,
            instance=at["host"],
            pronouns=(),
            badges=(),
            username=user,
        )
    if words.startswith("@"):
        return None
    name, pronouns = split_pronouns(words)
    return Author(name=name, display_name=words, instance=None, pronouns=pronouns, badges=())


# -- Headers -------------------------------------------------------------------


def _read_header(lines: Sequence[Line], index: int, layout: Layout) -> _Header | None:
    """The comment header starting at ``lines[index]``, or None.

    innerText headers end with the time; <= 0.19.3 copies with the score's
    separator. 0.19.4+ copies have no end mark: their headers are read by
    ``_read_bare_header`` where the layout says a comment starts.
    """
    author = _name_author(lines[index].content, layout)
    if author is None:
        return None
    # The header's lines, a lone blank line between two of them skipped (copy
    # damage: a CRLF file whose lines got trailing spaces); its end mark makes
    # sure of it.
    window = [index]
    position = index + 1
    while position < len(lines) and len(window) <= _MAX_HEADER:
        if lines[position].blank:
            if position + 1 >= len(lines) or not _sure_token(lines[position + 1].content):
                break  # a blank line, then text: the header ended
            position += 1
        window.append(position)
        position += 1
    header = _Header(start=index, end=index + 1, author=author)
    read = _header_parts([lines[i].content for i in window], 1, header, layout)
    if read is None:
        return None
    closed = (layout.kind == "innertext" and header.time is not None) or (
        layout.kind == "copy" and layout.version == "lemmy-0.18" and header.score is not None
    )
    if not closed:
        return None
    header.end = window[read - 1] + 1
    return header


def _report_header_lines_in_bodies(comments: Sequence[Comment], diagnostics: Diagnostics) -> None:
    """TP106 when comment bodies hold a line only a header has, a remote author's
    ``@host`` line: a header the reader did not take, so comments may have run
    together. Said once, at the first such paragraph."""
    found: list[Span] = []
    for comment in preorder(tuple(comments), lambda comment: comment.replies):
        for paragraph in comment.paragraphs:
            for line in paragraph.text.split("\n"):
                if _HOST_LINE.fullmatch(_words(line)):
                    found.append(paragraph.span)
                    break
    if found:
        first = found[0]  # in reading order: the first such paragraph
        diagnostics.report(
            "TP106",
            f"{_count(len(found), 'paragraph')} of comment bodies hold a line only a comment "
            "header has (an author's @host line): a header was not read, so comments may "
            "have run together",
            first,
        )


def _sure_token(content: str) -> bool:
    """A header line that no name or body line is: a host, a badge, a count, a
    separator, a time, or Firefox's glued badges and score."""
    words = _words(content)
    return bool(
        _HOST_LINE.fullmatch(words)
        or words in _BADGE_SET
        or words in _SEPS
        or _SI_FULL.fullmatch(words)
        or _COUNTS_SEP.fullmatch(words)
        or _is_time(words)
        or (len(words) <= 80 and _glued_tail(words) is not None)
    )


def _header_parts(
    contents: Sequence[str],
    position: int,
    header: _Header,
    layout: Layout,
    fits: Callable[[int], bool] | None = None,
) -> int | None:
    """Read the lines after a name line (their contents) into ``header``; the
    index after them. ``fits(i)`` says whether ``contents[i]`` may be a 0.19.4+
    copy's language (``_language_fits``); only that layout needs it.

    The careful reader and the block reader (``capture_blocks.py``) both read
    a header's lines here, so that they read them alike."""
    after = _header_tokens(contents, position, header, layout, fits)
    if after is None:
        return None
    position = _votes(contents, after, header, layout)
    if position < len(contents) and layout.kind == "innertext" and _is_time(contents[position]):
        header.time = _words(contents[position])
        position += 1
    return position


def _header_tokens(
    contents: Sequence[str],
    position: int,
    header: _Header,
    layout: Layout,
    fits: Callable[[int], bool] | None = None,
) -> int | None:
    """``_header_parts``'s first part: the host, badges and language lines (a
    Firefox copy's glued line) at ``position``, read into ``header``; the index
    after them. Only the vote lines and the time are read after them."""
    badges: list[str] = []
    end = min(len(contents), position + _MAX_HEADER)
    if position < end and (host := _HOST_LINE.fullmatch(_words(contents[position]))):
        header.author = _with_instance(header.author, host["host"])
        position += 1
    while position < end and _is_badge(contents[position]):
        badges.append(_words(contents[position]))
        position += 1
    if position < end:
        content = _words(contents[position])
        glued = _glued_tail(content) if layout.firefox and layout.kind == "copy" else None
        if glued is not None:
            glued_badges, language, counts, sep = glued
            badges += glued_badges
            header.language = language
            if counts is not None:
                header.score = parse_count(counts)
            position += 1
            if sep == "•" and header.score is None:
                return None
        elif (
            # A <= 0.19.3 Firefox copy glues the language to the score ("English1•").
            not (layout.firefox and layout.kind == "copy" and layout.version == "lemmy-0.18")
            and _LANGUAGE.fullmatch(content)
            and "  " not in contents[position]
            and classify_token(content) is Token.LANGUAGE
        ) and (
            not (layout.kind == "copy" and layout.version == "lemmy-0.19")
            or (fits is not None and fits(position))
        ):
            header.language = content
            position += 1
    badges_shown = canonical_badges(badges)
    if header.author.badges != badges_shown:
        header.author = _with_badges(header.author, badges_shown)
    return position


# A thread's authors are few and write many comments: each is made once.
@functools.lru_cache(maxsize=_CACHED)
def _with_instance(author: Author, instance: str) -> Author:
    return attrs.evolve(author, instance=instance)


@functools.lru_cache(maxsize=_CACHED)
def _with_badges(author: Author, badges: tuple[str, ...]) -> Author:
    return attrs.evolve(author, badges=badges)


def _language_fits(lines: Sequence[Line], position: int) -> bool:
    """In a 0.19.4+ copy a word after the name is its language only when the body
    follows it: at once (Chromium) or after one blank line (Firefox)."""
    following = position + 1
    if following < len(lines) and not lines[following].blank:
        return True
    body = following
    while body < len(lines) and body - following < 2 and lines[body].blank:
        body += 1  # one blank line; two where the copy doubled it
    return (
        body < len(lines)
        and not lines[body].blank
        and lines[body].indent >= lines[position].indent
        and lines[position].indent > 0
    )


def _votes(contents: Sequence[str], position: int, header: _Header, layout: Layout) -> int:
    """The vote lines at ``position``: a score and "•" (<= 0.19.3), or up and down
    counts and "·" (0.19.4+ innerText)."""
    if position >= len(contents):
        return position
    content = _words(contents[position])
    following = _words(contents[position + 1]) if position + 1 < len(contents) else ""
    if layout.version == "lemmy-0.18":
        if _SI_FULL.fullmatch(content) and following == "•":
            header.score = parse_count(content)
            return position + 2
        glued = _COUNTS_SEP.fullmatch(content)
        if glued and glued["sep"] == "•" and _SI_FULL.fullmatch(glued["counts"]):
            header.score = parse_count(glued["counts"])
            return position + 1
        return position
    if layout.kind != "innertext":
        return position
    # 0.19.4+: Firefox prints "12" and "2·" on two lines, Chromium "122·".
    after = _COUNTS_SEP.fullmatch(following)
    if _SI_FULL.fullmatch(content) and after and after["sep"] == "·":
        up, down = parse_count(content), parse_count(after["counts"])
        if up is not None and down is not None:
            header.upvotes, header.downvotes, header.score = up, down, up - down
            return position + 2
    glued = _COUNTS_SEP.fullmatch(content)
    if glued and glued["sep"] == "·":
        counts = glued["counts"]
        if layout.firefox:
            up = parse_count(counts)
            if up is not None:
                header.upvotes, header.downvotes, header.score = up, 0, up
            return position + 1
        readings = _readings(counts)
        if len(readings) == 1:
            ((up, down),) = readings
            header.upvotes, header.downvotes, header.score = up, down, up - down
        else:
            header.readings = tuple(readings)
            header.glued = counts
        return position + 1
    return position


# -- The page --------------------------------------------------------------------


def detect_layout(lines: Sequence[Line]) -> Layout | None:
    """How the page was captured, or None when this is not a lemmy-ui page's text.

    The post's community line (" to NAME · ") is the page's mark; its
    separator tells the versions apart (U+2022 up to 0.19.3, U+00B7 after).
    """
    to_line = find_to_line(lines)
    if to_line is None or page_marks(lines) == 0:
        return None  # a sentence "from A to B · 3 hours ago" alone is no page
    layout = page_layout(lines, to_line)
    if layout.kind == "innertext" and not layout.firefox and split_votes(lines):
        return attrs.evolve(layout, firefox=True)
    return layout


def page_layout(lines: Sequence[Line], to_line: int) -> Layout:
    """The layout the page's lines up to its community line (``lines[to_line]``)
    and the line after it show. An innerText capture is Firefox's also where
    any two lines are ``split_votes``: ``detect_layout`` looks at them all."""
    match = _TO_LINE.fullmatch(_words(lines[to_line].content))
    assert match is not None
    version = "lemmy-0.18" if match["sep"] == "•" else "lemmy-0.19"
    following = lines[to_line + 1].content if to_line + 1 < len(lines) else ""
    # innerText keeps the post's time (on the community line, or Firefox's next
    # line); a copy never has it (user-select: none).
    innertext = (
        any(_words(line.content) == "Jump to content" for line in lines[:to_line])
        or match["time"] is not None
        or _is_time(following)
    )
    indented = [line for line in lines[:to_line] if not line.blank and line.indent > 0]
    firefox = bool(indented) and all(line.indent % FIREFOX_STEP == 0 for line in indented)
    if innertext:
        firefox = match["time"] is None and _is_time(following)
    return Layout(version=version, kind="innertext" if innertext else "copy", firefox=firefox)


def split_votes(lines: Sequence[Line]) -> bool:
    """Are two of the lines a vote count and a count glued to "·" ("12", "2·"),
    as only Firefox's innerText of a 0.19.4+ page prints a header's votes?"""
    return any(split_pair(a.content, b.content) for a, b in itertools.pairwise(lines))


def split_pair(first: str, second: str) -> bool:
    """Are two lines' contents a vote count and a count glued to "·" (``split_votes``)?"""
    return bool(
        _SI_FULL.fullmatch(_words(first))
        and (glued := _COUNTS_SEP.fullmatch(_words(second)))
        and glued["sep"] == "·"
    )


def page_marks(lines: Sequence[Line]) -> int:
    """How many of the page's other marks the text has: the login notice, and the
    site's chrome (navbar or footer lines)."""
    notice = any(not line.blank and LOGIN_NOTICE.fullmatch(_words(line.content)) for line in lines)
    chrome = sum(1 for line in lines if not line.blank and is_chrome(line.content)) >= 3
    return int(notice) + int(chrome)


def find_to_line(lines: Sequence[Line]) -> int | None:
    """The post's community line: in the first ``CAPTURE_REACH`` lines, before the
    login notice."""
    for index, line in enumerate(lines[:CAPTURE_REACH]):
        if line.blank:
            continue
        if LOGIN_NOTICE.fullmatch(_words(line.content)):
            return None
        words = _words(line.content)
        if " to " not in f" {words}" or len(words) > 400:
            continue
        match = _TO_LINE.fullmatch(words)
        if match and (match["time"] is None or _is_time(match["time"])):
            return index
    return None


def has_to_line(text: str) -> bool:
    """Does the text hold a post's community line (``find_to_line``) where a
    capture has it? Only its first ``CAPTURE_REACH`` lines are split."""
    return find_to_line(split_lines(text[: lines_end(text, CAPTURE_REACH)])) is not None


def read_capture(
    lines: Sequence[Line], layout: Layout, *, max_depth: int | None, diagnostics: Diagnostics
) -> Thread:
    """The thread in a lemmy-ui page's text captured as ``layout`` says.

    The page's parts, in order: the navbar (chrome), the post's header around
    its community line, the post's body, the login notice (chrome), the sort
    buttons (chrome), the comments, the sidebar and footer (chrome). A page read
    while logged in has no login notice: there the comments start at the first
    comment header after the post.
    """
    chrome: list[int] = []
    to_line = find_to_line(lines)
    assert to_line is not None
    post, header_lines, shown = read_post(lines, to_line, layout)
    chrome += [i for i in range(min(header_lines)) if not lines[i].blank]
    body_start = max(header_lines) + 1
    login = next(
        (
            i
            for i in range(body_start, len(lines))
            if not lines[i].blank and LOGIN_NOTICE.fullmatch(_words(lines[i].content))
        ),
        None,
    )
    if login is not None:
        chrome.append(login)
        comments_start = _after_sort_buttons(lines, login + 1, chrome)
        sidebar, sidebar_title = _sidebar_start(lines, comments_start, shown)
        headers = _find_headers(lines, comments_start, sidebar, layout)
        body_end = login
    else:
        sidebar, sidebar_title = _sidebar_start(lines, body_start, shown)
        headers = _find_headers(lines, body_start, sidebar, layout)
        body_end = comments_start = headers[0].start if headers else sidebar
        while body_end > body_start and (
            lines[body_end - 1].blank or is_chrome(lines[body_end - 1].content)
        ):
            body_end -= 1  # the sort buttons above the first comment
            if not lines[body_end].blank:
                chrome.append(body_end)
    comments = _build(lines, headers, sidebar, layout, max_depth, diagnostics)
    unparsed: list[Text] = []
    first = headers[0].start if headers else sidebar
    stray = [i for i in range(comments_start, first) if not lines[i].blank]
    for i in stray:
        unparsed.append(Text(lines[i].content, lines[i].content_span))
        diagnostics.report(
            "TP901",
            "line is in the comments' place but before the first comment header",
            lines[i].content_span,
        )
    if not headers and stray:
        diagnostics.report(
            "TP106",
            f"the page has {_count(len(stray), 'line')} where its comments go, but no "
            "comment header was read from them",
            lines[stray[0]].content_span,
        )
    _report_header_lines_in_bodies(comments, diagnostics)
    return page_thread(
        lines,
        lines,
        sidebar,
        sidebar_title,
        post=post,
        used=header_lines,
        shown=shown,
        body=(body_start, body_end),
        chrome=chrome,
        comments=comments,
        headers=len(headers),
        ambiguous=[(lines[h.start].content_span, h) for h in headers if h.readings],
        unparsed=unparsed,
        layout=layout,
        diagnostics=diagnostics,
    )


def page_thread(
    lines: Sequence[Line],
    tail: Sequence[Line],
    sidebar: int,
    sidebar_title: str | None,
    *,
    post: Post,
    used: Sequence[int],
    shown: str,
    body: tuple[int, int],
    chrome: Sequence[int],
    comments: tuple[Comment, ...],
    headers: int,
    ambiguous: Sequence[tuple[Span, _Header]],
    unparsed: Sequence[Text],
    layout: Layout,
    diagnostics: Diagnostics,
) -> Thread:
    """The page's thread, from its parts read: the post's header (``read_post``'s
    ``post``, ``used`` and ``shown``), the post's body (``lines[slice(*body)]``),
    the chrome before the comments (``chrome``, indices in ``lines``), the
    sidebar and footer (from ``tail[sidebar]`` on), the comments, the number of
    headers read and those whose glued votes read several ways (``ambiguous``,
    with their name line's span), and what is left unparsed.

    ``tail`` is ``lines`` for the careful reader; the block reader
    (``capture_blocks.py``) gives the page's end as lines of their own."""
    to_line = used[0]  # read_post gives the community line first
    if sidebar_title is not None and layout.firefox and layout.kind == "copy":
        post, shown = _resplit_author(post, lines[to_line], shown, sidebar_title, layout)
    community, language = _community_and_language(shown, sidebar_title)
    if community is not None:
        community = _sidebar_name(tail, sidebar, community)
    post = attrs.evolve(post, community=community, language=language)
    body_start, body_end = body
    embed: list[int] = []
    if post.domain is not None:
        # The embed: its title glued to the host, its description on the next line.
        for i in range(body_start, body_end):
            if not lines[i].blank and lines[i].content.endswith(post.domain):
                embed = [i, i + 1] if i + 1 < body_end and not lines[i + 1].blank else [i]
                break
    body_lines = [lines[i] for i in range(body_start, body_end) if i not in embed]
    preamble, sections = parse_post(body_lines, one_per_line=False)
    if embed:
        texts = tuple(Text(_words(lines[i].content), lines[i].content_span) for i in embed)
        post = attrs.evolve(post, embed=texts, span=Span(post.span.start, texts[-1].span.end))
    if not any(is_footer(line.content) for line in tail[sidebar:] if not line.blank):
        diagnostics.report(
            "TP107",
            "the page's text ends before its sidebar and footer: the copy may be cut short, "
            "and comments after the cut are not in it",
            Span(tail[-1].content_start, tail[-1].content_end) if tail else Span(0, 0),
        )
    nesting = layout.firefox and layout.kind == "copy"
    if not nesting and comments:
        diagnostics.report(
            "TP105",
            f"this {layout.capture} text does not carry reply nesting: "
            f"{_count(headers, 'comment')} read in page order, each at depth 0",
            Span(0, 0),
        )
    messages: dict[tuple[str | None, tuple[tuple[int, int], ...]], str] = {}
    for span, header in ambiguous:
        said = (header.glued, header.readings)
        message = messages.get(said)
        if message is None:
            ways = ", ".join(f"{up} up and {down} down" for up, down in header.readings)
            message = messages[said] = (
                f"the glued vote counts '{header.glued}' read several ways ({ways}): "
                "the votes are left unknown"
            )
        diagnostics.report("TP205", message, span)
    chrome_lines = [lines[i] for i in sorted(chrome)]
    chrome_lines += [line for line in tail[sidebar:] if not line.blank]
    return Thread(
        dialect=layout.version,
        preamble=preamble,
        sections=sections,
        comments=comments,
        unattributed=(),
        unparsed=tuple(unparsed),
        diagnostics=diagnostics.sorted(),
        post=post,
        chrome=tuple(Text(line.content, line.content_span) for line in chrome_lines),
        capture=layout.capture,
        nesting=nesting,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _resplit_author(
    post: Post, line: Line, shown: str, title: str, layout: Layout
) -> tuple[Post, str]:
    """A Firefox copy glues the post's author to its community line
    (``Born to Run to Cycling TalkEnglish •``): where the author's name holds
    " to ", the sidebar's title says which " to " starts the community."""
    title = title.split("@")[0]
    words = _words(line.content)
    cut = words.rfind(f" to {title}")
    if shown.startswith(title) or cut <= 0:
        return post, shown
    match = _TO_LINE.fullmatch(words, cut + 1)
    if match is None:
        return post, shown
    name, badges = _split_trailing_badges(words[:cut])
    author = _name_author(name, layout)
    if author is None:
        return post, shown
    return attrs.evolve(post, author=attrs.evolve(author, badges=canonical_badges(badges))), match[
        "community"
    ]


def _after_sort_buttons(lines: Sequence[Line], start: int, chrome: list[int]) -> int:
    """Where the comments start: past the sort buttons and the mobile sidebar
    toggle at ``start`` (added to ``chrome``)."""
    position = start
    while position < len(lines) and (
        lines[position].blank
        or _words(lines[position].content) in SORT_BUTTONS
        or _words(lines[position].content) == "Sidebar"
    ):
        if not lines[position].blank:
            chrome.append(position)
        position += 1
    return position


def read_post(lines: Sequence[Line], to_line: int, layout: Layout) -> tuple[Post, list[int], str]:
    """The post header around its community line; the lines it uses; the
    community line's text (community and language, glued)."""
    match = _TO_LINE.fullmatch(_words(lines[to_line].content))
    assert match is not None
    used = [to_line]
    badges: list[str] = []
    author: Author | None = None
    before = match["before"]
    if before:  # Firefox's copy: "Juniper Ash [she/her]M to The DispatchEnglish •"
        name, glued = _split_trailing_badges(before)
        badges += glued
        author = _name_author(name, layout)
    else:
        position = to_line - 1
        while position >= 0 and _is_badge(lines[position].content):
            badges.insert(0, _words(lines[position].content))
            used.append(position)
            position -= 1
        if position > 0 and (host := _HOST_LINE.fullmatch(_words(lines[position].content))):
            used.append(position)
            position -= 1
            author = _name_author(lines[position].content, layout)
            if author is not None:
                author = attrs.evolve(author, instance=host["host"])
        elif position >= 0:
            author = _name_author(lines[position].content, layout)
        if author is not None:
            used.append(position)
    if author is not None:
        author = attrs.evolve(author, badges=canonical_badges(badges))
    time = match["time"]
    after = to_line + 1
    if time is None and after < len(lines) and _is_time(lines[after].content):
        time = _words(lines[after].content)
        used.append(after)
        after += 1
    # Title: above the author (desktop), or after the community line (mobile).
    top = min(used) - 1
    domain: str | None = None
    title: str | None = None
    score: int | None = None
    upvotes: int | None = None
    downvotes: int | None = None
    comment_count: int | None = None
    while top >= 0 and lines[top].blank:
        top -= 1
    if top >= 0 and _DOMAIN.fullmatch(_words(lines[top].content)):
        domain = _words(lines[top].content)
        used.append(top)
        top -= 1
        while top >= 0 and lines[top].blank:
            top -= 1
    if top >= 0 and _words(lines[top].content) not in NAVBAR and not _is_site_name(lines, top):
        title = _words(lines[top].content)
        used.append(top)
        if top > 0 and layout.kind == "innertext" and _SI_FULL.fullmatch(lines[top - 1].content):
            score = parse_count(lines[top - 1].content)
            used.append(top - 1)
    else:  # mobile: the title follows
        if after < len(lines) and not lines[after].blank:
            title = _words(lines[after].content)
            used.append(after)
            after += 1
    # Counts: "15 (11 New)", then on mobile the up and down votes; a domain.
    position = after
    while position < len(lines) and position - after < 8:
        content = _words(lines[position].content)
        if not content:
            position += 1
            continue
        if domain is None and _DOMAIN.fullmatch(content):
            domain = content
        elif layout.kind == "innertext" and (count := _COMMENT_COUNT.fullmatch(content)):
            value = parse_count(count["count"])
            if comment_count is None:
                comment_count = value
            elif upvotes is None:
                upvotes = value
            elif downvotes is None:
                downvotes = value
            else:
                break
        else:
            break
        used.append(position)
        position += 1
    if upvotes is not None and downvotes is None:
        # One count after the comment count is a score, not upvotes.
        score, upvotes = (upvotes if score is None else score), None
    if upvotes is not None and downvotes is not None:
        score = upvotes - downvotes
    community, language = _community_and_language(match["community"], None)
    span = Span(lines[min(used)].content_start, lines[max(used)].content_end)
    post = Post(
        title=title,
        author=author,
        community=community,
        url=None,
        domain=domain,
        language=language,
        time=time,
        score=score,
        upvotes=upvotes,
        downvotes=downvotes,
        comment_count=comment_count,
        embed=(),
        span=span,
    )
    return post, used, match["community"]


def _split_trailing_badges(shown: str) -> tuple[str, list[str]]:
    """``Juniper Ash [she/her]OPM`` -> (``Juniper Ash [she/her]``, [OP, M]).

    Badges are taken off the end while any are left; the split stands only if
    the name then ends in something a badge cannot follow glued in a name (not
    a capital: ``MARIA`` keeps its ``A``).
    """
    name, glued = shown, list[str]()
    while True:
        badge = next((b for b in _BADGE_WORDS if name.endswith(b) and len(name) > len(b)), None)
        if badge is None:
            break
        glued.insert(0, badge)
        name = name[: -len(badge)]
    if not glued or not name or name[-1].isupper() or name[-1].isspace():
        return shown, []  # "MARIA", "Jordan M": the capital is the name's own
    return name, glued


def _is_site_name(lines: Sequence[Line], index: int) -> bool:
    """Is ``lines[index]`` the navbar's site name (the line before "Communities",
    or after "Jump to content", or the first line)?"""
    before = next((i for i in range(index - 1, -1, -1) if not lines[i].blank), None)
    after = next((i for i in range(index + 1, len(lines)) if not lines[i].blank), None)
    return (
        before is None
        or _words(lines[before].content) == "Jump to content"
        or (after is not None and _words(lines[after].content) == "Communities")
    )


def _community_and_language(shown: str, title: str | None) -> tuple[Community | None, str | None]:
    """The community and the post's language from the community line's text, where
    the page glues the language on: ``World NewsEnglish``,
    ``Public Transport@lemmy.mlEnglish``.

    ``title``, the sidebar's first line, says exactly where the title ends.
    Without it a host ends where its lower case does, and a title only where a
    language this module knows (``LANGUAGES``) is glued on after a lower-case
    letter: ``NoStupidQuestions`` stays whole.
    """
    shown = shown.strip()
    if not shown:
        return None, None
    if title is not None and shown.startswith(title.split("@")[0]):
        rest = shown[len(title.split("@")[0]) :]
        host = None
        if rest.startswith("@") and (match := _DOMAIN.match(rest, 1)):
            host, rest = match.group(), rest[match.end() :]
        return Community(None, title.split("@")[0], host), rest or None
    at = shown.rfind("@")
    if at > 0 and (match := _DOMAIN.match(shown, at + 1)):
        rest = shown[match.end() :]
        return Community(None, shown[:at], match.group()), rest or None
    for seam in reversed([m.start() for m in _CASE_SEAM.finditer(shown)]):
        if shown[seam:] in LANGUAGES:
            return Community(None, shown[:seam], None), shown[seam:]
    if shown in LANGUAGES:  # a community line with only the language: no title shown
        return None, shown
    return Community(None, shown, None), None


def _sidebar_start(lines: Sequence[Line], start: int, shown: str) -> tuple[int, str | None]:
    """The first line of the sidebar and footer after the comments (``len(lines)``
    when there is none), and the community's title as the sidebar shows it.

    The sidebar starts with the community's title (``shown``, the community
    line's text, holds it) and name, right above its first fixed line
    (``Subscribe``, ``Create a post``, the subscribe hint); a comment that says
    "Subscribe" has no title above it. Without a sidebar (mobile), the footer.
    """
    # chrome_after[i]: every non-blank line from i on is the site's (one pass
    # from the end, so finding the footer stays linear).
    chrome_after = [True] * (len(lines) + 1)
    for index in range(len(lines) - 1, start - 1, -1):
        line = lines[index]
        chrome_after[index] = chrome_after[index + 1] and (line.blank or is_chrome(line.content))
    for index in range(start, len(lines)):
        line = lines[index]
        if line.blank:
            continue
        words = _words(line.content)
        if SIDEBAR_OPENERS.fullmatch(words):
            for above in (index - 2, index - 1):  # the title, then the name
                if (
                    above >= start
                    and not lines[above].blank
                    and not lines[above + 1].blank
                    and _words(lines[above].content).split("@")[0] in shown
                ):
                    return above, _words(lines[above].content)
        if is_footer(words) and chrome_after[index]:
            return index, None
    return len(lines), None


def _sidebar_name(lines: Sequence[Line], sidebar: int, community: Community) -> Community:
    """The community's name from the sidebar's second line (``worldnews``,
    ``!dispatch@hexbear.net``), when its first is the title the post line shows."""
    if sidebar + 1 >= len(lines) or _words(lines[sidebar].content) not in (
        community.title,
        f"{community.title}@{community.host}",
    ):
        return community
    match = _COMMUNITY_NAME.fullmatch(_words(lines[sidebar + 1].content))
    if match is None:
        return community
    return attrs.evolve(community, name=match["name"], host=community.host or match["host"])


# -- Comments --------------------------------------------------------------------


def _find_headers(lines: Sequence[Line], start: int, end: int, layout: Layout) -> list[_Header]:
    """Every comment header between ``start`` and ``end``.

    A 0.19.4+ copy is read twice: the names of the first reading's authors
    confirm, in the second, headers that have only a name line.
    """
    headers = _scan(lines, start, end, layout, frozenset())
    if layout.kind == "copy" and layout.version == "lemmy-0.19":
        known = frozenset(_words(lines[h.start].content) for h in headers)
        headers = _scan(lines, start, end, layout, known)
    return headers


def _scan(
    lines: Sequence[Line], start: int, end: int, layout: Layout, known: frozenset[str]
) -> list[_Header]:
    headers: list[_Header] = []
    bare = layout.kind == "copy" and layout.version == "lemmy-0.19"
    index = start
    previous_blank = 2  # the comments start after the sort buttons' place
    while index < end:
        line = lines[index]
        if line.blank:
            previous_blank += 1
            index += 1
            continue
        header = (
            _read_bare_header(lines, index, end, layout, previous_blank, known)
            if bare
            else _read_header(lines, index, layout)
        )
        if header is not None and header.end <= end:
            headers.append(header)
            index = header.end
            previous_blank = 0
            continue
        previous_blank = 0
        index += 1
    return headers


def _read_bare_header(
    lines: Sequence[Line],
    index: int,
    end: int,
    layout: Layout,
    blanks_before: int,
    known: frozenset[str],
) -> _Header | None:
    """A 0.19.4+ copy's header, which has no end mark, where the layout starts one.

    Chromium: the first line after two blank lines. Firefox: a line right
    after text (no blank line), whose header lines are followed by one blank
    line and then the body, at least as indented as the name line.
    """
    if blanks_before < 1 and not layout.firefox:
        return None
    author = _name_author(lines[index].content, layout)
    if author is None:
        return None
    header = _Header(start=index, end=index + 1, author=author)
    # The lines a header can reach (host, badges, language, two vote lines, time).
    reach = [line.content for line in lines[index + 1 : index + _MAX_HEADER + 4]]
    read = _header_parts(reach, 0, header, layout, lambda at: _language_fits(lines, index + 1 + at))
    position = None if read is None else index + 1 + read
    if position is None or position > end:
        return None
    # A host, badge or language line after the name, or a name already read
    # as an author's, confirms a header; a lone line needs the layout's mark.
    confirmed = position > index + 1 or _words(lines[index].content) in known
    if not layout.firefox and blanks_before < 2 and not confirmed:
        return None  # one blank line: a paragraph break, unless header lines follow
    if not layout.firefox and (position >= end or lines[position].blank):
        # Chromium's copy puts the body right under the header: what was read as
        # header lines is the body ("OP" alone), if the blank lines mark a comment.
        if blanks_before < 2 or position == index + 1:
            return None
        header = _Header(start=index, end=index + 1, author=author)
        position = index + 1
    if (
        layout.firefox
        and not confirmed
        and (blanks_before > 0 or not _indent_changes(lines, index))
    ):
        return None  # a heading or a block's further line: as indented as the text above
    if layout.firefox:
        if position >= end or not lines[position].blank:
            return None
        body = position + 1
        if body < end and lines[body].blank and confirmed:
            body += 1  # a doubled blank line (copy damage) under a header that is sure
        if body >= end or lines[body].blank or lines[body].indent < lines[index].indent:
            return None
        if not confirmed and lines[body].indent != lines[index].indent:
            return None
        words = _words(lines[index].content)
        if not confirmed and (words[-1] in ".,;:!?" or len(words) > _MAX_BARE_NAME):
            return None  # a lone line: a sentence, not a name
    header.end = position
    return header


def _indent_changes(lines: Sequence[Line], index: int) -> bool:
    """In a Firefox copy, does ``lines[index]`` sit at another indent than the line
    above it? A comment's name line does unless it follows its sibling's body;
    a heading, a list's further item or a code line never does."""
    above = index - 1
    return above < 0 or lines[above].blank or lines[above].indent != lines[index].indent


@attrs.define
class _Open:
    header: _Header
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
        return Comment(
            author=header.author,
            score=header.score,
            upvotes=header.upvotes,
            downvotes=header.downvotes,
            language=header.language,
            time=header.time,
            published=None,
            updated=None,
            edited=False,
            deleted=self.deleted,
            removed=self.removed,
            more_replies=self.more_replies,
            depth=self.depth,
            paragraphs=tuple(self.paragraphs),
            replies=tuple(self.replies),
            span=Span(self.start, self.end),
        )


def _build(
    lines: Sequence[Line],
    headers: Sequence[_Header],
    end: int,
    layout: Layout,
    max_depth: int | None,
    diagnostics: Diagnostics,
) -> tuple[Comment, ...]:
    """The comment trees: depth from a Firefox copy's indentation, else all at 0."""
    nested = layout.firefox and layout.kind == "copy"
    base = min((lines[h.start].indent for h in headers), default=0)
    roots: list[Comment] = []
    stack: list[_Open] = []

    def close_top() -> None:
        done = stack.pop().close()
        (stack[-1].replies if stack else roots).append(done)
        if stack:
            stack[-1].end = max(stack[-1].end, done.span.end)

    for number, header in enumerate(headers):
        indent = lines[header.start].indent if nested else base
        while stack and stack[-1].indent >= indent:
            close_top()
        page_depth = (indent - base) // FIREFOX_STEP if nested else 0
        if max_depth is not None and len(stack) > max_depth:
            close_top()
        if max_depth is not None and page_depth > max_depth:
            diagnostics.report(
                "TP204",
                f"reply at depth {page_depth} is deeper than max_depth={max_depth}: it is "
                f"attached at depth {max_depth}, so the comment it replies to is lost",
                lines[header.start].content_span,
            )
        current = _Open(
            header=header,
            depth=len(stack),
            indent=indent,
            start=lines[header.start].content_start,
            end=lines[header.end - 1].content_end,
        )
        stack.append(current)
        body_end = headers[number + 1].start if number + 1 < len(headers) else end
        _read_body(current, lines[header.end : body_end], split_indents=nested)
    while stack:
        close_top()
    return tuple(roots)


def _read_body(comment: _Open, body: Sequence[Line], *, split_indents: bool) -> None:
    """Paragraphs (blank-line runs; in a Firefox copy also where the indent
    changes: a list or quote), the deleted/removed placeholder, "N more replies"."""
    run: list[Line] = []

    def flush() -> None:
        if run:
            comment.paragraphs.append(text_of(run))
            run.clear()

    nonblank = [line for line in body if not line.blank]
    for line in body:
        if line.blank:
            flush()
            continue
        more = more_replies_of(line.content)
        if more is not None:
            flush()
            comment.more_replies = more
            comment.end = max(comment.end, line.content_end)
            continue
        if len(nonblank) == 1 or (
            line is nonblank[0]
            and len(nonblank) == 2
            and more_replies_of(nonblank[1].content) is not None
        ):
            kind = deletion_of(line.content)
            if kind is not None:
                comment.deleted = kind == "deleted"
                comment.removed = kind == "removed"
                comment.end = max(comment.end, line.content_end)
                continue
        # A Firefox copy indents a list or quote 4 columns past its paragraph and
        # puts no blank line between: a block starts where the text steps in or out.
        if (
            split_indents
            and run
            and (line.indent > run[0].indent) != (run[-1].indent > run[0].indent)
        ):
            flush()
        run.append(line)
    flush()
    if comment.paragraphs:
        comment.end = max(comment.end, comment.paragraphs[-1].span.end)


# -- Writing a page's text (``render(thread, dialect, capture=...)``) ---------------

#: What ``render`` writes for the site: its name, and the community of a thread
#: that has no ``Thread.post``.
SITE_NAME = "Lemmy"
_DEFAULT_POST = Post(
    title="A thread",
    author=Author("unknown", "unknown", None, (), ()),
    community=Community(name="general", title="General", host=None),
    url=None,
    domain=None,
    language=None,
    time=None,
    score=None,
    upvotes=None,
    downvotes=None,
    comment_count=None,
    embed=(),
    span=Span(0, 0),
)
_NAVBAR = ("Communities", "Create Post", "Create Community", "Login", "Sign Up")
_FOOTER = ("Modlog", "Instances", "Docs", "Code", "join-lemmy.org")
_SUBSCRIBE_HINT = (
    "You are not logged in. However you can subscribe from another Fediverse account, "
    "for example Lemmy or Mastodon. To do this, paste the following into the search "
    "field of your instance: !{name}"
)


def page_post(thread: Thread) -> Post:
    """The post header ``render`` writes for ``thread``."""
    return thread.post if thread.post is not None else _DEFAULT_POST


def render_capture(
    thread: Thread, dialect: str, capture: str, body: str, count: Callable[[int], str]
) -> str:
    """``thread`` as ``capture`` gives a lemmy-ui page's text (``dialect``: the
    front end's line, lemmy-0.19 for 0.19.4+, lemmy-0.18 up to 0.19.3).

    ``body`` is the post's body as page text; ``count`` writes a count in
    lemmy-ui's compact notation. What each capture keeps is ``carried_capture``.
    """
    old = dialect == "lemmy-0.18"
    firefox, innertext = capture.startswith("firefox"), capture.endswith("innertext")
    pad = "    " if firefox and not innertext else ""
    out: list[str] = ["Jump to content"] if innertext else []
    out.append(SITE_NAME)
    out += [pad + item for item in _NAVBAR]
    post = page_post(thread)
    author = post.author or _DEFAULT_POST.author
    assert author is not None
    assert post.community is not None
    if innertext and post.score is not None:
        out.append(count(post.score))
    out.append(post.title or "")
    community = post.community.title or post.community.name or ""
    if post.community.host is not None:
        community += f"@{post.community.host}"
    sep = "•" if old else "·"
    to_line = f" to {community}{post.language or ''} {sep}"
    badges = [b for b in author.badges if not (old and b.startswith("Banned"))]
    if firefox and not innertext:
        out.append(f"{author.display_name}{''.join(badges)}{to_line}")
    else:
        out.append(author.display_name)
        if not old and author.instance is not None:
            out.append(f"@{author.instance}")
        out += badges
        if innertext and post.time is not None:
            out += [to_line + " ", post.time] if firefox else [f"{to_line} {post.time}"]
        else:
            out.append(to_line + " ")
    if innertext and post.comment_count is not None:
        out.append(count(post.comment_count))
    out += ["", body, ""] if body else [""]
    out.append(f"You must log in or {'register' if old else '#'} to comment.")
    if innertext:
        out += [
            b
            for b in ("Hot", "Top", "Controversial", "New", "Old", "Chat")
            if b != "Controversial" or not old
        ]
    else:
        out += ["", ""]
    stack = [(comment, 0) for comment in reversed(thread.comments)]
    while stack:
        comment, depth = stack.pop()
        out += _comment_capture(comment, depth, old=old, capture=capture, count=count)
        stack += [(reply, depth + 1) for reply in reversed(comment.replies)]
    name = post.community.name or "general"
    out += ["", community, f"!{name}", "Create a post", _SUBSCRIBE_HINT.format(name=name), ""]
    out += [f"{pad}BE: {'0.18.5' if old else '0.19.12'}", *(pad + item for item in _FOOTER)]
    return "\n".join(out) + "\n"


def _comment_capture(
    comment: Comment, depth: int, *, old: bool, capture: str, count: Callable[[int], str]
) -> list[str]:
    firefox, innertext = capture.startswith("firefox"), capture.endswith("innertext")
    indent = " " * (FIREFOX_STEP * (depth + 1)) if firefox and not innertext else ""
    author = comment.author or Author("unknown", "unknown", None, (), ())
    badges = [b for b in author.badges if not (old and b.startswith("Banned"))]
    if old and author.username is not None and author.display_name == author.username:
        name = f"@{author.username}" + (f"@{author.instance}" if author.instance else "")
    else:
        name = author.display_name
    out = ["", ""] if not firefox and not innertext else []
    out.append(indent + name)
    if not old and author.instance is not None:
        out.append(f"{indent}@{author.instance}")
    votes: list[str] = []
    if old and comment.score is not None:
        votes = [count(comment.score), "•"]
    elif not old and innertext and comment.upvotes is not None:
        up, down = count(comment.upvotes), count(comment.downvotes) if comment.downvotes else ""
        votes = [up, f"{down}·"] if firefox and down else [f"{up}{down}·"]
    if firefox and not innertext:
        glued = "".join(badges) + (comment.language or "") + "".join(votes)
        if glued:
            out.append(indent + glued)
    else:
        out += badges
        if comment.language is not None:
            out.append(comment.language)
        out += votes
    if innertext and comment.time is not None:
        out.append(comment.time)
    body: list[str] = []
    if comment.deleted or comment.removed:
        body.append("Removed by mod" if comment.removed else "deleted by creator")
    body += [paragraph.text for paragraph in comment.paragraphs]
    if firefox or innertext:
        out.append("")  # Chromium's copy puts the body right under the header
    for number, paragraph in enumerate(body):
        if number:
            out.append("")
        out += [indent + line for line in paragraph.split("\n")]
    if innertext:
        out.append("")
        if comment.more_replies is not None:
            noun = "reply" if comment.more_replies == 1 else "replies"
            out.append(f"{count(comment.more_replies)} more {noun} ➔")
    return out


def carried_capture(
    thread: Thread, dialect: str, capture: str, count: Callable[[int], str]
) -> Thread:
    """What of ``thread`` survives ``parse(render(thread, dialect, capture=capture))``,
    spans aside; ``count`` writes a count as ``render_capture`` does."""

    def shown(value: int) -> int:
        number = parse_count(count(value))
        assert number is not None
        return number

    old = dialect == "lemmy-0.18"
    firefox, innertext = capture.startswith("firefox"), capture.endswith("innertext")
    nesting = firefox and not innertext
    post = page_post(thread)
    assert post.community is not None

    def author_of(author: Author | None) -> Author:
        author = author or Author("unknown", "unknown", None, (), ())
        badges = tuple(b for b in author.badges if not (old and b.startswith("Banned")))
        if old and author.username is not None and author.display_name == author.username:
            return attrs.evolve(author, name=author.username, pronouns=(), badges=badges)
        instance = None if old else author.instance
        return attrs.evolve(author, instance=instance, badges=badges, username=None)

    def comment_of(comment: Comment, depth: int) -> Comment:
        score = upvotes = downvotes = None
        if old and comment.score is not None:
            score = shown(comment.score)
        elif not old and innertext and comment.upvotes is not None:
            up, down = shown(comment.upvotes), shown(comment.downvotes or 0)
            readings = [(up, down)]
            if not firefox:
                glued = count(comment.upvotes) + (count(down) if down else "")
                readings = split_counts(glued)
            if len(readings) == 1:
                ((upvotes, downvotes),) = readings
                score = upvotes - downvotes
        more = comment.more_replies if innertext else None
        return attrs.evolve(
            comment,
            author=author_of(comment.author),
            score=score,
            upvotes=upvotes,
            downvotes=downvotes,
            time=comment.time if innertext else None,
            published=None,
            updated=None,
            edited=False,
            deleted=comment.deleted and not comment.removed,
            more_replies=None if more is None else shown(more),
            depth=depth if nesting else 0,
            replies=(),
        )

    flat = [(c, d) for c, d in _preorder_depths(thread.comments)]
    if nesting:
        built: dict[int, Comment] = {}
        for comment, depth in reversed(flat):
            replies = tuple(built.pop(id(r)) for r in comment.replies)
            built[id(comment)] = attrs.evolve(comment_of(comment, depth), replies=replies)
        comments = tuple(built[id(c)] for c in thread.comments)
    else:
        comments = tuple(comment_of(c, 0) for c, _ in flat)
    community = attrs.evolve(post.community, name=post.community.name or "general")
    post_author = author_of(post.author)
    if nesting:  # a Firefox copy glues the post's author line: no host line is written
        post_author = attrs.evolve(post_author, instance=None)
    carried_post = attrs.evolve(
        post,
        author=post_author,
        community=community,
        url=None,
        domain=None,
        time=post.time if innertext else None,
        score=shown(post.score) if innertext and post.score is not None else None,
        upvotes=None,
        downvotes=None,
        comment_count=(
            shown(post.comment_count) if innertext and post.comment_count is not None else None
        ),
        embed=(),
    )
    if innertext and firefox and old and carried_post.time is None:
        capture = "chromium-innertext"  # only a time on its own line tells Firefox apart
    return attrs.evolve(
        thread,
        dialect=dialect,
        post=carried_post,
        comments=comments,
        unattributed=(),
        unparsed=(),
        diagnostics=(),
        capture=capture,
        nesting=nesting,
    )


def _preorder_depths(comments: tuple[Comment, ...]) -> list[tuple[Comment, int]]:
    out: list[tuple[Comment, int]] = []
    stack = [(comment, 0) for comment in reversed(comments)]
    while stack:
        comment, depth = stack.pop()
        out.append((comment, depth))
        stack += [(reply, depth + 1) for reply in reversed(comment.replies)]
    return out
