"""Reddit JSON (dialect reddit-json): thread JSON, morechildren, Pushshift and dump lines.

The real responses in ../shared/real_data/reddit are read against their truth
files (written from the JSON alone by the folder's make_truth_platforms.py):
every comment with its id, parent, author, depth, score, first words and the
span of its JSON object, in page order, and every ``more`` stub counted.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import threadparse
from tests.nodes import check_lossless, check_spans
from tests.platform_truth import REAL_DATA, first_words, truth_of
from tests.shared_data import needs_shared
from threadparse import Comment, Span, Thread

REDDIT = REAL_DATA / "reddit"
FILES = sorted(
    str(path.relative_to(REDDIT))
    for path in [
        *REDDIT.glob("*.json"),
        *REDDIT.glob("*.ndjson"),
        *REDDIT.glob("morechildren/*.json"),
    ]
)
#: Files whose comments the truth lists in file order: flat lists, not page order.
FLAT = {"pmaw_pushshift_comment_search_kxi2w8.json", "pushshift-importer_comments.ndjson"}


def _truth(name: str) -> dict[str, Any]:
    return truth_of(REDDIT / name)


def _shown(comment: Comment) -> str:
    if comment.deleted:
        return "[deleted]"
    if comment.removed:
        return "[removed]"
    return " ".join(p.text for p in comment.paragraphs)


def _read(name: str) -> tuple[str, Thread]:
    text = (REDDIT / name).read_text(encoding="utf-8")
    return text, threadparse.parse(text, max_depth=None)


@needs_shared
def test_the_real_files_are_all_here() -> None:
    assert len(FILES) == 26, FILES


@pytest.mark.parametrize("name", FILES)
def test_every_comment_reads_as_its_truth(name: str) -> None:
    text, thread = _read(name)
    truth = _truth(name)
    assert threadparse.detect(text) == threadparse.Detection("reddit-json", 1.0, None)
    assert thread.dialect == "reddit-json"
    check_spans(text, thread)
    check_lossless(text, thread)
    assert not [d for d in thread.diagnostics if d.code in ("TP402", "TP404", "TP902")]
    got = [c for c in thread.walk() if not c.missing]
    if Path(name).name in FLAT:
        got.sort(key=lambda c: c.span.start)
    expected = [
        (
            t["id"],
            t["parent"],
            t["author"],
            t["depth"],
            None if t["score_hidden"] else t["score"],
            t["words"],
            tuple(t["span"]),
        )
        for t in truth["comments"]
    ]
    assert [
        (
            c.id,
            c.parent_id,
            c.author.name if c.author else None,
            c.depth if expected[i][3] is not None else None,
            c.score if expected[i][4] is not None else None,
            first_words(_shown(c)),
            (c.span.start, c.span.end),
        )
        for i, c in enumerate(got)
    ] == [
        # 3hahrw's cu5wud7 writes "1) he didn't ...": CommonMark reads "1)" as a list
        # marker (the page shows it: Reddit's renderer does not); see docs.
        e if e[0] != "cu5wud7" else (*e[:5], "he didn t mis time his", e[6])
        for e in expected
    ]
    stubs = sum(
        m["children"].__len__() if m["count"] is None else m["count"] for m in truth["more"]
    )
    assert sum(c.more_replies or 0 for c in got) + (thread.more_replies or 0) == stubs
    post = truth["post"]
    if post is None:
        assert thread.post is None
    else:
        assert thread.post is not None
        assert (thread.post.id, thread.post.title, thread.post.score) == (
            post["id"],
            post["title_unescaped"],
            post["score"],
        )
        assert thread.post.author is not None
        assert thread.post.author.name == post["author"]


@needs_shared
def test_the_2012_api_votes_are_ups_less_downs() -> None:
    _, thread = _read("creaddit_vtvuk_thread.json")
    first = thread.comments[0]
    assert (first.id, first.score, first.upvotes, first.downvotes) == ("c57lwlh", 409, 458, 49)


@needs_shared
def test_a_continue_this_thread_stub_is_said() -> None:
    _, thread = _read("asyncpraw_6otocc_chain.json")
    deepest = list(thread.walk())[-1]
    ((code, message),) = [(d.code, d.message) for d in thread.diagnostics]
    assert code == "TP405"
    assert message == (
        f'comment {deepest.id}\'s replies continue on another page ("continue this thread"): '
        "how many is not in the input"
    )
    assert deepest.more_replies is None


@needs_shared
def test_a_morechildren_answer_after_its_thread_fills_the_stub() -> None:
    thread_text = (REDDIT / "praw_3hahrw_thread.json").read_text(encoding="utf-8")
    answer = (REDDIT / "morechildren" / "praw_3hahrw_morechildren_01.json").read_text(
        encoding="utf-8"
    )
    alone = threadparse.parse(thread_text, max_depth=None)
    merged = threadparse.parse(thread_text + "\n" + answer, max_depth=None)
    parent = next(c for c in merged.walk() if c.id == "cu5p1hh")
    before = next(c for c in alone.walk() if c.id == "cu5p1hh")
    assert (before.more_replies, parent.more_replies) == (12, 1)  # the answer brought 11
    new = {c.id for c in parent.walk()} - {c.id for c in before.walk()}
    assert len(new) == 11
    assert all(not c.missing for c in merged.walk())
    assert len(list(merged.walk())) == len(list(alone.walk())) + 11


def _thing(kind: str, **data: Any) -> dict[str, Any]:
    return {"kind": kind, "data": data}


def _listing(*children: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "Listing", "data": {"children": list(children), "after": None}}


def _t1(cid: str, parent: str, body: str, *replies: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data = {
        "id": cid,
        "name": f"t1_{cid}",
        "parent_id": parent,
        "link_id": "t3_p1",
        "author": extra.pop("author", "ada"),
        "body": body,
        "score": extra.pop("score", 1),
        "created_utc": 1_600_000_000.0,
        "edited": extra.pop("edited", False),
        "replies": _listing(*replies) if replies else "",
        **extra,
    }
    return _thing("t1", **data)


POST = _thing(
    "t3",
    id="p1",
    name="t3_p1",
    title="Tom &amp; Jerry",
    author="op",
    selftext="Intro &amp; more.",
    is_self=True,
    url="https://www.reddit.com/r/x/comments/p1/",
    subreddit="x",
    score=10,
    num_comments=4,
    created_utc=1_599_999_000,
)


def test_a_stub_that_lists_a_comment_and_its_reply_counts_each_once() -> None:
    """A stub's ``children`` may name comments at several depths; a reply found
    under a listed comment it also lists is one comment, not two."""
    thread_json = json.dumps(
        [
            _listing(POST),
            _listing(
                _thing(
                    "more", id="k2", name="t1_k2", parent_id="t3_p1", count=4, children=["k2", "k3"]
                )
            ),
        ]
    )
    answer = json.dumps(
        {
            "json": {
                "errors": [],
                "data": {
                    "things": [
                        _t1("k2", "t3_p1", "Listed."),
                        _t1("k3", "t1_k2", "Listed too, and a reply of k2."),
                        _t1("k4", "t1_k3", "Not listed, under k3."),
                    ]
                },
            }
        }
    )
    thread = threadparse.parse(thread_json + "\n" + answer)
    assert [(c.id, c.depth) for c in thread.walk()] == [("k2", 0), ("k3", 1), ("k4", 2)]
    assert thread.more_replies == 1  # 4 held back, 3 of them here
    assert [d.message for d in thread.diagnostics if d.code == "TP405"] == [
        "1 'more' stub holds back 1 comment not in the input: counted in more_replies"
    ]


def test_a_hand_made_thread_reads_exactly() -> None:
    tree = [
        _listing(POST),
        _listing(
            _t1(
                "a",
                "t3_p1",
                "Fish &amp; chips &gt; pie",
                _t1("b", "t1_a", "[deleted]", author="[deleted]"),
                _thing(
                    "more", id="m1", name="t1_m1", parent_id="t1_a", count=3, children=["m1", "m2"]
                ),
                author="op",
                edited=1_600_000_100,
            ),
            _t1("c", "t3_p1", "[removed]", distinguished="moderator", author="mod"),
            _thing("more", id="m3", name="t1_m3", parent_id="t3_p1", count=5, children=["m3"]),
        ),
    ]
    text = json.dumps(tree)
    thread = threadparse.parse(text)
    assert thread.post is not None
    assert (thread.post.title, thread.post.community, thread.post.url) == (
        "Tom & Jerry",
        threadparse.Community("x", None, "reddit.com"),
        None,
    )
    assert [p.text for p in thread.preamble.paragraphs] == ["Intro & more."]
    first, removed = thread.comments
    assert [p.text for p in first.paragraphs] == ["Fish & chips > pie"]
    span = first.paragraphs[0].span
    assert text[span.start : span.end] == "Fish &amp; chips &gt; pie"
    assert first.author == threadparse.Author(
        "op", "op", None, (), ("OP",), "op", "https://www.reddit.com/user/op"
    )
    assert (first.edited, first.updated, first.more_replies) == (
        True,
        datetime.fromtimestamp(1_600_000_100, tz=timezone.utc),
        3,
    )
    (deleted,) = first.replies
    assert (deleted.deleted, deleted.paragraphs, deleted.author) == (
        True,
        (),
        threadparse.Author("[deleted]", "[deleted]", None, (), ()),
    )
    assert (removed.removed, removed.author and removed.author.badges) == (True, ("M",))
    assert thread.more_replies == 5
    assert (first.url, first.post_id, deleted.parent_id) == (
        "https://www.reddit.com/comments/p1/_/a/",
        "p1",
        "a",
    )
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        (
            "TP405",
            "2 'more' stubs hold back 8 comments not in the input: counted in more_replies",
        )
    ]


def test_dump_lines_rebuild_the_tree_in_any_order() -> None:
    lines = [
        {
            "id": "b",
            "parent_id": "t1_a",
            "link_id": "t3_p1",
            "subreddit": "x",
            "author": "u",
            "body": "reply",
            "score": "2",
            "created_utc": "1600000000",
        },
        {
            "id": "a",
            "parent_id": "t3_p1",
            "link_id": "t3_p1",
            "subreddit": "x",
            "author": "v",
            "body": "top",
            "score": 3,
            "created_utc": 1600000000,
        },
        {
            "id": "z",
            "parent_id": "t1_gone",
            "link_id": "t3_p1",
            "subreddit": "x",
            "author": "w",
            "body": "orphan",
            "score": 1,
            "created_utc": 1600000000,
        },
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n"
    thread = threadparse.parse(text)
    assert [(c.depth, c.id, c.parent_id, c.missing) for c in thread.walk()] == [
        (0, "a", None, False),
        (1, "b", "a", False),
        (0, "gone", None, True),
        (1, "z", "gone", False),
    ]
    reply = thread.comments[0].replies[0]
    assert reply.published == datetime.fromtimestamp(1_600_000_000, tz=timezone.utc)
    assert reply.score is None  # "2" is not a number: reported
    assert [d.code for d in thread.diagnostics] == ["TP402", "TP401"]


def test_not_reddit_json_is_an_error_with_its_text_kept() -> None:
    text = '{"kind": "t5", "data": {}}'
    thread = threadparse.parse(text, dialect="reddit-json")
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        ("TP902", "a Reddit thing of kind 't5': not placed")
    ]
    assert thread.unparsed[0].span == Span(0, len(text))


def test_reddit_markdown_keeps_quotes_straight_and_reads_entities() -> None:
    body = 'Don\'t -- "quoted" &amp;#3232;_&amp;#3232;'  # legacy JSON escapes the & once more
    thread = threadparse.parse(json.dumps([_listing(POST), _listing(_t1("a", "t3_p1", body))]))
    assert [p.text for p in thread.comments[0].paragraphs] == ['Don\'t -- "quoted" ಠ_ಠ']


def test_dump_lines_cut_to_a_few_columns_are_still_reddit() -> None:
    """Researchers keep a dump's few columns they need; ``link_id`` as Reddit's
    fullname of a thread still says whose records these are."""
    text = (
        '{"id": "b2", "parent_id": "t1_b1", "link_id": "t3_p5", "author": "tern", "body": "Agreed."}\n'
        '{"id": "b1", "parent_id": "t3_p5", "link_id": "t3_p5", "author": "auk", "body": "Tides."}\n'
    )
    assert threadparse.detect(text) == threadparse.Detection("reddit-json", 1.0, None)
    thread = threadparse.parse(text)
    assert [
        (c.id, c.parent_id, c.depth, c.author.name if c.author else None) for c in thread.walk()
    ] == [
        ("b1", None, 0, "auk"),
        ("b2", "b1", 1, "tern"),
    ]
    assert thread.diagnostics == ()
    # Without the fullname it is no Reddit record: said, not guessed.
    other = threadparse.parse('{"id": "b1", "link_id": 5, "body": "Tides."}')
    assert other.dialect == "lemmy-api"
    assert [d.code for d in other.diagnostics] == ["TP902"]
