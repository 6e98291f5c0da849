"""``python -m threadparse``, tested by calling main() (argv in, exit status out)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert out["comments"][0]["paragraphs"] == [{"text": "Hi!", "span": [61, 64]}]


def test_dump_tree(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", str(page), "--format", "tree"]) == 0
    assert capsys.readouterr().out == (
        "thread (lemmy-0.19)\ncomments (1)\n  • ada@lemmy.ml · +3 (↑3 ↓0) · 1 day ago\n    ¶ Hi!\n"
    )


def test_dump_keeps_crlf_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(PAGE.replace("\n", "\r\n").encode())
    assert main(["dump", str(path)]) == 0
    paragraph = json.loads(capsys.readouterr().out)["comments"][0]["paragraphs"][0]
    assert paragraph == {"text": "Hi!", "span": [67, 70]}  # six \r before it


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
    assert main(["dump", str(path), "--encoding", "nope"]) == 2
    assert capsys.readouterr().err == "threadparse: unknown encoding 'nope'\n"


@pytest.mark.parametrize(("bom", "codec"), [(b"\xef\xbb\xbf", "utf-8"), (b"", "utf-16")])
def test_byte_order_marks(
    bom: bytes, codec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + PAGE.encode(codec))
    assert main(["dump", str(path)]) == 0
    paragraph = json.loads(capsys.readouterr().out)["comments"][0]["paragraphs"][0]
    assert paragraph == {"text": "Hi!", "span": [61, 64]}  # the BOM is not text


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
    path.write_text(PAGE + "\nPowered by Lemmy\n", encoding="utf-8")
    assert main(["dump", str(path), "--strict"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"threadparse: {path}: TP901 line is left of every comment's name line, so it belongs "
        "to no comment (line 9, column 1)\n    Powered by Lemmy\n    ^\n"
    )
    assert main(["dump", str(path)]) == 0  # not strict: the dump carries the diagnostic


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["dump"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["dump", "x", "--dialect", "reddit"])
    assert caught.value.code == 2
    assert "invalid choice: 'reddit'" in capsys.readouterr().err


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "threadparse", "demo"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("thread (lemmy-0.19)")
