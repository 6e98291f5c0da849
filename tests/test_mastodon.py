"""Mastodon JSON (dialect mastodon-json): a status, its context, ActivityPub Notes.

The fixtures in tests/platforms/mastodon are invented (names, text) in the
shapes of the Mastodon API's Status and Context entities as the project's
documentation (mastodon/documentation, content/en/entities/Status.md and
methods/statuses.md) and client test data (halcy/Mastodon.py's
tests/cassettes) show them, and of Mastodon's ActivityPub Note (see
docs/dialects/mastodon-json.md).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import threadparse
from tests.mutations import damaged
from tests.nodes import check_lossless, check_spans
from threadparse import Thread

HERE = Path(__file__).parent / "platforms" / "mastodon"
CONTEXT = (HERE / "context.json").read_text(encoding="utf-8")
NOTES = (HERE / "notes.json").read_text(encoding="utf-8")


def _parse(text: str) -> Thread:
    thread = threadparse.parse(text, max_depth=None)
    check_spans(text, thread)
    check_lossless(text, thread)
    return thread


def _status(number: int, parent: int | None, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(number),
        "in_reply_to_id": None if parent is None else str(parent),
        "created_at": "2024-01-01T00:00:00.000Z",
        "content": f"<p>s{number}</p>",
        "replies_count": 0,
        "favourites_count": 0,
        "account": {"id": "1", "username": "a", "acct": "a", "url": "https://m.example/@a"},
        **extra,
    }


def test_the_status_and_its_context_read_exactly() -> None:
    thread = _parse(CONTEXT)
    assert threadparse.detect(CONTEXT) == threadparse.Detection("mastodon-json", 1.0, None)
    post = thread.post
    assert post is not None
    assert (post.id, post.title, post.score, post.comment_count) == (
        "112000000000000001",
        None,
        17,
        2,
    )
    assert post.author is not None
    assert (post.author.name, post.author.username, post.author.instance, post.author.url) == (
        "Tova",
        "tova",
        "fjord.example",
        "https://fjord.example/@tova",
    )
    assert [p.text for p in thread.preamble.paragraphs] == [
        "Who else keeps a weather station on the roof?",
        "Mine logs to wx.example/tova #weather",
    ]
    assert [link.url for link in thread.preamble.paragraphs[1].links] == [
        "https://wx.example/tova",
        "https://fjord.example/tags/weather",
    ]
    assert [
        (
            c.depth,
            c.id,
            c.parent_id,
            c.author.name if c.author else None,
            c.author.instance if c.author else None,
            c.author.badges if c.author else None,
            c.score,
            c.edited,
            c.more_replies,
            [p.text for p in c.paragraphs],
        )
        for c in thread.walk()
    ] == [
        (
            0,
            "112000000000000010",
            "112000000000000001",
            "Odd Haugen",
            "fjord.example",
            (),
            5,
            True,
            2,
            ["@tova Mine runs on a solar panel and a https://shop.example/cell"],
        ),
        (
            1,
            "112000000000000011",
            "112000000000000010",
            "lark",
            "coast.example",
            (),
            1,
            False,
            None,
            ["wiring talk", "Which charge controller?"],
        ),
        (
            2,
            "112000000000000012",
            "112000000000000011",
            "Tova",
            "fjord.example",
            ("OP",),
            0,
            False,
            None,
            ["Following this."],
        ),
        (
            0,
            "112000000000000020",
            "112000000000000001",
            "WX Bot",
            "bots.example",
            ("B",),
            0,
            False,
            None,
            ["Current reading: 14 °C, wind 3 m/s."],
        ),
    ]
    first = next(thread.walk())
    assert first.updated == datetime(2024, 5, 4, 14, 20, tzinfo=timezone.utc)
    assert first.url == "https://fjord.example/@odd/112000000000000010"
    assert [(link.url, link.text) for link in first.paragraphs[0].links] == [
        ("https://fjord.example/@tova", "@tova"),
        ("https://shop.example/cell", "https://shop.example/cell"),
    ]
    assert all(c.post_id == "112000000000000001" for c in thread.walk())
    assert thread.more_replies is None
    assert [(d.code, d.line) for d in thread.diagnostics] == [("TP405", 1)]


def test_the_context_alone_puts_a_placeholder_for_the_status() -> None:
    context = CONTEXT[CONTEXT.index("\n{") + 1 :]
    thread = _parse(context)
    assert [(c.depth, c.id, c.missing) for c in thread.walk()] == [
        (0, "112000000000000010", True),
        (1, "112000000000000011", False),
        (2, "112000000000000012", False),
        (0, "112000000000000020", False),
    ]
    # The root counts two replies: the status (a placeholder here) is one of them.
    assert thread.more_replies == 1
    assert [d.code for d in thread.diagnostics] == ["TP405", "TP401"]


def test_a_root_with_replies_not_in_the_input_counts_them() -> None:
    statuses = [_status(1, None, replies_count=3), _status(2, 1)]
    thread = _parse(json.dumps(statuses))
    assert thread.more_replies == 2
    assert [c.id for c in thread.walk()] == ["2"]
    assert [d.code for d in thread.diagnostics] == ["TP405"]


def test_the_caps_of_a_logged_out_context_are_said() -> None:
    ancestors = [_status(n, n - 1 if n > 1 else None) for n in range(1, 41)]
    chain = [_status(100 + n, 100 + n - 1 if n > 1 else 40) for n in range(1, 21)]
    wide = [_status(200 + n, 40) for n in range(40)]
    text = json.dumps({"ancestors": ancestors, "descendants": chain + wide})
    thread = _parse(text)
    messages = [d.message for d in thread.diagnostics if d.code == "TP405"]
    assert len(messages) == 3
    assert messages[0].startswith("40 ancestors: the cap")
    assert messages[1].startswith("60 descendants: the cap")
    assert "20 levels below the status" in messages[2]
    below = json.dumps({"ancestors": ancestors[:39], "descendants": chain[:19] + wide})
    assert not [d for d in _parse(below).diagnostics if d.code == "TP405"]


def test_activitypub_notes_read_as_statuses() -> None:
    thread = _parse(NOTES)
    assert threadparse.detect(NOTES).dialect == "mastodon-json"
    assert thread.post is not None
    assert thread.post.id == "https://fjord.example/users/tova/statuses/7"
    assert thread.post.author is not None
    assert (thread.post.author.name, thread.post.author.instance) == ("tova", "fjord.example")
    assert [
        (
            c.depth,
            c.id.rsplit("/", 1)[-1] if c.id else None,
            c.author.name if c.author else None,
            c.edited,
            [p.text for p in c.paragraphs],
            c.url,
        )
        for c in thread.walk()
    ] == [
        (
            0,
            "90",
            "lark",
            True,
            ["gauge", "Get a bigger funnel, @tova"],
            "https://coast.example/users/lark/statuses/90",
        ),
        (1, "8", "tova", False, ["Ordered one."], "https://fjord.example/users/tova/statuses/8"),
    ]
    assert thread.diagnostics == ()


def test_a_create_activity_holds_its_note() -> None:
    note = {
        "id": "https://a.example/n/1",
        "type": "Note",
        "inReplyTo": "https://b.example/n/0",
        "attributedTo": "https://a.example/users/ada",
        "content": "<p>hi</p>",
    }
    text = json.dumps(
        {"@context": "https://www.w3.org/ns/activitystreams", "type": "Create", "object": note}
    )
    thread = _parse(text)
    assert [(c.id, c.missing) for c in thread.walk()] == [
        ("https://b.example/n/0", True),
        ("https://a.example/n/1", False),
    ]


def test_a_duplicate_status_and_wrong_types_are_reported() -> None:
    statuses = [_status(1, None), _status(2, 1, favourites_count="many"), _status(1, None), 5]
    thread = _parse(json.dumps(statuses))
    assert [c.id for c in thread.walk()] == ["2"]
    assert sorted(d.code for d in thread.diagnostics) == ["TP402", "TP402", "TP902"]


def test_not_mastodon_json_is_unparsed() -> None:
    thread = threadparse.parse('{"x": 1}', dialect="mastodon-json")
    assert [d.code for d in thread.diagnostics] == ["TP902"]
    assert thread.unparsed[0].text == '{"x": 1}'


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(CONTEXT))
def test_a_damaged_context_never_raises_and_stays_lossless(text: str) -> None:
    thread = threadparse.parse(text, dialect="mastodon-json", max_depth=None)
    check_spans(text, thread)
    check_lossless(text, thread)
    threadparse.to_dict(thread)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(NOTES))
def test_damaged_notes_never_raise_and_stay_lossless(text: str) -> None:
    thread = threadparse.parse(text, dialect="mastodon-json", max_depth=None)
    check_spans(text, thread)
    check_lossless(text, thread)
    threadparse.to_dict(thread)
