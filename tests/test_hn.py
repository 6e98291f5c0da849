"""Hacker News: Algolia and Firebase item JSON (hn-json).

The real files in ../shared/real_data/hn are read against their truth files
(written from the files alone by the folder's make_truth_platforms.py): every
comment with its id, parent, author, depth (where the file tells it), score,
first words and the span of its JSON object or HTML row, in page order.
Hand-made inputs, in the real files' shapes, pin each rule exactly.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans
from tests.platform_truth import REAL_DATA, first_words, truth_of
from tests.shared_data import needs_shared
from threadparse import Thread
from threadparse.strategies import damaged, threads

HN = REAL_DATA / "hn"
JSON_FILES = ["js-react-hn_algolia_item_18475438.json", "node-hacker-news-api_algolia_item_17.json"]


def _truth(name: str) -> dict[str, Any]:
    return truth_of(HN / name)


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
            first_words(" ".join(p.text for p in c.paragraphs)),
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


@needs_shared
@pytest.mark.parametrize("name", JSON_FILES)
def test_every_algolia_comment_reads_as_its_truth(name: str) -> None:
    text, thread = _read(name)
    assert threadparse.detect(text) == threadparse.Detection("hn-json", 1.0, None)
    assert thread.dialect == "hn-json"
    check_spans(text, thread)
    check_lossless(text, thread)
    assert thread.diagnostics == ()
    _check_truth(name, thread)


@needs_shared
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


@needs_shared
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


_FIREBASE_TEXT = json.dumps([STORY, _firebase(8952, by="a", parent=8863, text="x<p>y", kids=[1])])


def _mutation_base(kind: str) -> str:
    """Read when drawn, not at import: without ../shared the suite fails in the
    real-file tests, as the others do, rather than at collection."""
    if kind == "algolia":
        return (HN / "node-hacker-news-api_algolia_item_17.json").read_text(encoding="utf-8")
    return _FIREBASE_TEXT


@needs_shared
@settings(max_examples=150, deadline=None)
@given(
    base=st.sampled_from(["algolia", "firebase"]).map(_mutation_base),
    cut=st.integers(0, 2000),
    insert=st.text(alphabet='{}[]",:0123456789 nulltrue<>p/a\\', max_size=12),
)
def test_hn_json_never_raises_on_mutated_items(base: str, cut: int, insert: str) -> None:
    at = cut % (len(base) + 1)
    text = base[:at] + insert + base[at + len(insert) // 2 :]
    thread = threadparse.parse(text, dialect="hn-json")
    check_spans(text, thread)
    check_lossless(text, thread)


# -- hn-html --------------------------------------------------------------------------

HTML_FILE = "hn-utils_item_18927109_comment_page.html"


@needs_shared
def test_every_comment_of_the_real_comment_page_reads_as_its_truth() -> None:
    text, thread = _read(HTML_FILE)
    assert threadparse.detect(text) == threadparse.Detection("hn-html", 1.0, None)
    assert thread.dialect == "hn-html"
    check_spans(text, thread)
    check_lossless(text, thread)
    assert thread.diagnostics == ()
    truth = _truth(HTML_FILE)
    got = list(thread.walk())
    assert thread.post is None
    assert [
        (
            c.id,
            c.parent_id,
            c.author and c.author.name,
            first_words(" ".join(p.text for p in c.paragraphs)),
        )
        for c in got
    ] == [(t["id"], t["parent"], t["author"], t["words"]) for t in truth["comments"]]
    # The truth's spans run "row to row" (its maker's regex): they start where
    # ours do; ours end at the row's </tr>, and the truth's at the next row, or
    # (the last row) at the row's own inner </table>.
    for comment, expected in zip(got, truth["comments"], strict=True):
        start, end = expected["span"]
        assert comment.span.start == start
        between = text[min(end, comment.span.end) : max(end, comment.span.end)]
        assert not between.strip() or between.strip() == "</table></td></tr>"
    top = got[0]
    assert (top.depth, top.post_id, top.time) == (0, "18914411", "12 days ago")
    assert [c.depth for c in got] == [0, 1, 2, 1, 2]
    assert [c.text for c in thread.chrome][2:4] == [
        "Applications are open for YC Summer 2019",
        (
            "Guidelines | FAQ | Support | API | Security | Lists | Bookmarklet | Legal | Apply to YC "
            "| Contact"
        ),
    ]


# A story's page in HN's current markup (span.titleline, td.ind[indent],
# div.commtext): hand-made, no real story page being at hand (see the docs).
STORY_PAGE = """<html lang="en" op="item"><head><meta name="referrer" content="origin"><title>Show HN: A lamp | Hacker News</title></head><body><center><table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef">
<tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%" style="padding:2px"><tr><td style="width:18px;padding-right:4px"><a href="https://news.ycombinator.com"><img src="y18.svg" width="18" height="18"></a></td>
<td style="line-height:12pt; height:10px;"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b>
<a href="newest">new</a> | <a href="front">past</a> | <a href="newcomments">comments</a> | <a href="ask">ask</a> | <a href="show">show</a> | <a href="jobs">jobs</a> | <a href="submit" rel="nofollow">submit</a></span></td><td style="text-align:right;padding-right:4px;"><span class="pagetop">
<a href="login?goto=item%3Fid%3D40000000">login</a>
</span></td></tr></table></td></tr>
<tr id="pagespace" title="Show HN: A lamp" style="height:10px"></tr><tr><td><table class="fatitem" border="0">
<tr class='athing submission' id='40000000'>
<td align="right" valign="top" class="title"><span class="rank"></span></td><td valign="top" class="votelinks"><center><a id='up_40000000' href='vote?id=40000000&amp;how=up&amp;goto=item%3Fid%3D40000000'><div class='votearrow' title='upvote'></div></a></center></td><td class="title"><span class="titleline"><a href="https://www.example.com/lamp">Show HN: A lamp</a><span class="sitebit comhead"> (<a href="from?site=example.com"><span class="sitestr">example.com</span></a>)</span></span></td></tr><tr><td colspan="2"></td><td class="subtext"><span class="subline">
<span class="score" id="score_40000000">123 points</span> by <a href="user?id=ada" class="hnuser">ada</a> <span class="age" title="2024-05-01T12:00:00 1714564800"><a href="item?id=40000000">3 hours ago</a></span> <span id="unv_40000000"></span> | <a href="hide?id=40000000&amp;goto=item%3Fid%3D40000000">hide</a> | <a href="https://hn.algolia.com/?query=Show%20HN%3A%20A%20lamp">past</a> | <a href="fave?id=40000000">favorite</a> | <a href="item?id=40000000">4&nbsp;comments</a></span>
</td></tr>
<tr><td colspan="2"></td><td><div class="toptext">I made a lamp.<p>Plans are <a href="https://example.org/plans" rel="nofollow">here</a>.</p></div></td></tr>
<tr style="height:10px"></tr><tr><td colspan="2"></td><td><form action="comment" method="post"><input type="hidden" name="parent" value="40000000"><textarea name="text" rows="8" cols="80"></textarea><br><br><input type="submit" value="add comment"></form></td></tr>
</table><br>
<table border="0" class='comment-tree'>
<tr class='athing comtr' id='40000001'><td><table border='0'><tr><td class='ind' indent='0'><img src="s.gif" height="1" width="0"></td><td valign="top" class="votelinks"><center><a id='up_40000001' href='vote?id=40000001&amp;how=up'><div class='votearrow' title='upvote'></div></a></center></td><td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">
<a href="user?id=bob" class="hnuser">bob</a> <span class="age" title="2024-05-01T13:00:00 1714568400"><a href="item?id=40000001">2 hours ago</a></span> <span id="unv_40000001"></span><span class="navs"> | <a href="#40000004" class="clicky">next</a></span> <a class="togg clicky" id="40000001" n="3" href="javascript:void(0)">[&ndash;]</a><span class="onstory"></span></span></div><br><div class="comment">
<div class="commtext c00">Nice build.<p>See <a href="https:&#x2F;&#x2F;example.net&#x2F;x" rel="nofollow">https:&#x2F;&#x2F;example.net&#x2F;x</a></p></div>
<div class='reply'><p><font size="1"><u><a href="reply?id=40000001&amp;goto=item%3Fid%3D40000000%2340000001" rel="nofollow">reply</a></u></font></p></div></div></td></tr></table></td></tr>
<tr class='athing comtr' id='40000002'><td><table border='0'><tr><td class='ind' indent='1'><img src="s.gif" height="1" width="40"></td><td class="default"><div><span class="comhead">
<a href="user?id=cy" class="hnuser">cy</a> <span class="age" title="2024-05-01T13:30:00 1714570200"><a href="item?id=40000002">1 hour ago</a></span> [dead] <span class="navs"> | <a href="#40000001" class="clicky">parent</a></span></span></div><br><div class="comment">
<div class="commtext cdd">Buy pills.</div>
<div class='reply'></div></div></td></tr></table></td></tr>
<tr class='athing comtr' id='40000003'><td><table border='0'><tr><td class='ind' indent='2'><img src="s.gif" height="1" width="80"></td><td class="default"><div><span class="comhead">
<span class="age" title="2024-05-01T13:40:00 1714570800"><a href="item?id=40000003">1 hour ago</a></span> [deleted]</span></div><br><div class="comment">
<div class="commtext c00">[deleted]</div>
</div></td></tr></table></td></tr>
<tr class='athing comtr' id='40000004'><td><table border='0'><tr><td class='ind' indent='0'><img src="s.gif" height="1" width="0"></td><td class="default"><div><span class="comhead">
<a href="user?id=dee" class="hnuser">dee</a> <span class="age" title="2024-05-01T14:00:00 1714572000"><a href="item?id=40000004">1 hour ago</a></span></span></div><br><div class="comment">
<div class="commtext c00">Second thread.</div>
</div></td></tr></table></td></tr>
</table>
<tr><td><a href="item?id=40000000&amp;p=2" class="morelink" rel="next">More</a></td></tr>
<tr><td><center><span class="yclinks"><a href="newsguidelines.html">Guidelines</a> | <a href="newsfaq.html">FAQ</a></span></center></td></tr>
</table></center></body></html>
"""


def test_a_story_page_reads_exactly() -> None:
    text = STORY_PAGE
    assert threadparse.detect(text) == threadparse.Detection("hn-html", 1.0, None)
    thread = threadparse.parse(text)
    check_spans(text, thread)
    check_lossless(text, thread)
    post = thread.post
    assert post is not None
    assert (
        post.id,
        post.title,
        post.url,
        post.domain,
        post.score,
        post.comment_count,
        post.time,
        post.published,
        post.author and post.author.name,
    ) == (
        "40000000",
        "Show HN: A lamp",
        "https://www.example.com/lamp",
        "example.com",
        123,
        4,
        "3 hours ago",
        datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc),
        "ada",
    )
    assert [p.text for p in thread.preamble.paragraphs] == ["I made a lamp.", "Plans are here."]
    assert [
        (c.id, c.depth, c.parent_id, c.author and c.author.name, c.deleted, c.removed)
        for c in thread.walk()
    ] == [
        ("40000001", 0, None, "bob", False, False),
        ("40000002", 1, "40000001", "cy", False, True),
        ("40000003", 2, "40000002", None, True, False),
        ("40000004", 0, None, "dee", False, False),
    ]
    first = thread.comments[0]
    assert [p.text for p in first.paragraphs] == ["Nice build.", "See https://example.net/x"]
    (link,) = first.paragraphs[1].links
    assert link.url == "https://example.net/x"
    assert first.published == datetime(2024, 5, 1, 13, 0, tzinfo=timezone.utc)
    assert first.post_id == "40000000"
    dead = first.replies[0]
    assert [p.text for p in dead.paragraphs] == ["Buy pills."]
    assert dead.replies[0].paragraphs == ()
    assert [(d.code, text[d.span.start : d.span.end]) for d in thread.diagnostics] == [
        ("TP405", '<a href="item?id=40000000&amp;p=2" class="morelink" rel="next">More</a>')
    ]
    assert "Guidelines | FAQ" in [c.text for c in thread.chrome]


def test_older_pages_indent_by_image_width() -> None:
    text = STORY_PAGE.replace(" indent='1'", "").replace(" indent='2'", "")
    thread = threadparse.parse(text)
    assert [c.depth for c in thread.walk()] == [0, 1, 2, 0]


def test_html_outside_the_page_table_is_unparsed() -> None:
    text = "<div>stray words</div>" + STORY_PAGE
    thread = threadparse.parse(text, dialect="hn-html")
    assert [u.text for u in thread.unparsed] == ["stray words"]
    assert "TP901" in [d.code for d in thread.diagnostics]
    check_lossless(text, thread)


def test_other_html_is_not_hn() -> None:
    assert threadparse.detect("<html><body><p>athing</p></body></html>").dialect != "hn-html"
    thread = threadparse.parse("<p>hello</p>", dialect="hn-html")
    assert next(d.code for d in thread.diagnostics) == "TP102"


@settings(max_examples=100, deadline=None)
@given(
    cut=st.integers(0, len(STORY_PAGE)),
    insert=st.text(alphabet="<>/\"' =tdrpaclsindex0123[]", max_size=16),
    drop=st.integers(0, 40),
)
def test_hn_html_never_raises_on_mutated_pages(cut: int, insert: str, drop: int) -> None:
    text = STORY_PAGE[:cut] + insert + STORY_PAGE[cut + drop :]
    thread = threadparse.parse(text, dialect="hn-html")
    check_spans(text, thread)
    check_lossless(text, thread)


# -- hn-text ---------------------------------------------------------------------------

# A story's page as a select-all copy gives it, in the shape of the real copies
# quoted in public files (docs/dialects/hacker-news.md): the tab lines between
# comments, the blank line after each header, "reply" after each body.
COPY = (
    "\tHacker Newsnew | past | comments | ask | show | jobs | submit\tlogin\n"
    "Show HN: A lamp made of paper (example.com)\n"
    "123 points by ada 3 hours ago | hide | past | favorite | 45 comments\n"
    "I made a lamp.\nPlans are linked below.\n\n help\n\n\n\t\n"
    "bob 2 hours ago | next [–]\n\nNice build.\nSecond line.\n\nA second paragraph.\n\nreply\n\n\t\n"
    "cy 1 hour ago | parent | next [–]\n\nThanks!\nreply\n\n\t\n"
    "dee 1 hour ago [dead] | root | parent | prev | next [–]\n\nBuy pills.\nreply\n\n\t\n"
    "emu 5 minutes ago | prev [–]\n\nLast one.\nreply\n\n\n\n\n\n"
    "Guidelines | FAQ | Lists | API | Security | Legal | Apply to YC | Contact\n\nSearch: \n"
)


def test_a_copied_story_page_reads_exactly() -> None:
    assert threadparse.detect(COPY) == threadparse.Detection("hn-text", 1.0, None)
    thread = threadparse.parse(COPY)
    check_spans(COPY, thread)
    check_lossless(COPY, thread)
    post = thread.post
    assert post is not None
    assert (
        post.title,
        post.domain,
        post.score,
        post.author and post.author.name,
        post.time,
        post.comment_count,
    ) == ("Show HN: A lamp made of paper", "example.com", 123, "ada", "3 hours ago", 45)
    assert [p.text for p in thread.preamble.paragraphs] == [
        "I made a lamp.\nPlans are linked below."
    ]
    assert [
        (c.author and c.author.name, c.time, c.depth, c.removed, [p.text for p in c.paragraphs])
        for c in thread.walk()
    ] == [
        ("bob", "2 hours ago", 0, False, ["Nice build.\nSecond line.", "A second paragraph."]),
        ("cy", "1 hour ago", 0, False, ["Thanks!"]),
        ("dee", "1 hour ago", 0, True, ["Buy pills."]),
        ("emu", "5 minutes ago", 0, False, ["Last one."]),
    ]
    first = thread.comments[0]
    assert COPY[first.span.start : first.span.end].endswith("A second paragraph.\n\nreply")
    assert [c.text for c in thread.chrome] == [
        "Hacker Newsnew | past | comments | ask | show | jobs | submit\tlogin",
        "help",
        "Guidelines | FAQ | Lists | API | Security | Legal | Apply to YC | Contact",
        "Search:",
    ]
    assert thread.nesting is False
    assert [d.code for d in thread.diagnostics] == ["TP201"]


def test_header_variants_read_as_headers() -> None:
    text = (
        "Title\n5 points by ada 1 day ago | flag | hide | past | favorite | discuss\n"
        "bob 2 days ago | root | parent | next [–]\nx\n"
        "cy 2 days ago [flagged] [dead] | parent | prev [+]\ny\n"
        "dee 3 years ago | parent | flag | favorite | on: Show HN: A lamp | x [–]\nz\n"
        "[deleted] | parent | next [–]\n"
        "emu 4 months ago [3 more]\nMore\n"
    )
    thread = threadparse.parse(text)
    check_spans(text, thread)
    check_lossless(text, thread)
    assert thread.dialect == "hn-text"
    assert thread.post is not None
    assert thread.post.comment_count == 0
    assert [(c.author and c.author.name, c.deleted, c.removed) for c in thread.comments] == [
        ("bob", False, False),
        ("cy", False, True),
        ("dee", False, False),
        (None, True, False),
        ("emu", False, False),
    ]
    assert sorted(d.code for d in thread.diagnostics) == ["TP201", "TP405"]


def test_lines_that_are_not_hn_s_are_unparsed() -> None:
    text = "A stray line\n" + COPY + "Some extension's button\n"
    thread = threadparse.parse(text, dialect="hn-text")
    assert [u.text for u in thread.unparsed] == ["A stray line", "Some extension's button"]
    assert [d.code for d in thread.diagnostics].count("TP901") == 2
    check_lossless(text, thread)


@pytest.mark.parametrize(
    "text",
    [
        "[–]ada 5 points 3 hours ago\nbody\npermalinkembedsavereportreply\n",
        "[-] ada 5 points 3 hours ago\nbody\n",
        "ada 3 hours ago\njust a line that names a time\n",
    ],
)
def test_other_page_texts_are_not_hn_text(text: str) -> None:
    assert threadparse.detect(text).dialect != "hn-text"


@settings(max_examples=100, deadline=None)
@given(
    cut=st.integers(0, len(COPY)),
    insert=st.text(alphabet="ab1 |[]–+\n\tpointsbyago", max_size=20),
    drop=st.integers(0, 30),
)
def test_hn_text_never_raises_on_mutated_copies(cut: int, insert: str, drop: int) -> None:
    text = COPY[:cut] + insert + COPY[cut + drop :]
    thread = threadparse.parse(text, dialect="hn-text")
    check_spans(text, thread)
    check_lossless(text, thread)


# -- hn-text: the writer, read back ---------------------------------------------------


def _hn_view(comment: threadparse.Comment) -> tuple[Any, ...]:
    """What of a comment an HN copy shows (see ``render_hn_text``)."""
    from threadparse.formats.hn_text import shown_age, shown_name

    return (
        "[deleted]" if comment.deleted else shown_name(comment.author),
        shown_age(comment.time),
        comment.deleted,
        comment.removed and not comment.deleted,
        () if comment.deleted else tuple(p.text for p in comment.paragraphs),
    )


def _hn_read(comment: threadparse.Comment) -> tuple[Any, ...]:
    return (
        comment.author.name if comment.author else "[deleted]",
        comment.time,
        comment.deleted,
        comment.removed,
        tuple(p.text for p in comment.paragraphs),
    )


@settings(max_examples=60)
@given(
    st.sampled_from(["lemmy-0.19", "lemmy-0.18", "hexbear"]).flatmap(
        lambda dialect: threads(dialect=dialect)
    )
)
def test_hn_text_reads_back_what_the_writer_shows(thread: Thread) -> None:
    text = threadparse.render(thread, "hn-text")
    parsed = threadparse.parse(text)
    drawn = list(thread.walk())
    assert parsed.dialect == ("hn-text" if drawn else parsed.dialect)
    assert [_hn_read(c) for c in parsed.comments] == [_hn_view(c) for c in drawn]
    assert all(c.depth == 0 and not c.replies for c in parsed.comments)
    assert parsed.nesting is (len(drawn) < 2)
    assert [p.text for p in parsed.preamble.paragraphs] == [
        p.text for p in thread.preamble.paragraphs
    ]
    check_lossless(text, parsed)
    check_spans(text, parsed)


@settings(max_examples=60)
@given(
    st.data(),
    st.sampled_from(["lemmy-0.19", "lemmy-0.18", "hexbear"]).flatmap(
        lambda dialect: threads(dialect=dialect)
    ),
)
def test_hn_text_copy_damage_never_raises_or_drops_a_line(
    data: st.DataObject, thread: Thread
) -> None:
    text = data.draw(damaged(threadparse.render(thread, "hn-text")))
    parsed = threadparse.parse(text, dialect="hn-text")
    check_lossless(text, parsed)
    check_spans(text, parsed)
