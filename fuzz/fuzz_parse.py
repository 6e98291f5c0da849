"""Coverage-guided fuzzing of ``threadparse.parse`` with atheris (libFuzzer).

Run it (see fuzz/README.md)::

    python -m pip install -e '.[test,fuzz]'
    python fuzz/fuzz_parse.py fuzz/work -dict=fuzz/threadparse.dict -max_total_time=3600

Each input goes through ``fuzz/harness.py:check``. A finding is written by
libFuzzer as ``crash-*``; copy it into ``fuzz/regressions/`` and
``tests/test_fuzz_regressions.py`` replays it on every test run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for fuzz.*, tests.nodes

with atheris.instrument_imports(include=["threadparse", "fuzz", "tests"]):
    from fuzz.harness import check


ROOT = Path(__file__).resolve().parent.parent


# Responses other people captured from live servers (Lemmy 0.18-1.0, PieFed):
# read from the shared folder beside the project when it is there, never copied.
REAL_API = ROOT.parent / "shared" / "real_data" / "lemmy_api"
REAL_REDDIT = ROOT.parent / "shared" / "real_data" / "reddit"
REAL_UI = ROOT.parent / "shared" / "real_ui"


def seed(corpus: Path) -> None:
    """Start an empty corpus from the test fixtures, one copy per decoding, and
    from API JSON: the project's own examples and, where present, each comment
    view of the real responses as a small response of its own.

    libFuzzer only writes to the first corpus folder; seeding from the
    fixtures starts it with real headers, headings, items and JSON shapes to
    mutate.
    """
    if corpus.exists() and any(corpus.iterdir()):
        return
    corpus.mkdir(parents=True, exist_ok=True)
    for fixture in sorted((ROOT / "tests" / "fixtures").glob("*.txt")):
        for mode in (0b00000, 0b01000, 0b10000, 0b100011):
            (corpus / f"{fixture.stem}-{mode}").write_bytes(bytes([mode]) + fixture.read_bytes())
    for example in sorted((ROOT / "tests" / "fixtures" / "formats").glob("*.json")):
        (corpus / f"api-{example.stem}").write_bytes(b"\x00" + example.read_bytes())
    for response in sorted(REAL_API.glob("*.json")) if REAL_API.is_dir() else []:
        for number, piece in enumerate(_api_pieces(response.read_text(encoding="utf-8"))):
            (corpus / f"real-{response.stem}-{number}").write_bytes(b"\x00" + piece.encode())
            # the same, read as reddit-json by name (slot 7, second byte 2): the wrong reader
            (corpus / f"real-{response.stem}-{number}-r").write_bytes(b"\x07\x02" + piece.encode())
    # Reddit: morechildren answers whole (flat, small), and dump lines one by one.
    for answer in sorted(REAL_REDDIT.glob("morechildren/*.json")) if REAL_REDDIT.is_dir() else []:
        (corpus / f"reddit-{answer.stem}").write_bytes(b"\x00" + answer.read_bytes())
        (corpus / f"reddit-{answer.stem}-l").write_bytes(b"\x07\x00" + answer.read_bytes())
    # lemmy-ui HTML: from each real page, its comment list's first 12 KB in the app's root.
    for page in sorted(REAL_UI.glob("*.html")) if REAL_UI.is_dir() else []:
        html = page.read_text(encoding="utf-8")
        start = html.find('<ul class="comments')
        if start >= 0:
            piece = '<div class="lemmy-site">' + html[start : start + 12_000]
            (corpus / f"html-{page.stem}").write_bytes(b"\x00" + piece.encode())
    for dump in sorted(REAL_REDDIT.glob("*.ndjson")) if REAL_REDDIT.is_dir() else []:
        for number, line in enumerate(dump.read_bytes().splitlines()[:10]):
            (corpus / f"reddit-{dump.stem}-{number}").write_bytes(b"\x00" + line)


def _api_pieces(text: str) -> list[str]:
    """Small API inputs from one response: each comment view alone in its
    response's shape, and the post view alone (libFuzzer's -max_len cuts longer
    seeds, which would leave only broken JSON)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    pieces = [json.dumps({"post_view": data["post_view"]})] if "post_view" in data else []
    for key in ("comments", "items"):
        pieces.extend(json.dumps({key: [view]}, ensure_ascii=False) for view in data.get(key) or [])
    if "comment_view" in data:
        pieces.append(json.dumps({"comment_view": data["comment_view"]}, ensure_ascii=False))
    return pieces


def main() -> None:
    folders = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    if folders:
        seed(Path(folders[0]))
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
