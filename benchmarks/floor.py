"""The floor: what the most trivial line classifier costs on the same text.

It splits the text into lines exactly as threadparse does (at ``\\r\\n``,
``\\r`` and ``\\n``) and runs ONE ``match`` per line against one compiled
alternation of named groups, keeping each line's ``lastgroup``: a bulleted
name line, a header token (``arrow-up``, ``link``, ``·``...), a count, a
relative time, a URL, or anything else. No parser that looks at every line can
be much cheaper than this in pure Python, so ``parse time / floor time`` says
how much the real grammar costs on top of merely reading the lines.

Every alternative is bounded or anchored, and "anything else" is the empty
match, so the floor is linear in the input on any text (the adversarial
families included): its growth from n to 4n is the yardstick of
tests/test_growth.py.
"""

from __future__ import annotations

import re

#: threadparse's own line splitter (src/threadparse/core/source.py).
LINE_END = re.compile(r"\r\n|\r|\n")

CLASSIFY = re.compile(
    r"""
    [ \t\u00a0]*
    (?:
        (?P<name>[•◦▪‣][ \t\u00a0]+[^\s@]{1,64}(?:@[a-z0-9.-]{1,253})?)
      | (?P<token>(?:arrow-up|arrow-down|fedilink|link|edit-2|hexagon|[·•])[ \t]*\Z)
      | (?P<count>[-−]?\d{1,15}(?:\.\d{1,6})?[KMBT]?[ \t]*\Z)
      | (?P<time>(?:\d{1,6}|an?|a\ few)\ (?:second|minute|hour|day|week|month|year)s?
            (?:\ ago)?[ \t]*\Z)
      | (?P<url>https?://\S)
      | (?P<other>)
    )
    """,
    re.VERBOSE,
)


def floor(text: str) -> list[str | None]:
    """The kind of every line of ``text``: one ``match`` a line, its ``lastgroup``."""
    match = CLASSIFY.match
    return [m.lastgroup if (m := match(line)) else None for line in LINE_END.split(text)]
