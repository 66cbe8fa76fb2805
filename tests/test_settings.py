import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("PERFLOOP_")}
    base.pop("DJANGO_SETTINGS_MODULE", None)
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; never in a deployment
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_manage("check", PERFLOOP_DEBUG="0")
    assert result.returncode != 0
    assert "PERFLOOP_SECRET_KEY is not set" in result.stderr


def test_deploy_check_is_clean_with_a_real_secret():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PERFLOOP_DEBUG="0",
        PERFLOOP_SECRET_KEY="x" * 20 + "a-real-long-random-secret-value-123456",
        PERFLOOP_ALLOWED_HOSTS="perfloop.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_passwords_are_hashed_with_argon2_in_production():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])",
        PERFLOOP_DEBUG="1",
    )
    assert result.stdout.strip().endswith("Argon2PasswordHasher"), result.stderr
