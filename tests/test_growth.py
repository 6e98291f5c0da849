"""Parsing time grows linearly on every adversarial family (docs/guarantees.md).

This is the one timed test in the suite, and it measures ratios only, never
seconds. CI runs on a shared 2-core machine where a fuzzer or a neighbour can
take a core at any moment (the README's ``pytest -n auto`` runs other tests on
the other core while this one measures), and where one machine is twice as
fast as another: an absolute budget ("parses 1 MB in 0.5 s") would be either
flaky or too loose to mean anything. What the guarantee promises is a *shape*:
time proportional to the input. So for each family in ``benchmarks/adversarial.py``:

- ``threadparse.parse`` is timed on the family's text at ``n`` characters and
  at ``4n`` (``n`` chosen so one parse takes about 25 ms on the reference
  machine), best of ``REPEAT`` runs, with the garbage collector off during each
  run, as ``timeit`` does;
- the floor (``benchmarks/floor.py``: split the lines, one regex ``match`` a
  line) is timed on the same two texts the same way;
- the parse's growth ``t(4n) / t(n)`` must be at most ``SLACK`` (2) times the
  floor's own growth on that family.

Linear code grows about 4x from n to 4n; a quadratic step grows 16x. Dividing
by the floor's growth cancels what the machine does to any code on a bigger
input (caches, memory, big allocations), so the bound is not a guess about the
hardware. With a linear parse the ratio stays near 1. A quadratic term that
costs q times the linear work at ``n`` makes the parse grow (4 + 16q) / (1 + q):
past 8 for q > 0.5, 10 for q = 1, 14.5 for q = 10. Measured with a wrapper that
adds such a term to ``threadparse.parse``: q = 10 fails every attempt, q = 1
fails on almost every family, q = 0.3 passes (too small to tell from noise).
A failed measurement is repeated up to ``ATTEMPTS`` times (a busy machine can
only slow a run down, and a real quadratic step fails every attempt). The
whole module takes about 20 s.

Everything else the suite checks is untimed; keep it that way. A second timed
test would double the chances of a flake for no new information: every
adversarial shape belongs in ``FAMILIES``, and is measured here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import threadparse
from benchmarks.adversarial import FAMILIES, best_time
from benchmarks.floor import floor

#: Minutes of a full run, so not in the quick loop (README, Contributing).
pytestmark = pytest.mark.slow

#: Characters at n for each family: one parse takes 20-30 ms on the reference
#: machine (AMD EPYC, Python 3.11, threadparse at 685f27c), 80-120 ms at 4n.
SIZES: dict[str, int] = {
    "long_line": 5_000_000,
    "lone_bullets": 16_000,
    "header_tokens": 80_000,
    "names_and_bodies": 200_000,
    "brackets": 6_000_000,
    "urls": 6_000_000,
    "deep_indent": 1_500_000,
    "growing_indent": 800_000,
    "pronoun_tag": 1_200_000,
    "blank_lines": 28_000,
    "lookahead": 22_000,
    "megathread": 230_000,
    "crlf_megathread": 120_000,
    "block_list_paragraph": 400_000,
    "block_blank_runs": 320_000,
    "block_footer_flood": 350_000,
    "block_late_decline": 160_000,
    "block_header_bait": 64_000,
    "mlmym_page": 900_000,
    "mlmym_long_names": 400_000,
    "mlmym_paragraph": 500_000,
    "mlmym_flat_copy": 900_000,
    "mlmym_late_decline": 100_000,
    "capture_footer_bait": 40_000,
    "capture_copy": 20_000,
    "capture_innertext": 400_000,
    "capture_short_runs": 60_000,
    "capture_headers_under_lists": 60_000,
    "capture_long_first_lines": 200_000,
    "capture_late_decline": 15_000,
    "capture_copy_held_names": 80_000,
    "capture_firefox_copy": 200_000,
    "capture_firefox_held": 60_000,
    "api_path_loops": 20_000,
    "api_json_lines": 20_000,
    "html_comments": 25_000,
    "html_deep_replies": 30_000,
    "html_entities": 50_000,
    "html_unclosed": 8_000,
    "html_lone_lt": 100_000,
    "html_nested_links": 8_000,
    "old_reddit_copy": 20_000,
    "old_reddit_chain": 10_000,
    "old_reddit_header_bait": 60_000,
    "reddit_stub_answered": 20_000,
    "discourse_chain": 18_000,
    "discourse_missing_parents": 20_000,
    "mastodon_chain": 18_000,
    "mastodon_reply_loops": 24_000,
    "hn_algolia_chains": 20_000,
    "hn_firebase_siblings": 8_000,
    "hn_html_rows": 20_000,
    "hn_html_unclosed_rows": 20_000,
    "hn_text_copy": 60_000,
    "hn_text_header_bait": 200_000,
}

FACTOR = 4  #: the large text is FACTOR times the small one
REPEAT = 5  #: timings per text; the fastest counts
ATTEMPTS = 3  #: measurements before a family fails
SLACK = 2.0  #: parse growth / floor growth allowed


def growth(function: Callable[[str], object], small: str, large: str) -> float:
    """``t(large) / t(small)`` for ``function``."""
    return best_time(function, large, REPEAT) / best_time(function, small, REPEAT)


def parse(text: str) -> object:
    # Looked up at each call, so a replaced threadparse.parse is what is timed.
    return threadparse.parse(text)


def measure(family: str) -> tuple[float, float]:
    """(parse growth, floor growth) from n to FACTOR * n characters of ``family``."""
    size = SIZES[family]
    small, large = FAMILIES[family](size), FAMILIES[family](FACTOR * size)
    return growth(parse, small, large), growth(floor, small, large)


def test_every_family_has_a_size() -> None:
    assert set(SIZES) == set(FAMILIES)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_parse_grows_linearly(family: str) -> None:
    attempts: list[tuple[float, float]] = []
    while len(attempts) < ATTEMPTS:
        parse_growth, floor_growth = measure(family)
        attempts.append((parse_growth, floor_growth))
        if parse_growth <= SLACK * floor_growth:
            break
    parse_growth, floor_growth = attempts[-1]
    assert parse_growth <= SLACK * floor_growth, (
        f"{family}: from n={SIZES[family]:,} to {FACTOR}n characters, parsing grew more than "
        f"{SLACK}x as fast as the floor in every attempt ("
        + ", ".join(f"parse {p:.1f}x vs floor {f:.1f}x" for p, f in attempts)
        + "): not linear"
    )
