"""One thread, five ways in: the same Thread wherever the information overlaps.

tests/fixtures/formats/ holds one invented thread as Lemmy 0.19 and 1.0 API
JSON, the post's markdown, lemmy-ui page text and mlmym page text (its
README lists every comment and every deliberate difference). Each reader is
compared with the others field by field; what a format does not carry is
named here, never skipped silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import threadparse
from tests.nodes import check_lossless, check_spans, comments
from threadparse import Comment, Item, Section, Span, Thread
from threadparse._render import compact_count
from threadparse.core.lemmy import parse_count

FORMATS = Path(__file__).parent / "fixtures" / "formats"
META = json.loads((FORMATS / "meta.json").read_text(encoding="utf-8"))
SAVED_AT = datetime.fromisoformat(META["saved_at"].replace("Z", "+00:00"))
HOME = META["post"]["home_instance"]


def read(name: str) -> tuple[str, Thread]:
    text = (FORMATS / name).read_bytes().decode("utf-8")
    return text, threadparse.parse(text)


@pytest.fixture(scope="module")
def api() -> Thread:
    return read("thread_api_019.json")[1]


@pytest.fixture(scope="module")
def page() -> Thread:
    return read("thread_page.txt")[1]


NOWHERE = Span(0, 0)


def spanless(value: Any) -> Any:
    """The thread (or part) with every span set to nowhere: two inputs differ in offsets."""
    if isinstance(value, tuple):
        return tuple(spanless(v) for v in value)
    if isinstance(value, Comment):  # Comment's own evolve keeps its replies' spans
        return attrs.evolve(
            value,
            span=NOWHERE,
            paragraphs=spanless(value.paragraphs),
            replies=spanless(value.replies),
        )
    if attrs.has(type(value)):
        changes: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            own = getattr(value, field.name)
            if field.name == "span":
                changes["span"] = None if own is None else NOWHERE
            elif field.name == "diagnostics":
                changes["diagnostics"] = ()  # compared on their own: they hold spans and lines
            else:
                changes[field.name] = spanless(own)
        return attrs.evolve(value, **changes)
    return value


# -- every file reads, as its own dialect ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "dialect"),
    [
        ("thread_api_019.json", "lemmy-api"),
        ("thread_api_10.json", "lemmy-api"),
        ("post.md", "markdown"),
        ("thread_page.txt", "lemmy-0.19"),
        ("thread_mlmym.txt", "mlmym"),
    ],
)
def test_each_file_is_detected_and_read_losslessly(name: str, dialect: str) -> None:
    text, thread = read(name)
    assert threadparse.detect(text) == threadparse.Detection(dialect, 1.0, None)
    assert thread.dialect == dialect
    check_lossless(text, thread)
    check_spans(text, thread)
    assert not [d for d in thread.diagnostics if d.severity is threadparse.Severity.ERROR]


# -- API 0.19 and 1.0 -----------------------------------------------------------------


def test_both_api_versions_give_the_same_thread(api: Thread) -> None:
    newer = read("thread_api_10.json")[1]
    assert spanless(newer) == spanless(api)
    assert [d.code for d in newer.diagnostics] == [d.code for d in api.diagnostics] == ["TP401"]


def test_api_post_is_the_markdown_post(api: Thread) -> None:
    markdown = read("post.md")[1]
    assert spanless(markdown.preamble) == spanless(api.preamble)
    assert spanless(markdown.sections) == spanless(api.sections)


def test_api_comments_keep_their_exact_times(api: Thread) -> None:
    text = (FORMATS / "thread_api_019.json").read_text(encoding="utf-8")
    for comment in comments(api):
        if comment.author is None:
            assert (comment.published, comment.updated) == (None, None)  # the placeholder
            continue
        entry = json.loads(text[comment.span.start : comment.span.end])["comment"]
        assert comment.published == _moment(entry["published"])
        assert comment.updated == (_moment(entry["updated"]) if "updated" in entry else None)
        assert comment.edited == ("updated" in entry)


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# -- API and markdown against the page that shows them ------------------------------------


def _page_order(api: Thread) -> list[Comment]:
    """The API's comments as lemmy-ui lays them out: an orphan whose parent is
    missing stands at the top level (see the fixture README), not under a placeholder."""
    laid_out: list[Comment] = []
    for top in api.comments:
        if top.author is None:  # the placeholder
            for orphan in top.replies:
                laid_out.extend(_shifted(orphan, -1))
        else:
            laid_out.extend(_shifted(top, 0))
    return laid_out


def _shifted(root: Comment, by: int) -> Iterator[Comment]:
    for comment in comments(attrs.evolve(_EMPTY, comments=(root,))):
        yield attrs.evolve(comment, depth=comment.depth + by)


_EMPTY = Thread("lemmy-api", threadparse.Preamble(), (), (), (), (), ())


def test_api_and_page_agree_on_every_comment(api: Thread, page: Thread) -> None:
    from_api = _page_order(api)
    from_page = list(comments(page))
    assert len(from_api) == len(from_page) == 10
    for mine, shown in zip(from_api, from_page, strict=True):
        assert mine.author is not None
        assert shown.author is not None
        assert (mine.author.name, mine.author.display_name, mine.author.pronouns) == (
            shown.author.name,
            shown.author.display_name,
            shown.author.pronouns,
        )
        # The page shows no host for users of the instance it was saved from.
        assert mine.author.instance == (shown.author.instance or HOME)
        assert mine.author.badges == shown.author.badges
        assert shown.author.username is None  # page text shows display names only
        # Votes pass through compact notation on the page ("1.23K"), and the
        # page's score is what is left of them.
        assert mine.upvotes is not None
        assert mine.downvotes is not None
        assert shown.upvotes is not None
        assert shown.downvotes is not None
        assert shown.upvotes == parse_count(compact_count(mine.upvotes))
        assert shown.downvotes == parse_count(compact_count(mine.downvotes))
        assert mine.score == mine.upvotes - mine.downvotes
        assert shown.score == shown.upvotes - shown.downvotes
        for flag in ("edited", "deleted", "removed", "more_replies", "depth"):
            assert getattr(mine, flag) == getattr(shown, flag), flag
        assert [p.text for p in mine.paragraphs] == [p.text for p in shown.paragraphs]
        # The page's relative time covers the API's exact one.
        exact_time = mine.updated if mine.edited else mine.published
        assert exact_time is not None
        assert shown.time is not None
        earliest, latest = threadparse.resolve_time(shown.time, SAVED_AT, clock="date-fns")
        assert earliest <= exact_time <= latest
        # What only the API carries.
        assert (shown.published, shown.updated, mine.time, mine.language) == (None,) * 4
        assert mine.author.username is not None


def _items(sections: tuple[Section, ...]) -> list[Item]:
    return [item for section in _walk(sections) for item in section.items]


def _walk(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk(section.sections)


def test_markdown_and_page_agree_on_the_post(page: Thread) -> None:
    markdown = read("post.md")[1]
    assert [p.text for p in markdown.preamble.paragraphs] == [
        p.text for p in page.preamble.paragraphs
    ]
    # The spoiler's title reads as a heading only where its markup shows it is one:
    # on the page "Shitpost links" is a line like any item.
    titles = [(s.title, s.level) for s in _walk(markdown.sections)]
    assert titles.pop() == ("Shitpost links", 2)
    assert [(s.title, s.level) for s in _walk(page.sections)] == titles
    page_items = _items(page.sections)
    assert page_items.pop(-3).text == "Shitpost links"
    markdown_items = _items(markdown.sections)
    assert len(markdown_items) == len(page_items)
    for mine, shown in zip(markdown_items, page_items, strict=True):
        # lemmy-ui's list bullet is text on the page, markup in the source.
        assert mine.text == shown.text.removeprefix("• ")
        if shown.url is not None:
            assert (mine.kind, mine.url, mine.description) == (
                shown.kind,
                shown.url,
                shown.description,
            )
        else:  # what page text loses: the URL of a [text](url) link
            assert mine.url is not None or mine.kind == shown.kind == "note"
    lost = [m.url for m, s in zip(markdown_items, page_items, strict=True) if m.url and not s.url]
    assert lost == ["https://lemmygrad.ml/post/5087711", "https://example.com/freight-index"]


def test_spans_point_into_the_json_string_they_came_from(api: Thread) -> None:
    text = (FORMATS / "thread_api_019.json").read_text(encoding="utf-8")
    body = json.loads(text)["post_view"]["post"]["body"]
    first = api.preamble.paragraphs[0]
    assert text[first.span.start : first.span.end] == body.split("\n")[0]
    for comment in comments(api):
        if comment.author is None:
            continue
        content = json.loads(text[comment.span.start : comment.span.end])["comment"]["content"]
        assert bool(content) == bool(comment.paragraphs)
        for paragraph in comment.paragraphs:  # each span is escaped source of its content
            source = json.loads(f'"{text[paragraph.span.start : paragraph.span.end]}"')
            assert source in content
            assert source.split("\n")[0].strip() in content.split("\n")


_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "…": "..."})


def test_api_and_mlmym_agree_on_every_comment(api: Thread) -> None:
    mlmym = read("thread_mlmym.txt")[1]
    from_api = _page_order(api)
    shown_comments = list(comments(mlmym))
    assert len(from_api) == len(shown_comments) == 10
    for mine, shown in zip(from_api, shown_comments, strict=True):
        assert mine.author is not None
        assert shown.author is not None
        # mlmym shows the account name, and a host only for remote users.
        assert shown.author.username == mine.author.username
        assert (shown.author.instance or HOME) == mine.author.instance
        assert shown.score == mine.score
        for flag in ("edited", "deleted", "removed", "more_replies", "depth"):
            assert getattr(mine, flag) == getattr(shown, flag), flag
        # mlmym's renderer does not curl quotes or dashes; the words are the same.
        assert [p.text.translate(_TYPOGRAPHY) for p in mine.paragraphs] == [
            p.text.translate(_TYPOGRAPHY) for p in shown.paragraphs
        ]
        exact_time = mine.updated if mine.edited else mine.published
        assert exact_time is not None
        assert shown.time is not None
        earliest, latest = threadparse.resolve_time(shown.time, SAVED_AT, clock="go-humanize")
        assert earliest <= exact_time <= latest
        # What mlmym does not show: votes apart, display names, badges.
        assert (shown.upvotes, shown.downvotes, shown.author.badges) == (None, None, ())
