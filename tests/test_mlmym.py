"""The mlmym reader and writer (``formats/mlmym.py``): a hand-written page read field by
field, its stripped and textContent copies, the header grammar line by line,
and properties: never raises, lossless, render-then-parse, the depth cap.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans, comments
from tests.test_properties import without_spans
from threadparse import Author, Comment, Span, Text, Thread
from threadparse.core.diagnostics import Diagnostics
from threadparse.core.source import LineNumbers, split_lines
from threadparse.core.walk import preorder
from threadparse.formats.mlmym import count_headers, parse_mlmym, read_header, render_mlmym
from threadparse.strategies import DAMAGE, damaged, threads


def read(text: str, *, max_depth: int | None = None) -> Thread:
    lines = split_lines(text)
    return parse_mlmym(lines, max_depth=max_depth, diagnostics=Diagnostics(LineNumbers(lines)))


def row(comment: Comment) -> tuple[Any, ...]:
    """Every field of a comment but its span, with its replies as their count."""
    return fields(comment, comment.depth, len(comment.replies))


def fields(comment: Comment, depth: int, replies: int) -> tuple[Any, ...]:
    author = comment.author
    assert author is not None
    return (
        depth,
        replies,
        author.name,
        author.display_name,
        author.instance,
        author.pronouns,
        author.badges,
        author.username,
        comment.score,
        comment.upvotes,
        comment.downvotes,
        comment.language,
        comment.time,
        comment.published,
        comment.updated,
        comment.edited,
        comment.deleted,
        comment.removed,
        comment.more_replies,
        tuple(paragraph.text for paragraph in comment.paragraphs),
    )


def rows(thread: Thread) -> list[tuple[Any, ...]]:
    return [row(comment) for comment in comments(thread)]


def codes(thread: Thread) -> list[tuple[str, int]]:
    return [(diagnostic.code, diagnostic.line) for diagnostic in thread.diagnostics]


# A post page as a browser copy of old.lemmy.* shows it, with the nesting kept as
# two spaces a level. The text is made up; its layout follows rystaf/mlmym's
# post.html, main.html, comment.html and sidebar.html.
PAGE = """\
214
Community garden opens a tool library (self.gardening)
submitted 3 days ago* (last edited 2 days ago) by marigold to c/gardening
9 comments fedilink hide all child comments

The tool library runs out of the old bike shed. Borrow anything for a week and bring it back clean.

Volunteers staff it on Saturday mornings.

all 9 comments
sorted by: hot top controversial new old
[-] fernhollow@lemmy.world 46 points 2 days ago* (last edited 1 day ago)

Does it have a wheelbarrow? Ours lost a wheel last spring.

Edit: found the answer on the notice board.

permalink fedilink source hide child comments
  [-] marigold 12 points 2 days ago

  Two of them, and a seed drill nobody has figured out yet.

  permalink fedilink source hide child comments
    [+] quietbeet@sopuli.xyz -8 points 1 day ago (2 children)
    [-] tansy 1 point 20 hours ago

    Seed drills are easy once you see one used.
    Happy to show anyone on Saturday.

    permalink fedilink source
    load more comments (4 replies)
  [+] lupine@feddit.de 3 points 1 day ago

  [deleted]

  permalink fedilink source
[-] rootstock@lemm.ee -2 points 5 hours ago

[removed by mod]

permalink fedilink source
[-] yarrow 7 points now

Can non-members borrow?

permalink fedilink source
load more comments
this post was submitted on 12 May 2025
214 points (97.3% liked)

Gardening

1204 readers
38 users here now

Grow food, share tools, trade seeds.

founded 2 years ago
MODERATORS
marigold
"""


def _user(name: str, instance: str | None) -> tuple[Any, ...]:
    return (name, name, instance, (), (), name)


# (depth, replies, *author, score, upvotes, downvotes, language, time, published,
#  updated, edited, deleted, removed, more_replies, paragraphs)
PAGE_ROWS = [
    (
        *(0, 2),
        *_user("fernhollow", "lemmy.world"),
        *(46, None, None, None, "1 day ago", None, None, True, False, False, None),
        (
            "Does it have a wheelbarrow? Ours lost a wheel last spring.",
            "Edit: found the answer on the notice board.",
        ),
    ),
    (
        *(1, 2),
        *_user("marigold", None),
        *(12, None, None, None, "2 days ago", None, None, False, False, False, 4),
        ("Two of them, and a seed drill nobody has figured out yet.",),
    ),
    (
        *(2, 0),
        *_user("quietbeet", "sopuli.xyz"),
        *(-8, None, None, None, "1 day ago", None, None, False, False, False, 2),
        (),
    ),
    (
        *(2, 0),
        *_user("tansy", None),
        *(1, None, None, None, "20 hours ago", None, None, False, False, False, None),
        ("Seed drills are easy once you see one used.\nHappy to show anyone on Saturday.",),
    ),
    (
        *(1, 0),
        *_user("lupine", "feddit.de"),
        *(3, None, None, None, "1 day ago", None, None, False, True, False, None),
        (),
    ),
    (
        *(0, 0),
        *_user("rootstock", "lemm.ee"),
        *(-2, None, None, None, "5 hours ago", None, None, False, False, True, None),
        (),
    ),
    (
        *(0, 0),
        *_user("yarrow", None),
        *(7, None, None, None, "now", None, None, False, False, False, None),
        ("Can non-members borrow?",),
    ),
]

SIDEBAR = [
    "this post was submitted on 12 May 2025\n214 points (97.3% liked)",
    "Gardening",
    "1204 readers\n38 users here now",
    "Grow food, share tools, trade seeds.",
    "founded 2 years ago\nMODERATORS\nmarigold",
]


def test_page() -> None:
    thread = read(PAGE)
    assert thread.dialect == "mlmym"
    assert rows(thread) == PAGE_ROWS
    # The post's header (score, title, submitted line, comment count and
    # buttons) is Thread.post; the sort bar stays in the preamble.
    post = thread.post
    assert post is not None
    assert (post.title, post.domain, post.time, post.score, post.comment_count) == (
        "Community garden opens a tool library",
        None,  # a text post: "(self.gardening)"
        "3 days ago",
        214,
        9,
    )
    assert post.author == threadparse.Author("marigold", "marigold", None, (), (), "marigold")
    assert post.community == threadparse.Community("gardening", None, None)
    assert PAGE[post.span.start : post.span.end].startswith("214\nCommunity garden")
    assert PAGE[post.span.start : post.span.end].endswith("hide all child comments")
    assert [p.text for p in thread.preamble.paragraphs] == [
        (
            "The tool library runs out of the old bike shed. Borrow anything for a week "
            "and bring it back clean."
        ),
        "Volunteers staff it on Saturday mornings.",
        "all 9 comments\nsorted by: hot top controversial new old",
    ]
    assert thread.sections == ()
    assert thread.unattributed == ()
    assert [text.text for text in thread.unparsed] == ["load more comments", *SIDEBAR]
    assert codes(thread) == [("TP901", 47), ("TP901", 48)]
    # A comment's span runs from its header over its buttons and its replies,
    # and the load-more line closing its reply list.
    fern, marigold = thread.comments[0], thread.comments[0].replies[0]
    assert PAGE[fern.span.start : fern.span.end].startswith("[-] fernhollow@lemmy.world")
    assert PAGE[fern.span.start : fern.span.end].endswith("  permalink fedilink source")
    assert PAGE[marigold.span.start : marigold.span.end].endswith("load more comments (4 replies)")
    quietbeet = marigold.replies[0]
    assert PAGE[quietbeet.span.start : quietbeet.span.end] == (
        "[+] quietbeet@sopuli.xyz -8 points 1 day ago (2 children)"
    )
    check_lossless(PAGE, thread)
    check_spans(PAGE, thread)


def _depth_zero(page_rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [(0, 0, *r[2:]) for r in page_rows]


def test_stripped_indentation_nests_nothing() -> None:
    text = "\n".join(line.lstrip() for line in PAGE.split("\n"))
    thread = read(text)
    expected = _depth_zero(PAGE_ROWS)
    # Without indentation the load-more line can only be given to the comment
    # just read (tansy): whose reply list it ends is lost with the nesting.
    expected[1] = (*expected[1][:-2], None, expected[1][-1])
    expected[3] = (*expected[3][:-2], 4, expected[3][-1])
    assert rows(thread) == expected
    assert codes(thread) == [("TP201", 12), ("TP901", 47), ("TP901", 48)]
    check_lossless(text, thread)
    check_spans(text, thread)


# textContent (and crawls that keep every element apart): the header in three
# lines, each button on a line of its own with blank lines where the template's
# logged-in parts were, the toggle's two spans glued, the reply count apart.
TEXT_CONTENT = """\
      [-]
      fernhollow@lemmy.world
      46 points 2 days ago* (last edited 1 day ago)

        Does it have a wheelbarrow?

        permalink
        fedilink

        source

        hideshow 1 child comments
      [+]
      lupine@feddit.de
      -9 points 1 day ago

        [deleted]

        permalink
        fedilink
        source
        load more comments
        (4 replies)
"""


def test_text_content_copy() -> None:
    thread = read(TEXT_CONTENT)
    assert rows(thread) == [
        (
            *(0, 0),
            *_user("fernhollow", "lemmy.world"),
            *(46, None, None, None, "1 day ago", None, None, True, False, False, None),
            ("Does it have a wheelbarrow?",),
        ),
        (
            *(0, 0),
            *_user("lupine", "feddit.de"),
            *(-9, None, None, None, "1 day ago", None, None, False, True, False, 4),
            (),
        ),
    ]
    assert codes(thread) == [("TP201", 1)]
    assert thread.unparsed == ()
    check_lossless(TEXT_CONTENT, thread)
    assert count_headers(split_lines(TEXT_CONTENT)) == 2


# -- the header grammar ------------------------------------------------------------

HEADER_FIELDS = ("name", "instance", "score", "time", "edited", "collapsed", "children")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The real crawl's lines (mlmym.lemmy.blahaj.zone): "[-]", a remote and a local user.
        (
            "[-] TonyTonyChopper@mander.xyz 18 points 6 months ago",
            ("TonyTonyChopper", "mander.xyz", 18, "6 months ago", False, False, None),
        ),
        (
            "[-] scruffy 2 points 6 months ago",
            ("scruffy", None, 2, "6 months ago", False, False, None),
        ),
        # mlmym always writes "points"; "1 point" is read too.
        ("[-] a 1 points now", ("a", None, 1, "now", False, False, None)),
        ("[–] a 1 point 1 week ago", ("a", None, 1, "1 week ago", False, False, None)),
        # Edited: the time kept is the edit time.
        (
            "[-] a@b.c 3 points 2 years ago* (last edited 1 year ago)",
            ("a", "b.c", 3, "1 year ago", True, False, None),
        ),
        ("[-] a 3 points 2 days ago*", ("a", None, 3, "2 days ago", True, False, None)),
        ("[-] a 3 points*", ("a", None, 3, None, True, False, None)),
        # Collapsed, with old reddit's child count; the minus sign U+2212.
        (
            "[+] q@h.io −12 points long ago (1 child)",
            ("q", "h.io", -12, "long ago", False, True, 1),
        ),
        # Old reddit's en dash glued to the name; NBSP and doubled spaces.
        (
            "[–]throwaway_123 52 points 5 hours ago*",
            ("throwaway_123", None, 52, "5 hours ago", True, False, None),
        ),
        (
            "[-]\u00a0ada  5\u00a0points   3 days from now",
            ("ada", None, 5, "3 days from now", False, False, None),
        ),
        # Missing pieces: no score (a copy of another front), no time, nothing.
        (
            "[-] Star Wars Enjoyer a few seconds",
            ("Star Wars Enjoyer", None, None, "a few seconds", False, False, None),
        ),
        ("[-] 42 2 days ago", ("42", None, None, "2 days ago", False, False, None)),
        ("[-] alice", ("alice", None, None, None, False, False, None)),
        # JavaScript off hides "[-]": a whole meta line still reads.
        (
            "alice@x.org 5 points 2 days ago",
            ("alice", "x.org", 5, "2 days ago", False, False, None),
        ),
        # Not headers.
        ("[-] some words", None),
        ("I have 5 points 2 days ago", None),
        ("Team 5 points", None),
        ("alice 5 points", None),
        ("214 points (97.3% liked)", None),
        ("submitted 3 days ago by marigold to c/gardening", None),
        ("[-] a@b 5 points now", None),  # a host has a dot
        ("[-] " + "n" * 101 + " 5 points now", None),  # longer than any username
        ("[-] a 5 points " + "x" * 600, None),
        ("[x] a 5 points now", None),
        ("", None),
    ],
)
def test_header_grammar(line: str, expected: tuple[Any, ...] | None) -> None:
    header = read_header(split_lines(line) or split_lines(" "), 0)
    if expected is None:
        assert header is None
        return
    assert header is not None
    got = (
        header.author.name,
        header.author.instance,
        header.score,
        header.time,
        header.edited,
        header.collapsed,
        header.children,
    )
    assert dict(zip(HEADER_FIELDS, got, strict=True)) == dict(
        zip(HEADER_FIELDS, expected, strict=True)
    )
    assert header.author == Author(
        header.author.name, header.author.name, header.author.instance, (), (), header.author.name
    )


def test_split_header_takes_the_longest_reading_but_never_a_second_mark() -> None:
    lines = split_lines("[-]\nmarigold\n12 points 2 days ago\nbody\n")
    header = read_header(lines, 0)
    assert header is not None
    assert (header.start, header.end, header.author.name, header.score) == (0, 3, "marigold", 12)
    # Two headers with no body between them stay two (the crawl's image-only comment).
    lines = split_lines("[-] k@l.org 5 points 6 months ago\n[-] scruffy 2 points 6 months ago\n")
    assert count_headers(lines) == 2
    assert count_headers(lines, limit=1) == 1


def test_children_count_only_for_a_collapsed_comment_showing_no_replies() -> None:
    text = (
        "[-] a 1 points now (3 children)\n"
        "  [+] b 1 points now (2 children)\n"
        "    [-] c 1 points now\n"
        "  [+] d -9 points now (5 children)\n"
        "  [-] e 1 points now (4 children)\n"
    )
    thread = read(text)
    assert [(c.author.name, c.more_replies) for c in comments(thread) if c.author] == [
        ("a", None),  # expanded: its children are on the page
        ("b", None),  # a reply of it is shown
        ("c", None),
        ("d", 5),
        ("e", None),  # expanded: a copy that hid its replies, not mlmym's collapse
    ]


def test_load_more_lines_that_cannot_be_placed_are_unparsed() -> None:
    text = (
        "[-] a 5 points 2 days ago\n\nhi\n\npermalink fedilink source\nstray\n"
        "  [-] b 1 points now\n"
        "  load more comments (2 replies)\n"
        "  load more comments (3 replies)\n"
        "  trailing\n"
    )
    thread = read(text)
    assert [(c.author.name, c.depth, c.more_replies) for c in comments(thread) if c.author] == [
        ("a", 0, 2),
        ("b", 1, None),
    ]
    assert [t.text for t in thread.unparsed] == [
        "stray",
        "load more comments (3 replies)",
        "trailing",
    ]
    assert codes(thread) == [("TP901", 6), ("TP901", 9), ("TP901", 10)]
    check_lossless(text, thread)


def test_a_missing_time_is_reported() -> None:
    thread = read("[-] alice 5 points\n\nhello\n")
    assert rows(thread)[0][12] is None
    assert codes(thread) == [("TP202", 1)]


def test_sidebar_without_comments_is_not_the_post() -> None:
    text = "A post.\n\nthis post was submitted on 01 Jan 2024\n3 points (100.0% liked)\n"
    thread = read(text)
    assert [p.text for p in thread.preamble.paragraphs] == ["A post."]
    assert [t.text for t in thread.unparsed] == [
        "this post was submitted on 01 Jan 2024\n3 points (100.0% liked)"
    ]
    assert codes(thread) == [("TP901", 3)]


# -- max_depth ---------------------------------------------------------------------------


def test_max_depth_attaches_deeper_replies_one_level_up() -> None:
    text = (
        "[-] a 1 points now\n"
        "  [-] b 1 points now\n"
        "    [-] c 1 points now\n"
        "      [-] d 1 points now\n"
        "      load more comments (7 replies)\n"
        "    load more comments (6 replies)\n"
        "  [-] e 1 points now\n"
    )
    thread = read(text, max_depth=1)
    shape = [
        (c.author.name, c.depth, len(c.replies), c.more_replies)
        for c in comments(thread)
        if c.author
    ]
    # c and d reply too deep: both hang under a at depth 1. The load-more lines
    # still reach the comments whose reply lists they end.
    assert shape == [
        ("a", 0, 4, None),
        ("b", 1, 0, 6),
        ("c", 1, 0, 7),
        ("d", 1, 0, None),
        ("e", 1, 0, None),
    ]
    assert codes(thread) == [("TP204", 3), ("TP204", 4)]
    flat = read(text, max_depth=0)
    assert [(c.author.name, c.depth) for c in comments(flat) if c.author] == [
        ("a", 0),
        ("b", 0),
        ("c", 0),
        ("d", 0),
        ("e", 0),
    ]
    assert [code for code, _ in codes(flat)] == ["TP204"] * 4
    check_lossless(text, thread)
    check_spans(text, thread)


# -- render ------------------------------------------------------------------------------


def _comment(**fields: Any) -> Comment:
    base: dict[str, Any] = {
        "author": Author("ada", "Ada [she/her]", "lemmy.ml", ("she/her",), ("OP",)),
        "score": 5,
        "upvotes": 6,
        "downvotes": 1,
        "language": "English",
        "time": "2 days ago",
        "published": None,
        "updated": None,
        "edited": False,
        "deleted": False,
        "removed": False,
        "more_replies": None,
        "depth": 0,
        "paragraphs": (Text("Hello.", Span(0, 0)),),
        "replies": (),
        "span": Span(0, 0),
    }
    return Comment(**{**base, **fields})


def _thread(*roots: Comment) -> Thread:
    return Thread("mlmym", threadparse.Preamble(), (), roots, (), (), ())


def test_render_writes_what_mlmym_shows() -> None:
    reply = _comment(
        author=Author("Bo", "Bo", None, (), (), username="bo_42"),
        score=-7,
        time=None,
        edited=True,
        deleted=True,
        removed=True,
        paragraphs=(),
        depth=1,
    )
    thread = _thread(
        _comment(edited=True, replies=(reply,), more_replies=3),
        _comment(author=None, score=None, paragraphs=(Text("a\nb", Span(0, 0)),), more_replies=1),
    )
    assert render_mlmym(thread) == (
        "[-] ada@lemmy.ml 5 points 2 days ago* (last edited 2 days ago)\n"
        "\n"
        "Hello.\n"
        "\n"
        "permalink fedilink source hide child comments\n"
        "\n"
        "  [+] bo_42 -7 points*\n"
        "\n"
        "  [deleted]\n"
        "\n"
        "  permalink fedilink source\n"
        "\n"
        "  load more comments (3 replies)\n"
        "\n"
        "[-] unknown 2 days ago\n"
        "\n"
        "a\n"
        "b\n"
        "\n"
        "permalink fedilink source hide child comments\n"
        "\n"
        "  load more comments (1 replies)\n"
    )
    assert render_mlmym(_thread()) == ""


def test_page_renders_back_to_itself() -> None:
    thread = read(PAGE)
    again = read(render_mlmym(thread))
    assert rows(again) == rows(thread)
    assert [p.text for p in again.preamble.paragraphs] == [
        p.text for p in thread.preamble.paragraphs
    ]
    assert again.unparsed == ()  # the sidebar is not written


# -- properties --------------------------------------------------------------------------


def mlmym_view(comment: Comment) -> Comment:
    """What of a comment an mlmym page shows (see ``render_mlmym``), spans aside."""
    author = comment.author
    name = "unknown" if author is None else (author.username or author.name)
    instance = None if author is None else author.instance
    return attrs.evolve(
        comment,
        author=Author(name, name, instance, (), (), name),
        upvotes=None,
        downvotes=None,
        language=None,
        removed=comment.removed and not comment.deleted,
    )


def expected_rows(thread: Thread, max_depth: int | None = None) -> tuple[list[Any], int]:
    """The rows ``parse_mlmym`` must give for a rendered thread under ``max_depth``,
    and how many TP204 it must report: a comment deeper than the cap hangs at the
    cap under its page ancestor at ``max_depth - 1``."""
    roots: list[dict[str, Any]] = []
    page: list[dict[str, Any]] = []  # the open comments by page depth
    capped = 0
    for comment in preorder(thread.comments, lambda c: c.replies):
        page_depth = comment.depth
        del page[page_depth:]
        depth, parent = page_depth, page[-1] if page else None
        if max_depth is not None and page_depth > max_depth:
            capped += 1
            depth = max_depth
            parent = page[max_depth - 1] if max_depth > 0 else None
        node = {"comment": mlmym_view(comment), "depth": depth, "replies": []}
        (parent["replies"] if parent else roots).append(node)
        page.append(node)
    out = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(fields(node["comment"], node["depth"], len(node["replies"])))
        stack.extend(reversed(node["replies"]))
    return out, capped


page_threads = st.sampled_from(["lemmy-0.19", "lemmy-0.18", "hexbear"]).flatmap(
    lambda dialect: threads(dialect=dialect)
)


def _all_top_level(thread: Thread) -> bool:
    return all(c.depth == 0 for c in comments(thread))


@given(page_threads)
def test_render_then_parse_gives_the_comments_back(thread: Thread) -> None:
    text = render_mlmym(thread)
    parsed = read(text)
    assert rows(parsed) == expected_rows(thread)[0]
    assert [p.text for p in parsed.preamble.paragraphs] == [
        p.text for p in thread.preamble.paragraphs
    ]
    assert without_spans(threadparse.to_dict(parsed)["sections"]) == without_spans(
        threadparse.to_dict(thread)["sections"]
    )
    # Every comment of the tree has a time, so the only warning is lost nesting
    # on a tree that has none to lose.
    count = sum(1 for _ in comments(thread))
    flat = _all_top_level(thread) and count > 1
    assert [d.code for d in parsed.diagnostics] == ["TP201"] * flat
    check_lossless(text, parsed)
    check_spans(text, parsed)
    assert count_headers(split_lines(text)) == count


@given(page_threads, st.integers(0, 4))
def test_max_depth_caps_as_the_page_readers_do(thread: Thread, max_depth: int) -> None:
    parsed = read(render_mlmym(thread), max_depth=max_depth)
    expected, capped = expected_rows(thread, max_depth)
    assert rows(parsed) == expected
    assert [d.code for d in parsed.diagnostics].count("TP204") == capped
    assert all(c.depth <= max_depth for c in comments(parsed))


def _flattened(thread: Thread) -> list[Any]:
    return [(0, 0, *r[2:]) for r in expected_rows(thread)[0]]


# What each damage operator leaves of the comments: all of them, all but the
# nesting, or all once NBSP reads as a space.
KEEP_ALL = ("crlf", "tabs", "trailing_whitespace", "double_blank_lines")


@pytest.mark.parametrize("operator", [*KEEP_ALL, "strip_indentation", "nbsp"])
@given(thread=page_threads, data=st.data())
def test_copy_damage_keeps_what_it_should(
    operator: str, thread: Thread, data: st.DataObject
) -> None:
    text = data.draw(damaged(render_mlmym(thread), [operator]))
    parsed = read(text)
    if operator in KEEP_ALL:
        assert rows(parsed) == expected_rows(thread)[0]
    elif operator == "strip_indentation":
        assert rows(parsed) == _flattened(thread)
    else:
        fold = str.maketrans({"\u00a0": " "})
        got = [(*r[:-1], tuple(p.translate(fold) for p in r[-1])) for r in rows(parsed)]
        assert got == expected_rows(thread)[0]
    check_lossless(text, parsed)
    check_spans(text, parsed)


@given(page_threads, st.data())
def test_any_damage_stays_lossless(thread: Thread, data: st.DataObject) -> None:
    text = data.draw(damaged(render_mlmym(thread), sorted(DAMAGE)))
    parsed = read(text)
    check_lossless(text, parsed)
    check_spans(text, parsed)


# Lines from mlmym's vocabulary at random indents, and text around them.
VOCABULARY = [
    "[-] fernhollow@lemmy.world 46 points 2 days ago",
    "[+] q@h.io -8 points 1 day ago (2 children)",
    "[–] x 1 point now* (last edited now)",
    "[-] a",
    "[-]",
    "[+]",
    "marigold",
    "12 points 2 days ago",
    "alice 5 points 2 days ago",
    "[-] some words",
    "permalink fedilink source hide child comments",
    "permalink",
    "fedilink",
    "source",
    "hideshow 3 child comments",
    "load more comments (4 replies)",
    "load more comments",
    "(2 replies)",
    "[deleted]",
    "[removed by mod]",
    "deleted by creator",
    "this post was submitted on 12 May 2025",
    "214 points (97.3% liked)",
    "view more: ‹ prev next ›",
    "Some body text.",
    "",
]
line = st.tuples(
    st.sampled_from(["", "  ", "    ", "      ", "\t", "\u00a0 "]),
    st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=10)),
).map("".join)
mlmym_like = st.lists(line, max_size=40).map("\n".join)
any_text = st.one_of(st.text(), mlmym_like)


@given(any_text, st.one_of(st.none(), st.integers(0, 3)))
def test_never_raises_and_stays_lossless(text: str, max_depth: int | None) -> None:
    thread = read(text, max_depth=max_depth)
    check_lossless(text, thread)
    check_spans(text, thread)
    # Every header is a comment, whatever surrounds it.
    assert sum(1 for _ in comments(thread)) == count_headers(split_lines(text))


@given(mlmym_like, st.one_of(st.none(), st.integers(0, 3)))
def test_depth_follows_nesting(text: str, max_depth: int | None) -> None:
    thread = read(text, max_depth=max_depth)
    stack = list(thread.comments)
    assert all(comment.depth == 0 for comment in stack)
    while stack:
        comment = stack.pop()
        assert max_depth is None or comment.depth <= max_depth
        for reply in comment.replies:
            assert reply.depth == comment.depth + 1
            assert comment.span.start < reply.span.start <= reply.span.end <= comment.span.end
            stack.append(reply)


@given(mlmym_like)
def test_line_ends_do_not_change_structure(text: str) -> None:
    text = text.replace("\r", "")
    plain = [row(c) for c in comments(read(text)) if c.author]
    assert [row(c) for c in comments(read(text.replace("\n", "\r\n"))) if c.author] == plain
