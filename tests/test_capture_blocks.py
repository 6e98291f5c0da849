"""The capture block reader (``formats/lemmy_page/capture_blocks.py``) against
the careful reader (``capture.read_capture``).

The block reader may decline any text, but what it reads must be exactly what
``parse_lines`` reads, spans, diagnostics and detection included. Each test
compares the two on the same text: every fixture, the corpus, the real
captures, captures of threads drawn and damaged, and captures with lines that
hit each of the block reader's decisions inserted anywhere. Other tests check
that it does read what it is for (a reader that always declined would pass the
comparisons) and that it declines where only the careful reader is right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import threadparse
from benchmarks.megathread import megathread
from tests.shared_data import needs_shared
from tests.test_blocks import TEXTS, careful
from tests.test_blocks import compare as compare_blocks
from threadparse._parser import CAPTURE_BLOCK_DIALECTS, read_capture_page_blocks
from threadparse.formats.lemmy_page import capture_blocks
from threadparse.formats.lemmy_page.capture import CAPTURES, Layout
from threadparse.strategies import damaged, threads

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

#: The captures the block reader reads: every kind, of both versions.
READ = (
    ("lemmy-0.19", "chromium-innertext"),
    ("lemmy-0.19", "firefox-innertext"),
    ("lemmy-0.19", "chromium-copy"),
    ("lemmy-0.19", "firefox-copy"),
    ("lemmy-0.18", "chromium-innertext"),
    ("lemmy-0.18", "firefox-innertext"),
    ("lemmy-0.18", "chromium-copy"),
    ("lemmy-0.18", "firefox-copy"),
)


def compare(text: str, max_depth: int | None = 256) -> int:
    """``test_blocks.compare`` for the capture block reader."""
    return compare_blocks(
        text, max_depth, reader=read_capture_page_blocks, dialects=CAPTURE_BLOCK_DIALECTS
    )


def capture(comments: int, dialect: str, kind: str, seed: int = 0) -> str:
    return threadparse.render(megathread(comments, dialect, seed), dialect, capture=kind)


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_every_real_and_fixture_text_reads_alike(path: Path) -> None:
    compare(path.read_text(encoding="utf-8"))


@needs_shared
@pytest.mark.parametrize(
    "pattern",
    [
        "*desktop.innertext.txt",
        "*chromium-desktop.clipboard.txt",
        "*chromium-*.selection.txt",
        "*firefox-desktop.clipboard.txt",
        "*firefox-desktop.selection.txt",
    ],
)
def test_the_real_captures_are_read_by_the_block_reader(pattern: str) -> None:
    """What real lemmy-ui pages give as innerText (Chromium and Firefox) and as
    Chromium's and Firefox's copies: read here, for "auto" and for their version
    (Firefox's copies nested down to depth 6)."""
    paths = sorted((SHARED / "real_ui").glob(pattern))
    assert len(paths) >= 6
    for path in paths:
        assert compare(path.read_text(encoding="utf-8")) == 2, path.name


@pytest.mark.parametrize(("dialect", "kind"), READ)
@pytest.mark.parametrize("size", [1, 2, 40, 400])
def test_captured_megathreads_are_read_by_the_block_reader(
    dialect: str, kind: str, size: int
) -> None:
    text = capture(size, dialect, kind, seed=size)
    assert compare(text) == 2  # "auto" and the page's version
    assert compare(text, max_depth=None) == 2
    assert compare(text, max_depth=1) == 2  # Firefox's copies: TP204, replies re-attached


def test_every_capture_kind_is_read() -> None:
    assert set(READ) == {
        (dialect, kind) for dialect in ("lemmy-0.19", "lemmy-0.18") for kind in CAPTURES
    }


def test_both_header_patterns_number_the_groups_read_by_number_alike() -> None:
    # _read asks for the header's, its first paragraph's and the paragraph's
    # group by number, one number for both patterns (innerText and a <= 0.19.3
    # copy).
    for innertext in (True, False):
        index = capture_blocks._block(innertext).groupindex
        assert (index["hd"], index["hp"], index["P"]) == (
            capture_blocks._HD, capture_blocks._HP, capture_blocks._P,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("dialect", "kind"),
    [
        (d, k)
        for d, k in READ
        if k.endswith("innertext") or (d, k) == ("lemmy-0.18", "chromium-copy")
    ],
)
def test_a_headers_first_paragraph_is_read_with_it_and_after_lines_that_are_no_header(
    dialect: str, kind: str
) -> None:
    """A paragraph of one line under a header is taken by the header's block
    (one loop step for both); short lines and a blank line under them are a
    header's block that reads as no header, and the paragraph of one line
    under them is then the comment's next paragraph."""
    text = capture(8, dialect, kind, seed=3)
    lines = text.split("\n")
    header = len("\n".join(lines[: _comments_start(lines)])) + 1
    block = capture_blocks._block(kind.endswith("innertext")).match(text, header)
    assert block is not None
    assert block.lastgroup == "H"
    body = text[block.end("hd") :].lstrip().split("\n")[0]
    assert block["hp"] == body
    at = lines.index(body)
    changed = "\n".join(
        [*lines[: at + 1], "", "- one", "- two", "", "After the list.", *lines[at + 1 :]]
    )
    thread = read_capture_page_blocks(changed, dialect="auto", max_depth=256)
    assert thread is not None
    first = thread.comments[0]
    assert [p.text for p in first.paragraphs[:3]] == [body, "- one\n- two", "After the list."]
    after = first.paragraphs[2]
    assert changed[after.span.start : after.span.end] == "After the list."
    assert compare(changed) == 2


@pytest.mark.parametrize("kind", ["chromium-innertext", "firefox-innertext", "chromium-copy"])
def test_header_tails_past_the_bound_are_split_anew(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # _read keeps the contents of at most _TAILS header tails; past that bound
    # a header's lines are split anew, and read alike.
    text = capture(120, "lemmy-0.18", kind)
    alone = compare(text)
    monkeypatch.setattr(capture_blocks, "_TAILS", 2)
    assert compare(text) == alone >= 1  # read by the block reader, both times


#: Lines a header's lines after its name may be, and lines near them: hosts,
#: badges, languages, vote lines of every shape ``_votes`` reads, times.
HEADER_LINES = (
    "@lemmy.ml", "@bob@lemmy.ml", "OP", "M", "A", "B", "Banned", "Banned from community",
    "English", "Deutsch", "Español", "Subscribe", "OPMEnglish12•", "English1•", "12", "2·",
    "3·", "0·", "122·", "1.2K", "1.2K·", "1.23K1·", "-4", "-4•", "−4•", "4•", "•", "·", "12 ·",
    "...·", "1..2·", "K·", "2 days ago", "now", "bob", "",
)  # fmt: skip
LAYOUTS = [
    Layout(version, kind, firefox)
    for version in ("lemmy-0.19", "lemmy-0.18")
    for kind in ("innertext", "copy")
    for firefox in (False, True)
]


@given(
    layout=st.sampled_from(LAYOUTS),
    rows=st.lists(
        st.lists(st.sampled_from(HEADER_LINES), max_size=5)
        | st.lists(st.sampled_from(HEADER_LINES), min_size=10, max_size=14),
        min_size=1,
        max_size=8,
    ),
)
@example(layout=LAYOUTS[0], rows=[["1.2K", "2·"]])  # the lines above read only with the votes
@example(layout=LAYOUTS[0], rows=[["English", "1.2K", "2·"], ["English", "3·"]])
def test_header_lines_split_at_their_votes_read_as_whole(
    layout: Layout, rows: list[list[str]]
) -> None:
    # _PartsOf reads the lines above a header's votes apart from the votes and
    # remembers both; every reading must be _parts's of the lines whole,
    # in any order of asking (what it remembers from one serves the next).
    parts_of = capture_blocks._PartsOf(layout)
    for lines in rows:
        assert parts_of(tuple(lines)) == capture_blocks._parts(tuple(lines), layout)


def test_header_lines_are_read_apart_from_their_votes() -> None:
    # The split is taken where the header's lines end in votes (a reader that
    # always read the lines whole would pass the test above).
    layout = Layout("lemmy-0.19", "innertext", firefox=False)
    parts_of = capture_blocks._PartsOf(layout)
    for votes in ("3·", "12·", "5·"):
        assert parts_of(("@lemmy.ml", "OP", "English", votes)) is not None
    assert parts_of(("@lemmy.ml", "OP", "English", "12", "2·")) == (
        "lemmy.ml", ("OP",), "English", 10, 12, 2, (), None,
    )  # fmt: skip
    assert list(parts_of._above) == [("@lemmy.ml", "OP", "English")]
    assert list(parts_of._votes) == [("3·",), ("12·",), ("5·",), ("12", "2·")]
    assert parts_of(("English", "1 hour ago", "3·")) is None
    assert parts_of._above[("English", "1 hour ago")] is None


#: Lines under a 0.19.4+ copy's name line: hosts, badges, languages, lines
#: that start as a badge does, lines a language has no character of, long ones.
BARE_LINES = (
    "@lemmy.ml", "@x y", "OP", "M", "A", "B", "Banned", "Banned  from   community", "English",
    "Deutsch", "Español", "Alice", "Also this", "Mostly fine.", "Subscribe", "Bob 2",
    "\x00", "Nothing about this is new.", "x" * 81, "Long " + " " * 80 + "English",
    "A" + " " * 90 + "B", "@" + "h" * 90, "Creole (Haiti)", "it's",
)  # fmt: skip


@given(
    rows=st.lists(st.sampled_from(BARE_LINES), min_size=1, max_size=16),
    indented=st.booleans(),
)
@example(rows=["bob", "@lemmy.ml", "M", "English", "Long " + " " * 80 + "English"], indented=False)
@example(rows=["bob", "@lemmy.ml", "Alice", "Also this", "Mostly fine."], indented=True)
def test_a_bare_headers_lines_read_alike_with_what_is_not_read_left_out(
    rows: list[str], indented: bool
) -> None:
    # _read_bare asks _bare_parts with the lines it does not read left out
    # (_bare_key): the reading must be that of all the short lines.
    layout = Layout("lemmy-0.19", "copy", firefox=False)
    lines = tuple(rows)
    short = 1
    while (
        short < len(lines) and short <= 14 and (len(lines[short]) <= 80 or lines[short][0] == "@")
    ):
        short += 1
    key = capture_blocks._bare_key(lines, short, indented)
    whole = (lines[1:short], short < len(lines), short == len(lines) and indented)
    assert capture_blocks._bare_parts(*key, layout=layout) == capture_blocks._bare_parts(
        *whole, layout=layout
    )


def test_a_bare_headers_key_leaves_out_the_body() -> None:
    # Headers that differ by their bodies ask alike (a key that kept every
    # line would pass the test above).
    key = capture_blocks._bare_key
    assert key(("bob", "@lemmy.ml", "English", "Hi."), 4, False) == (
        ("@lemmy.ml", "English"), True, False,
    )  # fmt: skip
    assert key(("bob", "@lemmy.ml", "M", "Hi there, all."), 4, True) == (
        ("@lemmy.ml", "M", "\x00"), False, False,
    )  # fmt: skip
    assert key(("bob", "English", "x" * 81), 2, False) == (("English",), True, False)


def test_a_firefox_copy_is_read_with_its_nesting() -> None:
    """Replies nest by Firefox's 4-column indents: depth 0 to 3 here, and a
    ``max_depth`` re-attaches the deeper ones with TP204, as the careful reader."""
    text = capture(40, "lemmy-0.19", "firefox-copy")
    thread = read_capture_page_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    assert thread.nesting
    depths = [comment.depth for comment in thread.walk()]
    assert len(depths) == 40
    assert set(depths) == {0, 1, 2, 3}
    capped = read_capture_page_blocks(text, dialect="auto", max_depth=0)
    assert capped is not None
    assert {comment.depth for comment in capped.walk()} == {0}
    assert "TP204" in {diagnostic.code for diagnostic in capped.diagnostics}
    assert compare(text, max_depth=0) == 2


@given(data=st.data())
def test_drawn_and_damaged_captures_read_alike(data: st.DataObject) -> None:
    dialect = data.draw(st.sampled_from(["lemmy-0.19", "lemmy-0.18"]))
    kind = data.draw(st.sampled_from(CAPTURES))
    thread = data.draw(threads(dialect=dialect, capture=kind))
    text = threadparse.render(thread, dialect, capture=kind)
    if data.draw(st.booleans()):
        text = data.draw(damaged(text))
    compare(text, max_depth=data.draw(st.sampled_from([None, 0, 1, 256])))


# Lines that each hit one of the block reader's decisions: header lines out of
# place, times, counts and separators, hosts, badges, the sidebar's and the
# login notice's lines, "more replies" near misses, odd indentation.
TRICKY = (
    "2 days ago", "10 hours ago", "now", "yesterday", "3·", "12", "2·", "1.2K1·", "•", "-4",
    "-4•", "English", "OP", "M", "Banned from community", "@lemmy.ml", "@bob@lemmy.ml",
    "bob", "Ann Lee [she/her]", "5 more replies ➔", "1 more reply ➔", "5 more replies and",
    "5 more replies ➔ x", "deleted by creator", "removed by mod", "*deleted by creator*",
    "Subscribe", "Create a post", "Joined", "General", "!general",
    "You must log in or register to comment.", "You must log in or # to comment.",
    "You are not logged in. However you can subscribe from another Fediverse account",
    "Hot", "Top", "New", "Modlog", "BE: 0.19.12", "join-lemmy.org", "Jump to content",
    "to World News · 8 days ago", "a · b", "x •", "\tindented with a tab", "\u200bzero width",
    "\u00a0nbsp", "line\r", "", "   ",
)  # fmt: skip


@given(
    kind=st.sampled_from(READ),
    size=st.integers(1, 8),
    seed=st.integers(0, 10_000),
    inserts=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["", "  ", "    ", "        "]),  # Firefox's copies: 4 a level
            st.sampled_from(TRICKY),
        ),
        max_size=4,
    ),
)
def test_captures_with_tricky_lines_read_alike(
    kind: tuple[str, str], size: int, seed: int, inserts: list[tuple[int, str, str]]
) -> None:
    lines = capture(size, *kind, seed=seed).split("\n")
    for at, indent, line in inserts:
        lines.insert(at % (len(lines) + 1), indent + line)
    compare("\n".join(lines))


def _comments_start(lines: list[str]) -> int:
    """Index of the first comment's first line (after the login notice and the
    sort buttons)."""
    at = next(i for i, line in enumerate(lines) if line.startswith("You must log in")) + 1
    while not lines[at].strip() or lines[at].strip() in (
        "Hot", "Top", "Controversial", "New", "Old", "Chat",
    ):  # fmt: skip
        at += 1
    return at


def _first_body_line(lines: list[str]) -> int:
    """Index of the first comment's first body line: after the blank line under
    an innerText header, right under a copy's "•"."""
    start = _comments_start(lines)
    if "•" in lines[start : start + 8]:
        return lines.index("•", start) + 1
    return lines.index("", start) + 1


#: Lines that end a header (innerText, <= 0.19.3), which a 0.19.4+ copy has not.
ENDS = ("2 days ago", "3·", "•", "-4•")


@pytest.mark.parametrize(("dialect", "kind"), READ)
@pytest.mark.parametrize(
    "line",
    [*ENDS, "@lemmy.ml", "Subscribe", "Create a post", "\tx", "\u200bx", "5 more replies and"],
)
def test_a_body_line_the_careful_reader_may_read_otherwise_sends_it_there(
    dialect: str, kind: str, line: str
) -> None:
    text = capture(8, dialect, kind, seed=3)
    assert read_capture_page_blocks(text, dialect="auto", max_depth=256) is not None
    lines = text.split("\n")
    at = _first_body_line(lines)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]  # Firefox's copies
    changed = "\n".join([*lines[:at], indent + line, "", *lines[at:]])
    bare = dialect == "lemmy-0.19" and kind.endswith("copy")
    if bare and line in ENDS:  # a body line as any other, in a 0.19.4+ copy
        assert compare(changed) == 2
    else:
        assert read_capture_page_blocks(changed, dialect="auto", max_depth=256) is None
        compare(changed)


@pytest.mark.parametrize(("dialect", "kind"), READ)
def test_a_sidebar_word_in_a_headers_language_place_is_the_careful_readers(
    dialect: str, kind: str
) -> None:
    """A "Subscribe" where two comments' language goes reads as their language,
    but the careful reader may start the sidebar at the first (the block reader
    looks for the sidebar from the last): the block reader leaves it."""
    lines = capture(8, dialect, kind, seed=419).split("\n")
    start = _comments_start(lines)
    for at in [i for i in range(start, len(lines)) if "English" in lines[i]][:2]:
        lines[at] = lines[at].replace("English", "Subscribe")
    text = "\n".join(lines)
    assert read_capture_page_blocks(text, dialect="auto", max_depth=256) is None
    compare(text)


@pytest.mark.parametrize(("dialect", "kind"), READ)
def test_the_sidebar_is_looked_for_near_the_pages_end(
    dialect: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sidebar's fixed lines are looked for only ``_TAIL_REACH`` characters
    above the footer (here 2,000): an opener's word far up in a comment no
    longer sends the search across the page, and a sidebar whose fixed lines
    stand further up (a description longer than the reach) is read by the
    careful reader, which the block reader then leaves it to."""
    monkeypatch.setattr(capture_blocks, "_TAIL_REACH", 2_000)
    lines = capture(40, dialect, kind, seed=11).split("\n")
    at = next(i for i in range(_comments_start(lines), len(lines)) if len(lines[i]) > 80)
    lines[at] += " (Joined in May.)"  # an opener's word inside a body line
    early = "\n".join(lines)
    assert len(early) - early.index("Joined") > 4 * 2_000
    assert compare(early) == 2
    notice = max(i for i, line in enumerate(lines) if line.startswith("You are not logged in."))
    description = ["", "Rules: be kind, cite sources, stay on topic. " * 8] * 8  # 2,900 characters
    far = "\n".join([*lines[: notice + 1], *description, *lines[notice + 1 :]])
    assert read_capture_page_blocks(far, dialect="auto", max_depth=256) is None
    compare(far)


@pytest.mark.parametrize(("dialect", "kind"), READ)
def test_parse_reads_a_capture_as_the_careful_reader_in_every_page_dialect(
    dialect: str, kind: str
) -> None:
    """``parse`` sends a capture to its block reader first, and the other block
    readers must still decline it for any dialect asked, hexbear's and mlmym's
    (which the capture block reader is not tried for) among them."""
    text = capture(8, dialect, kind, seed=5)
    for asked in ("auto", "lemmy-0.19", "lemmy-0.18", "hexbear", "mlmym", "flat"):
        parsed = threadparse.parse(text, dialect=asked, max_depth=256)
        assert threadparse.to_json(parsed) == threadparse.to_json(careful(text, asked, 256)), asked


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace("\n", "\r\n"), "a carriage return"),
        (lambda t: t.replace("You must log in or # to comment.\n", ""), "no login notice"),
        (lambda t: "<html><body>\n" + t, "HTML"),
    ],
)
def test_the_block_reader_declines_what_the_careful_reader_must_read(
    change: object, reason: str
) -> None:
    text = change(capture(8, "lemmy-0.19", "chromium-innertext", seed=3))  # type: ignore[operator]
    assert read_capture_page_blocks(text, dialect="auto", max_depth=256) is None, reason
    compare(text)


def test_a_reading_asked_in_the_other_version_is_the_careful_readers() -> None:
    """TP102: read as lemmy-0.18 as asked, a 0.19 page's capture."""
    text = capture(8, "lemmy-0.19", "chromium-innertext")
    assert read_capture_page_blocks(text, dialect="lemmy-0.18", max_depth=256) is None
    assert "TP102" in {d.code for d in threadparse.parse(text, dialect="lemmy-0.18").diagnostics}


def test_a_firefox_innertext_without_the_posts_time_line_is_known_by_its_votes() -> None:
    """Firefox prints a header's up and down counts on two lines: a page whose
    first headers show no downvotes is still Firefox's where a later one does,
    and its glued counts then read as upvotes alone (read again)."""
    text = capture(40, "lemmy-0.19", "firefox-innertext", seed=5)
    lines = text.split("\n")
    start = _comments_start(lines)
    first_split = next(
        i
        for i in range(start, len(lines) - 1)
        if lines[i].isdigit() and lines[i + 1].endswith("·") and lines[i + 1][:-1].isdigit()
    )
    assert first_split > start + 8  # a glued header comes first
    thread = read_capture_page_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    assert thread.capture == "firefox-innertext"
    compare(text)


def test_the_header_reading_is_kept_whole() -> None:
    """Exact structure of a small innerText capture read here: authors with
    their host and badges, votes, language, time, paragraphs and spans."""
    text = (
        "Jump to content\nLemmy\nCommunities\nA thread\nbob\n to General · 2 days ago\n\n"
        "Hello.\n\nYou must log in or # to comment.\nHot\nTop\n"
        "Ann Lee [she/her]\n@lemmy.ml\nOP\nEnglish\n12\n2·\n3 hours ago\n\nFirst.\n\nSecond.\n"
        "2 more replies ➔\n"
        "carl\n5·\nnow\n\ndeleted by creator\n\n\n"
        "General\n!general\nCreate a post\n\nBE: 0.19.12\nModlog\n"
    )
    thread = read_capture_page_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    ann, carl = thread.comments
    assert ann.author == threadparse.Author(
        "Ann Lee", "Ann Lee [she/her]", "lemmy.ml", ("she/her",), ("OP",)
    )
    assert (ann.upvotes, ann.downvotes, ann.score) == (12, 2, 10)
    assert (ann.language, ann.time, ann.more_replies) == ("English", "3 hours ago", 2)
    assert [p.text for p in ann.paragraphs] == ["First.", "Second."]
    assert text[ann.span.start : ann.span.end].startswith("Ann Lee")
    assert text[ann.span.start : ann.span.end].endswith("2 more replies ➔")
    assert carl.deleted
    assert carl.paragraphs == ()
    assert (carl.upvotes, carl.time) == (5, "now")
    assert thread.capture == "firefox-innertext"
    assert [d.code for d in thread.diagnostics] == ["TP105"]
    assert compare(text) == 2


BARE = (
    "Lemmy\nCommunities\nA thread\nbob\n to General · \n\nHello.\n\n"
    "You must log in or # to comment.\n\n\n"
    "Ann Lee [she/her]\n@lemmy.ml\nOP\nEnglish\nFirst.\n\nSecond.\n\n\n"
    "carl\nIt is.\n\n\n"
    "dora\n\n\n"
    "General\n!general\nCreate a post\n\nBE: 0.19.12\nModlog\n"
)


def test_a_0194_chromium_copy_is_read_by_its_runs_of_lines() -> None:
    """A header with no end mark: after two blank lines, its lines (host,
    badges, a language the body follows at once), the body right under it. A
    name alone on its run is no header (the careful reader's rule): a
    paragraph of the comment above."""
    thread = read_capture_page_blocks(BARE, dialect="auto", max_depth=256)
    assert thread is not None
    ann, carl = thread.comments
    assert ann.author == threadparse.Author(
        "Ann Lee", "Ann Lee [she/her]", "lemmy.ml", ("she/her",), ("OP",)
    )
    assert (ann.language, ann.time, ann.score) == ("English", None, None)
    assert [p.text for p in ann.paragraphs] == ["First.", "Second."]
    assert carl.author is not None
    assert carl.author.name == "carl"
    assert [p.text for p in carl.paragraphs] == ["It is.", "dora"]
    assert BARE[carl.span.start : carl.span.end] == "carl\nIt is.\n\n\ndora"
    assert thread.capture == "chromium-copy"
    assert compare(BARE) == 2


def test_a_paragraph_that_starts_with_an_authors_name_is_read_again_with_the_names() -> None:
    """After one blank line a name alone on its line starts a comment only when
    it is a name the first reading found (``capture._find_headers``' second
    reading): the block reader reads again with those names, as it does."""
    text = BARE.replace("Second.\n", "carl\nSecond.\n")
    thread = read_capture_page_blocks(text, dialect="auto", max_depth=256)
    assert thread is not None
    ann, carl_first, carl = thread.comments
    assert [p.text for p in ann.paragraphs] == ["First."]
    assert carl_first.author == carl.author
    assert [p.text for p in carl_first.paragraphs] == ["Second."]
    assert compare(text) == 2
    other = BARE.replace("Second.\n", "Someone\nSecond.\n")
    assert compare(other) == 2
    assert len(threadparse.parse(other).comments) == 2
