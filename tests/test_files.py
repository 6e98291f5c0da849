"""``parse_file``: a file's bytes to a thread, with the command line's rules and errors."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

import threadparse
from threadparse import FileReadError, InputTooLargeError, Span

PAGE = "  • ada@lemmy.ml\r\n    arrow-up\r\n    3\r\n    ·\r\n    1 day ago\r\n\r\n    Hi!\r\n"
HI_AT = PAGE.index("Hi!")  # spans count the \r of each line end


@pytest.mark.parametrize(
    ("mark", "encoding"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_the_byte_order_mark_names_the_encoding_and_is_not_text(
    mark: bytes, encoding: str, tmp_path: Path
) -> None:
    path = tmp_path / "thread.txt"
    path.write_bytes(mark + PAGE.encode(encoding))
    for given in (path, str(path), path.open("rb"), io.BytesIO(path.read_bytes())):
        thread = threadparse.parse_file(given)
        assert thread == threadparse.parse(PAGE)
        assert thread.comments[0].paragraphs[0].span == Span(HI_AT, HI_AT + 3)
        if isinstance(given, io.IOBase):
            given.close()


def test_an_encoding_asked_for_wins(tmp_path: Path) -> None:
    path = tmp_path / "thread.txt"
    path.write_bytes(PAGE.replace("ada", "Zoë").encode("cp1252"))
    with pytest.raises(FileReadError) as caught:
        threadparse.parse_file(path)
    assert str(caught.value) == (
        f"{path}: not valid utf-8 (byte 0x95 at offset 2); try encoding=, e.g. encoding='latin-1'"
    )
    assert caught.value.path == str(path)
    thread = threadparse.parse_file(path, encoding="cp1252")
    assert thread.comments[0].author is not None
    assert thread.comments[0].author.name == "Zoë"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "looks like a PNG image, not a thread's text"),
        (b"%PDF-1.4\n", "looks like a PDF document, not a thread's text"),
        (
            b"\x1f\x8b\x08\x00",
            "looks like a gzip-compressed file; decompress it first, not a thread's text",
        ),
        (
            PAGE.encode("utf-16-le"),
            (
                "looks like a binary file (NUL byte at offset 1), not text; it may be UTF-16 "
                "without a byte order mark: try encoding='utf-16-le'"
            ),
        ),
    ],
)
def test_files_that_are_not_text_are_refused_by_name(
    data: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "blob"
    path.write_bytes(data)
    with pytest.raises(FileReadError) as caught:
        threadparse.parse_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_missing_files_and_folders_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(FileReadError) as caught:
        threadparse.parse_file(tmp_path / "missing.txt")
    assert str(caught.value) == f"{tmp_path / 'missing.txt'}: no such file"
    with pytest.raises(FileReadError) as caught:
        threadparse.parse_file(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


def test_options_are_those_of_parse(tmp_path: Path) -> None:
    path = tmp_path / "thread.txt"
    path.write_bytes(PAGE.encode())
    assert threadparse.parse_file(path, dialect="flat").dialect == "flat"
    with pytest.raises(InputTooLargeError):
        threadparse.parse_file(path, max_bytes=10)
    assert threadparse.parse_file(path, max_bytes=len(PAGE.encode())).comments
    with pytest.raises(ValueError, match="unknown dialect 'reddit'"):
        threadparse.parse_file(path, dialect="reddit")
    with pytest.raises(ValueError, match="not a text encoding: 'rot13'"):
        threadparse.parse_file(path, encoding="rot13")
    with pytest.raises(threadparse.ThreadParseError):
        threadparse.parse_file(io.BytesIO(PAGE.encode() + b"stray\n"), strict=True)


def test_a_text_mode_file_is_refused_with_how_to_open_it(tmp_path: Path) -> None:
    path = tmp_path / "thread.txt"
    path.write_bytes(PAGE.encode())
    with (
        open(path, encoding="utf-8") as text,
        pytest.raises(TypeError, match=r"binary mode \('rb'\)"),
    ):
        threadparse.parse_file(text)  # type: ignore[arg-type]  # the mistake under test


@pytest.mark.parametrize("value", [Path("thread.txt"), b"thread", io.BytesIO(b"x")])
def test_parse_points_paths_and_bytes_to_parse_file(value: object) -> None:
    with pytest.raises(TypeError) as caught:
        threadparse.parse(value)  # type: ignore[arg-type]  # the mistake under test
    assert str(caught.value) == (
        f"parse() takes the thread's text as a str, not {type(value).__name__}; to read a "
        "file, use threadparse.parse_file(path_or_binary_file)"
    )


def test_a_file_name_given_to_parse_is_reported() -> None:
    thread = threadparse.parse("thread.txt")
    assert [d.code for d in thread.diagnostics] == ["TP101", "TP109"]
    for prose in ("see thread.txt", "thread", "Hello world.txt", "a.txt\nb.txt"):
        assert "TP109" not in {d.code for d in threadparse.parse(prose).diagnostics}
