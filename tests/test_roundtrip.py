"""render() and parse() against each other, on threads drawn by threadparse.strategies.

1. ``parse(render(t, d)) == t`` for t drawn valid for d, spans aside, with no
   diagnostics but the ones flat text always has.
2. Any page thread rendered in any dialect parses to ``carried(t, d)``: what
   that dialect can show.
3. Each damage operator destroys only what it is written down to destroy
   (``SURVIVES`` below); parse never raises and stays lossless on damaged text.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans, comments
from tests.test_properties import without_spans
from threadparse._header import classify_token
from threadparse._parser import DIALECTS, PAGE_DIALECTS
from threadparse.strategies import DAMAGE, damaged, threads


def bullet_then_token(line: str, following: str) -> bool:
    return line.startswith("• ") and classify_token(following.strip()) is not None


def shape(thread: threadparse.Thread) -> dict[str, Any]:
    data: dict[str, Any] = without_spans(threadparse.to_dict(thread))
    del data["diagnostics"]
    return data


@pytest.mark.parametrize("dialect", DIALECTS)
@given(data=st.data())
def test_render_then_parse_gives_the_thread_back(dialect: str, data: st.DataObject) -> None:
    thread = data.draw(threads(dialect=dialect))
    text = threadparse.render(thread, dialect)
    parsed = threadparse.parse(text)
    assert shape(parsed) == shape(thread)
    expected_codes = []
    if dialect == "flat":
        expected_codes = ["TP101"] * bool(thread.unattributed) + ["TP301"] * len(thread.comments)
    assert sorted(d.code for d in parsed.diagnostics) == expected_codes
    check_spans(text, parsed)


@pytest.mark.parametrize("dialect", DIALECTS)
@given(thread=threads(dialect="lemmy-0.19"))
def test_every_dialect_carries_what_it_can(dialect: str, thread: threadparse.Thread) -> None:
    text = threadparse.render(thread, dialect)
    if dialect == "flat":
        # Without a post, Title-Case body lines could pass for one.
        assume(thread.sections)
    # Flattened bodies are ambiguous to detection (a list item followed by a
    # line such as "2 days ago" reads as a comment header), so the flat reader
    # is asked for by name; detection is checked where the text is unambiguous.
    parsed = threadparse.parse(text, dialect=dialect)
    expected = threadparse.carried(thread, dialect)
    assert shape(parsed) == shape(expected)
    if not any(bullet_then_token(a, b) for a, b in pairwise(text.split("\n"))):
        assert threadparse.parse(text).dialect == dialect


@given(thread=threads())
def test_depth_never_exceeds_what_was_rendered(thread: threadparse.Thread) -> None:
    rendered_depth = max((c.depth for c in comments(thread)), default=0)
    for dialect in DIALECTS:
        parsed = threadparse.parse(threadparse.render(thread, dialect))
        assert max((c.depth for c in comments(parsed)), default=0) <= rendered_depth


# What each damage operator may destroy, as a function from the thread to the
# facts that must survive it. Facts are per comment in reading order.
Facts = Callable[[threadparse.Thread], Any]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def full(thread: threadparse.Thread) -> Any:
    return shape(thread)


def all_comments(thread: threadparse.Thread) -> Any:
    """double_blank_lines: every comment field; the post's navigation block may
    end early (a doubled gap reads as the preamble's two blank lines)."""
    return shape(thread)["comments"]


def without_depth(thread: threadparse.Thread) -> Any:
    """strip_indentation: nesting is lost (every comment at depth 0), nothing else."""
    return [
        (
            c.author,
            c.score,
            c.upvotes,
            c.downvotes,
            c.language,
            c.time,
            c.edited,
            c.deleted,
            c.removed,
            c.more_replies,
            [p.text for p in c.paragraphs],
        )
        for c in comments(thread)
    ]


def nbsp_blind(thread: threadparse.Thread) -> Any:
    """nbsp: texts keep their NBSPs (the copy put them there), so compare them folded."""
    return [
        (
            c.author,
            c.score,
            c.upvotes,
            c.downvotes,
            c.time,
            c.edited,
            c.deleted,
            c.depth,
            [_norm(p.text) for p in c.paragraphs],
        )
        for c in comments(thread)
    ] + [_norm(p.text) for p in thread.preamble.paragraphs]


def without_paragraph_breaks(thread: threadparse.Thread) -> Any:
    """remove_blank_lines: paragraphs of one comment may merge; header and tree survive."""
    return [
        (
            c.author,
            c.score,
            c.upvotes,
            c.downvotes,
            c.time,
            c.edited,
            c.depth,
            "\n".join(p.text for p in c.paragraphs).split("\n"),
        )
        for c in comments(thread)
    ]


def quote_blind(thread: threadparse.Thread) -> Any:
    table = str.maketrans({"“": '"', "”": '"', "’": "'"})
    return [
        (
            c.author.name.translate(table) if c.author else None,
            c.score,
            c.upvotes,
            c.time,
            c.depth,
            [p.text.translate(table) for p in c.paragraphs],
        )
        for c in comments(thread)
    ]


ICONS = {
    "link",
    "fedilink",
    "arrow-up",
    "arrow-down",
    "edit-2",
    "hexagon",
    "hexbear",
    "heart",
    "smile",
}


def without_icons(thread: threadparse.Thread) -> Any:
    """drop_icon_lines: votes, edit marks and hexbear's OP may go (their icon told
    what a count was); authors' names, times, depth and other paragraphs stay."""
    return [
        (
            c.author.display_name if c.author else None,
            c.time,
            c.depth,
            c.deleted,
            [p.text for p in c.paragraphs if p.text not in ICONS],
        )
        for c in comments(thread)
    ]


SURVIVES: dict[str, Facts] = {
    "crlf": full,
    "tabs": full,
    "trailing_whitespace": full,
    "double_blank_lines": all_comments,
    "strip_indentation": without_depth,
    "nbsp": nbsp_blind,
    "remove_blank_lines": without_paragraph_breaks,
    "swap_quotes": quote_blind,
    "drop_icon_lines": without_icons,
}


def test_every_operator_has_its_rule() -> None:
    assert set(SURVIVES) | {"truncate"} == set(DAMAGE)


@pytest.mark.parametrize("operator", sorted(SURVIVES))
@pytest.mark.parametrize("dialect", PAGE_DIALECTS)
@given(data=st.data())
def test_damage_destroys_only_what_it_may(operator: str, dialect: str, data: st.DataObject) -> None:
    thread = data.draw(threads(dialect=dialect))
    text = threadparse.render(thread, dialect)
    hurt = data.draw(damaged(text, operators=[operator]))
    parsed = threadparse.parse(hurt)
    facts = SURVIVES[operator]
    if operator == "drop_icon_lines":
        # Dropping "link" paragraphs, icons are gone from the text: compare what remains.
        assert facts(parsed) == facts(thread)
    elif operator == "strip_indentation":
        assert facts(parsed) == facts(thread)
        assert all(c.depth == 0 for c in comments(parsed))
    else:
        assert facts(parsed) == facts(thread)
    check_lossless(hurt, parsed)


@pytest.mark.parametrize("dialect", PAGE_DIALECTS)
@given(data=st.data())
def test_truncation_keeps_every_comment_before_the_cut(dialect: str, data: st.DataObject) -> None:
    thread = data.draw(threads(dialect=dialect))
    text = threadparse.render(thread, dialect)
    cut = data.draw(damaged(text, operators=["truncate"]))
    parsed = threadparse.parse(cut)
    check_lossless(cut, parsed)
    whole = list(comments(threadparse.parse(text)))
    # A comment whose body ended before the cut, with a blank line after it, is intact.
    intact = [
        c for c in whole if c.span.end + 2 <= len(cut) and cut[c.span.end :].startswith("\n\n")
    ]
    kept = {(c.span.start, c.author) for c in comments(parsed)}
    for comment in intact:
        assert (comment.span.start, comment.author) in kept


@given(data=st.data(), dialect=st.sampled_from(DIALECTS))
def test_parse_survives_any_damage(data: st.DataObject, dialect: str) -> None:
    thread = data.draw(threads(dialect=dialect))
    hurt = data.draw(damaged(threadparse.render(thread, dialect)))
    parsed = threadparse.parse(hurt)
    check_lossless(hurt, parsed)
    check_spans(hurt, parsed)
