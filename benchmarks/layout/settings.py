"""PerfLoop's own settings, with one page more for the benchmarks: the layout every page shares,
signed in, with nothing in it (benchmarks/layout/urls.py). Never used outside the benchmarks."""

import os

from perfloop.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.layout.urls"

# A smoke run (`loadtest.py --plain-static`) collects the static files without their gzip and
# Brotli copies: compressing them takes most of its preparation, and it measures no bytes.
if os.environ.get("PERFLOOP_PLAIN_STATIC") == "1":
    STORAGES = {  # noqa: F405
        **STORAGES,  # noqa: F405
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
