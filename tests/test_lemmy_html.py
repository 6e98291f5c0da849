"""lemmy-ui pages as HTML (../shared/real_ui): server HTML, saved DOM, Firefox's copied HTML.

Every ``.html`` capture is read against its truth (``truth/CASE.json``, page
order). A page (``ssr.html``, ``dom.html``) carries ``window.isoData``, so its
votes, flags and instances are exact; a copy (``clipboard.html``) has what
Firefox keeps of a selection: no times, no "N more replies", votes as shown
(0.18.5 and 0.19.3: the score, rounded by numToSI; 0.19.12: none).
Hostile HTML never raises and says what it could not read.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

import threadparse
from tests.nodes import check_lossless, check_spans
from tests.test_real_ui import _si

ROOT = Path(__file__).resolve().parents[1]
REAL_UI = Path(__file__).resolve().parents[2] / "shared" / "real_ui"

if not REAL_UI.is_dir():  # CI always has it: conftest.py stops a run without it
    pytest.skip(f"no captures at {REAL_UI}", allow_module_level=True)

PAGES = sorted(REAL_UI.glob("lemmy-ui-*.html"))


def _facts(path: Path) -> tuple[str, str, bool]:
    """(version, case, copy) from ``lemmy-ui-VERSION_CASE.(ssr|BROWSER.dom|BROWSER.clipboard).html``."""
    version, rest = path.name.removeprefix("lemmy-ui-").split("_", 1)
    return version, rest.split(".")[0], rest.endswith(".clipboard.html")


def _truth(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REAL_UI / "truth" / f"{case}.json").read_text("utf-8"))
    return data


def _folded(text: str) -> str:
    return text.replace("’", "'")


@pytest.fixture(params=PAGES, ids=lambda path: path.name.removeprefix("lemmy-ui-"))
def page(request: pytest.FixtureRequest) -> tuple[Path, str, threadparse.Thread]:
    path: Path = request.param
    text = path.read_bytes().decode("utf-8")
    return path, text, threadparse.parse(text)


def test_detected_as_lemmy_html(page: tuple[Path, str, threadparse.Thread]) -> None:
    path, text, thread = page
    _, _, copy = _facts(path)
    found = threadparse.detect(text)
    assert (found.dialect, found.confidence) == ("lemmy-html", 1.0)
    assert thread.dialect == "lemmy-html"
    assert found.capture == thread.capture == ("html-copy" if copy else "html")
    assert thread.nesting
    assert [d for d in thread.diagnostics if d.severity is threadparse.Severity.ERROR] == []
    assert thread.unparsed == ()


def test_every_comment_to_its_truth(page: tuple[Path, str, threadparse.Thread]) -> None:
    path, _, thread = page
    version, case, copy = _facts(path)
    truth = _truth(case)
    got = list(thread.walk())
    assert len(got) == truth["visible_comments"] == len(truth["comments"])
    old = version in ("0.18.5", "0.19.3")
    local_known = not (copy and case == "linkpost")  # a copy names the site's host only
    # in the subscribe hint of a local community
    for comment, expected in zip(got, truth["comments"], strict=True):
        author = comment.author
        assert author is not None
        assert author.username == expected["username"]
        assert author.display_name == (expected["display_name"] or expected["username"])
        if local_known or not expected["local"]:
            assert author.instance == expected["instance"]
        else:
            assert author.instance is None
        badges = [b for b in expected["badges"] if not old or b != "Banned from community"]
        assert list(author.badges) == badges
        assert comment.depth == expected["depth"]
        assert comment.language == expected["language"]
        assert (comment.deleted, comment.removed) == (expected["deleted"], expected["removed"])
        assert comment.id is not None
        assert comment.post_id is not None
        if copy:
            assert comment.more_replies is None  # unselectable: not in the copy
            assert comment.time is None
            assert comment.edited is False
            if old:
                assert comment.score == _si(expected["score"])
                assert (comment.upvotes, comment.downvotes) == (None, None)
            else:
                assert (comment.score, comment.upvotes, comment.downvotes) == (None, None, None)
        else:
            assert comment.more_replies == expected["more_replies"]
            assert (comment.score, comment.upvotes, comment.downvotes) == (
                expected["score"],
                expected["upvotes"],
                expected["downvotes"],
            )
            assert comment.edited == expected["edited"]
            assert comment.time is not None
            assert comment.published is not None
            assert (comment.updated is not None) == expected["edited"]
            # the ActivityPub id: on the comment's home instance, with its id there
            assert comment.url is not None
            assert comment.url.startswith("https://")
            assert "/comment/" in comment.url
        assert len(comment.paragraphs) == expected["paragraphs"]
        if expected["first_words"] is not None:
            assert _folded(comment.paragraphs[0].text).startswith(_folded(expected["first_words"]))


def test_ids_and_parents_follow_the_markup(page: tuple[Path, str, threadparse.Thread]) -> None:
    _, text, thread = page
    for comment in thread.walk():
        assert comment.id is not None
        element = text[comment.span.start : comment.span.end]
        assert element.startswith('<li class="comment')
        assert f'id="comment-{comment.id}"' in element[:200]
        for reply in comment.replies:
            assert reply.parent_id == comment.id
            assert reply.depth == comment.depth + 1
            assert comment.span.start < reply.span.start < reply.span.end <= comment.span.end
        for paragraph in comment.paragraphs:
            assert text[paragraph.span.start] == "<"
            assert text[paragraph.span.end - 1] == ">"
    for comment in thread.comments:
        assert comment.parent_id is None


def test_the_post(page: tuple[Path, str, threadparse.Thread]) -> None:
    path, _, thread = page
    _, case, copy = _facts(path)
    expected = _truth(case)["post"]
    post = thread.post
    assert post is not None
    assert post.author is not None
    assert post.title == expected["title"]
    assert (post.author.username, post.author.display_name) == (
        expected["author"]["username"],
        expected["author"]["display_name"],
    )
    assert post.community == threadparse.Community(
        name=expected["community"]["name"],
        title=expected["community"]["title"],
        host=expected["community"]["host"],
    )
    assert post.url == expected["url"]
    assert post.language == expected["language"]
    assert post.comment_count == (None if copy else expected["comment_count_shown"])
    assert post.id is not None
    if copy:
        assert (post.score, post.time) == (None, None)  # unselectable
    else:
        assert post.score == expected["score"]
        assert post.upvotes is not None
        assert post.downvotes is not None
        assert post.score == post.upvotes - post.downvotes
        assert post.time is not None
        assert post.published is not None
    if expected["url"] is not None:
        assert post.domain == "news.varnholm.example"
        assert [text.text for text in post.embed] == [
            "Council opens live tram data to the public",
            (
                "After a 31 to 4 vote, the city will publish vehicle positions every fifteen "
                "seconds from July."
            ),
        ]
    else:
        assert post.embed == ()


def test_the_post_body(page: tuple[Path, str, threadparse.Thread]) -> None:
    path, _, thread = page
    _, case, _ = _facts(path)
    titles = [(s.title, len(s.items), len(s.sections)) for s in thread.sections]
    if case == "deep":
        assert len(thread.preamble.paragraphs) == 3
        assert thread.preamble.paragraphs[0].text.startswith("Picture: the night shift")
        assert titles == [
            (None, 3, 0),
            ("Soravia Salt Flats", 1, 1),
            ("Varnholm Transit Strike", 1, 0),
            ("Frost and Harvest", 2, 0),
        ]
        sources = thread.sections[1].sections[0]
        assert sources.title == "Sources"
        assert [item.url for item in sources.items] == [
            "https://t.me/soravia_waterboards",
            "https://t.me/flatswatch_en",
            "https://t.me/lithiumledger",
        ]
        assert sources.items[1].description == "English-language blockade updates with road maps."
    elif case == "post":
        assert len(thread.preamble.paragraphs) == 2
        assert titles == [(None, 1, 0), ("Harbour Strikes", 1, 1), ("Grain Corridor", 0, 2)]
    else:
        assert (thread.preamble.paragraphs, thread.sections) == ((), ())


#: The web links the bodies of each case hold (the thread data's markdown links).
LINKS = {
    "deep": [
        ("https://waterboards.example/soravia/agreement-0609", "posted by the water boards"),
        ("https://waterboards.example/soravia/annex-2", "published annex"),
    ],
    "post": [("https://example.org/harbourfed/statement-0610", "the federation’s site")],
    "linkpost": [],
}


def test_paragraphs_keep_their_links(page: tuple[Path, str, threadparse.Thread]) -> None:
    path, text, thread = page
    _, case, _ = _facts(path)
    found = [(p, link) for c in thread.walk() for p in c.paragraphs for link in p.links]
    assert [(link.url, link.text) for _, link in found] == LINKS[case]
    for paragraph, link in found:
        # The span is the link's shown text; the <a> element with the href ends there.
        assert html.unescape(text[link.span.start : link.span.end]) == link.text
        opening = text.rindex("<a ", 0, link.span.start)
        assert f'href="{link.url}"' in text[opening : link.span.start]
        assert text.startswith("</a>", link.span.end)
        assert paragraph.span.start <= link.span.start <= link.span.end <= paragraph.span.end


def test_chrome_and_nothing_lost(page: tuple[Path, str, threadparse.Thread]) -> None:
    path, text, thread = page
    _, case, _ = _facts(path)
    check_lossless(text, thread)
    check_spans(text, thread)
    chrome = [line.text for line in thread.chrome]
    truth = _truth(case)
    assert truth["chrome"][0] in chrome  # the site's name
    assert {"Communities", "Login", "Sign Up", "Modlog"} <= set(chrome)
    description = next(line for line in truth["chrome"] if line.endswith("."))
    assert description in chrome
    content = [p.text for c in thread.walk() for p in c.paragraphs]
    assert not {"Communities", "Login", "Hot", "Modlog"} & set(content)


def test_streaming_reads_the_page_as_parse_does(
    page: tuple[Path, str, threadparse.Thread],
) -> None:
    _, text, thread = page
    pieces = [text[i : i + 4096] for i in range(0, len(text), 4096)]
    assert threadparse.assemble(threadparse.iter_thread(pieces)) == thread


def test_every_dump_validates(page: tuple[Path, str, threadparse.Thread]) -> None:
    from jsonschema import Draft202012Validator

    _, _, thread = page
    Draft202012Validator(threadparse.json_schema()).validate(threadparse.to_dict(thread))


# -- Hand-written pages in lemmy-ui's shape ------------------------------------------

COMMENT = (
    '<li class="comment list-unstyled"><article class="details comment-node py-2" '
    'id="comment-{id}"><div class="ms-2"><div class="d-flex flex-wrap align-items-center">'
    '<a class="person-listing" title="ada" href="/u/ada"><span>ada</span>'
    '<small class="text-muted">@lemmy.ml</small></a>'
    '<span class="badge text-bg-light d-none d-sm-inline me-2">English</span>'
    '<div><span class="unselectable"><span aria-label="3 Upvotes">3</span>'
    '<span aria-label="1 Downvotes">1</span><span class="mx-2">·</span></span></div>'
    '<span><span class="moment-time" data-tippy-content="Sunday, November 29th, 2026 at '
    '7:04:22 AM GMT+00:00">3 days ago</span></span></div>'
    '<div class="comment-content"><div class="md-div"><p>hello {id}</p></div></div>'
    "</div></article>"
)


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html><head></head><body><div class="lemmy-site">{body}</div></body></html>'


def test_a_hand_written_comment() -> None:
    text = _page('<ul class="comments">' + COMMENT.format(id=7) + "</li></ul>")
    thread = threadparse.parse(text)
    (comment,) = thread.comments
    assert comment.author == threadparse.Author(
        name="ada",
        display_name="ada",
        instance="lemmy.ml",
        pronouns=(),
        badges=(),
        username="ada",
        url=None,
    )
    assert (comment.score, comment.upvotes, comment.downvotes) == (2, 3, 1)
    assert (comment.language, comment.time, comment.id) == ("English", "3 days ago", "7")
    assert comment.published is not None
    assert comment.published.isoformat() == "2026-11-29T07:04:22+00:00"
    assert [p.text for p in comment.paragraphs] == ["hello 7"]
    assert text[comment.span.start : comment.span.end].endswith("</li>")
    assert thread.diagnostics == ()


def test_unknown_text_in_a_comment_is_unparsed_with_tp903() -> None:
    text = _page(
        '<ul class="comments">'
        + COMMENT.format(id=7).replace("</small></a>", "</small></a><b>surprise</b>")
        + "</li></ul>"
    )
    thread = threadparse.parse(text)
    assert [u.text for u in thread.unparsed] == ["surprise"]
    (diagnostic,) = thread.diagnostics
    assert diagnostic.code == "TP903"
    assert text[diagnostic.span.start : diagnostic.span.end] == "surprise"
    check_lossless(text, thread)


def test_ten_thousand_levels_of_replies() -> None:
    depth = 10_000
    text = _page(
        "".join('<ul class="comments">' + COMMENT.format(id=i) for i in range(depth))
        + "</li></ul>" * depth
    )
    thread = threadparse.parse(text, max_depth=None)
    depths = [comment.depth for comment in thread.walk()]
    assert depths == list(range(depth))
    capped = threadparse.parse(text)
    assert max(comment.depth for comment in capped.walk()) == threadparse.MAX_DEPTH
    assert sum(d.code == "TP204" for d in capped.diagnostics) == depth - 1 - threadparse.MAX_DEPTH


@pytest.mark.parametrize(
    ("name", "text", "codes"),
    [
        ("nesting", _page("<div>" * 10_000 + "deep" + "</div>" * 10_000), ["TP903"]),
        ("unclosed", '<div class="lemmy-site">' + "<p><b><i>" * 2_000 + "x", ["TP107", "TP903"]),
        ("huge attribute", _page('<a title="' + "x" * 2_000_000 + '">t</a>'), ["TP903"]),
        ("entities", _page("<p>" + "&amp;&#x41;&nbsp;&bogus;" * 20_000 + "</p>"), ["TP903"]),
        (
            "cut mid-comment",
            _page('<ul class="comments">' + COMMENT.format(id=1))[:-300],
            ["TP107"],
        ),
        ("stray tags", _page("</div></li><li>a</p>" * 1_000 + "<" * 1_000), ["TP903"]),
    ],
)
def test_hostile_html_never_raises(name: str, text: str, codes: list[str]) -> None:
    thread = threadparse.parse(text, dialect="lemmy-html")
    found = {d.code for d in thread.diagnostics}
    assert set(codes) <= found, name
    check_lossless(text, thread)
    check_spans(text, thread)


def test_a_page_cut_mid_comment_keeps_what_it_read() -> None:
    text = _page('<ul class="comments">' + COMMENT.format(id=1) + COMMENT.format(id=2))
    cut = text[: text.index("hello 2")]
    thread = threadparse.parse(cut)
    assert [c.id for c in thread.walk()] == ["1", "2"]
    assert [p.text for p in thread.comments[0].paragraphs] == ["hello 1"]
    assert "TP107" in {d.code for d in thread.diagnostics}


def test_html_that_is_not_lemmy_ui_keeps_tp108() -> None:
    thread = threadparse.parse("<html><body><p>hi</p></body></html>")
    assert thread.dialect != "lemmy-html"
    assert "TP108" in {d.code for d in thread.diagnostics}
    asked = threadparse.parse("<html><body><p>hi</p></body></html>", dialect="lemmy-html")
    assert [d.code for d in asked.diagnostics] == ["TP102", "TP903"]
    assert [u.text for u in asked.unparsed] == ["hi"]


def test_a_block_left_open_around_a_reply_does_not_swallow_it() -> None:
    """The fuzzer's find (fuzz/regressions/html-unclosed-quote-holds-a-reply): a quote
    never closed holds the next comment; its paragraph's span was the whole quote,
    over the reply's own paragraph. Now the quote's text is a Text per line."""
    data = (ROOT / "fuzz" / "regressions" / "html-unclosed-quote-holds-a-reply").read_bytes()
    text = data[1:].decode("utf-8")
    thread = threadparse.parse(text)
    assert [
        (c.depth, c.id, [(p.text, text[p.span.start : p.span.end]) for p in c.paragraphs])
        for c in thread.walk()
    ] == [
        (0, "1", [("Quoted.", "Quoted.")]),
        (1, "2", [("Reply 2 & more.", "<p>Reply 2 &amp; more.</p>")]),
    ]
    assert [d.code for d in thread.diagnostics] == ["TP107"]


def test_a_link_over_a_line_end_is_a_link_on_each_line() -> None:
    """The fuzzer's find (fuzz/regressions/html-link-over-a-line-end): a link's span
    was its whole element, past the line its Text covers, and its text ran the
    lines together. Now each line holds the part of the link it shows."""
    data = (ROOT / "fuzz" / "regressions" / "html-link-over-a-line-end").read_bytes()
    text = data[1:].decode("utf-8")
    (comment,) = threadparse.parse(text).comments
    assert [
        (p.text, [(link.url, link.text, text[link.span.start : link.span.end]) for link in p.links])
        for p in comment.paragraphs
    ] == [
        ("See the boards", [("https://x.example/a", "the boards", "the boards")]),
        ("and more here", [("https://x.example/a", "and more", "and more")]),
    ]


def test_a_link_urlsplit_cannot_read_never_raises() -> None:
    """The fuzzer's find (fuzz/regressions/html-broken-ipv6-profile-link):
    ``urlsplit`` raises ValueError on ``http://[::1``; every reader now splits
    URLs through ``core/urls.py``, which reads such a URL as having no parts."""
    data = (ROOT / "fuzz" / "regressions" / "html-broken-ipv6-profile-link").read_bytes()
    thread = threadparse.parse(data[1:].decode("utf-8"))
    (comment,) = thread.comments
    assert comment.author is not None
    assert (comment.author.name, comment.author.instance, comment.author.username) == (
        "ada",
        "lemmy.ml",
        None,
    )
    assert thread.diagnostics == ()
