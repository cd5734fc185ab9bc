"""The files commands read and write: only regular files within the size limit are read; an
output never lands on an input or the store, never replaces a file without `force`, and is
written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quiz.engine.files import MAX_FILE_BYTES, FileRefused, read_input, write_output
from quiz.engine.paths import store_path


class TestReading:
    def test_a_regular_file(self, tmp_path: Path) -> None:
        (tmp_path / "a.txt").write_bytes(b"text")
        assert read_input(tmp_path / "a.txt") == b"text"

    @pytest.mark.parametrize(
        ("make", "reason"),
        [
            (lambda p: os.mkfifo(p), "it is not a regular file (a device, a pipe or a socket)"),
            (lambda p: p.mkdir(), "it is a folder, not a file"),
            (lambda p: None, "No such file or directory"),
        ],
    )
    def test_what_is_not_a_regular_file(self, tmp_path: Path, make: object, reason: str) -> None:
        path = tmp_path / "thing"
        make(path)  # type: ignore[operator]
        with pytest.raises(FileRefused) as refused:
            read_input(path)
        assert refused.value.reason == reason

    def test_a_device_is_refused(self) -> None:
        with pytest.raises(FileRefused, match="not a regular file"):
            read_input(Path("/dev/zero"))

    def test_a_nul_in_the_name(self) -> None:
        with pytest.raises(FileRefused, match="NUL"):
            read_input(Path("a\0b"))

    def test_too_large(self, tmp_path: Path) -> None:
        with open(tmp_path / "big", "wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)
        with pytest.raises(FileRefused) as refused:
            read_input(tmp_path / "big", what="banks", advice="split it")
        assert refused.value.reason == (
            f"the file is {MAX_FILE_BYTES + 1:,} bytes; banks are limited to 8 MB, split it"
        )


class TestWriting:
    def test_a_new_file_is_written_with_the_usual_permissions(self, tmp_path: Path) -> None:
        target = tmp_path / "out.csv"
        write_output(target, b"data")
        assert target.read_bytes() == b"data"
        mask = os.umask(0)
        os.umask(mask)
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
        assert os.listdir(tmp_path) == ["out.csv"]  # no temporary file left

    def test_an_existing_file_needs_force(self, tmp_path: Path) -> None:
        target = tmp_path / "out.csv"
        target.write_bytes(b"old")
        target.chmod(0o640)
        with pytest.raises(FileRefused) as refused:
            write_output(target, b"new")
        assert refused.value.reason == "it already exists; add --force to replace it"
        assert target.read_bytes() == b"old"
        write_output(target, b"new", force=True)
        assert target.read_bytes() == b"new"
        assert stat.S_IMODE(target.stat().st_mode) == 0o640

    @pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
    def test_never_the_store_even_with_force(self, suffix: str) -> None:
        store = Path(f"{store_path()}{suffix}")
        store.parent.mkdir(parents=True, exist_ok=True)
        with pytest.raises(FileRefused, match="the store of games and answers"):
            write_output(store, b"x", force=True)  # not there yet: refused by name
        store.write_bytes(b"games")
        link = store.parent / "innocent.csv"
        link.symlink_to(store)
        for target in (store, link):
            with pytest.raises(FileRefused, match="the store of games and answers"):
                write_output(target, b"x", force=True)
        assert store.read_bytes() == b"games"

    def test_never_an_input_even_with_force(self, tmp_path: Path) -> None:
        bank = tmp_path / "bank.yaml"
        bank.write_bytes(b"title: T")
        other_name = tmp_path / "same.yaml"
        os.link(bank, other_name)
        for target in (bank, other_name, tmp_path / "." / "bank.yaml"):
            with pytest.raises(FileRefused) as refused:
                write_output(target, b"gift", inputs=[bank], force=True)
            assert refused.value.reason == "it is a file this command reads; choose another file"
        assert bank.read_bytes() == b"title: T"

    def test_an_interrupted_write_leaves_the_old_file_whole(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "report.csv"
        target.write_bytes(b"last week's report")

        def full_disk(descriptor: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full_disk)
        with pytest.raises(FileRefused, match="No space left on device"):
            write_output(target, b"this week's report", force=True)
        assert target.read_bytes() == b"last week's report"
        assert os.listdir(tmp_path) == ["report.csv"]

    def test_a_file_that_appears_meanwhile_is_not_replaced(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "bank.yaml"
        real_fsync = os.fsync

        def someone_else_writes(descriptor: int) -> None:
            real_fsync(descriptor)
            target.write_bytes(b"theirs")

        monkeypatch.setattr(os, "fsync", someone_else_writes)
        with pytest.raises(FileRefused, match="already exists"):
            write_output(target, b"mine")
        assert target.read_bytes() == b"theirs"

    def test_a_folder_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(FileRefused, match="it is a folder"):
            write_output(tmp_path, b"x", force=True)

    def test_a_device_is_written_to(self) -> None:
        write_output(Path(os.devnull), b"streamed")  # like -o /dev/stdout

    def test_a_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(FileRefused, match="No such file or directory"):
            write_output(tmp_path / "nope" / "out.csv", b"x")
