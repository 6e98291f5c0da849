"""Adversarial input families: each a function ``size -> str`` of about ``size`` characters.

Each family stresses one place where a line-based parser can turn quadratic or
blow up: one line that never ends, floods of lines that each start a header
candidate, regular-expression bait (``[``, ``https://``, a pronoun tag with
100,000 entries), indentation that grows without bound, and blank lines. The
``megathread`` family is valid page text, for reference.

``FAMILIES`` maps each name to its function; tests/test_growth.py checks that
parsing every family grows linearly. ``python benchmarks/adversarial.py
[--size N]`` times threadparse.parse and the floor on each family at N and 4N
characters (best of 5) and prints the growth.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for `python benchmarks/...`

import threadparse
from benchmarks.floor import floor
from benchmarks.megathread import page_text

#: The size at which the docstrings' counts hold ("500,000 lone bullets").
BIG = 1_000_000


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters (a whole number of units, at least one)."""
    return unit * max(1, size // len(unit))


def long_line(size: int) -> str:
    """One line with no newline: a name line's pieces (bullet, host, tag, badge) over and over."""
    return _repeat("• a@b.io [he/him] OP ", size)


def lone_bullets(size: int) -> str:
    """``•`` alone on every line (lemmy-0.18's separator): 500,000 lines at ``BIG``."""
    return _repeat("•\n", size)


_TOKENS = (
    "arrow-up",
    "12",
    "·",
    "link",
    "2 days ago",
    "edit-2",
    "fedilink",
    "English",
    "arrow-down",
    "3",
    "•",
    "hexagon",
    "1.2K",
    "OP",
    "a day",
)


def header_tokens(size: int) -> str:
    """Every line a header token, indented as lemmy-ui indents them, cycling."""
    unit = "".join(f"    {token}\n" for token in _TOKENS)
    return _repeat(unit, size)


def names_and_bodies(size: int) -> str:
    """Name lines that look like comment headers, each followed by a body line
    instead of header tokens: every other line is a header candidate that fails."""
    unit = "".join(
        f"  • user{n} [she/her]@lemmy.ml\n    Not a token, just a line of prose.\n"
        for n in range(10)
    )
    return _repeat(unit, size)


def brackets(size: int) -> str:
    """``[`` repeated on one line (pronoun-tag and link-syntax bait)."""
    return "[" * size


def urls(size: int) -> str:
    """``https://`` repeated on one line (URL bait)."""
    return _repeat("https://", size)


def deep_indent(size: int) -> str:
    """One name line indented by ``size`` spaces."""
    return " " * max(0, size - 12) + "• u@h.io\n"


def growing_indent(size: int) -> str:
    """A reply chain: every comment indented 2 columns deeper than the one before,
    far past ``max_depth`` (each reply past it is attached at the cap)."""
    parts: list[str] = []
    total = 0
    depth = 0
    while total < size:
        pad = "  " * (depth + 1)
        part = f"{pad}• u{depth}@h.io\n{pad}  1 day ago\n\n{pad}  Reply {depth}.\n\n"
        parts.append(part)
        total += len(part)
        depth += 1
    return "".join(parts)


def pronoun_tag(size: int) -> str:
    """One name line whose pronoun tag has ``size // 5`` entries (100,000 at ``BIG // 2``)."""
    entries = max(1, (size - 16) // 5)
    return "  • x [" + ", ".join(["a/b"] * entries) + "]@h.io\n    1 day ago\n"


def blank_lines(size: int) -> str:
    """Nothing but line ends: 1,000,000 blank lines at ``BIG``."""
    return "\n" * size


def lookahead(size: int) -> str:
    """Header candidates that need the look-ahead: an unbulleted name line that is
    also a token, a strong token, blank lines, a count, and no time ever."""
    return _repeat("English\n    link\n\n\n    42\n\n", size)


def megathread(size: int) -> str:
    """Valid lemmy-0.19 page text: a rendered megathread of about ``size`` characters."""
    return page_text(max(1, size // 410), "lemmy-0.19")


def crlf_megathread(size: int) -> str:
    """``megathread`` with every line end CRLF: read as its LF twin, then every
    span of the tree moved back (``core/crlf.py``)."""
    return megathread(size).replace("\n", "\r\n")


# -- The block reader (formats/lemmy_page/blocks.py) ---------------------------------

_HEADER = "  • ada@lemmy.ml\n    link\n    fedilink\n    arrow-up\n    3\n    ·\n    2 days ago\n\n"


def block_list_paragraph(size: int) -> str:
    """One comment whose body is a single paragraph of bulleted lines: every line
    end asks whether the next line opens a header (it does not: no tokens)."""
    return _HEADER + _repeat("    • a list item, not a name\n", size)


def block_blank_runs(size: int) -> str:
    """Paragraphs each followed by a long run of blank lines and no footer: the
    run is read for a hexbear footer, given back, and read again."""
    return _HEADER + _repeat("    A paragraph.\n" + "\n" * 200, size)


def block_footer_flood(size: int) -> str:
    """A hexbear comment whose footer goes on: "link" and "fedilink" lines, one block."""
    top = "  • ada@lemmy.ml\n    ·\n    2 days ago\n\n    The body.\n\n"
    return top + _repeat("    link\n    fedilink\n", size)


def block_late_decline(size: int) -> str:
    """A valid megathread with a line left of every name line at its very end:
    the block reader reads it all, declines, and the careful reader reads it again."""
    return page_text(max(1, size // 410), "hexbear") + "\nx\n"


def block_header_bait(size: int) -> str:
    """Name lines with every token slot but the time, over and over: each header
    attempt runs the whole slot grammar before it fails."""
    unit = (
        "  • ada@lemmy.ml\n    OP\n    hexagon\n    link\n    fedilink\n    English\n"
        "    heart\n    3\n    ·\n    arrow-up\n    3\n    arrow-down\n    1\n    ·\n"
        "    edit-2\n"
    )
    return _repeat(unit, size)


# -- mlmym's block reader (formats/mlmym/blocks.py) -----------------------------------

_MLMYM_HEADER = "[-] ada@lemmy.ml 5 points 2 days ago\n\n"


def mlmym_page(size: int) -> str:
    """Valid mlmym page text: a rendered megathread of about ``size`` characters."""
    thread = threadparse.parse(page_text(max(1, size // 370), "lemmy-0.19"))
    return threadparse.render(thread, "mlmym")


def mlmym_long_names(size: int) -> str:
    """Headers whose names are 20 words: the lazy name tries each length before
    the score reads."""
    name = " ".join(f"w{n}" for n in range(20))
    unit = f"[-] {name} 5 points 2 days ago\n\nA body.\n\npermalink fedilink source\n\n"
    return _repeat(unit + "  " + unit.replace("\n\n", "\n\n  "), size)


def mlmym_paragraph(size: int) -> str:
    """One comment whose body is one paragraph of lines that end in "]": every
    line end asks whether the next line opens a block, every row is matched
    against Hacker News's toggle."""
    return _MLMYM_HEADER + _repeat("a line that ends [x]\n", size)


def mlmym_flat_copy(size: int) -> str:
    """mlmym page text copied without its indentation: every comment top-level
    (TP201), each load-more line the comment's just read, found by a search."""
    return "\n".join(line.lstrip(" ") for line in mlmym_page(size).split("\n"))


def mlmym_late_decline(size: int) -> str:
    """A valid mlmym page whose last line is a header the block reader leaves
    (no time): it reads it all, declines, and the careful reader reads it again."""
    return mlmym_page(size) + "\n[-] bob 5 points\n"


#: The top of a lemmy-ui page's text (a 0.19.4+ Chromium copy): what makes the
#: capture reader take the text (docs/captures.md).
_CAPTURE_TOP = (
    "Site\nCommunities\nA title\nada\n to Gardens · \n\nYou must log in or # to comment.\n"
)


def capture_footer_bait(size: int) -> str:
    """A page's text whose comment area alternates footer words with other lines:
    each footer word is a candidate end of the page that a later line refutes."""
    return _CAPTURE_TOP + _repeat("Modlog\nnot the footer\n", size)


def capture_copy(size: int) -> str:
    """A 0.19.4+ Chromium copy of a long thread: headers without end marks, each
    found from the blank lines before it (two scans: the second knows every name)."""
    unit = "\n\nname{n}\n@lemmy.ml\nEnglish\nA body line for the comment.\n\nAnd a second one.\n"
    count = max(1, size // len(unit.format(n=1000)))
    comments = "".join(unit.format(n=n % 997) for n in range(count))
    return _CAPTURE_TOP + comments + "\nBE: 0.19.12\nModlog\n"


# -- the capture block reader (formats/lemmy_page/capture_blocks.py) ----------------

_INNERTEXT_TOP = (
    "Jump to content\nSite\nCommunities\nA title\nada\n to Gardens · 2 days ago\n\n"
    "You must log in or # to comment.\nHot\nNew\n"
)
_INNERTEXT_HEADER = "bob\n@lemmy.ml\nEnglish\n3·\n2 hours ago\n\n"


def capture_innertext(size: int) -> str:
    """A 0.19.4+ Chromium innerText capture of a megathread of about ``size`` characters."""
    thread = threadparse.parse(page_text(max(1, size // 330), "lemmy-0.19"))
    return threadparse.render(thread, "lemmy-0.19", capture="chromium-innertext")


def capture_short_runs(size: int) -> str:
    """One comment whose body is runs of 14 short lines, a blank line after each:
    every run is tried as a header from each of its lines before it is a paragraph."""
    return _INNERTEXT_TOP + _INNERTEXT_HEADER + _repeat("a short line\n" * 13 + "end\n\n", size)


def capture_headers_under_lists(size: int) -> str:
    """Comments that end in a list with the next header right under it (no blank
    line, as real pages put it): each header is found after the list's lines."""
    unit = _INNERTEXT_HEADER + "A list:\n\none\ntwo\nthree\n"
    return _INNERTEXT_TOP + _repeat(unit, size) + "\nBE: 0.19.12\nModlog\n"


def capture_long_first_lines(size: int) -> str:
    """Headers whose paragraph's first line is long, its words spaced wide, and
    not alone (a second line under it): the header's block tries to take the
    line as its first paragraph, reaches its end, gives it back, and the
    paragraph's own block reads it again."""
    unit = _INNERTEXT_HEADER + "word   " * 300 + "end\nA second line.\n\n"
    return _INNERTEXT_TOP + _repeat(unit, size) + "\nBE: 0.19.12\nModlog\n"


def capture_late_decline(size: int) -> str:
    """An innerText capture whose last body line is a time: the block reader reads
    every comment, then declines, and the careful reader reads them again."""
    unit = _INNERTEXT_HEADER + "A body line for the comment.\n\n"
    return _INNERTEXT_TOP + _repeat(unit, size) + "5 hours ago\n"


def capture_copy_held_names(size: int) -> str:
    """A 0.19.4+ Chromium copy whose paragraphs, one blank line apart, start with
    lines that may be names: each is held until the headers' names are known."""
    unit = "\n\nname{n}\n@lemmy.ml\nEnglish\nA body.\n\nSomeone else\nsaid this.\n"
    count = max(1, size // len(unit.format(n=1000)))
    comments = "".join(unit.format(n=n % 997) for n in range(count))
    return _CAPTURE_TOP + comments + "\nBE: 0.19.12\nModlog\n"


def capture_firefox_copy(size: int) -> str:
    """A <= 0.19.3 Firefox copy of a megathread of about ``size`` characters: its
    replies nested by indentation, read in two passes over its runs of lines."""
    thread = threadparse.parse(page_text(max(1, size // 330), "lemmy-0.18"))
    return threadparse.render(thread, "lemmy-0.18", capture="firefox-copy")


_FIREFOX_TOP = (
    "Site\n    Communities\nA title\nada to Gardens · \n\n    You must log in or # to comment.\n"
    "    Hot\n    New\n"
)


def capture_firefox_held(size: int) -> str:
    """A 0.19.4+ Firefox copy whose comments end in a line that is a name found
    elsewhere, as indented as the line above it: each is held until the first
    reading has found every name, then read as a header, one level deeper each."""
    unit = "{pad}name{n}\n{pad}@lemmy.ml\n{pad}English\n\n{pad}A body line.\n{pad}name{m}\n\n"
    count = max(1, size // len(unit.format(pad=" " * 40, n=1000, m=1000)))
    comments = "".join(
        unit.format(pad=" " * (4 + 4 * (n % 8)), n=n % 997, m=(n + 1) % 997) for n in range(count)
    )
    return _FIREFOX_TOP + comments + "\n    BE: 0.19.12\n    Modlog\n"


def api_path_loops(size: int) -> str:
    """Lemmy API JSON whose comments come in pairs whose paths name each other
    as parent: every pair loops, and each is read as top-level comments."""
    unit = (
        '{{"comment":{{"id":{a},"path":"0.{b}.{a}","content":"x"}},"creator":{{"name":"u"}}}},'
        '{{"comment":{{"id":{b},"path":"0.{a}.{b}","content":"y"}},"creator":{{"name":"u"}}}}'
    )
    count = max(1, size // len(unit.format(a=10**6, b=10**6)))
    pairs = ",".join(unit.format(a=2 * i + 1, b=2 * i + 2) for i in range(count))
    return '{"comments":[' + pairs + "]}"


def api_json_lines(size: int) -> str:
    """JSON Lines of comment views, each a reply to the one before in the
    previous line's response: many small values, each read with its own
    decoder call, and a tree that spans every line."""
    unit = (
        '{{"comments":[{{"comment":{{"id":{b},"path":"{path}","content":"x","post_id":1}},'
        '"creator":{{"name":"u"}}}}],"next_page":null}}\n'
    )
    count = max(2, size // len(unit.format(b=10**6, path="0.1.1000000")))
    lines = [unit.format(b=i + 1, path=f"0.{i}.{i + 1}" if i else "0.1") for i in range(count)]
    return "".join(lines)


_HTML_COMMENT = (
    '<li class="comment list-unstyled"><article class="details comment-node" id="comment-{id}">'
    '<div class="ms-2"><div class="d-flex flex-wrap"><a class="person-listing" title="ada" '
    'href="/u/ada@lemmy.ml"><span>ada</span><small class="text-muted">@lemmy.ml</small></a>'
    '<span class="badge text-bg-light">English</span><span aria-label="12 Upvotes">12</span>'
    '<span class="moment-time" data-tippy-content="Sunday, November 29th, 2026 at 7:04:22 AM '
    'GMT+00:00">3 days ago</span></div><div class="comment-content"><div class="md-div">'
    "<p>Reply {id} &amp; more.</p></div></div></div></article>"
)
_HTML_PAGE = (
    '<!DOCTYPE html><html><head></head><body><div class="lemmy-site">{}</div></body></html>'
)


def html_comments(size: int) -> str:
    """lemmy-ui HTML with many sibling comments, each a full header and body."""
    count = max(1, size // len(_HTML_COMMENT))
    body = "".join(_HTML_COMMENT.format(id=i) + "</li>" for i in range(count))
    return _HTML_PAGE.format('<ul class="comments">' + body + "</ul>")


def html_deep_replies(size: int) -> str:
    """lemmy-ui HTML whose every comment replies to the one before: nesting without end
    (past ``max_depth``, each reply is moved, with a TP204)."""
    count = max(1, size // (len(_HTML_COMMENT) + 30))
    opened = "".join('<ul class="comments">' + _HTML_COMMENT.format(id=i) for i in range(count))
    return _HTML_PAGE.format(opened + "</li></ul>" * count)


def html_entities(size: int) -> str:
    """A lemmy-ui comment whose body is character references, known and unknown."""
    flood = _repeat("&amp;&#x41;&nbsp;&bogus;&#99999999;<br>", size)
    comment = _HTML_COMMENT.format(id=1).replace("Reply 1 &amp; more.", flood)
    return _HTML_PAGE.format('<ul class="comments">' + comment + "</li></ul>")


def html_unclosed(size: int) -> str:
    """Elements that never close, inside a comment body: the tree builder's stack grows."""
    comment = _HTML_COMMENT.format(id=1).replace("Reply 1 &amp; more.", _repeat("<div><b>x", size))
    return '<div class="lemmy-site"><ul class="comments">' + comment


def html_nested_links(size: int) -> str:
    """Links that never close, inside a comment body: each would be a link inside
    the one before (bad HTML); only the outermost link's text is read."""
    links = _repeat('<a href="https://x.example/">x ', size)
    comment = _HTML_COMMENT.format(id=1).replace("Reply 1 &amp; more.", links)
    return _HTML_PAGE.format('<ul class="comments">' + comment + "</li></ul>")


def html_lone_lt(size: int) -> str:
    """A stray ``<`` over and over: the tokenizer hands each over as text of its own
    (joining them one by one was quadratic)."""
    return '<div class="lemmy-site"><p>' + _repeat("<", size)


def old_reddit_copy(size: int) -> str:
    """An old.reddit selection copy: headers at one indent, glued buttons, and a
    load-more line after every third comment (each line is tried as a header,
    a buttons line and a load-more line)."""
    unit = (
        "[–]name{n} {n} points 3 hours ago*\nA body line for the comment.\n"
        "    permalinkembedsaveparentreportreply\n"
    )
    more = "load more comments (3 replies)\n"
    count = max(1, size // len(unit.format(n=1000)))
    return "".join(unit.format(n=n % 997) + (more if n % 3 == 2 else "") for n in range(count))


def old_reddit_chain(size: int) -> str:
    """An old.reddit textContent copy whose child counts make one reply chain:
    every comment the only child of the one before (the counts give the depth)."""
    unit = (
        "[–]name 1 point2 points3 points 2 hours ago ({c} children)\nReply.\npermalink embed save\n"
    )
    count = max(1, size // len(unit.format(c=10**6)))
    return "".join(unit.format(c=count - 1 - n) for n in range(count))


def old_reddit_header_bait(size: int) -> str:
    """Lines that open like an old.reddit header and never finish one: a mark, a
    long name with spaces, points, but no time (every header try fails late)."""
    bait = "[–]" + "word " * 70 + "12 points 3 hours\n"
    return _repeat(bait, size)


def reddit_stub_answered(size: int) -> str:
    """Reddit thread JSON whose one ``more`` stub lists every comment of the
    morechildren answer that follows it, each a reply to the one before."""
    ids = [f"c{i}" for i in range(max(2, size // 150))]
    listed = ",".join(f'"{i}"' for i in ids)
    stub = (
        '[{"kind":"Listing","data":{"children":[]}},{"kind":"Listing","data":{"children":'
        '[{"kind":"more","data":{"id":"c0","parent_id":"t3_p","count":'
        f"{len(ids)}"
        ',"children":['
        f"{listed}"
        "]}}]}}]\n"
    )
    things = ",".join(
        '{"kind":"t1","data":{"id":"'
        + cid
        + '","parent_id":"'
        + ("t3_p" if n == 0 else f"t1_{ids[n - 1]}")
        + '","link_id":"t3_p","author":"a","body":"x"}}'
        for n, cid in enumerate(ids)
    )
    return stub + '{"json":{"errors":[],"data":{"things":[' + things + "]}}}"


def discourse_chain(size: int) -> str:
    """A Discourse topic whose posts each answer the one before: one long reply
    chain, its stream listing twice the posts present."""
    count = max(2, size // 110)
    posts = ",".join(
        f'{{"id":{n},"post_number":{n},"reply_to_post_number":{n - 1 if n > 1 else "null"},'
        f'"post_type":1,"username":"u{n % 7}","cooked":"<p>x <b>y</b></p>"}}'
        for n in range(1, count + 1)
    )
    stream = ",".join(str(n) for n in range(1, 2 * count))
    return f'{{"title":"t","post_stream":{{"posts":[{posts}],"stream":[{stream}]}}}}'


def discourse_missing_parents(size: int) -> str:
    """Discourse posts each answering a post number no value holds: a placeholder
    each, and actions between them."""
    count = max(2, size // 120)
    posts = ",".join(
        f'{{"id":{n},"post_number":{2 * n},"reply_to_post_number":{2 * n + 1},'
        f'"post_type":{3 if n % 5 == 0 else 1},"username":"u","cooked":"<p>x</p>"}}'
        for n in range(1, count + 1)
    )
    return f'{{"post_stream":{{"posts":[{posts}]}}}}'


def mastodon_chain(size: int) -> str:
    """A Mastodon status and its context: descendants that each reply to the one
    before, past the depth cap."""
    count = max(2, size // 150)
    status = (
        '{{"id":"{id}","in_reply_to_id":{parent},"content":"<p>a <a href=\\"https://x.example/\\">'
        'x</a></p>","replies_count":2,"account":{{"id":"1","username":"a","acct":"a@b.example"}}}}'
    )
    descendants = ",".join(status.format(id=n, parent=f'"{n - 1}"') for n in range(1, count + 1))
    return (
        status.format(id=0, parent="null") + f'\n{{"ancestors":[],"descendants":[{descendants}]}}'
    )


def mastodon_reply_loops(size: int) -> str:
    """Mastodon statuses that reply to each other in pairs (a to b, b to a): every
    pair a loop, read top-level."""
    count = max(2, size // 120)
    statuses = ",".join(
        f'{{"id":"{n}","in_reply_to_id":"{n ^ 1}","content":"<p>x</p>",'
        f'"account":{{"id":"{n}","username":"a"}}}}'
        for n in range(count)
    )
    return f"[{statuses}]"


def hn_algolia_chains(size: int) -> str:
    """An Algolia story whose replies are chains 40 deep (nested ``children``,
    each comment the only reply of the one before), over and over."""
    depth = 40
    unit = (
        '{{"id":{n},"type":"comment","author":"a","text":"<p>Reply &#x27;{n}&#x27;</p>",'
        '"points":null,"parent_id":{p},"story_id":1,"children":['
    )
    chain_size = len(unit.format(n=10**6, p=10**6)) * depth
    chains = []
    number = 2
    for _ in range(max(1, size // chain_size)):
        opened = [unit.format(n=number + k, p=(number + k - 1) if k else 1) for k in range(depth)]
        number += depth
        chains.append("".join(opened) + "]}" * depth)
    return (
        '{"id":1,"type":"story","author":"a","title":"t","points":1,"parent_id":null,'
        '"story_id":1,"created_at_i":1,"children":[' + ",".join(chains) + "]}"
    )


def hn_firebase_siblings(size: int) -> str:
    """Firebase items as JSON Lines: a story whose ``kids`` rank every comment in
    reverse of the input's order, a third of them absent (counted as missing)."""
    unit = '{{"id":{n},"by":"a","type":"comment","parent":1,"time":1,"text":"x<p>y"}}\n'
    count = max(2, size // len(unit.format(n=10**6)))
    kids = ",".join(str(n) for n in reversed(range(2, count + 2)))
    story = f'{{"id":1,"by":"a","type":"story","title":"t","time":1,"kids":[{kids}]}}\n'
    return story + "".join(unit.format(n=n) for n in range(2, count + 2) if n % 3)


_HN_ROW = (
    "<tr class='athing comtr' id='{n}'><td><table border='0'><tr><td class='ind' "
    'indent=\'{i}\'><img src="s.gif" height="1" width="{w}"></td><td class="default">'
    '<div><span class="comhead"><a href="user?id=u{n}" class="hnuser">u{n}</a> '
    '<span class="age" title="2024-05-01T12:00:00 1714564800"><a href="item?id={n}">'
    '1 hour ago</a></span></span></div><br><div class="comment"><div class="commtext c00">'
    'Body of {n} with <a href="https://x.example/{n}">a link</a>.<p>Second &amp; last.</p>'
    '</div><div class=\'reply\'><p><font size="1"><u><a href="reply?id={n}">reply</a></u>'
    "</font></p></div></div></td></tr></table></td></tr>\n"
)


def hn_html_rows(size: int) -> str:
    """A long HN item page: comment rows whose indents climb 0..7 and fall back."""
    row_size = len(_HN_ROW.format(n=10**6, i=7, w=280))
    rows = "".join(
        _HN_ROW.format(n=n, i=n % 8, w=40 * (n % 8)) for n in range(max(1, size // row_size))
    )
    return (
        '<html op="item"><body><center><table id="hnmain"><tr><td>'
        "<table border=\"0\" class='comment-tree'>\n" + rows + "</table></td></tr></table>"
    )


def hn_html_unclosed_rows(size: int) -> str:
    """HN comment rows that never close: each opens inside the one before."""
    unit = (
        "<tr class='athing comtr' id='1'><td class='ind' indent='1'>"
        '<a class="hnuser">u</a><span class="commtext">x '
    )
    return '<table id="hnmain">' + _repeat(unit, size)


def hn_text_copy(size: int) -> str:
    """A copied HN page: a header, a blank, two body lines and ``reply`` per
    comment, the tab-only line between comments (each line tried as a header)."""
    unit = "user{n} {n} hours ago | root | parent | prev | next [–]\n\nA body line.\nAnother.\nreply\n\n\t\n"
    count = max(1, size // len(unit.format(n=1000)))
    head = "Title (example.com)\n5 points by ada 1 hour ago | hide | past | favorite | 9 comments\n"
    return head + "".join(unit.format(n=n % 997) for n in range(count))


def hn_text_header_bait(size: int) -> str:
    """Lines that open like an HN header and never finish one: a user, an age,
    many links, then a word no header ends with (every try fails late)."""
    return _repeat("user 3 hours ago" + " | parent" * 40 + " | nope\n", size)


FAMILIES: dict[str, Callable[[int], str]] = {
    "api_json_lines": api_json_lines,
    "api_path_loops": api_path_loops,
    "capture_footer_bait": capture_footer_bait,
    "capture_copy": capture_copy,
    "capture_innertext": capture_innertext,
    "capture_short_runs": capture_short_runs,
    "capture_headers_under_lists": capture_headers_under_lists,
    "capture_long_first_lines": capture_long_first_lines,
    "capture_late_decline": capture_late_decline,
    "capture_copy_held_names": capture_copy_held_names,
    "capture_firefox_copy": capture_firefox_copy,
    "capture_firefox_held": capture_firefox_held,
    "long_line": long_line,
    "lone_bullets": lone_bullets,
    "header_tokens": header_tokens,
    "names_and_bodies": names_and_bodies,
    "brackets": brackets,
    "urls": urls,
    "deep_indent": deep_indent,
    "growing_indent": growing_indent,
    "pronoun_tag": pronoun_tag,
    "blank_lines": blank_lines,
    "lookahead": lookahead,
    "megathread": megathread,
    "crlf_megathread": crlf_megathread,
    "block_list_paragraph": block_list_paragraph,
    "block_blank_runs": block_blank_runs,
    "block_footer_flood": block_footer_flood,
    "block_late_decline": block_late_decline,
    "block_header_bait": block_header_bait,
    "mlmym_page": mlmym_page,
    "mlmym_long_names": mlmym_long_names,
    "mlmym_paragraph": mlmym_paragraph,
    "mlmym_flat_copy": mlmym_flat_copy,
    "mlmym_late_decline": mlmym_late_decline,
    "html_comments": html_comments,
    "html_deep_replies": html_deep_replies,
    "html_entities": html_entities,
    "html_unclosed": html_unclosed,
    "html_lone_lt": html_lone_lt,
    "html_nested_links": html_nested_links,
    "old_reddit_copy": old_reddit_copy,
    "old_reddit_chain": old_reddit_chain,
    "old_reddit_header_bait": old_reddit_header_bait,
    "reddit_stub_answered": reddit_stub_answered,
    "discourse_chain": discourse_chain,
    "discourse_missing_parents": discourse_missing_parents,
    "mastodon_chain": mastodon_chain,
    "mastodon_reply_loops": mastodon_reply_loops,
    "hn_algolia_chains": hn_algolia_chains,
    "hn_firebase_siblings": hn_firebase_siblings,
    "hn_html_rows": hn_html_rows,
    "hn_html_unclosed_rows": hn_html_unclosed_rows,
    "hn_text_copy": hn_text_copy,
    "hn_text_header_bait": hn_text_header_bait,
}


def best_time(function: Callable[[str], object], text: str, repeat: int = 5) -> float:
    """Seconds per call: the fastest of ``repeat`` samples, collector off during each.

    As ``timeit`` does: a full collection before each sample, the collector off
    while it runs, and a call faster than ``MIN_SAMPLE`` looped within each
    sample (``timeit.autorange``), so the timer's resolution and one-off
    delays do not decide a growth ratio. tests/test_growth.py times with this.
    """
    number = 1
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for _ in range(number):
                function(text)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        best = min(best, elapsed / number)
        if elapsed < MIN_SAMPLE:
            number = max(number * 2, int(number * MIN_SAMPLE / max(elapsed, 1e-6)) + 1)
    return best


#: Seconds: a faster call is looped until one sample takes this long.
MIN_SAMPLE = 0.02


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time parse and the floor on each family.")
    parser.add_argument("--size", type=int, default=BIG, help="characters (default %(default)s)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("families", nargs="*", default=list(FAMILIES))
    args = parser.parse_args(argv)
    print(f"size n = {args.size:,} characters, best of {args.repeat}, garbage collector off")
    print()
    print(
        "| family | line ends | parse n (s) | parse 4n / n | floor 4n / n | parse / floor at 4n |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name in args.families:
        small, large = FAMILIES[name](args.size), FAMILIES[name](4 * args.size)
        parse_small = best_time(threadparse.parse, small, args.repeat)
        parse_large = best_time(threadparse.parse, large, args.repeat)
        floor_small = best_time(floor, small, args.repeat)
        floor_large = best_time(floor, large, args.repeat)
        print(
            f"| {name} | {small.count(chr(10)):,} | {parse_small:.3f} "
            f"| {parse_large / parse_small:.2f} | {floor_large / floor_small:.2f} "
            f"| {parse_large / floor_large:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
