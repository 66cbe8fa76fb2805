"""Someone who leaves loses their HR scopes at once; each removal is kept in the HR scopes'
history with who recorded the leaving (shown on *Access changes*). Manager rights need nothing:
they come from an active employee record (`policy.roles_for`)."""

from django.dispatch import receiver

from perfloop.access.models import HRAssignment
from perfloop.org.events import people_left


@receiver(people_left, dispatch_uid="access.end_hr_scopes")
def end_hr_scopes(sender, *, user_ids, by=None, **kwargs) -> None:
    for assignment in HRAssignment.objects.filter(user_id__in=user_ids):
        assignment._history_user = by
        assignment._change_reason = "left"
        assignment.delete()
