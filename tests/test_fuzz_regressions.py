"""Replay the fuzz harness's check on every kept finding and on every seed.

``fuzz/regressions/`` holds each input that once broke a guarantee; the seeds
are the test fixtures in each decoding the fuzzer starts from. Both run
through ``fuzz.harness.check``, the function atheris calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.harness import DECODINGS, check, text_of

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
    for mode in range(64):
        check(bytes([mode]) + data)


def test_first_byte_picks_dialect_decoding_and_strict() -> None:
    assert text_of(b"") == ("", "auto", False)
    assert text_of(b"\x01caf\xc3\xa9") == ("caf\u00e9", "lemmy-0.19", False)
    assert text_of(b"\x00\xff") == ("\udcff", "auto", False)  # surrogateescape
    assert text_of(b"\x08\xff") == ("\ufffd", "auto", False)  # replace
    assert text_of(b"\x14\x00\x1b") == ("\x00\x1b", "flat", False)  # Latin-1, flat
    assert text_of(b"\x18\x00\xd8") == ("\ud800", "auto", False)  # UTF-16-LE surrogatepass
    assert text_of(b"\x27a") == ("a", "auto", True)  # mode 7 is no dialect: auto
    assert len(DECODINGS) == 4
