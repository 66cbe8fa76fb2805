"""A bare Django site for the load benchmark: one view rendering a 20-row query into a template.

It runs under the same gunicorn and Python as PerfLoop, so the ratio between the two says what
PerfLoop's own work costs on this machine.
"""

import os
from pathlib import Path

SECRET_KEY = "bare-benchmark-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["benchmarks.bare"]
# Django's own defaults for a new project, without sessions and authentication (nothing to log in to).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "benchmarks.bare.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BARE_DATABASE", str(Path(__file__).resolve().parent / "bare.sqlite3")),
    }
}
if os.environ.get("BARE_DATABASE_URL"):  # the run's own PostgreSQL: the bare view pays its round trips too
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(os.environ["BARE_DATABASE_URL"], conn_max_age=600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
