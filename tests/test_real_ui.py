"""Pages rendered by the real lemmy-ui, as browsers give their text (../shared/real_ui).

Every capture is read against its truth (``truth/CASE.json``, page order), for
the facts its kind carries (README.md there): authors and badges always; votes
and times in innerText; nesting only in a Firefox copy. The known losses of a
kind are named here, each as exactly as the text allows.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import threadparse
from tests.nodes import check_lossless, check_spans
from threadparse.core.lemmy import parse_count
from threadparse.formats.lemmy_page.capture import split_counts

REAL_UI = Path(__file__).resolve().parents[2] / "shared" / "real_ui"

if not REAL_UI.is_dir():  # CI always has it: conftest.py stops a run without it
    pytest.skip(f"no captures at {REAL_UI}", allow_module_level=True)

CAPTURES = sorted(REAL_UI.glob("lemmy-ui-*.txt"))


def _facts(path: Path) -> tuple[str, str, str, str]:
    """(version, case, browser, kind) from ``lemmy-ui-VERSION_CASE.BROWSER-VIEWPORT.KIND.txt``."""
    stem = path.name.removeprefix("lemmy-ui-").removesuffix(".txt")
    version, rest = stem.split("_", 1)
    case, viewport, kind = rest.split(".")
    return version, case, viewport.split("-")[0], kind


def _truth(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REAL_UI / "truth" / f"{case}.json").read_text("utf-8"))
    return data


def _si(value: int) -> int:
    """``value`` as lemmy-ui's numToSI shows it, read back (10351 -> 10.4K -> 10400)."""
    if abs(value) < 1000:
        return value
    for scale, suffix in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if abs(value) >= scale:
            digits = Decimal(value) / scale  # Intl rounds half away from zero
            places = 3 - len(str(int(abs(digits))))
            rounded = digits.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            count = parse_count(f"{rounded.normalize():f}{suffix}")
            assert count is not None
            return count
    raise AssertionError(value)


@pytest.fixture(params=CAPTURES, ids=lambda path: path.name.removeprefix("lemmy-ui-"))
def capture(request: pytest.FixtureRequest) -> tuple[Path, str, threadparse.Thread]:
    path: Path = request.param
    text = path.read_bytes().decode("utf-8")
    return path, text, threadparse.parse(text)


def test_every_comment_and_its_author(capture: tuple[Path, str, threadparse.Thread]) -> None:
    path, _, thread = capture
    version, case, _, _ = _facts(path)
    truth = _truth(case)
    got = list(thread.walk())
    assert len(got) == truth["visible_comments"] == len(truth["comments"])
    old_names = version in ("0.18.5", "0.19.3")
    for comment, expected in zip(got, truth["comments"], strict=True):
        assert comment.author is not None
        author = comment.author
        if expected["display_name"] is not None:
            assert author.display_name == expected["display_name"]
        elif old_names:  # "@name" or "@name@host"
            assert author.username == expected["username"]
        else:
            assert author.display_name == expected["username"]
        if not expected["local"] and (expected["display_name"] is None or not old_names):
            assert author.instance == expected["instance"]
        badges = list(expected["badges"])
        if old_names:  # "Banned from community" came with 0.19.4
            badges = [b for b in badges if b != "Banned from community"]
        assert list(author.badges) == badges
        assert (comment.deleted, comment.removed) == (expected["deleted"], expected["removed"])


def test_votes_times_and_languages_where_the_kind_carries_them(
    capture: tuple[Path, str, threadparse.Thread],
) -> None:
    path, _, thread = capture
    version, case, browser, kind = _facts(path)
    truth = _truth(case)
    mobile = "mobile" in path.name
    for comment, expected in zip(thread.walk(), truth["comments"], strict=True):
        if kind != "innertext" and version == "0.19.12":
            assert (comment.score, comment.upvotes, comment.downvotes) == (None, None, None)
        elif version in ("0.18.5", "0.19.3"):
            assert comment.score == _si(expected["score"])
        elif browser == "firefox":
            assert (comment.upvotes, comment.downvotes) == (
                _si(expected["upvotes"]),
                _si(expected["downvotes"]),
            )
        else:  # Chromium glues the counts: taken where one reading fits, else None
            up, down = expected["upvotes"], expected["downvotes"]
            readings = split_counts(f"{_shown(up) or '0'}{_shown(down) or ''}")
            if len(readings) == 1:
                assert (comment.upvotes, comment.downvotes) == readings[0]
            else:
                assert (comment.upvotes, comment.downvotes) == (None, None)
        assert (comment.time is not None) == (kind == "innertext")
        if mobile:
            assert comment.language is None
        elif expected["language"] is not None:
            assert comment.language == expected["language"]
        if kind == "innertext":
            assert comment.more_replies == expected["more_replies"]


def _shown(count: int) -> str | None:
    """numToSI's text for a count; None for 0 downvotes, which lemmy-ui hides."""
    if count == 0:
        return None
    value = _si(count)
    for scale, suffix in ((10**6, "M"), (10**3, "K")):
        if value >= scale:
            return f"{(Decimal(value) / scale).normalize():f}{suffix}"
    return str(value)


def test_nesting_only_where_the_text_has_it(
    capture: tuple[Path, str, threadparse.Thread],
) -> None:
    path, _, thread = capture
    _, case, browser, kind = _facts(path)
    depths = [comment.depth for comment in thread.walk()]
    codes = [d.code for d in thread.diagnostics]
    if browser == "firefox" and kind != "innertext":
        assert thread.nesting
        assert depths == [c["depth"] for c in _truth(case)["comments"]]
        assert "TP105" not in codes
    else:
        assert not thread.nesting
        assert set(depths) == {0}
        assert codes.count("TP105") == 1


def test_the_post_header(capture: tuple[Path, str, threadparse.Thread]) -> None:
    path, _, thread = capture
    _, case, _, kind = _facts(path)
    expected = _truth(case)["post"]
    post = thread.post
    assert post is not None
    assert post.author is not None
    assert post.community is not None
    assert post.title == expected["title"]
    assert post.author.display_name == expected["author"]["display_name"]
    assert post.community.title == expected["community"]["title"]
    assert post.language == expected["language"]  # mobile hides comments' languages only
    if kind == "innertext":
        assert post.comment_count == expected["comment_count_shown"]
        if "mobile" in path.name:  # up and down apart, each rounded by numToSI
            assert post.upvotes is not None
            assert post.downvotes is not None
            assert post.score == post.upvotes - post.downvotes
            assert abs(post.score - expected["score"]) <= post.upvotes // 100
        else:
            assert post.score == _si(expected["score"])
        assert post.time is not None
    if expected["url"] is not None:
        assert post.domain is not None
        assert post.domain in expected["url"]
        assert len(post.embed) == 2


def test_chrome_is_owned_apart_and_nothing_is_lost(
    capture: tuple[Path, str, threadparse.Thread],
) -> None:
    path, text, thread = capture
    _, _case, _, _ = _facts(path)
    check_lossless(text, thread)
    check_spans(text, thread)
    chrome = {line.text for line in thread.chrome}
    assert {"Communities", "Modlog", "join-lemmy.org"} & chrome or "mobile" in path.name
    content = [p.text for p in thread.preamble.paragraphs]
    content += [i.text for s in thread.sections for i in s.items]
    content += [p.text for c in thread.walk() for p in c.paragraphs]
    vocabulary = {"Communities", "Login", "Sign Up", "Hot", "Controversial", "Modlog", "mods:"}
    assert not vocabulary & set(content)
    assert not any(text.startswith(("You must log in", "BE: ")) for text in content)
    assert not [d for d in thread.diagnostics if d.severity is threadparse.Severity.ERROR]


def test_detection_names_the_front_end_and_the_capture(
    capture: tuple[Path, str, threadparse.Thread],
) -> None:
    path, text, thread = capture
    version, _, browser, kind = _facts(path)
    found = threadparse.detect(text)
    assert (
        found.dialect == thread.dialect == ("lemmy-0.19" if version == "0.19.12" else "lemmy-0.18")
    )
    assert found.confidence > 0.9
    expected_kind = "innertext" if kind == "innertext" else "copy"
    assert found.capture is not None
    assert found.capture.endswith(expected_kind)
    if kind != "innertext" or version == "0.19.12":
        assert found.capture == f"{browser}-{expected_kind}"


def test_streaming_reads_a_capture_as_parse_does(
    capture: tuple[Path, str, threadparse.Thread],
) -> None:
    _, text, thread = capture
    pieces = [text[i : i + 500] for i in range(0, len(text), 500)]
    assert threadparse.assemble(threadparse.iter_thread(pieces)) == thread


def test_glued_counts_split_only_where_one_reading_fits() -> None:
    assert split_counts("1.23K1") == [(1230, 1)]
    assert split_counts("1") == [(1, 0)]
    assert split_counts("17") == [(1, 7), (17, 0)]
    assert split_counts("01") == [(0, 1)]
    assert split_counts("211") == [(2, 11), (21, 1), (211, 0)]


def _folded(text: str) -> str:
    return text.replace("’", "'")


def test_paragraphs_where_the_kind_keeps_their_breaks(
    capture: tuple[Path, str, threadparse.Thread],
) -> None:
    """innerText keeps every block of a body apart (a blank line between); a copy
    glues a list or a heading to the paragraph before it (Chromium: quotes too),
    so there a comment has at most the truth's paragraphs. Every body starts
    with the truth's first words."""
    path, _, thread = capture
    _, case, _, kind = _facts(path)
    for comment, expected in zip(thread.walk(), _truth(case)["comments"], strict=True):
        if kind == "innertext":
            assert len(comment.paragraphs) == expected["paragraphs"]
        else:
            assert 0 < len(comment.paragraphs) <= expected["paragraphs"] or (
                expected["paragraphs"] == len(comment.paragraphs) == 0
            )
        if expected["first_words"] is not None:
            assert _folded(comment.paragraphs[0].text).startswith(_folded(expected["first_words"]))


def test_every_dump_validates(capture: tuple[Path, str, threadparse.Thread]) -> None:
    _, _, thread = capture
    Draft202012Validator(threadparse.json_schema()).validate(threadparse.to_dict(thread))


@pytest.mark.parametrize("case", ["post", "deep", "linkpost"])
@pytest.mark.parametrize("api", ["018", "019"])
def test_the_post_header_from_the_api_json_the_page_was_rendered_from(case: str, api: str) -> None:
    name = f"thread_{api}.json" if case == "post" else f"thread_{case}_{api}.json"
    thread = threadparse.parse((REAL_UI / name).read_text(encoding="utf-8"))
    expected = _truth(case)["post"]
    post = thread.post
    assert post is not None
    assert post.author is not None
    assert post.community is not None
    assert post.title == expected["title"]
    assert (post.author.username, post.author.display_name, post.author.instance) == (
        expected["author"]["username"],
        expected["author"]["display_name"],
        expected["author"]["instance"],
    )
    assert "OP" not in post.author.badges
    assert (post.community.name, post.community.title, post.community.host) == (
        expected["community"]["name"],
        expected["community"]["title"],
        expected["community"]["host"],
    )
    assert post.url == expected["url"]
    assert (post.score, post.comment_count) == (expected["score"], expected["comment_count_shown"])
    assert post.upvotes is not None
    assert post.downvotes is not None
    assert post.score == post.upvotes - post.downvotes
