"""The diagnostics catalogue: every code, the smallest input that triggers it, the exact report.

``CATALOGUE`` must name every code in ``threadparse.CODES`` (an entry's name
is its code, then what sets this case apart), so a new code cannot ship
without a triggering input and its message; a code with two messages has two
entries.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from threadparse import Span

PAGE = "  • ada@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Hi!\n"

# lemmy-ui pages as browsers give their text (docs/captures.md), written small.
CAPTURE = (
    "Jump to content\nSite\nCommunities\nLogin\nSign Up\n12\nA title\nada\n"
    " to Gardens · 2 days ago\n3\n\nYou must log in or register to comment.\nHot\nNew\n"
    "bob\n@lemmy.ml\nEnglish\n17·\n1 day ago\n\nHello there.\n\n"
    "Gardens\ngardens\nCreate a post\nBE: 0.19.12\n"
)
NO_COMMENT_READ = (
    "Site\nCommunities\nA title\nada\n to Gardens · \n\nYou must log in or # to comment.\n"
    "\n\nSome words here.\n\nGardens\ngardens\nCreate a post\nBE: 0.19.12\n"
)
CUT_SHORT = "Site\nCommunities\nA title\nada\n to Gardens · \n\nYou must log in or # to comment.\n\n\nbob\nEnglish\nHello there.\n"
CAPTURE_DIAGNOSTICS = [
    (
        "TP105",
        (
            "this chromium-innertext text does not carry reply nesting: 1 comment read in page "
            "order, each at depth 0"
        ),
        Span(0, 0),
        1,
    ),
    (
        "TP205",
        (
            "the glued vote counts '17' read several ways (1 up and 7 down, 17 up and 0 down): "
            "the votes are left unknown"
        ),
        Span(138, 141),
        15,
    ),
]

# case -> (input, parse() keywords, every diagnostic as (code, message, span, line))
CATALOGUE: dict[str, tuple[str, dict[str, Any], list[tuple[str, str, Span, int]]]] = {
    "TP105": (CAPTURE, {}, CAPTURE_DIAGNOSTICS),
    "TP104 a guess": (
        "A title\n\nSome text here.\n\nSources:\nhttps://t.me/x ~ a\n",
        {},
        [
            (
                "TP104",
                (
                    "read as lemmy-0.19 (confidence 0.50) for want of evidence: the text has no "
                    "comment header and nothing else that names a dialect"
                ),
                Span(0, 0),
                1,
            ),
        ],
    ),
    "TP106 name lines without headers": (
        "  • ada@lemmy.ml\n\n    Hi there.\n",
        {},
        [
            (
                "TP101",
                "discussion without comment headers (2 paragraphs): authors and nesting are lost",
                Span(2, 31),
                1,
            ),
            (
                "TP106",
                (
                    "1 line looks like a comment's name line ('• name@host') but no header "
                    "follows (no icon line, count, separator or time): no comment was read"
                ),
                Span(2, 16),
                1,
            ),
        ],
    ),
    "TP108": (
        "<!-- x -->\n<html><body>hi</body></html>",
        {},
        [
            (
                "TP101",
                "discussion without comment headers (2 paragraphs): authors and nesting are lost",
                Span(0, 39),
                1,
            ),
            (
                "TP108",
                (
                    "the text is HTML markup (a saved page or copied HTML) but not a lemmy-ui "
                    "page's: it was read as text, tags and all; give it the page's text or the "
                    "API JSON instead"
                ),
                Span(0, 0),
                1,
            ),
        ],
    ),
    "TP109": (
        "thread.txt\n",
        {},
        [
            (
                "TP101",
                "discussion without comment headers (1 paragraph): authors and nesting are lost",
                Span(0, 10),
                1,
            ),
            (
                "TP109",
                (
                    "the whole text is one word that looks like a file's name or path: it was "
                    "read as the thread's text; to read the file, use "
                    "threadparse.parse_file(path)"
                ),
                Span(0, 10),
                1,
            ),
        ],
    ),
    "TP106 without a post": (
        "Jump to content\nSite\nCommunities\nLogin\n",
        {},
        [
            (
                "TP106",
                (
                    "the text has 3 lines of a lemmy-ui page (navbar, sidebar, footer) but no "
                    "post header and no comment header: the thread may be cut off"
                ),
                Span(0, 15),
                1,
            ),
        ],
    ),
    "TP107": (
        CUT_SHORT,
        {},
        [
            (
                "TP105",
                (
                    "this chromium-copy text does not carry reply nesting: 1 comment read in "
                    "page order, each at depth 0"
                ),
                Span(0, 0),
                1,
            ),
            (
                "TP107",
                (
                    "the page's text ends before its sidebar and footer: the copy may be cut "
                    "short, and comments after the cut are not in it"
                ),
                Span(92, 104),
                12,
            ),
        ],
    ),
    "TP205": (CAPTURE, {}, CAPTURE_DIAGNOSTICS),
    "TP106": (
        NO_COMMENT_READ,
        {},
        [
            (
                "TP106",
                (
                    "the page has 1 line where its comments go, but no comment header was read "
                    "from them"
                ),
                Span(80, 96),
                10,
            ),
            (
                "TP901",
                "line is in the comments' place but before the first comment header",
                Span(80, 96),
                10,
            ),
        ],
    ),
    "TP101": (
        "Good summary, thanks.\nAgreed.\n",
        {},
        [
            (
                "TP101",
                "discussion without comment headers (2 paragraphs): authors and nesting are lost",
                Span(0, 29),
                1,
            )
        ],
    ),
    "TP102": (
        PAGE,
        {"dialect": "hexbear"},
        [
            (
                "TP102",
                "read as hexbear as asked, but the headers look like lemmy-0.19",
                Span(2, 16),
                1,
            )
        ],
    ),
    "TP102 without headers": (
        "Good summary, thanks.\n",
        {"dialect": "lemmy-0.18"},
        [
            (
                "TP102",
                "read as lemmy-0.18 as asked, but the text has no comment headers",
                Span(0, 0),
                1,
            )
        ],
    ),
    "TP103": (
        "**Sources:**\n",
        {"dialect": "markdown", "__without_markdown_it": True},
        [
            (
                "TP103",
                (
                    "markdown-it-py is not installed (pip install 'threadparse[markdown]'): "
                    "the markdown was read as plain text, markup kept"
                ),
                Span(0, 0),
                1,
            )
        ],
    ),
    "TP103 in API JSON": (
        '{"comments": [{"comment": {"id": 1, "path": "0.1", "content": "*Hi*"}, "creator": {"name": "a"}}]}',
        {"__without_markdown_it": True},
        [
            (
                "TP103",
                (
                    "markdown-it-py is not installed (pip install 'threadparse[markdown]'): "
                    "the markdown was read as plain text, markup kept"
                ),
                Span(63, 67),
                1,
            )
        ],
    ),
    "TP104": (
        "  • ada@lemmy.ml\n    ·\n    1 day ago\n\n    **Sources:**\n",
        {},
        [
            (
                "TP104",
                (
                    "read as hexbear (confidence 0.50); the runner-up was markdown: "
                    "pass dialect= to choose"
                ),
                Span(0, 0),
                1,
            )
        ],
    ),
    "TP201": (
        "• Lynx@lemmy.ml\nlink\narrow-up\n10\n·\n2 days ago\n\nHello.\n",
        {},
        [
            (
                "TP201",
                (
                    "comment header tokens are not indented under the name line: indentation "
                    "was stripped, so replies are read at the depth their name lines show"
                ),
                Span(0, 15),
                1,
            )
        ],
    ),
    "TP202": (
        "  • Hare@lemmy.ml\n    arrow-up\n    3\n    ·\n\n    Body.\n",
        {},
        [
            (
                "TP202",
                "comment header has no relative time (the time line is missing or unreadable)",
                Span(2, 17),
                1,
            )
        ],
    ),
    "TP203": (
        "  • Owl@lemmy.ml\n    link\n    arrow-up\n    ·\n    1 week ago\n\n    Body.\n",
        {},
        [("TP203", "'arrow-up' vote icon has no count after it", Span(2, 16), 1)],
    ),
    "TP204": (
        "  • a@lemmy.ml\n    1 day ago\n    Top.\n    • b@lemmy.ml\n      1 day ago\n      Reply.\n",
        {"max_depth": 0},
        [
            (
                "TP204",
                (
                    "reply at depth 1 is deeper than max_depth=0: it is attached at depth 0, "
                    "so the comment it replies to is lost"
                ),
                Span(42, 54),
                4,
            )
        ],
    ),
    "TP301": (
        "Good summary, thanks.\ndeleted by creator\nAgreed.\n",
        {},
        [
            (
                "TP101",
                "discussion without comment headers (2 paragraphs): authors and nesting are lost",
                Span(0, 48),
                1,
            ),
            (
                "TP301",
                "a lone 'deleted by creator' line: read as a deleted comment whose author is lost",
                Span(22, 40),
                2,
            ),
        ],
    ),
    "TP401": (
        '{"comments": [{"comment": {"id": 2, "path": "0.1.2", "content": "x"}, "creator": {"name": "a"}}]}',
        {},
        [
            (
                "TP401",
                (
                    "comment 2 is in a reply to comment 1, which is not in the input: "
                    "an empty placeholder stands in for it"
                ),
                Span(14, 95),
                1,
            )
        ],
    ),
    "TP402 wrong type": (
        '{"comments": [{"comment": {"id": 1, "path": "0.1", "deleted": "yes", "content": "x"}, "creator": {"name": "a"}}]}',
        {},
        [("TP402", "deleted is not bool: ignored", Span(62, 67), 1)],
    ),
    "TP402 time": (
        '{"comments": [{"comment": {"id": 1, "path": "0.1", "published": "May 5", "content": "x"}, "creator": {"name": "a"}}]}',
        {},
        [("TP402", "'May 5' is not an RFC 3339 time: ignored", Span(64, 71), 1)],
    ),
    "TP402 path": (
        '{"comments": [{"comment": {"id": 1, "path": "1/2", "content": "x"}, "creator": {"name": "a"}}]}',
        {},
        [
            (
                "TP402",
                "path '1/2' is not '0.ID.ID...': read as a top-level comment",
                Span(14, 93),
                1,
            )
        ],
    ),
    "TP402 duplicate id": (
        '{"comments": [{"comment": {"id": 1, "path": "0.1", "content": "x"}, "creator": {"name": "a"}}, {"comment": {"id": 1, "path": "0.1", "content": "x"}, "creator": {"name": "a"}}]}',
        {},
        [("TP402", "comment id 1 appears twice: replies go to the first", Span(95, 174), 1)],
    ),
    "TP402 loop": (
        '{"comments": [{"comment": {"id": 1, "path": "0.1.1", "content": "x"}, "creator": {"name": "a"}}]}',
        {},
        [
            (
                "TP402",
                "comment 1's parent links loop back to it: read as a top-level comment",
                Span(14, 95),
                1,
            )
        ],
    ),
    "TP403": (
        (
            '{"comments": [{"comment": {"id": 1, "path": "0.1", "post_id": 7, "content": "a"}, '
            '"creator": {"name": "a"}}, {"comment": {"id": 2, "path": "0.2", "post_id": 8, '
            '"content": "b"}, "creator": {"name": "b"}}]}'
        ),
        {},
        [
            (
                "TP403",
                (
                    "the comments are under 2 posts (ids 7, 8): they are kept in one thread, and "
                    "each comment's post_id says which post it is under"
                ),
                Span(109, 202),
                1,
            )
        ],
    ),
    "TP404": (
        '{"comments": [{"comment": {"id": 1, "path": "0.1"}, "creator": {"name": "a"}}]}',
        {},
        [("TP404", "comment 1 has no content: read as a comment without text", Span(26, 50), 1)],
    ),
    "TP405": (
        (
            '[{"kind": "Listing", "data": {"children": []}}, {"kind": "Listing", "data": '
            '{"children": [{"kind": "more", "data": {"id": "m1", "parent_id": "t3_p", "count": 4, '
            '"children": ["m1"]}}]}}]'
        ),
        {},
        [
            (
                "TP405",
                "1 'more' stub holds back 4 comments not in the input: counted in more_replies",
                Span(90, 181),
                1,
            )
        ],
    ),
    "TP901": (
        PAGE + "\nA stray footnote\n",
        {},
        [
            (
                "TP901",
                "line is left of every comment's name line, so it belongs to no comment",
                Span(66, 82),
                9,
            )
        ],
    ),
    "TP902 not JSON": (
        '{"comments": [',
        {},
        [("TP902", "not JSON: Expecting value (at line 1, column 15)", Span(0, 14), 1)],
    ),
    "TP902 not Lemmy": (
        '{"page": 1}',
        {},
        [
            (
                "TP902",
                "JSON has no post_view, comment_view, comments or items: not a Lemmy API response",
                Span(0, 11),
                1,
            )
        ],
    ),
    "TP902 post list": (
        '{"posts": []}',
        {},
        [
            (
                "TP902",
                (
                    "a list of posts, not a thread: fetch a post with /api/v3/post?id=ID and its "
                    "comments with /api/v3/comment/list?post_id=ID"
                ),
                Span(0, 13),
                1,
            )
        ],
    ),
    "TP902 entry": (
        '{"comments": [{"creator": {}}]}',
        {},
        [
            (
                "TP902",
                "comment entry has no usable comment id and path: not placed",
                Span(14, 29),
                1,
            )
        ],
    ),
    "TP903": (
        '<div class="lemmy-site"><p>hello</p></div>',
        {},
        [
            (
                "TP903",
                "text outside lemmy-ui's post, comments and site chrome: kept as unparsed",
                Span(27, 32),
                1,
            )
        ],
    ),
}


def test_catalogue_covers_every_code() -> None:
    assert {case.split()[0] for case in CATALOGUE} == set(threadparse.CODES)
    for case, (_, _, expected) in CATALOGUE.items():
        assert case.split()[0] in {code for code, *_ in expected}


@pytest.fixture
def options(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The case's parse() keywords; ``__without_markdown_it`` hides the extra."""
    chosen = dict(CATALOGUE[request.param][1])
    if chosen.pop("__without_markdown_it", False):
        monkeypatch.setattr("threadparse.core.markdown.lemmy_markdown", lambda: None)
    return chosen


@pytest.mark.parametrize(
    ("case", "options"), [(c, c) for c in sorted(CATALOGUE)], indirect=["options"]
)
def test_code_is_reported_exactly(case: str, options: dict[str, Any]) -> None:
    text, _, expected = CATALOGUE[case]
    thread = threadparse.parse(text, **options)
    assert [(d.code, d.message, d.span, d.line) for d in thread.diagnostics] == expected
    for diagnostic in thread.diagnostics:
        assert diagnostic.severity is threadparse.CODES[diagnostic.code].severity


@pytest.mark.parametrize(
    ("case", "options"), [(c, c) for c in sorted(CATALOGUE)], indirect=["options"]
)
def test_strict_raises_exactly_for_errors(case: str, options: dict[str, Any]) -> None:
    text, _, expected = CATALOGUE[case]
    errors = [e for e in expected if threadparse.CODES[e[0]].severity.value == "error"]
    if not errors:  # warnings and infos never raise: the thread comes back with them
        thread = threadparse.parse(text, strict=True, **options)
        assert [(d.code, d.message, d.span, d.line) for d in thread.diagnostics] == expected
        return
    with pytest.raises(threadparse.ThreadParseError) as caught:
        threadparse.parse(text, strict=True, **options)
    assert [(d.code, d.message, d.span, d.line) for d in caught.value.diagnostics] == errors


@given(
    st.text(alphabet="ab \n\r", max_size=60),
    st.lists(st.integers(0, 80), max_size=12),
)
def test_text_line_numbers_are_split_lines_numbers(text: str, offsets: list[int]) -> None:
    """The block readers' line numbers (counted forward, some questions going
    back, a carriage return, offsets past the end) are ``split_lines``'s."""
    from threadparse.core.source import LineNumbers, TextLineNumbers, split_lines

    expected, counted = LineNumbers(split_lines(text)), TextLineNumbers(text)
    for offset in [*sorted(offsets), *offsets]:
        assert counted.line_of(offset) == expected.line_of(offset), offset
