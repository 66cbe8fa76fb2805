"""What a request costs before a page does anything: the floor under the load benchmark's ratios.

    make loadtest ARGS=--prepare-only   # once: builds benchmarks/load.sqlite3
    .venv/bin/python benchmarks/floor.py

In one process each (Django's test client, production settings, no network), best of 6 × 20:
the bare view of the load benchmark; PerfLoop signed in, answering a plain "ok" through its
whole middleware (session, authentication, language, CSRF, history, lockout); PerfLoop signed in,
rendering only the layout every page shares (navigation by role, language switch); then the
pages of the load benchmark. The ratios of the load benchmark cannot exceed bare ÷ floor.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_ms(client, url: str, header: dict) -> float:
    response = client.get(url, **header)
    assert response.status_code == 200, (url, response.status_code)
    best = float("inf")
    for _ in range(6):
        started = time.perf_counter()
        for _ in range(20):
            client.get(url, **header)
        best = min(best, (time.perf_counter() - started) / 20 * 1000)
    return best


def bare() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bare.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from benchmarks.bare.models import Item

    call_command("migrate", run_syncdb=True, verbosity=0)
    Item.objects.bulk_create(Item(name=f"项目 {i}", amount=i * 7) for i in range(200))
    print(f"{best_ms(Client(HTTP_HOST='127.0.0.1'), '/', {}):.2f}")


def app(database: str) -> list[tuple[str, str, float]]:
    os.environ.update(
        PERFLOOP_DEBUG="0",
        PERFLOOP_SECRET_KEY="floor-benchmark-" * 4,
        PERFLOOP_ALLOWED_HOSTS="127.0.0.1",
        PERFLOOP_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="perfloop.settings",
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.test import Client
    from django.urls import clear_url_caches, path, reverse

    import perfloop.urls
    from perfloop.reviews.models import Result

    @login_required
    def plain(request):
        return HttpResponse("ok")

    @login_required
    def layout(request):
        return render(request, "base.html", {})

    perfloop.urls.urlpatterns += [path("floor/plain", plain), path("floor/layout", layout)]
    clear_url_caches()
    users = get_user_model().objects
    rows = []
    for role in ("employee", "manager", "hr"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(users.get(username=f"load-{role}"))
        for name, url in (
            ("signed in, plain answer", "/floor/plain"),
            ("signed in, layout only", "/floor/layout"),
        ):
            rows.append((name, role, best_ms(client, url, {})))
        rows.append(("home", role, best_ms(client, "/", {})))
        if role == "hr":
            result = Result.objects.visible_to(users.get(username="load-hr")).first()
            rows.append(
                ("result page", role, best_ms(client, reverse("reviews:result_detail", args=[result.pk]), {}))
            )
            team = reverse("reviews:team", args=[result.cycle_id])
            rows.append(("cycle team view", role, best_ms(client, team, {})))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=str(ROOT / "benchmarks" / "load.sqlite3"))
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        return bare()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BARE_DATABASE=str(Path(tmp) / "bare.sqlite3"))
        out = subprocess.run(
            [sys.executable, __file__, "--bare"], env=env, capture_output=True, text=True, check=True
        )
        bare_ms = float(out.stdout.strip().splitlines()[-1])
    rows = app(args.database)
    print("| request | role | ms | bare ÷ this |\n|---|---|---|---|")
    print(f"| bare view | — | {bare_ms:.2f} | 100% |")
    for name, role, ms in rows:
        print(f"| {name} | {role} | {ms:.2f} | {bare_ms / ms:.0%} |")


if __name__ == "__main__":
    main()
