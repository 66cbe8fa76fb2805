"""Test settings: the real settings, with a test key and a fast password hasher."""

import os

os.environ.setdefault("PERFLOOP_SECRET_KEY", "perfloop-tests-only-not-secret")

from perfloop.settings import *  # noqa: E402,F403

# Argon2 is deliberately slow; tests create many users. Production hashing is tested separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
STATIC_ROOT = None  # tests serve static files from the app folders; nothing is collected
# The browser tests talk plain HTTP to a local live server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# A stand-in for a new stage, plugged in through its own files only (tests/plugin_app).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: the browser tests' live server answers on several threads at once (a page's
    # autosave and its language coach), and an in-memory test database is one connection they share.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405

# A default mailer, which Django's test set-up replaces with the in-memory one (mail.outbox); e-mail
# stays off (PERFLOOP_SENDS_MAIL) unless a test turns it on. Deliveries run in the test's own
# process, through the same task code as the worker's.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PERFLOOP_CHAT_BACKOFF = 0.01  # chat robots try again at once in tests
PERFLOOP_ROBOT_HOSTS = ["127.0.0.1"]  # the chat services played on the loopback
PERFLOOP_WEBHOOK_HOSTS = ["127.0.0.1"]  # and the webhooks' receivers
PERFLOOP_DIRECTORY_BACKOFF = 0.001  # the services' stand-ins ask for a pause; tests do not wait
PERFLOOP_DIRECTORY_HOSTS = ["127.0.0.1"]  # the directory services and OpenID provider played on the loopback
