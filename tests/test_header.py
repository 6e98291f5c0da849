"""The comment-header grammar, token by token (see formats/lemmy_page/header.py for the shapes)."""

from __future__ import annotations

import pytest

import threadparse
from threadparse._render import compact_count
from threadparse.core.lemmy import parse_count
from threadparse.core.models import Author
from threadparse.formats.lemmy_page.header import (
    Token,
    _cached_name_line,
    _classify_short,
    classify_token,
    parse_name_line,
)


def author(
    name: str,
    display: str | None = None,
    instance: str | None = None,
    pronouns: tuple[str, ...] = (),
    badges: tuple[str, ...] = (),
) -> Author:
    return Author(
        name=name, display_name=display or name, instance=instance, pronouns=pronouns, badges=badges
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "• Tervell [he/him]@hexbear.net",
            (True, author("Tervell", "Tervell [he/him]", "hexbear.net", ("he/him",))),
        ),
        (
            "• darkcalling [comrade/them, she/her]@hexbear.net",
            (
                True,
                author(
                    "darkcalling",
                    "darkcalling [comrade/them, she/her]",
                    "hexbear.net",
                    ("comrade/them", "she/her"),
                ),
            ),
        ),
        (
            "• SweetBilliam@midwest.socialOP",
            (True, author("SweetBilliam", None, "midwest.social", (), ("OP",))),
        ),
        ("• x@lemmy.mlOPMAB", (True, author("x", None, "lemmy.ml", (), ("OP", "M", "A", "B")))),
        (
            "• x@lemmy.mlBanned from communityOP",
            (True, author("x", None, "lemmy.ml", (), ("Banned from community", "OP"))),
        ),
        ("Zodiark [he/him]", (False, author("Zodiark", "Zodiark [he/him]", None, ("he/him",)))),
        (
            "• Zodiark [he/him]hexagon",
            (True, author("Zodiark", "Zodiark [he/him]", None, ("he/him",), ("OP",))),
        ),
        ("• Star Wars Enjoyer A", (True, author("Star Wars Enjoyer", None, None, (), ("A",)))),
        ("• JohnOP", (True, author("JohnOP"))),  # glued capitals on a local name stay in it
        (
            "• Name [none/use name]",
            (True, author("Name", "Name [none/use name]", None, ("none/use name",))),
        ),
        ("• Name [deleted]!", (True, author("Name [deleted]!"))),
        ("• Bob [deleted]", (True, author("Bob [deleted]"))),  # not a pronoun tag
        ("• heron@lemmy.mlhexagon", (True, author("heron", None, "lemmy.ml", (), ("OP",)))),
        ("• bighexagon@lemmy.ml", (True, author("bighexagon", None, "lemmy.ml"))),
        (
            "• Zodiark@hexbear.net hexagon",
            (True, author("Zodiark", None, "hexbear.net", (), ("OP",))),
        ),
        (
            "• Zodiark [he/him]M",
            (True, author("Zodiark", "Zodiark [he/him]", None, ("he/him",), ("M",))),
        ),
        ("• Bob [any]", (True, author("Bob", "Bob [any]", None, ("any",)))),
        ("• [1] note", (True, author("[1] note"))),
        ("• user@Example", (True, author("user@Example"))),  # not a host: upper case
        ("• a@b@lemmy.ml", (True, author("a@b", None, "lemmy.ml"))),  # the last "@" names the host
    ],
)
def test_name_lines(line: str, expected: tuple[bool, Author]) -> None:
    assert parse_name_line(line) == expected


@pytest.mark.parametrize("line", ["", "•", "• ", "https://t.me/x", "• " + "x" * 201, "@lemmy.ml"])
def test_not_name_lines(line: str) -> None:
    assert parse_name_line(line) is None


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("link", Token.NOISE),
        ("fedilink", Token.NOISE),
        ("Link", Token.NOISE),
        ("hexagon", Token.OP_ICON),
        ("arrow-up", Token.VOTE_ICON),
        ("arrow-down", Token.VOTE_ICON),
        ("heart", Token.VOTE_ICON),
        ("hexbear", Token.VOTE_ICON),
        ("smile", Token.VOTE_ICON),
        ("edit-2", Token.EDITED),
        ("·", Token.SEPARATOR),
        ("•", Token.SEPARATOR),
        ("46", Token.COUNT),
        ("-3", Token.COUNT),
        ("−3", Token.COUNT),
        ("1.2K", Token.COUNT),
        ("12.3K", Token.COUNT),
        ("87%", Token.PERCENT),
        ("OP", Token.BADGE),
        ("M", Token.BADGE),
        ("Banned", Token.BADGE),
        ("2 days ago", Token.TIME),
        ("2 days", Token.TIME),
        ("a day", Token.TIME),
        ("an hour", Token.TIME),
        ("a few seconds", Token.TIME),
        ("0 seconds ago", Token.TIME),
        ("in 3 seconds", Token.TIME),
        ("1 week ago", Token.TIME),
        ("5h ago", Token.TIME),
        ("2mo", Token.TIME),
        ("indeterminate", Token.TIME),
        ("now", Token.TIME),
        ("5m", Token.TIME),
        ("3 days from now", Token.TIME),
        ("2\u00a0days\u00a0ago", Token.TIME),
        ("11 Months Ago", Token.TIME),
        ("English", Token.LANGUAGE),
        ("Español", Token.LANGUAGE),
        ("Русский", Token.LANGUAGE),
        ("Norsk Bokmål", Token.LANGUAGE),
        ("A sentence.", None),
        ("2 days ago.", None),
        ("• English", None),
        ("x" * 49, None),
        ("", None),
    ],
)
def test_tokens(line: str, token: Token | None) -> None:
    assert classify_token(line) is token


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("46", 46),
        ("-3", -3),
        ("−3", -3),
        ("1.2K", 1200),
        ("1.24K", 1240),
        ("12.3K", 12300),
        ("1M", 1_000_000),
        ("2.5B", 2_500_000_000),
        ("2.5b", None),  # numToSI writes upper case; "5m" is a time
        ("0", 0),
        ("x", None),
        ("1.2.3", None),
    ],
)
def test_counts(text: str, value: int | None) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize(
    ("value", "shown"),
    # What Intl.NumberFormat("en-US", {notation: "compact", maximumSignificantDigits: 3})
    # prints, the reference lemmy-ui's numToSI uses: it rounds half away from zero.
    [
        (46, "46"), (999, "999"), (1000, "1K"), (1125, "1.13K"), (1240, "1.24K"),
        (1625, "1.63K"), (12300, "12.3K"), (100500, "101K"), (999950, "1M"),
        (1234567, "1.23M"), (999999999, "1B"), (10**12, "1T"), (-1250, "-1.25K"),
    ],
)  # fmt: skip
def test_compact_counts_match_intl(value: int, shown: str) -> None:
    assert compact_count(value) == shown
    assert parse_count(shown) is not None


def test_caches_keep_no_long_line() -> None:
    # Cached readers must not keep a body line (or a streamed dump) alive.
    _classify_short.cache_clear()
    _cached_name_line.cache_clear()
    threadparse.parse("x" * 1_000 + "\n" + "y" * 1_000 + "\n  " + "z" * 500 + "\narrow-up\n")
    assert _classify_short.cache_info().currsize == 1  # "arrow-up" only
    assert _cached_name_line.cache_info().currsize == 0
