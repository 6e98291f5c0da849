r"""Relative times as a thread page shows them ("2 days ago"), back to moments.

A page shows when a comment was written only as a relative time, rounded by the
front end that rendered it. ``resolve_time(text, reference)`` gives the range
of moments that the front end could have turned into ``text`` at
``reference``, the moment the page was saved.

Grammar (after case folding, with runs of white space read as one space)::

    TIME   := "now"
            | ["in "] AMOUNT " " UNIT ["."] [" ago" | " from now"]
            | "a long while ago" | "a long while from now"    go-humanize
            | "long ago" | "a while from now"                 go-humanize before 2016
    AMOUNT := 1 to 40 digits | "a" | "an" | "a few"
    UNIT   := second | minute | hour | day | week | month | year, plural or not

``in ...`` and ``... from now`` lie after the reference (a negative elapsed
time: the server's clock ran ahead of the viewer's), ``... ago`` before it or
at it, and ``now`` (go-humanize) within a second either side. A wording with
neither (``2 days``: moment.js and lemmy-ui 1.0) is read as the past: those
front ends drop the direction, and only clock skew puts a comment in the
future.

Abbreviations (``5h ago``, ``2 hrs``, ``3mo``) are accepted by the header
tokenizer, but no front end studied here writes them, so their rounding is
unknown and ``resolve_time`` raises ``ValueError`` for them.

Method. For each front end ("clock") this module has the forward formatter,
written from the library's own source: elapsed milliseconds in, text out
(``format_date_fns``, ``format_moment``, ``format_go_humanize``). Each one
first computes a *reading*, a ``(unit rank, count)`` pair that never decreases
as the elapsed time grows on one side of the reference, and then spells the
reading. The text is parsed into the reading that spells it, and the elapsed
times giving that reading form one interval, whose ends two binary searches
over whole milliseconds find: about 48 steps each, whatever the wording.
The search is bounded by the moments ``datetime`` can hold, so it ends for any
number, and numbers no moment reaches raise ``ValueError``.

One exception: moment.js counts calendar months with the day clamped to the
month's end, so near 18, 30, 42... months its "a year" / "2 years" / "3
years" can alternate for up to three days. Its readings are still in order
four days apart, and in order between UTC midnights, so after the bisection
the four days next to the edge it found are searched piece by piece, and the
result is the earliest and latest moment giving the text even there.

The front ends compute days, months and years on the viewer's local calendar,
which the page does not record. This module takes the viewer to be on UTC:
date-fns then needs no daylight-saving correction and moment.js counts UTC
calendar months. A viewer in a zone whose offset changed in between moves the
day, month and year edges by that change (usually an hour).

>>> from datetime import datetime, timezone
>>> saved = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
>>> earliest, latest = resolve_time("2 days ago", saved, clock="go-humanize")
>>> print(earliest, latest, sep="\n")
2024-04-28 12:00:00.001000+00:00
2024-04-29 12:00:00+00:00
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Final, Literal

import regex

__all__ = (
    "CLOCKS",
    "DIALECT_CLOCKS",
    "format_date_fns",
    "format_go_humanize",
    "format_moment",
    "resolve_time",
)

#: The front ends' rules, by the name of the library that writes the time.
CLOCKS: Final = ("date-fns", "moment", "go-humanize")

#: The clocks that may have written the times of each dialect's pages; each
#: name is also a ``clock`` for ``resolve_time`` (the union of its clocks).
#: lemmy-ui 0.18.0 used moment.js and 0.18.1 switched to date-fns, so a
#: lemmy-0.18 page may have either. hexbear.net's fork did the same: its
#: hexbear-0.17 branch (lemmy-ui 0.17.1) has upstream's moment.js code, its
#: 0.18 and 0.19 branches upstream's date-fns code. A flat dump may come from
#: anything.
DIALECT_CLOCKS: dict[str, tuple[str, ...]] = {
    "lemmy-0.19": ("date-fns",),
    "lemmy-0.18": ("moment", "date-fns"),
    "hexbear": ("moment", "date-fns"),
    "mlmym": ("go-humanize",),
    "flat": CLOCKS,
}

# A reading is (unit rank, count). Ranks follow the order in which a growing
# elapsed time reaches the units, so each clock's readings only ever increase
# with the elapsed time (on one side of the reference), which is what lets a
# binary search invert them.
_NOW, _SECOND, _MINUTE, _HOUR, _DAY, _WEEK, _MONTH, _YEAR, _LONG = range(9)
Reading = tuple[int, int]

_UNITS: Final = {
    "second": _SECOND,
    "minute": _MINUTE,
    "hour": _HOUR,
    "day": _DAY,
    "week": _WEEK,
    "month": _MONTH,
    "year": _YEAR,
}
_UNIT_NAMES: Final = {rank: name for name, rank in _UNITS.items()}

_SECOND_MS: Final = 1_000
_MINUTE_MS: Final = 60 * _SECOND_MS
_HOUR_MS: Final = 60 * _MINUTE_MS
_DAY_MS: Final = 24 * _HOUR_MS

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)
_EPOCH_ORDINAL: Final = _EPOCH.toordinal()
_ONE_MS: Final = timedelta(milliseconds=1)
# Every moment handled lies in these whole milliseconds (UTC). The day's margin
# at each end keeps a conversion to any time zone (offsets < 24 h) in range.
_MIN_MS: Final = (datetime(1, 1, 2, tzinfo=timezone.utc) - _EPOCH) // _ONE_MS
_MAX_MS: Final = (datetime(9999, 12, 30, 23, 59, 59, 999_000, tzinfo=timezone.utc) - _EPOCH) // (
    _ONE_MS
)

#: Parsed text longer than this is no time (the longest wording is ~65 characters).
_MAX_WORDING = 80


def _js_round(x: float) -> int:
    """JavaScript's ``Math.round`` for ``x >= 0``: the nearest integer, halves up.

    Exact, unlike ``floor(x + 0.5)``, which rounds 0.49999999999999994 up.
    """
    whole = math.floor(x)
    return whole + 1 if x - whole >= 0.5 else whole


# --- date-fns: lemmy-ui 0.18.1-0.19.x and 1.0, hexbear.net 0.18 and later --------
#
# date-fns src/formatDistanceStrict/index.ts (v2.30; v3 and v4 compute the same),
# with the default roundingMethod "round", and the en-US strings of
# src/locale/en-US/_lib/formatDistance/index.ts ("1 second", "{{count}} seconds",
# "in " + result when the date is later than now, else result + " ago").
# lemmy-ui 0.18.1-0.19.x: src/shared/utils/helpers/format-past-date.ts calls
# formatDistanceStrict(published, new Date(), {addSuffix: true}); lemmy-ui 1.0:
# src/shared/utils/date.ts formatRelativeDate calls formatDistanceToNowStrict,
# the same function against now, with addSuffix false in comment headers.


def _date_fns_reading(elapsed_ms: int, reference_ms: int) -> Reading:
    del reference_ms  # date-fns counts fixed 30-day months and 365-day years
    milliseconds = abs(elapsed_ms)  # the later date minus the earlier one
    # The floating-point operations are JavaScript's, in its order (Python's
    # int / int and float / int round exactly as IEEE doubles do).
    minutes = milliseconds / 60_000
    # Units are chosen on the unrounded value, then the count is rounded, so
    # 59.5 s reads "60 seconds" and 23.5 h "24 hours".
    if minutes < 1:
        return _SECOND, _js_round(milliseconds / 1000)
    if minutes < 60:
        return _MINUTE, _js_round(minutes)
    if minutes < 1440:
        return _HOUR, _js_round(minutes / 60)
    # dstNormalizedMinutes: the same as minutes for a viewer on UTC.
    if minutes < 43_200:  # 30 days
        return _DAY, _js_round(minutes / 1440)
    if minutes < 525_600:  # 365 days
        months = _js_round(minutes / 43_200)
        # 345 days and more round to 12 months, which date-fns writes "1 year".
        return (_YEAR, 1) if months == 12 else (_MONTH, months)
    return _YEAR, _js_round(minutes / 525_600)


def _suffixed(words: str, elapsed_ms: int, suffix: bool) -> str:
    # date-fns writes "in " when compareAsc(date, now) > 0, moment.js its future
    # format when the duration is > 0: both when the moment is later than now.
    if not suffix:
        return words
    return "in " + words if elapsed_ms < 0 else words + " ago"


def _date_fns_spell(reading: Reading, elapsed_ms: int, suffix: bool) -> str:
    rank, count = reading
    name = _UNIT_NAMES[rank]
    return _suffixed(f"1 {name}" if count == 1 else f"{count} {name}s", elapsed_ms, suffix)


def _date_fns_target(wording: _Wording) -> Reading | None:
    if not isinstance(wording.amount, int) or wording.unit in (_WEEK, _NOW, _LONG):
        return None
    return wording.unit, wording.amount


# --- moment.js: lemmy-ui <= 0.18.0, hexbear.net before 0.18 --------------------
#
# moment 2.29 src/lib/duration/humanize.js (thresholds ss 44, s 45, m 45, h 22,
# d 26, w null, M 11; round = Math.round), src/lib/duration/as.js,
# src/lib/duration/bubble.js (daysToMonths: days * 4800 / 146097), and
# src/lib/duration/create.js (momentsDifference, positiveMomentsDifference:
# whole calendar months from the earlier moment, then the milliseconds left).
# Strings: src/lib/locale/relative.js defaultRelativeTime ("a few seconds",
# "a minute", "%d minutes", "an hour", ...; "in %s" / "%s ago").
# lemmy-ui src/shared/components/common/moment-time.tsx (0.17.4, 0.18.0):
# moment.utc(published).fromNow(!showAgo); comment headers leave showAgo unset,
# so they print no suffix ("2 days"); the registration applications pass it.


def _split(ms: int) -> tuple[int, int, int, int]:
    """UTC year, month, day and millisecond of the day of a moment."""
    days, time_ms = divmod(ms, _DAY_MS)
    day = date.fromordinal(_EPOCH_ORDINAL + days)
    return day.year, day.month, day.day, time_ms


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 31 - (month - 1) % 7 % 2  # moment's daysInMonth, with month 1-based


def _add_months(ms: int, months: int) -> int:
    """moment's ``clone().add(months, "M")``: the day clamped to the month's end."""
    year, month, day, time_ms = _split(ms)
    carry, month0 = divmod(month - 1 + months, 12)
    year += carry
    day = min(day, _days_in_month(year, month0 + 1))
    return (date(year, month0 + 1, day).toordinal() - _EPOCH_ORDINAL) * _DAY_MS + time_ms


def _calendar_difference(earlier: int, later: int) -> tuple[int, int]:
    """positiveMomentsDifference: whole calendar months, then milliseconds left."""
    year0, month0, _, _ = _split(earlier)
    year1, month1, _, _ = _split(later)
    months = month1 - month0 + (year1 - year0) * 12
    if _add_months(earlier, months) > later:
        months -= 1
    return months, later - _add_months(earlier, months)


def _moment_reading(elapsed_ms: int, reference_ms: int) -> Reading:
    # fromNow measures from the earlier of the two moments to the later one.
    if elapsed_ms >= 0:
        earlier, later = reference_ms - elapsed_ms, reference_ms
    else:
        earlier, later = reference_ms, reference_ms - elapsed_ms
    months, milliseconds = _calendar_difference(earlier, later)
    # duration.as(unit), term by term as moment computes it (_days is 0).
    days = _js_round(months * 146_097 / 4800)  # Math.round(monthsToDays(months))
    seconds = _js_round(days * 86_400 + milliseconds / 1000)
    minutes = _js_round(days * 1440 + milliseconds / 60_000)
    hours = _js_round(days * 24 + milliseconds / 3_600_000)
    whole_days = _js_round(days + milliseconds / 86_400_000)
    as_months = months + milliseconds / 86_400_000 * 4800 / 146_097
    rounded_months = _js_round(as_months)
    years = _js_round(as_months / 12)
    if seconds <= 44:
        return _SECOND, 0  # "a few seconds"
    if seconds < 45:  # "%d seconds": unreachable with the default thresholds
        return _SECOND, seconds
    if minutes <= 1:
        return _MINUTE, 1
    if minutes < 45:
        return _MINUTE, minutes
    if hours <= 1:
        return _HOUR, 1
    if hours < 22:
        return _HOUR, hours
    if whole_days <= 1:
        return _DAY, 1
    if whole_days < 26:
        return _DAY, whole_days
    if rounded_months <= 1:
        return _MONTH, 1
    if rounded_months < 11:
        return _MONTH, rounded_months
    return _YEAR, max(years, 1)  # years <= 1 is "a year"


# moment's month count is not monotone: from May 31 or May 30 alike, 18 months
# on is Nov 30 (the day is clamped), so as the comment moves back across two or
# three month-end days the count can drop by one and the fraction of a month
# jump up, and around 18, 30, 42... months "a year" / "2 years" / "3 years"
# alternate for up to 3 days (found by scanning, in both directions, every 10
# minutes of 800 days at 340 references). Readings 4 days apart are in order.
_MOMENT_SLACK: Final = 4 * _DAY_MS


def _moment_pieces(reference_ms: int, sign: int, low: int, high: int) -> list[tuple[int, int]]:
    """Split distances ``[low, high]`` where moment's reading may stop growing.

    Within a piece the comment's UTC date and whether its time of day is past
    the later moment's stay the same, so the month count and the clamped day
    do too, and the reading only grows with the distance.
    """
    del sign  # the same cuts serve both directions
    if high < 27 * _DAY_MS:  # no whole calendar month fits: always in order
        return [(low, high)]
    residues = sorted({(c * reference_ms + d) % _DAY_MS for c in (0, 1, -1) for d in (0, 1)})
    starts = [low]
    day = low - low % _DAY_MS
    while day <= high:  # at most 5 days in a window of _MOMENT_SLACK
        starts.extend(day + residue for residue in residues if low < day + residue <= high)
        day += _DAY_MS
    ends = [start - 1 for start in starts[1:]] + [high]
    return list(zip(starts, ends, strict=True))


def _moment_spell(reading: Reading, elapsed_ms: int, suffix: bool) -> str:
    rank, count = reading
    name = _UNIT_NAMES[rank]
    if rank == _SECOND and count == 0:
        words = "a few seconds"
    elif count == 1:
        words = f"an {name}" if rank == _HOUR else f"a {name}"
    else:
        words = f"{count} {name}s"
    return _suffixed(words, elapsed_ms, suffix)


def _moment_target(wording: _Wording) -> Reading | None:
    if wording.amount == "a few":
        return (_SECOND, 0) if wording.unit == _SECOND else None
    if wording.amount == "a":
        return (wording.unit, 1) if wording.unit in (_MINUTE, _HOUR, _DAY, _MONTH, _YEAR) else None
    # moment spells 1 with the article; "%d" forms print 2 and more.
    if isinstance(wording.amount, int) and wording.amount >= 2:
        return wording.unit, wording.amount
    return None


# --- go-humanize: mlmym ----------------------------------------------------------
#
# mlmym routes.go registers "humanize": humanize.Time (github.com/dustin/go-humanize
# v1.0.1 in go.mod); templates/comment.html prints {{ humanize ...Published.Time }}.
# go-humanize times.go: Time(then) = RelTime(then, time.Now(), "ago", "from now");
# CustomRelTime picks the first row of defaultMagnitudes whose D exceeds the
# difference and prints diff / DivBy (Go integer division, so counts floor).
# Month = 30 days, Year = 12 Months = 360 days, LongTime = 37 Years.

_GO_MONTH_MS: Final = 30 * _DAY_MS
_GO_YEAR_MS: Final = 12 * _GO_MONTH_MS

# (row ends before this many ms, rank, divisor or 0 for a fixed count, fixed count)
_GO_ROWS: Final = (
    (1 * _SECOND_MS, _NOW, 0, 0),  # "now"
    (2 * _SECOND_MS, _SECOND, 0, 1),  # "1 second %s"
    (1 * _MINUTE_MS, _SECOND, _SECOND_MS, 0),  # "%d seconds %s"
    (2 * _MINUTE_MS, _MINUTE, 0, 1),
    (1 * _HOUR_MS, _MINUTE, _MINUTE_MS, 0),
    (2 * _HOUR_MS, _HOUR, 0, 1),
    (1 * _DAY_MS, _HOUR, _HOUR_MS, 0),
    (2 * _DAY_MS, _DAY, 0, 1),
    (7 * _DAY_MS, _DAY, _DAY_MS, 0),
    (14 * _DAY_MS, _WEEK, 0, 1),
    (_GO_MONTH_MS, _WEEK, 7 * _DAY_MS, 0),
    (2 * _GO_MONTH_MS, _MONTH, 0, 1),
    (_GO_YEAR_MS, _MONTH, _GO_MONTH_MS, 0),
    (18 * _GO_MONTH_MS, _YEAR, 0, 1),
    (2 * _GO_YEAR_MS, _YEAR, 0, 2),  # "2 years %s", fixed
    (37 * _GO_YEAR_MS, _YEAR, _GO_YEAR_MS, 0),
)  # then "a long while %s"


def _go_reading(elapsed_ms: int, reference_ms: int) -> Reading:
    del reference_ms  # go-humanize counts fixed 30-day months and 360-day years
    # Durations are whole nanoseconds and every row edge is whole seconds, so
    # whole milliseconds lose nothing. (time.Duration saturates at 292 years,
    # far inside "a long while".)
    difference = abs(elapsed_ms)
    for limit, rank, divisor, fixed in _GO_ROWS:
        if difference < limit:
            return rank, difference // divisor if divisor else fixed
    return _LONG, 0


def _go_spell(reading: Reading, elapsed_ms: int, suffix: bool) -> str:
    del suffix  # go-humanize always writes its label ("%s"), except in "now"
    rank, count = reading
    if rank == _NOW:
        return "now"
    label = "from now" if elapsed_ms < 0 else "ago"  # a.After(b): then is after now
    if rank == _LONG:
        return f"a long while {label}"
    name = _UNIT_NAMES[rank]
    return f"1 {name} {label}" if count == 1 else f"{count} {name}s {label}"


def _go_target(wording: _Wording) -> Reading | None:
    if wording.amount in ("now", "long"):
        return wording.unit, 0
    if isinstance(wording.amount, int):
        return wording.unit, wording.amount
    return None


# --- parsing -------------------------------------------------------------------

# How the text places the moment: "ago" (before the reference, or at it),
# "in" and "from now" (after it), "bare" (no word: read as before), "now"
# (go-humanize's, within a second either side).
Direction = Literal["ago", "in", "from now", "bare", "now"]
_SIGNS: Final[dict[str, tuple[int, ...]]] = {
    "ago": (1,),
    "bare": (1,),
    "in": (-1,),
    "from now": (-1,),
    "now": (1, -1),
}


@dataclass(frozen=True)
class _Wording:
    """A parsed relative time: which side of the reference, how many of what."""

    direction: Direction
    amount: int | str  # a number, or "a", "a few", "now", "long"
    unit: int  # a rank


@dataclass(frozen=True)
class _Clock:
    read: Callable[[int, int], Reading]  # (elapsed ms, reference ms) -> reading
    spell: Callable[[Reading, int, bool], str]  # (reading, elapsed ms, suffix) -> text
    target: Callable[[_Wording], Reading | None]  # the reading spelled so, if any
    directions: frozenset[str]  # the placements it writes
    # Readings at least this many ms apart are in order (0: always in order),
    # and within ``slack`` ms readings are in order between the cuts.
    slack: int = 0
    cuts: Callable[[int, int, int, int], list[tuple[int, int]]] | None = None


_CLOCK_RULES: Final = {
    "date-fns": _Clock(
        _date_fns_reading,
        _date_fns_spell,
        _date_fns_target,
        frozenset({"ago", "in", "bare"}),
    ),
    "moment": _Clock(
        _moment_reading,
        _moment_spell,
        _moment_target,
        frozenset({"ago", "in", "bare"}),
        _MOMENT_SLACK,
        _moment_pieces,
    ),
    "go-humanize": _Clock(
        _go_reading, _go_spell, _go_target, frozenset({"ago", "from now", "now"})
    ),
}

# Bounded repeats and no nested quantifiers: matching is linear in the text.
_WORDING_RE: Final = regex.compile(
    r"(?P<in>in )?(?P<amount>\d{1,40}|an?|a few) "
    r"(?P<unit>second|minute|hour|day|week|month|year)s?\.?(?P<suffix> ago| from now)?"
)
_LONG_RE: Final = regex.compile(r"(?P<past>long ago|a long while ago)|a (?:long )?while from now")
_ABBREVIATED_RE: Final = regex.compile(
    r"(?:in )?(?:\d{1,40} ?(?:s|m|h|d|w|y|mo|mos)|(?:\d{1,40}|an?) ?(?:sec|min|hr|wk|yr)s?)\.?"
    r"(?: ago| from now)?"
)


def _parse(text: str) -> _Wording | None:
    """The wording of a relative time; None when the grammar has no such time."""
    if text == "now":
        return _Wording("now", "now", _NOW)
    if match := _LONG_RE.fullmatch(text):
        return _Wording("ago" if match["past"] else "from now", "long", _LONG)
    match = _WORDING_RE.fullmatch(text)
    if match is None:
        return None
    suffix = match["suffix"]
    if match["in"] and suffix:
        return None  # "in 3 days ago": no front end writes both
    direction: Direction = "in" if match["in"] else "bare"
    if suffix:
        direction = "ago" if suffix == " ago" else "from now"
    spelled: str = match["amount"]
    amount: int | str = "a" if spelled == "an" else spelled
    if spelled[0].isdigit():
        amount = int(spelled)
    return _Wording(direction, amount, _UNITS[match["unit"]])


def _normalize(text: str) -> str:
    # As the header tokenizer does: any case, any run of white space (NBSP,
    # tabs) as one space. casefold also maps the long s and the Kelvin sign,
    # which the tokenizer's IGNORECASE matches.
    return " ".join(text.split()).casefold()


def _shown(text: str) -> str:
    """A text for a one-line message: its repr, cut short."""
    return repr(text) if len(text) <= 60 else repr(text[:60]) + "..."


# --- formatting ------------------------------------------------------------------


def _reference_ms(reference: datetime) -> int:
    if not isinstance(reference, datetime):
        raise TypeError(f"reference must be a datetime, not {type(reference).__name__}")
    if reference.tzinfo is None or reference.utcoffset() is None:
        raise ValueError(
            f"reference must be timezone-aware, got the naive datetime {reference.isoformat()}; "
            "pass e.g. tzinfo=timezone.utc"
        )
    ms = (reference - _EPOCH) // _ONE_MS
    if not _MIN_MS <= ms <= _MAX_MS:
        raise ValueError(f"reference {reference.isoformat()} is outside 0001-01-02..9999-12-30")
    return ms


def _spell(clock: _Clock, elapsed_ms: int, reference_ms: int, suffix: bool) -> str:
    return clock.spell(clock.read(elapsed_ms, reference_ms), elapsed_ms, suffix)


def _check_elapsed(elapsed_ms: int, reference_ms: int) -> None:
    if type(elapsed_ms) is not int:
        raise TypeError(f"elapsed_ms must be an int, not {type(elapsed_ms).__name__}")
    if not _MIN_MS <= reference_ms - elapsed_ms <= _MAX_MS:
        raise ValueError(f"elapsed_ms={elapsed_ms} reaches outside 0001-01-02..9999-12-30")


def format_date_fns(elapsed_ms: int, *, suffix: bool = True) -> str:
    """What date-fns ``formatDistanceStrict`` prints for a moment ``elapsed_ms`` ago.

    Negative ``elapsed_ms`` is a moment in the future. ``suffix=True`` is
    lemmy-ui 0.18.1-0.19.x (``addSuffix: true``: "2 days ago", "in 3
    seconds"); ``suffix=False`` is lemmy-ui 1.0 ("2 days"). The viewer is taken
    to be on UTC.

    >>> format_date_fns(59_500), format_date_fns(-2_500), format_date_fns(345 * 86_400_000)
    ('60 seconds ago', 'in 3 seconds', '1 year ago')
    """
    _check_elapsed(elapsed_ms, 0)
    return _spell(_CLOCK_RULES["date-fns"], elapsed_ms, 0, suffix)


def format_moment(elapsed_ms: int, reference: datetime, *, suffix: bool = False) -> str:
    """What moment.js ``fromNow`` prints, at ``reference``, for a moment ``elapsed_ms`` ago.

    moment.js counts months on the calendar, so the result depends on
    ``reference`` (taken as UTC, the viewer's assumed zone) for elapsed times
    of 28 days and more. ``suffix=False`` is lemmy-ui <= 0.18.0's
    ``fromNow(true)`` ("2 days"); ``suffix=True`` adds "ago" or "in".

    >>> from datetime import datetime, timezone
    >>> saved = datetime(2023, 6, 1, tzinfo=timezone.utc)
    >>> format_moment(44_499, saved), format_moment(44_500, saved), format_moment(-1, saved, suffix=True)
    ('a few seconds', 'a minute', 'in a few seconds')
    """
    reference_ms = _reference_ms(reference)
    _check_elapsed(elapsed_ms, reference_ms)
    return _spell(_CLOCK_RULES["moment"], elapsed_ms, reference_ms, suffix)


def format_go_humanize(elapsed_ms: int) -> str:
    """What go-humanize ``Time`` (mlmym) prints for a moment ``elapsed_ms`` ago.

    >>> format_go_humanize(999), format_go_humanize(-3_000), format_go_humanize(540 * 86_400_000)
    ('now', '3 seconds from now', '2 years ago')
    """
    _check_elapsed(elapsed_ms, 0)
    return _spell(_CLOCK_RULES["go-humanize"], elapsed_ms, 0, True)


# --- inversion -------------------------------------------------------------------


class _OutOfRangeError(Exception):
    """The wording's moments reach past the years ``datetime`` can hold."""


def _first(predicate: Callable[[int], bool], low: int, high: int) -> int:
    """An ``m`` in ``[low, high + 1]`` where the predicate turns true.

    The predicate is false before ``m`` (or ``m == low``) and true at ``m``
    (or ``m == high + 1``): for a monotone predicate, the least ``m`` where it
    holds, else ``high + 1``.
    """
    while low <= high:  # halves the range each turn: at most ~48 turns here
        middle = (low + high) // 2
        if predicate(middle):
            high = middle - 1
        else:
            low = middle + 1
    return low


def _least(
    clock: _Clock, predicate: Callable[[int], bool], low: int, high: int, where: tuple[int, int]
) -> int:
    """The least ``m`` in ``[low, high]`` where an upward predicate holds, else ``high + 1``.

    "Upward": once true, true again ``clock.slack`` ms further on. Bisection
    finds a change from false to true; all ``m`` more than ``slack`` before it
    are false, so the least one lies within ``slack`` before it, where the
    clock's pieces are each bisected in order.
    """
    found = _first(predicate, low, high)
    if not clock.slack or clock.cuts is None:
        return found
    window = clock.cuts(*where, max(low, found - clock.slack), min(found - 1, high))
    for piece_low, piece_high in window:
        if (earlier := _first(predicate, piece_low, piece_high)) <= piece_high:
            return earlier
    return found


def _greatest(
    clock: _Clock, predicate: Callable[[int], bool], low: int, high: int, where: tuple[int, int]
) -> int:
    """The greatest ``m`` in ``[low, high]`` where a downward predicate holds, else ``low - 1``.

    "Downward": once false, false again ``clock.slack`` ms further on; the
    mirror image of ``_least``.
    """
    found = _first(lambda m: not predicate(m), low, high)  # a change to false
    if not clock.slack or clock.cuts is None:
        return found - 1
    window = clock.cuts(*where, max(low, found), min(found + clock.slack - 1, high))
    for piece_low, piece_high in reversed(window):
        if (later := _first(lambda m: not predicate(m), piece_low, piece_high) - 1) >= piece_low:
            return later
    return found - 1


def _span(clock: _Clock, target: Reading, sign: int, reference_ms: int) -> tuple[int, int] | None:
    """The least and greatest elapsed ms, both inclusive, whose reading is ``target``.

    ``sign`` is 1 for the past and -1 for the future; the search runs over the
    distance ``m >= 0`` from the reference, along which readings grow (see
    ``_least`` for moment.js). None when no distance gives ``target``.
    """
    if sign > 0:
        start, limit = 0, reference_ms - _MIN_MS
    else:
        # A future moment is later than now: "0 seconds ago" at distance 0.
        start, limit = 1, _MAX_MS - reference_ms

    def reading(distance: int) -> Reading:
        return clock.read(sign * distance, reference_ms)

    where = (reference_ms, sign)
    first = _least(clock, lambda m: reading(m) >= target, start, limit, where)
    if first > limit:
        raise _OutOfRangeError
    if reading(first) != target:
        return None
    last = _greatest(clock, lambda m: reading(m) <= target, first, limit, where)
    # Only "a long while" has no end; any other wording still read at the limit
    # goes on beyond it.
    if last == limit and target[0] != _LONG:
        raise _OutOfRangeError
    return (first, last) if sign > 0 else (-last, -first)


def _elapsed_span(wording: _Wording, clock: _Clock, reference_ms: int) -> tuple[int, int] | None:
    target = clock.target(wording)
    if target is None or wording.direction not in clock.directions:
        return None
    spans = [
        span
        for sign in _SIGNS[wording.direction]
        if (span := _span(clock, target, sign, reference_ms))
    ]
    if not spans:
        return None
    return min(low for low, _ in spans), max(high for _, high in spans)


def resolve_time(
    text: str, reference: datetime, *, clock: str | None = None
) -> tuple[datetime, datetime]:
    """The earliest and latest moment a page's relative time can mean.

    ``text`` is the time as the page shows it ("2 days ago", "a day", "in 3
    seconds", "now"); ``reference`` is the moment the page was saved, a
    timezone-aware datetime. Returns ``(earliest, latest)`` in
    ``reference``'s time zone, both inclusive, to the millisecond: the front
    end prints ``text`` at ``reference`` for a moment ``earliest`` or
    ``latest``, and for no moment a millisecond before ``earliest`` or after
    ``latest``. For one clock it prints ``text`` for every moment in between,
    except where moment.js alternates "a year" / "2 years" (and later years)
    for up to three days near a month's end.

    ``clock`` names the front end's rules: ``"date-fns"`` (lemmy-ui 0.18.1 and
    later, hexbear.net 0.18 and later), ``"moment"`` (lemmy-ui <= 0.18.0,
    hexbear.net before 0.18) or ``"go-humanize"`` (mlmym). A dialect's name
    gives the range over the clocks that dialect's pages may have used and that
    write ``text``: ``"lemmy-0.19"`` date-fns; ``"lemmy-0.18"`` and
    ``"hexbear"`` moment and date-fns; ``"mlmym"`` go-humanize; ``"flat"`` all
    three (docs/times.md, "Which clock wrote the page"). ``None`` gives the
    range over every clock that writes ``text``.

    Raises ``ValueError`` for a naive ``reference``, an unknown ``clock``, a
    text that no clock writes (abbreviations such as "5h ago" included), and a
    range that reaches outside the years 1-9999; "a long while ago" has no
    earliest moment and gets 0001-01-02 UTC.

    >>> from datetime import datetime, timezone
    >>> saved = datetime(2024, 1, 1, tzinfo=timezone.utc)
    >>> for moment in resolve_time("in 3 seconds", saved, clock="date-fns"):
    ...     print(moment.isoformat(timespec="milliseconds"))
    2024-01-01T00:00:02.500+00:00
    2024-01-01T00:00:03.499+00:00
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    names: tuple[str, ...]
    if clock is None:
        names = CLOCKS
    elif clock in CLOCKS:
        names = (clock,)
    elif clock in DIALECT_CLOCKS:
        names = DIALECT_CLOCKS[clock]
    else:
        raise ValueError(
            f"unknown clock {clock!r}; expected None or one of {CLOCKS}"
            f" or a dialect, one of {tuple(DIALECT_CLOCKS)}"
        )
    reference_ms = _reference_ms(reference)
    normalized = _normalize(text)
    wording = _parse(normalized) if len(normalized) <= _MAX_WORDING else None
    if wording is None:
        reason = ""
        if len(normalized) <= _MAX_WORDING and _ABBREVIATED_RE.fullmatch(normalized):
            reason = ": abbreviated units come from front ends whose rounding is unknown"
        elif normalized == "indeterminate":
            reason = ": lemmy-ui writes it for a date it cannot read"
        elif normalized in ("yesterday", "just now"):
            reason = ": none of lemmy-ui, hexbear.net and mlmym writes it"
        raise ValueError(f"{_shown(text)} is not a relative time threadparse can resolve{reason}")
    spans: list[tuple[int, int]] = []
    for name in names:
        try:
            span = _elapsed_span(wording, _CLOCK_RULES[name], reference_ms)
        except _OutOfRangeError:
            raise ValueError(
                f"{_shown(text)} at {reference.isoformat()} reaches outside the years 1-9999"
            ) from None
        if span is not None:
            spans.append(span)
    if not spans:
        by = f" with clock={clock!r}" if clock else ""
        raise ValueError(f"{_shown(text)} is not a relative time threadparse can resolve{by}")
    low = min(low for low, _ in spans)
    high = max(high for _, high in spans)
    utc = reference.astimezone(timezone.utc)
    earliest = (utc - high * _ONE_MS).astimezone(reference.tzinfo)
    latest = (utc - low * _ONE_MS).astimezone(reference.tzinfo)
    return earliest, latest
