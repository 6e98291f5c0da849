"""resolve_time: relative times back to the moments they can mean.

Expected ranges are worked out by hand from each library's source (the comment
by each case says how); the golden strings were printed by the libraries
themselves (date-fns 2.30.0 and 4.1, moment 2.29.4, under node with TZ=UTC).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from threadparse._times import (
    CLOCKS,
    DIALECT_CLOCKS,
    format_date_fns,
    format_go_humanize,
    format_moment,
    resolve_time,
)
from threadparse.formats.lemmy_page.header import Token, classify_token

MS = timedelta(milliseconds=1)
SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR

R = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
# 2119-11-30T09:30:55.860Z: a reference at a month's end, where moment.js
# alternates "a year" / "2 years" (see test_moment_alternation_is_moments_own).
MONTH_END = datetime(2119, 11, 30, 9, 30, 55, 860_000, tzinfo=timezone.utc)


def elapsed(reference: datetime, moment: datetime) -> int:
    """Whole milliseconds from ``moment`` to ``reference`` (exact, or the test fails)."""
    distance, rest = divmod(reference - moment, MS)
    assert rest == timedelta(0)
    return distance


def span(text: str, clock: str | None, reference: datetime = R) -> tuple[int, int]:
    """resolve_time as elapsed milliseconds: (least, greatest), both inclusive."""
    earliest, latest = resolve_time(text, reference, clock=clock)
    return elapsed(reference, latest), elapsed(reference, earliest)


# --- hand-worked ranges --------------------------------------------------------

# date-fns formatDistanceStrict: the unit is chosen on the unrounded distance
# (seconds < 1 min <= minutes < 60 min <= hours < 24 h <= days < 30 d <= months
# < 365 d <= years), then the count is Math.round-ed, halves up.
DATE_FNS_CASES = [
    # round(ms / 1000) = 0 below 500 ms; "ago" also at 0 (compareAsc is 0).
    ("0 seconds ago", 0, 499),
    ("1 second ago", 500, 1499),
    # 59.5 s rounds to 60 while the unit is still seconds.
    ("60 seconds ago", 59_500, 59_999),
    # minutes from 1 min; round(minutes) = 1 up to 1.5 min.
    ("1 minute ago", MINUTE, 90 * SECOND - 1),
    ("60 minutes ago", 59 * MINUTE + 30 * SECOND, HOUR - 1),
    ("1 hour ago", HOUR, 90 * MINUTE - 1),
    ("24 hours ago", 23 * HOUR + 30 * MINUTE, DAY - 1),
    # days from 24 h; round(days) = 1 up to 1.5 d.
    ("1 day ago", DAY, 36 * HOUR - 1),
    # round(days) = 2 on [1.5 d, 2.5 d): R - 2.5 d (exclusive) to R - 1.5 d.
    ("2 days ago", 36 * HOUR, 60 * HOUR - 1),
    ("30 days ago", 29 * DAY + 12 * HOUR, 30 * DAY - 1),
    # months are 30 days from 30 d; round(days / 30) = 1 up to 45 d.
    ("1 month ago", 30 * DAY, 45 * DAY - 1),
    ("11 months ago", 315 * DAY, 345 * DAY - 1),
    # 345 d rounds to 12 months, written "1 year"; from 365 d, years of 365
    # days, round(days / 365) = 1 up to 547.5 d.
    ("1 year ago", 345 * DAY, 547 * DAY + 12 * HOUR - 1),
    ("2 years ago", 547 * DAY + 12 * HOUR, 912 * DAY + 12 * HOUR - 1),
    # A moment later than now: "in ", the same rounding on the distance.
    ("in 0 seconds", -499, -1),
    ("in 3 seconds", -3499, -2500),
    ("in 30 days", -(30 * DAY - 1), -(29 * DAY + 12 * HOUR)),
    # lemmy-ui 1.0 (no suffix): read as the past.
    ("2 days", 36 * HOUR, 60 * HOUR - 1),
    ("0 seconds", 0, 499),
]

# moment.js fromNow: thresholds ss 44 (seconds), s 45, m 45 (minutes), h 22
# (hours), d 26 (days), M 11 (months), each on the rounded value.
MOMENT_CASES = [
    ("a few seconds", 0, 44_499),  # round(s) <= 44
    ("a minute", 44_500, 89_999),  # round(s) >= 45, round(min) <= 1
    ("2 minutes", 90_000, 150_000 - 1),
    ("44 minutes", 43 * MINUTE + 30 * SECOND, 44 * MINUTE + 30 * SECOND - 1),
    ("an hour", 44 * MINUTE + 30 * SECOND, 90 * MINUTE - 1),  # round(min) >= 45
    ("21 hours", 20 * HOUR + 30 * MINUTE, 21 * HOUR + 30 * MINUTE - 1),
    ("a day", 21 * HOUR + 30 * MINUTE, 36 * HOUR - 1),  # round(h) >= 22, round(d) <= 1
    ("25 days", 24 * DAY + 12 * HOUR, 25 * DAY + 12 * HOUR - 1),
    # round(d) >= 26, then months: whole calendar months from the comment plus
    # the rest in months of 30.436875 days; "a month" while that is < 1.5.
    # At R = May 1 12:00 a comment on March d is 1 month (to April d) plus
    # R - April d; the rest reaches 15.2184375 d (1,314,873,000 ms) at
    # April 16 06:45:27, so the last comment is 31 d (March) + 1,314,872,999 ms.
    ("a month", 25 * DAY + 12 * HOUR, 31 * DAY + 1_314_872_999),
    # With the suffix: "ago", or "in" for a later moment.
    ("a day ago", 21 * HOUR + 30 * MINUTE, 36 * HOUR - 1),
    ("in a few seconds", -44_499, -1),
    ("in a minute", -89_999, -44_500),
]

# go-humanize times.go: the first row of the magnitudes table whose D is more
# than the difference; counts are Go integer division (floor).
GO_CASES = [
    ("now", -999, 999),  # D = 1 s, either side
    ("1 second ago", SECOND, 2 * SECOND - 1),
    ("59 seconds ago", 59 * SECOND, MINUTE - 1),
    # "%d days %s" with DivBy Day, for [2 d, 7 d): floor(2.x) = 2.
    ("2 days ago", 2 * DAY, 3 * DAY - 1),
    ("1 week ago", 7 * DAY, 14 * DAY - 1),
    ("4 weeks ago", 28 * DAY, 30 * DAY - 1),  # Month = 30 days ends the weeks
    ("11 months ago", 330 * DAY, 360 * DAY - 1),  # Year = 360 days
    ("1 year ago", 360 * DAY, 540 * DAY - 1),  # up to 18 Months
    ("2 years ago", 540 * DAY, 1080 * DAY - 1),  # "2 years" row, then 720 d / 360 d
    ("36 years ago", 36 * 360 * DAY, 37 * 360 * DAY - 1),  # LongTime = 37 Years
    ("3 seconds from now", -(4 * SECOND - 1), -3 * SECOND),
]


@pytest.mark.parametrize(("text", "least", "greatest"), DATE_FNS_CASES)
def test_date_fns_ranges(text: str, least: int, greatest: int) -> None:
    assert span(text, "date-fns") == (least, greatest)


@pytest.mark.parametrize(("text", "least", "greatest"), MOMENT_CASES)
def test_moment_ranges(text: str, least: int, greatest: int) -> None:
    assert span(text, "moment") == (least, greatest)


@pytest.mark.parametrize(("text", "least", "greatest"), GO_CASES)
def test_go_humanize_ranges(text: str, least: int, greatest: int) -> None:
    assert span(text, "go-humanize") == (least, greatest)


def test_the_result_is_inclusive_and_in_the_references_zone() -> None:
    tz = timezone(timedelta(hours=-5))
    reference = datetime(2024, 5, 1, 7, 0, 0, 250_000, tzinfo=tz)
    earliest, latest = resolve_time("2 days ago", reference, clock="date-fns")
    assert earliest == datetime(2024, 4, 28, 19, 0, 0, 251_000, tzinfo=tz)
    assert latest == datetime(2024, 4, 29, 19, 0, 0, 250_000, tzinfo=tz)
    assert earliest.tzinfo is tz
    assert latest.tzinfo is tz


def test_results_are_absolute_time_across_daylight_saving() -> None:
    try:
        new_york = ZoneInfo("America/New_York")
    except ZoneInfoNotFoundError:  # pragma: no cover - the machine has no tz database
        pytest.skip("no time zone database")
    # DST began on 2024-03-10: wall-clock arithmetic would be an hour off.
    reference = datetime(2024, 3, 20, 12, 0, tzinfo=new_york)
    earliest, latest = resolve_time("30 days ago", reference, clock="date-fns")
    assert earliest.tzinfo is new_york
    assert earliest.astimezone(timezone.utc) == datetime(2024, 2, 19, 16, 0, 0, 1000, timezone.utc)
    assert latest.astimezone(timezone.utc) == datetime(2024, 2, 20, 4, 0, tzinfo=timezone.utc)
    assert str(earliest) == "2024-02-19 11:00:00.001000-05:00"


def test_a_long_while_ago_has_no_earliest_moment() -> None:
    earliest, latest = resolve_time("a long while ago", R, clock="go-humanize")
    assert earliest == datetime(1, 1, 2, tzinfo=timezone.utc)
    assert elapsed(R, latest) == 37 * 360 * DAY
    # go-humanize before 2016 wrote "long ago" for the same range.
    assert resolve_time("long ago", R) == (earliest, latest)
    earliest, latest = resolve_time("a long while from now", R)
    assert elapsed(R, earliest) == -37 * 360 * DAY
    assert latest == datetime(9999, 12, 30, 23, 59, 59, 999_000, tzinfo=timezone.utc)


# --- what the libraries print --------------------------------------------------

# (reference, elapsed ms, date-fns with suffix, moment without suffix), printed
# by formatDistanceStrict(then, now, {addSuffix: true}) (date-fns 2.30.0 and
# 4.1 agree) and moment.utc(then).from(moment(now), true) (2.29.4).
GOLDEN = [
    (R, 0, "0 seconds ago", "a few seconds"),
    (R, 499, "0 seconds ago", "a few seconds"),
    (R, 500, "1 second ago", "a few seconds"),
    (R, 44_499, "44 seconds ago", "a few seconds"),
    (R, 44_500, "45 seconds ago", "a minute"),
    (R, 59_500, "60 seconds ago", "a minute"),
    (R, 60_000, "1 minute ago", "a minute"),
    (R, 90_000, "2 minutes ago", "2 minutes"),
    (R, 3_569_999, "59 minutes ago", "an hour"),
    (R, 3_570_000, "60 minutes ago", "an hour"),
    (R, 5_399_999, "1 hour ago", "an hour"),
    (R, 5_400_000, "2 hours ago", "2 hours"),
    (R, 77_399_999, "21 hours ago", "21 hours"),
    (R, 77_400_000, "22 hours ago", "a day"),
    (R, 86_399_999, "24 hours ago", "a day"),
    (R, 86_400_000, "1 day ago", "a day"),
    (R, 129_600_000, "2 days ago", "2 days"),
    (R, 2_203_200_000, "26 days ago", "a month"),
    (R, 2_548_800_000, "30 days ago", "a month"),
    (R, 2_592_000_000, "1 month ago", "a month"),
    (R, 3_993_272_999, "2 months ago", "a month"),
    (R, 3_993_273_000, "2 months ago", "2 months"),
    (R, 29_807_999_999, "11 months ago", "a year"),
    (R, 29_808_000_000, "1 year ago", "a year"),
    (R, 31_536_000_000, "1 year ago", "a year"),
    (R, 47_303_999_999, "1 year ago", "2 years"),
    (R, 47_304_000_000, "2 years ago", "2 years"),
    (R, -1, "in 0 seconds", "a few seconds"),
    (R, -500, "in 1 second", "a few seconds"),
    (R, -3_499, "in 3 seconds", "a few seconds"),
    (R, -44_500, "in 45 seconds", "a minute"),
    (MONTH_END, 47_381_428_000, "2 years ago", "2 years"),
    (MONTH_END, 47_382_425_000, "2 years ago", "a year"),
]


@pytest.mark.parametrize(("reference", "elapsed_ms", "date_fns", "moment"), GOLDEN)
def test_formatters_print_what_the_libraries_print(
    reference: datetime, elapsed_ms: int, date_fns: str, moment: str
) -> None:
    assert format_date_fns(elapsed_ms) == date_fns
    assert format_date_fns(elapsed_ms, suffix=False) == date_fns.removesuffix(" ago").removeprefix(
        "in "
    )
    assert format_moment(elapsed_ms, reference) == moment
    with_suffix = "in " + moment if elapsed_ms < 0 else moment + " ago"
    assert format_moment(elapsed_ms, reference, suffix=True) == with_suffix


@pytest.mark.parametrize(
    ("elapsed_ms", "text"),
    [
        (0, "now"),
        (999, "now"),
        (-999, "now"),
        (1000, "1 second ago"),
        (1999, "1 second ago"),
        (2000, "2 seconds ago"),
        (2 * MINUTE - 1, "1 minute ago"),
        (2 * MINUTE, "2 minutes ago"),
        (13 * DAY, "1 week ago"),
        (29 * DAY, "4 weeks ago"),
        (359 * DAY, "11 months ago"),
        (539 * DAY, "1 year ago"),
        (719 * DAY, "2 years ago"),
        (1080 * DAY, "3 years ago"),
        (37 * 360 * DAY - 1, "36 years ago"),
        (37 * 360 * DAY, "a long while ago"),
        (-1000, "1 second from now"),
        (-37 * 360 * DAY, "a long while from now"),
    ],
)
def test_go_humanize_formatter(elapsed_ms: int, text: str) -> None:
    assert format_go_humanize(elapsed_ms) == text


def test_moment_alternation_is_moments_own() -> None:
    # moment.js itself prints "2 years" for the later comment and "a year" for
    # the earlier one: 18 months on from May 31 is Nov 30 (the day is clamped),
    # so near a month's end the whole-month count drops by one as the comment
    # moves back. The range still holds every moment that prints the text.
    later, earlier = 47_381_428_000, 47_382_425_000
    assert format_moment(later, MONTH_END) == "2 years"
    assert format_moment(earlier, MONTH_END) == "a year"
    low, high = span("a year", "moment", MONTH_END)
    assert high >= earlier
    assert format_moment(high, MONTH_END) == "a year"
    assert format_moment(high + 1, MONTH_END) != "a year"
    assert format_moment(low - 1, MONTH_END) != "a year"
    low, high = span("2 years", "moment", MONTH_END)
    assert low <= later
    assert format_moment(low, MONTH_END) == "2 years"
    assert format_moment(low - 1, MONTH_END) != "2 years"
    # The first "2 years" comes before the last "a year": the ranges overlap.
    assert low < span("a year", "moment", MONTH_END)[1]


# --- clocks and their union ------------------------------------------------------


def test_dialect_clocks() -> None:
    assert CLOCKS == ("date-fns", "moment", "go-humanize")
    assert DIALECT_CLOCKS == {
        "lemmy-0.19": ("date-fns",),
        "lemmy-0.18": ("moment", "date-fns"),
        "hexbear": ("moment", "date-fns"),
        "mlmym": ("go-humanize",),
        "flat": ("date-fns", "moment", "go-humanize"),
    }


@pytest.mark.parametrize(
    ("text", "least", "greatest"),
    [
        # date-fns [1.5 d, 2.5 d), moment with suffix the same, go-humanize [2 d, 3 d)
        ("2 days ago", 36 * HOUR, 3 * DAY - 1),
        # date-fns [1 d, 1.5 d), go-humanize [1 d, 2 d)
        ("1 day ago", DAY, 2 * DAY - 1),
        # date-fns [345 d, 547.5 d), go-humanize [360 d, 540 d)
        ("1 year ago", 345 * DAY, 547 * DAY + 12 * HOUR - 1),
        # date-fns (lemmy-ui 1.0) and moment.js: both [1.5 d, 2.5 d)
        ("2 days", 36 * HOUR, 60 * HOUR - 1),
        # only one clock writes each of these
        ("a day", 21 * HOUR + 30 * MINUTE, 36 * HOUR - 1),
        ("now", -999, 999),
        ("in 3 seconds", -3499, -2500),
        ("1 week ago", 7 * DAY, 14 * DAY - 1),
        ("24 hours ago", 23 * HOUR + 30 * MINUTE, DAY - 1),
    ],
)
def test_union_over_clocks(text: str, least: int, greatest: int) -> None:
    assert span(text, None) == (least, greatest)


@pytest.mark.parametrize(
    ("text", "clock", "written_by"),
    [
        ("a day", "date-fns", ("moment",)),  # date-fns writes "1 day"
        ("1 day", "moment", ("date-fns",)),  # moment writes "a day"
        ("in 3 seconds", "go-humanize", ("date-fns",)),  # go-humanize: "3 seconds from now"
        ("3 days from now", "date-fns", ("go-humanize",)),
        ("now", "moment", ("go-humanize",)),
        ("1 week ago", "date-fns", ("go-humanize",)),  # date-fns strict has no weeks
        ("30 seconds", "moment", ("date-fns",)),  # "a few seconds" up to 44 s
        ("45 minutes", "moment", ("date-fns",)),  # "an hour" from 44.5 min
        ("11 months", "moment", ("date-fns",)),  # "a year" from 10.5 months
        ("37 years ago", "go-humanize", ("date-fns", "moment")),  # "a long while ago"
        ("0 seconds ago", "go-humanize", ("date-fns",)),  # "now"
        ("12 months ago", "date-fns", ()),  # written "1 year ago"
        ("61 seconds ago", "date-fns", ()),
        ("0 minutes ago", "date-fns", ()),
        ("1 minutes", "moment", ("date-fns",)),  # moment: "a minute"; plural tolerated
        ("a second", "moment", ()),  # "a few seconds", then "a minute"
    ],
)
def test_a_wording_another_clock_writes_is_refused(
    text: str, clock: str, written_by: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError, match="is not a relative time threadparse can resolve with"):
        resolve_time(text, R, clock=clock)
    if not written_by:
        with pytest.raises(ValueError, match=r"threadparse can resolve$"):
            resolve_time(text, R)
        return
    # With clock=None: exactly the hull of the clocks that write it.
    ranges = [resolve_time(text, R, clock=other) for other in written_by]
    expected = (min(low for low, _ in ranges), max(high for _, high in ranges))
    assert resolve_time(text, R) == expected
    for other in set(CLOCKS) - {*written_by}:
        with pytest.raises(ValueError, match="threadparse can resolve with"):
            resolve_time(text, R, clock=other)


# hexbear.net's fork ran lemmy-ui 0.17.1 with moment.js (branch hexbear-0.17),
# then upstream's date-fns from its 0.18 line: its pages have either wording.
@pytest.mark.parametrize(
    ("text", "least", "greatest", "written_by"),
    [
        # moment only: the hand-worked MOMENT_CASES ranges
        ("a day", 21 * HOUR + 30 * MINUTE, 36 * HOUR - 1, ("moment",)),
        ("a few seconds", 0, 44 * SECOND + 499, ("moment",)),
        ("an hour", 44 * MINUTE + 30 * SECOND, 90 * MINUTE - 1, ("moment",)),
        # both write it, with the same range: [1.5 d, 2.5 d)
        ("2 days ago", 36 * HOUR, 60 * HOUR - 1, ("moment", "date-fns")),
        ("2 days", 36 * HOUR, 60 * HOUR - 1, ("moment", "date-fns")),
        # both write it: moment.js from 18 calendar months (2022-11-01 12:00,
        # 547 days) to 30 (2021-11-01 12:00, 912 days), date-fns [547.5 d,
        # 912.5 d); the union takes moment's start and date-fns' end
        ("2 years ago", 547 * DAY, 912 * DAY + 12 * HOUR - 1, ("moment", "date-fns")),
        # date-fns only: moment writes "a year" from 10.5 months and "a year ago"
        ("11 months ago", 315 * DAY, 345 * DAY - 1, ("date-fns",)),
        ("1 year ago", 345 * DAY, 547 * DAY + 12 * HOUR - 1, ("date-fns",)),
        ("in 3 seconds", -3499, -2500, ("date-fns",)),
    ],
)
def test_hexbear_has_moment_and_date_fns_times(
    text: str, least: int, greatest: int, written_by: tuple[str, ...]
) -> None:
    assert span(text, "hexbear") == (least, greatest)
    ranges = [resolve_time(text, R, clock=clock) for clock in written_by]
    expected = (min(low for low, _ in ranges), max(high for _, high in ranges))
    assert resolve_time(text, R, clock="hexbear") == expected
    for clock in {"moment", "date-fns"} - {*written_by}:
        with pytest.raises(ValueError, match="threadparse can resolve with"):
            resolve_time(text, R, clock=clock)


def test_hexbear_a_day_is_moments_and_2_days_ago_date_fns() -> None:
    assert resolve_time("a day", R, clock="hexbear") == resolve_time("a day", R, clock="moment")
    assert resolve_time("2 days ago", R, clock="hexbear") == resolve_time(
        "2 days ago", R, clock="date-fns"
    )


@pytest.mark.parametrize(
    "text", ["now", "1 week ago", "3 seconds from now", "a week", "a second", "5h ago"]
)
def test_hexbear_refuses_what_neither_clock_writes(text: str) -> None:
    with pytest.raises(ValueError, match="is not a relative time threadparse can resolve"):
        resolve_time(text, R, clock="hexbear")


@pytest.mark.parametrize("dialect", list(DIALECT_CLOCKS))
@pytest.mark.parametrize(
    "text", ["a day", "2 days ago", "2 years", "2 months", "now", "1 week ago", "in 3 seconds"]
)
def test_a_dialect_is_the_union_of_its_clocks(dialect: str, text: str) -> None:
    def resolved(clock: str) -> tuple[datetime, datetime] | None:
        try:
            return resolve_time(text, MONTH_END, clock=clock)
        except ValueError:
            return None

    ranges = [r for clock in DIALECT_CLOCKS[dialect] if (r := resolved(clock)) is not None]
    if not ranges:
        with pytest.raises(ValueError, match=re.escape(f"resolve with clock='{dialect}'") + "$"):
            resolve_time(text, MONTH_END, clock=dialect)
        return
    expected = (min(low for low, _ in ranges), max(high for _, high in ranges))
    assert resolve_time(text, MONTH_END, clock=dialect) == expected


@pytest.mark.parametrize(
    "text",
    ["2 DAYS AGO", "  2\u00a0days\tago ", "2 Days. Ago", "2 day ago", "02 days ago", "2 dayſ ago"],
)
def test_case_and_white_space(text: str) -> None:
    assert resolve_time(text, R) == resolve_time("2 days ago", R)


def test_an_and_a_are_one_article() -> None:
    assert resolve_time("AN HOUR", R) == resolve_time("an hour", R) == resolve_time("a hour", R)


# --- errors --------------------------------------------------------------------


def one_line_value_error(call: Callable[[], object], pattern: str) -> str:
    with pytest.raises(ValueError, match=pattern) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_naive_reference() -> None:
    one_line_value_error(
        lambda: resolve_time("2 days ago", datetime(2024, 5, 1)),
        r"^reference must be timezone-aware, got the naive datetime 2024-05-01T00:00:00; ",
    )


def test_unknown_clock() -> None:
    message = one_line_value_error(
        lambda: resolve_time("2 days ago", R, clock="moment.js"),
        r"^unknown clock 'moment.js'; expected None or one of \('date-fns', ",
    )
    assert message.endswith(
        " or a dialect, one of ('lemmy-0.19', 'lemmy-0.18', 'hexbear', 'mlmym', 'flat')"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "2 days ago\nand more",
        "in 3 days ago",
        "a few minutes",
        "-2 days ago",
        "2.5 days",
    ],
)
def test_garbage(text: str) -> None:
    message = one_line_value_error(
        lambda: resolve_time(text, R), r"is not a relative time threadparse can resolve$"
    )
    assert message.startswith(repr(text))


@pytest.mark.parametrize("text", ["5h ago", "5m", "2 hrs ago", "3mo", "10 min ago", "1 yr"])
def test_abbreviations_are_refused(text: str) -> None:
    assert classify_token(text) is Token.TIME  # the tokenizer takes them
    one_line_value_error(lambda: resolve_time(text, R), r": abbreviated units come from front ends")


@pytest.mark.parametrize(
    ("text", "resolves"),
    [
        # The special words of the header grammars (formats/lemmy_page/header.py, formats/mlmym.py).
        ("now", True),
        ("long ago", True),  # go-humanize before 2016
        ("a long while ago", True),  # go-humanize v1.0.1 (mlmym)
        ("a long while from now", True),
        ("a while from now", True),  # go-humanize before 2016
        ("a while ago", False),  # no version writes it
        ("just now", False),
        ("yesterday", False),
        ("indeterminate", False),
    ],
)
def test_special_words(text: str, resolves: bool) -> None:
    if resolves:
        earliest, latest = resolve_time(text, R, clock="go-humanize")
        assert earliest <= latest
    else:
        one_line_value_error(lambda: resolve_time(text, R), "threadparse can resolve")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("indeterminate", "lemmy-ui writes it for a date it cannot read"),
        ("yesterday", "none of lemmy-ui, hexbear.net and mlmym writes it"),
        ("just now", "none of lemmy-ui, hexbear.net and mlmym writes it"),
    ],
)
def test_times_with_no_moment(text: str, reason: str) -> None:
    one_line_value_error(lambda: resolve_time(text, R), f"resolve: {reason}$")


@pytest.mark.parametrize(
    "text",
    [
        f"{10**30} years ago",  # date-fns and moment would write it, after 10**30 years
        "3000 years ago",  # before the year 1
        "in 8000 years",  # after the year 9999
        "9000 years",
    ],
)
def test_numbers_past_datetime_raise_value_error(text: str) -> None:
    one_line_value_error(lambda: resolve_time(text, R), r"reaches outside the years 1-9999$")


def test_numbers_past_the_grammar_raise_value_error() -> None:
    text = "1" + "0" * 50 + " years ago"
    message = one_line_value_error(lambda: resolve_time(text, R), r"threadparse can resolve$")
    assert len(message) < 200  # the text is cut short


def test_references_out_of_range() -> None:
    one_line_value_error(
        lambda: resolve_time("now", datetime(1, 1, 1, 12, tzinfo=timezone.utc)),
        r"^reference 0001-01-01T12:00:00\+00:00 is outside 0001-01-02..9999-12-30$",
    )
    # "0 seconds ago" reaches 499 ms before a reference at the first moment.
    first = datetime(1, 1, 2, tzinfo=timezone.utc)
    one_line_value_error(lambda: resolve_time("0 seconds ago", first), "reaches outside")
    assert resolve_time("in 0 seconds", first) == (first + 1 * MS, first + 499 * MS)


def test_wrong_types() -> None:
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        resolve_time(b"now", R)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference must be a datetime, not str"):
        resolve_time("now", "2024-05-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="elapsed_ms must be an int, not float"):
        format_date_fns(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reaches outside"):
        format_moment(10**20, R)


# --- properties ------------------------------------------------------------------

references = st.builds(
    lambda ms, minutes: (datetime(1970, 1, 1, tzinfo=timezone.utc) + ms * MS).astimezone(
        timezone(timedelta(minutes=minutes))
    ),
    # 1900-2100, any offset a zone has had
    st.integers(-2_208_988_800_000, 4_102_444_800_000),
    st.integers(-14 * 60, 14 * 60),
)
# Up to ~95 years back and ~31 years ahead, with the edges of small units often.
elapsed_times = st.one_of(
    st.integers(-100_000, 100_000),
    st.integers(-40 * DAY, 40 * DAY),
    st.integers(-(10**12), 3 * 10**12),
)
STYLES: list[tuple[str, bool]] = [
    ("date-fns", True),
    ("date-fns", False),
    ("moment", False),
    ("moment", True),
    ("go-humanize", True),
]


def printed(clock: str, suffix: bool, elapsed_ms: int, reference: datetime) -> str:
    if clock == "date-fns":
        return format_date_fns(elapsed_ms, suffix=suffix)
    if clock == "moment":
        return format_moment(elapsed_ms, reference, suffix=suffix)
    return format_go_humanize(elapsed_ms)


@given(style=st.sampled_from(STYLES), elapsed_ms=elapsed_times, reference=references)
@example(style=("moment", False), elapsed_ms=47_382_425_000, reference=MONTH_END)
@example(style=("moment", False), elapsed_ms=47_381_428_000, reference=MONTH_END)
@example(style=("go-humanize", True), elapsed_ms=37 * 360 * DAY, reference=R)
def test_range_holds_the_moment_and_is_tight(
    style: tuple[str, bool], elapsed_ms: int, reference: datetime
) -> None:
    clock, suffix = style
    if not suffix and clock != "go-humanize":
        elapsed_ms = abs(elapsed_ms)  # a wording without "ago" is read as the past
    text = printed(clock, suffix, elapsed_ms, reference)
    earliest, latest = resolve_time(text, reference, clock=clock)
    assert earliest.tzinfo is reference.tzinfo
    assert earliest <= reference - elapsed_ms * MS <= latest
    least, greatest = elapsed(reference, latest), elapsed(reference, earliest)
    # Both ends print the text ...
    assert printed(clock, suffix, least, reference) == text
    # ... and a millisecond beyond either does not (where that is a moment
    # datetime holds, and where a bare wording has not crossed into the future).
    if not (least == 0 and not suffix):
        assert printed(clock, suffix, least - 1, reference) != text
    if text.startswith("a long while"):
        return  # open-ended: the other end is the first or last moment held
    assert printed(clock, suffix, greatest, reference) == text
    assert printed(clock, suffix, greatest + 1, reference) != text
    # The union over every clock holds this clock's range.
    union_earliest, union_latest = resolve_time(text, reference)
    assert union_earliest <= earliest
    assert latest <= union_latest


PIECES = [
    "in", "a", "an", "a few", "few", "0", "1", "2", "44", "60", "99999", "10" * 20, "second",
    "seconds", "minute", "hours", "day", "days", "week", "months", "year", "years", "ago",
    "from now", "now", "long", "while", "5h", "5m", "mo", "hr", ".", "", "\u00a0", "yesterday",
]  # fmt: skip


@given(
    text=st.one_of(
        st.text(max_size=30),
        st.lists(st.sampled_from(PIECES), max_size=5).map(" ".join),
    ),
    reference=references,
    clock=st.sampled_from([None, *CLOCKS]),
)
def test_any_text_resolves_or_raises_value_error(
    text: str, reference: datetime, clock: str | None
) -> None:
    try:
        earliest, latest = resolve_time(text, reference, clock=clock)
    except ValueError as error:
        message = str(error)
    else:
        assert earliest <= latest
        assert earliest.tzinfo is reference.tzinfo
        assert latest.tzinfo is reference.tzinfo
        return
    assert "\n" not in message
    assert message.startswith(repr(text[:60]))


@given(
    number=st.one_of(st.integers(0, 120), st.integers(0, 999_999)),
    unit=st.sampled_from(["second", "minute", "hour", "day", "week", "month", "year"]),
    plural=st.booleans(),
    placement=st.sampled_from(["{} ago", "in {}", "{} from now", "{}"]),
)
def test_every_time_the_tokenizer_takes_resolves_or_raises_value_error(
    number: int, unit: str, plural: bool, placement: str
) -> None:
    text = placement.format(f"{number} {unit}{'s' if plural else ''}")
    assert classify_token(text) is Token.TIME
    try:
        earliest, latest = resolve_time(text, R)
    except ValueError:
        return
    assert earliest <= latest
