"""The command line end to end: the job `make demo` runs, bad input, and `civcas eval`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from civcas.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"
GOLD = ROOT.parent / "shared" / "eval" / "dev" / "gold.jsonl"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civcas.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_demo_job(tmp_path: Path) -> None:
    """What `make demo` runs: every bundled example is read and its incidents written."""
    out = tmp_path / "claims.jsonl"
    done = run("extract", str(EXAMPLES), "-o", str(out), "--summary", "-q")
    assert done.returncode == 0, done.stderr
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(rows) == 6
    (hajin,) = rows["ex-001"]["incidents"]
    assert (hajin["place_std"], hajin["admin1"], hajin["date"]) == (
        "Hajin",
        "Deir ez-Zor",
        "2019-02-07",
    )
    assert (hajin["perpetrator"], hajin["attribution"]) == ("US-led coalition", "alleged")
    assert (hajin["killed_min"], hajin["children_killed_min"], hajin["women_killed_min"]) == (
        9,
        4,
        2,
    )
    assert rows["ex-002"]["incidents"][0]["attribution"] == "denied"
    assert rows["ex-004"]["incidents"] == []
    text = json.loads((EXAMPLES / "monitor-feed.jsonl").read_text().splitlines()[0])["text"]
    start, end = hajin["evidence"]["perpetrator_evidence"]
    assert text[start:end] == hajin["perpetrator_evidence"]
    assert "ex-001: 1 incident(s)" in done.stderr


def test_rerun_gives_the_same_output(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (first, second):
        assert run("extract", str(EXAMPLES), "-o", str(out), "-q").returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_bad_items_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"id": "ok-1", "text": "Warplanes killed 3 civilians in Hajin on 2 May 2019."}\n'
        "{broken json\n"
        '{"id": "ok-2", "text": "Shelling killed 2 children in Saraqib on 3 May 2019."}\n',
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == ["ok-1", "ok-2"]
    assert "a.jsonl:2" in result.output
    assert "b.txt" in result.output and "c.txt" in result.output


def test_help_on_every_command() -> None:
    runner = CliRunner()
    for args in (["--help"], ["extract", "--help"], ["eval", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_eval_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    row = {
        "id": "t-1",
        "lang": "en",
        "published": "2019-05-03",
        "text": "Warplanes killed 3 civilians in Hajin yesterday.",
        "incidents": [
            {
                "date": "2019-05-02",
                "date_precision": "day",
                "place_std": "Hajin",
                "admin1": "Deir ez-Zor",
                "killed_min": 3,
                "killed_max": 3,
            }
        ],
    }
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--json", "-q"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["incident_detection"]["f1"] == 1.0
    assert scores["fields"]["killed_min"]["f1"] == 1.0
    assert scores["fields"]["date"]["f1"] == 1.0


@pytest.mark.skipif(not GOLD.exists(), reason=f"gold data not found at {GOLD}")
def test_eval_on_the_dev_gold_runs() -> None:
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--lang", "en", "--json", "-q"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["incident_detection"]["f1"] > 0.5
