"""``iter_thread``/``iter_comments``: the streaming reader equals ``parse`` and streams.

Equality is checked on what pages give (rendered threads of every dialect, in
any pieces, with CRLF), never-raises and losslessness on anything, and
"streams" by counting how much of the source was read when the first comment
came out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans
from tests.test_properties import anything
from threadparse import Comment, ThreadHead, ThreadTail
from threadparse._stream import BATCH
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.lemmy_page.comments import HEADER_REACH
from threadparse.strategies import damaged, threads


def pieces(text: str, cuts: list[int]) -> list[str]:
    points = sorted({min(cut, len(text)) for cut in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


@given(st.data(), st.sampled_from(PAGE_DIALECTS), st.lists(st.integers(0, 5_000), max_size=30))
def test_rendered_page_text_streams_to_what_parse_gives(
    data: st.DataObject, dialect: str, cuts: list[int]
) -> None:
    text = threadparse.render(data.draw(threads(dialect=dialect)), dialect)
    text = data.draw(st.sampled_from([text, text.replace("\n", "\r\n")]))
    expected = threadparse.parse(text)
    assert threadparse.assemble(threadparse.iter_thread(pieces(text, cuts))) == expected
    assert list(threadparse.iter_comments(text)) == list(expected.comments)


@given(st.data(), st.sampled_from(PAGE_DIALECTS), st.lists(st.integers(0, 5_000), max_size=30))
def test_damaged_page_text_streams_to_what_parse_gives(
    data: st.DataObject, dialect: str, cuts: list[int]
) -> None:
    # Damage applied to the whole page keeps one layout throughout.
    rendered = threadparse.render(data.draw(threads(dialect=dialect)), dialect)
    text = data.draw(damaged(rendered, ["crlf", "tabs", "nbsp", "trailing_whitespace"]))
    assert threadparse.assemble(threadparse.iter_thread(pieces(text, cuts))) == threadparse.parse(
        text
    )


COMMENT = (
    "  • {n}@lemmy.ml\n    link\n    fedilink\n    arrow-up\n    5\n    ·\n    2 days ago\n\n"
    "    Body of {n}.\n\n"
)
LOOK_ALIKE = "• Ukraine\n2 days ago\n\n"  # a list item and a time line, tokens not indented


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Weekly thread.\n\n" + LOOK_ALIKE + COMMENT.format(n="a") + COMMENT.format(n="b"), []),
        (COMMENT.format(n="a") + LOOK_ALIKE + COMMENT.format(n="b"), ["TP901", "TP901"]),
        (LOOK_ALIKE + (COMMENT.format(n="a") + "  filler\n" * 100) * 3, []),
    ],
    ids=["in the post", "between comments", "before long comments"],
)
def test_look_alike_headers_are_dropped_as_parse_drops_them(text: str, codes: list[str]) -> None:
    # parse's second pass drops a header laid out unlike the others; so must the stream.
    expected = threadparse.parse(text)
    assert [c.author.name for c in expected.comments if c.author] in (["a", "b"], ["a"] * 3)
    assert [d.code for d in expected.diagnostics] == codes
    for source in (text, list(text)):
        assert threadparse.assemble(threadparse.iter_thread(source)) == expected


@given(anything, st.sampled_from(["auto", *threadparse.DIALECTS]), st.lists(st.integers(0, 300)))
def test_anything_streams_losslessly(text: str, dialect: str, cuts: list[int]) -> None:
    thread = threadparse.assemble(threadparse.iter_thread(pieces(text, cuts), dialect=dialect))
    check_lossless(text, thread)
    check_spans(text, thread)


def test_first_comment_comes_out_before_the_source_is_read() -> None:
    block = "  • u{n}@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Comment {n}.\n\n"
    read = 0

    def source() -> Iterator[str]:
        nonlocal read
        for n in range(1_000):
            read += 1
            yield block.format(n=n)

    stream = threadparse.iter_thread(source())
    head = next(stream)
    assert isinstance(head, ThreadHead)
    assert head.dialect == "lemmy-0.19"
    first = next(stream)
    assert isinstance(first, Comment)
    assert first.paragraphs[0].text == "Comment 0."
    # Enough 8-line blocks to see the next top-level header, HEADER_REACH lines
    # past it, and at most one batch more.
    assert read * 8 <= 2 * 8 + HEADER_REACH + BATCH + 8
    rest = list(stream)
    assert read == 1_000
    assert [type(part) for part in rest] == [Comment] * 999 + [ThreadTail]


def test_a_file_opened_with_newline_empty_streams_with_exact_spans() -> None:
    text = "Post.\r\n\r\n  • ada@lemmy.ml\r\n    link\r\n    1 day ago\r\n\r\n    Hi!\r\n"
    (comment,) = threadparse.iter_comments(io.StringIO(text, newline=""))
    assert comment.paragraphs[0].span == threadparse.Span(58, 61)  # seven \r before it
    assert text[58:61] == "Hi!"


def test_text_without_headers_is_read_whole() -> None:
    parts = list(threadparse.iter_thread(["Good summary, thanks.\n", "deleted by creator\n"]))
    assert [type(part) for part in parts] == [ThreadHead, Comment, ThreadTail]
    tail = parts[-1]
    assert isinstance(tail, ThreadTail)
    assert [t.text for t in tail.unattributed] == ["Good summary, thanks."]
    assert [d.code for d in tail.diagnostics] == ["TP101", "TP301"]


def test_stripped_indentation_is_reported_once() -> None:
    block = "• u{n}@lemmy.ml\nlink\narrow-up\n10\n·\n2 days ago\n\nHello {n}.\n\n"
    text = "".join(block.format(n=n) for n in range(3))
    thread = threadparse.assemble(threadparse.iter_thread(text))
    assert [d.code for d in thread.diagnostics] == ["TP201"]
    assert thread == threadparse.parse(text)


def test_options_are_checked_before_reading() -> None:
    with pytest.raises(ValueError, match="unknown dialect 'reddit'"):
        threadparse.iter_thread("x", dialect="reddit")
    with pytest.raises(ValueError, match="max_depth must be None or an int >= 0"):
        threadparse.iter_comments("x", max_depth=-1)
    with pytest.raises(ValueError, match=r"assemble\(\) needs a ThreadHead and a ThreadTail"):
        threadparse.assemble([])
