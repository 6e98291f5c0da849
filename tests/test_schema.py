"""The JSON Schema shipped for the dump: valid, exact, printed by the CLI, and
live in every test (conftest.py validates each dump the suite makes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError

import threadparse
from tests.schema_check import ValidationError as FastValidationError
from tests.schema_check import check_dump, check_record
from threadparse._cli import main
from threadparse._serialize import part_to_dict

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA_FILE = Path(threadparse.__file__).parent / "data" / "thread.schema.json"
RICH_INPUTS = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "formats").glob("thread*"))


def _dump(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return threadparse.to_dict(threadparse.parse(text))


def test_the_schemas_are_valid_draft_2020_12() -> None:
    for kind in ("thread", "record", "files"):
        schema = threadparse.json_schema(kind)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert threadparse.json_schema()["properties"]["schema_version"] == {
        "const": threadparse.SCHEMA_VERSION,
        "description": "The version of this contract. A change to it bumps the number, "
        "and the CHANGELOG says so.",
    }
    with pytest.raises(ValueError, match="kind must be 'thread', 'record' or 'files'"):
        threadparse.json_schema("dump")  # type: ignore[arg-type]


def test_json_schema_returns_a_fresh_copy() -> None:
    threadparse.json_schema()["properties"].clear()
    assert "comments" in threadparse.json_schema()["properties"]


def test_every_object_lists_all_its_keys() -> None:
    """No optional keys: a consumer can index every field the schema names."""
    schema = threadparse.json_schema()
    objects = [schema, *schema["$defs"].values()]
    closed = [o for o in objects if "object" in o.get("type", ())]
    assert len(closed) == 13  # with post, community and link
    optional = {"file"}  # the command names the file in each head record; the library can't
    for definition in closed:
        assert set(definition["required"]) == set(definition["properties"]) - optional
        if definition is not schema["$defs"]["commentFields"]:
            assert definition["additionalProperties"] is False
    # The comment's fields are shared with the JSON Lines comment record, which
    # adds "kind": both close them with unevaluatedProperties.
    for user in ("comment", "commentRecord"):
        assert schema["$defs"][user]["$ref"] == "#/$defs/commentFields"
        assert schema["$defs"][user]["unevaluatedProperties"] is False


def test_the_dialects_and_badges_are_the_librarys() -> None:
    schema = threadparse.json_schema()
    assert tuple(schema["properties"]["dialect"]["enum"]) == threadparse.DIALECTS
    codes = schema["$defs"]["diagnostic"]["properties"]["code"]["pattern"]
    assert all(Draft202012Validator({"pattern": codes}).is_valid(c) for c in threadparse.CODES)


@pytest.mark.parametrize("path", RICH_INPUTS, ids=[p.name for p in RICH_INPUTS])
def test_fixture_dumps_validate_whole(path: Path) -> None:
    """One plain validation of the whole document, as a user would run it."""
    Draft202012Validator(threadparse.json_schema()).validate(_dump(path))


def test_the_richest_fixtures_fill_every_field() -> None:
    """Between them the fixtures give a non-null value to every nullable field,
    so the validations above test each field's type, not only its null."""
    seen: set[str] = set()
    for path in RICH_INPUTS:
        stack: list[tuple[str, Any]] = [("", _dump(path))]
        while stack:
            where, value = stack.pop()
            if isinstance(value, dict):
                stack += [(f"{where}.{key}", item) for key, item in value.items()]
            elif isinstance(value, list):
                stack += [(where, item) for item in value]
            elif value is not None:
                seen.add(where.replace(".replies", "").replace(".sections.sections", ".sections"))
    nullable = {
        ".comments.author",
        ".comments.author.instance",
        ".comments.author.username",
        ".comments.score",
        ".comments.upvotes",
        ".comments.downvotes",
        ".comments.language",
        ".comments.time",
        ".comments.published",
        ".comments.updated",
        ".comments.more_replies",
        ".sections.title",
        ".sections.items.url",
        ".sections.items.description",
        ".preamble.span",
    }
    assert not {n for n in nullable if not any(s.startswith(n) for s in seen)}


VALID = {
    "schema_version": 1,
    "dialect": "lemmy-0.18",
    "preamble": {"paragraphs": [], "span": None},
    "sections": [],
    "comments": [],
    "unattributed": [],
    "unparsed": [],
    "diagnostics": [],
    "post": None,
    "chrome": [],
    "capture": None,
    "nesting": True,
    "more_replies": None,
}


@pytest.mark.parametrize(
    ("change", "path", "validator"),
    [
        ({"schema_version": 2}, ["schema_version"], "const"),
        ({"dialect": "reddit"}, ["dialect"], "enum"),
        ({"extra": 1}, [], "additionalProperties"),
        ({"comments": "none"}, ["comments"], "type"),
        ({"preamble": {"paragraphs": []}}, ["preamble"], "required"),
        (
            {"unparsed": [{"text": "x", "span": [1], "links": []}]},
            ["unparsed", 0, "span"],
            "minItems",
        ),
        (
            {"unparsed": [{"text": "x", "span": [-1, 2], "links": []}]},
            ["unparsed", 0, "span", 0],
            "minimum",
        ),
        ({"unparsed": [{"text": "x", "span": [0, 1]}]}, ["unparsed", 0], "required"),
        (
            {"unparsed": [{"text": "x", "span": [0, 1], "links": [{"url": "https://x.org"}]}]},
            ["unparsed", 0, "links", 0],
            "required",
        ),
    ],
)
def test_what_is_refused(change: dict[str, Any], path: list[object], validator: str) -> None:
    check_dump(VALID)
    Draft202012Validator(threadparse.json_schema()).validate(VALID)
    with pytest.raises(ValidationError) as error:
        Draft202012Validator(threadparse.json_schema()).validate({**VALID, **change})
    assert list(error.value.absolute_path) == path
    assert error.value.validator == validator
    with pytest.raises(FastValidationError):
        check_dump({**VALID, **change})


def test_a_bad_reply_deep_down_is_found() -> None:
    (path,) = [p for p in RICH_INPUTS if p.name == "lemmy019_thread.txt"]
    dump = _dump(path)
    dump["comments"][0]["replies"][0]["author"]["badges"] = ["Op"]
    with pytest.raises(FastValidationError, match='"Op" is not one of'):
        check_dump(dump)
    with pytest.raises(ValidationError, match="'Op' is not one of"):
        Draft202012Validator(threadparse.json_schema()).validate(dump)


def test_the_hook_checks_to_dict_to_json_and_the_cli() -> None:
    """conftest.py's hook is live: an invalid thread fails wherever it is dumped."""
    bogus = attrs.evolve(threadparse.parse(""), dialect="reddit")
    with pytest.raises(FastValidationError, match='"reddit" is not one of'):
        threadparse.to_dict(bogus)
    with pytest.raises(FastValidationError, match='"reddit" is not one of'):
        threadparse.to_json(bogus)
    head = threadparse.ThreadHead(dialect="reddit", preamble=bogus.preamble, sections=())
    with pytest.raises(FastValidationError):
        part_to_dict(head)


def test_a_reply_chain_deeper_than_the_recursion_limit_validates() -> None:
    header = "{indent}• u@x.org\n{indent}  3\n{indent}  •\n{indent}  1 day ago\n\n"
    text = "".join(header.format(indent="  " * (level + 1)) for level in range(3000))
    dump = threadparse.to_dict(threadparse.parse(text, max_depth=None))
    check_dump(dump)  # the conftest hook did this too, inside to_dict


def test_json_lines_records_validate() -> None:
    path = FIXTURES / "lemmy019_thread.txt"
    with path.open(encoding="utf-8", newline="") as file:
        records = [part_to_dict(part) for part in threadparse.iter_thread(file)]
    assert [r["kind"] for r in records] == ["head", "comment", "comment", "tail"]
    record_schema = Draft202012Validator(threadparse.json_schema("record"))
    for record in records:
        record_schema.validate(record)
    with pytest.raises(FastValidationError):
        check_record({**records[1], "kind": "reply"})
    with pytest.raises(FastValidationError):
        check_record({**records[0], "comments": []})
    check_record({**records[0], "file": "thread.txt"})  # as `dump --format jsonl` writes it


@given(st.text(max_size=400), st.sampled_from(("auto", *threadparse.DIALECTS)))
def test_any_text_in_any_dialect_dumps_valid(text: str, dialect: str) -> None:
    check_dump(threadparse.to_dict(threadparse.parse(text, dialect=dialect)))


def _mutations() -> st.SearchStrategy[tuple[list[object], object]]:
    """A place in a rich dump (a path of keys and indexes) and a value to put there."""
    values = st.one_of(
        st.none(), st.booleans(), st.integers(-2, 2), st.text(max_size=3), st.just([]), st.just({})
    )
    return st.tuples(st.lists(st.integers(0, 40), min_size=1, max_size=6), values)


@given(st.lists(_mutations(), max_size=3), st.booleans())
def test_both_validators_agree(mutations: list[tuple[list[object], object]], drop: bool) -> None:
    """The fast validator the hook uses judges a damaged dump as jsonschema does."""
    dump: Any = _dump(FIXTURES / "formats" / "thread_api_019.json")
    for path, value in mutations:
        node, key = _walk_to(dump, path)
        if drop and isinstance(node, dict):
            node.pop(key, None)
        elif isinstance(node, dict | list):
            node[key] = value
    slow = Draft202012Validator(threadparse.json_schema()).is_valid(dump)
    try:
        check_dump(dump)
    except FastValidationError:
        fast = False
    else:
        fast = True
    assert fast == slow


def _walk_to(dump: Any, path: list[object]) -> tuple[Any, Any]:
    """The container and key that ``path`` leads to: each step picks a key or an
    item (wrapping around), and the walk stops at a leaf or an empty container."""
    node: Any = dump
    key: Any = None
    for index, step in enumerate(path):
        assert isinstance(step, int)
        keys = sorted(node) if isinstance(node, dict) else list(range(len(node)))
        key = keys[step % len(keys)]  # never empty: the walk does not go into one
        child = node[key]
        if index == len(path) - 1 or not isinstance(child, dict | list) or not child:
            break
        node = child
    return node, key


def test_the_schema_command_prints_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == SCHEMA_FILE.read_text(encoding="utf-8")
    assert main(["schema", "--record"]) == 0
    assert json.loads(capsys.readouterr().out) == threadparse.json_schema("record")
    assert main(["schema", "--files"]) == 0
    assert json.loads(capsys.readouterr().out) == threadparse.json_schema("files")


def test_several_files_validate_against_the_files_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = []
    for index, fixture in enumerate(sorted(FIXTURES.glob("*.txt"))[:4]):
        names.append(str(tmp_path / f"{index}.txt"))
        Path(names[-1]).write_bytes(fixture.read_bytes())
    assert main(["dump", *names]) == 0
    output = json.loads(capsys.readouterr().out)
    assert [element["file"] for element in output] == names
    validator = Draft202012Validator(threadparse.json_schema("files"))
    validator.validate(output)
    broken = [{**output[0], "extra": 1}, {"file": "x", "thread": {"schema_version": 2}}]
    assert len(list(validator.iter_errors(broken))) >= 2


def test_the_schema_command_refuses_files(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["schema", "thread.txt"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "threadparse: unrecognized arguments: thread.txt (see 'python -m threadparse --help')\n"
    )


SCHEMA_PAGE = Path(__file__).parents[1] / "docs" / "schema.md"
FIELDS = regex.compile(r"(?s)(?<=<!-- fields:begin -->\n).*?(?=<!-- fields:end -->)")
# The objects of a dump, in the order a reader meets them, with their headings.
TABLES = (
    (None, "The document"),
    ("preamble", "preamble"),
    ("section", "section"),
    ("item", "item"),
    ("commentFields", "comment"),
    ("author", "author"),
    ("text", "text"),
    ("link", "link"),
    ("diagnostic", "diagnostic"),
    ("head", "head"),
    ("tail", "tail"),
)


def _link(reference: str) -> str:
    """A ``$ref`` as a link to its table, saying so when it may be null."""
    name = reference.rsplit("/", 1)[-1]
    definition = threadparse.json_schema()["$defs"][name]
    heading = "comment" if name == "commentFields" else name
    nullable = "null" in definition.get("type", ())
    return f"[{heading}](#{heading})" + (" or null" if nullable else "")


def _type(schema: dict[str, Any]) -> str:
    """A property's type in a few words, linking to the tables of its objects."""
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return " or ".join(f"`{json.dumps(value)}`" for value in schema["enum"])
    if "$ref" in schema:
        return _link(schema["$ref"])
    if "oneOf" in schema:
        return " or ".join(_type(option) for option in schema["oneOf"])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    words = []
    for kind in kinds:
        if kind == "array":
            words.append(f"array of {_type(schema['items'])}")
        elif kind == "string" and schema.get("format") == "date-time":
            words.append("RFC 3339 date-time string")
        else:
            words.append(kind)
    return " or ".join(words)


def _field_tables() -> str:
    schema = threadparse.json_schema()
    span = schema["$defs"]["span"]
    out = []
    for definition, heading in TABLES:
        entry = schema if definition is None else schema["$defs"][definition]
        anchor = "" if definition is None else f" {{#{heading}}}"
        out.append(f"### {heading}{anchor}\n\n{entry['description']}\n")
        out.append("| key | type | meaning |\n| --- | --- | --- |")
        for key, value in entry["properties"].items():
            meaning = value.get("description") or schema["$defs"].get(
                value.get("$ref", "").rsplit("/", 1)[-1], {}
            ).get("description", "")
            if value.get("$ref") == "#/$defs/span" and "description" not in value:
                meaning = span["description"]
            cell = meaning.replace("|", "\\|")  # a pipe would end the cell
            out.append(f"| `{key}` | {_type(value)} | {cell} |")
        out.append("")
    out.append(f"### span {{#span}}\n\nA list of two integers. {span['description']}\n")
    return "\n".join(out)


def test_the_json_output_page_documents_every_field(request: pytest.FixtureRequest) -> None:
    page = SCHEMA_PAGE.read_text(encoding="utf-8")
    if request.config.getoption("--update-fixtures"):
        page = FIELDS.sub(lambda _: _field_tables(), page)
        SCHEMA_PAGE.write_text(page, encoding="utf-8")
    match = FIELDS.search(page)
    assert match is not None
    assert match.group() == _field_tables()
