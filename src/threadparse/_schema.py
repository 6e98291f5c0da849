"""The JSON Schema (draft 2020-12) of the dump, shipped as ``data/thread.schema.json``.

One file holds the contract: the dump document at its root, and under
``$defs/record`` one line of ``dump --format jsonl``. ``json_schema("record")``
gives that record schema as a document of its own (the same ``$defs``), so
either validates with a plain ``jsonschema.Draft202012Validator``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Literal

SCHEMA_FILE = "data/thread.schema.json"


@cache
def _document() -> str:
    return resources.files("threadparse").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def json_schema(kind: Literal["thread", "record", "files"] = "thread") -> dict[str, Any]:
    """The JSON Schema of a dump (``"thread"``), of one JSON Lines record
    (``"record"``), or of ``dump``'s output for several files (``"files"``: an
    array of ``{"file": NAME, "thread": DUMP}``).

    A fresh dict each call, so changing it changes nothing here.

    >>> import threadparse
    >>> schema = threadparse.json_schema()
    >>> schema["$schema"], schema["properties"]["schema_version"]["const"]
    ('https://json-schema.org/draft/2020-12/schema', 1)
    """
    schema: dict[str, Any] = json.loads(_document())
    if kind == "thread":
        return schema
    if kind == "record":
        return {
            "$schema": schema["$schema"],
            "$id": schema["$id"].replace("thread.json", "record.json"),
            "title": schema["title"].replace("dump", "JSON Lines record"),
            "$ref": "#/$defs/record",
            "$defs": schema["$defs"],
        }
    if kind == "files":
        thread = {k: v for k, v in schema.items() if k not in ("$schema", "$id", "$defs")}
        return {
            "$schema": schema["$schema"],
            "$id": schema["$id"].replace("thread.json", "files.json"),
            "title": schema["title"].replace("dump", "dump of several files"),
            "description": "What 'python -m threadparse dump' writes for several files in "
            "JSON: one element per file that dumped, in order.",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "thread"],
                "properties": {
                    "file": {"type": "string", "description": "The file as named."},
                    "thread": {"$ref": "#/$defs/thread"},
                },
            },
            "$defs": {**schema["$defs"], "thread": thread},
        }
    raise ValueError(f"kind must be 'thread', 'record' or 'files', not {kind!r}")
