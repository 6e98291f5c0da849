"""Which HTML parser reads lemmy-ui pages: speed, tolerance and source positions.

The candidates are the standard library's ``html.parser``, lxml (libxml2's HTML
parser), selectolax (lexbor), html5lib and html5-parser (gumbo); those not
installed are skipped. Each is run on:

- the real pages in ``../shared/real_ui`` (server HTML, saved DOM, Firefox's
  copied HTML): milliseconds per MB, best of 5;
- hostile inputs: 10,000-deep nesting, an entity flood, a 5 MB attribute,
  unclosed tags, a page cut mid-comment: does it raise, and how long it takes;
- source positions: can a comment's element be placed in the input by
  character offset (what every ``span`` needs)?

``python benchmarks/html_parsers.py`` prints a table (benchmarks/README.md has
the figures and the choice).
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

REAL_UI = Path(__file__).resolve().parents[2] / "shared" / "real_ui"


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except (ImportError, RuntimeError):  # html5-parser refuses a wheel's lxml (libxml2 differs)
        return None


class _Positions(HTMLParser):
    """The standard library's tokenizer, keeping each start tag's line and column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, tuple[int, int]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, self.getpos()))


def stdlib(text: str) -> object:
    parser = _Positions()
    parser.feed(text)
    parser.close()
    return parser.starts


def _candidates() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {"html.parser": stdlib}
    lxml_html: Any = _module("lxml.html")
    if lxml_html is not None:
        found["lxml"] = lxml_html.document_fromstring
    selectolax: Any = _module("selectolax.lexbor")
    if selectolax is not None:
        found["selectolax"] = selectolax.LexborHTMLParser
    html5lib: Any = _module("html5lib")
    if html5lib is not None:
        found["html5lib"] = html5lib.parse
    html5_parser: Any = _module("html5_parser")
    if html5_parser is not None:
        found["html5-parser"] = html5_parser.parse
    return found


#: What each parser tells about where an element is in the input.
POSITIONS = {
    "html.parser": "line and column of every tag (getpos), the start tag's exact text: offsets",
    "lxml": "the start tag's line only (sourceline): no column, no end",
    "selectolax": "none",
    "html5lib": "none in its trees",
    "html5-parser": "the start tag's line only (line_number_attr)",
}


def hostile() -> dict[str, str]:
    """Inputs a parser must survive, about 1-5 MB each."""
    comment = '<li class="comment"><article class="comment-node" id="comment-1"><p>hi</p>'
    return {
        "nesting 10,000 deep": "<div>" * 10_000 + "x" + "</div>" * 10_000,
        "entity flood": "<p>" + "&amp;&#x41;&nbsp;&bogus;" * 100_000 + "</p>",
        "huge attribute": '<a title="' + "x" * 5_000_000 + '">t</a>',
        "unclosed tags": "<p><b><i><span>x" * 50_000,
        "cut mid-comment": '<ul class="comments">' + comment * 20_000 + '<a title="x',
        "unclosed comment": "<p>a</p><!--" + "x" * 1_000_000,
        "lone <": "<" * 1_000_000,
    }


def best_of(parse: Callable[[str], object], text: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        parse(text)
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    sys.setrecursionlimit(1_000)  # the default: what a user's process has
    candidates = _candidates()
    pages = sorted(REAL_UI.glob("lemmy-ui-*.html"))
    texts = [page.read_text("utf-8") for page in pages]
    size = sum(len(text) for text in texts) / 1e6
    print(f"{len(pages)} real pages, {size:.2f} M characters")
    for name, parse in candidates.items():
        seconds = sum(best_of(parse, text) for text in texts)
        print(
            f"{name:13} real pages: {seconds * 1000 / size:7.1f} ms/MB; positions: {POSITIONS[name]}"
        )
    for label, text in hostile().items():
        cells = [f"{name}: {_timed(parse, text)}" for name, parse in candidates.items()]
        print(f"{label:21} " + "; ".join(cells))


def _timed(parse: Callable[[str], object], text: str) -> str:
    """One run's milliseconds, or the exception it raised."""
    try:
        seconds = best_of(parse, text, runs=1)
    except (RecursionError, ValueError, MemoryError) as error:
        return type(error).__name__
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
