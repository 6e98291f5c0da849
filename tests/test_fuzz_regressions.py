"""Replay the fuzz harness's check on every kept finding and on every seed.

``fuzz/regressions/`` holds each input that once broke a guarantee; the seeds
are the test fixtures in each decoding the fuzzer starts from. Both run
through ``fuzz.harness.check``, the function atheris calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import threadparse
from fuzz.harness import DECODINGS, LATER, Case, case_of, check

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = sorted(p for p in (ROOT / "fuzz" / "regressions").iterdir() if p.name != "README.md")
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))


def test_kept_findings_pass() -> None:
    # One test over the folder, not one per file: an empty folder is no skip.
    for path in REGRESSIONS:
        check(path.read_bytes())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_fixture_passes_in_every_mode(path: Path) -> None:
    data = path.read_bytes()
    for mode in range(256):
        check(bytes([mode]) + data)
    for mode in range(7, 256, 32):  # slot 7: each later dialect, by the second byte
        for pick in range(len(LATER)):
            check(bytes([mode, pick]) + data)


def test_first_byte_picks_the_call() -> None:
    assert case_of(b"") == Case("", "auto", False, 256)
    assert case_of(b"\x01caf\xc3\xa9") == Case("caf\u00e9", "lemmy-0.19", False, 256)
    assert case_of(b"\x00\xff") == Case("\udcff", "auto", False, 256)  # surrogateescape
    assert case_of(b"\x08\xff") == Case("\ufffd", "auto", False, 256)  # replace
    assert case_of(b"\x14\x00\x1b") == Case("\x00\x1b", "flat", False, 256)  # Latin-1
    assert case_of(b"\x18\x00\xd8") == Case("\ud800", "auto", False, 256)  # UTF-16-LE
    # Slot 7: the next byte picks among the rest (the JSON readers, ...).
    assert case_of(b"\x27\x00a") == Case("a", "lemmy-api", True, 256)
    assert case_of(b"\x07\x02[]") == Case("[]", "reddit-json", False, 256)
    assert {case_of(bytes([7, pick])).dialect for pick in range(256)} == set(
        threadparse.DIALECTS[6:]
    )
    assert [case_of(bytes([m])).max_depth for m in (0x00, 0x40, 0x80, 0xC0)] == [256, 0, 1, None]
    assert len(DECODINGS) == 4
    reachable = {case_of(bytes([m, pick])).dialect for m in range(256) for pick in range(256)}
    assert reachable == {"auto", *threadparse.DIALECTS}
