"""Lemmy API JSON (dialect lemmy-api): the tree from paths, both API versions, damage."""

from __future__ import annotations

import json
import random
from datetime import datetime, timezone
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from tests.nodes import comments
from threadparse import Comment, Span, Thread

HOST = "https://hexbear.net"


def view(
    comment_id: int,
    parents: tuple[int, ...] = (),
    *,
    version: str = "0.19",
    content: str | None = None,
    creator: str = "ada",
    creator_id: int = 1,
    display_name: str | None = None,
    child_count: int = 0,
    score: int = 1,
    extra: dict[str, Any] | None = None,
    **comment_fields: Any,
) -> dict[str, Any]:
    """A CommentView as the API writes it, in 0.19 or 1.0 field names."""
    v10 = version == "1.0"
    person: dict[str, Any] = {
        "id": creator_id,
        "name": creator,
        "ap_id" if v10 else "actor_id": f"{HOST}/u/{creator}",
        "local": True,
        "banned": False,
        "bot_account": False,
    }
    if display_name is not None:
        person["display_name"] = display_name
    comment: dict[str, Any] = {
        "id": comment_id,
        "creator_id": creator_id,
        "post_id": 77,
        "content": f"comment {comment_id}" if content is None else content,
        "removed": False,
        "deleted": False,
        "published_at" if v10 else "published": "2024-05-20T14:03:11.123456Z",
        "path": ".".join(map(str, (0, *parents, comment_id))),
        "distinguished": False,
        "language_id": 37,
    }
    counts = {"score": score, "upvotes": score, "downvotes": 0, "child_count": child_count}
    comment.update(comment_fields)
    built: dict[str, Any] = {"comment": comment, "creator": person, "post": {"creator_id": 9}}
    if v10:
        comment.update(counts)
        built.update(creator_banned=False, can_mod=False, tags=[])
    else:
        built["counts"] = {"comment_id": comment_id, **counts}
    built.update(creator_is_moderator=False, creator_is_admin=False)
    built.update(extra or {})
    return built


def parse_views(views: list[dict[str, Any]], **document: Any) -> Thread:
    text = json.dumps({**document, "comments": views}, indent=2)
    thread = threadparse.parse(text)
    assert thread.dialect == "lemmy-api"
    return thread


def shape(thread: Thread) -> list[tuple[int, str | None, str]]:
    """(depth, author name, first paragraph) in reading order."""
    return [
        (c.depth, c.author.name if c.author else None, c.paragraphs[0].text if c.paragraphs else "")
        for c in comments(thread)
    ]


def test_children_listed_before_parents_nest_under_them_in_listed_order() -> None:
    thread = parse_views([view(3, (1,)), view(2, (1,)), view(4, (1, 2)), view(1), view(5)])
    assert shape(thread) == [
        (0, "ada", "comment 1"),
        (1, "ada", "comment 3"),
        (1, "ada", "comment 2"),
        (2, "ada", "comment 4"),
        (0, "ada", "comment 5"),
    ]
    assert thread.diagnostics == ()


@given(st.lists(st.integers(0, 6), min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_any_listing_order_gives_each_comment_its_path_parent(
    parent_picks: list[int], rng: random.Random
) -> None:
    # Comment n + 1's parent is one of the comments before it, or none.
    parents: dict[int, int | None] = {}
    for index, pick in enumerate(parent_picks):
        parents[index + 1] = None if pick == 0 or index == 0 else rng.randint(1, index)
    paths: dict[int, tuple[int, ...]] = {}
    for comment_id, parent in parents.items():
        paths[comment_id] = () if parent is None else (*paths[parent], parent)
    listed = list(parents)
    rng.shuffle(listed)
    thread = parse_views([view(i, paths[i]) for i in listed])
    seen: dict[int, tuple[int | None, list[int]]] = {}
    stack: list[tuple[Comment, int | None]] = [(c, None) for c in reversed(thread.comments)]
    while stack:
        comment, parent_id = stack.pop()
        own = int(comment.paragraphs[0].text.split()[1])
        seen[own] = (parent_id, [int(r.paragraphs[0].text.split()[1]) for r in comment.replies])
        assert comment.depth == len(paths[own])
        stack.extend((reply, own) for reply in reversed(comment.replies))
    assert {i: parent for i, (parent, _) in seen.items()} == parents
    for _, children in seen.values():  # siblings keep the order they were listed in
        assert children == sorted(children, key=listed.index)
    assert thread.diagnostics == ()


def test_missing_parent_gets_a_placeholder_where_its_first_reply_was_listed() -> None:
    thread = parse_views([view(1), view(8, (5,)), view(9, (5,)), view(2)])
    placeholder = thread.comments[1]
    assert shape(thread) == [
        (0, "ada", "comment 1"),
        (0, None, ""),
        (1, "ada", "comment 8"),
        (1, "ada", "comment 9"),
        (0, "ada", "comment 2"),
    ]
    orphan = placeholder.replies[0]
    assert placeholder.span == Span(orphan.span.start, orphan.span.start)
    assert (placeholder.score, placeholder.deleted, placeholder.paragraphs) == (None, False, ())
    (diagnostic,) = thread.diagnostics
    assert (diagnostic.code, diagnostic.span) == ("TP401", orphan.span)
    assert diagnostic.message == (
        "comment 8 is in a reply to comment 5, which is not in the input: an empty "
        "placeholder stands in for it"
    )


def test_missing_ancestors_get_a_chain_of_placeholders_under_the_one_present() -> None:
    thread = parse_views([view(1), view(4, (1, 2, 3))])
    assert shape(thread) == [
        (0, "ada", "comment 1"),
        (1, None, ""),
        (2, None, ""),
        (3, "ada", "comment 4"),
    ]
    assert [d.code for d in thread.diagnostics] == ["TP401", "TP401"]


def test_a_path_that_loops_is_read_as_top_level_with_a_warning() -> None:
    thread = parse_views([view(1, (2,)), view(2, (1,)), view(3)])
    assert shape(thread) == [
        (0, "ada", "comment 3"),
        (0, "ada", "comment 1"),
        (1, "ada", "comment 2"),
    ]
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        ("TP402", "comment 1's path loops back on itself: read as a top-level comment")
    ]


def test_more_replies_is_what_no_reply_present_accounts_for() -> None:
    # 1's branch: 2 and 2's branch (3 and two unseen), and one more unseen reply.
    thread = parse_views(
        [
            view(1, child_count=5),
            view(2, (1,), child_count=3),
            view(3, (1, 2)),
            view(4, child_count=0),
            view(6, (5,), child_count=1),
        ]
    )
    assert [c.more_replies for c in comments(thread)] == [1, 2, None, None, None, 1]


def test_deleted_removed_edited_times_and_author() -> None:
    thread = parse_views(
        [
            view(1, deleted=True, content="", updated="2024-05-21T08:00:00Z"),
            view(2, removed=True),
            view(
                3,
                creator="quill",
                creator_id=9,
                display_name="Quill  [she/her, they/them]",
                extra={"creator_is_moderator": True, "creator_is_admin": True},
            ),
        ]
    )
    deleted, removed, quill = thread.comments
    assert (deleted.deleted, deleted.removed, deleted.edited, deleted.paragraphs) == (
        True,
        False,
        True,
        (),
    )
    assert deleted.published == datetime(2024, 5, 20, 14, 3, 11, 123456, tzinfo=timezone.utc)
    assert deleted.updated == datetime(2024, 5, 21, 8, tzinfo=timezone.utc)
    assert (removed.removed, removed.deleted, removed.edited) == (True, False, False)
    assert quill.author == threadparse.Author(
        name="Quill",
        display_name="Quill [she/her, they/them]",
        instance="hexbear.net",
        pronouns=("she/her", "they/them"),
        badges=("OP", "M", "A"),
        username="quill",
    )
    assert (quill.time, quill.language) == (None, None)


def test_the_two_api_versions_read_the_same() -> None:
    views = [(1, ()), (2, (1,)), (3, ())]
    old = parse_views(
        [
            view(i, p, child_count=1 if i == 1 else 0, updated="2024-05-21T08:00:00+02:00")
            for i, p in views
        ]
    )
    new = parse_views(
        [
            view(
                i,
                p,
                version="1.0",
                child_count=1 if i == 1 else 0,
                updated_at="2024-05-21T08:00:00+02:00",
            )
            for i, p in views
        ]
    )
    assert _spanless(old) == _spanless(new)
    assert new.comments[0].updated is not None
    assert new.comments[0].updated.utcoffset() is not None


def _spanless(thread: Thread) -> list[Comment]:
    """Each comment alone, without positions (the two texts differ in length)."""
    nowhere = Span(0, 0)
    return [
        attrs.evolve(
            c,
            replies=(),
            span=nowhere,
            paragraphs=tuple(attrs.evolve(p, span=nowhere) for p in c.paragraphs),
        )
        for c in comments(thread)
    ]


def test_unknown_fields_are_ignored_and_wrong_types_reported() -> None:
    first_view = view(1, extra={"flair_2027": {"x": [1]}}, novel=True)
    first_view["counts"]["score"] = "many"
    thread = parse_views([first_view, view(2, published="yesterday")], next_page="abc")
    first, second = thread.comments
    assert (first.score, first.upvotes) == (None, 1)
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        ("TP402", "score is not int: ignored"),
        ("TP402", "'yesterday' is not an RFC 3339 time: ignored"),
    ]
    assert second.published is None


def test_post_body_fills_preamble_and_sections_with_spans_in_the_json_string() -> None:
    body = 'Intro with "quotes" and **bold**.\n\n**Sources:**\n\nhttps://t.me/x ~ Maps.\n'
    text = json.dumps({"post_view": {"post": {"body": body, "creator_id": 9}}, "comments": []})
    thread = threadparse.parse(text)
    (paragraph,) = thread.preamble.paragraphs
    assert paragraph.text == "Intro with “quotes” and bold."
    assert text[paragraph.span.start : paragraph.span.end] == r"Intro with \"quotes\" and **bold**."
    (section,) = thread.sections
    assert section.title == "Sources"
    (item,) = section.items
    assert (item.url, item.description) == ("https://t.me/x", "Maps.")
    assert text[item.span.start : item.span.end] == "https://t.me/x ~ Maps."


def test_not_json_or_not_lemmy_is_one_error_and_the_text_unparsed() -> None:
    for text, message in [
        ('{"comments": [1, }', "not JSON: Expecting value (at offset 17)"),
        ('{"page": 1}', "JSON has no post_view or comments: not a Lemmy API response"),
    ]:
        thread = threadparse.parse(text)
        assert thread.dialect == "lemmy-api"
        assert [(d.code, d.message) for d in thread.diagnostics] == [("TP902", message)]
        assert [t.span for t in thread.unparsed] == [Span(0, len(text))]


def test_an_entry_without_comment_or_path_is_unparsed() -> None:
    thread = parse_views([view(1), {"creator": {"name": "x"}}])
    assert len(thread.comments) == 1
    assert [d.code for d in thread.diagnostics] == ["TP902"]
    assert thread.unparsed[0].text == '{\n"creator": {\n"name": "x"\n}\n}'


def test_a_bare_array_of_comment_views_reads_too() -> None:
    text = json.dumps([view(1), view(2, (1,))])
    thread = threadparse.parse(text)
    assert (thread.dialect, shape(thread)) == (
        "lemmy-api",
        [(0, "ada", "comment 1"), (1, "ada", "comment 2")],
    )


def test_depth_cap_attaches_deeper_replies_at_the_cap() -> None:
    chain = [view(i, tuple(range(1, i))) for i in range(1, 6)]
    text = json.dumps({"comments": chain})
    thread = threadparse.parse(text, max_depth=2)
    assert [c.depth for c in comments(thread)] == [0, 1, 2, 2, 2]
    assert [d.code for d in thread.diagnostics] == ["TP204", "TP204"]


def test_a_chain_deeper_than_the_recursion_limit_parses() -> None:
    depth = 3000
    chain = [view(i, tuple(range(1, i))) for i in range(1, depth + 1)]
    # Paths this long are not what Lemmy writes, but nothing may recurse on them.
    thread = threadparse.parse(json.dumps({"comments": chain[::-1]}), max_depth=None)
    assert sum(1 for _ in comments(thread)) == depth
    assert max(c.depth for c in comments(thread)) == depth - 1


def test_detection_is_sure_only_of_json_the_api_reader_reads() -> None:
    assert threadparse.detect('{"comments": []}') == threadparse.Detection("lemmy-api", 1.0, None)
    assert threadparse.detect('[{"comment": {}}]').confidence == 1.0
    for other in ('{"comments": {"a": 1}}', '{"post_view": []}', '{"comments": [', '{"x": 1}'):
        assert threadparse.detect(other) == threadparse.Detection("lemmy-api", 0.5, None)


def test_a_byte_order_mark_before_the_json_is_skipped() -> None:
    text = json.dumps({"comments": [view(1), view(2, (1,))]})
    marked = threadparse.parse("\ufeff" + text)
    assert threadparse.detect("\ufeff" + text) == threadparse.Detection("lemmy-api", 1.0, None)
    assert marked.dialect == "lemmy-api"
    assert marked.diagnostics == ()
    assert _spanless(marked) == _spanless(threadparse.parse(text))
    assert marked.comments[0].span == attrs.evolve(
        threadparse.parse(text).comments[0].span,
        start=threadparse.parse(text).comments[0].span.start + 1,
        end=threadparse.parse(text).comments[0].span.end + 1,
    )
    streamed = threadparse.assemble(threadparse.iter_thread(iter(["\ufeff", text[:5], text[5:]])))
    assert streamed == marked


def test_a_broken_profile_url_is_reported_not_raised() -> None:
    """urlsplit raises ValueError on "http://[::1" (issue 14): the host is lost, the
    comment is kept, and the value is reported."""
    text = (
        '{"comments":[{"comment":{"id":1,"path":"0.1","content":"Hi."},'
        '"creator":{"name":"a","actor_id":"http://[::1"}}]}'
    )
    thread = threadparse.parse(text)
    (comment,) = thread.comments
    assert comment.author is not None
    assert (comment.author.username, comment.author.instance) == ("a", None)
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        ("TP402", "'http://[::1' is not a URL: ignored")
    ]
    start = text.index('"http://[::1"')
    assert thread.diagnostics[0].span == threadparse.Span(start, start + len('"http://[::1"'))
