"""Check ``to_convokit`` against ConvoKit itself: load what it writes, compare with a dump.

threadparse writes ConvoKit's on-disk format with the standard library alone,
so only ConvoKit can say the format is right. This script exports the bundled
demo thread and a few fixtures (with a post and without, flat text, API JSON
with a placeholder for a missing parent, and all of them together), and for
each corpus:

1. loads it with ``convokit.Corpus(filename=...)``, and checks that there is
   one utterance per comment (+1 for the post where the thread has a post
   row, +1 per unattributed line), and that every utterance's ``reply_to``,
   ``conversation_id``, speaker, text, timestamp and meta survive the trip;
2. builds the same corpus in memory from ConvoKit's own classes
   (``Speaker``, ``Utterance``, ``Corpus(utterances=...)``) and has
   ``Corpus.dump`` write it, then checks that each of the five files ConvoKit
   wrote holds what threadparse wrote (as JSON: same keys, values and order),
   ``index.json`` with its types and version included.

It prints one summary line and exits 0, or prints what differs and exits 1.
ConvoKit is not a threadparse dependency, so this runs in a venv of its own
(ConvoKit's declared dependencies pull in spaCy, torch and more; loading a
corpus needs only these, and pymongo ships the ``bson`` it imports)::

    python -m venv /tmp/ck
    /tmp/ck/bin/pip install -e '.[markdown]'
    /tmp/ck/bin/pip install --no-deps convokit==5.0.0
    /tmp/ck/bin/pip install pyyaml requests numpy pandas scipy tqdm pymongo scikit-learn
    /tmp/ck/bin/python tools/check_convokit.py

ConvoKit writes ``~/.convokit/config.yml`` the first time it runs.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import sys
import tempfile
import warnings
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import threadparse
from threadparse import Thread
from threadparse.exports.convokit import to_convokit

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# Name and path: a post row and comments, no post row (hexbear page text
# starting at the comments), flat text with and without a post, API JSON with
# a placeholder for a missing parent and exact times.
SAMPLES = {
    "lemmy019_thread.txt": FIXTURES / "lemmy019_thread.txt",
    "hexbear_thread.txt": FIXTURES / "hexbear_thread.txt",
    "flat_post.txt": FIXTURES / "flat_post.txt",
    "flat_discussion_only.txt": FIXTURES / "flat_discussion_only.txt",
    "thread_api_019.json": FIXTURES / "formats" / "thread_api_019.json",
}
FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")


class MismatchError(Exception):
    """What ConvoKit read or wrote differs from what threadparse wrote."""


def threads() -> dict[str, Thread]:
    """The demo thread and the samples, parsed, by name."""
    demo = resources.files("threadparse").joinpath("data/demo.txt").read_text("utf-8")
    texts = {"demo.txt": demo}
    texts |= {name: path.read_text("utf-8") for name, path in SAMPLES.items()}
    return {name: threadparse.parse(text) for name, text in texts.items()}


def expected_count(thread: Thread) -> int:
    """Utterances a thread gives: its rows (a comment each, the post, unattributed lines)."""
    return len(threadparse.to_records(thread))


def check(convokit: Any, name: str, group: dict[str, Thread], folder: Path) -> int:
    """Export ``group`` into ``folder``, load and re-dump it with ConvoKit; the utterance count."""
    exported = to_convokit(group.values(), folder / "ours", sources=group)
    written = [json.loads(line) for line in (exported / "utterances.jsonl").open()]
    corpus = convokit.Corpus(filename=str(exported))
    count = sum(expected_count(thread) for thread in group.values())
    _same(f"{name}: utterance count", len(corpus.utterances), count)
    _same(f"{name}: utterances written", len(written), count)
    for utterance in written:
        loaded = corpus.get_utterance(utterance["id"])
        where = f"{name}: utterance {utterance['id']}"
        _same(f"{where} reply_to", loaded.reply_to, utterance["reply-to"])
        _same(f"{where} conversation_id", loaded.conversation_id, utterance["conversation_id"])
        _same(f"{where} speaker", loaded.speaker.id, utterance["speaker"])
        _same(f"{where} text", loaded.text, utterance["text"])
        _same(f"{where} timestamp", loaded.timestamp, utterance["timestamp"])
        _same(f"{where} meta", loaded.meta.to_dict(), utterance["meta"])
        root = corpus.get_conversation(utterance["conversation_id"]).get_utterance(
            utterance["conversation_id"]
        )
        _same(f"{where}: its conversation's root replies to", root.reply_to, None)
    rebuilt = rebuild(convokit, exported)
    rebuilt.dump("theirs", base_path=str(folder))
    for file in FILES:
        ours, theirs = _read(exported / file), _read(folder / "theirs" / file)
        _same(f"{name}: {file} as ConvoKit dumps it", ours, theirs)
    return count


def rebuild(convokit: Any, folder: Path) -> Any:
    """The corpus in ``folder`` made again from ConvoKit's classes, type checks on."""
    speakers_data = json.loads((folder / "speakers.json").read_text())
    speakers = {
        key: convokit.Speaker(id=key, meta=data["meta"]) for key, data in speakers_data.items()
    }
    utterances = [
        convokit.Utterance(
            id=line["id"],
            speaker=speakers[line["speaker"]],
            conversation_id=line["conversation_id"],
            reply_to=line["reply-to"],
            timestamp=line["timestamp"],
            text=line["text"],
            meta=line["meta"],
        )
        for line in map(json.loads, (folder / "utterances.jsonl").open())
    ]
    corpus = convokit.Corpus(utterances=utterances)
    for key, data in json.loads((folder / "conversations.json").read_text()).items():
        for field, value in data["meta"].items():
            corpus.get_conversation(key).meta[field] = value
    return corpus


def _read(path: Path) -> Any:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text().splitlines()]
    # object_pairs_hook keeps key order visible: [(key, value), ...] compares in order
    return json.loads(path.read_text(), object_pairs_hook=list)


def _same(what: str, got: object, expected: object) -> None:
    """Raise MismatchError naming the first place where two values (lists and pairs compared in depth) differ."""
    while isinstance(got, list | tuple) and isinstance(expected, list | tuple) and got != expected:
        if len(got) != len(expected):
            break
        index = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
        what, got, expected = f"{what}[{index}]", got[index], expected[index]
    if got != expected:
        raise MismatchError(f"{what}: ours {got!r}, ConvoKit's {expected!r}")


def groups(parsed: dict[str, Thread]) -> Iterable[tuple[str, dict[str, Thread]]]:
    """Each thread alone, then all of them in one corpus."""
    for name, thread in parsed.items():
        yield name, {name: thread}
    yield "all together", parsed


def main() -> int:
    """Run every check; print one line, and return the exit status."""
    warnings.simplefilter("ignore")  # requests' chardet warning, on import
    parsed = threads()
    utterances = 0
    # ConvoKit prints the config it writes to ~/.convokit on first use: kept out of the summary.
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter):
            convokit = importlib.import_module("convokit")
            for name, group in groups(parsed):
                with tempfile.TemporaryDirectory() as folder:
                    utterances += check(convokit, name, group, Path(folder))
    except MismatchError as mismatch:
        print(f"check_convokit: FAILED: {mismatch}", file=sys.stderr)
        return 1
    print(
        f"check_convokit: {len(parsed) + 1} corpora ({len(parsed)} threads, then all together), "
        f"{utterances} utterances: ConvoKit {metadata.version('convokit')} loads each, every reply_to and "
        "conversation_id survives, and its own dump writes the same five files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
