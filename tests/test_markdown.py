"""Lemmy markdown (dialect markdown, and API bodies): text as the page shows it, URLs kept."""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import threadparse
from tests.nodes import check_lossless, check_spans, leaves, sections
from tests.test_lemmy_api import parse_views, view
from threadparse import Item, Link, Section, Span, Text, Thread
from threadparse import strategies as tps
from threadparse.core.markdown import lemmy_markdown, read_body

POST = """\
Image is of **a protest** in _Caracas_ -- "huge".

Last week's thread is [here](https://hexbear.net/post/1).
The reading list is here.

**Russia-Ukraine Conflict**

## Sources:

https://t.me/rybar ~ One of the top channels...
- [Label](https://example.com/a) ~ A site.
- plain item with @someone@lemmy.ml

::: spoiler Shitpost links
https://a.example/1
:::

---

# Closing Notes
"""


def _span_text(text: str, span: Span) -> str:
    return text[span.start : span.end]


def test_a_post_reads_as_its_page_shows_it_with_urls_kept() -> None:
    thread = threadparse.parse(POST)
    assert thread.dialect == "markdown"
    assert thread.diagnostics == ()
    (paragraph,) = thread.preamble.paragraphs
    assert paragraph.text == "Image is of a protest in Caracas – “huge”."
    assert _span_text(POST, paragraph.span) == POST.splitlines()[0]
    navigation, conflict, closing = thread.sections
    assert navigation.title is None
    assert [(i.kind, i.text, i.url, i.description) for i in navigation.items] == [
        ("link", "Last week’s thread is here.", "https://hexbear.net/post/1", None),
        ("note", "The reading list is here.", None, None),
    ]
    assert (conflict.title, conflict.level, conflict.items) == ("Russia-Ukraine Conflict", 1, ())
    sources, spoiler = conflict.sections
    assert (sources.title, sources.level, spoiler.title, spoiler.level) == (
        "Sources",
        2,
        "Shitpost links",
        2,
    )
    assert [(i.kind, i.text, i.url, i.description) for i in sources.items] == [
        (
            "link",
            "https://t.me/rybar ~ One of the top channels…",
            "https://t.me/rybar",
            "One of the top channels…",
        ),
        ("link", "Label ~ A site.", "https://example.com/a", "A site."),
        ("note", "plain item with @someone@lemmy.ml", None, None),
    ]
    assert [_span_text(POST, i.span) for i in sources.items] == [
        "https://t.me/rybar ~ One of the top channels...",
        "- [Label](https://example.com/a) ~ A site.",
        "- plain item with @someone@lemmy.ml",
    ]
    assert [(i.text, i.url) for i in spoiler.items] == [
        ("https://a.example/1", "https://a.example/1")
    ]
    assert (closing.title, closing.level, closing.items) == ("Closing Notes", 1, ())
    assert _span_text(POST, closing.span) == "# Closing Notes"


def test_comment_bodies_are_blocks_a_tight_list_one_paragraph() -> None:
    source = "A *quote*:\n\n> quoted\n> more\n\n```\ncode\n  indented\n```\n\n1. one\n2. two\n\n- a\n\n- b\n"
    texts, rendered = read_body(source)
    assert rendered
    assert [t.text for t in texts] == [
        "A quote:",
        "quoted\nmore",
        "code\n  indented",
        "one\ntwo",
        "a",
        "b",
    ]
    assert [_span_text(source, t.span) for t in texts] == [
        "A *quote*:",
        "> quoted\n> more",
        "```\ncode\n  indented\n```",
        "1. one\n2. two",
        "- a",
        "- b",
    ]


def test_custom_emoji_show_their_alt_text_and_empty_images_nothing() -> None:
    texts, _ = read_body(
        'so tired ![doomjak](https://x.example/e.png "emoji doomjak") today\n\n![](https://x.example/a.png)\n'
    )
    assert [t.text for t in texts] == ["so tired doomjak today"]


def test_reference_links_keep_their_url_and_the_definition_shows_nothing() -> None:
    text = "# Sources\n[Rail report][rail] ~ Daily.\n\n[rail]: https://example.org/rail\n"
    thread = threadparse.parse(text, dialect="markdown")
    (section,) = thread.sections
    assert section.items == (
        Item(
            kind="link",
            text="Rail report ~ Daily.",
            url="https://example.org/rail",
            description="Daily.",
            span=Span(10, 38),
        ),
    )
    assert (thread.unparsed, thread.diagnostics) == ((), ())
    check_lossless(text, thread)  # the definition line is markup, as a rule is


def test_without_markdown_it_the_source_is_read_as_page_text_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("threadparse.core.markdown.lemmy_markdown", lambda: None)
    thread = threadparse.parse(POST, dialect="markdown")
    assert [(d.code, d.severity) for d in thread.diagnostics] == [
        ("TP103", threadparse.Severity.WARNING)
    ]
    first = next(leaves(thread))
    assert first.text == 'Image is of **a protest** in _Caracas_ -- "huge".'  # markup kept
    texts, rendered = read_body("one *two*\n\nthree\n")
    assert not rendered
    assert [t.text for t in texts] == ["one *two*", "three"]


def test_the_parser_is_configured_once() -> None:
    assert lemmy_markdown() is lemmy_markdown()


# -- properties --------------------------------------------------------------------------

_PLAIN = str.maketrans("“”‘’", "\"\"''")  # smartquotes curls quotes; compare them straight


def _markdown(thread: Thread) -> str:
    """A post written as its markdown source: headings bold, links as [text](url)."""
    blocks = [_escaped(p.text) for p in thread.preamble.paragraphs]
    for section in _walk(thread.sections):
        if section.title is not None:
            blocks.append(f"**{section.title}{':' if section.level > 1 else ''}**")
        if section.items:
            blocks.append("\n".join(_item_line(item) for item in section.items))
    return "\n\n".join(blocks) + "\n"


_BLOCK_START = re.compile(r"(\d{1,9})([.)](?:\s|$))|([-+*#>])(\s|$)")


def _escaped(line: str) -> str:
    """Text that starts like a list or heading written with a backslash, as an author would."""
    return _BLOCK_START.sub(r"\1\\\2\3\4", line, count=1) if _BLOCK_START.match(line) else line


def _walk(tree: tuple[Section, ...]) -> Iterator[Section]:
    for section in tree:
        yield section
        yield from section.sections


def _item_line(item: Item) -> str:
    if item.url is None or item.description is None:
        return _escaped(item.text)  # a bare URL is linked by linkify, as on Lemmy
    separator = item.text[len(item.url) : len(item.text) - len(item.description)]
    shown = re.sub(r"([_*\[\]])", r"\\\1", item.url)  # link text is markdown too
    return f"[{shown}]({item.url}){separator}{item.description}"


@given(tps.threads(dialect="lemmy-0.19", post=True))
def test_post_markdown_round_trips(thread: Thread) -> None:
    navigation = [s for s in thread.sections if s.title is None]
    if navigation and not any(item.url for item in navigation[0].items):
        return  # without a link, short lines are preamble in markdown (see _markdown)
    source = _markdown(thread)
    parsed = threadparse.parse(source, dialect="markdown")
    assert parsed.diagnostics == ()
    expected_preamble = [p.text.translate(_PLAIN) for p in thread.preamble.paragraphs]
    assert [p.text.translate(_PLAIN) for p in parsed.preamble.paragraphs] == expected_preamble
    mine = [((s.title or "").translate(_PLAIN), s.level) for s in _walk(thread.sections)]
    assert [((s.title or "").translate(_PLAIN), s.level) for s in _walk(parsed.sections)] == mine
    got = [
        (i.kind, i.text.translate(_PLAIN), i.url) for s in _walk(parsed.sections) for i in s.items
    ]
    want = [
        (i.kind, i.text.translate(_PLAIN), i.url) for s in _walk(thread.sections) for i in s.items
    ]
    assert got == want


@given(st.text())
def test_markdown_reader_never_raises_and_spans_hold_source_lines(text: str) -> None:
    thread = threadparse.parse(text, dialect="markdown")
    assert thread.dialect == "markdown"
    spans = sorted((leaf.span.start, leaf.span.end) for leaf in leaves(thread))
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    for leaf in leaves(thread):
        assert 0 <= leaf.span.start <= leaf.span.end <= len(text)
        assert leaf.text.strip()
        assert leaf.text == leaf.text.rstrip()  # a code block keeps its first line's indent
    for section in sections(thread):
        assert 0 <= section.span.start <= section.span.end <= len(text)
    check_spans(text, thread)
    check_lossless(text, thread)


# -- review findings ---------------------------------------------------------------------


def test_the_parser_is_lemmy_uis_preset_with_markdown_its_nesting_limit() -> None:
    # lemmy-ui runs markdown-it's default preset (maxNesting 100); commonmark's
    # limit of 20 dropped a 20-deep quote and a list's levels past 8.
    md = lemmy_markdown()
    assert md is not None
    assert md.options["maxNesting"] == 100
    quote = ">" * 20 + " a day"
    assert read_body(quote)[0] == (Text("a day", Span(0, len(quote))),)
    nested = "\n".join("  " * level + f"- level {level}" for level in range(13))
    (listed,) = read_body(nested)[0]
    assert listed.text == "\n".join(f"level {level}" for level in range(13))
    assert listed.span == Span(0, len(nested))


def test_linkify_is_part_of_the_extra_so_without_it_markdown_is_read_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lemmy_markdown.cache_clear()
    try:
        with monkeypatch.context() as patch:
            patch.setitem(sys.modules, "linkify_it", None)  # import linkify_it fails
            assert lemmy_markdown() is None
            assert read_body("see https://x.example/a\n") == (
                (Text("see https://x.example/a", Span(0, 23)),),
                False,
            )
    finally:
        lemmy_markdown.cache_clear()  # the next call builds the parser again
    assert lemmy_markdown() is not None


def test_a_spoiler_needs_a_title_or_its_lines_are_text() -> None:
    # lemmy-ui: validate: params.trim().match(/^spoiler\s+(.*)$/)
    source = "::: spoiler\nhidden\n:::\n\n::: spoiler   \nalso\n:::\n"
    assert read_body(source)[0] == (
        Text("::: spoiler\nhidden\n:::", Span(0, 22)),
        Text("::: spoiler\nalso\n:::", Span(24, 47)),
    )
    titled = "# Links\n::: spoiler  Memes  \nhttps://a.example/1\n:::\n"
    thread = threadparse.parse(titled, dialect="markdown")
    ((spoiler,),) = [s.sections for s in thread.sections]
    assert (spoiler.title, [i.url for i in spoiler.items]) == ("Memes", ["https://a.example/1"])
    assert _span_text(titled, spoiler.span) == "::: spoiler  Memes  \nhttps://a.example/1"


def test_a_notes_second_reference_shows_its_sub_id_as_the_page_does() -> None:
    source = "one[^n], two[^n], three[^m]\n\n[^n]: Note.\n\n[^m]: Other.\n"
    texts, _ = read_body(source)
    assert [t.text for t in texts] == ["one[1], two[1:1], three[2]", "Note.", "Other."]


@pytest.mark.parametrize("depth", [55, 99, 100, 150])
def test_a_line_past_the_nesting_limit_is_kept_as_a_post_and_as_a_comment(depth: int) -> None:
    # markdown-it drops what is inside a container opened at its nesting limit
    # (100): the page shows nothing, and the line is kept as written.
    source = ">" * depth + " a day"
    shown = "a day" if depth < 100 else source
    thread = threadparse.parse(source, dialect="markdown")
    assert thread.preamble.paragraphs == (Text(shown, Span(0, len(source))),)
    check_lossless(source, thread)
    check_spans(source, thread)
    assert read_body(source) == ((Text(shown, Span(0, len(source))),), True)
    body = f"first\n\n{source}\n\n- item\n"
    assert read_body(body)[0] == (
        Text("first", Span(0, 5)),
        Text(shown, Span(7, 7 + len(source))),
        Text("item", Span(9 + len(source), 15 + len(source))),
    )
    api = parse_views([view(1, content=body)])
    (comment,) = api.comments
    json_text = json.dumps({"comments": [view(1, content=body)]}, indent=2)
    start = json_text.index(">" * depth)
    assert comment.paragraphs[1] == Text(shown, Span(start, start + len(source)))


def test_a_list_item_past_the_nesting_limit_keeps_its_lines() -> None:
    source = "> " * 99 + "- one\n" + "> " * 99 + "  two\n\nafter\n"
    texts, _ = read_body(source)
    assert [t.text for t in texts] == [
        "> " * 99 + "- one\n" + "> " * 99 + "  two",
        "after",
    ]
    check_lossless(source, threadparse.parse(source, dialect="markdown"))


def test_line_spans_follow_code_spans_images_and_links_over_line_ends() -> None:
    text = (
        "# Sources\n"
        "a `code\nspan` b\n"
        "https://x.org ~ c\n"
        "![two\nlines](https://x.org/e.png) d\n"
        "[e](\nhttps://e.org) ~ f\n"
        "g\n"
    )
    thread = threadparse.parse(text, dialect="markdown")
    (section,) = thread.sections
    assert [(i.text, i.url, _span_text(text, i.span)) for i in section.items] == [
        ("a code span b", None, "a `code\nspan` b"),
        ("https://x.org ~ c", "https://x.org", "https://x.org ~ c"),
        ("two lines d", None, "![two\nlines](https://x.org/e.png) d"),
        ("e ~ f", "https://e.org", "[e](\nhttps://e.org) ~ f"),
        ("g", None, "g"),
    ]
    check_lossless(text, thread)


def test_a_quoted_paragraphs_lines_are_placed_after_their_markers() -> None:
    source = "> one `x\n> y` two\n> [three](https://t.org) four\n"
    (quote,) = read_body(source)[0]
    assert quote.text == "one x y two\nthree four"
    (link,) = quote.links
    assert (link.url, link.text, _span_text(source, link.span)) == (
        "https://t.org",
        "three",
        "[three](https://t.org)",
    )


def test_code_blocks_keep_each_lines_indentation_as_written() -> None:
    source = (
        "```python\n"
        "  def f():\n"
        "      return 1   \n"
        "\n"
        "  f()\n"
        "```\n"
        "\n"
        "    indented\n"
        "      deeper\n"
        "\n"
        "- item\n"
        "\n"
        "  ~~~\n"
        "  fenced in an item\n"
        "    more\n"
        "  ~~~\n"
    )
    texts, _ = read_body(source)
    assert [t.text for t in texts] == [
        "  def f():\n      return 1\n\n  f()",
        "indented\n  deeper",
        "item",
        "fenced in an item\n  more",
    ]
    assert [_span_text(source, t.span) for t in texts] == [
        "```python\n  def f():\n      return 1   \n\n  f()\n```",
        "indented\n      deeper",
        "- item",
        "~~~\n  fenced in an item\n    more\n  ~~~",
    ]
    thread = threadparse.parse(source, dialect="markdown")
    check_spans(source, thread)
    check_lossless(source, thread)


def test_a_comments_paragraphs_hold_their_web_links_located_in_the_source() -> None:
    source = (
        'Read [the *full* report](https://x.org/r "title") and https://y.org/a, '
        "<https://z.org> or www.w.org.\n"
        "Ask @ada@lemmy.ml, or [two\nlines](https://t.org).\n\n"
        "| site | note |\n| --- | --- |\n| [s](https://s.org) | https://n.org |\n"
    )
    paragraph, table = read_body(source)[0]
    assert paragraph.text == (
        "Read the full report and https://y.org/a, https://z.org or www.w.org.\n"
        "Ask @ada@lemmy.ml, or two\nlines."
    )
    assert [(link.url, link.text, _span_text(source, link.span)) for link in paragraph.links] == [
        ("https://x.org/r", "the full report", '[the *full* report](https://x.org/r "title")'),
        ("https://y.org/a", "https://y.org/a", "https://y.org/a"),
        ("https://z.org", "https://z.org", "<https://z.org>"),
        ("http://www.w.org", "www.w.org", "www.w.org"),
        ("https://t.org", "two\nlines", "[two\nlines](https://t.org)"),
    ]  # the mention, linked as mailto:, is text
    assert table.text == "site | note\ns | https://n.org"
    assert [(link.url, _span_text(source, link.span)) for link in table.links] == [
        ("https://s.org", "[s](https://s.org)"),
        ("https://n.org", "https://n.org"),
    ]


def test_a_posts_preamble_holds_its_links_and_the_dump_shows_them() -> None:
    # The second paragraph has no link, so the first is not navigation.
    source = "See [the map](https://m.org/map).\n\nNo link.\n\n# Sources\nhttps://t.me/x ~ Maps.\n"
    thread = threadparse.parse(source, dialect="markdown")
    paragraph, plain = thread.preamble.paragraphs
    assert plain == Text("No link.", Span(35, 43))
    assert paragraph.links == (Link("https://m.org/map", "the map", Span(4, 32)),)
    assert threadparse.to_dict(thread)["preamble"]["paragraphs"] == [
        {
            "text": "See the map.",
            "span": [0, 33],
            "links": [{"url": "https://m.org/map", "text": "the map", "span": [4, 32]}],
        },
        {"text": "No link.", "span": [35, 43], "links": []},
    ]
    Draft202012Validator(threadparse.json_schema()).validate(threadparse.to_dict(thread))
    check_spans(source, thread)


def test_api_bodies_links_are_located_in_the_json_text() -> None:
    content = 'Caf\u00e9 "news": [the *story*](https://n.org/s) \u2014 https://b.org'
    text = json.dumps({"comments": [view(1, content=content)]}, indent=2)  # ensure_ascii
    thread = threadparse.parse(text)
    ((paragraph,),) = [c.paragraphs for c in thread.comments]
    assert paragraph.text == "Caf\u00e9 \u201cnews\u201d: the story \u2014 https://b.org"
    assert [(link.url, link.text, _span_text(text, link.span)) for link in paragraph.links] == [
        ("https://n.org/s", "the story", "[the *story*](https://n.org/s)"),
        ("https://b.org", "https://b.org", "https://b.org"),
    ]
    assert _span_text(text, paragraph.span) == json.dumps(content)[1:-1]


@pytest.mark.parametrize("blank", ["\u2028", "\u00a0\u00a0", " \u2028 ", "\x1f", "\x1c\u2028"])
def test_a_paragraph_under_a_line_markdown_it_does_not_count_as_blank_is_placed(
    blank: str,
) -> None:
    """markdown-it-py trims a paragraph's content: a line of white space it does
    not count as blank (U+2028, no-break spaces) above the paragraph's first
    line goes with it, and the paragraph starts a line below the one
    markdown-it's map names. A line of white space only Python's ``strip``
    takes (U+001F) stays in markdown-it-py 4's content (it trims CommonMark's
    white space), as a line the page shows as nothing: the paragraph starts at
    its first shown line all the same."""
    source = f"{blank}\nSee https://example.org now\nand more."
    (paragraph,) = threadparse.parse(source, dialect="markdown").preamble.paragraphs
    assert paragraph.span == Span(source.index("See"), len(source))
    assert paragraph.text == "See https://example.org now\nand more."
    (link,) = paragraph.links
    assert source[link.span.start : link.span.end] == "https://example.org"
