"""The ConvoKit export: the five files in ConvoKit's own layout, utterances that are
the table's rows, ids unique across threads, and an index that lists every meta key.

ConvoKit itself is not installed here: tools/check_convokit.py loads these
corpora with it and compares them with its own dump."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import threadparse
from tests.export_samples import SAMPLES, parsed
from threadparse import Thread
from threadparse.exports.convokit import (
    CONVERSATION_META,
    SPEAKER_META,
    UNKNOWN_SPEAKER,
    UTTERANCE_META,
    _unix_time,
    to_convokit,
)
from threadparse.exports.graphs import reply_graph
from threadparse.exports.table import Record, to_records

FILES = ["conversations.json", "corpus.json", "index.json", "speakers.json", "utterances.jsonl"]
# The keys of a line of utterances.jsonl, in the order Corpus.dump writes them.
LINE_KEYS = ["id", "conversation_id", "text", "speaker", "meta", "reply-to", "timestamp", "vectors"]


class Corpus:
    """A written corpus folder, read back as plain JSON."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        lines = (folder / "utterances.jsonl").read_text(encoding="ascii").splitlines()
        self.utterances: list[dict[str, Any]] = [json.loads(line) for line in lines]
        self.by_id = {u["id"]: u for u in self.utterances}
        self.speakers: dict[str, Any] = self._json("speakers.json")
        self.conversations: dict[str, Any] = self._json("conversations.json")
        self.corpus: dict[str, Any] = self._json("corpus.json")
        self.index: dict[str, Any] = self._json("index.json")

    def _json(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text(encoding="ascii"))

    def shape(self) -> list[tuple[str, str | None, str, str]]:
        return [
            (u["id"], u["reply-to"], u["conversation_id"], u["speaker"]) for u in self.utterances
        ]


def export(tmp_path: Path, threads: Thread | Iterable[Thread], **options: Any) -> Corpus:
    folder = to_convokit(threads, tmp_path / "corpus", **options)
    assert folder == tmp_path / "corpus"
    assert sorted(path.name for path in folder.iterdir()) == FILES
    return Corpus(folder)


def check_corpus(corpus: Corpus) -> None:
    """What every corpus must hold for ConvoKit's loader (see its fill_missing_conversation_ids)."""
    assert len(corpus.by_id) == len(corpus.utterances)  # ids unique
    for utterance in corpus.utterances:
        assert list(utterance) == LINE_KEYS
        assert list(utterance["meta"]) == list(UTTERANCE_META)
        assert utterance["vectors"] == []
        assert isinstance(utterance["text"], str)
        assert utterance["timestamp"] is None or isinstance(utterance["timestamp"], int)
        # reply-to names an utterance or nothing; following it ends at the conversation's
        # root, which replies to nothing and whose id is the conversation's id.
        node, steps = utterance, 0
        while node["reply-to"] is not None:
            node = corpus.by_id[node["reply-to"]]
            assert node["conversation_id"] == utterance["conversation_id"]
            steps += 1
            assert steps <= len(corpus.utterances)
        assert node["id"] == utterance["conversation_id"]
    roots = [u["id"] for u in corpus.utterances if u["reply-to"] is None]
    assert list(corpus.conversations) == roots
    for conversation in corpus.conversations.values():
        assert list(conversation) == ["meta", "vectors"]
        assert list(conversation["meta"]) == list(CONVERSATION_META)
        assert conversation["vectors"] == []
    speakers = list(dict.fromkeys(u["speaker"] for u in corpus.utterances))
    assert list(corpus.speakers) == speakers  # every speaker, in order of first utterance
    for speaker in corpus.speakers.values():
        assert list(speaker) == ["meta", "vectors"]
        assert list(speaker["meta"]) == list(SPEAKER_META)
    assert corpus.corpus == {}
    check_index(corpus)


def check_index(corpus: Corpus) -> None:
    """index.json: each meta key with the types its values have, as ConvoKit's type check
    writes them: ``str(type(value))`` of each value that is not None, in the order met."""

    def types(metas: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {key: [] for key in keys}
        for meta in metas:
            assert list(meta) == list(keys)
            for key, value in meta.items():
                if value is not None and str(type(value)) not in found[key]:
                    found[key].append(str(type(value)))
        return found

    assert corpus.index == {
        "utterances-index": types([u["meta"] for u in corpus.utterances], UTTERANCE_META),
        "speakers-index": types([s["meta"] for s in corpus.speakers.values()], SPEAKER_META),
        "conversations-index": types(
            [c["meta"] for c in corpus.conversations.values()], CONVERSATION_META
        ),
        "overall-index": {},
        "version": 1,
        "vectors": [],
    }
    assert list(corpus.index) == [  # the order ConvoKitIndex.to_dict writes
        "utterances-index",
        "speakers-index",
        "conversations-index",
        "overall-index",
        "version",
        "vectors",
    ]


def prefixed(prefix: str, row_id: object) -> str | None:
    return None if row_id is None else f"{prefix}:{row_id}"


def speaker_of(row: Record) -> str:
    if row["author"] is None:
        return UNKNOWN_SPEAKER
    return (
        f"{row['author']}@{row['author_instance']}"
        if row["author_instance"]
        else str(row["author"])
    )


# -- one thread ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_utterances_are_the_table_rows(name: str, tmp_path: Path) -> None:
    thread = parsed(name)
    corpus = export(tmp_path, thread)
    check_corpus(corpus)
    rows = to_records(thread)
    assert [u["id"] for u in corpus.utterances] == [f"0:{row['id']}" for row in rows]
    post = "0:post" if rows and rows[0]["kind"] == "post" else None
    for row, utterance in zip(rows, corpus.utterances, strict=True):
        if row["kind"] == "unattributed":  # under the post, or alone
            assert utterance["reply-to"] == post
        else:
            assert utterance["reply-to"] == prefixed("0", row["parent_id"])
        root = post or prefixed("0", row["root_id"]) or utterance["id"]
        assert utterance["conversation_id"] == root
        assert utterance["speaker"] == speaker_of(row)
        assert utterance["text"] == (row["text"] or "")
        published = row["published"]
        expected_time = int(published.timestamp()) if isinstance(published, datetime) else None
        assert utterance["timestamp"] == expected_time
        meta = {key: row["id" if key == "row_id" else key] for key in UTTERANCE_META}
        assert utterance["meta"] == meta


def test_demo_is_one_conversation_rooted_at_the_post(tmp_path: Path) -> None:
    corpus = export(tmp_path, parsed("demo"))
    assert corpus.shape() == [
        ("0:post", None, "0:post", UNKNOWN_SPEAKER),  # page text shows no post header
        ("0:c0", "0:post", "0:post", "Marigold@hexbear.net"),
        ("0:c0.0", "0:c0", "0:post", "compost_enjoyer@lemmy.ml"),
        ("0:c0.0.0", "0:c0.0", "0:post", "Marigold@hexbear.net"),
        ("0:c0.1", "0:c0", "0:post", "Fern@lemmygrad.ml"),
        ("0:c1", "0:post", "0:post", "Basil@lemmy.world"),
    ]
    assert corpus.conversations == {
        "0:post": {"meta": {"title": None, "dialect": "lemmy-0.19", "source": None}, "vectors": []}
    }
    assert corpus.speakers["Marigold@hexbear.net"] == {
        "meta": {"name": "Marigold", "instance": "hexbear.net", "username": None},
        "vectors": [],
    }
    assert corpus.speakers[UNKNOWN_SPEAKER]["meta"] == dict.fromkeys(SPEAKER_META)
    first = corpus.by_id["0:c0"]
    assert first["text"].startswith("Three things we need this week:")
    assert first["meta"]["score"] == 1186
    assert (first["meta"]["kind"], first["meta"]["row_id"], first["meta"]["depth"]) == (
        "comment",
        "c0",
        0,
    )
    assert corpus.index["utterances-index"]["score"] == ["<class 'int'>"]
    assert corpus.index["utterances-index"]["edited"] == ["<class 'bool'>"]
    assert corpus.index["utterances-index"]["native_id"] == []  # None throughout


def test_a_thread_without_a_post_row_has_a_conversation_per_top_level_comment(
    tmp_path: Path,
) -> None:
    corpus = export(tmp_path, parsed("hexbear"))
    assert corpus.shape() == [
        ("0:c0", None, "0:c0", "Zinnia"),
        ("0:c0.0", "0:c0", "0:c0", "Birch"),
        ("0:c0.0.0", "0:c0.0", "0:c0", "Moss@lemmy.ml"),
        ("0:c1", None, "0:c1", "Heron"),
    ]
    assert list(corpus.conversations) == ["0:c0", "0:c1"]


def test_api_json_times_placeholder_and_post(tmp_path: Path) -> None:
    thread = parsed("api")
    corpus = export(tmp_path, thread)
    post = corpus.by_id["0:post"]
    assert (post["speaker"], post["reply-to"], post["timestamp"]) == (
        "Quill@lemmygrad.ml",
        None,
        1749042341,  # 2025-06-04T13:05:41.512904Z, whole seconds
    )
    assert post["meta"]["native_id"] == "5123456"
    placeholder = corpus.by_id["0:c2"]
    assert (placeholder["speaker"], placeholder["text"], placeholder["timestamp"]) == (
        UNKNOWN_SPEAKER,
        "",
        None,
    )
    assert placeholder["meta"]["missing"] is True
    assert corpus.by_id["0:c2.0"]["reply-to"] == "0:c2"  # its reply still points at it
    assert list(corpus.conversations) == ["0:post"]
    title = corpus.conversations["0:post"]["meta"]["title"]
    assert title == "News Megathread: Harbour Strikes, the Grain Corridor and More"
    # The account name rides along; the key is the name shown, as in page text.
    assert corpus.speakers["Sorrel@lemmygrad.ml"]["meta"]["username"] == "sorrel_k"
    assert corpus.index["speakers-index"] == {
        "name": ["<class 'str'>"],
        "instance": ["<class 'str'>"],
        "username": ["<class 'str'>"],
    }
    assert corpus.index["conversations-index"]["title"] == ["<class 'str'>"]


def test_unattributed_lines_answer_the_post_or_stand_alone(tmp_path: Path) -> None:
    with_post = export(tmp_path / "a", parsed("flat_post"))
    assert with_post.shape() == [
        ("0:post", None, "0:post", UNKNOWN_SPEAKER),
        ("0:c0", "0:post", "0:post", UNKNOWN_SPEAKER),
        ("0:c1", "0:post", "0:post", UNKNOWN_SPEAKER),
        ("0:u0", "0:post", "0:post", UNKNOWN_SPEAKER),
        ("0:u1", "0:post", "0:post", UNKNOWN_SPEAKER),
    ]
    assert with_post.by_id["0:u1"]["meta"]["kind"] == "unattributed"
    assert with_post.by_id["0:u1"]["meta"]["depth"] is None
    alone = export(tmp_path / "b", parsed("flat_only"))
    assert alone.shape() == [
        ("0:u0", None, "0:u0", UNKNOWN_SPEAKER),
        ("0:u1", None, "0:u1", UNKNOWN_SPEAKER),
        ("0:u2", None, "0:u2", UNKNOWN_SPEAKER),
    ]
    assert list(alone.conversations) == ["0:u0", "0:u1", "0:u2"]


@pytest.mark.parametrize("name", SAMPLES)
def test_speakers_are_the_author_graphs_nodes(name: str, tmp_path: Path) -> None:
    thread = parsed(name)
    speakers = set(export(tmp_path, thread).speakers) - {UNKNOWN_SPEAKER}
    assert speakers == set(reply_graph(thread).nodes)


def test_files_are_ascii_json_with_escapes(tmp_path: Path) -> None:
    corpus = export(tmp_path, parsed("lemmy019"))
    raw = (corpus.folder / "speakers.json").read_bytes()
    assert raw.isascii()
    assert b"Tom\\u00e1s@lemmygrad.ml" in raw
    assert "Tomás@lemmygrad.ml" in corpus.speakers
    text = corpus.by_id["0:c1"]["text"]
    assert text == "Un comentario en español."


# -- many threads ----------------------------------------------------------------------


def test_threads_together_are_apart_by_position(tmp_path: Path) -> None:
    threads = [parsed("demo"), parsed("hexbear"), parsed("demo")]  # one thread twice
    corpus = export(tmp_path, threads)
    check_corpus(corpus)
    counts = [len(to_records(thread)) for thread in threads]
    assert len(corpus.utterances) == sum(counts)
    prefixes = [u["id"].rpartition(":")[0] for u in corpus.utterances]
    assert prefixes == ["0"] * counts[0] + ["1"] * counts[1] + ["2"] * counts[2]
    assert list(corpus.conversations) == ["0:post", "1:c0", "1:c1", "2:post"]
    assert corpus.by_id["2:c0.0"]["reply-to"] == "2:c0"
    # One speaker however many threads they speak in.
    assert list(corpus.speakers).count("Marigold@hexbear.net") == 1


def test_threads_together_are_apart_by_source(tmp_path: Path) -> None:
    threads = (parsed(name) for name in ("api", "flat_only"))  # any iterable, read once
    corpus = export(tmp_path, threads, sources=["threads/api.json", "flat:only.txt"])
    check_corpus(corpus)
    assert corpus.by_id["threads/api.json:c0.0"]["reply-to"] == "threads/api.json:c0"
    assert corpus.by_id["flat:only.txt:u2"]["meta"]["source"] == "flat:only.txt"
    # The row id is what follows the last ":", whatever the source holds.
    assert {u["id"].rpartition(":")[2] for u in corpus.utterances} >= {"post", "c2.0", "u2"}
    assert corpus.conversations["flat:only.txt:u0"]["meta"] == {
        "title": None,
        "dialect": "flat",
        "source": "flat:only.txt",
    }
    assert corpus.index["utterances-index"]["source"] == ["<class 'str'>"]
    assert corpus.index["utterances-index"]["depth"] == ["<class 'int'>"]


def test_a_later_username_fills_a_speaker_met_without_one(tmp_path: Path) -> None:
    # The same person in page text (no account name) and then in API JSON.
    page = threadparse.parse(
        "  • Quill@lemmygrad.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Hi!\n"
    )
    corpus = export(tmp_path, [page, parsed("api")])
    assert corpus.speakers["Quill@lemmygrad.ml"]["meta"] == {
        "name": "Quill",
        "instance": "lemmygrad.ml",
        "username": "quill",
    }
    check_corpus(corpus)


@pytest.mark.parametrize(
    ("count", "sources", "message"),
    [
        (2, ["a", "a"], "each thread needs a name of its own"),
        (2, ["a"], "1 names for more threads"),
        (1, ["a", "b"], "2 names for 1 threads"),
    ],
)
def test_sources_must_name_each_thread_once(
    count: int, sources: list[str], message: str, tmp_path: Path
) -> None:
    threads = [parsed("demo")] * count
    with pytest.raises(ValueError, match=message):
        to_convokit(threads, tmp_path, sources=sources)
    assert list(tmp_path.iterdir()) == []  # no half corpus left behind


def test_an_existing_corpus_is_replaced(tmp_path: Path) -> None:
    export(tmp_path, [parsed("demo"), parsed("api")])
    corpus = export(tmp_path, parsed("hexbear"))
    assert [u["id"] for u in corpus.utterances] == ["0:c0", "0:c0.0", "0:c0.0.0", "0:c1"]
    check_corpus(corpus)


def test_no_threads_is_an_empty_corpus(tmp_path: Path) -> None:
    corpus = export(tmp_path, [])
    assert (corpus.utterances, corpus.speakers, corpus.conversations) == ([], {}, {})
    check_corpus(corpus)


def test_unix_time_is_whole_seconds_rounded_down() -> None:
    moment = datetime(2025, 6, 4, 13, 5, 41, 999999, tzinfo=timezone.utc)
    assert _unix_time(moment) == 1749042341
    assert _unix_time(moment.replace(tzinfo=None)) == 1749042341  # no zone: UTC
    assert _unix_time(moment.astimezone(timezone(timedelta(hours=-5)))) == 1749042341
    assert _unix_time(datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=timezone.utc)) == -1
    assert _unix_time(None) is None
