"""The public surface: parse() arguments, strict mode, to_dict, the exports, the code table."""

from __future__ import annotations

import gc
import inspect
import json
import re
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import threadparse
from threadparse import Comment, Diagnostic, Severity, Span, Text, ThreadParseError, _parser
from threadparse.core.models import _quick_init
from threadparse.core.source import Line, split_lines

OUTSIDE = (
    "  • a@lemmy.ml\n    arrow-up\n    1\n    ·\n    1 day ago\n\n    Hi.\n\nA stray footnote\n"
)


def test_exports_are_exactly_all() -> None:
    public = {
        name
        for name in dir(threadparse)
        if not name.startswith("_") and not isinstance(getattr(threadparse, name), ModuleType)
    }
    assert public - {"annotations"} == set(threadparse.__all__) - {"__version__"}


@pytest.mark.parametrize("value", [b"bytes", None, 3, ["list"]])
def test_parse_rejects_non_str(value: object) -> None:
    with pytest.raises(TypeError, match=r"^parse\(\) takes the thread's text as a str, not "):
        threadparse.parse(value)  # type: ignore[arg-type]  # the check under test


def test_parse_rejects_unknown_dialect() -> None:
    with pytest.raises(ValueError, match="unknown dialect 'reddit'"):
        threadparse.parse("", dialect="reddit")


def test_empty_text() -> None:
    assert threadparse.parse("") == threadparse.Thread(
        dialect="flat",
        preamble=threadparse.Preamble(),
        sections=(),
        comments=(),
        unattributed=(),
        unparsed=(),
        diagnostics=(),
    )


def test_strict_raises_with_every_error_and_a_caret() -> None:
    with pytest.raises(ThreadParseError) as caught:
        threadparse.parse(OUTSIDE, strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["TP901"]
    assert str(caught.value) == (
        "TP901 line is left of every comment's name line, so it belongs to no comment "
        "(line 9, column 1)\n"
        "    A stray footnote\n"
        "    ^"
    )
    assert isinstance(caught.value, ValueError)


def test_strict_passes_warnings() -> None:
    thread = threadparse.parse("a\nb\n", strict=True)
    assert [d.severity for d in thread.diagnostics] == [Severity.WARNING]


def test_caret_sits_under_the_column() -> None:
    text = "    • a@lemmy.ml\n      1 day ago\n      ·\n\n      Hi.\n\n  Footer\n"
    with pytest.raises(ThreadParseError) as caught:
        threadparse.parse(text, strict=True)
    assert str(caught.value).splitlines()[1:] == ["      Footer", "      ^"]
    assert "(line 7, column 3)" in str(caught.value)


def test_forced_dialect_reports_mismatch() -> None:
    hexbear = "  • Name [he/him]\n    hexagon\n    ·\n    2 days ago\n\n    Body.\n"
    thread = threadparse.parse(hexbear, dialect="lemmy-0.18")
    assert thread.dialect == "lemmy-0.18"
    assert [(d.code, d.message) for d in thread.diagnostics] == [
        ("TP102", "read as lemmy-0.18 as asked, but the headers look like hexbear"),
    ]
    flat = threadparse.parse(hexbear, dialect="flat")
    assert [t.text for t in flat.unattributed][:2] == ["• Name [he/him]", "hexagon"]


def test_models_are_frozen_and_slotted() -> None:
    thread = threadparse.parse(OUTSIDE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        thread.dialect = "x"  # type: ignore[misc]  # the guard under test
    assert not hasattr(thread, "__dict__")
    assert thread.comments[0].span == Span(2, 62)  # "• a@…" to the end of "Hi."


COMMENT_SIGNATURE = (
    "(author, score, upvotes, downvotes, language, time, published, updated, edited, "
    "deleted, removed, more_replies, depth, paragraphs, replies, span, id=None, "
    "parent_id=None, post_id=None, url=None, missing=False)"
)


@pytest.mark.parametrize(
    ("cls", "signature"),
    [
        (Span, "(start, end)"),
        (Text, "(text, span, links=())"),
        (Comment, COMMENT_SIGNATURE),
        (Diagnostic, "(code, severity, message, span, line)"),
    ],
)
def test_a_quick_init_takes_what_attrs_init_takes(cls: type, signature: str) -> None:
    """``Span``, ``Text``, ``Comment`` and ``Diagnostic`` set their fields through their slots'
    setters (``models._quick_init``): attrs' parameters, by position or by
    name, defaults where a field has one, and the object stays frozen."""
    assert str(inspect.signature(cls)) == signature
    fields = attrs.fields(cls)
    values = [object() for _ in fields]
    by_name = {field.alias: value for field, value in zip(fields, values, strict=True)}
    for made in (cls(*values), cls(**by_name)):
        assert [getattr(made, field.name) for field in fields] == values
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made.span = None
    required = sum(field.default is attrs.NOTHING for field in fields)
    made = cls(*values[:required])
    assert [getattr(made, field.name) for field in fields] == [
        *values[:required],
        *(field.default for field in fields[required:]),
    ]


def test_a_quick_init_refuses_what_it_cannot_do() -> None:
    @attrs.frozen
    class Checked:
        count: int = attrs.field(validator=attrs.validators.instance_of(int))

    with pytest.raises(TypeError, match=re.escape("Checked.count: attrs' own __init__ is needed")):
        _quick_init(Checked)


def test_to_dict_is_json_and_matches_contract_keys() -> None:
    data = threadparse.to_dict(threadparse.parse(OUTSIDE))
    assert json.loads(json.dumps(data)) == data
    assert list(data) == [
        "schema_version",
        "dialect",
        "preamble",
        "sections",
        "comments",
        "unattributed",
        "unparsed",
        "diagnostics",
        "post",
        "chrome",
        "capture",
        "nesting",
        "more_replies",
    ]
    assert data["schema_version"] == threadparse.SCHEMA_VERSION == 1
    assert list(data["comments"][0]) == [
        "id",
        "parent_id",
        "post_id",
        "url",
        "missing",
        "author",
        "score",
        "upvotes",
        "downvotes",
        "language",
        "time",
        "published",
        "updated",
        "edited",
        "deleted",
        "removed",
        "more_replies",
        "depth",
        "paragraphs",
        "replies",
        "span",
    ]
    assert data["diagnostics"] == [
        {
            "code": "TP901",
            "severity": "error",
            "message": "line is left of every comment's name line, so it belongs to no comment",
            "line": 9,
            "span": [64, 80],
        }
    ]


def test_diagnostic_table_documents_every_code() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `?(TP\d{3})`? \| `?(error|warning|info)`? \|", doc, re.MULTILINE)
    assert dict(rows) == {code: info.severity.value for code, info in threadparse.CODES.items()}
    assert len(rows) == len(threadparse.CODES)


def test_language_only_before_the_votes() -> None:
    text = "  • a@lemmy.ml\n    link\n    arrow-up\n    3\n    ·\n    Hello there\n    more text\n"
    (comment,) = threadparse.parse(text).comments
    assert comment.language is None
    assert [p.text for p in comment.paragraphs] == ["Hello there\nmore text"]
    assert [d.code for d in threadparse.parse(text).diagnostics] == ["TP202"]


def test_list_item_and_time_in_an_indented_body_stay_body() -> None:
    text = (
        "  • a@lemmy.ml\n    link\n    1 day ago\n\n    Steps:\n\n    • started\n    2 days ago\n\n"
        "  • b@lemmy.ml\n    link\n    1 day ago\n\n    Hi.\n\nfooter\n"
    )
    thread = threadparse.parse(text)
    assert [(c.author.name if c.author else None, len(c.paragraphs)) for c in thread.comments] == [
        ("a", 2),
        ("b", 1),
    ]
    assert thread.comments[0].paragraphs[1].text == "• started\n2 days ago"
    assert [d.code for d in thread.diagnostics] == ["TP901"]  # not TP201


def test_only_cr_and_lf_end_lines() -> None:
    # str.splitlines() also breaks at these; a page's text does not, so neither do we.
    others = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    text = "a" + "b".join(others) + "z\n"
    (paragraph,) = threadparse.parse(text).unattributed
    assert paragraph.text == text[:-1]
    assert paragraph.span == Span(0, len(text) - 1)


def test_parse_pauses_the_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = split_lines

    def spy(text: str) -> list[Line]:
        seen.append(gc.isenabled())
        return real(text)

    monkeypatch.setattr(_parser, "split_lines", spy)
    assert gc.isenabled()
    threadparse.parse("text")
    assert (seen, gc.isenabled()) == ([False], True)
    gc.disable()
    try:
        threadparse.parse("text")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_parse_hands_its_objects_to_the_oldest_generation() -> None:
    """The result is long-lived: it goes to the oldest generation at once, not
    through a scan of every object the parse made; objects the caller froze
    stay frozen."""
    text = "".join(f"  • u{n}@lemmy.ml\n    1 day ago\n\n    Reply {n}.\n\n" for n in range(300))
    gc.collect()
    thread = threadparse.parse(text)
    assert len(thread.comments) == 300
    oldest = {id(value) for value in gc.get_objects(generation=2)}
    assert id(thread.comments[-1]) in oldest
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        threadparse.parse(text)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def _header(name: str, indent: str) -> str:
    """A lemmy-0.18 comment header with no body."""
    return f"{indent}• {name}@lemmy.ml\n{indent}  3\n{indent}  •\n{indent}  1 day ago\n\n"


def test_walk_visits_every_comment_parents_first_in_page_order() -> None:
    text = _header("a", "  ") + _header("a1", "    ") + _header("a2", "    ") + _header("b", "  ")
    thread = threadparse.parse(text)
    walked = [(c.author.name if c.author else None, c.depth) for c in thread.walk()]
    assert walked == [("a", 0), ("a1", 1), ("a2", 1), ("b", 0)]
    assert [c.author.name for c in thread.comments[0].walk() if c.author] == ["a", "a1", "a2"]


def test_walk_does_not_recurse() -> None:
    depth = 3 * 1000  # well past the recursion limit
    text = "".join(_header(f"u{level}", "  " * (level + 1)) for level in range(depth))
    thread = threadparse.parse(text, dialect="lemmy-0.18", max_depth=None)
    assert [c.depth for c in thread.walk()] == list(range(depth))
