"""Someone who leaves loses their API tokens at once."""

from django.dispatch import receiver

from perfloop.api.models import ApiToken
from perfloop.org.events import people_left


@receiver(people_left, dispatch_uid="api.revoke_tokens")
def revoke_tokens(sender, *, user_ids, by=None, **kwargs) -> None:
    ApiToken.objects.filter(user_id__in=user_ids).delete()
