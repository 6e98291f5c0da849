"""What every Lemmy front end prints the same way: badge names and their order,
pronoun tags, compact counts, and the placeholder lines of deleted comments and
hidden replies. The Lemmy formats (page text, captures, mlmym, flat text, API
JSON, HTML) read these words through here, so each says them one way.

Every regex runs on bounded input with bounded repeats.
"""

from __future__ import annotations

import functools

import regex

#: lemmy-ui's UserBadges order. Badges are reported in this order wherever the
#: copy put them (hexbear's OP icon comes after the name, a badge line after the
#: tokens), so one author reads the same in every dialect.
BADGE_ORDER = ("Banned", "Banned from community", "OP", "M", "A", "B")


def canonical_badges(badges: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Badges once each, in lemmy-ui's order."""
    return tuple(badge for badge in BADGE_ORDER if badge in badges)


# PRONOUNS := "[" entry ("," entry)* "]" at the end of a display name: he/him,
# comrade/them, any, none/use name (hexbear.net writes the tag into the name).
_PRONOUN_ENTRY = regex.compile(r"[\p{L}'’ ]{1,40}(?:/[\p{L}'’ ]{1,40}){1,4}")
#: Pronoun entries without a slash that hexbear's settings page offers.
_SINGLE_WORD_PRONOUNS = frozenset({"any", "all", "ask", "none", "other"})


def split_pronouns(display: str) -> tuple[str, tuple[str, ...]]:
    """``"Ada [she/her]"`` -> ``("Ada", ("she/her",))``; a tag that is not pronouns stays."""
    if not display.endswith("]"):
        return display, ()
    opening = display.rfind("[")
    name, tag = display[:opening].rstrip(), display[opening + 1 : -1]
    if opening <= 0 or not name or "]" in tag or not tag.strip():
        return display, ()
    entries = tuple(entry.strip() for entry in tag.split(","))
    if not all(
        _PRONOUN_ENTRY.fullmatch(entry) or entry.lower() in _SINGLE_WORD_PRONOUNS
        for entry in entries
    ):
        return display, ()  # "[deleted]"-like tags that are not pronouns stay in the name
    return name, entries


# NUM := numToSI output, Intl compact notation with 3 significant digits
# ("46", "999", "1.2K", "12.3K", "1M"). Tolerates: a minus sign (U+2212 too),
# raw counts of any length. The suffix is upper case: "5m" is a time.
COUNT = regex.compile(r"(?P<sign>[-−])?(?P<digits>\d{1,15}(?:\.\d{1,6})?)(?P<suffix>[KMBT])?")


@functools.lru_cache(maxsize=8192)
def parse_count(content: str) -> int | None:
    """``"1.2K"`` -> 1200, ``"-3"`` -> -3; None when it is not a count. (Cached:
    a page's headers show the same few counts again and again.)"""
    match = COUNT.fullmatch(" ".join(content.split()))
    if not match:
        return None
    suffix: str = match["suffix"] or ""
    scale = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}.get(suffix, 1)
    digits: str = match["digits"]
    if "." in digits:
        whole, fraction = digits.split(".")
        unit: int = 10 ** len(fraction)  # int ** int is typed Any (negative powers are floats)
        value = (int(whole) * unit + int(fraction)) * scale // unit
    else:
        value = int(digits) * scale
    negative = bool(match["sign"])
    return -value if negative else value


# MORE := COUNT " more repl(y|ies)" [" ➔"]  (lemmy-ui's x_more_replies button)
MORE_REPLIES = regex.compile(
    r"(?P<count>\d{1,12}(?:\.\d{1,3})?[KMBT]?)\s{1,4}more\s{1,4}repl(?:y|ies)\s{0,4}(?:➔|->|→)?",
    regex.IGNORECASE,
)

# DELETED := "deleted by creator" | "[deleted]", REMOVED := "Removed by mod" |
# "[removed]" | "[removed by mod]". Tolerates: the markdown italics of view-source
# ("*deleted by creator*") and any case.
_DELETED = regex.compile(r"[*_]?(?:deleted by creator|\[deleted\])[*_]?", regex.IGNORECASE)
_REMOVED = regex.compile(r"[*_]?(?:removed by mod|\[removed(?: by mod)?\])[*_]?", regex.IGNORECASE)

_MAX_PLACEHOLDER = 40  # the longest placeholder line, "*deleted by creator*", with room


def deletion_of(content: str) -> str | None:
    """``"deleted"`` or ``"removed"`` when the line is lemmy-ui's placeholder body."""
    if len(content) > _MAX_PLACEHOLDER:
        return None
    words = " ".join(content.split())  # NBSP from the copy
    if _DELETED.fullmatch(words):
        return "deleted"
    if _REMOVED.fullmatch(words):
        return "removed"
    return None


def more_replies_of(content: str) -> int | None:
    """N for a line ``N more replies ➔``, else None."""
    if len(content) > _MAX_PLACEHOLDER:
        return None
    more = MORE_REPLIES.fullmatch(" ".join(content.split()))
    return None if more is None else parse_count(more["count"])
