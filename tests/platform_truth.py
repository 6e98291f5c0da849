"""The truth files of ../shared/real_data (Reddit, Hacker News), written from
each file alone by the folder's make_truth_platforms.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

REAL_DATA = Path(__file__).resolve().parents[2] / "shared" / "real_data"


def truth_of(path: Path) -> dict[str, Any]:
    """The truth of one real file: ``truth/<name>.json`` beside it."""
    truth: dict[str, Any] = json.loads(
        (path.parent / "truth" / f"{path.name}.json").read_text(encoding="utf-8")
    )
    return truth


def first_words(text: str) -> str:
    """The truth's normal form of a text's first words."""
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()[:6]).casefold()
