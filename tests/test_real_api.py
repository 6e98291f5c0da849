"""API responses other people captured from live servers (../shared/real_data/lemmy_api):
Lemmy 0.18, 0.19 and 1.0, and PieFed's Lemmy-compatible API.

Each file is checked against its own JSON, read independently with ``json``:
every comment view is a comment with its id, author, text, post and place in
the tree, and its span is its own object; the post's title is there wherever
the response has a post. Then what each shape adds is asserted exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import threadparse
from tests.nodes import check_spans, comments
from tests.shared_data import needs_shared
from threadparse import Comment, Span, Thread

pytestmark = needs_shared  # every test here reads ../shared/real_data

REAL_API = Path(__file__).resolve().parents[2] / "shared" / "real_data" / "lemmy_api"
FILES = sorted(path.name for path in REAL_API.glob("*.json"))
POST_LISTS = {"adadkins_lemmy_links_bot_voyager_post_list_0.19.json"}


def _read(name: str) -> tuple[str, Thread]:
    text = (REAL_API / name).read_text(encoding="utf-8")
    return text, threadparse.parse(text)


def _views(data: Any) -> list[dict[str, Any]]:
    """The comment views of a response, as the shapes list them."""
    if isinstance(data, list):
        return data
    views = list(data.get("comments") or data.get("items") or [])
    return views + ([data["comment_view"]] if "comment_view" in data else [])


def _post_of(data: Any) -> dict[str, Any] | None:
    if isinstance(data, dict) and "post_view" in data:
        post: dict[str, Any] = data["post_view"]["post"]
        return post
    views = _views(data)
    posts = {view["post"]["id"] for view in views}
    return views[0]["post"] if len(posts) == 1 else None


def test_the_real_responses_are_all_here() -> None:
    assert len(FILES) == 9, FILES


@pytest.mark.parametrize("name", FILES)
def test_every_comment_view_is_a_comment_with_its_id_author_text_and_place(name: str) -> None:
    text, thread = _read(name)
    data = json.loads(text)
    check_spans(text, thread)
    if name in POST_LISTS:
        assert thread.comments == ()
        assert thread.post is None
        ((code, span),) = [(d.code, d.span) for d in thread.diagnostics]
        assert (code, span) == ("TP902", Span(0, len(text.rstrip())))
        assert threadparse.detect(text).confidence == 0.5
        return
    assert threadparse.detect(text) == threadparse.Detection("lemmy-api", 1.0, None)
    assert not [d for d in thread.diagnostics if d.code in ("TP402", "TP404", "TP902")]
    by_id = {c.id or "": c for c in comments(thread) if not c.missing}
    views = _views(data)
    assert sorted(by_id) == sorted(str(v["comment"]["id"]) for v in views)
    for view in views:
        own = view["comment"]
        comment = by_id[str(own["id"])]
        creator = view["creator"]
        assert comment.author is not None
        assert comment.author.username == creator.get("name", creator.get("user_name"))
        assert comment.author.url == creator.get("ap_id", creator.get("actor_id"))
        assert comment.url == own["ap_id"]
        assert comment.post_id == str(own["post_id"])
        path = own["path"].split(".")
        assert comment.parent_id == (path[-2] if len(path) > 2 else None)
        assert comment.depth == len(path) - 2
        source = own.get("content", own.get("body"))
        assert bool(comment.paragraphs) == bool(source.strip())
        assert comment.paragraphs[0].text.split()[0][:3] in source
        assert json.loads(text[comment.span.start : comment.span.end]) == view
    for parent in comments(thread):  # replies sit under the comment their path names
        assert all(reply.parent_id == parent.id for reply in parent.replies)
    post = _post_of(data)
    if post is None:
        assert thread.post is None
    else:
        assert thread.post is not None
        assert (thread.post.id, thread.post.title, thread.post.url) == (
            str(post["id"]),
            post.get("name", post.get("title")),
            post.get("url"),
        )


def test_lemmy_1_0_paged_comment_list() -> None:
    text, thread = _read("LemmyKit_getCommentsResponseV4.json")
    (comment,) = thread.comments
    assert thread.diagnostics == ()
    assert _identity(comment) == (
        "501",
        None,
        "180",
        "https://test1.lemmy.ddenis.info/comment/501",
        ("seed_mod1", "Mod One", "https://test1.lemmy.ddenis.info/u/seed_mod1", ("OP",)),
        ["Great track, thanks for sharing!"],
        (3, 3, 0),
    )
    assert thread.post == threadparse.Post(
        title="Live recording (thread 8)",
        author=None,  # a comment view names the post's creator by id only
        community=threadparse.Community("music", "Music", "test1.lemmy.ddenis.info"),
        url="https://example.com/live",
        domain="example.com",
        language=None,
        time=None,
        score=1,
        upvotes=1,
        downvotes=0,
        comment_count=7,
        embed=(),
        span=thread.post.span if thread.post else Span(0, 0),
        id="180",
        published=thread.post.published if thread.post else None,
    )
    assert thread.post is not None
    assert text[thread.post.span.start : thread.post.span.end].startswith('{\n        "id": 180,')
    assert thread.post.published is not None
    assert thread.post.published.isoformat() == "2026-06-12T23:37:46.566375+00:00"


def test_comment_response_0_18_and_1_0() -> None:
    for name, expected in [
        ("dallyh_lemmy-kt-client_GetCommentResponse_0.18.json", ("2", "Test post!", "lemmy")),
        ("LemmyKit_commentResponseV4.json", ("501", "Live recording (thread 8)", "seed_mod1")),
    ]:
        _, thread = _read(name)
        (comment,) = thread.comments
        assert thread.post is not None
        assert comment.author is not None
        assert (comment.id, thread.post.title, comment.author.username) == expected
        assert thread.diagnostics == ()


def test_get_post_response_alone_is_the_post_and_no_comments() -> None:
    _, thread = _read("LemmyKit_getPostResponseV3.json")
    assert (thread.comments, thread.diagnostics, thread.preamble.paragraphs) == ((), (), ())
    post = thread.post
    assert post is not None
    assert post.author is not None
    assert (post.id, post.title, post.comment_count, post.score) == (
        "180",
        "Live recording (thread 8)",
        7,
        1,
    )
    assert (post.author.username, post.author.display_name, post.author.badges) == (
        "seed_mod1",
        "Mod One",
        (),
    )


def test_piefed_comment_list_reads_every_author_and_text() -> None:
    _, thread = _read("LemmyKit_piefed-comment_list.json")
    listed = [(c.depth, c.id, c.author.username if c.author else None) for c in comments(thread)]
    # 12116620 is missing: its placeholder sits where its reply 12116646 is listed
    # (12116786, listed before both, is 12116646's reply).
    assert listed == [
        (0, "12115800", "thethrilloftime69"),
        (0, "12115933", "reddig33"),
        (1, "12116636", "lemmyng"),
        (0, "12117008", "socsa"),
        (1, "12117226", "roofuskit"),
        (0, "12116277", "usernamefactory"),
        (0, "12116620", None),
        (1, "12116646", "lemmyng"),
        (2, "12116786", "missingno"),
        (0, "12116498", "mrmaplebar"),
        (1, "12116768", "potpotato"),
    ]
    assert [c.missing for c in comments(thread)] == [False] * 6 + [True] + [False] * 4
    assert all(c.author is not None and c.paragraphs for c in comments(thread) if not c.missing)
    lemmyng = thread.comments[1].replies[0]
    assert lemmyng.author is not None
    assert (lemmyng.author.name, lemmyng.author.instance) == ("Lemmayng", "lemmy.world")
    placeholder = thread.comments[4]
    assert (placeholder.parent_id, placeholder.post_id, placeholder.author) == (
        None,
        "2210082",
        None,
    )
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        (
            "TP401",
            (
                "comment 12116646 is in a reply to comment 12116620, which is not in the input: "
                "an empty placeholder stands in for it"
            ),
        )
    ]
    first = thread.comments[0]
    assert (first.score, first.upvotes, first.downvotes, first.more_replies) == (42, 42, 0, None)
    assert thread.post is not None
    assert thread.post.title is not None
    assert thread.post.title.startswith("‘Moana’ Could Lose")
    assert thread.post.community == threadparse.Community("movies", "movies", "piefed.social")


def test_comments_of_several_posts_are_kept_and_said_to_be() -> None:
    _, thread = _read("adadkins_lemmy_links_bot_voyager_comment_list_0.19.json")
    assert thread.post is None
    assert len(list(thread.walk())) == 10
    ((code, message),) = [(d.code, d.message) for d in thread.diagnostics]
    assert code == "TP403"
    assert message.startswith("the comments are under 4 posts (ids 39509, ")
    assert {c.post_id for c in thread.walk()} == {"39509", "30391", "39204", "3998"}


def _identity(comment: Comment) -> tuple[Any, ...]:
    author = comment.author
    return (
        comment.id,
        comment.parent_id,
        comment.post_id,
        comment.url,
        None
        if author is None
        else (author.username, author.display_name, author.url, author.badges),
        [p.text for p in comment.paragraphs],
        (comment.score, comment.upvotes, comment.downvotes),
    )
