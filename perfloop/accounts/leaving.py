"""Someone who leaves (离职) can no longer sign in, from their very next request: the account is
disabled and its password unset, their open sessions are ended and their unused invitation links
void. The change is kept in the account history (shown on *Access changes*) with who recorded
the leaving. Their records stay. A person who returns is invited again (accepting the invitation
enables the account)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from perfloop.accounts.models import Invitation
from perfloop.org.events import people_left

LEFT_REASON = "left"


@receiver(people_left, dispatch_uid="accounts.end_access")
def end_access(sender, *, user_ids, by=None, **kwargs) -> None:
    users = list(get_user_model().objects.filter(pk__in=user_ids))
    for user in users:
        user.is_active = False
        user.set_unusable_password()
    bulk_update_with_history(
        users, get_user_model(), ["is_active", "password"], batch_size=500, default_user=by,
        default_change_reason=LEFT_REASON,
    )  # fmt: skip
    Invitation.objects.filter(user_id__in=user_ids, used_at__isnull=True).delete()
    end_sessions(set(user_ids))


def end_sessions(user_ids: set[int]) -> int:
    """Delete the open sessions of these users (stored sessions are only found by reading them)."""
    if settings.SESSION_ENGINE not in ("django.contrib.sessions.backends.db", "perfloop.accounts.sessions"):
        return 0  # a disabled account's session is refused anyway, on its next request
    wanted = {str(pk) for pk in user_ids}
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000)
        if str(s.get_decoded().get("_auth_user_id")) in wanted
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
