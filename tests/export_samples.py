"""The threads the export tests share: one of each shape an export must handle."""

from __future__ import annotations

from pathlib import Path

import threadparse
from threadparse import Thread

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# A post row and comments; no post row; a placeholder for a missing parent (API
# JSON); flat text with a post and comments without authors; flat text alone.
SAMPLES = {
    "demo": ROOT / "src" / "threadparse" / "data" / "demo.txt",
    "lemmy019": FIXTURES / "lemmy019_thread.txt",
    "hexbear": FIXTURES / "hexbear_thread.txt",
    "api": FIXTURES / "formats" / "thread_api_019.json",
    "flat_post": FIXTURES / "flat_post.txt",
    "flat_only": FIXTURES / "flat_discussion_only.txt",
}


def parsed(name: str) -> Thread:
    """The sample ``name``, parsed."""
    return threadparse.parse_file(SAMPLES[name])
