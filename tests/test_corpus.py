"""The four real dumps in ../shared/corpus, checked against what a reader sees.

The corpus is not copied into the project. It sits beside the checkout on
developer machines and in CI; where it is absent the tests skip, except under
CI=true, where a missing corpus is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import threadparse
from tests.nodes import check_lossless, check_spans, comments

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

if not CORPUS.is_dir():  # CI always has it: conftest.py stops a run without it
    pytest.skip(f"no corpus at {CORPUS}", allow_module_level=True)


def load(stem: str) -> tuple[str, threadparse.Thread]:
    (path,) = CORPUS.glob(f"{stem}_*.txt")
    text = path.read_bytes().decode("utf-8")
    return text, threadparse.parse(text)


def outline(section: threadparse.Section) -> tuple[object, ...]:
    return (
        section.title,
        section.level,
        len(section.items),
        tuple(outline(s) for s in section.sections),
    )


NEWS_SECTIONS_TAIL = (
    (
        "Russia-Ukraine Conflict",
        1,
        2,
        (
            ("Sources", 2, 7, ()),
            ("Pro-Russian Telegram Channels", 2, 11, ()),
            ("Pro-Ukraine Telegram Channels", 2, 3, ()),
        ),
    ),
)


@pytest.mark.parametrize("stem", ["000", "001", "003", "004"])
def test_every_dump_is_lossless(stem: str) -> None:
    text, thread = load(stem)
    check_lossless(text, thread)
    check_spans(text, thread)
    assert not thread.unparsed


def test_000_page_text() -> None:
    _, thread = load("000")
    assert thread.dialect == "lemmy-0.19"
    assert len(thread.preamble.paragraphs) == 4
    assert thread.preamble.paragraphs[0].text.startswith("Image, and a considerable amount")
    assert tuple(outline(s) for s in thread.sections) == (
        (None, 1, 5, ()),
        ("Israel's Genocide of Palestine", 1, 11, ()),
        *NEWS_SECTIONS_TAIL,
    )
    navigation = [item.text for item in thread.sections[0].items]
    assert navigation[0] == "Last week’s thread is here."
    assert navigation[-1] == "The RSS feed is here. Also currently not used."
    links = [i for s in thread.sections[2].sections for i in s.items if i.kind == "link"]
    assert len(links) == 12
    assert sum("t.me/" in (i.url or "") for i in links) == 11
    assert links[0].url == "https://t.me/aleksandr_skif"
    assert links[0].description is not None
    assert links[0].description.startswith("DPR’s former Defense Minister")
    assert links[10].url == "https://discord.gg/projectowl"
    assert all(link.description for link in links)
    flat = [
        (
            c.depth,
            c.author.name if c.author else None,
            c.author.instance if c.author else None,
            c.author.pronouns if c.author else None,
            c.score,
            c.upvotes,
            c.downvotes,
            c.edited,
            c.time,
            c.language,
            len(c.paragraphs),
        )
        for c in comments(thread)
    ]
    assert flat == [
        (0, "Tervell", "hexbear.net", ("he/him",), 46, 46, 0, True, "2 days ago", "English", 5),
        (
            1,
            "darkcalling",
            "hexbear.net",
            ("comrade/them", "she/her"),
            17,
            17,
            0,
            False,
            "2 days ago",
            "English",
            2,
        ),
        (2, "Tervell", "hexbear.net", ("he/him",), 18, 18, 0, True, "2 days ago", "English", 8),
    ]
    assert thread.diagnostics == ()


@pytest.mark.parametrize(
    ("stem", "preamble", "palestine", "discussion"),
    [
        ("001", 3, ("Israel's Genocide of Palestine", 1, 10, ()), 36),
        ("004", 5, ("The Zionist Entity's Genocide of Palestine", 1, 9, ()), 10),
    ],
)
def test_flat_dumps(
    stem: str, preamble: int, palestine: tuple[object, ...], discussion: int
) -> None:
    _, thread = load(stem)
    assert thread.dialect == "flat"
    assert len(thread.preamble.paragraphs) == preamble
    navigation = 5 if stem == "001" else 4  # 004 has two navigation links on one line
    assert tuple(outline(s) for s in thread.sections) == (
        (None, 1, navigation, ()),
        palestine,
        *NEWS_SECTIONS_TAIL,
    )
    assert thread.comments == ()
    assert len(thread.unattributed) == discussion
    assert [d.code for d in thread.diagnostics] == ["TP101"]


def test_004_discussion_keeps_heading_like_lines() -> None:
    _, thread = load("004")
    assert thread.unattributed[0].text.startswith("MROnline - ASEAN Summit 2025")
    assert thread.sections[0].items[0].text == (
        "Last week’s thread is here. The Imperialism Reading Group is here."
    )


def test_003_is_all_discussion() -> None:
    text, thread = load("003")
    assert thread.dialect == "flat"
    assert thread.preamble.paragraphs == ()
    assert thread.sections == ()
    # 33 lines, the last without a line end: the corpus README counts 32.
    assert len(thread.unattributed) == len(text.splitlines()) == 33
    assert [d.code for d in thread.diagnostics] == ["TP101"]
