"""Validation of dumps against the shipped JSON Schema, fast and at any reply depth.

conftest.py runs this on every dump the suite makes, tens of thousands in the
property tests, so it uses jsonschema-rs: about 0.015 ms for the demo dump,
where the pure-Python jsonschema takes 3 ms (which would add minutes to CI).
tests/test_schema.py checks that both validators agree, and users' examples
use jsonschema.

Validators descend recursively, so a 3,000-deep reply chain would exhaust the
stack. Each comment is checked against ``$defs/comment`` with its replies set
aside, on an explicit stack, and the document around them without them: the
same checks as one whole-document validation, since a reply is exactly a
``$defs/comment``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema_rs import Draft202012Validator, ValidationError

from threadparse import json_schema

__all__ = ("ValidationError", "check_dump", "check_record")


@cache
def _validator(definition: str) -> Draft202012Validator:
    schema = json_schema()
    if definition != "thread":
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return Draft202012Validator(schema)


def check_dump(document: Any) -> None:
    """Raise ``ValidationError`` unless ``document`` is a valid dump."""
    if not isinstance(document, dict) or not isinstance(document.get("comments"), list):
        _validator("thread").validate(document)
        return
    roots = document["comments"]
    _validator("thread").validate({**document, "comments": [_without_replies(c) for c in roots]})
    _check_replies(roots)


def check_record(record: Any) -> None:
    """Raise ``ValidationError`` unless ``record`` is a valid JSON Lines record."""
    if isinstance(record, dict) and record.get("kind") == "comment":
        _validator("record").validate(_without_replies(record))
        _check_replies([record])
    else:
        _validator("record").validate(record)


def _without_replies(comment: Any) -> Any:
    if isinstance(comment, dict) and isinstance(comment.get("replies"), list):
        return {**comment, "replies": []}
    return comment


def _check_replies(roots: list[Any]) -> None:
    stack = [reply for root in roots if isinstance(root, dict) for reply in root["replies"]]
    while stack:
        comment = stack.pop()
        _validator("comment").validate(_without_replies(comment))
        stack.extend(comment["replies"])
