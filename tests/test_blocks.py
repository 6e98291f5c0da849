"""The block reader (``formats/lemmy_page/blocks.py``) against the careful reader.

The block reader may decline any text, but what it reads must be exactly what
the careful reader (``parse_lines``: ``find_headers``, ``build_comments``,
``detect_lines``) reads, spans and dialect included. Each test compares the
two on the same text: every fixture, the corpus, the real captures, threads
drawn and damaged by ``threadparse.strategies``, and texts with lines that hit
each of the block reader's decisions inserted anywhere. Other tests check that
it does read what it is for (a reader that always declined would pass the
comparisons) and that it declines where only the careful reader is right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import threadparse
from benchmarks.megathread import page_text
from tests.shared_data import needs_shared
from threadparse import Thread
from threadparse._detect import detect_lines
from threadparse._parser import BLOCK_DIALECTS, gc_paused, parse_lines, read_page_blocks
from threadparse.core.source import split_lines
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.lemmy_page.comments import find_headers
from threadparse.strategies import damaged, threads

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

TEXTS = sorted(
    [
        *(ROOT / "tests" / "fixtures").rglob("*.txt"),
        *(SHARED / "corpus").glob("*.txt"),
        *(SHARED / "real_ui").glob("*.txt"),
    ]
)


def careful(text: str, dialect: str, max_depth: int | None) -> Thread:
    with gc_paused():
        return parse_lines(split_lines(text), text=text, dialect=dialect, max_depth=max_depth)


def compare(
    text: str,
    max_depth: int | None = 256,
    *,
    reader: Callable[..., Thread | None] = read_page_blocks,
    dialects: tuple[str, ...] = BLOCK_DIALECTS,
) -> int:
    """Check every block read of ``text`` (``reader``, for each of ``dialects``)
    against the careful reader's, and ``detect`` against ``detect_lines``; the
    number of dialects (``"auto"`` among them) the block reader read it as."""
    read = 0
    for dialect in dialects:
        fast = reader(text, dialect=dialect, max_depth=max_depth)
        if fast is None:
            continue
        read += 1
        assert threadparse.to_json(fast) == threadparse.to_json(
            careful(text, dialect, max_depth)
        ), dialect
    lines = split_lines(text)
    assert threadparse.detect(text) == detect_lines(lines, find_headers(lines), text)
    return read


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_every_real_and_fixture_text_reads_alike(path: Path) -> None:
    compare(path.read_text(encoding="utf-8"))


@needs_shared
def test_the_block_reader_reads_the_seeds_shapes() -> None:
    """Fixtures in the seeds' shape, every vote display among them, and the
    corpus's page-text dump are read by the block reader: for "auto" and for
    the dialect they are in."""
    names = (
        "lemmy019_thread.txt",
        "lemmy018_thread.txt",
        "hexbear_thread.txt",
        "deleted_removed_more.txt",
        "names_and_badges.txt",
        "vote_display_modes.txt",
    )
    for name in names:
        text = (ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8")
        assert compare(text) == 2, name
    dump = next((SHARED / "corpus").glob("000_*.txt")).read_text(encoding="utf-8")
    assert compare(dump) == 2


@pytest.mark.parametrize("dialect", PAGE_DIALECTS)
@pytest.mark.parametrize("size", [1, 40, 400])
def test_megathreads_are_read_by_the_block_reader(dialect: str, size: int) -> None:
    text = page_text(size, dialect, seed=size)
    assert compare(text) == 2  # "auto" and its own dialect
    assert compare(text, max_depth=None) == 2


@pytest.mark.parametrize("dialect", PAGE_DIALECTS)
@given(data=st.data())
def test_drawn_and_damaged_threads_read_alike(dialect: str, data: st.DataObject) -> None:
    text = threadparse.render(data.draw(threads(dialect=dialect)), dialect)
    if data.draw(st.booleans()):
        text = data.draw(damaged(text))
    compare(text, max_depth=data.draw(st.sampled_from([None, 0, 1, 3, 256])))


# Lines that each hit one of the block reader's decisions: header tokens outside
# a header, other dialects' evidence, placeholders, footers, odd indentation.
TRICKY = (
    "link", "fedilink", "Link", "hexagon", "·", "•", "edit-2", "arrow-up", "hexbear",
    "heart", "smile", "87%", "shield", "42", "-3", "1.2K", "2 days ago", "a day", "5m",
    "2mo", "now", "in 3 seconds", "English", "OP", "Banned from community",
    "deleted by creator", "Removed by mod", "[deleted]", "3 more replies ➔", "1 more reply",
    "3  more  replies", "5 points", "[-] bob 5 points 2 hours ago", "# Heading", "**Bold**",
    "::: spoiler x", "```", "see [this](https://x.org)", "a | b", "bob 3 hours ago [–]",
    "permalink embed save", "\tindented with a tab", "\u200bzero width", "\u00a0nbsp",
    "• a list item", "• ada@lemmy.ml", "to World News · 8 days ago",
    "You must log in or register to comment.", "line\r", "",
    "  • bob@lemmy.ml\n    link\n    fedilink\n    2 days ago",
)  # fmt: skip


@given(
    dialect=st.sampled_from(PAGE_DIALECTS),
    size=st.integers(1, 12),
    seed=st.integers(0, 10_000),
    inserts=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["", "  ", "    ", "      ", "        "]),
            st.sampled_from(TRICKY),
        ),
        max_size=4,
    ),
    max_depth=st.sampled_from([None, 1, 256]),
)
# (A first header whose token lines are left of its name line: no block of its margin.)
@example("lemmy-0.19", 1, 0, [(0, "    ", TRICKY[-1])], None)
# (old.reddit's buttons where a header's language goes: that dialect's evidence.)
@example("hexbear", 12, 632, [(214, "      ", "permalink embed save")], None)
def test_texts_with_tricky_lines_read_alike(
    dialect: str,
    size: int,
    seed: int,
    inserts: list[tuple[int, str, str]],
    max_depth: int | None,
) -> None:
    lines = page_text(size, dialect, seed=seed).split("\n")
    for at, indent, line in inserts:
        lines.insert(at % (len(lines) + 1), indent + line)
    compare("\n".join(lines), max_depth=max_depth)


def _thread_text(dialect: str = "lemmy-0.19", size: int = 6, seed: int = 3) -> str:
    return page_text(size, dialect, seed=seed)


def _header_line(lines: list[str]) -> int:
    """Index of the first comment's name line."""
    return next(i for i, line in enumerate(lines) if line.lstrip().startswith("• "))


def _body_line(text: str) -> int:
    """Index of the first body line of the first comment (after its time line)."""
    lines = text.split("\n")
    header = _header_line(lines)
    return next(i for i in range(header + 1, len(lines)) if lines[i] == "") + 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace("\n", "\r\n"), "a carriage return"),
        (lambda t: t + "\nbob 5 points 2 hours ago\n", "an mlmym meta line"),
        (lambda t: t + "\nsee [this](https://example.org)\n", "a markdown link"),
        (lambda t: t + "\nbob 3 hours ago | parent | next [–]\n", "an HN header"),
        (lambda t: t + "\nx\n", "a line left of every name line"),
    ],
)
def test_the_block_reader_declines_what_the_careful_reader_must_read(
    change: object, reason: str
) -> None:
    text = change(_thread_text())  # type: ignore[operator]
    assert read_page_blocks(text, dialect="auto", max_depth=256) is None, reason
    compare(text)


def _shifted(text: str, columns: int) -> str:
    """The text with every line from the first header on moved ``columns`` in
    (out, where negative)."""
    lines = text.split("\n")
    first = _header_line(lines)
    moved = [
        (" " * columns + line if columns > 0 else line[-columns:]) if line.strip() else line
        for line in lines[first:]
    ]
    return "\n".join([*lines[:first], *moved])


@pytest.mark.parametrize("columns", [-2, 3, 10])
def test_a_page_at_another_indent_is_read_with_its_own_margin(columns: int) -> None:
    """The blocks take no line left of the first header (``blocks._block``,
    compiled for its indent): comments all further in or out read the same."""
    assert compare(_shifted(_thread_text(size=40), columns)) == 2


def test_a_page_that_starts_with_a_reply_is_left_to_the_careful_reader() -> None:
    """A copy from a reply on: a later header left of the first one is no block's."""
    lines = _thread_text(size=40).split("\n")
    first = _header_line(lines)
    later = next(i for i in range(first + 1, len(lines)) if lines[i].startswith("  • "))
    text = "\n".join(
        [*lines[:first], *_shifted("\n".join(lines[first:later]), 2).split("\n"), *lines[later:]]
    )
    assert read_page_blocks(text, dialect="auto", max_depth=256) is None
    compare(text)


def test_a_body_line_the_careful_reader_may_read_otherwise_sends_it_there() -> None:
    text = _thread_text()
    lines = text.split("\n")
    at = _body_line(text)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    for line in ("arrow-up", "2 days ago", "\tx", "[x]", "# x"):
        changed = "\n".join([*lines[:at], indent + line, *lines[at:]])
        assert read_page_blocks(changed, dialect="auto", max_depth=256) is None, line
        compare(changed)


def test_a_reply_deeper_than_max_depth_is_left_to_the_careful_reader() -> None:
    text = _thread_text(size=40)
    depth = max(c.depth for c in threadparse.parse(text).walk())
    assert depth >= 2
    assert read_page_blocks(text, dialect="auto", max_depth=depth) is not None
    assert read_page_blocks(text, dialect="auto", max_depth=depth - 1) is None
    parsed = threadparse.parse(text, max_depth=depth - 1)
    assert "TP204" in {d.code for d in parsed.diagnostics}


def test_a_dialect_asked_for_but_not_shown_is_left_to_the_careful_reader() -> None:
    text = _thread_text("lemmy-0.19")
    assert read_page_blocks(text, dialect="lemmy-0.19", max_depth=256) is not None
    assert read_page_blocks(text, dialect="hexbear", max_depth=256) is None
    parsed = threadparse.parse(text, dialect="hexbear")
    assert [d.code for d in parsed.diagnostics] == ["TP102"]


def test_hexbear_footer_words_only_end_a_comment() -> None:
    text = _thread_text("hexbear")
    assert read_page_blocks(text, dialect="auto", max_depth=256) is not None
    lines = text.split("\n")
    at = _body_line(text)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    # "link" before a paragraph is body text there, not the footer
    changed = "\n".join([*lines[:at], indent + "link", "", *lines[at:]])
    assert read_page_blocks(changed, dialect="auto", max_depth=256) is None
    compare(changed)


def test_the_header_is_unpacked_from_the_groups_in_their_order() -> None:
    from threadparse.formats.lemmy_page.blocks import GROUPS_IN_ORDER, _block

    for margin in (0, 2, 7):
        index = _block(margin).groupindex
        assert tuple(sorted(index, key=index.__getitem__)) == GROUPS_IN_ORDER
        assert _block(margin).groups == len(GROUPS_IN_ORDER)
