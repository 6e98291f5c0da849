"""Lemmy markdown (a post body or a comment's source) read as the page shows it.

Lemmy renders markdown with markdown-it (``html: false, linkify: true,
typographer: true``, plus a ``::: spoiler TITLE`` container); this reader runs
markdown-it-py configured the same way, so ``Text.text`` is what a reader of
the page sees: no markup, ``--`` as "–", straight quotes curled, a
``[text](url)`` link as its text. What page text loses, this keeps: each
item's URL. Spans cover the source lines a text came from.

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

markdown-it-py is an optional extra (``pip install threadparse[markdown]``).
Without it, the source is read as page text (markup kept) and a TP103 warning
says so.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from threadparse._models import Item, Preamble, Section, Span, Text
from threadparse._post import (
    MAX_HEADING,
    MAX_NAVIGATION_LINE,
    SectionsBuilder,
    blocks_of,
    description_after,
    parse_post,
    text_of,
)
from threadparse._source import WHITESPACE, Line, split_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@functools.lru_cache(maxsize=1)
def lemmy_markdown() -> MarkdownIt | None:
    """A markdown-it-py parser set up as lemmy-ui's (src/shared/markdown.ts), or
    None when the ``markdown`` extra is not installed."""
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.container import container_plugin
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.subscript import sub_plugin
        from mdit_py_plugins.superscript import superscript_plugin
    except ImportError:
        return None
    try:
        import linkify_it  # type: ignore[import-untyped]  # noqa: F401  (linkify needs it)

        linkify = True
    except ImportError:
        linkify = False  # bare URLs are then found by the item reader's own pattern
    md = MarkdownIt("commonmark", {"html": False, "linkify": linkify, "typographer": True})
    md.enable(["replacements", "smartquotes", "strikethrough", "table"])
    if linkify:
        md.enable("linkify")
    md.use(container_plugin, name="spoiler")
    md.use(footnote_plugin).use(sub_plugin).use(superscript_plugin)
    return md


@attrs.frozen
class ShownLine:
    """One line as the page shows it, and where its source is."""

    text: str
    url: str | None  #: the first link's target
    link_end: int | None  #: where the link's text ends, when the line starts with it
    span: Span  #: from the first source line's content to the last one's


@attrs.frozen
class Block:
    """A leaf block of the rendered page: a paragraph, heading, code block..."""

    kind: str  #: "paragraph", "heading", "bold" (a bold-only line), "spoiler", "list"
    lines: tuple[ShownLine, ...]

    @property
    def span(self) -> Span:
        return Span(self.lines[0].span.start, self.lines[-1].span.end)

    def as_text(self) -> Text:
        return Text("\n".join(line.text for line in self.lines), self.span)


def read_post(source: str) -> tuple[tuple[Preamble, tuple[Section, ...]], bool]:
    """The post's preamble and sections, and whether markdown-it-py read it
    (False: the source was read as page text, markup kept)."""
    md = lemmy_markdown()
    lines = split_lines(source)
    if md is None:
        return parse_post(lines, one_per_line=False), False
    return sections_from_blocks(_blocks(md.parse(source), lines)), True


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


def read_body(source: str) -> tuple[tuple[Text, ...], bool]:
    """A comment's paragraphs as the page shows them, and whether markdown-it-py
    read them (False: paragraphs split at blank lines, markup kept)."""
    md = lemmy_markdown()
    lines = split_lines(source)
    if md is None:
        return tuple(text_of(block) for block in blocks_of(lines, one_per_line=False)), False
    return tuple(block.as_text() for block in _blocks(md.parse(source), lines)), True


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


def _blocks(tokens: Sequence[Token], lines: Sequence[Line]) -> list[Block]:
    """The leaf blocks in reading order; a tight list or a table is one block, an
    item or a row a line.

    Token nesting is followed with a counter, never recursion, so a deeply
    nested quote costs nothing extra.
    """
    blocks: list[Block] = []
    tight_list_depth = 0  # > 0 inside a tight list: its items gather into one block
    gathered: list[ShownLine] = []
    row: list[ShownLine] | None = None  # the cells of the table row being read
    rows: list[ShownLine] = []  # a table's rows, one shown line each
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            if row:
                span = Span(row[0].span.start, row[-1].span.end)
                rows.append(ShownLine(" | ".join(cell.text for cell in row), None, None, span))
            row = None
        elif kind == "table_close":
            if rows:
                blocks.append(Block("paragraph", tuple(rows)))
            rows = []
        elif kind == "inline" and row is not None and token.map:
            row.extend(_shown_lines(token, lines))
        elif kind == "bullet_list_open" or kind == "ordered_list_open":
            if tight_list_depth or _is_tight(tokens, index):
                tight_list_depth += 1
        elif kind == "bullet_list_close" or kind == "ordered_list_close":
            if tight_list_depth:
                tight_list_depth -= 1
                if not tight_list_depth and gathered:
                    blocks.append(Block("list", tuple(gathered)))
                    gathered = []
        elif kind == "container_spoiler_open" and token.map:
            title = token.info.strip().removeprefix("spoiler").strip(WHITESPACE)
            if title:
                span = _source_span(lines, token.map[0], token.map[0] + 1)
                blocks.append(Block("spoiler", (ShownLine(title, None, None, span),)))
        elif kind == "inline" and token.map:
            shown = _shown_lines(token, lines)
            if not shown:
                continue
            if tight_list_depth:
                gathered.extend(shown)
                continue
            opener = tokens[index - 1].type if index else ""
            block_kind = "heading" if opener == "heading_open" else "paragraph"
            if (
                block_kind == "paragraph"
                and len(shown) == 1
                and len(shown[0].text) <= MAX_HEADING
                and _bold_only(token)
            ):
                block_kind = "bold"
            blocks.append(Block(block_kind, tuple(shown)))
        elif kind in ("fence", "code_block") and token.map:
            code = _code_lines(token, lines)
            if code:
                blocks.append(Block("paragraph", code))
    if gathered:
        blocks.append(Block("list", tuple(gathered)))
    return blocks


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


def _shown_lines(inline: Token, lines: Sequence[Line]) -> list[ShownLine]:
    """An inline token's text, a line per source line (soft and hard breaks)."""
    assert inline.map is not None
    first, end = inline.map
    shown: list[ShownLine] = []
    parts: list[str] = []
    url: str | None = None
    link_end: int | None = None
    in_link_from_start = False
    row = first

    def close_line(last: bool) -> None:
        nonlocal parts, url, link_end, in_link_from_start, row
        text = "".join(parts).strip(WHITESPACE)
        if text:
            # The last shown line takes any source lines left (a code span or
            # link text that ran over a line end shows as one line).
            span_end = end if last else row + 1
            shown.append(ShownLine(text, url, link_end, _source_span(lines, row, span_end)))
        parts, url, link_end, in_link_from_start = [], None, None, False
        row += 1

    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "image":
            parts.append(child.content)  # the alt text: Lemmy's custom emoji show it
        elif kind == "footnote_ref":
            parts.append(f"[{child.meta['id'] + 1}]")  # as the page numbers it
        elif kind in ("softbreak", "hardbreak"):
            close_line(last=False)
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            # A web address only: linkify also links "user@host" (a mention) as mailto:.
            if url is None and href.startswith(("http://", "https://")):
                url = href
                in_link_from_start = not "".join(parts).strip(WHITESPACE)
        elif kind == "link_close" and in_link_from_start:
            link_end = len("".join(parts).strip(WHITESPACE))
            in_link_from_start = False
    close_line(last=True)
    return shown


def _code_lines(token: Token, lines: Sequence[Line]) -> tuple[ShownLine, ...]:
    """A code block shows its text as written; its span includes the fences."""
    assert token.map is not None
    text = "\n".join(line.strip(WHITESPACE) for line in token.content.split("\n")).strip("\n")
    if not text.strip(WHITESPACE):
        return ()
    return (ShownLine(text, None, None, _source_span(lines, token.map[0], token.map[1])),)
