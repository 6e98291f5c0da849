"""mlmym's block reader (``formats/mlmym/blocks.py``) against the careful reader.

The block reader may decline any text, but what it reads must be exactly what
``parse_lines`` reads (``page.parse_mlmym``, and for ``dialect="auto"`` the
detection too), spans included. Each test compares the two on the same text:
every fixture, the corpus, the real captures, mlmym pages drawn, rendered and
damaged, and pages with lines that hit each of the block reader's decisions
inserted anywhere. Other tests check that it does read what it is for (a
reader that always declined would pass the comparisons) and that it declines
where only the careful reader is right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from benchmarks.megathread import megathread
from tests.test_blocks import TEXTS
from tests.test_blocks import compare as compare_blocks
from tests.test_mlmym import PAGE, TEXT_CONTENT
from threadparse._parser import MLMYM_BLOCK_DIALECTS, read_mlmym_blocks
from threadparse.core.source import split_lines
from threadparse.strategies import damaged, threads

ROOT = Path(__file__).resolve().parents[1]


def compare(text: str, max_depth: int | None = 256) -> int:
    """``test_blocks.compare`` for mlmym's block reader."""
    return compare_blocks(text, max_depth, reader=read_mlmym_blocks, dialects=MLMYM_BLOCK_DIALECTS)


def page(comments: int, seed: int = 0) -> str:
    return threadparse.render(megathread(comments, "lemmy-0.19", seed), "mlmym")


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_every_real_and_fixture_text_reads_alike(path: Path) -> None:
    compare(path.read_text(encoding="utf-8"))


def test_the_block_reader_reads_mlmym_pages() -> None:
    """The fixture page in mlmym's own shape, and rendered megathreads."""
    text = (ROOT / "tests" / "fixtures" / "formats" / "thread_mlmym.txt").read_text(
        encoding="utf-8"
    )
    assert compare(text) == 2
    assert threadparse.detect(text).dialect == "mlmym"


@pytest.mark.parametrize("size", [1, 2, 40, 400])
def test_megathreads_are_read_by_the_block_reader(size: int) -> None:
    text = page(size, seed=size)
    assert compare(text) == 2  # "auto" and "mlmym"
    assert compare(text, max_depth=None) == 2


def test_the_hand_written_pages_are_left_to_the_careful_reader() -> None:
    """test_mlmym's page has a sidebar and a pager, its textContent copy split
    headers: the careful reader's."""
    for text in (PAGE, TEXT_CONTENT):
        assert compare(text) == 0


@given(data=st.data())
def test_drawn_and_damaged_threads_read_alike(data: st.DataObject) -> None:
    dialect = data.draw(st.sampled_from(["lemmy-0.19", "lemmy-0.18", "hexbear"]))
    text = threadparse.render(data.draw(threads(dialect=dialect)), "mlmym")
    if data.draw(st.booleans()):
        text = data.draw(damaged(text))
    compare(text, max_depth=data.draw(st.sampled_from([None, 0, 1, 3, 256])))


# Lines that each hit one of the block reader's decisions: header lines it does
# not read, buttons and load-more lines, other dialects' evidence, odd indentation.
TRICKY = (
    "[-] bob 5 points 2 hours ago", "[+] bob -9 points 1 day ago (3 children)",
    "[-] bob 5 points 2 days ago* (last edited 1 day ago)", "[-] Ann Lee 1 point now",
    "[-] bob@lemmy.ml 5 points", "[-] bob", "[–] bob 5 points 2 hours ago",
    "[-]bob 5 points 2 hours ago", "[-] bob 5 points 2 Hours ago", "bob 5 points 2 hours ago",
    "5 points", "ago", "(3 children)", "* (last edited 1 day ago)",
    "permalink fedilink source", "permalink fedilink source hide child comments",
    "Permalink fedilink", "permalink embed save", "hide child comments", "reply",
    "load more comments (3 replies)", "load more comments", "(2 replies)",
    "Load more comments (1 reply)", "view more: next ›", "there doesn't seem to be anything here",
    "this post was submitted on 12 May 2025", "[deleted]", "[removed by mod]",
    "2 days ago", "link", "·", "# Heading", "**Bold**", "__x__", "::: spoiler x", "```",
    "~~~", "see [this](https://x.org)", "a | b", "bob 3 hours ago [–]", "[deleted] [-]",
    "\tindented with a tab", "\u200bzero width", "\u00a0nbsp", "• a list item",
    "to World News · 8 days ago", "line\r", "", "   ",
)  # fmt: skip


@given(
    size=st.integers(1, 12),
    seed=st.integers(0, 10_000),
    inserts=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["", "  ", "    ", "      "]),
            st.sampled_from(TRICKY),
        ),
        max_size=4,
    ),
    max_depth=st.sampled_from([None, 1, 256]),
)
def test_texts_with_tricky_lines_read_alike(
    size: int,
    seed: int,
    inserts: list[tuple[int, str, str]],
    max_depth: int | None,
) -> None:
    lines = page(size, seed=seed).split("\n")
    for at, indent, line in inserts:
        lines.insert(at % (len(lines) + 1), indent + line)
    compare("\n".join(lines), max_depth=max_depth)


def _body_line(text: str) -> int:
    """Index of the first body line of the first comment (after its header)."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("[-] "))
    return header + 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace("\n", "\r\n"), "a carriage return"),
        (lambda t: t + "\nsee [this](https://example.org)\n", "a markdown link"),
        (lambda t: t + "\nbob 3 hours ago | parent | next [–]\n", "an HN header"),
        (lambda t: "<html><body>\n" + t, "HTML"),
    ],
)
def test_the_block_reader_declines_what_the_careful_reader_must_read(
    change: object, reason: str
) -> None:
    text = change(page(8, seed=3))  # type: ignore[operator]
    assert read_mlmym_blocks(text, dialect="auto", max_depth=256) is None, reason
    compare(text)


@pytest.mark.parametrize(
    "line",
    [
        "[-] bob", "bob 5 points 2 hours ago", "permalink x", "load more comments",
        "2 days ago", "link", "# x", "**x**", "bob 3 hours ago [–]", "\tx", "\u200bx",
    ],
)  # fmt: skip
def test_a_body_line_the_careful_reader_may_read_otherwise_sends_it_there(line: str) -> None:
    text = page(8, seed=3)
    assert read_mlmym_blocks(text, dialect="auto", max_depth=256) is not None
    lines = text.split("\n")
    at = _body_line(text)
    changed = "\n".join([*lines[:at], line, "", *lines[at:]])
    assert read_mlmym_blocks(changed, dialect="auto", max_depth=256) is None
    compare(changed)


def test_a_reply_deeper_than_max_depth_is_left_to_the_careful_reader() -> None:
    text = page(40)
    depth = max(c.depth for c in threadparse.parse(text).walk())
    assert depth >= 2
    assert read_mlmym_blocks(text, dialect="mlmym", max_depth=depth) is not None
    assert read_mlmym_blocks(text, dialect="mlmym", max_depth=depth - 1) is None
    parsed = threadparse.parse(text, max_depth=depth - 1)
    assert "TP204" in {d.code for d in parsed.diagnostics}


def test_a_copy_without_indentation_reads_flat_with_tp201() -> None:
    """A browser copy loses the nesting: every comment top-level, one TP201, and a
    load-more line is the comment's just read, as the careful reader has it."""
    text = page(40).replace("\n  ", "\n").replace("\n  ", "\n").replace("\n  ", "\n")
    text = text.replace("\n  ", "\n").replace("\n  ", "\n")
    assert "load more comments" in text
    thread = read_mlmym_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    assert [d.code for d in thread.diagnostics] == ["TP201"]
    assert {c.depth for c in thread.walk()} == {0}
    assert any(c.more_replies for c in thread.comments)
    assert compare(text) == 2


def test_a_name_of_several_words_is_the_shortest_that_reads() -> None:
    """A display name of several words (a copy of another front, a writer
    given display names) is read whole, as the careful lazy name is."""
    text = "[-] Ann Lee 7 points 2 hours ago\n\nHello.\n\npermalink fedilink source\n"
    thread = read_mlmym_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    (comment,) = thread.comments
    assert comment.author is not None
    assert comment.author.name == "Ann Lee"
    assert (comment.score, comment.time) == (7, "2 hours ago")
    assert comment.span == threadparse.Span(0, len(text) - 1)
    compare(text)


def test_the_header_is_unpacked_from_the_groups_in_their_order() -> None:
    from threadparse.formats.mlmym.blocks import _BLOCK, GROUPS_IN_ORDER

    index = _BLOCK.groupindex
    assert tuple(sorted(index, key=index.__getitem__)) == GROUPS_IN_ORDER
    assert _BLOCK.groups == len(GROUPS_IN_ORDER)


# Lines markdown's and Hacker News's evidence counts, and near misses.
EVIDENCE = (
    "# Title", "## x", "**Bold:**", "__b__", "::: spoiler s", "~~~", "[a](https://x.org)",
    "[a](/c/x)", "user 3 hours ago [–]", "user 3 hours ago | parent | next [–]",
    "[deleted] 2 hours ago [–]", "[deleted] [dead] [+]",
    "12 points by user 3 hours ago | 4 comments", "a # b", "x ** y",
)  # fmt: skip


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "  ", "\u00a0", "\t"]),
            st.sampled_from([*TRICKY, *EVIDENCE]),
        ),
        max_size=8,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_the_evidence_searches_miss_no_line(lines: list[tuple[str, str]], end: str) -> None:
    """``_detect.mlmym_alone``'s whole-text searches say "may have" wherever
    markdown's or Hacker News's line counts find a line."""
    from threadparse.formats import hn_text, markdown

    text = end.join(indent + line for indent, line in lines)
    split = split_lines(text)
    if markdown.markdown_lines(split):
        assert markdown.may_have_evidence(text)
    if hn_text.evidence(split):
        assert hn_text.may_have_evidence(text)


SIDEBAR = "\n\nthis post was submitted on 12 May 2025\n214 points (97% liked)\n\nc/gardening\n"


def test_a_page_with_its_sidebar_reads_it_as_chrome() -> None:
    """A whole page's copy ends in mlmym's sidebar: unparsed, one TP901, as the
    careful reader has it; read by the block reader, flat copy or not."""
    text = page(40) + SIDEBAR
    thread = read_mlmym_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    assert [t.text for t in thread.unparsed] == [
        "this post was submitted on 12 May 2025\n214 points (97% liked)",
        "c/gardening",
    ]
    assert [d.code for d in thread.diagnostics] == ["TP901"]
    assert compare(text) == 2
    flat = "\n".join(line.lstrip(" ") for line in text.split("\n"))
    assert [d.code for d in threadparse.parse(flat).diagnostics] == ["TP201", "TP901"]
    assert compare(flat) == 2


@pytest.mark.parametrize(
    "text",
    [
        SIDEBAR + page(8),  # the sidebar's words before the comments
        page(8) + "\nsee: this post was submitted on 12 May 2025 by me\n",  # in prose
        page(8) + SIDEBAR + page(2),  # a header after the sidebar
    ],
)
def test_the_sidebar_anywhere_else_is_left_to_the_careful_reader(text: str) -> None:
    assert read_mlmym_blocks(text, dialect="mlmym", max_depth=256) is None
    compare(text)


def test_a_header_of_any_mark_after_the_sidebar_is_left_to_the_careful_reader() -> None:
    """Found by the deep profile: the careful reader's sidebar starts after its
    last header, which may be a header this reader does not read ("[–]")."""
    text = page(2, seed=1746) + SIDEBAR + "[–] bob 5 points 2 hours ago\n"
    assert read_mlmym_blocks(text, dialect="mlmym", max_depth=256) is None
    compare(text)


@pytest.mark.parametrize("line", ["permalink embed save", "2 days ago", "# x", "a [–]", "ago [–]"])
def test_other_readers_evidence_in_the_sidebar_is_left_to_the_careful_reader(line: str) -> None:
    """Found by the deep profile: old.reddit's buttons in the sidebar made
    detection name a runner-up."""
    text = page(3, seed=643) + SIDEBAR + line + "\n"
    compare(text)
