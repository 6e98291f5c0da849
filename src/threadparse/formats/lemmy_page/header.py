"""Grammar of a Lemmy comment header in page text: the name line and its tokens.

Sources and real samples for every token are in the research notes
(lemmy_formats.md sections 1.2-1.4). In page text each header piece sits on its
own line, because lemmy-ui lays the header out as a flex row and leaks each SVG
icon's name as text (``link``, ``arrow-up``, ``edit-2``...)::

    • Tervell [he/him]@hexbear.netOP      NAME LINE: bullet, display name, host, glued badges
      link                                icon noise
      fedilink
      English                             language (absent when "Undetermined")
      arrow-up                            lemmy-ui 0.19.4+: votes after their icons
      1.2K
      arrow-down
      3
      ·                                   U+00B7 separator
      edit-2                              pencil icon: edited; the time is the edit time
      2 days ago                          relative time: ends the header

    • comrade [she/her]@lemmygrad.ml      lemmy-ui <= 0.19.3: a bare score, then U+2022
      46
      •
      2 days                              <= 0.18.0 times have no "ago"

    • Zodiark [he/him]                    hexbear.net's own fork: no host for local users,
      hexagon                             the OP badge is the hexagon icon, the vote
      ·                                   count (a <button>) is lost
      11 months ago

Every regex here runs on bounded input (token lines of at most
``MAX_TOKEN_LINE`` characters, name lines of at most ``MAX_NAME_LINE``) with
bounded repeats, so reading a header costs a constant per line.
"""

from __future__ import annotations

import enum
import functools

import attrs
import regex

from threadparse.core.lemmy import COUNT, canonical_badges, split_pronouns
from threadparse.core.models import Author

# -- Name line -----------------------------------------------------------------

#: Bullets that start a comment's name line. Markdown lists inside bodies render
#: with the same bullets, so a bullet alone never proves a comment (see
#: ``comments.py``: header tokens must follow).
BULLETS = "•◦▪‣"

#: A name line longer than this is prose, not a name (display names are capped
#: at 20-50 characters by Lemmy; the rest is room for pronouns, host and badges).
MAX_NAME_LINE = 200

# HOST := label ("." label)+, lower case; BADGES := the upper-case run glued
# right after it ("hexbear.netOP", "lemmy.mlM"). Tolerates: several glued badges
# in any order ("name@host.tldOPM").
_HOST_AND_BADGES = regex.compile(
    r"""
    (?P<host>[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8})
    (?P<badges>(?:Banned\ from\ community|Banned|OP|M|A|B){0,8})
    """,
    regex.VERBOSE,
)
_GLUED_BADGE = regex.compile(r"Banned from community|Banned|OP|M|A|B")

# Without a host, badges are split off only when a space separates them
# ("Star Wars Enjoyer A" on lemmygrad.ml); glued capitals on a local name are
# ambiguous ("JohnOP" may be a name) and stay in the name.
_SPACED_BADGES = regex.compile(r"(?:\s(?:Banned\ from\ community|Banned|OP|M|A|B)){1,8}$")

# PRONOUNS := "[" entry ("," entry)* "]" at the end of the display name, entries
# such as he/him, comrade/them, any, none/use name. hexbear.net writes the tag
# into the display name itself. Tolerates: curly apostrophes, no space after
# the comma, hexbear's OP icon or a role badge glued after the tag
# ("Name [he/him]hexagon", "Name [he/him]M" for a local moderator).
_BADGES_AFTER_TAG = regex.compile(r"\]((?:Banned from community|Banned|OP|M|A|B){1,8})$")


#: Distinct lines remembered by the cached readers below. A thread repeats its
#: authors' name lines and a few dozen token lines thousands of times; both
#: readers are pure functions of the line, and their results are immutable.
#: Only short lines are cached (a name line's limit, twice over for spaces the
#: copy doubled), so the caches hold at most CACHE_SIZE short strings and
#: never keep a long body line, or a streamed dump, alive.
CACHE_SIZE = 4096
_CACHED_LINE = 2 * MAX_NAME_LINE


def parse_name_line(content: str) -> tuple[bool, Author] | None:
    """Read ``[BULLET] DISPLAY [@HOST] [BADGES]``; returns (had_bullet, author) or None.

    None means the line cannot be a name line (empty, too long, a URL).
    """
    if len(content) > _CACHED_LINE:
        return _read_name_line(content)
    return _cached_name_line(content)


def _read_name_line(content: str) -> tuple[bool, Author] | None:
    bulleted = len(content) >= 2 and content[0] in BULLETS and content[1].isspace()
    # NBSP or doubled spaces from the copy: "Banned\u00a0from\u00a0community".
    display = " ".join((content[2:] if bulleted else content).split())
    if (
        not display
        or len(display) > MAX_NAME_LINE
        or display in BULLETS  # a lone bullet is 0.18's separator, not a name
        or display.startswith(("@", "http://", "https://"))  # a mention or a URL
    ):
        return None
    badges: list[str] = []
    if display.endswith("hexagon") and _ends_a_name(display[: -len("hexagon")]):
        # hexbear's OP icon, glued to the name line by the copy.
        display = display[: -len("hexagon")].rstrip()
        badges.append("OP")
    instance: str | None = None
    at = display.rfind("@")
    if at > 0:
        match = _HOST_AND_BADGES.fullmatch(display, at + 1)
        if match:
            instance = match["host"]
            badges += _GLUED_BADGE.findall(match["badges"])
            display = display[:at].rstrip()
    if instance is None:
        spaced = _SPACED_BADGES.search(display)
        after_tag = _BADGES_AFTER_TAG.search(display)
        if spaced and spaced.start() > 0:
            badges += _GLUED_BADGE.findall(spaced.group())
            display = display[: spaced.start()].rstrip()
        elif after_tag:
            badges += _GLUED_BADGE.findall(after_tag.group(1))
            display = display[: after_tag.start() + 1]
    if not display:
        return None
    name, pronouns = split_pronouns(display)
    return bulleted, Author(
        name=name,
        display_name=display,
        instance=instance,
        pronouns=pronouns,
        badges=canonical_badges(badges),
    )


_cached_name_line = functools.lru_cache(maxsize=CACHE_SIZE)(_read_name_line)


def _ends_a_name(head: str) -> bool:
    """Can a glued "hexagon" follow ``head``? After a pronoun tag, a space or a
    host, yes; inside a name ("bighexagon@lemmy.ml"), no."""
    if not head or head[-1].isspace() or head.endswith("]"):
        return bool(head.strip())
    at = head.rfind("@")
    return at > 0 and _HOST_AND_BADGES.fullmatch(head, at + 1) is not None


# -- Header tokens -----------------------------------------------------------------


class Token(enum.Enum):
    NOISE = "noise"  # icon names that carry nothing: link, fedilink, shield, cake...
    OP_ICON = "op-icon"  # hexbear's hexagon: the OP badge
    VOTE_ICON = "vote-icon"  # arrow-up, arrow-down, heart, smile, hexbear: a count follows
    EDITED = "edited"  # edit-2
    SEPARATOR = "separator"  # "·" (0.19.4+, hexbear) or a lone "•" (<= 0.19.3)
    COUNT = "count"  # 46, -3, 1.2K
    PERCENT = "percent"  # 87% (upvote percentage, after "smile")
    BADGE = "badge"  # OP, M, A, B, Banned on a line of their own
    TIME = "time"  # 2 days ago, a day, 3 hours, indeterminate: ends the header
    LANGUAGE = "language"  # English, Deutsch, Русский: only when nothing else fits


#: Token lines are short; anything longer is body text.
MAX_TOKEN_LINE = 48

_NOISE = frozenset(
    {"link", "fedilink", "shield", "cake", "minus-square", "plus-square", "message-square"}
)
_VOTE_ICONS = frozenset({"arrow-up", "arrow-down", "heart", "smile", "hexbear"})
_BADGE_LINES = frozenset({"OP", "M", "A", "B", "Banned", "Banned from community"})

_PERCENT = regex.compile(r"\d{1,3}%")

# RELTIME := date-fns strict distance ("2 days ago", "0 seconds ago", "in 3 seconds"),
# moment.js fromNow(true) ("a day", "a few seconds", "an hour"), lemmy-ui 1.0
# ("24 days"), mlmym/go-humanize ("now", "long ago", "1 week ago") and short
# forms ("5h ago", "2mo"). Tolerates: any case, a trailing "." after the unit,
# go-humanize's future ("3 days from now").
_TIME = regex.compile(
    r"""
    (?:in\ )?(?:\d{1,6}|an?|a\ few)\ (?:second|sec|minute|min|hour|hr|day|week|wk|month|mo|year|yr)s?\.?
        (?:\ ago|\ from\ now)?
    | \d{1,6}\ ?(?:s|m|min|h|hr|d|w|wk|mo|y|yr)(?:\ ago)?
    | now | just\ now | yesterday | long\ ago | indeterminate
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# moment.js fromNow(true), lemmy-ui <= 0.18.0 only ("a day", "2 days", "a few
# seconds"): a time in this wording dates the page, where "2 days ago" (0.18.1+)
# or "in 3 seconds" does not.
MOMENT_TIME = regex.compile(
    r"a\ few\ seconds | an?\ (?:minute|hour|day|month|year) | \d{1,6}\ (?:minute|hour|day|month|year)s",
    regex.VERBOSE | regex.IGNORECASE,
)

# LANG := a language name from Lemmy's table ("English", "Español", "Norsk Bokmål",
# "中文"): letters first, then letters, spaces, brackets or hyphens.
_LANGUAGE = regex.compile(r"\p{L}[\p{L}\p{M} ()'’-]{0,39}")


def classify_token(content: str) -> Token | None:
    """The header token a line's content is, or None when it is not one."""
    if len(content) > MAX_TOKEN_LINE:
        return None
    return _classify_short(content)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _classify_short(content: str) -> Token | None:
    word = " ".join(content.split())  # NBSP, tabs and doubled spaces inside a token
    lowered = word.lower()
    if lowered in _NOISE:
        return Token.NOISE
    if lowered == "hexagon":
        return Token.OP_ICON
    if lowered in _VOTE_ICONS:
        return Token.VOTE_ICON
    if lowered == "edit-2":
        return Token.EDITED
    if word in ("·", "•"):
        return Token.SEPARATOR
    if COUNT.fullmatch(word):
        return Token.COUNT
    if _PERCENT.fullmatch(word):
        return Token.PERCENT
    if word in _BADGE_LINES:
        return Token.BADGE
    if _TIME.fullmatch(word):
        return Token.TIME
    if _LANGUAGE.fullmatch(word) and word[0] not in BULLETS:
        return Token.LANGUAGE
    return None


# Strong tokens prove a header on their own in pairs; a language word or a count
# alone does not (a markdown list item followed by "42" is still a body).
STRONG = frozenset({Token.NOISE, Token.OP_ICON, Token.VOTE_ICON, Token.EDITED, Token.SEPARATOR})


@attrs.define
class Votes:
    """Assigns counts to the icon before them, then derives the score."""

    score: int | None = None
    upvotes: int | None = None
    downvotes: int | None = None
    hexbear_count: int | None = None
    pending: str | None = None  #: the vote icon still waiting for its count
    bullet_separator: bool = False  #: a lone "•" was seen (0.18-style header)
    dangling: list[str] = attrs.field(factory=list)  #: icons that never got a count

    def icon(self, name: str) -> None:
        if self.pending is not None:
            self.dangling.append(self.pending)
        self.pending = name

    def count(self, value: int) -> None:
        icon, self.pending = self.pending, None
        if icon == "arrow-up":
            self.upvotes = value
        elif icon == "arrow-down":
            self.downvotes = value
        elif icon == "hexbear":
            self.hexbear_count = value
        elif icon != "smile":
            self.score = value  # "heart" N, or a bare 0.18 score

    def percent(self) -> None:
        """The upvote percentage after "smile": shown, but not part of the model."""
        if self.pending == "smile":
            self.pending = None

    def separator(self, char: str) -> None:
        self.bullet_separator = self.bullet_separator or char == "•"

    def finish(self) -> None:
        if self.pending is not None:
            self.dangling.append(self.pending)
            self.pending = None
        if self.hexbear_count is not None:
            # hexbear 0.18 shows its score after the icon and a "•"; hexbear 0.19
            # shows upvotes inside a button, then "·".
            if self.bullet_separator:
                self.score = self.score if self.score is not None else self.hexbear_count
            else:
                self.upvotes = self.hexbear_count if self.upvotes is None else self.upvotes
        if self.upvotes is not None and self.downvotes is None:
            self.downvotes = 0  # lemmy-ui shows arrow-down only when there are downvotes
        if self.score is None and self.upvotes is not None and self.downvotes is not None:
            self.score = self.upvotes - self.downvotes
