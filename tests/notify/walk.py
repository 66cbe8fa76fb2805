"""URL-walk declarations of the notifications: everyone signed in has their own inbox."""

from tests.access.walk_roles import SIGNED_IN

DECLARED = {
    "notify:inbox": ("get", SIGNED_IN),
    "notify:open": ("post", SIGNED_IN),  # one's own only; another's id leads back to the inbox
    "notify:read_all": ("post", SIGNED_IN),
    "api:notifications": ("get", SIGNED_IN),
    "api:notifications_read": ("post", SIGNED_IN),
    "api:notifications_read_all": ("post", SIGNED_IN),
    # The task queue's records (django-tasks-db) are the worker's: the admin shows them, never adds
    # or deletes one by hand.
    "admin:django_tasks_database_dbtaskresult_add": ("get", set()),
    "admin:django_tasks_database_dbtaskresult_delete": ("get", set()),
}
PAYLOAD = {"api:notifications_read": {"ids": [1, 2]}, "api:notifications_read_all": {}}


def arguments(org) -> dict:
    return {"notify:open": {"pk": 1}}
