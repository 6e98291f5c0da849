"""The post grammar: headings, items, the navigation block (see core/post.py)."""

from __future__ import annotations

import pytest

import threadparse
from threadparse import Item, Span
from threadparse.core.post import heading_title, parse_item
from threadparse.core.source import split_lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Israel's Genocide of Palestine", ("Israel's Genocide of Palestine", False)),
        ("Russia-Ukraine Conflict", ("Russia-Ukraine Conflict", False)),
        ("Sources:", ("Sources", True)),
        ("Pro-Russian Telegram Channels:", ("Pro-Russian Telegram Channels", True)),
        (
            "The Zionist Entity's Genocide of Palestine",
            ("The Zionist Entity's Genocide of Palestine", False),
        ),
        ("2025 Elections", ("2025 Elections", False)),
        ("Examples of Ukrainian Nazis and fascists", None),  # lower-case word: an item
        ("Please check out the RedAtlas!", None),
        ("Almost every Western media outlet.", None),
        ("https://t.me/rybar", None),
        ("of Mice And Men", None),  # a small word may not start a heading
        ("A" * 81, None),
        ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen", None),
        ("123", None),
        ("1.2K", None),
        (":", None),
    ],
)
def test_headings(line: str, expected: tuple[str, bool] | None) -> None:
    assert heading_title(line) == expected


@pytest.mark.parametrize(
    ("line", "kind", "url", "description"),
    [
        ("https://t.me/rybar ~ Useful maps.", "link", "https://t.me/rybar", "Useful maps."),
        (
            "https://t.me/s/levigodman ~ Does daily update posts.",
            "link",
            "https://t.me/s/levigodman",
            "Does daily update posts.",
        ),
        ("https://discord.gg/x - A server", "link", "https://discord.gg/x", "A server"),
        ("https://example.org/a – en dash", "link", "https://example.org/a", "en dash"),
        ("https://example.org/a.", "link", "https://example.org/a", None),
        ("https://x.org/wiki/Foo_(bar)", "link", "https://x.org/wiki/Foo_(bar)", None),
        ("(see https://x.org/a).", "link", "https://x.org/a", None),
        ("Read it here: https://example.org/b), then", "link", "https://example.org/b", None),
        ("Moon of Alabama - analysis.", "note", None, None),
        ("UNRWA reports on the siege.", "note", None, None),
    ],
)
def test_items(line: str, kind: str, url: str | None, description: str | None) -> None:
    (parsed,) = split_lines("  " + line)
    assert parse_item(parsed) == Item(kind, line, url, description, Span(2, 2 + len(line)))


def test_short_preamble_two_blank_lines_before_navigation() -> None:
    text = "A short caption.\n\n\nLast week's thread is here.\n\nNews\n\nAn item.\n"
    thread = threadparse.parse(text, dialect="lemmy-0.19")
    assert [p.text for p in thread.preamble.paragraphs] == ["A short caption."]
    assert [(s.title, [i.text for i in s.items]) for s in thread.sections] == [
        (None, ["Last week's thread is here."]),
        ("News", ["An item."]),
    ]


def test_sub_heading_without_parent_is_top_level() -> None:
    thread = threadparse.parse("Sources:\nhttps://a.example ~ A\n\nx\n", dialect="flat")
    assert [(s.title, s.level, len(s.items)) for s in thread.sections] == [("Sources", 1, 1)]


def test_page_text_without_headings_is_all_preamble() -> None:
    text = "One paragraph\nover two lines.\n\nAnother.\n"
    thread = threadparse.parse(text, dialect="lemmy-0.19")
    assert [p.text for p in thread.preamble.paragraphs] == [
        "One paragraph\nover two lines.",
        "Another.",
    ]
    assert thread.sections == ()
    assert thread.preamble.span == Span(0, len(text) - 1)


def test_page_post_without_comments_is_not_flat() -> None:
    text = "Photo.\n\n\nNav line.\n\nRail Strike\n\nhttps://x.org ~ y\n\nPort News\n\nhttps://z.org ~ w\n"
    thread = threadparse.parse(text)
    assert thread.dialect == "lemmy-0.19"
    assert [(s.title, [i.url for i in s.items]) for s in thread.sections] == [
        (None, [None]),
        ("Rail Strike", ["https://x.org"]),
        ("Port News", ["https://z.org"]),
    ]
    assert thread.unattributed == ()
    # Nothing names a dialect: the page reading is a guess, and says so.
    assert [(d.code, d.severity.value) for d in thread.diagnostics] == [("TP104", "info")]


def test_one_title_case_line_does_not_make_a_flat_post() -> None:
    thread = threadparse.parse("I agree with this.\nWell Said\nNo, it is not.\n")
    assert thread.sections == ()
    assert [t.text for t in thread.unattributed] == [
        "I agree with this.",
        "Well Said",
        "No, it is not.",
    ]
