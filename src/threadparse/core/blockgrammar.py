"""Pieces of the block grammars: page text read a block a ``re`` match.

The fast readers (``formats/lemmy_page/blocks.py`` for the seeds' shape,
``formats/mlmym.py``'s ``read_blocks``) each run one compiled ``re`` pattern
with ``finditer``, a match per block of lines, and build no line table. The
white space they agree on with ``core/source.py`` (what a line's content is
stripped of, what counts as one column of indentation) is defined here once.
"""

from __future__ import annotations

import re
import sys

from threadparse.core.source import INVISIBLE, WHITESPACE

__all__ = (
    "ANCHOR",
    "ANCHOR_START",
    "COL",
    "END",
    "EXOTIC",
    "FOLD",
    "LINES",
    "MANY",
    "NWS",
    "ONE_COLUMN",
    "SPACE",
    "WS",
    "chars",
    "lines_end",
)


def chars(characters: str) -> str:
    """``characters`` written for the inside of a character class."""
    return "".join(re.escape(char) for char in characters)


# White space inside a line (WHITESPACE without the line ends); what str.split()
# splits on (no zero-width characters); one column of indentation (no tab, no
# zero-width character: source.py's _indent_columns counts those otherwise).
_IN_LINE = WHITESPACE.replace("\n", "").replace("\r", "")
_SPACE = "".join(char for char in _IN_LINE if char.isspace())
ONE_COLUMN = _SPACE.replace("\t", "")  #: the characters of ``COL``

WS = f"[{chars(_IN_LINE)}]"
SPACE = f"[{chars(_SPACE)}]"
COL = f"[{chars(ONE_COLUMN)}]"
NWS = f"[^{chars(_IN_LINE)}\n\r]"  # a content character
#: A run of white space, and no giving it back: possessive where ``re`` has it
#: (Python 3.11+; 20% less time in the tokenizer), greedy before. Every run is
#: followed by something it cannot match (a line end, a token, content), so
#: the two read alike.
MANY = "*+" if sys.version_info >= (3, 11) else "*"
#: The same for a run of lines (a paragraph's, a footer's, blank ones): a
#: repeated group that can give nothing back also saves no state per line
#: (re keeps every capture's position for each step it might backtrack to:
#: 0.5 KB a line, 50 MB for a paragraph of 100,000 lines, and a step in time).
LINES = MANY
FOLD = r"[^\S\r\n]+"  # what " ".join(content.split()) makes one space
END = f"{WS}{MANY}(?=\n|\\Z)"  # the rest of a line: white space only
#: Indentation a block grammar does not measure (``source.py`` counts a tab to
#: the next tab stop and a zero-width character as none).
EXOTIC = f"[\t{chars(INVISIBLE)}]"


# A line lemmy-ui's page reader (formats/lemmy_page/header.py) confirms a comment
# header with: a strong token or a relative time, as its classify_token reads
# them (any case, white space folded); a superset. The seeds' block reader
# leaves such a line outside a header to the careful reader, and mlmym's leaves
# it too, so that no page header can be read from a text it reads.
_TIME_ANY = (
    rf"(?:in{FOLD})?(?:\d{{1,6}}|an?|a{FOLD}few){FOLD}"
    rf"(?:second|sec|minute|min|hour|hr|day|week|wk|month|mo|year|yr)s?\.?"
    rf"(?:{FOLD}ago|{FOLD}from{FOLD}now)?"
    rf"|\d{{1,6}}(?:{FOLD})?(?:s|m|min|h|hr|d|w|wk|mo|y|yr)(?:{FOLD}ago)?"
    rf"|now|just{FOLD}now|yesterday|long{FOLD}ago|indeterminate"
)
ANCHOR = (
    r"(?i:link|fedilink|shield|cake|minus-square|plus-square|message-square|hexagon"
    rf"|arrow-up|arrow-down|heart|smile|hexbear|edit-2|[·•]|{_TIME_ANY}){END}"
)
# The first characters an anchor can start with: a cheap guard before the
# alternation. (classify_token reads lines of at most 48 characters; every
# anchor is shorter, and one followed by white space only is still taken here:
# a superset.)
ANCHOR_START = r"(?=(?i:[lfscmphaeinjy])|[·•]|\d)"


def lines_end(text: str, count: int, start: int = 0) -> int:
    """The offset after the first ``count`` lines of ``text`` from ``start`` (a
    line's start), or the text's end."""
    position = start
    for _ in range(count):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position
