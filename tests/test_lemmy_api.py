"""Lemmy API JSON (dialect lemmy-api): the tree from paths, both API versions, damage."""

from __future__ import annotations

import json
import random
from datetime import datetime, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from tests.nodes import comments
from threadparse import Comment, Span, Thread
from threadparse._tree import render_tree

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
        ("TP402", "comment 1's parent links loop back to it: read as a top-level comment")
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
        url="https://hexbear.net/u/quill",
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
        ('{"comments": [1, }', "not JSON: Expecting value (at line 1, column 18)"),
        (
            '{"page": 1}',
            "JSON has no post_view, comment_view, comments or items: not a Lemmy API response",
        ),
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


# -- Every response shape (issue 14) -------------------------------------------------


def _codes(thread: Thread) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in thread.diagnostics]


def test_the_1_0_paged_list_reads_like_the_0_19_list() -> None:
    chain = [view(2, (1,), version="1.0"), view(1, version="1.0")]
    paged = threadparse.parse(json.dumps({"items": chain, "next_page": "Pc9", "prev_page": None}))
    assert shape(paged) == [(0, "ada", "comment 1"), (1, "ada", "comment 2")]
    assert paged.diagnostics == ()
    assert threadparse.detect(json.dumps({"items": chain})).confidence == 1.0


def test_a_comment_response_is_one_comment() -> None:
    for version in ("0.19", "1.0"):
        text = json.dumps({"comment_view": view(7, (3,), version=version), "recipient_ids": []})
        thread = threadparse.parse(text)
        (placeholder,) = thread.comments
        (comment,) = placeholder.replies
        assert (placeholder.missing, placeholder.id, comment.id, comment.parent_id) == (
            True,
            "3",
            "7",
            "3",
        )
        assert [code for code, _ in _codes(thread)] == ["TP401"]


def test_pages_saved_one_after_another_or_as_json_lines_make_one_thread() -> None:
    page_one = json.dumps({"comments": [view(1), view(3)], "next_page": "a"}, indent=1)
    page_two = json.dumps({"comments": [view(2, (1,))], "next_page": None})
    for joined in (page_one + page_two, page_one + "\n" + page_two + "\n"):
        thread = threadparse.parse(joined)
        assert shape(thread) == [
            (0, "ada", "comment 1"),
            (1, "ada", "comment 2"),
            (0, "ada", "comment 3"),
        ]
        assert thread.diagnostics == ()
        reply = thread.comments[0].replies[0]
        assert json.loads(joined[reply.span.start : reply.span.end]) == view(2, (1,))
    lines = "\n".join(json.dumps(v) for v in (view(1), view(2, (1,)))) + "\n"
    assert shape(threadparse.parse(lines)) == [(0, "ada", "comment 1"), (1, "ada", "comment 2")]
    assert threadparse.detect(lines) == threadparse.Detection("lemmy-api", 1.0, None)


def test_text_after_the_last_json_value_is_unparsed_with_an_error() -> None:
    text = json.dumps({"comments": [view(1)]}) + "\n<!-- saved by a tool -->\n"
    thread = threadparse.parse(text)
    assert shape(thread) == [(0, "ada", "comment 1")]
    start = text.index("<!--")
    assert _codes(thread) == [("TP902", "not JSON after 1 JSON value")]
    assert thread.unparsed == (
        threadparse.Text("<!-- saved by a tool -->", Span(start, len(text) - 1)),
    )


def test_a_list_of_posts_is_not_a_thread() -> None:
    post_view = {"post": {"id": 5, "name": "A post"}, "counts": {"comments": 3}}
    for text in (
        json.dumps({"posts": [post_view], "next_page": "x"}),
        json.dumps({"items": [post_view], "next_page": "x"}),
    ):
        thread = threadparse.parse(text)
        assert (thread.comments, thread.post) == ((), None)
        assert [code for code, _ in _codes(thread)] == ["TP902"]
        assert _codes(thread)[0][1].startswith("a list of posts, not a thread")
        assert thread.unparsed[0].span == Span(0, len(text))
        assert threadparse.detect(text).confidence == 0.5


def test_comments_that_are_not_a_list_are_an_error_not_silence() -> None:
    text = json.dumps({"post_view": {"post": {"id": 5, "name": "T"}}, "comments": {"1": view(1)}})
    thread = threadparse.parse(text)
    assert thread.comments == ()
    assert _codes(thread) == [("TP902", "comments is not a list: no comment read from it")]
    start = text.index('{"1":')
    assert thread.unparsed[0].span == Span(start, len(text) - 1)


def test_a_null_list_is_no_list() -> None:
    text = json.dumps({"post_view": {"post": {"id": 5, "name": "T"}}, "comments": None})
    thread = threadparse.parse(text)
    assert (thread.comments, thread.diagnostics, thread.unparsed) == ((), (), ())
    assert thread.post is not None
    assert thread.post.title == "T"


def test_a_second_post_is_an_error_and_the_same_post_again_is_not() -> None:
    first = {"post_view": {"post": {"id": 77, "name": "T"}}, "comments": [view(1)]}
    again = {"post_view": {"post": {"id": 77, "name": "T"}}, "comments": [view(2)]}
    other = {"post_view": {"post": {"id": 6, "name": "U"}}, "comments": [view(3, post_id=6)]}
    same = threadparse.parse(json.dumps(first) + "\n" + json.dumps(again))
    assert (same.diagnostics, len(same.comments)) == ((), 2)
    assert same.post is not None
    assert same.post.title == "T"
    text = json.dumps(first) + "\n" + json.dumps(other)
    thread = threadparse.parse(text)
    assert [code for code, _ in _codes(thread)] == ["TP902", "TP403"]
    assert _codes(thread)[0][1] == (
        "a second post in one input: a thread holds one post; its comments are kept"
    )
    assert [c.post_id for c in thread.comments] == ["77", "6"]


def test_comments_of_several_posts_are_kept_with_their_post_ids() -> None:
    thread = parse_views([view(1, post_id=4), view(2, (1,), post_id=4), view(3, post_id=9)])
    assert [(c.id, c.post_id) for c in comments(thread)] == [("1", "4"), ("2", "4"), ("3", "9")]
    assert thread.post is None  # no post_view says which post the thread is
    ((code, message),) = _codes(thread)
    assert (code, message) == (
        "TP403",
        (
            "the comments are under 2 posts (ids 4, 9): they are kept in one thread, and each "
            "comment's post_id says which post it is under"
        ),
    )
    assert thread.diagnostics[0].span == thread.comments[1].span


# -- Identity and the post -----------------------------------------------------------


def test_ids_urls_and_the_missing_parents_id() -> None:
    v = view(8, (5,), ap_id="https://hexbear.net/comment/8")
    thread = parse_views([view(1), v])
    first, placeholder = thread.comments
    (orphan,) = placeholder.replies
    assert (first.id, first.parent_id, first.post_id, first.url, first.missing) == (
        "1",
        None,
        "77",
        None,
        False,
    )
    assert (orphan.id, orphan.parent_id, orphan.url) == ("8", "5", "https://hexbear.net/comment/8")
    assert (placeholder.id, placeholder.parent_id, placeholder.post_id, placeholder.missing) == (
        "5",
        None,
        "77",
        True,
    )
    assert orphan.author is not None
    assert orphan.author.url == f"{HOST}/u/ada"
    assert threadparse.to_dict(thread)["comments"][1]["replies"][0]["id"] == "8"


def test_the_post_from_a_post_view_and_from_the_comment_views_own_post() -> None:
    post = {
        "id": 5,
        "name": "Title",
        "url": "https://news.example/a",
        "creator_id": 9,
        "published": "2024-05-20T10:00:00Z",
    }
    creator = {"id": 9, "name": "op", "actor_id": f"{HOST}/u/op"}
    counts = {"score": 10, "upvotes": 11, "downvotes": 1, "comments": 2}
    full = threadparse.parse(
        json.dumps({"post_view": {"post": post, "creator": creator, "counts": counts}})
    )
    assert full.post is not None
    assert full.post.author is not None
    assert (full.post.id, full.post.title, full.post.domain, full.post.comment_count) == (
        "5",
        "Title",
        "news.example",
        2,
    )
    assert full.post.published == datetime(2024, 5, 20, 10, tzinfo=timezone.utc)
    assert (full.post.author.username, full.post.author.url) == ("op", f"{HOST}/u/op")
    from_views = parse_views([view(1, extra={"post": post})])
    assert from_views.post is not None
    assert (from_views.post.id, from_views.post.title, from_views.post.author) == (
        "5",
        "Title",
        None,
    )
    assert from_views.post.score is None  # a comment view's counts are the comment's


def test_a_comment_views_post_body_is_the_preamble_when_no_post_view_gives_one() -> None:
    post = {"id": 77, "name": "Title", "body": "Read the *rules* first."}
    text = json.dumps({"comment_view": view(1, extra={"post": post})})
    thread = threadparse.parse(text)
    (paragraph,) = thread.preamble.paragraphs
    assert paragraph.text == "Read the rules first."
    assert text[paragraph.span.start : paragraph.span.end] == "Read the *rules* first."
    several = parse_views(
        [view(1, extra={"post": post}), view(2, post_id=78, extra={"post": {**post, "id": 78}})]
    )
    assert (several.post, several.preamble.paragraphs) == (None, ())


# -- PieFed ---------------------------------------------------------------------------


def test_piefed_body_user_name_and_title() -> None:
    piefed = {
        "comment": {
            "id": 4,
            "user_id": 3,
            "post_id": 7,
            "body": "Hello *there*.",
            "published": "2026-07-14T18:24:19.706586Z",
            "path": "0.4",
            "deleted": False,
            "removed": False,
        },
        "counts": {"score": 2, "upvotes": 2, "downvotes": 0, "child_count": 0},
        "creator": {
            "id": 3,
            "user_name": "quill",
            "title": "Quill [she/her]",
            "bot": True,
            "actor_id": "https://piefed.social/u/quill",
        },
        "post": {"id": 7, "user_id": 3, "title": "A post"},
    }
    thread = threadparse.parse(json.dumps({"comments": [piefed], "next_page": None}))
    (comment,) = thread.comments
    assert comment.author == threadparse.Author(
        name="Quill",
        display_name="Quill [she/her]",
        instance="piefed.social",
        pronouns=("she/her",),
        badges=("OP", "B"),
        username="quill",
        url="https://piefed.social/u/quill",
    )
    assert [p.text for p in comment.paragraphs] == ["Hello there."]
    assert thread.post is not None
    assert thread.post.title == "A post"
    assert thread.diagnostics == ()


# -- The review's findings -------------------------------------------------------------


def test_a_missing_text_or_creator_name_is_reported() -> None:
    no_content = view(1)
    del no_content["comment"]["content"]
    gone = view(2, deleted=True)
    del gone["comment"]["content"]
    nameless = view(3)
    del nameless["creator"]["name"]
    no_creator = view(4)
    del no_creator["creator"]
    thread = parse_views([no_content, gone, nameless, no_creator])
    assert [(c.id, c.author is None, c.paragraphs) for c in thread.comments] == [
        ("1", False, ()),
        ("2", False, ()),
        ("3", True, (threadparse.Text("comment 3", thread.comments[2].paragraphs[0].span),)),
        ("4", True, thread.comments[3].paragraphs),
    ]
    assert _codes(thread) == [
        ("TP404", "comment 1 has no content: read as a comment without text"),
        ("TP404", "comment 3 has no creator name: its author is unknown"),
        ("TP404", "comment 4 has no creator name: its author is unknown"),
    ]


def test_a_real_comment_without_author_or_text_is_not_called_a_placeholder() -> None:
    bare = view(1, content="")
    del bare["creator"]
    thread = parse_views([bare, view(3, (2,))])
    real, placeholder = thread.comments
    assert (real.missing, placeholder.missing) == (False, True)
    outline = render_tree(thread)
    assert "• (author unknown)" in outline
    assert "• (comment 2 is not in the input: a placeholder for the comment replied to)" in outline
    assert outline.count("a placeholder for the comment") == 1


def test_a_bad_time_is_pointed_at_not_the_null_beside_it() -> None:
    v = view(1)
    v["comment"].pop("published")
    v["comment"]["published_at"] = None
    v["comment"]["published"] = "last week"
    text = json.dumps({"comments": [v]})
    thread = threadparse.parse(text)
    ((code, message),) = _codes(thread)
    assert (code, message) == ("TP402", "'last week' is not an RFC 3339 time: ignored")
    span = thread.diagnostics[0].span
    assert text[span.start : span.end] == '"last week"'


def test_a_blank_display_name_falls_back_to_the_username() -> None:
    thread = parse_views([view(1, creator="ada", display_name="   ")])
    author = thread.comments[0].author
    assert author is not None
    assert (author.name, author.display_name, author.username) == ("ada", "ada", "ada")


def test_markdown_read_as_plain_text_is_said_once_per_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("threadparse.core.markdown.lemmy_markdown", lambda: None)
    body = "**Sources:**\n\nhttps://t.me/x ~ Maps."
    text = json.dumps(
        {"post_view": {"post": {"id": 1, "body": body}}, "comments": [view(1), view(2), view(3)]}
    )
    thread = threadparse.parse(text)
    assert [code for code, _ in _codes(thread)] == ["TP103"]
    assert [p.text for c in thread.comments for p in c.paragraphs] == [
        "comment 1",
        "comment 2",
        "comment 3",
    ]


def test_a_path_not_ending_with_the_comments_id_is_reported() -> None:
    thread = parse_views([view(9), view(5, path="0.9")])
    assert shape(thread) == [(0, "ada", "comment 9"), (1, "ada", "comment 5")]
    assert _codes(thread) == [
        ("TP402", "comment 5's path '0.9' does not end with its id: read as a reply to comment 9")
    ]
    no_path = view(6)
    del no_path["comment"]["path"]
    assert _codes(parse_views([no_path])) == [
        ("TP404", "comment 6 has no path: read as a top-level comment")
    ]
