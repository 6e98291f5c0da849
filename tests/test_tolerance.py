"""Damage real copies show, each in its smallest form (found in review)."""

from __future__ import annotations

from typing import Any

import pytest

import threadparse
from tests.nodes import comments


def summary(text: str) -> tuple[str, list[tuple[Any, ...]], list[str]]:
    thread = threadparse.parse(text)
    rows = [
        (
            c.depth,
            c.author.name if c.author else None,
            c.score,
            c.language,
            c.time,
            c.deleted,
            c.removed,
            c.more_replies,
            [p.text for p in c.paragraphs],
        )
        for c in comments(thread)
    ]
    return thread.dialect, rows, [d.code for d in thread.diagnostics]


def header(name: str, *tokens: str, indent: str = "  ", body: str = "Body.") -> str:
    inner = indent + "  "
    return f"{indent}• {name}\n" + "".join(f"{inner}{t}\n" for t in tokens) + f"\n{inner}{body}\n"


def test_copy_starting_at_the_first_bullet_keeps_siblings_apart() -> None:
    text = header("ada@lemmy.ml", "link", "arrow-up", "5", "·", "2 days ago", indent="")
    text = text.replace("\n  ", "\n    ") + "\n" + header("wren@lemmy.ml", "link", "2 days ago")
    assert [row[:2] for row in summary(text)[1]] == [(0, "ada"), (0, "wren")]


def test_blank_lines_inside_a_header() -> None:
    tokens = ["link", "English", "arrow-up", "6", "·", "2 days ago"]
    text = "  • ada@lemmy.ml\n\n" + "".join(f"    {t}\n\n" for t in tokens) + "    Body.\n"
    assert summary(text) == (
        "lemmy-0.19",
        [(0, "ada", 6, "English", "2 days ago", False, False, None, ["Body."])],
        [],
    )


def test_every_optional_token_at_once() -> None:
    tokens = "shield link fedilink English heart 5 · smile 80% · arrow-up 6 arrow-down 1 · edit-2"
    text = header("ada@lemmy.ml", *tokens.split(), "2 days ago")
    assert summary(text)[1] == [
        (0, "ada", 5, "English", "2 days ago", False, False, None, ["Body."])
    ]


@pytest.mark.parametrize(
    ("body", "deleted", "removed", "more"),
    [
        ("deleted by creator\n    2 more replies ➔", True, False, 2),
        ("Removed by mod\n    link\n    fedilink", False, True, None),
    ],
)
def test_deletion_next_to_own_lines(
    body: str, deleted: bool, removed: bool, more: int | None
) -> None:
    text = header("B [he/him]", "·", "5 months ago", body=body)
    (row,) = summary(text)[1]
    assert row[5:] == (deleted, removed, more, [])


def test_footer_after_a_list_is_not_a_header() -> None:
    text = "• B [he/him]\n·\n5 months ago\n\nMy list:\n• one\n• two\nlink\nfedilink\n"
    assert summary(text) == (
        "hexbear",
        [(0, "B", None, None, "5 months ago", False, False, None, ["My list:\n• one\n• two"])],
        ["TP201"],
    )


def test_language_right_before_the_time() -> None:
    text = header("a@lemmy.ml", "link", "arrow-up", "5", "·", "English", "2 days ago")
    assert summary(text)[1][0][2:5] == (5, "English", "2 days ago")


@pytest.mark.parametrize("time", ["5m", "3 days from now", "2mo", "in 3 seconds"])
def test_short_and_future_times(time: str) -> None:
    assert summary(header("a@lemmy.ml", "·", time))[1][0][4] == time


def test_unbulleted_one_word_name() -> None:
    text = "  Zodiark [he/him]\n    ·\n    11 months ago\n\n    First.\n\n  Bramble\n    ·\n    10 months ago\n\n    Second.\n"
    assert [row[1] for row in summary(text)[1]] == ["Zodiark", "Bramble"]


def test_invisible_characters_are_white_space() -> None:
    text = "\ufeff" + header(
        "ada@lemmy.ml", "arrow-up", "3", "·", "1 day ago", body="Hi.\n\u200b\n  more"
    )
    assert summary(text)[1] == [
        (0, "ada", 3, None, "1 day ago", False, False, None, ["Hi.", "more"])
    ]


@pytest.mark.parametrize(
    ("text", "dialect", "titles", "unattributed"),
    [
        # a Title-Case line and a blank line do not make a post
        (
            "KNDS Was Not Ready For Wartime Repairs\n\nLets not sell this short.\nIt's bad.\n",
            "flat",
            [],
            3,
        ),
        # a page-text post without comments, headings not set off by blank lines
        (
            "Caption.\n\n\nRail Strike\nSources:\nhttps://x.org/r ~ Daily.\n\nPort News\nhttps://x.org/p ~ Port.\n",
            "lemmy-0.19",
            ["Rail Strike", "Port News"],
            0,
        ),
        # page layout with no preamble: blank lines between its sections
        (
            "Rail Strike\nhttps://x.org/r ~ Daily.\n\nPort News\nhttps://x.org/p ~ Port.\n\nI agree.\n",
            "lemmy-0.19",
            ["Rail Strike", "Port News"],
            0,
        ),
        # a flat discussion may open with a Title-Case line
        (
            "Rail Strike\nhttps://x.org/r ~ Daily.\nPort News\n\nAgreed\nI do not.\n",
            "flat",
            ["Rail Strike", "Port News"],
            2,
        ),
    ],
)
def test_post_or_discussion(text: str, dialect: str, titles: list[str], unattributed: int) -> None:
    thread = threadparse.parse(text)
    assert thread.dialect == dialect
    assert [s.title for s in thread.sections] == titles
    assert len(thread.unattributed) == unattributed


def test_a_heading_deep_in_a_discussion_is_not_a_post() -> None:
    lines = [f"Comment number {n} says something." for n in range(40)]
    lines[35:35] = ["Port News", "https://x.org/p ~ Port."]
    thread = threadparse.parse("\n".join(lines) + "\n")
    assert thread.sections == ()
    assert len(thread.unattributed) == 42


@pytest.mark.parametrize("tail", ["", " ", "\n\n", "\n \n"])
def test_trailing_blank_lines_do_not_make_a_page_post(tail: str) -> None:
    text = "Rail Strike\nhttps://example.org/a ~ Daily.\n\nGood point.\nAnother one.\n" + tail
    thread = threadparse.parse(text)
    assert thread.dialect == "flat"
    assert [t.text for t in thread.unattributed] == ["Good point.", "Another one."]


def test_bulleted_pages_take_no_unbulleted_headers() -> None:
    # A lone word followed by header-like lines, in a page whose name lines have bullets.
    text = header("ada@lemmy.ml", "link", "2 days ago", body="Español\n    ·\n    2 days ago")
    assert [row[1] for row in summary(text)[1]] == ["ada"]
