"""Backup and restore: the demo company backed up by `manage.py backup` in its own process, restored
by `manage.py restore` into a new database, and every table compared row by row."""

import subprocess
import sys
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.notify.processes import ROOT, database_url, environment

pytestmark = pytest.mark.django_db(transaction=True)


def _manage(*args, url: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(DATABASE_URL=url),
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _tables(cursor, vendor) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return sorted(r[0] for r in cursor.fetchall())


def _everything(cursor, vendor) -> dict[str, list]:
    """Every row of every table, in a fixed order."""
    found = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f'SELECT * FROM "{table}"')
        found[table] = sorted(tuple(map(repr, row)) for row in cursor.fetchall())
    return found


def _plain_cursor():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.connect(db["NAME"]).cursor()
    import psycopg

    return psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
                           dbname=db["NAME"]).cursor()  # fmt: skip


@pytest.fixture
def elsewhere():
    """A new, empty database of the same vendor as the test database: its URL and a cursor maker."""
    if connection.vendor == "sqlite":
        path = ROOT / f"restored-{uuid.uuid4().hex[:8]}.sqlite3"
        import sqlite3

        yield f"sqlite:///{path}", lambda: sqlite3.connect(path).cursor()
        for suffix in ("", "-wal", "-shm"):
            (path.parent / (path.name + suffix)).unlink(missing_ok=True)
        return
    import psycopg

    db = connection.settings_dict
    name = f"perfloop_restored_{uuid.uuid4().hex[:8]}"
    admin = dict(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"], dbname="postgres"
    )
    with psycopg.connect(**admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    opened = []

    def cursor():
        c = psycopg.connect(**{**admin, "dbname": name})
        opened.append(c)
        return c.cursor()

    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}", cursor
    for c in opened:
        c.close()
    with psycopg.connect(**admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_the_demo_company_backed_up_and_restored_elsewhere_is_the_same(settings, tmp_path, elsewhere):
    settings.DEBUG = True
    call_command("seed_demo")
    archive = tmp_path / "company.tar"
    said = _manage("backup", "--output", str(archive), url=database_url())
    assert str(archive) in said and "tables" in said

    url, cursor_there = elsewhere
    said = _manage("restore", str(archive), url=url)
    assert said.startswith("restored")

    before = _everything(_plain_cursor(), connection.vendor)  # read as the restored one is: no type casts
    after = _everything(cursor_there(), connection.vendor)
    assert before.keys() == after.keys() and len(before) > 50
    assert [t for t in before if before[t] != after[t]] == []
    assert (
        len(before["org_employee"]) == 84
        and before["feedback_recordtemplate"] == after["feedback_recordtemplate"]
    )


def test_a_restore_goes_only_into_an_empty_database(tmp_path):
    archive = tmp_path / "company.tar"
    call_command("backup", "--output", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    (tmp_path / "other.tar").write_bytes(b"not a backup")
    with pytest.raises(CommandError, match="not a PerfLoop backup"):
        call_command("restore", str(tmp_path / "other.tar"))
