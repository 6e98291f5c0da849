"""Discourse JSON (dialect discourse-json): a topic's /t/ID.json and its posts pages.

The fixtures in tests/platforms/discourse are invented (names, text) in the
shapes of discourse/discourse_api's spec/fixtures/topic.json and
topic_posts.json (see docs/dialects/discourse-json.md).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings

import threadparse
from tests.mutations import damaged
from tests.nodes import check_lossless, check_spans
from threadparse import Span, Thread

HERE = Path(__file__).parent / "platforms" / "discourse"
TOPIC = (HERE / "topic.json").read_text(encoding="utf-8")


def _parse(text: str) -> Thread:
    thread = threadparse.parse(text, max_depth=None)
    check_spans(text, thread)
    check_lossless(text, thread)
    return thread


def _outline(thread: Thread) -> list[tuple[object, ...]]:
    return [
        (
            c.depth,
            c.id,
            c.parent_id,
            c.author.username if c.author else None,
            c.score,
            c.edited,
            c.deleted,
            c.removed,
            c.missing,
            [p.text for p in c.paragraphs],
        )
        for c in thread.walk()
    ]


def test_the_topic_reads_exactly() -> None:
    thread = _parse(TOPIC)
    assert threadparse.detect(TOPIC) == threadparse.Detection("discourse-json", 1.0, None)
    assert thread.dialect == "discourse-json"
    post = thread.post
    assert post is not None
    assert (post.id, post.title, post.score, post.comment_count) == (
        "77",
        "Glaze cracking at cone 6",
        4,
        11,
    )
    assert post.author is not None
    assert (post.author.name, post.author.username) == ("Ines Marlow", "ines")
    assert post.published == datetime(2024, 3, 2, 9, 15, 4, 120000, tzinfo=timezone.utc)
    assert TOPIC[post.span.start : post.span.end].startswith('{\n        "id": 501,')
    assert [p.text for p in thread.preamble.paragraphs] == [
        "Our kiln keeps cracking glaze at cone 6.",
        "Notes are on the firing log.",
    ]
    (link,) = thread.preamble.paragraphs[1].links
    assert (link.url, link.text) == ("https://pots.example/log", "the firing log")
    assert _outline(thread) == [
        (
            0,
            "502",
            None,
            "tbrook",
            3,
            True,
            False,
            False,
            False,
            ["Cool it slower: hold at 1000° for an hour."],
        ),
        (1, "503", "502", "ines", 0, False, False, False, False, ["Tried it, @tbrook: no cracks."]),
        (0, "#6", None, None, None, False, False, False, True, []),
        (1, "507", "#6", "wren", 1, False, False, False, False, ["Same here with a gas kiln."]),
        (0, "508", None, "quill", None, False, True, False, False, ["(post deleted by author)"]),
        (0, "509", None, "cheapglaze", 0, False, False, True, False, []),
        (
            1,
            "510",
            "509",
            "tbrook",
            None,
            False,
            False,
            False,
            False,
            ["Staff only: keep an eye on this one."],
        ),
    ]
    comments = {c.id: c for c in thread.walk()}
    assert comments["502"].author is not None
    assert comments["502"].author.badges == ("M",)
    assert comments["503"].author is not None
    assert (comments["503"].author.name, comments["503"].author.badges) == ("ines", ("OP",))
    assert comments["502"].updated == datetime(2024, 3, 2, 11, 20, tzinfo=timezone.utc)
    assert comments["503"].updated is None
    assert all(c.post_id == "77" for c in thread.walk() if not c.missing)
    assert [t.text for t in thread.chrome] == ["This topic is now pinned.", "closed.enabled"]
    assert thread.more_replies == 3
    assert [(d.code, d.line) for d in thread.diagnostics] == [("TP401", 112), ("TP405", 182)]
    assert (
        "lists 12 posts and the input holds 9: 3 not in the input" in thread.diagnostics[1].message
    )


def test_a_comment_span_is_its_post_object() -> None:
    thread = _parse(TOPIC)
    for comment in thread.walk():
        if not comment.missing:
            held = json.loads(TOPIC[comment.span.start : comment.span.end])
            assert str(held["id"]) == comment.id


def test_a_posts_page_after_the_topic_fills_the_stream() -> None:
    page = {
        "post_stream": {
            "posts": [
                {
                    "id": 506,
                    "username": "moss",
                    "cooked": "<p>Kiln wash?</p>",
                    "post_number": 6,
                    "post_type": 1,
                    "reply_to_post_number": 2,
                    "topic_id": 77,
                },
                {
                    "id": 511,
                    "username": "moss",
                    "cooked": "<p>Also <em>this</em></p>",
                    "post_number": 11,
                    "post_type": 1,
                    "reply_to_post_number": 6,
                    "topic_id": 77,
                },
            ]
        },
        "id": 77,
    }
    text = TOPIC + "\n" + json.dumps(page)
    thread = _parse(text)
    assert thread.more_replies == 1
    # 507 answers post 6, now present: no placeholder; 6 answers 2.
    assert [(c.depth, c.id, c.parent_id) for c in thread.walk()][:5] == [
        (0, "502", None),
        (1, "503", "502"),
        (1, "506", "502"),
        (2, "507", "506"),
        (2, "511", "506"),
    ]
    assert not any(c.missing for c in thread.walk())
    assert "holds 11: 1 not in the input" in thread.diagnostics[-1].message


def test_a_posts_page_alone_has_the_title_nowhere_and_posts_under_placeholders() -> None:
    text = json.dumps(
        {
            "post_stream": {
                "posts": [
                    {
                        "id": 9,
                        "username": "a",
                        "cooked": "<p>x</p>",
                        "post_number": 4,
                        "post_type": 1,
                        "reply_to_post_number": 3,
                        "topic_id": 5,
                    }
                ]
            },
            "id": 5,
        }
    )
    thread = _parse(text)
    assert thread.post is None
    assert [(c.id, c.missing) for c in thread.walk()] == [("#3", True), ("9", False)]
    assert [d.code for d in thread.diagnostics] == ["TP401"]


def test_a_topic_without_its_first_post_takes_the_title_and_creator() -> None:
    text = json.dumps(
        {
            "post_stream": {"posts": [], "stream": []},
            "id": 3,
            "title": "T",
            "details": {"created_by": {"username": "ada"}},
            "posts_count": 1,
        }
    )
    thread = _parse(text)
    assert thread.post is not None
    assert (thread.post.title, thread.post.id, thread.post.comment_count) == ("T", "3", 0)
    assert thread.post.author is not None
    assert thread.post.author.username == "ada"
    assert text[thread.post.span.start : thread.post.span.end] == '"T"'


def test_a_list_of_posts_alone_is_discourse() -> None:
    text = json.dumps(
        {
            "posts": [
                {
                    "id": 1,
                    "post_number": 2,
                    "cooked": "<p>hi</p>",
                    "username": "u",
                    "reply_to_post_number": None,
                }
            ]
        }
    )
    assert threadparse.detect(text).dialect == "discourse-json"
    thread = _parse(text)
    assert [(c.id, [p.text for p in c.paragraphs]) for c in thread.walk()] == [("1", ["hi"])]


def test_wrong_types_are_reported_and_not_discourse_is_unparsed() -> None:
    text = json.dumps(
        {
            "post_stream": {
                "posts": [
                    {
                        "id": "x1",
                        "post_number": "2",
                        "cooked": 5,
                        "username": "u",
                        "created_at": "soon",
                    },
                    7,
                ]
            }
        }
    )
    thread = _parse(text)
    assert [c.id for c in thread.walk()] == ["x1"]
    assert sorted(d.code for d in thread.diagnostics) == ["TP402", "TP402", "TP402", "TP902"]
    other = threadparse.parse('{"kind": 1}', dialect="discourse-json")
    assert [d.code for d in other.diagnostics] == ["TP902"]
    assert other.unparsed[0].span == Span(0, 11)


def test_replies_that_loop_are_read_top_level() -> None:
    posts = [
        {
            "id": n,
            "post_number": n,
            "reply_to_post_number": (n % 3) + 2,
            "cooked": "<p>p</p>",
            "username": "u",
            "post_type": 1,
        }
        for n in (2, 3, 4)
    ]
    thread = _parse(json.dumps({"post_stream": {"posts": posts}}))
    assert sorted(c.id for c in thread.walk() if c.id) == ["2", "3", "4"]
    assert any("loop" in d.message for d in thread.diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(TOPIC))
def test_a_damaged_topic_never_raises_and_stays_lossless(text: str) -> None:
    thread = threadparse.parse(text, dialect="discourse-json", max_depth=None)
    check_spans(text, thread)
    check_lossless(text, thread)
    threadparse.to_dict(thread)
