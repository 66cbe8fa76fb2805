"""The load benchmark runs end to end on a small organisation: servers up, every page 200 under load."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parents[2]


def _database_url(tmp_path) -> str:
    """A database of the suite's kind that the benchmark may empty: a file, or a PostgreSQL database of its own."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'load.sqlite3'}"
    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        connection.execute("DROP DATABASE IF EXISTS perfloop_loadtest")
        connection.execute("CREATE DATABASE perfloop_loadtest")
    return url.rsplit("/", 1)[0] + "/perfloop_loadtest"


def test_load_benchmark_drives_every_page_on_a_small_organisation(tmp_path):
    env = dict(os.environ, DATABASE_URL=_database_url(tmp_path))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The pages opened in Chromium once, on SQLite (how a browser loads them does not depend on
    # the database); under load on the database the suite runs on (`make test`: SQLite only, see
    # FIRST_DATABASE_ONLY in tests/conftest.py; `make test-postgres` alone runs it on PostgreSQL).
    browsing = not env["DATABASE_URL"].startswith("postgres")
    done = subprocess.run(
        [sys.executable, "benchmarks/loadtest.py", "--employees", "120", "--duration", "1", "--rounds", "1"]
        + ["--connections", "2", "--together", "6", "--visits", "1" if browsing else "0", "--no-record"]
        + ["--bare-once", "--plain-static"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    load, _sep, browser = done.stdout.partition("First visit in Chromium")
    table = [line for line in load.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(table) >= 15
    # Every page a browser opens was timed, the chart pages until their charts were drawn.
    visits = [line for line in browser.splitlines() if line.startswith("| ") and "---" not in line][1:]
    if browsing:
        assert len(visits) >= 12 and any("result" in v and "| — |" not in v for v in visits)
    else:
        assert visits == []
    # Every page answered, all 2xx: req/s above zero and the non-2xx column at 0.
    for row in table:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert float(cells[2]) > 0 and cells[7] == "0", row
