"""Past retention, a departed person's account keeps no preference or open link."""

from django.dispatch import receiver

from perfloop.accounts.models import Invitation, Profile
from perfloop.org.events import people_erased


@receiver(people_erased, dispatch_uid="accounts.erase")
def erase(sender, *, user_ids, **kwargs) -> None:
    Profile.objects.filter(user_id__in=user_ids).delete()
    Invitation.objects.filter(user_id__in=user_ids).delete()
