"""The diagnostics catalogue: every code, the smallest input that triggers it, the exact report.

``CATALOGUE`` must name every code in ``threadparse.CODES`` (an entry's name
is its code, then what sets this case apart), so a new code cannot ship
without a triggering input and its message; a code with two messages has two
entries.
"""

from __future__ import annotations

from typing import Any

import pytest

import threadparse
from threadparse import Span

PAGE = "  • ada@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Hi!\n"

# case -> (input, parse() keywords, every diagnostic as (code, message, span, line))
CATALOGUE: dict[str, tuple[str, dict[str, Any], list[tuple[str, str, Span, int]]]] = {
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
    "TP901": (
        PAGE + "\nPowered by Lemmy\n",
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
}


def test_catalogue_covers_every_code() -> None:
    assert {case.split()[0] for case in CATALOGUE} == set(threadparse.CODES)
    for case, (_, _, expected) in CATALOGUE.items():
        assert case.split()[0] in {code for code, *_ in expected}


@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_code_is_reported_exactly(case: str) -> None:
    text, options, expected = CATALOGUE[case]
    thread = threadparse.parse(text, **options)
    assert [(d.code, d.message, d.span, d.line) for d in thread.diagnostics] == expected
    for diagnostic in thread.diagnostics:
        assert diagnostic.severity is threadparse.CODES[diagnostic.code].severity


@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_strict_raises_exactly_for_errors(case: str) -> None:
    text, options, expected = CATALOGUE[case]
    errors = [e for e in expected if threadparse.CODES[e[0]].severity.value == "error"]
    if not errors:  # warnings and infos never raise: the thread comes back with them
        thread = threadparse.parse(text, strict=True, **options)
        assert [(d.code, d.message, d.span, d.line) for d in thread.diagnostics] == expected
        return
    with pytest.raises(threadparse.ThreadParseError) as caught:
        threadparse.parse(text, strict=True, **options)
    assert [(d.code, d.message, d.span, d.line) for d in caught.value.diagnostics] == errors
