"""``python -m threadparse``, tested by calling main() (argv in, exit status out)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

import threadparse
from threadparse import _cli, _files
from threadparse._cli import main

PAGE = "  • ada@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Hi!\n"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "thread.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_dump_json(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", str(page)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dialect"] == "lemmy-0.19"
    assert out["comments"][0]["author"]["name"] == "ada"
    assert out["comments"][0]["paragraphs"] == [{"text": "Hi!", "span": [61, 64], "links": []}]


def test_dump_tree(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", str(page), "--format", "tree"]) == 0
    assert capsys.readouterr().out == (
        "thread (lemmy-0.19)\n1 comment (1 top-level)\n  • ada@lemmy.ml · +3 (↑3 ↓0) · 1 day ago\n    ¶ Hi!\n"
    )


def test_dump_keeps_crlf_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(PAGE.replace("\n", "\r\n").encode())
    assert main(["dump", str(path)]) == 0
    paragraph = json.loads(capsys.readouterr().out)["comments"][0]["paragraphs"][0]
    assert paragraph == {"text": "Hi!", "span": [67, 70], "links": []}  # six \r before it


def test_dump_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    assert main(["dump", "-", "--format", "tree"]) == 0
    assert "ada@lemmy.ml" in capsys.readouterr().out


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("thread (lemmy-0.19)\npreamble (2 paragraphs)\n")
    assert (
        "  • Marigold [she/her]@hexbear.net (OP, M) · +1186 (↑1200 ↓14) · English · 3 days ago (edited)\n"
        in out
    )
    assert "deleted by creator" in out
    assert "4 more replies not shown" in out
    assert main(["demo", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == 1


def test_demo_input_is_the_bundled_text_exactly(tmp_path: Path) -> None:
    saved = tmp_path / "thread.txt"
    with saved.open("wb") as output:
        done = subprocess.run(
            [sys.executable, "-m", "threadparse", "demo", "--input"],
            stdout=output,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},  # not the terminal's encoding
            check=False,
        )
    assert done.returncode == 0
    bundled = Path(threadparse.__file__).parent / "data" / "demo.txt"
    assert saved.read_bytes() == bundled.read_bytes()
    assert main(["dump", str(saved), "--format", "tree"]) == 0


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "missing.txt: no such file"),
        ("directory", "folder: is a directory, not a file"),
        (
            "latin1",
            "latin1.txt: not valid utf-8 (byte 0xe9 at offset 3); try --encoding, e.g. --encoding latin-1",
        ),
    ],
)
def test_input_errors_are_one_line(
    setup: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9 au lait".encode("latin-1"))
    name = {"missing": "missing.txt", "directory": "folder", "latin1": "latin1.txt"}[setup]
    assert main(["dump", str(tmp_path / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"threadparse: {tmp_path}/{message}\n"


def test_encoding_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\u00e9 au lait, please.\n".encode("latin-1"))
    assert main(["dump", str(path), "--encoding", "latin-1"]) == 0
    assert json.loads(capsys.readouterr().out)["unattributed"][0]["text"] == "café au lait, please."


@pytest.mark.parametrize("name", ["nope", "rot13", "zlib", "undefined"])
def test_encoding_must_be_a_text_encoding(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["dump", "x.txt", "--encoding", name])
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        f"threadparse: argument --encoding: not a text encoding: '{name}' "
        "(see 'python -m threadparse dump --help')\n"
    )


def test_encoding_option_wins_over_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes(b"\xff\xfeHello world\n")
    assert main(["dump", str(path), "--encoding", "latin-1"]) == 0
    assert (
        json.loads(capsys.readouterr().out)["unattributed"][0]["text"] == "\u00ff\u00feHello world"
    )
    path.write_bytes(b"\xef\xbb\xbfHello\n")  # but a UTF-8 mark is never text in UTF-8
    assert main(["dump", str(path), "--encoding", "UTF8"]) == 0
    assert json.loads(capsys.readouterr().out)["unattributed"][0]["span"] == [0, 5]


def test_undecodable_after_a_mark_names_the_mark_and_the_file_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes(b"\xef\xbb\xbfcaf\xe9")
    assert main(["dump", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"threadparse: {path}: not valid utf-8 (byte 0xe9 at offset 6; as its byte order mark "
        "says); try --encoding, e.g. --encoding latin-1\n"
    )


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),  # starts like UTF-16-LE's mark
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_byte_order_marks(
    bom: bytes, codec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + PAGE.encode(codec))
    assert main(["dump", str(path)]) == 0
    paragraph = json.loads(capsys.readouterr().out)["comments"][0]["paragraphs"][0]
    assert paragraph == {"text": "Hi!", "span": [61, 64], "links": []}  # the BOM is not text


def test_many_files_dump_past_a_failure(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dump", str(page), str(tmp_path / "nope.txt"), str(page), "--format", "tree"]) == 2
    captured = capsys.readouterr()
    assert captured.out.count(f"==> {page} <==\n") == 2
    assert captured.err == f"threadparse: {tmp_path}/nope.txt: no such file\n"


def test_strict_exits_1_with_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "footer.txt"
    path.write_text(PAGE + "\nA stray footnote\n", encoding="utf-8")
    assert main(["dump", str(path), "--strict"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"threadparse: {path}: TP901 line is left of every comment's name line, so it belongs "
        "to no comment (line 9, column 1)\n    A stray footnote\n    ^\n"
    )
    assert main(["dump", str(path)]) == 0  # not strict: the dump carries the diagnostic


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND (see 'python -m threadparse --help')"),
        (
            ["dump", "x", "--dialect", "reddit"],
            (
                "argument --dialect: invalid choice: 'reddit' (choose from 'auto', 'lemmy-0.19', "
                "'lemmy-0.18', 'hexbear', 'flat', 'mlmym', 'markdown', 'lemmy-api', 'lemmy-html', "
                f"{', '.join(repr(d) for d in threadparse.DIALECTS[8:])}) "
                "(see 'python -m threadparse dump --help')"
            ),
        ),
        (
            ["dump", "x", "--max-bytes", "1e6"],
            (
                "argument --max-bytes: not a byte count: '1e6' "
                "(see 'python -m threadparse dump --help')"
            ),
        ),
        (
            ["dump", "x", "--colour"],
            "unrecognized arguments: --colour (see 'python -m threadparse --help')",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert capsys.readouterr() == ("", f"threadparse: {message}\n")


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "threadparse", "demo"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("thread (lemmy-0.19)")


def test_permission_denied_is_one_line(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests may run as root, which chmod cannot stop, so the OS's answer is faked.
    def refuse(name: str, mode: str) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(_files, "open", refuse, raising=False)
    assert main(["dump", str(page)]) == 2
    assert capsys.readouterr() == ("", f"threadparse: {page}: permission denied\n")


def test_empty_file_is_an_empty_dump(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["dump", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out) == {
        "schema_version": 1,
        "dialect": "flat",
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


UTF16_HINT = "; it may be UTF-16 without a byte order mark: try --encoding utf-16-le"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Files people pick up by mistake are named by their signature.
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image, not a thread's text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a PDF document, not a thread's text"),
        (
            b"\x28\xb5\x2f\xfd\x00\x58",
            "looks like a zstd-compressed file; decompress it first, not a thread's text",
        ),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "looks like a program (ELF), not a thread's text"),
        # Otherwise a NUL byte: UTF-16 only when every other byte is NUL.
        (b"abc\x00\x01\x02\xff" * 8, "looks like a binary file (NUL byte at offset 3), not text"),
        (
            PAGE.encode("utf-16-le"),
            "looks like a binary file (NUL byte at offset 1), not text" + UTF16_HINT,
        ),
        (
            PAGE.encode("utf-16-be"),
            "looks like a binary file (NUL byte at offset 0), not text"
            + UTF16_HINT.replace("-le", "-be"),
        ),
    ],
)
def test_binary_file_is_refused_with_a_hint(
    data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "blob"
    path.write_bytes(data)
    assert main(["dump", str(path)]) == 2
    assert capsys.readouterr() == ("", f"threadparse: {path}: {message}\n")


def test_encoding_option_reads_utf16_without_a_bom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(PAGE.encode("utf-16-le"))
    assert main(["dump", str(path), "--encoding", "utf-16-le"]) == 0
    assert json.loads(capsys.readouterr().out)["comments"][0]["author"]["name"] == "ada"


def test_max_bytes(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    size = len(PAGE.encode())
    assert main(["dump", str(page), "--max-bytes", str(size)]) == 0
    capsys.readouterr()
    assert main(["dump", str(page), "--max-bytes", str(size - 1)]) == 2
    assert capsys.readouterr() == ("", f"threadparse: {page}: larger than --max-bytes {size - 1}\n")
    with pytest.raises(SystemExit) as caught:
        main(["dump", str(page), "--max-bytes", "-5"])
    assert caught.value.code == 2
    assert "argument --max-bytes: not a byte count: '-5'" in capsys.readouterr().err


def test_failed_files_leave_no_partial_json(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    footer = tmp_path / "footer.txt"
    footer.write_text(PAGE + "\nA stray footnote\n", encoding="utf-8")
    blob = tmp_path / "blob"
    blob.write_bytes(b"\x00\x01")
    assert main(["dump", str(page), str(blob), str(footer), str(page), "--strict"]) == 2
    captured = capsys.readouterr()
    dump = threadparse.to_dict(threadparse.parse(PAGE))
    assert json.loads(captured.out) == [{"file": str(page), "thread": dump}] * 2
    errors = captured.err.splitlines()
    assert errors[0].startswith(f"threadparse: {blob}: looks like a binary file")
    assert errors[1].startswith(f"threadparse: {footer}: TP901 ")


def run_cli(
    *args: str, stdin: int | None = None, stdout: int | IO[bytes] = subprocess.PIPE
) -> subprocess.Popen[bytes]:
    """``python -m threadparse`` in a child process, stderr captured.

    The child gets Ctrl-C's default action back: a test run started in the
    background (``cmd &`` in a script) ignores SIGINT, the child would inherit
    that, and Python installs its KeyboardInterrupt handler only over the default.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "threadparse", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=_default_sigint,  # noqa: PLW1509  # tests start no threads
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(("first", "status"), [("thread.txt", 0), ("missing.txt", 2)])
def test_reader_closing_early_ends_quietly(page: Path, first: str, status: int) -> None:
    # Many files: after the reader goes, the next write fails with EPIPE for sure.
    files = [str(page.parent / first)] + [str(page)] * 2_000
    with run_cli("dump", *files) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline() == b"[\n"  # several files: one JSON array
        process.stdout.close()  # as `| head -1` does
        assert process.wait(timeout=60) == status  # an earlier failure still counts
        expected = f"threadparse: {page.parent / first}: no such file\n" if status else ""
        assert process.stderr.read() == expected.encode()


def test_full_disk_is_one_line(page: Path) -> None:
    with open("/dev/full", "wb") as full, run_cli("dump", str(page), stdout=full) as process:
        _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err == b"threadparse: cannot write the output: No space left on device\n"


def wait_until_idle(pid: int) -> None:
    """Wait until the process sleeps (blocked reading stdin), past its start-up."""
    quiet_since = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
        now = time.monotonic()
        quiet_since = (quiet_since or now) if state == "S" else None
        if quiet_since is not None and now - quiet_since > 0.3:
            return
        time.sleep(0.02)
    raise AssertionError("the command never settled to read its input")


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    with run_cli("dump", "-", stdin=subprocess.PIPE) as process:
        wait_until_idle(process.pid)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, b"")


def test_ctrl_c_in_main_is_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli, "_read", interrupted)
    assert main(["dump", "x.txt"]) == 130


def test_output_in_a_terminal_that_cannot_show_it() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    tree = subprocess.run(
        [sys.executable, "-m", "threadparse", "demo"], capture_output=True, env=env, check=False
    )
    assert (tree.returncode, tree.stderr) == (0, b"")
    assert b"Ich bringe Tomatensetzlinge mit." in tree.stdout
    assert b"  \\u2022 Marigold [she/her]@hexbear.net" in tree.stdout  # the bullet, escaped
    data = subprocess.run(
        [sys.executable, "-m", "threadparse", "demo", "--format", "json"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert data.returncode == 0
    assert json.loads(data.stdout.decode("utf-8"))["schema_version"] == 1


def test_closed_stdin_and_stdout_are_one_line(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when fd 0 is closed (`<&-`)
    assert main(["dump", "-"]) == 2
    assert capsys.readouterr() == ("", "threadparse: -: standard input is closed\n")
    monkeypatch.setattr(sys, "stdout", None)  # `>&-`
    assert main(["dump", str(page)]) == 2
    assert capsys.readouterr().err == "threadparse: standard output is closed\n"


class Endless(io.RawIOBase):
    """A stream that never ends, like /dev/zero or `yes`."""

    def __init__(self, byte: bytes) -> None:
        self.byte = byte
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        buffer[:] = self.byte * len(buffer)
        self.served += len(buffer)
        return len(buffer)


@pytest.mark.parametrize(
    ("byte", "options", "message"),
    [
        (b"a", ["--max-bytes", "3000000"], "-: larger than --max-bytes 3,000,000"),
        (b"\0", [], "-: looks like a binary file (NUL byte at offset 0), not text"),
    ],
)
def test_endless_input_is_refused_early(
    byte: bytes,
    options: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = Endless(byte)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(source)))
    assert main(["dump", "-", *options]) == 2
    assert capsys.readouterr() == ("", f"threadparse: {message}\n")
    assert source.served <= 4_000_000  # read in pieces, stopped at the first bad one


def test_out_of_memory_is_one_line(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def exhausted(*args: object, **options: object) -> None:
        raise MemoryError

    monkeypatch.setattr(_cli, "parse", exhausted)
    assert main(["dump", str(page)]) == 2
    assert capsys.readouterr() == ("", f"threadparse: {page}: out of memory; see --max-bytes\n")


def test_text_only_stdout(page: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["dump", str(page), "--format", "tree"]) == 0
    assert out.getvalue().startswith("thread (lemmy-0.19)\n")


def test_strict_message_escapes_control_characters_and_cuts_long_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "footer.txt"
    path.write_text(PAGE + "\n\x1b[31mPowered\x0bby\x1b[0m Lemmy" + "!" * 10_000, encoding="utf-8")
    assert main(["dump", str(path), "--strict"]) == 1
    shown = "\\x1b[31mPowered\\x0bby\\x1b[0m Lemmy" + "!" * 34 + "…"  # 59 characters, cut
    assert capsys.readouterr().err == (
        f"threadparse: {path}: TP901 line is left of every comment's name line, so it belongs "
        f"to no comment (line 9, column 1)\n    {shown}\n    ^\n"
    )


def records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def from_records(lines: list[dict[str, object]]) -> dict[str, object]:
    """The to_dict() shape the JSON Lines records of one file make up."""
    head, *middle, tail = lines
    assert (head["kind"], tail["kind"]) == ("head", "tail")
    assert all(record["kind"] == "comment" for record in middle)
    whole = {k: v for k, v in head.items() if k not in {"kind", "file"}}
    whole["comments"] = [{k: v for k, v in r.items() if k != "kind"} for r in middle]
    whole.update({k: v for k, v in tail.items() if k != "kind"})
    return whole


def test_jsonl_records_make_up_the_json_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.txt"
    path.write_bytes((Path(threadparse.__file__).parent / "data" / "demo.txt").read_bytes())
    assert main(["dump", str(path), "--format", "jsonl"]) == 0
    lines = records(capsys.readouterr().out)
    assert [line["kind"] for line in lines] == ["head", "comment", "comment", "tail"]
    assert lines[0]["file"] == str(path)
    assert main(["dump", str(path)]) == 0
    assert from_records(lines) == json.loads(capsys.readouterr().out)


def test_jsonl_strict_and_failures(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    footer = tmp_path / "footer.txt"
    footer.write_text(PAGE + "\nA stray footnote\n", encoding="utf-8")
    broken = tmp_path / "broken.txt"  # a bad byte past the first 1 MiB read
    broken.write_bytes(PAGE.encode() * 20_000 + b"  \xff\n")
    assert main(["dump", str(footer), str(broken), str(page), "--format", "jsonl", "--strict"]) == 2
    captured = capsys.readouterr()
    kinds = [(line["kind"], line.get("file")) for line in records(captured.out)]
    streamed = kinds[3:-3]
    assert kinds[:3] + kinds[-3:] == [
        ("head", str(footer)),
        ("comment", None),
        ("tail", None),  # strict cannot take back what was written: it sets the status
        ("head", str(page)),
        ("comment", None),
        ("tail", None),
    ]
    # The comments read before the bad byte went out; no tail follows them.
    assert streamed[0] == ("head", str(broken))
    assert set(streamed[1:]) == {("comment", None)}
    assert len(streamed) > 10_000
    assert captured.err == (
        f"threadparse: {footer}: 1 error-level diagnostic(s), the first: TP901 line is left of "
        "every comment's name line, so it belongs to no comment (line 9)\n"
        f"threadparse: {broken}: not valid utf-8 (byte 0xff at offset {len(PAGE.encode()) * 20_000 + 2}); "
        "try --encoding, e.g. --encoding latin-1\n"
    )


def test_jsonl_keeps_pace_with_its_writer() -> None:
    block = "  • u{n}@lemmy.ml\n    link\n    1 day ago\n\n    Comment {n}.\n\n"
    with run_cli("dump", "-", "--format", "jsonl", stdin=subprocess.PIPE) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        # Enough blocks to close the first comment, then wait with stdin still open.
        process.stdin.write("".join(block.format(n=n) for n in range(120)).encode())
        process.stdin.flush()
        # Fail, not hang, if the records wait for the end of the input.
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "no record within 30 s while the input stayed open"
        head = json.loads(process.stdout.readline())
        first = json.loads(process.stdout.readline())
        assert (head["kind"], first["kind"], first["paragraphs"][0]["text"]) == (
            "head",
            "comment",
            "Comment 0.",
        )
        process.stdin.close()
        rest = records(process.stdout.read().decode())
        assert process.wait(timeout=60) == 0
    assert [r["kind"] for r in rest] == ["comment"] * 119 + ["tail"]


class Trickle(io.RawIOBase):
    """A pipe that hands its bytes over one at a time."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.data:
            return 0
        buffer[0] = self.data[0]
        self.data = self.data[1:]
        return 1


@pytest.mark.parametrize(
    ("mark", "codec"),
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xff\xfe\x00\x00", "utf-32-le")],
)
@pytest.mark.parametrize("output", ["json", "jsonl"])
def test_a_byte_order_mark_that_arrives_in_pieces(
    mark: bytes,
    codec: str,
    output: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stream = io.BufferedReader(Trickle(mark + PAGE.encode(codec)))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    assert main(["dump", "-", "--format", output]) == 0
    out = capsys.readouterr().out
    comment = json.loads(out)["comments"][0] if output == "json" else records(out)[1]
    # The mark is not text.
    assert comment["paragraphs"] == [{"text": "Hi!", "span": [61, 64], "links": []}]


def test_detect_prints_dialect_confidence_runner_up_and_capture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "  • ada@lemmy.ml\n    ·\n    1 day ago\n\n    **Sources:**\n", encoding="utf-8"
    )
    api = tmp_path / "api.json"
    api.write_text('{"comments": []}', encoding="utf-8")
    assert main(["detect", str(page), str(api), str(tmp_path / "missing")]) == 2
    out, err = capsys.readouterr()
    assert out == f"{page}\thexbear\t0.50\tmarkdown\t-\n{api}\tlemmy-api\t1.00\t-\t-\n"
    assert err == f"threadparse: {tmp_path / 'missing'}: no such file\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr() == (f"threadparse {threadparse.__version__}\n", "")


@pytest.mark.parametrize("command", ["dump", "detect"])
def test_no_file_and_a_terminal_is_a_usage_error(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main([command]) == 2
    assert capsys.readouterr() == (
        "",
        (
            f"threadparse: {command}: no FILE given, and standard input is a terminal "
            f"(see 'python -m threadparse {command} --help')\n"
        ),
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["dump"], threadparse.to_json(threadparse.parse(PAGE)) + "\n"),
        (["detect"], "-\tlemmy-0.19\t0.67\thexbear\t-\n"),
    ],
)
def test_piped_standard_input_is_read_without_a_dash(argv: list[str], expected: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "threadparse", *argv],
        input=PAGE.encode(),
        capture_output=True,
        check=False,
    )
    assert (result.returncode, result.stdout.decode(), result.stderr) == (0, expected, b"")


def test_several_files_in_json_are_one_array_with_their_names(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text("A post.\n\nA reply.\n", encoding="utf-8")
    assert main(["dump", str(page), str(flat)]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"file": str(page), "thread": threadparse.to_dict(threadparse.parse(PAGE))},
        {"file": str(flat), "thread": threadparse.to_dict(threadparse.parse_file(flat))},
    ]
    # No file dumps: still one document, an empty array.
    assert main(["dump", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert capsys.readouterr().out == "[]\n"


def test_csv_has_a_row_per_node_and_names_the_file(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text("A post.\n\nA reply.\n", encoding="utf-8")
    assert main(["dump", str(page), str(flat), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert [list(row) for row in rows[:1]] == [list(threadparse.RECORD_COLUMNS)]
    assert [
        (row["source"], row["kind"], row["id"], row["parent_id"], row["author"], row["text"])
        for row in rows
    ] == [
        (str(page), "comment", "c0", "", "ada", "Hi!"),
        (str(flat), "unattributed", "u0", "", "", "A post."),
        (str(flat), "unattributed", "u1", "", "", "A reply."),
    ]
    assert (rows[0]["score"], rows[0]["edited"], rows[0]["published"]) == ("3", "false", "")


def test_parquet_reads_back_as_the_records(page: Path, tmp_path: Path) -> None:
    import pyarrow.parquet  # the arrow extra, which the test extra carries

    out = tmp_path / "rows.parquet"
    with open(out, "wb") as sink:
        result = subprocess.run(
            [sys.executable, "-m", "threadparse", "dump", str(page), "--format", "parquet"],
            stdout=sink,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert (result.returncode, result.stderr) == (0, b"")
    expected = threadparse.to_records(threadparse.parse(PAGE), source=str(page))
    assert pyarrow.parquet.read_table(out).to_pylist() == expected


def test_parquet_is_not_written_to_a_terminal(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["dump", str(page), "--format", "parquet"]) == 2
    assert capsys.readouterr().err == (
        "threadparse: Parquet is binary: send it to a file (> rows.parquet) "
        "(see 'python -m threadparse dump --help')\n"
    )


def test_parquet_without_pyarrow_is_one_line(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["dump", str(page), "--format", "parquet"]) == 2
    assert capsys.readouterr() == (
        "",
        (
            "threadparse: --format parquet needs pyarrow: pip install 'threadparse[arrow]' "
            "(see 'python -m threadparse dump --help')\n"
        ),
    )


@pytest.mark.parametrize("command", ["dump", "detect", "demo", "threads", "schema"])
def test_each_command_shows_its_own_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    shown = capsys.readouterr().out
    examples = shown[shown.index("examples:") :].splitlines()[1:]
    assert examples
    assert all(f"python -m threadparse {command}" in line for line in examples if line.strip())


@pytest.mark.parametrize("command", ["dump", "detect"])
def test_many_files_show_a_bar_when_only_stderr_is_a_terminal(
    command: str, page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ["--format", "tree"] if command == "dump" else []
    assert main([command, str(page), str(page), *options]) == 0
    assert capsys.readouterr().err == ""  # stderr not a terminal: nothing

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([command, str(page), str(page), *options]) == 0
    name = str(page) if len(str(page)) <= 40 else "…" + str(page)[-39:]
    assert terminal.getvalue() == (
        f"\r\x1b[K[{'':<30}] 0/2 {name}\r\x1b[K[{'#' * 15:<30}] 1/2 {name}\r\x1b[K"
    )
    # Both on the terminal: the output shows the progress, and a bar would break it.
    terminal.seek(0)
    terminal.truncate()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main([command, str(page), str(page), *options]) == 0
    assert terminal.getvalue() == ""
