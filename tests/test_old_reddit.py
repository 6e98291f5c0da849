"""The old.reddit reader and writer (``formats/old_reddit.py``): hand-written copies in the
shapes real copies show (a selection copy without indentation, one that kept
it, a textContent copy with child counts), the header grammar line by line,
detection, and properties: never raises, lossless, render-then-parse, damage.
The names and bodies are invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans, comments
from threadparse import Author, Comment, Thread
from threadparse.core.diagnostics import Diagnostics
from threadparse.core.source import LineNumbers, split_lines
from threadparse.core.walk import preorder
from threadparse.formats.old_reddit import (
    parse_old_reddit,
    read_header,
    render_old_reddit,
    shown_name,
)
from threadparse.strategies import DAMAGE, damaged, threads


def read(text: str, *, max_depth: int | None = None) -> Thread:
    lines = split_lines(text)
    return parse_old_reddit(lines, max_depth=max_depth, diagnostics=Diagnostics(LineNumbers(lines)))


def row(comment: Comment) -> tuple[Any, ...]:
    author = comment.author
    assert author is not None
    return (
        comment.depth,
        len(comment.replies),
        author.name,
        author.display_name,
        author.badges,
        comment.score,
        comment.time,
        comment.edited,
        comment.deleted,
        comment.removed,
        comment.more_replies,
        tuple(paragraph.text for paragraph in comment.paragraphs),
    )


def rows(thread: Thread) -> list[tuple[Any, ...]]:
    return [row(comment) for comment in comments(thread)]


def header_lines(text: str) -> int:
    """How many lines of the text read as a comment header."""
    lines = split_lines(text)
    return sum(1 for index in range(len(lines)) if read_header(lines, index) is not None)


def codes(thread: Thread) -> list[tuple[str, int]]:
    return [(diagnostic.code, diagnostic.line) for diagnostic in thread.diagnostics]


# A selection copy of a whole post page, as the 2026 copy seen in the research
# has it: the sidebar first, the post, its glued buttons indented, the comment
# area, then comments with no indentation and glued, indented buttons.
PAGE = """\
jump to content
my subreddits
this post was submitted on 09 Jan 2026
41 points (96% upvoted)
shortlink:

41

A question about soil pH (self.gardening)

submitted 8 hours ago by fernhollow

Has anyone tested their beds this spring?

Mine came back very acidic.

    12 commentssharesavehidereportcrosspost

all 12 comments
sorted by: best

[–]GardenBot-modMod[M] [score hidden] 4 hours ago stickied comment\u0020

Please keep it civil.

    permalinkembedsavereportreply

[–]quillwort 33 points 7 hours ago\u0020

Lime, and patience.

Lots of patience.

    permalinkembedsavereportreply

[–]fernhollow[S] 1 point 6 hours ago*

Thanks!

    permalinkembedsaveparentreportreply

load more comments (3 replies)

[+][deleted] 2 years ago (1 child)

[–][deleted] -4 points 2 years ago
sulfur works too
permalinkembedsaveparent
"""


def test_selection_copy() -> None:
    thread = read(PAGE)
    post = thread.post
    assert post is not None
    assert (post.title, post.score, post.time, post.comment_count) == (
        "A question about soil pH",
        41,
        "8 hours ago",
        12,
    )
    assert post.author is not None
    assert post.author.name == "fernhollow"
    assert post.community is not None
    assert post.community.name == "gardening"
    assert [p.text for p in thread.preamble.paragraphs] == [
        "Has anyone tested their beds this spring?",
        "Mine came back very acidic.",
    ]
    assert rows(thread) == [
        (0, 0, "GardenBot-modMod", "GardenBot-modMod", ("M",), None, "4 hours ago",
         False, False, False, None, ("Please keep it civil.",)),
        (0, 0, "quillwort", "quillwort", (), 33, "7 hours ago",
         False, False, False, None, ("Lime, and patience.", "Lots of patience.")),
        (0, 0, "fernhollow", "fernhollow", ("OP",), 1, "6 hours ago",
         True, False, False, 3, ("Thanks!",)),
        (0, 0, "[deleted]", "[deleted]", (), None, "2 years ago",
         False, True, False, 1, ()),
        (0, 0, "[deleted]", "[deleted]", (), -4, "2 years ago",
         False, False, False, None, ("sulfur works too",)),
    ]  # fmt: skip
    assert [text.text for text in thread.chrome] == [
        "jump to content",
        "my subreddits",
        "this post was submitted on 09 Jan 2026",
        "41 points (96% upvoted)",
        "shortlink:",
        "all 12 comments",
        "sorted by: best",
    ]
    assert thread.unparsed == ()
    assert not thread.nesting
    assert codes(thread) == [("TP201", 22)]
    check_lossless(PAGE, thread)
    check_spans(PAGE, thread)


# The same comments as a copy that kept the nesting (2 spaces a level), with a
# load-more line at each level and a continue-this-thread line.
INDENTED = """\
[–]quillwort 33 points 7 hours ago
Lime, and patience.
permalink embed save report give award reply
  [–]fernhollow[S] 2 points 6 hours ago*
  Thanks!
  permalink embed save parent report give award reply
    [–]quillwort 1 point 5 hours ago
    Any time.
    permalink embed save parent report give award reply
      continue this thread →
    load more comments (2 replies)
  load more comments (5 replies)
[–]bramble 0 points just now
[removed]
permalink embed save report give award reply
load more comments (40 replies)
"""


def test_indented_copy() -> None:
    thread = read(INDENTED)
    assert rows(thread) == [
        (0, 1, "quillwort", "quillwort", (), 33, "7 hours ago",
         False, False, False, 5, ("Lime, and patience.",)),
        (1, 1, "fernhollow", "fernhollow", ("OP",), 2, "6 hours ago",
         True, False, False, 2, ("Thanks!",)),
        (2, 0, "quillwort", "quillwort", (), 1, "5 hours ago",
         False, False, False, None, ("Any time.",)),
        (0, 0, "bramble", "bramble", (), 0, "just now",
         False, False, True, None, ()),
    ]  # fmt: skip
    assert thread.nesting
    assert thread.more_replies == 40
    assert [code for code, _ in codes(thread)] == ["TP405"]  # continue this thread
    check_lossless(INDENTED, thread)
    check_spans(INDENTED, thread)


# A textContent copy (or an HTML-to-markdown conversion, as seen): three scores
# glued, child counts on every comment, which give the tree when they count
# every comment shown.
TEXT_CONTENT = """\
[–]sorrel 4 points5 points6 points 3 days ago (2 children)
Top.
permalinkembedsavereportgive awardreply
[–]yarrow 1 point2 points3 points 3 days ago (1 child)
Middle.
permalinkembedsaveparentreportgive awardreply
[–]sorrel 0 points1 point2 points 2 days ago (0 children)
Bottom.
permalinkembedsaveparentreportgive awardreply
[–]tansy 9 points10 points11 points 1 day ago (0 children)
Another top.
permalinkembedsavereportgive awardreply
"""


def test_child_counts_give_the_tree() -> None:
    thread = read(TEXT_CONTENT)
    assert [(r[0], r[1], r[2], r[5]) for r in rows(thread)] == [
        (0, 1, "sorrel", 5),
        (1, 1, "yarrow", 2),
        (2, 0, "sorrel", 1),
        (0, 0, "tansy", 10),
    ]
    assert thread.nesting
    assert codes(thread) == []


def test_counts_that_do_not_nest_leave_the_comments_flat() -> None:
    # "(4 children)" on the first comment counts past the last one: a reply is
    # not shown, so the counts cannot place the others. ("(3 children)" would
    # nest, wrongly, taking the last comment as a reply: counts that are off
    # but still nest cannot be told from right ones; docs/dialects/old-reddit.md.)
    text = TEXT_CONTENT.replace("(2 children)", "(4 children)")
    thread = read(text)
    assert [r[0] for r in rows(thread)] == [0, 0, 0, 0]
    assert [code for code, _ in codes(thread)] == ["TP201"]


def test_load_more_without_indentation_goes_to_the_comment_just_read_once() -> None:
    text = """\
[–]a 3 points 1 hour ago
x
permalinkembedsave
load more comments (1 reply)
buffer
load more comments (2 replies)
buffer
"""
    thread = read(text)
    (comment,) = thread.comments
    assert comment.more_replies == 1
    assert [t.text for t in thread.chrome] == ["buffer", "load more comments (2 replies)", "buffer"]
    assert [code for code, _ in codes(thread)] == ["TP405"]
    check_lossless(text, thread)


HEADER_FIELDS = ("name", "display", "badges", "score", "time", "edited", "collapsed", "children")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[–]Robin_42 33 points 7 hours ago ", ("Robin_42", "Robin_42", (), 33, "7 hours ago", False, False, None)),
        ("[–]a 1 point 2 years ago*", ("a", "a", (), 1, "2 years ago", True, False, None)),
        ("[–]a -4 points 2 years ago", ("a", "a", (), -4, "2 years ago", False, False, None)),
        ("[–]a [score hidden] 4 hours ago stickied comment", ("a", "a", (), None, "4 hours ago", False, False, None)),
        ("[–]a 0 points1 point2 points 9 days ago (0 children)", ("a", "a", (), 1, "9 days ago", False, False, 0)),
        ("[+]a 2 points 1 day ago (12 children)", ("a", "a", (), 2, "1 day ago", False, True, 12)),
        ("[+][deleted] 2 years ago (1 child)", ("[deleted]", "[deleted]", (), None, "2 years ago", False, True, 1)),
        ("[–]nameThe Flair Text 4 points 3 days ago", ("nameThe", "nameThe Flair Text", (), 4, "3 days ago", False, False, None)),
        ("[–]op_name[S] 2 points 6 hours ago", ("op_name", "op_name", ("OP",), 2, "6 hours ago", False, False, None)),
        ("[–]modFlair[M] 2 points just now", ("modFlair", "modFlair", ("M",), 2, "just now", False, False, None)),
        ("[–] spaced 5 points 1 minute ago", ("spaced", "spaced", (), 5, "1 minute ago", False, False, None)),
        ("[–]a\u00a05 points 1 hour ago", ("a", "a", (), 5, "1 hour ago", False, False, None)),
        ("[–]a 5 points", None),  # no time
        ("[–] some words", None),
        ("a 5 points 1 hour ago", None),  # no mark
        ("[x]a 5 points 1 hour ago", None),
        ("", None),
    ],
)  # fmt: skip
def test_header_grammar(line: str, expected: tuple[Any, ...] | None) -> None:
    header = read_header(split_lines(line) or split_lines(" "), 0)
    if expected is None:
        assert header is None
        return
    assert header is not None
    got = (
        header.author.name,
        header.author.display_name,
        header.author.badges,
        header.score,
        header.time,
        header.edited,
        header.collapsed,
        header.children,
    )
    assert dict(zip(HEADER_FIELDS, got, strict=True)) == dict(
        zip(HEADER_FIELDS, expected, strict=True)
    )


# -- detection --------------------------------------------------------------------------

FORMATS = Path(__file__).parent / "fixtures" / "formats"


@pytest.mark.parametrize("copies", [1, 40, 400])
@pytest.mark.parametrize("text", [PAGE, INDENTED, TEXT_CONTENT])
def test_detected_and_parsed_by_auto(text: str, copies: int) -> None:
    """At any length: old.reddit's own headers are not counted for mlmym, whose
    reader also accepts them (a cap on old.reddit's votes once let a long copy
    go to mlmym)."""
    text = text * copies
    detection = threadparse.detect(text)
    assert (detection.dialect, detection.confidence, detection.runner_up) == (
        "old-reddit",
        1.0,
        None,
    )
    assert rows(threadparse.parse(text)) == rows(read(text))


def test_plain_marks_still_go_to_the_reader_the_buttons_name() -> None:
    """A copy whose ``[–]`` became ``[-] `` (which mlmym writes) keeps
    old.reddit's buttons lines, which outweigh the headers mlmym reads."""
    text = INDENTED.replace("[–]", "[-] ")
    detection = threadparse.detect(text)
    assert (detection.dialect, detection.runner_up) == ("old-reddit", "mlmym")
    assert detection.confidence > 0.5


def test_mlmym_text_is_still_mlmym() -> None:
    text = (FORMATS / "thread_mlmym.txt").read_text(encoding="utf-8")
    detection = threadparse.detect(text)
    assert (detection.dialect, detection.runner_up) == ("mlmym", None)


# -- properties -------------------------------------------------------------------------


def old_reddit_view(comment: Comment) -> Comment:
    """What of a comment the writer keeps (see ``render_old_reddit``), spans aside."""
    author = comment.author
    name = shown_name(author)
    badges = () if author is None else tuple(b for b in ("OP", "M", "A") if b in author.badges)
    return attrs.evolve(
        comment,
        author=Author(name, name, None, (), badges, username=name),
        upvotes=None,
        downvotes=None,
        language=None,
        removed=comment.removed and not comment.deleted,
    )


def shown_lines(comment: Comment) -> tuple[str, ...]:
    """The comment's text as the writer's lines: a paragraph's line breaks split it."""
    return tuple(line for p in comment.paragraphs for line in p.text.split("\n"))


def expected_rows(thread: Thread) -> list[tuple[Any, ...]]:
    out = []
    for comment in preorder(thread.comments, lambda c: c.replies):
        view = old_reddit_view(comment)
        out.append(
            (
                view.depth,
                len(view.replies),
                view.author.name if view.author else None,
                view.author.display_name if view.author else None,
                view.author.badges if view.author else None,
                view.score,
                view.time,
                view.edited,
                view.deleted,
                view.removed,
                view.more_replies,
                shown_lines(comment),
            )
        )
    return out


page_threads = st.sampled_from(["lemmy-0.19", "lemmy-0.18", "hexbear"]).flatmap(
    lambda dialect: threads(dialect=dialect)
)


@given(page_threads)
def test_render_then_parse_gives_the_comments_back(thread: Thread) -> None:
    text = render_old_reddit(thread)
    parsed = read(text)
    assert rows(parsed) == expected_rows(thread)
    count = sum(1 for _ in comments(thread))
    assert header_lines(text) == count
    check_lossless(text, parsed)
    check_spans(text, parsed)
    if count:
        assert threadparse.detect(text).dialect == "old-reddit"


KEEP_ALL = ("crlf", "tabs", "trailing_whitespace", "double_blank_lines")


@pytest.mark.parametrize("operator", [*KEEP_ALL, "strip_indentation", "nbsp"])
@given(thread=page_threads, data=st.data())
def test_copy_damage_keeps_what_it_should(
    operator: str, thread: Thread, data: st.DataObject
) -> None:
    text = data.draw(damaged(render_old_reddit(thread), [operator]))
    parsed = read(text)
    if operator in KEEP_ALL:
        assert rows(parsed) == expected_rows(thread)
    elif operator == "strip_indentation":
        # No indentation and no child counts: every comment at the top, in order.
        assert [r[2:10] for r in rows(parsed)] == [r[2:10] for r in expected_rows(thread)]
        assert all(r[0] == 0 for r in rows(parsed))
    else:
        fold = str.maketrans({"\u00a0": " "})
        got = [(*r[:-1], tuple(p.translate(fold) for p in r[-1])) for r in rows(parsed)]
        assert got == expected_rows(thread)
    check_lossless(text, parsed)
    check_spans(text, parsed)


def test_blank_lines_removed_keep_the_comments() -> None:
    text = "\n".join(line for line in PAGE.splitlines() if line.strip())
    assert rows(read(text)) == rows(read(PAGE))


@given(page_threads, st.data())
def test_any_damage_stays_lossless(thread: Thread, data: st.DataObject) -> None:
    text = data.draw(damaged(render_old_reddit(thread), sorted(DAMAGE)))
    parsed = read(text)
    check_lossless(text, parsed)
    check_spans(text, parsed)


VOCABULARY = [
    "[–]quillwort 33 points 7 hours ago",
    "[–]a[S] 1 point2 points3 points 2 days ago* (1 child)",
    "[+][deleted] 2 years ago (3 children)",
    "[–]m[M] [score hidden] 4 hours ago stickied comment",
    "[-] b 5 points now",
    "[–]",
    "permalinkembedsaveparentreportgive awardreply",
    "permalink embed save report reply",
    "permalink",
    "buffer",
    "load more comments (4 replies)",
    "load more comments\u00a0(1 reply)",
    "continue this thread →",
    "[deleted]",
    "[removed]",
    "submitted 3 hours ago by someone",
    "A title (self.x)",
    "41",
    "12 commentssharesavehidereport",
    "all 12 comments",
    "sorted by: best",
    "Some body text.",
    "",
]
line = st.tuples(
    st.sampled_from(["", "  ", "    ", "\t", "\u00a0 "]),
    st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=10)),
).map("".join)
old_reddit_like = st.lists(line, max_size=40).map("\n".join)


@given(st.one_of(st.text(), old_reddit_like), st.one_of(st.none(), st.integers(0, 3)))
def test_never_raises_and_stays_lossless(text: str, max_depth: int | None) -> None:
    thread = read(text, max_depth=max_depth)
    check_lossless(text, thread)
    check_spans(text, thread)
    assert sum(1 for _ in comments(thread)) == header_lines(text)
    stack = list(thread.comments)
    while stack:
        comment = stack.pop()
        assert max_depth is None or comment.depth <= max_depth
        for reply in comment.replies:
            assert reply.depth == comment.depth + 1
            stack.append(reply)


@given(old_reddit_like)
def test_line_ends_do_not_change_structure(text: str) -> None:
    text = text.replace("\r", "")
    plain = rows(read(text))
    assert rows(read(text.replace("\n", "\r\n"))) == plain
