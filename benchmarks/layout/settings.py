"""PerfLoop's own settings, with one page more for the benchmarks: the layout every page shares,
signed in, with nothing in it (benchmarks/layout/urls.py). Never used outside the benchmarks."""

from perfloop.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.layout.urls"
