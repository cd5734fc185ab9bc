"""The rules every subcommand keeps, each tested on every command it governs:

- a file written never lands on an input or the store, never replaces a file without
  `--force`, and is written whole (issue 13, item 2);
- text from a file, the store or a person reaches the terminal without escape codes (item 5);
- every CSV cell is neutralised against formulas (item 6);
- files given to read are regular files within the size limit (item 7);
- bad input or a bad environment gives one line and status 1 or 2, never a traceback (item 8).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quiz.cli import SUBCOMMANDS, build_parser, main
from quiz.cli.validate import watch
from quiz.engine.files import MAX_FILE_BYTES
from quiz.engine.loader import load_bank
from quiz.engine.paths import store_path
from quiz.engine.store import Store
from quiz.engine.terminal_safety import UNSAFE_CHARACTERS

DATA = Path(__file__).parent / "data"
HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eAnn"
"""A player's name that sets the title, clears the screen and turns text around, if printed."""
LOCATED = re.compile(r"^.+:\d+:\d+: error: ")
"""A bank error's line: `file:line:col: error: message`."""
FORMULA = '=HYPERLINK("http://evil.example","click")'
GIFT = "::q1:: What is 2+2? {=4 ~3 ~5}\n"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """`quiz ARGV` in this process: its status (argparse's exits included) and output."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return Run(code, out, err)


@dataclass
class Workspace:
    """A folder with a valid bank (and its source text), a GIFT file, and a store with games."""

    folder: Path
    bank: Path
    source: Path
    gift: Path
    store: Path


@pytest.fixture
def work(tmp_path: Path) -> Workspace:
    folder = tmp_path / "work"
    shutil.copytree(DATA, folder)
    gift = folder / "quiz.gift"
    gift.write_text(GIFT, encoding="utf-8")
    _play(HOSTILE, "demo", answer=FORMULA)
    _play("Bo", "\x1b[2Jdemo", answer="\x1b]52;c;aGk=\x07")
    return Workspace(
        folder, folder / "demo.yaml", folder / "sources" / "article.txt", gift, store_path()
    )


def _play(player: str, bank_name: str, answer: str) -> None:
    """A finished one-question game in the store, as a game would record it."""
    store = Store.open(store_path()).store
    question = load_bank(DATA / "demo.yaml").questions[0]
    game = store.start_game(player, bank_name, "practice", 1, 1)
    store.record_answer(game, bank_name, question, answer, False, 0, 2.0, False)
    store.finish_game(game)
    store.close()


# --- item 2: output files --------------------------------------------------------------------

WRITERS: dict[str, Callable[[Workspace, Path], list[str]]] = {
    "export": lambda w, out: ["export", str(w.bank), "--to", "gift", "-o", str(out)],
    "report": lambda w, out: ["report", "--format", "csv", "-o", str(out)],
    "import": lambda w, out: ["import", str(w.gift), "--from", "gift", "-o", str(out)],
    "new": lambda w, out: ["new", str(out)],
    "draft": lambda w, out: ["draft", str(w.source), "-o", str(out)],
}
"""Every command that writes a file, with a command line writing to `out`."""

INPUTS: dict[str, Callable[[Workspace], list[str]]] = {
    "export": lambda w: ["export", str(w.bank), "--to", "gift", "-o", str(w.bank), "--force"],
    "report": lambda w: ["report", "--format", "csv", "-o", str(w.store), "--force"],
    "import": lambda w: ["import", str(w.gift), "--from", "gift", "-o", str(w.gift), "--force"],
    "new": lambda w: ["new", str(w.bank), "--source", str(w.bank), "--force"],
    "draft": lambda w: ["draft", str(w.bank), "-o", str(w.bank), "--force"],
}
"""For each, a command line whose output is one of its own inputs."""


def test_every_command_with_force_is_in_the_table() -> None:
    """A command that writes files takes `--force`: a new one must join these tests."""
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    writers = {name for name in SUBCOMMANDS if "--force" in choices[name].format_help()}
    assert writers == set(WRITERS) == set(INPUTS)


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_existing_file_is_replaced_only_with_force(
    command: str, work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    target = work.folder / "out.yaml"
    target.write_text("the teacher's file\n")
    refused = run(capsys, *WRITERS[command](work, target))
    assert refused.code == 1
    assert refused.err.splitlines()[-1] == (
        f"quiz: cannot write {target}: it already exists; add --force to replace it"
        if command not in ("new", "draft")
        else f"quiz: {target} already exists; choose another name, or add --force to replace "
        "it (nothing was changed)"
    )
    assert target.read_text() == "the teacher's file\n"
    assert [p.name for p in work.folder.iterdir() if p.name.startswith(".")] == []
    replaced = run(capsys, *WRITERS[command](work, target), "--force")
    assert replaced.code == 0, replaced.err
    assert target.read_text() != "the teacher's file\n"


@pytest.mark.parametrize("command", sorted(INPUTS))
def test_never_over_an_input_even_with_force(
    command: str, work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {path: path.read_bytes() for path in (work.bank, work.gift)}
    result = run(capsys, *INPUTS[command](work))
    assert result.code == 1
    assert result.err.splitlines()[-1].endswith(
        "it is the store of games and answers; choose another file"
        if command == "report"
        else "it is a file this command reads; choose another file"
    )
    assert {path: path.read_bytes() for path in before} == before
    assert "Bo" in run(capsys, "report").out  # the store is whole


@pytest.mark.parametrize("command", sorted(WRITERS))
@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_never_over_the_store(
    command: str, suffix: str, work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    if command in ("new", "draft"):
        target = Path(f"{work.store}{suffix}.yaml")
        target.symlink_to(f"{work.store}{suffix}")  # a bank name that is the store in disguise
    else:
        target = Path(f"{work.store}{suffix}")
    before = work.store.read_bytes()
    result = run(capsys, *WRITERS[command](work, target), "--force")
    assert result.code == 1
    assert "it is the store of games and answers" in result.err
    assert work.store.read_bytes() == before
    assert run(capsys, "scores").out.count("demo") >= 1  # the store still opens, games and all


def test_export_to_its_source_text_is_refused(
    work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, *WRITERS["export"](work, work.source), "--force")
    assert result.code == 1 and "a file this command reads" in result.err


# --- item 15: new --source when the name is taken ----------------------------------------------


def test_new_with_a_source_whose_name_is_taken_keeps_both_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first" / "article.txt", tmp_path / "second" / "article.txt"
    for path, words in ((first, "Mars is red with iron"), (second, "Jupiter is a giant of gas")):
        path.parent.mkdir()
        path.write_text(f"{words} and many other words to make excerpts from.\n")
    banks = tmp_path / "banks"
    assert run(capsys, "new", str(banks / "a.yaml"), "--source", str(first)).code == 0
    again = run(capsys, "new", str(banks / "b.yaml"), "--source", str(second))
    assert again.code == 0
    assert f"wrote {banks / 'sources' / 'article-2.txt'}" in again.out
    assert "holds another text" in again.out
    assert (banks / "sources" / "article.txt").read_text() == first.read_text()
    assert (banks / "sources" / "article-2.txt").read_text() == second.read_text()
    assert run(capsys, "validate", str(banks)).code == 0  # both banks' contexts are found
    same = run(capsys, "new", str(banks / "c.yaml"), "--source", str(first))
    assert "article-3" not in same.out and "sources" not in same.out  # the same text: reused


# --- item 7: files given to read -----------------------------------------------------------


@pytest.fixture
def hazards(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a device, and a file over the size limit (sparse)."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    return {"fifo": fifo, "device": Path("/dev/zero"), "huge": huge}


READERS: dict[str, Callable[[Path, Path], list[str]]] = {
    "import": lambda given, tmp: ["import", str(given), "--from", "gift", "-o", str(tmp / "o")],
    "export": lambda given, tmp: ["export", str(given), "--to", "gift"],
    "new --source": lambda given, tmp: ["new", str(tmp / "n.yaml"), "--source", str(given)],
    "draft": lambda given, tmp: ["draft", str(given), "-o", str(tmp / "d.yaml")],
    "import --source": lambda given, tmp: [
        *("import", str(DATA / "import" / "moodle-gift-fixture-questions.txt"), "--from", "gift"),
        *("-o", str(tmp / "o")),
        *("--source", str(given)),
    ],
    "import moodle": lambda given, tmp: [
        "import",
        str(given),
        "--from",
        "moodle",
        "-o",
        str(tmp / "o"),
    ],
    "validate": lambda given, tmp: ["validate", str(given)],
    "lint": lambda given, tmp: ["lint", str(given)],
    "list": lambda given, tmp: ["list", str(given)],
}


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
@pytest.mark.parametrize("command", sorted(READERS))
def test_only_regular_files_within_the_limit_are_read(
    command: str,
    kind: str,
    hazards: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given = hazards[kind]
    result = run(capsys, *READERS[command](given, tmp_path))
    assert result.code == 1
    reason = "limited to 8 MB" if kind == "huge" else "it is not a regular file"
    assert reason in result.out + result.err
    assert not (tmp_path / "n.yaml").exists() and not (tmp_path / "o").exists()


# --- item 5: terminal safety of everything printed -------------------------------------------


def _unsafe(text: str) -> list[str]:
    """The characters that must not reach a terminal (tab, newline and CSV's CRLF allowed)."""
    return sorted({c for c in text.replace("\r\n", "\n") if c in UNSAFE_CHARACTERS - {"\t", "\n"}})


@pytest.fixture
def hostile_files(tmp_path: Path) -> Path:
    """A folder of banks whose names and keys carry escape codes."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "\x1b]0;owned\x07.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (folder / "keys.yaml").write_text(
        'title: T\n"\\e]0;owned\\a": x\n"\\u202eevil": y\nquestions: []\n', encoding="utf-8"
    )
    (folder / "gift\x1b[2J.gift").write_text("::\x1b]0;t\x07:: Q? {=a ~b}\nbroken {\n")
    return folder


def _printing_commands(work: Workspace, hostile: Path) -> Iterator[list[str]]:
    """Every command line that prints text from a file, the store or a person."""
    yield ["validate", str(hostile)]
    yield ["validate", "--format", "json", str(hostile)]
    yield ["lint", str(hostile)]
    yield ["lint", "--format", "json", str(hostile)]
    yield ["list", str(hostile)]
    yield ["scores"]
    yield ["scores", "--bank", "\x1b[2Jdemo"]
    for by in ("answer", "question"):
        for output in ("table", "csv", "json"):
            yield ["report", "--by", by, "--format", output]
    for output in ("table", "csv", "json"):
        yield ["report", "--items", "--format", output]
    yield [
        "import",
        str(hostile / "gift\x1b[2J.gift"),
        "--from",
        "gift",
        "-o",
        str(work.folder / "g.yaml"),
    ]
    yield ["export", str(hostile / "keys.yaml"), "--to", "gift"]
    yield ["export", str(work.bank), "--to", "gift", "-o", str(hostile / "\x1b]0;x\x07.gift")]
    yield ["new", str(hostile / "\x1b]0;x\x07.yaml")]
    yield ["play", "--bank", "\x1b]0;owned\x07", str(work.folder)]
    yield ["play", str(hostile / "\x1b]0;missing\x07.yaml")]
    yield ["report", "--bank", "\x1b]0;x\x07", "--since", "\x1b]0;x\x07"]


def test_nothing_printed_carries_an_escape_code(
    work: Workspace,
    hostile_files: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("quiz.cli.play.has_terminal", lambda: True)  # to the banks' errors
    for argv in _printing_commands(work, hostile_files):
        result = run(capsys, *argv)
        assert result.out + result.err, argv
        assert _unsafe(result.out + result.err) == [], argv
    watch([hostile_files], "text", interval=0.01, rounds=1)  # validate --watch
    watched = capsys.readouterr()
    assert "owned" in watched.out and _unsafe(watched.out + watched.err) == []


def test_hostile_text_is_shown_visibly(work: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    table = run(capsys, "scores", "--bank", "demo").out
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u009b31m" in table
    as_json = run(capsys, "report", "--format", "json").out
    assert json.loads(as_json)[0]["player"] == HOSTILE  # JSON escapes: the same data


# --- item 6: every CSV cell neutralised ----------------------------------------------------


@pytest.mark.parametrize("by", ["answer", "question", "items"])
def test_every_csv_cell_is_safe_in_a_spreadsheet(
    by: str, work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _play("=cmd|' /C calc'!A0", "@SUM(1+1)", answer="+1-1")
    _play("-2+3", "demo", answer="\t=1+1")
    target = work.folder / f"{by}.csv"
    report = ["report", "--items"] if by == "items" else ["report", "--by", by]
    printed = run(capsys, *report, "--format", "csv").out
    assert run(capsys, *report, "--format", "csv", "-o", str(target)).code == 0
    written = target.read_text(encoding="utf-8-sig")
    for text in (printed, written):
        rows = list(csv.reader(io.StringIO(text)))
        cells = [cell for row in rows for cell in row]
        assert len(rows) > 1
        formulas = [c for c in cells if c.lstrip(" ").startswith(("=", "+", "-", "@", "\t"))]
        assert formulas == []
        assert any(FORMULA in cell for cell in cells)  # kept, as text


# --- item 8: one line, status 1 or 2, never a traceback --------------------------------------
# What a command says on stderr: each bank error on its line (`file:line:col: error: ...`), then
# one line, `quiz: ...`, saying why the command stops.


BAD_INPUTS: list[tuple[str, ...]] = [
    ("play", "--seed", "99999999999999999999"),
    ("play", "--count", "0"),
    ("play", "--mode", "sideways"),
    ("play", "--watch"),
    ("play", "{data}"),  # no terminal
    ("play", "--bank", "nothing", "{data}"),
    ("play", "{nul}"),
    ("validate", "--format", "xml"),
    ("validate", "{missing}"),
    ("validate", "{nul}"),
    ("lint", "--format", "xml"),
    ("lint", "{missing}"),
    ("lint", "{nul}"),
    ("lint", "{empty}"),
    ("list", "{missing}"),
    ("list", "{empty}"),
    ("scores", "--bank"),
    ("report", "--since", "9999-12-31T23:59:59-23:59"),
    ("report", "--since", "0001-01-01T00:00:00+23:59"),
    ("report", "--since", "last tuesday"),
    ("report", "-o", "{missing}/out.csv"),
    ("report", "-o", "{empty}"),
    ("report", "--items", "--player", "Ann"),
    ("new", "{data}/demo.yaml"),
    ("new", "{empty}/bank.txt"),
    ("new", "{empty}/b.yaml", "--source", "{missing}"),
    ("draft", "{missing}"),
    ("draft", "{nul}"),
    ("draft", "{empty}", "-o", "{empty}/d.yaml"),
    ("draft", "{data}/demo.yaml", "-o", "{data}/demo.txt"),
    ("schema", "extra"),
    ("import", "{missing}", "--from", "gift"),
    ("import", "{data}/demo.yaml", "--from", "moodle"),
    ("import", "{nul}", "--from", "aiken"),
    ("export", "{missing}", "--to", "gift"),
    ("export", "{data}/demo.yaml", "--to", "gift", "-o", "{missing}/x.gift"),
    ("serve", "--port", "70000"),
    ("serve", "--port", "{busy}", "{data}"),
    ("serve", "--max-games", "0"),
    ("serve", "--host", "no-such-host.invalid", "{data}"),
    ("serve", "{missing}"),
    ("board",),  # no terminal
    ("board", "--since", "9999-12-31T23:59:59-23:59"),
    ("host", "--port", "70000"),
    ("host", "--code", "12ab"),
    ("host", "--seconds", "1"),
    ("host", "--resume", "{data}"),
    ("host", "{data}"),  # no terminal
    ("join", "h:1"),  # no code
    ("join", "nowhere", "--code", "123456"),
    ("join", "h:1", "--code", "x"),
    ("join", "h:1", "--code", "123456", "--name", "{nul}"),
    ("join", "h:1", "--code", "123456"),  # no terminal
    ("nonsense", "--flag"),
]


def test_the_table_covers_every_subcommand() -> None:
    assert {case[0] for case in BAD_INPUTS} >= set(SUBCOMMANDS)


@pytest.mark.parametrize("case", BAD_INPUTS, ids=" ".join)
def test_bad_input_is_one_line_never_a_traceback(
    case: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never_serve(self: object) -> None:
        pytest.fail("the server started")

    monkeypatch.setattr("quiz.serve.QuizServer.serve", never_serve)
    empty = tmp_path / "empty"
    empty.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        places = {
            "data": str(DATA),
            "missing": str(tmp_path / "missing"),
            "empty": str(empty),
            "nul": "a\0b.yaml",
            "busy": str(taken.getsockname()[1]),
        }
        result = run(capsys, *(part.format(**places) for part in case))
    assert result.code in (1, 2)
    assert "Traceback" not in result.out + result.err
    assert (result.err or result.out).strip(), "something is said"
    *located, last = result.err.splitlines() or [""]
    assert all(LOCATED.match(line) for line in located), result.err  # each bank error: a line
    assert last.startswith("quiz: ") or LOCATED.match(last) or not result.err, result.err


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`quiz validate bomb.yaml | head -1`: the reader leaves; no traceback, status 1."""
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        "title: T\nquestions:\n" + "".join(f"  - id: q{i}\n    bogus: 1\n" for i in range(3000))
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "quiz", "validate", str(bomb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # like `head -1`
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert error == ""
