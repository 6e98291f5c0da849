"""Hypothesis strategies for threads, and the damage copy-paste does to their text.

Install with ``pip install threadparse[hypothesis]``. Use them to test code that
consumes threads::

    from hypothesis import given
    from threadparse import parse, render
    from threadparse.strategies import threads

    @given(threads(dialect="lemmy-0.19"))
    def test_my_exporter(thread):
        text = render(thread, "lemmy-0.19")
        my_exporter(parse(text))

Every model drawn here is *valid for its dialect*: ``render(t, d)`` then
``parse`` gives ``t`` back, spans aside (the drawn models carry ``Span(0, 0)``
everywhere; only parsed models have real spans). So comments drawn for
``lemmy-0.18`` have no up/down votes, for ``hexbear`` no score and no language,
and ``flat`` threads keep no comments but authorless deleted ones.

The vocabulary is hostile on purpose: display names with pronoun tags, glued
badges, compact and negative counts, every relative-time wording, trees deep
(20+) and wide, bodies with markdown lists, lines that look like header tokens
(``link``, ``42``, ``·``), curly and straight quotes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "threadparse.strategies needs hypothesis: pip install 'threadparse[hypothesis]'"
    ) from error

import attrs

from threadparse.core.models import (
    Author,
    Comment,
    Community,
    Item,
    Post,
    Preamble,
    Section,
    Span,
    Text,
    Thread,
)
from threadparse.core.records import authorless_comment
from threadparse.core.walk import preorder
from threadparse.formats import PAGE_DIALECTS

#: The dialects ``threads`` draws: page text with headers, and flat text.
THREAD_DIALECTS = (*PAGE_DIALECTS, "flat")

__all__ = (
    "DAMAGE",
    "authors",
    "comments",
    "damaged",
    "sections",
    "threads",
)

NO_SPAN = Span(0, 0)

# -- vocabulary -----------------------------------------------------------------

_NAMES = (
    "Tervell",
    "darkcalling",
    "quokka",
    "Star Wars Enjoyer",
    "ZWQbpkzl",
    "ada_lovelace",
    "x",
    "Comrade-42",
    "Élodie",
    "Мария",
    "user_with_a_rather_long_name",
    "O'Brien",
    "link",
    "English",
    "42",
    "arrow-up",  # names that look like tokens
)
_PRONOUNS = (
    "he/him",
    "she/her",
    "they/them",
    "comrade/them",
    "any",
    "it/its",
    "xe/xem",
    "fae/faer",
    "none/use name",
    "she/they",
)
_HOSTS = ("hexbear.net", "lemmygrad.ml", "lemmy.ml", "lemmy.world", "sh.itjust.works", "a.b-c.io")
_BADGES = ("Banned", "Banned from community", "OP", "M", "A", "B")
_LANGUAGES = ("English", "Deutsch", "Español", "Français", "Русский", "中文", "Norsk Bokmål")

_WORDS = (
    "the",
    "strike",
    "port",
    "workers",
    "council",
    "vote",
    "is",
    "not",
    "a",
    "war",
    "of",
    "ideas",
    "but",
    "of",
    "supply",
    "lines",
    "and",
    "repairs",
    "we",
    "were",
    "told",
    "so",
    "doggirl-tears",
    "marx-doomer",
    "“quoted”",
    '"straight"',
    "it’s",
    "don't",
    "42",
    "link",
    "fedilink",
    "arrow-up",
    "·",
    "•",
    "2",
    "days",
    "ago",
    "OP",
    "@user@lemmy.ml",
)
_TOKEN_LIKE_LINES = ("link", "fedilink", "42", "·", "2 days ago", "English", "edit-2", "-3", "1.2K")
_TITLE_WORDS = (
    "Russia-Ukraine",
    "Conflict",
    "Sources",
    "Pro-Russian",
    "Telegram",
    "Channels",
    "Israel's",
    "Genocide",
    "of",
    "Palestine",
    "Community",
    "Gardens",
    "News",
    "Port",
    "Strike",
    "Updates",
    "Reading",
    "List",
    "2025",
    "Elections",
    "and",
    "the",
)
_URL_HOSTS = ("t.me", "discord.gg", "example.org", "archive.ph", "news.example.com")


def _sentence(words: Sequence[str]) -> str:
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _pool(seed: int, size: int, make: Callable[[random.Random], str]) -> tuple[str, ...]:
    """A fixed pool drawn once: one draw per use keeps generation fast and
    shrinking simple (towards the pool's first entries, the shortest)."""
    rng = random.Random(seed)
    return tuple(sorted({make(rng) for _ in range(size)}, key=len))


_SENTENCES = _pool(1, 120, lambda rng: _sentence(rng.choices(_WORDS, k=rng.randint(1, 14))))
_LONG_LINES = _pool(2, 20, lambda rng: " ".join(rng.choices(_SENTENCES, k=14)))

sentences = st.sampled_from(_SENTENCES)
"""A prose line: never a heading (it ends with "."), never a header (it is not a name line)."""

#: Preamble paragraphs are single lines over 100 characters: flat text tells
#: the preamble from the navigation block by length alone.
preamble_lines = st.sampled_from([line for line in _LONG_LINES if len(line) > 100])


# -- authors ---------------------------------------------------------------------
#
# Composite parts (authors, times, bodies) come from fixed pools built once from
# the vocabulary with a seeded generator: one draw per part keeps generating a
# 30-comment tree cheap (a property test draws thousands) while every
# combination the vocabulary allows still occurs.


def _make_author(rng: random.Random, dialect: str) -> Author:
    name = rng.choice(_NAMES)
    pronouns = tuple(rng.sample(_PRONOUNS, rng.choice((0, 0, 1, 1, 2))))
    display = f"{name} [{', '.join(pronouns)}]" if pronouns else name
    locals_ = 3 if dialect == "hexbear" else 1  # hexbear shows its own users without a host
    instance = rng.choice((None,) * locals_ + _HOSTS)
    # lemmy-ui 0.18.1-0.19.10 shows no Banned badges in comment headers.
    offered = _BADGES[2:] if dialect == "lemmy-0.18" else _BADGES
    chosen = set(rng.sample(offered, rng.choice((0, 0, 0, 1, 1, 2, 3))))
    badges = tuple(b for b in _BADGES if b in chosen)
    return Author(
        name=name, display_name=display, instance=instance, pronouns=pronouns, badges=badges
    )


_AUTHORS = {
    dialect: tuple(_make_author(random.Random(f"{dialect}:{n}"), dialect) for n in range(400))
    for dialect in PAGE_DIALECTS
}


# Strategies are built once: a strategy over a big tuple is costly to create.
_AUTHOR_STRATEGIES = {dialect: st.sampled_from(pool) for dialect, pool in _AUTHORS.items()}


def authors(*, dialect: str = "lemmy-0.19") -> st.SearchStrategy[Author]:
    """An author as ``dialect`` shows it: pronoun tags, hosts, badges (hexbear's
    users are more often local, shown without a host)."""
    return _AUTHOR_STRATEGIES[_page_dialect(dialect)]


def _page_dialect(dialect: str) -> str:
    if dialect not in PAGE_DIALECTS:
        raise ValueError(f"unknown page dialect {dialect!r}; expected one of {PAGE_DIALECTS}")
    return dialect


# -- counts and times ------------------------------------------------------------------

#: Counts lemmy-ui shows exactly: below 1000, or 3 significant digits ("1.24K").
_EXACT_COUNTS = tuple(range(1000)) + tuple(m * 10**e for e in range(1, 5) for m in range(100, 1000))
exact_counts = st.sampled_from(_EXACT_COUNTS)
signed_counts = st.builds(lambda n, negative: -n if negative else n, exact_counts, st.booleans())

_UNITS = ("second", "minute", "hour", "day", "month", "year")


def _date_fns(n: int, unit: str, future: bool) -> str:
    phrase = f"{n} {unit}{'' if n == 1 else 's'}"
    return f"in {phrase}" if future else f"{phrase} ago"


#: The counts formatDistanceStrict shows per unit (it rounds, so "60 minutes",
#: "24 hours" and "30 days" occur; 12 months is "1 year").
_RANGES = {"second": 60, "minute": 61, "hour": 25, "day": 31, "month": 12, "year": 30}

#: date-fns formatDistanceStrict with suffix (lemmy-ui 0.18.1-0.19.x, hexbear).
_DATE_FNS_TIMES = tuple(
    _date_fns(n, unit, future)
    for future in (False, True)
    for unit in _UNITS
    for n in range(0 if unit == "second" else 1, _RANGES[unit])
    if not future or unit == "second"  # clock skew: only seconds in the future
)
#: moment.js fromNow(true) (lemmy-ui <= 0.18.0): no "ago".
_MOMENT_TIMES = (
    *("a few seconds", "a minute", "an hour", "a day", "a month", "a year"),
    *(f"{n} {unit}s" for unit in _UNITS[1:] for n in range(2, _RANGES[unit])),
)


_moment_times = st.sampled_from(_MOMENT_TIMES)
_date_fns_times = st.sampled_from(_DATE_FNS_TIMES)


def _times(dialect: str) -> st.SearchStrategy[str]:
    return _moment_times if dialect == "lemmy-0.18" else _date_fns_times


# -- bodies ------------------------------------------------------------------------------


def _make_paragraph(rng: random.Random) -> str:
    kind = rng.choice(("sentence", "lines", "list", "token"))
    if kind == "sentence":
        return rng.choice(_SENTENCES)
    if kind == "lines":  # one paragraph over several lines
        return "\n".join(rng.choices(_SENTENCES, k=rng.randint(2, 3)))
    if kind == "list":  # a markdown list: bullets that are not comments
        intro = rng.choices(_SENTENCES, k=rng.randint(0, 1))
        return "\n".join(intro + ["• " + s for s in rng.choices(_SENTENCES, k=rng.randint(1, 4))])
    return rng.choice(_TOKEN_LIKE_LINES)  # a line that looks like a header token


def _make_body(rng: random.Random) -> tuple[Text, ...]:
    texts = [_make_paragraph(rng) for _ in range(rng.randint(1, 4))]
    # hexbear's footer is "link"/"fedilink" after the body: a body may not end
    # with one of them (the one ambiguity of that dialect; see docs/format.md).
    if texts[-1] in ("link", "fedilink"):
        texts[-1] = rng.choice(_SENTENCES)
    return tuple(Text(text, NO_SPAN) for text in texts)


_BODIES = tuple(sorted((_make_body(random.Random(n)) for n in range(400)), key=len))
_bodies = st.sampled_from(_BODIES)
_gone = st.sampled_from(("", "", "", "", "deleted", "removed"))
_languages = st.sampled_from((None, *_LANGUAGES))
_more_replies = st.sampled_from((None, None, None, 1, 2, 5, 12, 1200, 34500))
_optional_scores = st.one_of(st.none(), signed_counts)
_downvotes = st.one_of(st.just(0), exact_counts)  # no arrow-down line: the usual case


# -- comments ----------------------------------------------------------------------------


@st.composite
def _one_comment(draw: st.DrawFn, dialect: str, depth: int) -> Comment:
    upvotes = downvotes = score = None
    if dialect == "lemmy-0.19":  # logged-out lemmy-ui always shows the votes
        upvotes, downvotes = draw(exact_counts), draw(_downvotes)
        score = upvotes - downvotes
    elif dialect == "lemmy-0.18":
        score = draw(_optional_scores)
    gone = draw(_gone)
    return Comment(
        author=draw(authors(dialect=dialect)),
        score=score,
        upvotes=upvotes,
        downvotes=downvotes,
        language=None if dialect == "hexbear" else draw(_languages),
        time=draw(_times(dialect)),
        published=None,
        updated=None,
        edited=draw(st.booleans()),
        deleted=gone == "deleted",
        removed=gone == "removed",
        more_replies=draw(_more_replies),
        depth=depth,
        paragraphs=() if gone else draw(_bodies),
        replies=(),
        span=NO_SPAN,
    )


#: Tree shapes as pre-order depth sequences: each depth at most one deeper than
#: the one before. Chains 20+ deep and 30-wide sibling lists are drawn on purpose.
_shapes = st.one_of(
    st.lists(st.integers(-3, 1), max_size=25).map(lambda steps: _depths_from_steps(steps)),
    st.integers(20, 30).map(lambda n: list(range(n))),
    st.integers(20, 30).map(lambda n: [0] + [1] * n),
)


def _depths_from_steps(steps: list[int]) -> list[int]:
    depths = [0]
    for step in steps:
        depths.append(max(0, depths[-1] + step))
    return depths


def _tree(nodes: list[Comment]) -> tuple[Comment, ...]:
    """Pre-order comments with depths -> the tree, built on an explicit stack."""
    roots: list[Comment] = []
    stack: list[tuple[Comment, list[Comment]]] = []

    def close() -> None:
        node, replies = stack.pop()
        # lemmy-ui shows "N more replies" only where it shows no replies.
        more = None if replies else node.more_replies
        done = attrs.evolve(node, replies=tuple(replies), more_replies=more)
        (stack[-1][1] if stack else roots).append(done)

    for node in nodes:
        while len(stack) > node.depth:
            close()
        stack.append((node, []))
    while stack:
        close()
    return tuple(roots)


@st.composite
def comments(draw: st.DrawFn, *, dialect: str = "lemmy-0.19") -> tuple[Comment, ...]:
    """Top-level comments with their reply trees, valid for ``dialect``."""
    dialect = _page_dialect(dialect)
    depths = draw(_shapes)
    return _tree([draw(_one_comment(dialect, depth)) for depth in depths])


# -- the post ---------------------------------------------------------------------------

_titles = (
    st.lists(st.sampled_from(_TITLE_WORDS), min_size=1, max_size=4)
    .map(" ".join)
    # A heading starts with a capital or a digit and has a word of letters
    # ("2025 Elections", not "2025").
    .filter(
        lambda title: (
            (title[0].isupper() or title[0].isdigit())
            and any(word[0].isalpha() for word in title.split())
        )
    )
)
_url = st.builds(
    lambda host, path: f"https://{host}/{path}",
    st.sampled_from(_URL_HOSTS),
    st.from_regex(r"[a-z0-9_]{1,12}(/[a-z0-9_]{1,8})?", fullmatch=True),
)


def _item(*, short: bool = False) -> st.SearchStrategy[Item]:
    """A section line; ``short`` ones (navigation) fit in 100 characters."""
    items = _any_item()
    return items.filter(lambda item: len(item.text) <= 100) if short else items


@st.composite
def _any_item(draw: st.DrawFn) -> Item:
    kind = draw(st.sampled_from(["note", "link", "bare"]))
    if kind == "note":
        return Item("note", draw(sentences), None, None, NO_SPAN)
    url = draw(_url)
    if kind == "bare":
        return Item("link", url, url, None, NO_SPAN)
    description = draw(sentences.filter(lambda s: len(s) <= 60))
    separator = draw(st.sampled_from([" ~ ", " - ", " – "]))
    return Item("link", f"{url}{separator}{description}", url, description, NO_SPAN)


@st.composite
def sections(draw: st.DrawFn) -> tuple[Section, ...]:
    """Link sections as a megathread has them: an optional untitled navigation
    block, then titled sections (the first holds a link), some with sub-sections."""
    out: list[Section] = []
    if draw(st.booleans()):
        navigation = tuple(draw(st.lists(_item(short=True), min_size=1, max_size=5)))
        out.append(Section(None, 1, navigation, (), NO_SPAN))
    for index in range(draw(st.integers(1, 4))):
        items = draw(st.lists(_item(), max_size=4))
        if index == 0 and not any(item.url for item in items):
            items.append(draw(_item().filter(lambda item: item.url is not None)))
        subs = tuple(
            Section(draw(_titles), 2, tuple(draw(st.lists(_item(), max_size=4))), (), NO_SPAN)
            for _ in range(draw(st.integers(0, 2)))
        )
        out.append(Section(draw(_titles), 1, tuple(items), subs, NO_SPAN))
    return tuple(out)


# -- a lemmy-ui page's capture ------------------------------------------------------
#
# A capture of the real page keeps less than the seeds' shape, and some of its
# lines say less: a 0.19.4+ copy has no end mark after a header (docs/captures.md).
# Threads drawn for a capture keep to what such a page shows unambiguously:
# bodies of prose lines, every 0.19.4+ comment with a language, every <= 0.19.3
# comment with its score, names that are not header words.

_CAPTURE_NAMES = frozenset(("link", "English", "42", "arrow-up"))
_CAPTURE_AUTHORS = {
    dialect: tuple(a for a in pool if a.name not in _CAPTURE_NAMES)
    for dialect, pool in _AUTHORS.items()
}
_CAPTURE_BODIES = tuple(
    tuple(
        Text("\n".join(rng.choices(_SENTENCES, k=rng.choice((1, 1, 1, 2)))), NO_SPAN)
        for _ in range(rng.randint(1, 3))
    )
    for rng in (random.Random(f"capture:{n}") for n in range(200))
)
_capture_authors = {dialect: st.sampled_from(pool) for dialect, pool in _CAPTURE_AUTHORS.items()}
_capture_bodies = st.sampled_from(_CAPTURE_BODIES)
_shown_languages = st.sampled_from(_LANGUAGES)
_capture_posts_community = st.sampled_from(
    (
        Community("worldnews", "World News", None),
        Community("transit", "Public Transport", "lemmy.ml"),
    )
)


@st.composite
def _capture_post(draw: st.DrawFn, dialect: str) -> Post:
    author = draw(_capture_authors[dialect])
    return Post(
        title=draw(_titles),
        author=author,
        community=draw(_capture_posts_community),
        url=None,
        domain=None,
        language=draw(st.sampled_from((None, *_LANGUAGES[:3]))),
        time=draw(_times(dialect)),
        score=draw(signed_counts),
        upvotes=None,
        downvotes=None,
        comment_count=draw(exact_counts),
        embed=(),
        span=NO_SPAN,
    )


@st.composite
def _capture_comment(draw: st.DrawFn, comment: Comment, dialect: str) -> Comment:
    gone = comment.deleted or comment.removed
    return attrs.evolve(
        comment,
        author=draw(_capture_authors[dialect]),
        language=draw(_shown_languages) if dialect == "lemmy-0.19" else comment.language,
        score=comment.score if comment.score is not None or dialect != "lemmy-0.18" else 1,
        edited=False,
        paragraphs=() if gone else draw(_capture_bodies),
    )


@st.composite
def threads(
    draw: st.DrawFn,
    *,
    dialect: str | None = None,
    post: bool | None = None,
    capture: str | None = None,
) -> Thread:
    """A whole thread valid for ``dialect`` (drawn when None); with ``post`` True
    or False, with or without link sections (drawn when None). With ``capture``
    (``threadparse.render``'s), a thread as that capture of a lemmy-ui page shows
    it, with its ``Thread.post``; ``dialect`` is then lemmy-0.19 or lemmy-0.18."""
    if capture is not None:
        if dialect not in ("lemmy-0.19", "lemmy-0.18"):
            raise ValueError(f"a capture is of lemmy-0.19 or lemmy-0.18, not {dialect!r}")
        drawn = draw(threads(dialect=dialect, post=post))
        changed: dict[int, Comment] = {}
        for comment in reversed(list(preorder(drawn.comments, lambda c: c.replies))):
            replies = tuple(changed[id(reply)] for reply in comment.replies)
            redrawn = draw(_capture_comment(comment, dialect))
            changed[id(comment)] = attrs.evolve(redrawn, replies=replies)
        return attrs.evolve(
            drawn,
            comments=tuple(changed[id(c)] for c in drawn.comments),
            post=draw(_capture_post(dialect)),
        )
    if dialect is not None and dialect not in THREAD_DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected one of {THREAD_DIALECTS}")
    chosen = dialect if dialect is not None else draw(st.sampled_from(THREAD_DIALECTS))
    with_post = draw(st.booleans()) if post is None else post
    post_sections = draw(sections()) if with_post else ()
    preamble_texts = draw(st.lists(preamble_lines, max_size=3)) if post_sections else []
    preamble = Preamble(
        tuple(Text(t, NO_SPAN) for t in preamble_texts), NO_SPAN if preamble_texts else None
    )
    if chosen == "flat":
        deleted = draw(st.lists(st.sampled_from(["deleted", "removed"]), max_size=2))
        return Thread(
            dialect="flat",
            preamble=preamble,
            sections=post_sections,
            comments=tuple(authorless_comment(kind, NO_SPAN) for kind in deleted),
            unattributed=tuple(Text(t, NO_SPAN) for t in draw(st.lists(sentences, max_size=8))),
            unparsed=(),
            diagnostics=(),
        )
    return Thread(
        dialect=chosen,
        preamble=preamble,
        sections=post_sections,
        comments=draw(comments(dialect=chosen)),
        unattributed=(),
        unparsed=(),
        diagnostics=(),
    )


# -- damage ---------------------------------------------------------------------------

Damage = Callable[[str, random.Random], str]


def _crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


def _tabs(text: str, rng: random.Random) -> str:
    """Each leading pair of spaces (NBSP too) becomes a tab, as a code editor would."""
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \u00a0")
        width = len(line) - len(stripped)
        out.append("\t" * (width // 2) + " " * (width % 2) + stripped)
    return "\n".join(out)


def _nbsp(text: str, rng: random.Random) -> str:
    """Some spaces become NBSP, as browsers copy &nbsp; from the page."""
    return "".join("\u00a0" if c == " " and rng.random() < 0.3 else c for c in text)


def _strip_indentation(text: str, rng: random.Random) -> str:
    return "\n".join(line.lstrip() for line in text.split("\n"))


def _remove_blank_lines(text: str, rng: random.Random) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip() or rng.random() < 0.5)


def _double_blank_lines(text: str, rng: random.Random) -> str:
    return "\n".join(
        line + "\n" if not line.strip() and rng.random() < 0.5 else line
        for line in text.split("\n")
    )


_QUOTES = str.maketrans({"“": '"', "”": '"', "’": "'", '"': "“", "'": "’"})


def _swap_quotes(text: str, rng: random.Random) -> str:
    return text.translate(_QUOTES)


ICON_LINES = frozenset(
    {
        "link",
        "fedilink",
        "arrow-up",
        "arrow-down",
        "edit-2",
        "hexagon",
        "hexbear",
        "heart",
        "smile",
        "shield",
        "cake",
    }
)


def _drop_icon_lines(text: str, rng: random.Random) -> str:
    """Icon-name lines vanish (a copy that skips SVG titles), some or all of them."""
    keep = rng.random() < 0.5
    return "\n".join(
        line
        for line in text.split("\n")
        if line.strip() not in ICON_LINES or (keep and rng.random() < 0.5)
    )


def _trailing_whitespace(text: str, rng: random.Random) -> str:
    return "\n".join(
        line + rng.choice(["", " ", "  ", "\t", " \u00a0"]) for line in text.split("\n")
    )


def _truncate(text: str, rng: random.Random) -> str:
    """The copy stopped early, anywhere: in a header, a body, a word."""
    return text[: rng.randint(0, len(text))]


#: Each operator, by name. What each may destroy is asserted in the test-suite
#: (tests/test_roundtrip.py) and listed in docs/testing.md.
DAMAGE: dict[str, Damage] = {
    "crlf": _crlf,
    "tabs": _tabs,
    "nbsp": _nbsp,
    "strip_indentation": _strip_indentation,
    "remove_blank_lines": _remove_blank_lines,
    "double_blank_lines": _double_blank_lines,
    "swap_quotes": _swap_quotes,
    "drop_icon_lines": _drop_icon_lines,
    "trailing_whitespace": _trailing_whitespace,
    "truncate": _truncate,
}


@st.composite
def damaged(draw: st.DrawFn, text: str, operators: Sequence[str] | None = None) -> str:
    """``text`` after one to three of the ``DAMAGE`` operators, each at most once
    (all of them are candidates by default)."""
    names = list(operators) if operators is not None else sorted(DAMAGE)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    # One seed, not hypothesis.randoms(): operators call the generator per
    # character, and every call would be a draw.
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for name in chosen:
        text = DAMAGE[name](text, rng)
    return text
