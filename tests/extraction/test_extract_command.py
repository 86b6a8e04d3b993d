"""`manage.py extract`: the eval contract on stdout, one JSON line per file, in order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_it_prints_one_json_line_per_file(tmp_path: Path) -> None:
    gold = tmp_path / "a.json"
    gold.write_text(json.dumps({"text": "“The levee will hold for now,” engineer Otto Brandt said.", "title": "T"}))
    plain = tmp_path / "b.txt"
    plain.write_text("Canadian Finance Minister Chrystia Freeland presented the budget.")
    done = _run(str(gold), str(plain))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(ln) for ln in done.stdout.splitlines()]
    assert [ln["file"] for ln in lines] == [str(gold), str(plain)]
    assert set(lines[0]) >= {"file", "actors", "quotes", "numeric_claims"}
    (q,) = lines[0]["quotes"]
    assert q["speaker"] == "Otto Brandt"
    assert json.loads(gold.read_text())["text"][q["start"] : q["end"]] == q["text"]
    assert {"name": "Chrystia Freeland", "type": "person"}.items() <= lines[1]["actors"][0].items()


def test_it_prints_numbers_as_json_numbers(tmp_path: Path) -> None:
    f = tmp_path / "n.txt"
    f.write_text("Officials said 1,250 people were killed and 3.5 million were displaced.")
    done = _run(str(f))
    claims = json.loads(done.stdout)["numeric_claims"]
    for c in claims:
        assert isinstance(c["value"], int | float) and not isinstance(c["value"], bool)
        if c["value"] == int(c["value"]):
            assert isinstance(c["value"], int)


def test_it_reports_a_missing_file_and_still_prints_the_others(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text("Nothing to see.")
    done = _run(str(tmp_path / "missing.txt"), str(ok))
    assert done.returncode != 0
    assert "missing.txt" in done.stderr
    assert [json.loads(ln)["file"] for ln in done.stdout.splitlines()] == [str(ok)]


def test_it_prints_a_readable_form_with_pretty(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_text("“The levee will hold for now,” engineer Otto Brandt said.")
    done = _run("--pretty", str(f))
    assert done.returncode == 0
    assert "Otto Brandt: “The levee will hold for now,”" in done.stdout
