"""Coverage-guided fuzzing of ``threadparse.parse`` with atheris (libFuzzer).

Run it (see fuzz/README.md)::

    python -m pip install -e '.[test,fuzz]'
    python fuzz/fuzz_parse.py fuzz/work -dict=fuzz/threadparse.dict -max_total_time=3600

Each input goes through ``fuzz/harness.py:check``. A finding is written by
libFuzzer as ``crash-*``; copy it into ``fuzz/regressions/`` and
``tests/test_fuzz_regressions.py`` replays it on every test run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for fuzz.*, tests.nodes

with atheris.instrument_imports(include=["threadparse", "fuzz", "tests"]):
    from fuzz.harness import check


ROOT = Path(__file__).resolve().parent.parent


def seed(corpus: Path) -> None:
    """Start an empty corpus from the test fixtures, one copy per decoding.

    libFuzzer only writes to the first corpus folder; seeding from the
    fixtures starts it with real headers, headings and items to mutate.
    """
    if corpus.exists() and any(corpus.iterdir()):
        return
    corpus.mkdir(parents=True, exist_ok=True)
    for fixture in sorted((ROOT / "tests" / "fixtures").glob("*.txt")):
        for mode in (0b00000, 0b01000, 0b10000, 0b100011):
            (corpus / f"{fixture.stem}-{mode}").write_bytes(bytes([mode]) + fixture.read_bytes())


def main() -> None:
    folders = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    if folders:
        seed(Path(folders[0]))
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
