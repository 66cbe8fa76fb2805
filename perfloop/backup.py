"""Backup and restore of the whole database, consistent while the app runs.

A backup is one tar file: `manifest.json` (what it holds: the database vendor, when, the
migrations applied, the row count of every table) and the database itself — a copy made with
SQLite's online backup API (a consistent snapshot, writers carry on), or `pg_dump` in its
custom format (one MVCC snapshot). Everything PerfLoop keeps is in the database, the uploaded
Word templates included, so the file is the whole company.

A restore goes into an empty database of the same vendor (a new SQLite file, or a PostgreSQL
database without tables) and checks the row counts against the manifest.
"""

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.db import connection, transaction

FORMAT = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """What went wrong, for the operator."""


def _pg_environment(settings: dict) -> tuple[list[str], dict]:
    """pg_dump/pg_restore arguments and environment for a Django database's settings."""
    args = ["--host", settings["HOST"] or "localhost", "--port", str(settings["PORT"] or 5432)]
    args += ["--username", settings["USER"]]
    return args, {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _migrations() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def backup(target: Path) -> dict:
    """Write the backup file; returns its manifest."""
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"backups of {vendor} databases are not supported")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        if vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(dump)
            with copy:
                connection.connection.backup(copy)  # page by page; the live database stays usable
            copy.close()
            manifest_counts = _counts_of_sqlite(dump)
        else:
            manifest_counts = _pg_dump(dump)
        manifest = {
            "format": FORMAT, "vendor": vendor, "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "migrations": _migrations(), "tables": manifest_counts,
        }  # fmt: skip
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
        partial.replace(target)  # a backup file is whole or absent
    return manifest


def _pg_dump(dump: Path) -> dict[str, int]:
    """pg_dump of one snapshot, exported from a transaction that counts the rows in that same
    snapshot: the manifest says exactly what the dump holds, however busy the app is."""
    settings = connection.settings_dict
    args, env = _pg_environment(settings)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = table_counts()
        done = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", *args,
             "--file", str(dump), settings["NAME"]],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
    if done.returncode:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return counts


def _counts_of_sqlite(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {
            n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]
            for n in names
            if not n.startswith("sqlite_")
        }


def read_manifest(source: Path) -> dict:
    try:
        with tarfile.open(source) as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(f"{source} is not a PerfLoop backup: {error}") from None


def restore(source: Path) -> dict:
    """Bring a backup back into this (empty) database; returns the manifest."""
    manifest = read_manifest(source)
    vendor = connection.vendor
    if manifest.get("format") != FORMAT or manifest.get("vendor") != vendor:
        raise BackupError(f"this backup is of a {manifest.get('vendor')} database; the target is {vendor}")
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError("the target database is not empty: restore goes into a new, empty database")
    with tempfile.TemporaryDirectory() as work, tarfile.open(source) as archive:
        name = DUMP_NAMES[vendor]
        member = archive.getmember(name)
        if not member.isfile():
            raise BackupError(f"{name} in the backup is not a file")
        dump = Path(work) / name
        with archive.extractfile(member) as stream, open(dump, "wb") as out:
            shutil.copyfileobj(stream, out)
        if vendor == "sqlite":
            connection.ensure_connection()
            source_db = sqlite3.connect(dump)
            with source_db:
                source_db.backup(connection.connection)
            source_db.close()
        else:
            settings = connection.settings_dict
            args, env = _pg_environment(settings)
            done = subprocess.run(
                ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *args,
                 "--dbname", settings["NAME"], str(dump)],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            if done.returncode:
                raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    connection.close()
    found = table_counts()
    wrong = {t: (n, found.get(t)) for t, n in manifest["tables"].items() if found.get(t) != n}
    if wrong:
        raise BackupError(f"restored tables do not match the backup: {wrong}")
    return manifest
