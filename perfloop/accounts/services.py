from django.conf import settings
from django.contrib.auth import get_user_model
from simple_history.utils import bulk_create_with_history

from perfloop.accounts.models import Profile
from perfloop.org.models import Employee

SESSION_LANGUAGE_KEY = "perfloop_language"
SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def remember_language(*, user, language: str) -> None:
    """Keep the user's chosen language for every later visit and device."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(language)
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def saved_language(user) -> str:
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


def give_accounts(people: list[Employee], *, password_hash: str, by=None) -> None:
    """An account for each of these employees who has none, in bulk, each change in the account
    history. The user name is the employee number (number-id when that name is taken);
    `password_hash` is already hashed (hashing is slow on purpose: once for all)."""
    users = get_user_model()
    people = [e for e in people if e.user_id is None]
    taken = set(
        users.objects.filter(username__in=[e.employee_no for e in people]).values_list("username", flat=True)
    )
    names = [e.employee_no if e.employee_no not in taken else f"{e.employee_no}-{e.pk}" for e in people]
    accounts = bulk_create_with_history(
        [
            users(username=n, email=e.email, password=password_hash)
            for n, e in zip(names, people, strict=True)
        ],
        users,
        batch_size=500,
        default_user=by,
    )
    by_name = {u.username: u for u in accounts}  # saved, with their ids
    for name, employee in zip(names, people, strict=True):
        employee.user = by_name[name]
    Employee.objects.bulk_update(people, ["user"], batch_size=500)
