"""Threads as a ConvoKit corpus: the folder ``convokit.Corpus(filename=...)`` loads.

ConvoKit (Cornell's toolkit for conversational analysis) reads a corpus from a
folder of five JSON files; this module writes them with the standard library
alone, in the layout ``Corpus.dump`` itself writes (ConvoKit 5.0.0):

- ``utterances.jsonl``: one utterance a line, with the keys ``id``,
  ``conversation_id``, ``text``, ``speaker``, ``meta``, ``reply-to`` (spelled
  with a hyphen on disk, as ConvoKit writes it), ``timestamp`` and ``vectors``;
- ``speakers.json`` and ``conversations.json``: ``{id: {"meta": {...},
  "vectors": []}}``;
- ``corpus.json``: the corpus's own metadata (none: ``{}``);
- ``index.json``: each metadata key of each kind of object with the types its
  values have (``["<class 'int'>"]``; ``[]`` where every value is None), the
  index ``version`` (1: what a new corpus's first dump writes) and ``vectors``.

The utterances are the rows of ``to_records`` (``threadparse.exports.table``),
so they carry the table's ids:

- one utterance per comment, and one for the post where the thread has a post
  row; ``reply-to`` is the row's ``parent_id``, None at a root;
- a thread with a post row is one conversation, rooted at the post; a thread
  without one (page text that starts at the comments) has no root to share,
  and ConvoKit needs every conversation to start at an utterance that replies
  to nothing, so each top-level comment roots a conversation of its own. No
  utterance is invented: ``conversation_id`` is always a real utterance's id;
- each line of unattributed text (flat text, where authors and nesting are
  lost) is an utterance by the unknown speaker. Where the thread has a post it
  replies to the post (it was said under it; where exactly is lost), otherwise
  it stands alone, a conversation of one. ``meta["kind"]`` is
  ``"unattributed"``, so these lines are easy to set aside;
- an utterance's ``id`` is the row's id after a prefix naming its thread:
  ``demo.txt:c0.1`` with ``sources``, else the thread's position,
  ``0:c0.1``. Row ids hold no ``:``, so the part after the last ``:`` is
  always the row's id, and ids of threads exported together never meet;
- ``speaker`` is the author's key, ``name@instance`` (or the name alone where
  no host is shown): the same key as the author graph's nodes
  (``threadparse.exports.graphs``). Comments without an author (flat text,
  placeholders for missing parents) and posts without one are spoken by
  ``UNKNOWN_SPEAKER``, ``"[unknown]"``;
- ``timestamp`` is ``published`` as whole seconds of Unix time where the input
  says when (API JSON), else None: page text shows only relative times, kept
  as ``meta["time"]``;
- ``text`` is the paragraphs joined by a blank line (the post's: its
  preamble; the link sections are not discussion), ``""`` where there are none.

The files are ASCII (JSON's ``\\u`` escapes), as ConvoKit writes them: ConvoKit
opens them in the locale's encoding, which need not be UTF-8.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from threadparse.core.models import Thread
from threadparse.exports._keys import row_author_key
from threadparse.exports.table import Record, iter_records

#: The speaker of every utterance whose author the input lost.
UNKNOWN_SPEAKER = "[unknown]"

#: Each utterance's ``meta`` keys, in order: table columns, but ``row_id``, the
#: row's own ``id`` (the utterance's id without its thread's prefix).
UTTERANCE_META = (
    "kind",  # post, comment, unattributed
    "row_id",  # the table row's id: post, c0.2.1, u4
    "native_id",  # the platform's id, where the input gives one
    "native_parent_id",
    "depth",  # 0 for top-level comments; None for the post and unattributed text
    "score",
    "upvotes",
    "downvotes",
    "time",  # the relative time as shown: "2 days ago"
    "edited",
    "deleted",
    "removed",
    "missing",  # a placeholder for a comment the input lacks (TP401)
    "start",  # the node's span in its input
    "end",
    "dialect",
    "source",  # the thread's name, as given in ``sources``
)
#: Each speaker's ``meta`` keys: the author's name and host, and the account
#: name where the input gives it (the first one met). All None for the unknown speaker.
SPEAKER_META = ("name", "instance", "username")
#: Each conversation's ``meta`` keys: the post's title (on a post's
#: conversation), and the thread's dialect and source.
CONVERSATION_META = ("title", "dialect", "source")

_COLUMN = {"row_id": "id"}  # meta keys named apart from their table column
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SECOND = timedelta(seconds=1)
_FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")


def to_convokit(
    threads: Thread | Iterable[Thread],
    directory: str | os.PathLike[str],
    *,
    sources: Iterable[str] | None = None,
) -> Path:
    """Write ``threads`` as a ConvoKit corpus into ``directory``, and return its path.

    ``threads`` is one thread or any iterable of them (read once, a thread at a
    time). ``sources`` names them, one name each and no name twice (their file
    names, say): the names prefix the utterance ids and fill ``meta["source"]``.
    Without it, a thread's position (``0``, ``1``...) is the prefix.

    The folder is made if need be; the five files are replaced if there.
    ``utterances.jsonl`` is written under a temporary name and renamed when
    every thread is in, so a failure leaves no half corpus behind. Raises
    ValueError when ``sources`` repeats a name or has not one name per thread.

    >>> import json, tempfile, threadparse
    >>> thread = threadparse.parse(
    ...     "  • ada@lemmy.ml\\n    arrow-up\\n    3\\n    ·\\n    1 day ago\\n\\n    Hi!\\n"
    ...     "    • bo\\n      arrow-up\\n      1\\n      ·\\n      2 hours ago\\n\\n"
    ...     "      Hello.\\n"
    ... )
    >>> folder = to_convokit(thread, tempfile.mkdtemp())
    >>> for line in (folder / "utterances.jsonl").read_text().splitlines():
    ...     u = json.loads(line)
    ...     print(u["id"], u["reply-to"], u["conversation_id"], u["speaker"], u["text"])
    0:c0 None 0:c0 ada@lemmy.ml Hi!
    0:c0.0 0:c0 0:c0 bo Hello.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    names = None if sources is None else list(sources)
    if names is not None and len(set(names)) != len(names):
        raise ValueError("sources: each thread needs a name of its own")
    corpus = _Corpus()
    partial = folder / "utterances.jsonl.partial"
    try:
        with partial.open("w", encoding="ascii", newline="\n") as file:
            for utterance in corpus.utterances(_named(threads, names)):
                file.write(json.dumps(utterance) + "\n")
        partial.replace(folder / "utterances.jsonl")
    finally:
        partial.unlink(missing_ok=True)
    for name, document in (
        ("speakers.json", corpus.speakers),
        ("conversations.json", corpus.conversations),
        ("corpus.json", {}),
        ("index.json", corpus.index()),
    ):
        (folder / name).write_text(json.dumps(document), encoding="ascii", newline="\n")
    return folder


def _named(
    threads: Thread | Iterable[Thread], names: list[str] | None
) -> Iterator[tuple[Thread, str, str | None]]:
    """Each thread with its id prefix and its source name (None without ``sources``)."""
    many = (threads,) if isinstance(threads, Thread) else threads
    if names is None:
        for position, thread in enumerate(many):
            yield thread, str(position), None
        return
    count = 0
    for thread in many:
        if count == len(names):
            raise ValueError(f"sources: {len(names)} names for more threads")
        yield thread, names[count], names[count]
        count += 1
    if count != len(names):
        raise ValueError(f"sources: {len(names)} names for {count} threads")


class _Corpus:
    """What the files but ``utterances.jsonl`` hold, gathered while the utterances pass."""

    def __init__(self) -> None:
        self.speakers: dict[str, dict[str, Any]] = {}
        self.conversations: dict[str, dict[str, Any]] = {}
        # Per kind of object, per meta key, the types of its values, in the
        # order met: what ConvoKit's type check puts in the index.
        self.types: dict[str, dict[str, list[str]]] = {
            index: {key: [] for key in keys}
            for index, keys in (
                ("utterances-index", UTTERANCE_META),
                ("speakers-index", SPEAKER_META),
                ("conversations-index", CONVERSATION_META),
            )
        }

    def utterances(self, named: Iterable[tuple[Thread, str, str | None]]) -> Iterator[Any]:
        """Every utterance, as ``Corpus.dump`` writes it; speakers and conversations on the way."""
        for thread, prefix, source in named:
            post: str | None = None  # the post's utterance id, where there is a post row
            for row in iter_records(thread, source=source):
                own = f"{prefix}:{row['id']}"
                reply_to: str | None
                if row["kind"] == "post":  # the first row, where there is one
                    reply_to, conversation = None, own
                    post = own
                elif row["kind"] == "comment":  # the post's conversation, or its top comment's
                    parent = row["parent_id"]
                    reply_to = None if parent is None else f"{prefix}:{parent}"
                    conversation = post or f"{prefix}:{row['root_id']}"
                else:  # unattributed: under the post where there is one, else alone
                    reply_to, conversation = post, post or own
                if reply_to is None:
                    title = row["title"] if row["kind"] == "post" else None
                    self._conversation(conversation, title, thread.dialect, source)
                yield {
                    "id": own,
                    "conversation_id": conversation,
                    "text": row["text"] or "",
                    "speaker": self._speaker(row),
                    "meta": self._meta("utterances-index", _utterance_meta(row)),
                    "reply-to": reply_to,
                    "timestamp": _unix_time(row["published"]),
                    "vectors": [],
                }

    def _speaker(self, row: Record) -> str:
        key = row_author_key(row)
        speaker = UNKNOWN_SPEAKER if key is None else key
        known = self.speakers.get(speaker)
        if known is None:
            meta = {"name": row["author"], "instance": row["author_instance"]}
            meta["username"] = row["author_username"]
            self.speakers[speaker] = {"meta": meta, "vectors": []}
            self._meta("speakers-index", meta)
        elif known["meta"]["username"] is None and row["author_username"] is not None:
            known["meta"]["username"] = row["author_username"]
            self._meta("speakers-index", known["meta"])
        return speaker

    def _conversation(self, root: str, title: object, dialect: str, source: str | None) -> None:
        meta = {"title": title, "dialect": dialect, "source": source}
        self.conversations[root] = {"meta": self._meta("conversations-index", meta), "vectors": []}

    def _meta(self, index: str, meta: dict[str, Any]) -> dict[str, Any]:
        """``meta``, its values' types noted in ``index`` as ConvoKit notes them."""
        types = self.types[index]
        for key, value in meta.items():
            kind = str(type(value))
            if value is not None and kind not in types[key]:
                types[key].append(kind)
        return meta

    def index(self) -> dict[str, Any]:
        """``index.json``: as ``ConvoKitIndex.to_dict`` writes a new corpus's first dump."""
        return {
            "utterances-index": self.types["utterances-index"],
            "speakers-index": self.types["speakers-index"],
            "conversations-index": self.types["conversations-index"],
            "overall-index": {},
            "version": 1,
            "vectors": [],
        }


def _utterance_meta(row: Record) -> dict[str, Any]:
    return {key: row[_COLUMN.get(key, key)] for key in UTTERANCE_META}


def _unix_time(moment: object) -> int | None:
    """Whole seconds since 1970 (UTC), rounded down; a moment without a zone is read as UTC."""
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (moment - _EPOCH) // _SECOND
