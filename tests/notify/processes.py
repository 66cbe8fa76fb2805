"""Running the app's code in other processes on the test database (a worker, a second worker)."""

import os
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def environment(**extra: str) -> dict:
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "perfloop.settings", "PERFLOOP_DEBUG": "1",
        "DATABASE_URL": database_url(), **extra,
    }  # fmt: skip
