"""A whole Newsclaims of its own for fault tests: PostgreSQL, Redis, workers, beat and a web server.

Every process runs against servers the test started (``servers.py``) on spare ports, so the test
can stop the database, empty Redis or kill the web server without touching anything shared.
Short reaper and back-off settings make a recovery take seconds instead of minutes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from tests.faults.servers import PostgresServer, RedisServer

ROOT = Path(__file__).resolve().parents[2]
WEB_PORT = 55439  # the last of the spare PostgreSQL ports: the test's own clusters use the first ones
TERMINAL = ("done", "duplicate", "failed")


def story_lines(n: int, *, tag: str) -> bytes:
    """``n`` distinct invented articles as JSON Lines (each a new article, none a duplicate)."""
    lines = []
    for i in range(1, n + 1):
        text = (
            f"Dispatch {tag}-{i}. The river authority said {100 + i} homes were flooded after the storm, "
            f"and officials expect {i % 40 + 2} roads to stay closed this week. "
            f'"We are working through the night," said Amara Okafor, who leads the crews in district {i}.'
        )
        lines.append(json.dumps({"title": f"Flood report {tag} {i}", "text": text}))
    return "\n".join(lines).encode()


class Stack:
    def __init__(self, *, requeue_seconds: int = 15) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="nc-stack-"))
        self.pg = PostgresServer().start()
        self.redis = RedisServer().start()
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DATABASE_URL": self.pg.url("newsclaims"),
            "REDIS_URL": self.redis.url,
            "NEWSCLAIMS_CACHE_URL": self.redis.url.rsplit("/", 1)[0] + "/1",
            "NEWSCLAIMS_INGEST_REQUEUE_SECONDS": str(requeue_seconds),
            "NEWSCLAIMS_REAP_SECONDS": "3",
            "NEWSCLAIMS_TASK_BACKOFF_MAX": "4",
            "NEWSCLAIMS_TASK_MAX_RETRIES": "40",
            "DB_CONN_MAX_AGE": "0",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "newsclaims.settings",
        }
        with psycopg.connect(self.pg.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE newsclaims")
        self.manage("migrate", "-v0")

    # --- processes -----------------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 300) -> str:
        run = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if run.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{run.stderr[-3000:]}")
        return run.stdout

    def python(self, code: str, timeout: float = 300) -> str:
        return self.manage("shell", "-c", code, timeout=timeout)

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.procs[name] = proc
        return proc

    def start_worker(self, concurrency: int = 2) -> None:
        self._start(
            "worker",
            [
                sys.executable, "-m", "celery", "-A", "newsclaims", "worker", "-Q", "default,fetch,extract",
                f"--concurrency={concurrency}", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
                "-n", f"fault-{os.getpid()}@%h",
            ],
        )  # fmt: skip

    def start_beat(self) -> None:
        self._start(
            "beat",
            [
                sys.executable, "-m", "celery", "-A", "newsclaims", "beat", "--loglevel=WARNING",
                "--schedule", str(self.tmp / "beat-schedule"),
            ],
        )  # fmt: skip

    def start_web(self) -> str:
        self._start(
            "web",
            [
                sys.executable, "-m", "gunicorn", "newsclaims.wsgi", "--bind", f"127.0.0.1:{WEB_PORT}",
                "--workers", "1", "--timeout", "60",
            ],
        )  # fmt: skip
        deadline = time.monotonic() + 60
        import socket

        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", WEB_PORT)) == 0:
                    base = f"http://127.0.0.1:{WEB_PORT}"
                    import httpx

                    httpx.get(f"{base}/readyz", timeout=120)  # the first request loads the URLconf and views
                    return base
            time.sleep(0.2)
        raise RuntimeError("the web server did not start")

    def kill(self, name: str) -> None:
        """SIGKILL a process and everything it started (a worker's pool, gunicorn's workers)."""
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        for pid in reversed(_tree(proc.pid)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=20)

    def close(self) -> None:
        for name in list(self.procs):
            self.kill(name)
        self.redis.close()
        self.pg.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    # --- reading the outcome ----------------------------------------------------------------

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.pg.url("newsclaims"), connect_timeout=3) as conn:
            return conn.execute(query, params).fetchall()

    def job(self, job_id: int) -> dict:
        row = self.sql(
            "SELECT status, total, queued, done, duplicates, failed FROM claims_ingestjob WHERE id = %s", job_id
        )[0]
        return dict(zip(("status", "total", "queued", "done", "duplicates", "failed"), row, strict=True))

    def item_counts(self, job_id: int) -> dict[str, int]:
        return dict(self.sql("SELECT status, count(*) FROM claims_ingestitem WHERE job_id = %s GROUP BY 1", job_id))

    def wait_finished(self, job_id: int, timeout: float = 600) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            with contextlib.suppress(psycopg.OperationalError):
                last = self.job(job_id)
                if last["status"] in {"done", "failed"}:
                    return last
            time.sleep(1)
        raise AssertionError(f"job {job_id} did not finish: {last}; items {self.item_counts(job_id)}")

    def finished_items(self, job_id: int) -> int:
        placeholders = ", ".join(["%s"] * len(TERMINAL))
        query = f"SELECT count(*) FROM claims_ingestitem WHERE job_id = %s AND status IN ({placeholders})"  # noqa: S608
        return self.sql(query, job_id, *TERMINAL)[0][0]


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree
