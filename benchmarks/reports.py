"""`quiz report` on a year of a class's answers, against the `sqlite3` shell's floor.

Each report is timed as a teacher runs it, `quiz report ... -o FILE` in its own process; its
floor is the same result computed by the `sqlite3` command-line shell from the same file: the
query in SQL, output by the shell to a file (CSV or JSON). The runs alternate with the floor's,
so that both see the machine in the same mood. Peak memory (the process's maximum resident
size) is taken from the same runs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.memory import peak_of, reporting_peak

ANSWERS_FROM = (
    " FROM answers a JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
)
ANSWERS_SQL = (
    "SELECT p.name AS player, a.game_id, a.bank, a.question_id, a.topic, a.difficulty, a.answer,"
    " CASE WHEN a.correct THEN 'yes' ELSE 'no' END AS correct, a.points, a.seconds,"
    " CASE WHEN a.hint_used THEN 'yes' ELSE 'no' END AS hint_used, a.answered_at,"
    " g.live_game_id" + ANSWERS_FROM + " {where} ORDER BY a.answered_at, a.id"
)
BY_QUESTION_SQL = (
    "WITH counts AS (SELECT a.bank, a.question_id, a.topic, a.difficulty, a.answer,"
    " a.correct != 0 AS correct, count(*) AS c" + ANSWERS_FROM + " GROUP BY a.bank,"
    " a.question_id, a.answer, a.correct != 0)"
    " SELECT bank, question_id, topic, difficulty, sum(c) AS answered,"
    " sum(CASE WHEN correct THEN c ELSE 0 END) AS right,"
    " round(sum(CASE WHEN correct THEN c ELSE 0 END) * 1.0 / sum(c), 3) AS share_right,"
    " group_concat(CASE WHEN NOT correct THEN answer || ' ×' || c END, '; ') AS wrong_answers"
    " FROM counts GROUP BY bank, question_id ORDER BY share_right, answered DESC, bank,"
    " question_id"
)
ITEMS_SQL = """
WITH firsts AS (
  SELECT bank, question_id, player, answer, correct FROM (
    SELECT a.bank, a.question_id, g.player_id AS player, a.answer, a.correct,
      ROW_NUMBER() OVER (PARTITION BY g.player_id, a.bank, a.question_id, a.question_hash
                         ORDER BY a.answered_at, a.id) AS attempt
    FROM answers a JOIN games g ON g.id = a.game_id) WHERE attempt = 1),
totals AS (SELECT bank, player, sum(correct != 0) AS right, count(*) AS answered
           FROM firsts GROUP BY bank, player),
scored AS (SELECT f.bank, f.question_id, f.correct != 0 AS correct,
             (t.right - (f.correct != 0)) * 1.0 / (t.answered - 1) AS strength
           FROM firsts f JOIN totals t USING (bank, player) WHERE t.answered > 1),
ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY bank, question_id ORDER BY strength DESC)
                       AS high,
             ROW_NUMBER() OVER (PARTITION BY bank, question_id ORDER BY strength) AS low,
             count(*) OVER (PARTITION BY bank, question_id) AS n FROM scored),
picks AS (SELECT bank, question_id, group_concat(answer || ' ×' || c, '; ') AS picks
          FROM (SELECT bank, question_id, answer, count(*) AS c FROM firsts
                GROUP BY bank, question_id, answer) GROUP BY bank, question_id)
SELECT f.bank, f.question_id, count(*) AS answered, sum(f.correct != 0) AS right,
  round(avg(f.correct != 0), 3) AS facility,
  (SELECT round(avg(CASE WHEN high <= max(1, round(0.27 * n)) THEN correct END)
              - avg(CASE WHEN low <= max(1, round(0.27 * n)) THEN correct END), 3)
     FROM ranked r WHERE r.bank = f.bank AND r.question_id = f.question_id) AS discrimination,
  p.picks
FROM firsts f JOIN picks p USING (bank, question_id)
GROUP BY f.bank, f.question_id ORDER BY f.bank, f.question_id
"""
"""The item analysis in SQL: first answers, each player's strength on the bank's other
questions, the upper and lower 27% (ties not shared, as the engine shares them), picks."""
PLAYER = "Student 3"


@dataclass(frozen=True)
class Report:
    """A report: its `quiz report` arguments, and the shell's floor (mode and SQL)."""

    name: str
    arguments: tuple[str, ...]
    mode: str
    sql: str


REPORTS = (
    Report("CSV", ("--format", "csv"), "-csv", ANSWERS_SQL.format(where="")),
    Report("JSON", ("--format", "json"), "-json", ANSWERS_SQL.format(where="")),
    Report(
        "CSV, one player",
        ("--format", "csv", "--player", PLAYER),
        "-csv",
        ANSWERS_SQL.format(where=f"WHERE p.name = '{PLAYER}'"),
    ),
    Report("--by question", ("--by", "question", "--format", "csv"), "-csv", BY_QUESTION_SQL),
    Report("--items", ("--items", "--format", "csv"), "-csv", ITEMS_SQL),
)


def _timed(command: list[str], output: Path, env: dict[str, str]) -> tuple[float, int]:
    """Run `command` with its standard output to `output`: wall seconds and peak memory (KiB:
    what a `reporting_peak` command says of itself, else `ru_maxrss`, which on Linux counts the
    suite's own size, see benchmarks/memory.py)."""
    with output.open("wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{command[:4]} failed: {error[-2000:]}")
    return elapsed, peak_of(error) or usage.ru_maxrss


def quiz_report(home: Path, report: Report, work: Path) -> tuple[float, int]:
    """`quiz report ARGS -o FILE` as a teacher runs it: seconds and peak memory (KiB)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QUIZ_HOME"] = str(home)
    target = work / "report.out"
    command = reporting_peak("quiz", "report", *report.arguments, "-o", str(target), "--force")
    return _timed(command, work / "report.log", env)


def shell_floor(home: Path, report: Report, work: Path) -> float:
    """The same result by the sqlite3 shell, from the same file, to a file."""
    shell = shutil.which("sqlite3") or "/usr/bin/sqlite3"
    command = [shell, "-readonly", report.mode, "-header", str(home / "quiz.db"), report.sql]
    return _timed(command, work / "floor.out", dict(os.environ))[0]


def measure_report(home: Path, report: Report, runs: int, work: Path) -> tuple[float, float, float]:
    """Medians of alternating runs: ours (seconds), the shell's floor (seconds), and our peak
    memory (MiB)."""
    quiz_report(home, report, work)  # compile the bytecode, warm the file cache
    ours, floors, memory = [], [], []
    for _ in range(runs):
        floors.append(shell_floor(home, report, work))
        seconds, kib = quiz_report(home, report, work)
        ours.append(seconds)
        memory.append(kib / 1024)
    return statistics.median(ours), statistics.median(floors), statistics.median(memory)
