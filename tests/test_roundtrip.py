"""render() and parse() against each other, on threads drawn by threadparse.strategies.

1. ``parse(render(t, d)) == t`` for t drawn valid for d, spans aside, with no
   diagnostics but the ones flat text always has.
2. Any page thread rendered in any dialect parses to ``carried(t, d)``: what
   that dialect can show.
3. Each damage operator destroys only what it is written down to destroy
   (``SURVIVES`` below); parse never raises and stays lossless on damaged text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from tests.nodes import check_lossless, check_spans, comments
from tests.test_properties import without_spans
from threadparse._render import compact_count
from threadparse.core.lemmy import parse_count
from threadparse.formats import PAGE_DIALECTS
from threadparse.strategies import DAMAGE, ICON_LINES, damaged, threads
from threadparse.strategies import THREAD_DIALECTS as DIALECTS


def shape(thread: threadparse.Thread) -> dict[str, Any]:
    data: dict[str, Any] = without_spans(threadparse.to_dict(thread))
    del data["diagnostics"]
    return data


@pytest.mark.parametrize("dialect", DIALECTS)
@given(data=st.data())
def test_render_then_parse_gives_the_thread_back(dialect: str, data: st.DataObject) -> None:
    thread = data.draw(threads(dialect=dialect))
    text = threadparse.render(thread, dialect)
    parsed = threadparse.parse(text)
    assert shape(parsed) == shape(thread)
    expected_codes = []
    if dialect == "flat":
        expected_codes = ["TP101"] * bool(thread.unattributed) + ["TP301"] * len(thread.comments)
    assert sorted(d.code for d in parsed.diagnostics) == expected_codes
    check_spans(text, parsed)


@pytest.mark.parametrize("dialect", DIALECTS)
@given(data=st.data())
def test_every_dialect_carries_what_it_can(dialect: str, data: st.DataObject) -> None:
    # Without a post, Title-Case body lines in flattened text could pass for one.
    thread = data.draw(threads(dialect="lemmy-0.19", post=True if dialect == "flat" else None))
    text = threadparse.render(thread, dialect)
    # Flattened bodies are ambiguous to detection (a list item, or a lone word,
    # followed by a line such as "2 days ago" reads as a comment header), so the
    # reader is asked for by name, and detection is checked where no header hides.
    parsed = threadparse.parse(text, dialect=dialect)
    assert shape(parsed) == shape(threadparse.carried(thread, dialect))
    if dialect != "flat" or not threadparse.parse(text, dialect="lemmy-0.19").comments:
        assert threadparse.parse(text).dialect == dialect


@given(thread=threads())
def test_depth_never_exceeds_what_was_rendered(thread: threadparse.Thread) -> None:
    rendered_depth = max((c.depth for c in comments(thread)), default=0)
    for dialect in DIALECTS:
        parsed = threadparse.parse(threadparse.render(thread, dialect))
        assert max((c.depth for c in comments(parsed)), default=0) <= rendered_depth


# What each damage operator may destroy. Each rule maps a thread to the facts
# that must survive: the whole shape (spans and diagnostics aside), with only
# what the operator destroys removed or folded, on both sides alike.
Facts = Callable[[threadparse.Thread], Any]


def _fold(value: Any, fold: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, dict):
        return {key: _fold(item, fold) for key, item in value.items()}
    if isinstance(value, list):
        return [_fold(item, fold) for item in value]
    return value


def _comment_rows(thread: threadparse.Thread, drop: tuple[str, ...] = ()) -> list[Any]:
    """Every comment in reading order, each as its dict without replies and ``drop``."""
    rows = []
    for comment in comments(thread):
        row = without_spans(threadparse.to_dict(attrs.evolve(thread, comments=(comment,))))
        row = row["comments"][0]
        for key in ("replies", *drop):
            del row[key]
        rows.append(row)
    return rows


def full(thread: threadparse.Thread) -> Any:
    return shape(thread)


def all_comments(thread: threadparse.Thread) -> Any:
    """double_blank_lines: every comment field; the post's navigation block may
    end early (a doubled gap reads as the preamble's two blank lines)."""
    return shape(thread)["comments"]


def without_depth(thread: threadparse.Thread) -> Any:
    """strip_indentation: nesting (every comment at depth 0, in reading order)."""
    return {**shape(thread), "comments": _comment_rows(thread, drop=("depth",))}


def nbsp_blind(thread: threadparse.Thread) -> Any:
    """nbsp: nothing, once NBSP reads as a space (texts keep the copy's NBSPs)."""
    return _fold(shape(thread), lambda text: text.replace("\u00a0", " "))


def without_paragraph_breaks(thread: threadparse.Thread) -> Any:
    """remove_blank_lines: paragraph breaks inside a comment (its lines survive,
    in order); the post's layout may change."""
    rows = _comment_rows(thread)
    for row in rows:
        row["paragraphs"] = [line for p in row["paragraphs"] for line in p["text"].split("\n")]
    return rows


_QUOTES = str.maketrans({"“": '"', "”": '"', "’": "'"})


def quote_blind(thread: threadparse.Thread) -> Any:
    """swap_quotes: nothing, once quotes are folded."""
    return _fold(shape(thread), lambda text: text.translate(_QUOTES))


def without_icons(thread: threadparse.Thread) -> Any:
    """drop_icon_lines: what an icon told (votes after arrow-up/arrow-down, the
    edit mark, hexbear's OP) and paragraphs that were only an icon word; a bare
    count then reads as a score, so 0.19 votes become a score."""
    rows = _comment_rows(thread, drop=("score", "upvotes", "downvotes", "edited"))
    for row in rows:
        row["paragraphs"] = [p for p in row["paragraphs"] if p["text"] not in ICON_LINES]
        if row["author"] is not None and thread.dialect == "hexbear":
            row["author"]["badges"] = [b for b in row["author"]["badges"] if b != "OP"]
    return rows


SURVIVES: dict[str, Facts] = {
    "crlf": full,
    "tabs": full,
    "trailing_whitespace": full,
    "double_blank_lines": all_comments,
    "strip_indentation": without_depth,
    "nbsp": nbsp_blind,
    "remove_blank_lines": without_paragraph_breaks,
    "swap_quotes": quote_blind,
    "drop_icon_lines": without_icons,
}

#: Flat text has no headers, indentation or icons; these operators leave it whole.
FLAT_SAFE = ("crlf", "tabs", "trailing_whitespace", "double_blank_lines", "strip_indentation")


def test_every_operator_has_its_rule() -> None:
    assert set(SURVIVES) | {"truncate"} == set(DAMAGE)


@pytest.mark.parametrize("operator", sorted(SURVIVES))
@pytest.mark.parametrize("dialect", DIALECTS)
@given(data=st.data())
def test_damage_destroys_only_what_it_may(operator: str, dialect: str, data: st.DataObject) -> None:
    if dialect == "flat" and operator not in FLAT_SAFE:
        return  # what these destroy in flat text is covered by the lossless property
    thread = data.draw(threads(dialect=dialect))
    text = threadparse.render(thread, dialect)
    hurt = data.draw(damaged(text, operators=[operator]))
    parsed = threadparse.parse(hurt)
    facts = full if dialect == "flat" else SURVIVES[operator]
    assert facts(parsed) == facts(thread)
    if operator == "strip_indentation" and dialect != "flat":
        assert all(c.depth == 0 for c in comments(parsed))
    check_lossless(hurt, parsed)


@pytest.mark.parametrize("dialect", PAGE_DIALECTS)
@given(data=st.data())
def test_truncation_keeps_every_comment_before_the_cut(dialect: str, data: st.DataObject) -> None:
    thread = data.draw(threads(dialect=dialect))
    text = threadparse.render(thread, dialect)
    cut = data.draw(damaged(text, operators=["truncate"]))
    parsed = threadparse.parse(cut)
    check_lossless(cut, parsed)
    whole = list(comments(threadparse.parse(text)))
    # A comment whose body ended before the cut, with a blank line after it, is intact.
    intact = [
        c for c in whole if c.span.end + 2 <= len(cut) and cut[c.span.end :].startswith("\n\n")
    ]
    kept = {(c.span.start, c.author) for c in comments(parsed)}
    for comment in intact:
        assert (comment.span.start, comment.author) in kept


@given(data=st.data(), dialect=st.sampled_from(DIALECTS))
def test_parse_survives_any_damage(data: st.DataObject, dialect: str) -> None:
    thread = data.draw(threads(dialect=dialect))
    hurt = data.draw(damaged(threadparse.render(thread, dialect)))
    parsed = threadparse.parse(hurt)
    check_lossless(hurt, parsed)
    check_spans(hurt, parsed)
    rendered_depth = max((c.depth for c in comments(thread)), default=0)
    assert max((c.depth for c in comments(parsed)), default=0) <= rendered_depth


# Header tokens render() never writes (other vote-display modes, icons, badge
# lines, hexbear 0.18's score) are spliced into rendered headers here, so that
# breaking any one of them fails a property too, not only a fixture.


def _enrich_019(text: str) -> str:
    """0.19 headers with shield, cake, badge lines, heart SCORE · and smile PCT% ·
    (a viewer who turned every vote display on)."""
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        indent = " " * (len(line) - len(stripped) + 2)
        if (
            stripped.startswith("• ")
            and number + 1 < len(lines)
            and lines[number + 1].strip() == "link"
        ):
            name = stripped[2:]
            badges = re.search(r"(?:Banned from community|Banned|OP|M|A|B)+$", name)
            if badges and "@" in name:  # glued to a host: move them to lines of their own
                out.append(line[: len(line) - len(badges.group())])
                out += [indent + "shield", indent + "cake"]
                out += [
                    indent + b
                    for b in re.findall(r"Banned from community|Banned|OP|M|A|B", badges.group())
                ]
                continue
            out += [line, indent + "shield", indent + "cake"]
            continue
        if stripped == "arrow-up":
            pad = line[: -len("arrow-up")]
            up = parse_count(lines[number + 1].strip()) or 0
            down = (
                parse_count(lines[number + 3].strip()) or 0
                if lines[number + 2].strip() == "arrow-down"
                else 0
            )
            if up < 1000 and down < 1000:  # exact counts: the shown score is their difference
                out += [pad + "heart", pad + str(up - down), pad + "·"]
            out += [pad + word for word in ("smile", "87%", "·")]
        out.append(line)
    return "\n".join(out)


@given(thread=threads(dialect="lemmy-0.19"))
def test_every_019_vote_display_mode_and_icon(thread: threadparse.Thread) -> None:
    text = _enrich_019(threadparse.render(thread, "lemmy-0.19"))
    assert shape(threadparse.parse(text)) == shape(threadparse.carried(thread, "lemmy-0.19"))


@given(thread=threads(dialect="hexbear"), score=st.sampled_from([0, 7, -3, 1200]))
def test_hexbear_018_score(thread: threadparse.Thread, score: int) -> None:
    """hexbear 0.18 shows `hexbear` SCORE `•` where 0.19 shows a lone `·`."""
    shown = compact_count(score)
    out: list[str] = []
    in_header = False
    for line in threadparse.render(thread, "hexbear").split("\n"):
        stripped = line.lstrip()
        in_header = stripped.startswith("• ") or (in_header and bool(stripped))
        if in_header and stripped == "·":  # the header's separator, not a body line
            indent = line[: len(line) - 1]
            out += [indent + "hexbear", indent + shown, indent + "•"]
        else:
            out.append(line)
    text = "\n".join(out)
    expected = threadparse.carried(thread, "hexbear")
    expected = attrs.evolve(expected, comments=_with_score(expected.comments, score))
    assert shape(threadparse.parse(text, dialect="hexbear")) == shape(expected)


def _with_score(
    roots: tuple[threadparse.Comment, ...], score: int
) -> tuple[threadparse.Comment, ...]:
    return tuple(attrs.evolve(c, score=score, replies=_with_score(c.replies, score)) for c in roots)


# What happens to a browser's text on its way to a file. Not here: removing
# blank lines (a 0.19.4+ Chromium copy marks a comment by its blank lines alone,
# so nothing could tell), and icon lines, which captures do not have.
CAPTURE_DAMAGE = (
    "crlf",
    "tabs",
    "nbsp",
    "strip_indentation",
    "double_blank_lines",
    "swap_quotes",
    "trailing_whitespace",
    "truncate",
)
CAPTURE_CASES = [(d, c) for d in ("lemmy-0.19", "lemmy-0.18") for c in threadparse.CAPTURES]


def _capture_shape(thread: threadparse.Thread) -> dict[str, Any]:
    data = shape(thread)
    del data["chrome"]  # the site's lines: checked apart, below
    return data


@pytest.mark.parametrize(("dialect", "capture"), CAPTURE_CASES)
@given(data=st.data())
def test_a_page_capture_reads_back_what_it_carries(
    dialect: str, capture: str, data: st.DataObject
) -> None:
    thread = data.draw(threads(dialect=dialect, capture=capture))
    text = threadparse.render(thread, dialect, capture=capture)
    parsed = threadparse.parse(text)
    assert _capture_shape(parsed) == _capture_shape(
        threadparse.carried(thread, dialect, capture=capture)
    )
    assert {"Communities", "Modlog", "join-lemmy.org"} <= {t.text for t in parsed.chrome}
    assert not [d for d in parsed.diagnostics if d.severity is threadparse.Severity.ERROR]
    found = threadparse.detect(text)
    assert (found.dialect, found.capture) == (dialect, parsed.capture)
    check_lossless(text, parsed)
    check_spans(text, parsed)


@pytest.mark.parametrize(("dialect", "capture"), CAPTURE_CASES)
@given(data=st.data())
def test_a_damaged_capture_never_loses_comments_silently(
    dialect: str, capture: str, data: st.DataObject
) -> None:
    """Copy damage may lose comments, but never without a diagnostic saying so."""
    thread = data.draw(threads(dialect=dialect, capture=capture))
    text = data.draw(damaged(threadparse.render(thread, dialect, capture=capture), CAPTURE_DAMAGE))
    parsed = threadparse.parse(text)
    check_lossless(text, parsed)
    check_spans(text, parsed)
    shown = sum(1 for _ in comments(thread))
    if sum(1 for _ in comments(parsed)) < shown and _names_left(thread, text):
        assert parsed.diagnostics, "fewer comments than the page showed, and no diagnostic"


def _plain_quotes(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def _names_left(thread: threadparse.Thread, text: str) -> bool:
    """Does the damaged text still show any comment's author? A copy truncated
    before the first comment (``Lemmy\\nC``: the navbar's first word and a
    letter) holds no comment to lose; that is the damage's loss, not the
    parser's, and nothing in the text can tell it."""
    folded = _plain_quotes(text)
    return any(
        comment.author is not None and _plain_quotes(comment.author.name) in folded
        for comment in comments(thread)
    )


def test_a_header_lost_to_damage_is_said() -> None:
    """A case the damage property found (tests/fixtures/damaged/README.md): headers
    lost to the damage leave their @host lines in bodies, and TP106 says so."""
    path = Path(__file__).parent / "fixtures" / "damaged" / "firefox_copy_019_host_lines.txt"
    text = path.read_bytes().decode("utf-8")  # CR line ends kept as they are
    thread = threadparse.parse(text)
    assert (thread.capture, sum(1 for _ in comments(thread))) == ("firefox-copy", 7)
    ((code, message),) = [(d.code, d.message) for d in thread.diagnostics]
    assert code == "TP106"
    assert message.endswith(
        "of comment bodies hold a line only a comment header has (an author's @host line): "
        "a header was not read, so comments may have run together"
    )
