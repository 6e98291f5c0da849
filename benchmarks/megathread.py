"""Realistic news megathreads, built as ``threadparse.Thread`` models and rendered.

``megathread(comments, dialect, seed)`` builds one thread deterministically from
``random.Random(seed)``: a post (a preamble of a few paragraphs, a navigation
block, 3-6 titled link sections of ``URL ~ description`` items, some with a
sub-section) and ``comments`` comments:

- authors from a pool of 300 (some with pronoun tags, most with an instance
  host, a few moderators and admins, one OP who keeps the ``OP`` badge);
- 1-4 paragraphs of 1-3 sentences of plain prose;
- votes as the dialect shows them, times such as "3 hours ago", edited flags;
- about 35% top-level comments, replies mostly 1-6 deep and rarely up to 12;
- some deleted and removed comments, and "N more replies" on some leaves.

The tree shape, authors and prose come from one generator and are the same in
every dialect; what only a dialect shows (votes, language) comes from a second
generator seeded from the first seed and the dialect. Every model is valid for
its dialect: ``parse(render(t, d))`` gives ``carried(t, d)`` back, spans aside
(``python benchmarks/megathread.py --check`` verifies it). Trees are built from
a pre-order depth list on an explicit stack, never by recursion.

``python benchmarks/megathread.py [--check] [N ...]`` prints each dialect's size
for N comments.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from typing import Any

import threadparse
from threadparse import Author, Comment, Item, Preamble, Section, Span, Text, Thread

#: The dialects a megathread is made for (what each shows of votes and languages;
#: ``benchmarks/bench.py`` also renders them as mlmym and as browser captures).
PAGE_DIALECTS: tuple[str, ...] = ("lemmy-0.19", "lemmy-0.18", "hexbear")

#: The comment counts the benchmark runs.
SIZES = (100, 1_000, 10_000, 100_000)

NO_SPAN = Span(0, 0)  # render ignores spans; only parsed models have real ones

TOP_LEVEL_SHARE = 0.35
MAX_REPLY_DEPTH = 12
AUTHOR_POOL = 300

# -- prose ---------------------------------------------------------------------------

_SUBJECTS = (
    "the union",
    "the port authority",
    "the ministry",
    "the council",
    "our local",
    "the dockworkers",
    "the government",
    "the embassy",
    "the article",
    "the report",
    "the central bank",
    "the strike committee",
    "the coalition",
    "the opposition",
    "the new law",
    "this thread",
    "the last offensive",
    "the grain deal",
    "the shipping company",
    "the press",
    "nobody in the media",
    "my cousin",
    "everyone I know",
    "the landlord",
    "the city",
    "the refinery",
    "the rail workers",
    "the teachers",
    "the nurses",
    "the new contract",
)
_VERBS = (
    "said",
    "admitted",
    "denied",
    "announced",
    "reported",
    "claimed",
    "warned",
    "confirmed",
    "ignored",
    "expected",
    "voted for",
    "pushed back on",
    "agreed to",
    "walked away from",
    "called for",
    "is still debating",
    "has been blocking",
    "will not accept",
    "quietly dropped",
    "keeps talking about",
)
_OBJECTS = (
    "the wage offer",
    "a ceasefire",
    "new sanctions",
    "the price of bread",
    "another round of talks",
    "the blockade",
    "the election results",
    "a general strike",
    "the housing plan",
    "the fuel subsidy",
    "the casualty figures",
    "the trade figures",
    "the bridge repairs",
    "a second vote",
    "the leaked memo",
    "the evacuation",
    "the rent freeze",
    "the budget",
    "the grain shipments",
    "the power cuts",
)
_TAILS = (
    "",
    "",
    "",
    " last week",
    " this morning",
    " after the vote",
    " in the north",
    " without any explanation",
    " for the third time",
    " according to the local paper",
    " and nobody was surprised",
    " but the details are still unclear",
    " which tells you everything",
    " if the sources are right",
    " before anyone could read it",
    " despite the protests",
)
_OPENERS = (
    "",
    "",
    "",
    "",
    "Honestly, ",
    "To be fair, ",
    "As usual, ",
    "Apparently ",
    "Meanwhile ",
    "I think ",
    "Remember that ",
    "It looks like ",
    "Funny how ",
    "Of course ",
)
_REMARKS = (
    "That is the whole story.",
    "Good post, thank you.",
    "This is huge if true.",
    "I was there and it was packed.",
    "Source?",
    "Read the whole thing, it is worth it.",
    "Same as it ever was.",
    "We will see how long that lasts.",
    "Wild times.",
    "The comments on the original article are something else.",
    "Solidarity from across the river.",
    "Nothing about this is new.",
)


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(_REMARKS)
    clause = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    text = rng.choice(_OPENERS) + clause + rng.choice(_TAILS)
    if rng.random() < 0.3:
        text += f", and {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


# -- authors -------------------------------------------------------------------------

_NAME_WORDS = (
    "red",
    "harbor",
    "quiet",
    "river",
    "iron",
    "salt",
    "comrade",
    "night",
    "paper",
    "winter",
    "frog",
    "crow",
    "moth",
    "cat",
    "otter",
    "lantern",
    "tractor",
    "beet",
    "cabbage",
    "orchard",
    "signal",
    "static",
    "marble",
    "copper",
    "velvet",
    "hammer",
    "sickle",
    "garden",
    "bread",
    "kettle",
)
_PRONOUNS = (
    "he/him",
    "she/her",
    "they/them",
    "he/they",
    "she/they",
    "comrade/them",
    "any",
    "it/its",
    "xe/xem",
)
_HOSTS = (
    "hexbear.net",
    "lemmygrad.ml",
    "lemmy.ml",
    "lemmy.world",
    "sh.itjust.works",
    "lemmy.dbzer0.com",
    "programming.dev",
    "beehaw.org",
)


def _name(rng: random.Random, number: int) -> str:
    first, second = rng.sample(_NAME_WORDS, 2)
    style = rng.randrange(5)
    if style == 0:
        return f"{first}_{second}"
    if style == 1:
        return f"{first.capitalize()}{second.capitalize()}{rng.randint(1, 99)}"
    if style == 2:
        return f"{first}{number}"
    if style == 3:
        return f"{first.capitalize()} {second.capitalize()}"  # a display name with a space
    return f"the_{first}_{second}_{number}"


def author_pool(rng: random.Random, size: int = AUTHOR_POOL) -> list[Author]:
    """``size`` authors: the first is the post's author (OP), a few are moderators
    (M) or admins (A), one bot (B); most show a host, some a pronoun tag."""
    authors = []
    for number in range(size):
        name = _name(rng, number)
        pronouns = (
            tuple(rng.sample(_PRONOUNS, rng.choice((1, 1, 1, 2)))) if rng.random() < 0.3 else ()
        )
        display = f"{name} [{', '.join(pronouns)}]" if pronouns else name
        instance = None if rng.random() < 0.25 else rng.choice(_HOSTS)
        badges: tuple[str, ...] = ()
        if number == 0:
            badges = ("OP",)
        elif number < 4:
            badges = ("M",)
        elif number < 6:
            badges = ("A",)
        elif number == 6:
            badges = ("B",)
        elif number == 7:
            badges = ("Banned",)
        authors.append(Author(name, display, instance, pronouns, badges))
    return authors


def _for_dialect(author: Author, dialect: str) -> Author:
    """lemmy-ui 0.18.1-0.19.10 shows no Banned badge in comment headers."""
    if dialect == "lemmy-0.18" and "Banned" in author.badges:
        return Author(author.name, author.display_name, author.instance, author.pronouns, ())
    return author


# -- what only a dialect shows -----------------------------------------------------------

_LANGUAGES = ("Deutsch", "Español", "Français", "Português", "Русский")


def _time(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        n, unit = rng.randint(1, 59), "minute"
    elif roll < 0.9:
        n, unit = rng.randint(1, 23), "hour"
    else:
        n, unit = rng.randint(1, 6), "day"
    return f"{n} {unit}{'' if n == 1 else 's'} ago"


def _upvotes(rng: random.Random) -> int:
    """Most comments get a handful, a few get hundreds or thousands."""
    return min(int(rng.paretovariate(1.1)) - 1 + rng.randint(0, 4), 25_000)


def _dialect_fields(rng: random.Random, dialect: str) -> dict[str, Any]:
    upvotes = downvotes = score = None
    language = None
    if dialect != "hexbear":  # hexbear loses the vote count and shows no language
        up = _upvotes(rng)
        down = 0 if rng.random() < 0.8 else rng.randint(1, 12)
        if dialect == "lemmy-0.19":
            upvotes, downvotes, score = up, down, up - down
        else:
            score = up - down
        roll = rng.random()
        language = "English" if roll < 0.75 else None if roll < 0.95 else rng.choice(_LANGUAGES)
    return {
        "score": score,
        "upvotes": upvotes,
        "downvotes": downvotes,
        "language": language,
        "time": _time(rng),
    }


# -- the comment tree -----------------------------------------------------------------


def reply_depths(rng: random.Random, count: int) -> list[int]:
    """Pre-order depths: each at most one deeper than the one before, about 35%
    zero, mostly 1-6, at most ``MAX_REPLY_DEPTH``."""
    depths: list[int] = []
    for _ in range(count):
        previous = depths[-1] if depths else -1
        if previous < 0 or rng.random() < TOP_LEVEL_SHARE:
            depths.append(0)
        elif previous == 0:
            depths.append(1)
        else:
            deeper = 0.5 if previous < 4 else 0.4 if previous < 7 else 0.3
            if previous < MAX_REPLY_DEPTH and rng.random() < deeper:
                depths.append(previous + 1)
            elif rng.random() < 0.6:
                depths.append(previous)  # a sibling
            else:
                depths.append(rng.randint(1, previous))  # back up the chain
    return depths


def _comment_fields(
    rng: random.Random, dialect_rng: random.Random, authors: list[Author], depth: int, dialect: str
) -> dict[str, Any]:
    # The OP and the regulars write more than the long tail.
    author = authors[0] if rng.random() < 0.02 else rng.choice(authors[: rng.choice((40, 300))])
    roll = rng.random()
    deleted, removed = roll < 0.02, 0.02 <= roll < 0.025
    paragraphs: tuple[Text, ...] = ()
    if not (deleted or removed):
        count = rng.choices((1, 2, 3, 4), weights=(50, 30, 13, 7))[0]
        paragraphs = tuple(Text(_paragraph(rng, rng.randint(1, 3)), NO_SPAN) for _ in range(count))
    more = rng.choice((1, 1, 2, 3, 5, 8, 14, 27)) if rng.random() < 0.04 else None
    fields = _dialect_fields(dialect_rng, dialect)
    fields.update(
        author=_for_dialect(author, dialect),
        edited=rng.random() < 0.12,
        deleted=deleted,
        removed=removed,
        more_replies=more,
        depth=depth,
        published=None,
        updated=None,
        paragraphs=paragraphs,
        span=NO_SPAN,
    )
    return fields


def build_tree(nodes: list[dict[str, Any]]) -> tuple[Comment, ...]:
    """Comments from pre-order field dicts (each with its ``depth``), on an
    explicit stack. A comment with replies shows no "more replies" (lemmy-ui
    shows that button only where it shows none)."""
    roots: list[Comment] = []
    stack: list[tuple[dict[str, Any], list[Comment]]] = []

    def close() -> None:
        fields, replies = stack.pop()
        if replies:
            fields["more_replies"] = None
        done = Comment(**fields, replies=tuple(replies))
        (stack[-1][1] if stack else roots).append(done)

    for fields in nodes:
        while len(stack) > fields["depth"]:
            close()
        if len(stack) != fields["depth"]:
            raise ValueError(f"depth {fields['depth']} skips a level after {len(stack) - 1}")
        stack.append((fields, []))
    while stack:
        close()
    return tuple(roots)


# -- the post ----------------------------------------------------------------------------

_SECTION_TITLES = (
    "Israel's Genocide of Palestine",
    "Russia-Ukraine Conflict",
    "Port Strike Updates",
    "Sahel and West Africa",
    "Latin America",
    "Reading List",
    "Economics and Trade",
    "Housing and Tenants",
    "Elections in the Region",
    "Community Gardens",
)
_SUB_TITLES = ("Sources", "Pro-Russian Telegram Channels", "Analysis", "Maps and Data")
_URL_HOSTS = ("t.me", "archive.ph", "news.example.com", "example.org", "discord.gg")
_NAVIGATION = (
    "Last week's thread is here.",
    "The Imperialism Reading Group is here.",
    "Please check out the HexAtlas!",
    "The bulletins site is here.",
)


def _item(rng: random.Random) -> Item:
    path = "/".join(
        rng.choice(_NAME_WORDS) + str(rng.randint(1, 999)) for _ in range(rng.randint(1, 3))
    )
    url = f"https://{rng.choice(_URL_HOSTS)}/{path}"
    roll = rng.random()
    if roll < 0.1:
        return Item("link", url, url, None, NO_SPAN)
    if roll < 0.15:
        note = _sentence(rng)
        return Item("note", note, None, None, NO_SPAN)
    description = _sentence(rng)
    return Item("link", f"{url} ~ {description}", url, description, NO_SPAN)


def _sections(rng: random.Random) -> tuple[Section, ...]:
    navigation = tuple(
        Item("note", line, None, None, NO_SPAN)
        for line in rng.sample(_NAVIGATION, rng.randint(1, 3))
    )
    sections = [Section(None, 1, navigation, (), NO_SPAN)]
    for title in rng.sample(_SECTION_TITLES, rng.randint(3, 6)):
        items = tuple(_item(rng) for _ in range(rng.randint(2, 8)))
        subs = tuple(
            Section(sub, 2, tuple(_item(rng) for _ in range(rng.randint(2, 6))), (), NO_SPAN)
            for sub in rng.sample(_SUB_TITLES, rng.choice((0, 0, 1, 2)))
        )
        sections.append(Section(title, 1, items, subs, NO_SPAN))
    return tuple(sections)


def _preamble(rng: random.Random) -> Preamble:
    paragraphs = tuple(
        Text(_paragraph(rng, rng.randint(2, 5)), NO_SPAN) for _ in range(rng.randint(2, 4))
    )
    return Preamble(paragraphs, NO_SPAN)


# -- the thread ----------------------------------------------------------------------


def megathread(comments: int, dialect: str = "lemmy-0.19", seed: int = 0) -> Thread:
    """A megathread with ``comments`` comments, valid for the page ``dialect``."""
    if dialect not in PAGE_DIALECTS:
        raise ValueError(f"unknown page dialect {dialect!r}; expected one of {PAGE_DIALECTS}")
    rng = random.Random(seed)
    dialect_rng = random.Random(f"{seed}:{dialect}")
    authors = author_pool(rng)
    preamble = _preamble(rng)
    sections = _sections(rng)
    nodes = [
        _comment_fields(rng, dialect_rng, authors, depth, dialect)
        for depth in reply_depths(rng, comments)
    ]
    return Thread(
        dialect=dialect,
        preamble=preamble,
        sections=sections,
        comments=build_tree(nodes),
        unattributed=(),
        unparsed=(),
        diagnostics=(),
    )


def page_text(comments: int, dialect: str = "lemmy-0.19", seed: int = 0) -> str:
    """``megathread(comments, dialect, seed)`` rendered as ``dialect``'s page text."""
    return threadparse.render(megathread(comments, dialect, seed), dialect)


def all_comments(thread: Thread) -> Iterator[Comment]:
    """Every comment in reading order, on an explicit stack."""
    stack = list(reversed(thread.comments))
    while stack:
        comment = stack.pop()
        yield comment
        stack.extend(reversed(comment.replies))


def without_spans(value: object) -> object:
    """A copy of ``to_dict`` output with every "span" key dropped, without recursion."""
    root: list[object] = [value]
    stack: list[tuple[object, list[object] | dict[str, object], int | str]] = [(value, root, 0)]
    while stack:
        node, parent, key = stack.pop()
        if isinstance(node, dict):
            copy: dict[str, object] = {}
            parent[key] = copy  # type: ignore[index]
            for name, child in node.items():
                if name != "span":
                    stack.append((child, copy, name))
        elif isinstance(node, list):
            items: list[object] = [None] * len(node)
            parent[key] = items  # type: ignore[index]
            stack.extend((child, items, index) for index, child in enumerate(node))
        else:
            parent[key] = node  # type: ignore[index]
    return root[0]


def check(comments: int, dialect: str, seed: int = 0) -> None:
    """Raise AssertionError unless the megathread parses back as the dialect carries it."""
    thread = megathread(comments, dialect, seed)
    parsed = threadparse.parse(threadparse.render(thread, dialect))
    assert parsed.dialect == dialect, (parsed.dialect, dialect)
    assert not parsed.diagnostics, parsed.diagnostics[:3]
    expected = without_spans(threadparse.to_dict(threadparse.carried(thread, dialect)))
    got = without_spans(threadparse.to_dict(parsed))
    assert got == expected, f"{dialect}: parse(render(thread)) differs from carried(thread)"


def describe(thread: Thread, text: str) -> str:
    comments = list(all_comments(thread))
    depths = [c.depth for c in comments]
    top = sum(1 for d in depths if d == 0)
    deep = sum(1 for d in depths if d > 6)
    return (
        f"{len(comments):>7} comments, {len(text.encode()) / 1e6:8.2f} MB, "
        f"{text.count(chr(10)):>9} lines, top-level {top / len(comments):.0%}, "
        f"deeper than 6: {deep / len(comments):.1%}, max depth {max(depths)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1_000, 10_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--check", action="store_true", help="verify parse(render(t)) == carried(t), spans aside"
    )
    args = parser.parse_args(argv)
    for size in args.sizes:
        for dialect in PAGE_DIALECTS:
            thread = megathread(size, dialect, args.seed)
            text = threadparse.render(thread, dialect)
            print(f"{dialect:<11} {describe(thread, text)}")
            if args.check:
                check(size, dialect, args.seed)
                print(f"{'':<11} parses back as {dialect} carries it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
