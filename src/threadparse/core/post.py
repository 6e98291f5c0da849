"""Grammar of the post itself: preamble, navigation block, link sections.

A news-megathread post reads, in page text (blocks separated by blank lines)::

    Image is of a protest in Caracas.                 PREAMBLE: the paragraphs before
                                                      the navigation block
    The week's analysis, one long paragraph ...

    Last week's thread is here.                       NAVIGATION: short lines before the
    The Imperialism Reading Group is here.            first heading (untitled section)

    Israel's Genocide of Palestine                    HEADING, level 1
    UNRWA reports on the siege of Gaza.               ITEM (note: the dump lost its URL)

    Russia-Ukraine Conflict                           HEADING, level 1
    Sources:                                          HEADING with ":", level 2 (nested)
    https://t.me/rybar ~ Produces useful maps.        ITEM (link): URL, " ~ ", description

and in flat text the same lines with no blank lines, one paragraph a line.

Headings are recognized from the line alone, because flat text keeps nothing
else: a short line in Title Case that does not end like a sentence. "Examples of
Ukrainian Nazis and fascists" is an item (lower-case words), "Sources on the
fighting ... and so on:" is an item (too long), "Pro-Russian Telegram Channels:"
is a heading.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import regex

from threadparse.core.models import Item, Preamble, Section, Span, Text
from threadparse.core.source import Line, join_text
from threadparse.core.walk import preorder

#: Headings are short: the megathreads' longest is 44 characters. Longer
#: Title-Case lines are article titles quoted as items.
MAX_HEADING = 80
MAX_HEADING_WORDS = 12

#: Navigation lines are short ("Last week's thread is here."); a block with a
#: longer line ends the navigation block and belongs to the preamble.
MAX_NAVIGATION_LINE = 100

#: Page text separates the preamble from the navigation block with two blank
#: lines, and the navigation lines from each other with at most one: a wider gap
#: ends the navigation block (a line-number distance of 2 is one blank line).
MAX_NAVIGATION_GAP = 2

#: Words that stay lower case in a Title Case heading ("Genocide of Palestine").
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "out",
        "over",
        "per",
        "the",
        "to",
        "up",
        "upon",
        "via",
        "vs",
        "vs.",
        "with",
    ]
)

# URL := http(s)://, then anything but white space and brackets. Tolerates: the
# sentence punctuation a URL is often followed by, which is not part of it.
_URL = regex.compile(r"https?://[^\s<>\"'\[\]]{1,2000}")
_URL_TRAILING = ".,;:!?)’”"

# ITEM := URL SEP DESCRIPTION, SEP one of " ~ ", " - ", " – ", " — ", " | ", ": "
_SEPARATOR = regex.compile(r"\s{0,4}[~\-–—|:]\s{1,4}")

_SENTENCE_END = ".!?,;…\"”’'"


def heading_title(content: str) -> tuple[str, bool] | None:
    """``(title, ends_with_colon)`` when the line is a section heading, else None."""
    if len(content) > MAX_HEADING or "://" in content or content[-1] in _SENTENCE_END:
        return None
    colon = content.endswith(":")
    title = content[:-1].rstrip() if colon else content
    words = title.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return None
    if not any(word[0].isalpha() for word in words):
        return None  # "1.2K", "2025": a count or a year, not a heading
    for position, word in enumerate(words):
        first = next((c for c in word if c.isalnum()), "")
        if first.islower() and (position == 0 or word.lower() not in SMALL_WORDS):
            return None
    return title, colon


def parse_item(line: Line) -> Item:
    content = line.content
    url_match = _URL.search(content)
    if url_match is None:
        return Item(kind="note", text=content, url=None, description=None, span=line.content_span)
    url = _trim_url(url_match.group())
    description = description_after(content, len(url)) if url_match.start() == 0 else None
    return Item(kind="link", text=content, url=url, description=description, span=line.content_span)


def description_after(line: str, link_end: int) -> str | None:
    """The description of an item line that starts with a link ending at
    ``link_end``: the text after a separator (``URL ~ description``)."""
    separator = _SEPARATOR.match(line, link_end)
    if separator and separator.end() < len(line):
        return line[separator.end() :]
    return None


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL, but keep a ")" the URL itself opened."""
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def blocks_of(lines: Sequence[Line], *, one_per_line: bool) -> list[list[Line]]:
    """Paragraph blocks: runs of non-blank lines, or every line its own block."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                blocks.append(current)
                current = []
        elif one_per_line:
            blocks.append([line])
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def text_of(block: Sequence[Line]) -> Text:
    return Text(join_text(block), Span(block[0].content_start, block[-1].content_end))


def is_link_list(lines: Sequence[Line]) -> bool:
    """Do these lines read as a post's link sections: two headings, or a heading and a URL?"""
    headings = sum(1 for line in lines if not line.blank and heading_title(line.content))
    return headings >= 2 or any("://" in line.content for line in lines)


def first_heading(lines: Sequence[Line]) -> int | None:
    """Index in ``lines`` of the first heading line, or None."""
    for index, line in enumerate(lines):
        if not line.blank and heading_title(line.content) is not None:
            return index
    return None


def parse_post(
    lines: Sequence[Line], *, one_per_line: bool
) -> tuple[Preamble, tuple[Section, ...]]:
    """Split the post's lines into the preamble and the link sections.

    Steps: (1) the first heading starts the sections; (2) walking back from it,
    blocks of short lines, at most one blank line apart, are the navigation
    block; (3) the rest before it is the preamble. With no heading, everything
    is preamble.
    """
    heading = first_heading(lines)
    before = lines if heading is None else lines[:heading]
    blocks = blocks_of(before, one_per_line=one_per_line)
    navigation_start = len(blocks)
    if heading is not None:
        next_line = lines[heading].number
        while navigation_start > 0:
            block = blocks[navigation_start - 1]
            if any(len(line.content) > MAX_NAVIGATION_LINE for line in block):
                break
            if next_line - block[-1].number > MAX_NAVIGATION_GAP:
                break  # page text puts two blank lines between the post's parts
            navigation_start -= 1
            next_line = block[0].number
    paragraphs = tuple(text_of(block) for block in blocks[:navigation_start])
    preamble = Preamble(
        paragraphs=paragraphs,
        span=Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None,
    )
    builder = SectionsBuilder()
    for block in blocks[navigation_start:]:
        for line in block:
            builder.item(line)
    if heading is not None:
        for line in lines[heading:]:
            if not line.blank:
                builder.line(line)
    return preamble, builder.finish()


@attrs.define
class _OpenSection:
    title: str | None
    level: int
    start: int
    end: int
    items: list[Item] = attrs.field(factory=list)
    sections: list[Section] = attrs.field(factory=list)

    def close(self) -> Section:
        return Section(
            title=self.title,
            level=self.level,
            items=tuple(self.items),
            sections=tuple(self.sections),
            span=Span(self.start, self.end),
        )


@attrs.define
class SectionsBuilder:
    """Two levels at most: a heading with ":" nests under the open titled section.

    Shared by the page-text reader (``line``) and the markdown reader, which
    finds its headings from the markup and calls ``heading`` and ``add``.
    """

    done: list[Section] = attrs.field(factory=list)
    top: _OpenSection | None = None
    sub: _OpenSection | None = None

    def line(self, line: Line) -> None:
        heading = heading_title(line.content)
        if heading is None:
            self.item(line)
            return
        title, colon = heading
        self.heading(title, colon=colon, span=line.content_span)

    def item(self, line: Line) -> None:
        self.add(parse_item(line))

    def heading(self, title: str, *, colon: bool, span: Span) -> None:
        if colon and self.top is not None and self.top.title is not None:
            self._close_sub()
            self.sub = _OpenSection(title, 2, span.start, span.end)
        else:
            self._close_top()
            self.top = _OpenSection(title, 1, span.start, span.end)

    def add(self, item: Item) -> None:
        if self.top is None:
            self.top = _OpenSection(None, 1, item.span.start, item.span.end)
        target = self.sub if self.sub is not None else self.top
        target.items.append(item)
        target.end = item.span.end

    def _close_sub(self) -> None:
        if self.sub is not None and self.top is not None:
            self.top.sections.append(self.sub.close())
            self.top.end = self.sub.end
            self.sub = None

    def _close_top(self) -> None:
        self._close_sub()
        if self.top is not None:
            self.done.append(self.top.close())
            self.top = None

    def finish(self) -> tuple[Section, ...]:
        self._close_top()
        return tuple(self.done)


def render_post(preamble: Preamble, sections: tuple[Section, ...], *, flat: bool = False) -> str:
    """A post's preamble and sections as page text shows them: paragraphs and
    blocks apart by blank lines (a line each in flat text), a nested heading
    with its ``:``."""
    blocks: list[str] = []
    if preamble.paragraphs:
        blocks.append(("\n" if flat else "\n\n").join(p.text for p in preamble.paragraphs))
    section_blocks: list[str] = []
    for section in preorder(sections, lambda s: s.sections):
        if section.title is not None:
            section_blocks.append(section.title + (":" if section.level > 1 else ""))
        if section.items:
            section_blocks.append("\n".join(item.text for item in section.items))
    if section_blocks:
        blocks.append(("\n" if flat else "\n\n").join(section_blocks))
    return ("\n" if flat else "\n\n\n").join(blocks)
