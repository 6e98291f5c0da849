"""Lemmy markdown (a post body or a comment's source) read as the page shows it.

Lemmy renders markdown with markdown-it (``html: false, linkify: true,
typographer: true``, plus a ``::: spoiler TITLE`` container); this reader runs
markdown-it-py configured the same way, so ``Text.text`` is what a reader of
the page sees: no markup, ``--`` as "–", straight quotes curled, a
``[text](url)`` link as its text, a code block as written. What page text
loses, this keeps: each item's URL, and each paragraph's web links
(``Text.links``, located exactly in the source). Spans cover the source lines a
text came from.

A post body's grammar, in markdown::

    Image is of **a protest** in Caracas.          PREAMBLE: paragraphs before the
                                                   navigation block
    Last week's thread is [here](https://...).     NAVIGATION: the short paragraphs
    The reading list is here.                      right before the first heading,
                                                   with a link in them (untitled section)
    **Russia-Ukraine Conflict**                    HEADING: a bold-only line, or
    ## Sources:                                    a "#" heading; ":" nests it (level 2)
    https://t.me/rybar ~ Maps.                     ITEM: a line; its first link's URL,
    - [Label](https://example.net) ~ A site.       the description after " ~ "
    ::: spoiler Shitpost links                     HEADING: a spoiler's title, nested
    https://example.org/meme                       ITEM
    :::

Lines that show nothing (a thematic break, a spoiler's closing ``:::``, an
image without alt text, a link reference definition) belong to no text node.
What markdown-it drops past its nesting limit (a quote 100 deep) the page
does not show either; its lines are kept as written, so none is lost.

markdown-it-py is an optional extra (``pip install threadparse[markdown]``).
Without it, the source is read as page text (markup kept) and a TP103 warning
says so.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from threadparse.core.models import Item, Link, Preamble, Section, Span, Text
from threadparse.core.post import (
    MAX_HEADING,
    MAX_NAVIGATION_LINE,
    SectionsBuilder,
    blocks_of,
    description_after,
    parse_post,
    text_of,
)
from threadparse.core.source import WHITESPACE, Line, split_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    _InlineRule = Callable[[StateInline, bool], bool]


@functools.lru_cache(maxsize=1)
def lemmy_markdown() -> MarkdownIt | None:
    """A markdown-it-py parser set up as lemmy-ui's (src/shared/markdown.ts), or
    None when the ``markdown`` extra is not installed.

    lemmy-ui builds ``new MarkdownIt({html: false, linkify: true, typographer:
    true})``, markdown-it's default preset (``js-default`` here: its nesting
    limit is 100), and adds sub, sup, footnotes and a ``spoiler`` container that
    needs a title. Its other plugins only change the HTML (embeds, highlighting,
    ruby, bidi) or link ``!name@host`` to the site itself: no text shown, no
    web address.

    The inline rules that can end a line or make a link are wrapped to note
    where in the source they matched (``_LOCATED``): markdown-it's inline
    tokens carry no positions of their own.
    """
    try:
        import linkify_it  # type: ignore[import-untyped]  # noqa: F401  (linkify=True needs it: the extra installs it)
        from markdown_it import MarkdownIt
        from mdit_py_plugins.container import container_plugin
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.subscript import sub_plugin
        from mdit_py_plugins.superscript import superscript_plugin
    except ImportError:
        return None
    md = MarkdownIt("js-default", {"html": False, "linkify": True, "typographer": True})
    md.use(container_plugin, name="spoiler", validate=_spoiler_with_title)
    md.use(footnote_plugin).use(sub_plugin).use(superscript_plugin)
    return _locating(md)


@functools.lru_cache(maxsize=1)
def reddit_markdown() -> MarkdownIt | None:
    """A markdown-it-py parser for Reddit's markdown, or None without the extra.

    Reddit renders CommonMark-like markdown (snudown, then its CommonMark fork)
    with tables, strikethrough, bare links and HTML entities (``&#3232;`` shows
    as ಠ), but no typographer: quotes stay straight, ``--`` stays two hyphens.
    """
    if lemmy_markdown() is None:  # the same extra: markdown-it-py with linkify
        return None
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", {"html": False, "linkify": True, "typographer": False})
    return _locating(md)


def _locating(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the inline rules that end a line or make a link noting where
    in the source they matched."""
    from markdown_it import rules_inline as inline

    rules: dict[str, _InlineRule] = {
        "newline": inline.newline,
        "escape": inline.escape,  # a backslash before a line end is a hard break
        "link": inline.link,
        "autolink": inline.autolink,
        "linkify": inline.linkify,
    }
    for name, rule in rules.items():
        md.inline.ruler.at(name, _located(rule, scheme_first=name == "linkify"))
    return md


#: lemmy-ui's spoiler container: ``validate: params.trim().match(/^spoiler\s+(.*)$/)``.
_SPOILER = re.compile(r"spoiler\s+(.*)", re.DOTALL)

#: ``Token.meta`` key of a break's or link's ``(start, end)`` in its inline source.
_LOCATED = "threadparse_source"

#: The scheme before ``://`` that markdown-it's inline linkify rule takes back
#: from the text before it (its ``SCHEME_RE``).
_SCHEME = re.compile(r"(?:^|[^a-z0-9.+-])([a-z][a-z0-9.+-]*)$", re.IGNORECASE)


def _spoiler_with_title(params: str, *_markup: str) -> bool:
    """``::: spoiler TITLE`` opens a spoiler; ``::: spoiler`` alone is text."""
    return _SPOILER.fullmatch(params.strip()) is not None


def _located(rule: _InlineRule, *, scheme_first: bool = False) -> _InlineRule:
    """``rule``, noting on the first token it makes where in the inline source
    it matched (``_LOCATED``)."""

    def located(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if scheme_first:
            # linkify matches at "://" and takes the scheme from the pending text.
            scheme = _SCHEME.search(state.pending[-64:])
            start -= len(scheme.group(1)) if scheme else 0
        if not rule(state, silent):
            return False
        if not silent:
            # A text token may come first: the pending text, flushed by the push.
            made = (t for t in state.tokens[count:] if t.type != "text")
            token = next(made, None)
            if token is not None:
                token.meta[_LOCATED] = (start, state.pos)
        return True

    return located


@attrs.frozen
class ShownLine:
    """One line as the page shows it, and where its source is."""

    text: str
    url: str | None  #: the first link's target
    link_end: int | None  #: where the link's text ends, when the line starts with it
    span: Span  #: from the first source line's content to the last one's
    links: tuple[Link, ...] = ()  #: the web links in it


@attrs.frozen
class Block:
    """A leaf block of the rendered page: a paragraph, heading, code block..."""

    kind: str  #: "paragraph", "heading", "bold" (a bold-only line), "spoiler", "list"
    lines: tuple[ShownLine, ...]

    @property
    def span(self) -> Span:
        return Span(self.lines[0].span.start, self.lines[-1].span.end)

    def as_text(self) -> Text:
        links = tuple(link for line in self.lines for link in line.links)
        return Text("\n".join(line.text for line in self.lines), self.span, links)


def _markdown_for(flavor: str) -> MarkdownIt | None:
    return reddit_markdown() if flavor == "reddit" else lemmy_markdown()


def read_post(
    source: str, *, flavor: str = "lemmy"
) -> tuple[tuple[Preamble, tuple[Section, ...]], bool]:
    """The post's preamble and sections, and whether markdown-it-py read it
    (False: the source was read as page text, markup kept). ``flavor`` is
    ``"lemmy"`` or ``"reddit"``: whose markdown it is."""
    md = _markdown_for(flavor)
    lines = split_lines(source)
    if md is None:
        return parse_post(lines, one_per_line=False), False
    return sections_from_blocks(_blocks(md, source, lines)), True


def sections_from_blocks(blocks: Sequence[Block]) -> tuple[Preamble, tuple[Section, ...]]:
    """A post body's blocks read into its preamble and link sections (shared with
    the lemmy-ui HTML reader, whose blocks are the page's elements)."""
    heading = next((i for i, b in enumerate(blocks) if b.kind in _HEADINGS), len(blocks))
    navigation = heading
    while heading < len(blocks) and navigation > 0 and _navigation(blocks[navigation - 1]):
        navigation -= 1
    paragraphs = tuple(block.as_text() for block in blocks[:navigation])
    preamble = Preamble(
        paragraphs, Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
    )
    builder = SectionsBuilder()
    for block in blocks[navigation:]:
        if block.kind in _HEADINGS:
            title = block.lines[0].text
            colon = title.endswith(":") or block.kind == "spoiler"
            builder.heading(title.removesuffix(":").rstrip(), colon=colon, span=block.span)
            continue
        for line in block.lines:
            builder.add(_item(line))
    return preamble, builder.finish()


def read_body(source: str, *, flavor: str = "lemmy") -> tuple[tuple[Text, ...], bool]:
    """A comment's paragraphs as the page shows them, and whether markdown-it-py
    read them (False: paragraphs split at blank lines, markup kept). ``flavor``
    is ``"lemmy"`` or ``"reddit"``: whose markdown it is."""
    md = _markdown_for(flavor)
    lines = split_lines(source)
    if md is None:
        return tuple(text_of(block) for block in blocks_of(lines, one_per_line=False)), False
    return tuple(block.as_text() for block in _blocks(md, source, lines)), True


_HEADINGS = ("heading", "bold", "spoiler")


def _navigation(block: Block) -> bool:
    """Navigation paragraphs are short lines pointing elsewhere ("Last week's
    thread is [here](...)."): every line short, at least one link."""
    return (
        block.kind in ("paragraph", "list")
        and all(len(line.text) <= MAX_NAVIGATION_LINE for line in block.lines)
        and any(line.url for line in block.lines)
    )


def _item(line: ShownLine) -> Item:
    if line.url is None:
        return Item(kind="note", text=line.text, url=None, description=None, span=line.span)
    description = None if line.link_end is None else description_after(line.text, line.link_end)
    return Item(kind="link", text=line.text, url=line.url, description=description, span=line.span)


# -- Blocks ------------------------------------------------------------------------------


def _blocks(md: MarkdownIt, source: str, lines: Sequence[Line]) -> list[Block]:
    """The leaf blocks in reading order; a tight list or a table is one block, an
    item or a row a line.

    One pass over the token stream; nesting is followed with counters, never
    recursion, so a deeply nested quote costs nothing extra.
    """
    reader = _BlockReader(source, lines, int(md.options["maxNesting"]))
    tokens = md.parse(source)
    for index in range(len(tokens)):
        reader.read(tokens, index)
    return reader.finish()


@attrs.define
class _BlockReader:
    """What ``_blocks`` knows between tokens: each kind of token has its method."""

    source: str
    lines: Sequence[Line]
    max_nesting: int
    blocks: list[Block] = attrs.Factory(list)
    tight_list_depth: int = 0  #: > 0 inside a tight list: its items gather into one block
    gathered: list[ShownLine] = attrs.Factory(list)  #: the tight list's lines so far
    row: list[ShownLine] | None = None  #: the cells of the table row being read
    rows: list[ShownLine] = attrs.Factory(list)  #: a table's rows, one shown line each
    row_column: int = 0  #: where in the row's source line the next cell is looked for

    def read(self, tokens: Sequence[Token], index: int) -> None:
        token = tokens[index]
        kind = token.type
        past_limit = token.nesting == 1 and token.level >= self.max_nesting - 1
        if past_limit and self.past_nesting_limit(tokens, index):
            return
        if kind == "inline":
            if self.row is not None:
                self.cell(token)
            else:
                self.leaf_inline(tokens, index)
        elif kind in ("fence", "code_block"):
            self.code(token)
        elif kind in ("tr_open", "tr_close", "table_close"):
            self.table(kind)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.list_open(tokens, index)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.list_close()
        elif kind == "container_spoiler_open":
            self.spoiler(token)

    def finish(self) -> list[Block]:
        if self.gathered:
            self.blocks.append(Block("list", tuple(self.gathered)))
            self.gathered = []
        return self.blocks

    def add(self, kind: str, shown: Sequence[ShownLine]) -> None:
        """A leaf block, or the lines of one inside a tight list."""
        if self.tight_list_depth:
            self.gathered.extend(shown)
        else:
            self.blocks.append(Block(kind, tuple(shown)))

    def table(self, kind: str) -> None:
        """A table is one block, a row a line: its cells joined by " | "."""
        if kind == "tr_open":
            self.row, self.row_column = [], 0
        elif kind == "tr_close" and self.row is not None:
            if self.row:
                cells = self.row
                span = Span(cells[0].span.start, cells[-1].span.end)
                text = " | ".join(cell.text for cell in cells)
                links = tuple(link for cell in cells for link in cell.links)
                self.rows.append(ShownLine(text, None, None, span, links))
            self.row = None
        elif kind == "table_close":
            if self.rows:
                self.add("paragraph", self.rows)
            self.rows = []

    def cell(self, inline: Token) -> None:
        assert self.row is not None
        if not inline.map:
            return
        layout = _Layout.of(self.source, self.lines, inline, column=self.row_column)
        self.row.extend(_shown_lines(inline, layout))
        self.row_column = layout.column_after(len(inline.content))

    def list_open(self, tokens: Sequence[Token], index: int) -> None:
        if self.tight_list_depth or _is_tight(tokens, index):
            self.tight_list_depth += 1

    def list_close(self) -> None:
        if self.tight_list_depth:
            self.tight_list_depth -= 1
            if not self.tight_list_depth and self.gathered:
                self.blocks.append(Block("list", tuple(self.gathered)))
                self.gathered = []

    def spoiler(self, token: Token) -> None:
        """A spoiler's title is a heading; its closing ``:::`` shows nothing."""
        match = _SPOILER.fullmatch(token.info.strip())
        title = match.group(1).strip(WHITESPACE) if match else ""
        if title and token.map:
            span = _source_span(self.lines, token.map[0], token.map[0] + 1)
            self.blocks.append(Block("spoiler", (ShownLine(title, None, None, span),)))

    def leaf_inline(self, tokens: Sequence[Token], index: int) -> None:
        """A paragraph, a heading, or a bold-only line read as a heading."""
        inline = tokens[index]
        if not inline.map:
            return
        shown = _shown_lines(inline, _Layout.of(self.source, self.lines, inline))
        if not shown:
            return
        opener = tokens[index - 1].type if index else ""
        kind = "heading" if opener == "heading_open" else "paragraph"
        if (
            kind == "paragraph"
            and len(shown) == 1
            and len(shown[0].text) <= MAX_HEADING
            and _bold_only(inline)
        ):
            kind = "bold"
        self.add(kind, shown)

    def code(self, token: Token) -> None:
        if token.map:
            code = _code_lines(token, self.lines)
            if code:
                self.add("paragraph", code)

    def past_nesting_limit(self, tokens: Sequence[Token], index: int) -> bool:
        """markdown-it drops what is inside a container opened at its nesting
        limit (the page shows nothing there): its source lines are kept as
        written, a paragraph per run of lines, so every line still has a node.
        False when ``tokens[index]`` is not such a container."""
        token = tokens[index]
        closed = index + 1 < len(tokens) and tokens[index + 1].nesting == -1
        if not (token.map and closed):
            return False
        first, end = token.map
        run: list[ShownLine] = []
        for line in self.lines[first : min(end, len(self.lines))]:
            if line.blank:
                if run:
                    self.add("paragraph", run)
                run = []
                continue
            run.append(ShownLine(line.content, None, None, line.content_span))
        if run:
            self.add("paragraph", run)
        return True


def _is_tight(tokens: Sequence[Token], opener: int) -> bool:
    """markdown-it marks a tight list's paragraphs hidden."""
    following = tokens[opener + 1 : opener + 3]
    return any(t.type == "paragraph_open" and t.hidden for t in following)


def _bold_only(inline: Token) -> bool:
    """``**Heading**`` or ``**Heading**:``: the line is one strong run."""
    children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
    if not children or children[0].type != "strong_open":
        return False
    kinds = [child.type for child in children]
    if "strong_close" not in kinds:
        return False
    close = kinds.index("strong_close")
    after = children[close + 1 :]
    return not after or (
        len(after) == 1 and after[0].type == "text" and after[0].content.strip() == ":"
    )


def _source_span(lines: Sequence[Line], first: int, end: int) -> Span:
    """From the content of source line ``first`` to the end of line ``end - 1``'s."""
    first = min(first, len(lines) - 1)
    last = max(first, min(end, len(lines)) - 1)
    return Span(lines[first].content_start, lines[last].content_end)


# -- Inline text -------------------------------------------------------------------------


@attrs.frozen
class _Layout:
    """An inline token's source (``Token.content``) laid over the input.

    Its line ``k`` is the end of input line ``first + k``, what markdown-it
    took off the front (quote and list markers, indentation) aside: so each
    line is placed from the right. A table cell is found in its row's line.
    """

    lines: Sequence[Line]
    first: int  #: the input line of the content's first line
    end: int  #: after the token's last input line (``Token.map``)
    starts: tuple[int, ...]  #: where each content line starts in the content
    offsets: tuple[int, ...]  #: where each content line starts in the input

    @classmethod
    def of(cls, source: str, lines: Sequence[Line], inline: Token, column: int = -1) -> _Layout:
        """The layout of ``inline``; ``column``: it is a table cell, to be found
        from that column of its line on."""
        assert inline.map is not None
        first, end = inline.map
        rows = inline.content.split("\n")
        # markdown-it-py trims a paragraph's content (``_md_trim``), which also
        # takes off the front whole lines of white space it does not count as
        # blank (U+2028, no-break spaces): its first line is then below the
        # map's first.
        trim = _md_trim()
        while end - first > len(rows):
            line = lines[min(first, len(lines) - 1)]
            if trim(source[line.start : line.end]):
                break
            first += 1
        starts: list[int] = []
        offsets: list[int] = []
        at = 0
        for k, text in enumerate(rows):
            line = lines[min(first + k, len(lines) - 1)]
            # markdown-it reads a NUL as U+FFFD (CommonMark): the same length, so
            # compare with the line as markdown-it saw it.
            raw = source[line.start : line.end].replace("\x00", "\ufffd")
            starts.append(at)
            offsets.append(line.start + _placed(raw, text, column))
            at += len(text) + 1
        return cls(lines, first, end, tuple(starts), tuple(offsets))

    def row(self, at: int) -> int:
        """The input line of content offset ``at``."""
        return self.first + bisect.bisect_right(self.starts, at) - 1

    def offset(self, at: int) -> int:
        """Content offset ``at`` in the input."""
        k = bisect.bisect_right(self.starts, at) - 1
        line = self.lines[min(self.first + k, len(self.lines) - 1)]
        return max(line.start, min(self.offsets[k] + at - self.starts[k], line.end))

    def span(self, start: int, end: int) -> Span:
        return Span(self.offset(start), max(self.offset(start), self.offset(end)))

    def column_after(self, at: int) -> int:
        """The column of content offset ``at`` in its input line."""
        k = bisect.bisect_right(self.starts, at) - 1
        line = self.lines[min(self.first + k, len(self.lines) - 1)]
        return self.offset(at) - line.start


@functools.cache
def _md_trim() -> Callable[[str], str]:
    """How the markdown-it-py installed trims a paragraph's content: ``mdTrim``
    (CommonMark's white space, and U+2000-U+200A, U+2028, U+2029) from 4.0,
    ``str.strip`` (Python's white space) before."""
    from markdown_it.common import utils

    trim: Callable[[str], str] = getattr(utils, "mdTrim", str.strip)
    return trim


def _placed(raw: str, text: str, column: int) -> int:
    """Where in the input line ``raw`` its content line ``text`` starts: at the
    end (``column`` < 0), or found from ``column`` on; else at the line's start."""
    body = text.rstrip()
    kept = raw.rstrip()
    if column < 0 and kept.endswith(body):
        return len(kept) - len(body)
    found = raw.find(body.lstrip(), max(column, 0))
    if found < 0:
        return len(raw) - len(raw.lstrip())
    return max(0, found - (len(body) - len(body.lstrip())))


@attrs.define
class _LineReader:
    """What ``_shown_lines`` gathers for the line being read."""

    layout: _Layout
    start_row: int
    shown: list[ShownLine] = attrs.Factory(list)
    parts: list[str] = attrs.Factory(list)
    url: str | None = None
    link_end: int | None = None
    in_link_from_start: bool = False
    links: list[Link] = attrs.Factory(list)
    #: the web link being read: its URL, source start and end, and text so far
    link: tuple[str, int, int, list[str]] | None = None
    at: int = 0  #: how far into the inline source the located tokens have been read

    def text(self, part: str) -> None:
        self.parts.append(part)
        if self.link is not None:
            self.link[3].append(part)

    def close_line(self, last_row: int) -> None:
        text = "".join(self.parts).strip(WHITESPACE)
        if text:
            span = _source_span(self.layout.lines, self.start_row, last_row + 1)
            self.shown.append(ShownLine(text, self.url, self.link_end, span, tuple(self.links)))
        self.parts, self.url, self.link_end, self.in_link_from_start = [], None, None, False
        self.links = []
        self.start_row = last_row + 1

    def line_break(self, child: Token) -> None:
        located = child.meta.get(_LOCATED)
        if located is None:  # not met: a break every rule locates
            self.close_line(self.start_row)
            return
        self.at = located[1]
        if self.link is not None:
            self.link[3].append("\n")
        self.close_line(self.layout.row(located[0]))

    def link_open(self, child: Token) -> None:
        href = str(child.attrs.get("href", ""))
        # A web address only: linkify also links "user@host" (a mention) as mailto:.
        if not href.startswith(("http://", "https://")):
            return
        if self.url is None:
            self.url = href
            self.in_link_from_start = not "".join(self.parts).strip(WHITESPACE)
        located = child.meta.get(_LOCATED)
        start, end = located if located else (-1, -1)
        self.link = (href, start, end, [])

    def link_close(self, inline: Token) -> None:
        if self.in_link_from_start:
            self.link_end = len("".join(self.parts).strip(WHITESPACE))
            self.in_link_from_start = False
        if self.link is None:
            return
        url, start, end, parts = self.link
        self.link = None
        text = "\n".join(line.strip(WHITESPACE) for line in "".join(parts).split("\n"))
        text = text.strip(WHITESPACE)
        if not text:
            return  # a link with no text shows nothing to follow
        if start < 0:
            # Linked after the inline pass (linkify's fuzzy links: www.example.org):
            # the link's text is its source, found after what was read.
            start = inline.content.find(text, self.at)
            end = start + len(text)
            if start < 0:
                return
        self.at = max(self.at, end)
        self.links.append(Link(url, text, self.layout.span(start, end)))


def _shown_lines(inline: Token, layout: _Layout) -> list[ShownLine]:
    """An inline token's text, a line per line break (soft and hard).

    A line's span runs from the input line it starts on to the one its break
    is on (a code span, an image or a link destination may run over a line end
    and still show as one line); the last line takes any input lines left.
    """
    reader = _LineReader(layout, layout.first)
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            reader.text(child.content)
        elif kind == "image":
            # The alt text (Lemmy's custom emoji show it), on one line as an attribute is.
            reader.text(" ".join(child.content.split("\n")))
        elif kind == "footnote_ref":
            # As the page numbers it: a note's second reference is [1:1].
            sub = child.meta.get("subId", 0)
            reader.text(f"[{child.meta['id'] + 1}{f':{sub}' if sub else ''}]")
        elif kind in ("softbreak", "hardbreak"):
            reader.line_break(child)
        elif kind == "link_open":
            reader.link_open(child)
        elif kind == "link_close":
            reader.link_close(inline)
    reader.close_line(max(reader.start_row, layout.end - 1))
    return reader.shown


def _code_lines(token: Token, lines: Sequence[Line]) -> tuple[ShownLine, ...]:
    """A code block shows its text as written: each line keeps its indentation
    (markdown-it's content: a fence's own indentation taken off, an indented
    block's four columns), trailing white space and blank edge lines dropped.
    Its span includes the fences."""
    assert token.map is not None
    text = "\n".join(line.rstrip(WHITESPACE) for line in token.content.split("\n")).strip("\n")
    if not text.strip(WHITESPACE):
        return ()
    return (ShownLine(text, None, None, _source_span(lines, token.map[0], token.map[1])),)
