"""Past retention, a departed person's check-ins and closures keep their dates, readings and
results, and lose what was written about them."""

from django.dispatch import receiver

from perfloop.org.events import people_erased
from perfloop.plans.tracking.models import AgendaItem, AgendaState, CheckIn, Closure, Reading


@receiver(people_erased, dispatch_uid="followup.erase")
def erase(sender, *, employee_ids, **kwargs) -> None:
    texts = ("notes", "deviations", "corrections", "support_asked", "support_given", "recognition")
    CheckIn.objects.filter(plan__employee_id__in=employee_ids).update(**dict.fromkeys(texts, ""))
    Reading.objects.filter(goal__plan__employee_id__in=employee_ids).update(note="")
    Closure.objects.filter(plan__employee_id__in=employee_ids).update(reason="", outcome_reason="")
    # The stored agenda copies milestone titles and commitments: computed again if ever read.
    AgendaItem.objects.filter(plan__employee_id__in=employee_ids).delete()
    AgendaState.objects.filter(plan__employee_id__in=employee_ids).delete()
