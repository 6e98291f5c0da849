"""Hacker News: Algolia and Firebase item JSON (hn-json).

The real files in ../shared/real_data/hn are read against their truth files
(written from the files alone by the folder's make_truth_platforms.py): every
comment with its id, parent, author, depth (where the file tells it), score,
first words and the span of its JSON object or HTML row, in page order.
Hand-made inputs, in the real files' shapes, pin each rule exactly.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans
from threadparse import Thread

HN = Path(__file__).resolve().parents[2] / "shared" / "real_data" / "hn"
JSON_FILES = ["js-react-hn_algolia_item_18475438.json", "node-hacker-news-api_algolia_item_17.json"]


def _truth(name: str) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads((HN / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    return truth


def _words(text: str) -> str:
    """The truth's normal form of a text's first words."""
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()[:6]).casefold()


def _read(name: str) -> tuple[str, Thread]:
    text = (HN / name).read_text(encoding="utf-8")
    return text, threadparse.parse(text, max_depth=None)


def _check_truth(name: str, thread: Thread) -> None:
    truth = _truth(name)
    got = [c for c in thread.walk() if not c.missing]
    expected = [
        (t["id"], t["parent"], t["author"], t["depth"], t["score"], t["words"], tuple(t["span"]))
        for t in truth["comments"]
    ]
    assert [
        (
            c.id,
            c.parent_id,
            c.author.name if c.author else None,
            c.depth if expected[i][3] is not None else None,
            c.score if expected[i][4] is not None else None,
            _words(" ".join(p.text for p in c.paragraphs)),
            (c.span.start, c.span.end),
        )
        for i, c in enumerate(got)
    ] == expected
    post = truth["post"]
    if post is None:
        assert thread.post is None
    else:
        assert thread.post is not None
        assert thread.post.author is not None
        assert (
            thread.post.id,
            thread.post.title,
            thread.post.score,
            thread.post.author.name,
        ) == (post["id"], post["title_unescaped"], post["score"], post["author"])


# -- hn-json: the real files ---------------------------------------------------------


@pytest.mark.parametrize("name", JSON_FILES)
def test_every_algolia_comment_reads_as_its_truth(name: str) -> None:
    text, thread = _read(name)
    assert threadparse.detect(text) == threadparse.Detection("hn-json", 1.0, None)
    assert thread.dialect == "hn-json"
    check_spans(text, thread)
    check_lossless(text, thread)
    assert thread.diagnostics == ()
    _check_truth(name, thread)


def test_the_real_story_keeps_its_deleted_comments_and_link() -> None:
    _, thread = _read("js-react-hn_algolia_item_18475438.json")
    assert thread.post is not None
    assert (thread.post.url, thread.post.domain, thread.post.published) == (
        "https://threader.app/thread/1063423110513418240",
        "threader.app",
        datetime(2018, 11, 17, 13, 27, 56, tzinfo=timezone.utc),
    )
    deleted = [c for c in thread.walk() if c.deleted]
    assert len(deleted) == 8
    assert all(c.author is None and c.paragraphs == () for c in deleted)
    assert max(c.depth for c in thread.walk()) == 6
    assert {c.post_id for c in thread.walk()} == {"18475438"}


def test_a_comment_item_is_a_top_level_comment_with_its_parent_kept() -> None:
    _, thread = _read("node-hacker-news-api_algolia_item_17.json")
    (root,) = thread.comments
    assert (root.id, root.parent_id, root.post_id, root.depth, root.score) == (
        "17",
        "15",
        "1",
        0,
        5,
    )
    assert [(r.id, r.depth, r.parent_id) for r in root.replies] == [
        ("1079", 1, "17"),
        ("454426", 1, "17"),
    ]
    assert root.url == "https://news.ycombinator.com/item?id=17"


# -- hn-json: hand-made, in the real shapes -------------------------------------------


def _algolia(
    item_id: int, kind: str, author: str | None, text: str | None, *children: Any, **more: Any
) -> dict[str, Any]:
    return {
        "id": item_id,
        "created_at": "2018-11-17T16:56:14.000Z",
        "created_at_i": 1542473774,
        "type": kind,
        "author": author,
        "title": more.pop("title", None),
        "url": more.pop("url", None),
        "text": text,
        "points": more.pop("points", None),
        "parent_id": more.pop("parent_id", None),
        "story_id": more.pop("story_id", 1),
        "children": list(children),
        **more,
    }


def test_an_algolia_story_reads_exactly() -> None:
    story = _algolia(
        1,
        "story",
        "ada",
        '<p>Ask HN: what &amp; why?</p><p>See <a href="https://example.org/a" rel="nofollow">this</a></p>',
        _algolia(
            2,
            "comment",
            "bob",
            "First<p>Second &#x27;quoted&#x27;",
            _algolia(3, "comment", None, None, parent_id=2),
            parent_id=1,
        ),
        _algolia(4, "comment", "cy", "<p>Third</p>", parent_id=1),
        title="Ask HN: Why?",
        points=12,
        story_id=None,
    )
    text = json.dumps(story, indent=2)
    thread = threadparse.parse(text)
    check_spans(text, thread)
    check_lossless(text, thread)
    assert thread.post == threadparse.Post(
        title="Ask HN: Why?",
        author=threadparse.Author(
            "ada", "ada", None, (), (), "ada", "https://news.ycombinator.com/user?id=ada"
        ),
        community=None,
        url=None,
        domain=None,
        language=None,
        time=None,
        score=12,
        upvotes=None,
        downvotes=None,
        comment_count=None,
        embed=(),
        span=threadparse.Span(0, len(text)),
        id="1",
        published=datetime.fromtimestamp(1542473774, tz=timezone.utc),
    )
    assert [p.text for p in thread.preamble.paragraphs] == ["Ask HN: what & why?", "See this"]
    (link,) = thread.preamble.paragraphs[1].links
    assert (link.url, link.text, text[link.span.start : link.span.end]) == (
        "https://example.org/a",
        "this",
        "this",
    )
    first, third = thread.comments
    assert [p.text for p in first.paragraphs] == ["First", "Second 'quoted'"]
    assert text[first.paragraphs[0].span.start : first.paragraphs[0].span.end] == "First"
    assert (first.parent_id, first.depth, first.score, third.parent_id) == (None, 0, None, None)
    (gone,) = first.replies
    assert (gone.deleted, gone.author, gone.paragraphs, gone.parent_id, gone.depth) == (
        True,
        None,
        (),
        "2",
        1,
    )
    assert thread.diagnostics == ()


def test_an_algolia_parent_id_against_its_nesting_is_said() -> None:
    story = _algolia(1, "story", "ada", None, _algolia(2, "comment", "b", "x", parent_id=9))
    thread = threadparse.parse(json.dumps(story))
    assert [d.code for d in thread.diagnostics] == ["TP402"]
    assert thread.comments[0].parent_id is None


def _firebase(item_id: int, kind: str = "comment", **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "type": kind, "time": 1175714200, **fields}


STORY = _firebase(
    8863,
    "story",
    by="dhouston",
    descendants=71,
    kids=[8952, 9224, 8917],
    score=111,
    title="My YC app: Dropbox - Throw away your USB drive",
    url="http://www.getdropbox.com/u/2/screencast.html",
)


def test_firebase_items_in_any_order_nest_by_parent_and_rank_by_kids() -> None:
    items = [
        _firebase(8917, by="c", parent=8863, text="third ranked"),
        _firebase(9000, by="d", parent=8952, text="a reply<p>in two", kids=[9001, 9002]),
        STORY,
        _firebase(8952, by="a", parent=8863, text="first ranked", kids=[9000]),
        _firebase(9224, deleted=True, parent=8863),
        _firebase(9002, by="e", parent=9000, text="killed", dead=True),
    ]
    for text in (json.dumps(items), "\n".join(json.dumps(item) for item in items)):
        assert threadparse.detect(text).dialect == "hn-json"
        thread = threadparse.parse(text)
        check_spans(text, thread)
        check_lossless(text, thread)
        assert thread.post is not None
        assert (
            thread.post.title,
            thread.post.domain,
            thread.post.score,
            thread.post.comment_count,
            thread.post.author and thread.post.author.name,
        ) == (
            "My YC app: Dropbox - Throw away your USB drive",
            "getdropbox.com",
            111,
            71,
            "dhouston",
        )
        assert [(c.id, c.depth, c.parent_id) for c in thread.walk()] == [
            ("8952", 0, None),
            ("9000", 1, "8952"),
            ("9002", 2, "9000"),
            ("9224", 0, None),
            ("8917", 0, None),
        ]
        reply = thread.comments[0].replies[0]
        assert [p.text for p in reply.paragraphs] == ["a reply", "in two"]
        assert reply.more_replies == 1  # 9001 is listed in kids, not in the input
        dead = reply.replies[0]
        assert (dead.removed, [p.text for p in dead.paragraphs]) == (True, ["killed"])
        deleted = thread.comments[1]
        assert (deleted.deleted, deleted.author, deleted.paragraphs) == (True, None, ())
        assert {c.post_id for c in thread.walk()} == {"8863"}
        assert thread.more_replies is None
        assert [(d.code, d.message) for d in thread.diagnostics] == [
            ("TP405", "1 reply listed in kids is not in the input: counted in more_replies")
        ]


def test_firebase_comments_without_their_story_keep_their_parents() -> None:
    text = json.dumps(
        _firebase(2921983, by="norvig", parent=2921506, text="Aw shucks", kids=[2922097])
    )
    thread = threadparse.parse(text)
    (comment,) = thread.comments
    assert (comment.parent_id, comment.depth, comment.more_replies, comment.missing) == (
        "2921506",
        0,
        1,
        False,
    )
    assert [d.code for d in thread.diagnostics] == ["TP405"]


def test_a_missing_parent_under_a_story_gets_a_placeholder() -> None:
    items = [STORY, _firebase(5, by="x", parent=4, text="orphan")]
    thread = threadparse.parse(json.dumps(items))
    (placeholder,) = thread.comments
    assert (placeholder.missing, placeholder.id, placeholder.replies[0].id) == (True, "4", "5")
    assert thread.more_replies == 3
    assert sorted(d.code for d in thread.diagnostics) == ["TP401", "TP405"]


def test_a_poll_reads_its_options_into_the_preamble() -> None:
    items = [
        _firebase(126809, "poll", by="pg", score=46, title="Poll: ?", parts=[126810], kids=[]),
        _firebase(126810, "pollopt", by="pg", poll=126809, score=335, text="Yes"),
    ]
    thread = threadparse.parse(json.dumps(items))
    assert [p.text for p in thread.preamble.paragraphs] == ["Yes (335 points)"]
    assert thread.comments == ()
    assert thread.diagnostics == ()


def test_a_second_story_is_not_read() -> None:
    text = json.dumps([STORY, _firebase(1, "story", by="x", title="other")])
    thread = threadparse.parse(text)
    assert thread.post is not None
    assert thread.post.id == "8863"
    assert [d.code for d in thread.diagnostics] == ["TP405", "TP902"]
    assert len(thread.unparsed) == 1


@pytest.mark.parametrize(
    ("value", "dialect"),
    [
        ({"kind": "Listing", "data": {"children": []}}, "reddit-json"),
        ({"id": 1, "type": "comment", "by": "a"}, "hn-json"),
        ({"id": "1", "type": "comment", "by": "a"}, "lemmy-api"),
        ({"id": 1, "type": "image", "by": "a"}, "lemmy-api"),
        ({"type": "story", "children": [], "story_id": None}, "hn-json"),
        ({"comments": [], "type": "story"}, "lemmy-api"),
    ],
)
def test_detection_takes_hn_items_and_leaves_the_rest(value: Any, dialect: str) -> None:
    assert threadparse.detect(json.dumps(value)).dialect == dialect


def test_hn_json_asked_for_on_other_json_is_kept_unparsed() -> None:
    text = '{"kind": "Listing"}'
    thread = threadparse.parse(text, dialect="hn-json")
    assert thread.comments == ()
    assert [d.code for d in thread.diagnostics] == ["TP902"]
    check_lossless(text, thread)


_ALGOLIA_TEXT = (HN / "node-hacker-news-api_algolia_item_17.json").read_text(encoding="utf-8")
_FIREBASE_TEXT = json.dumps([STORY, _firebase(8952, by="a", parent=8863, text="x<p>y", kids=[1])])


@settings(max_examples=150, deadline=None)
@given(
    base=st.sampled_from([_ALGOLIA_TEXT, _FIREBASE_TEXT]),
    cut=st.integers(0, 2000),
    insert=st.text(alphabet='{}[]",:0123456789 nulltrue<>p/a\\', max_size=12),
)
def test_hn_json_never_raises_on_mutated_items(base: str, cut: int, insert: str) -> None:
    at = cut % (len(base) + 1)
    text = base[:at] + insert + base[at + len(insert) // 2 :]
    thread = threadparse.parse(text, dialect="hn-json")
    check_spans(text, thread)
    check_lossless(text, thread)
