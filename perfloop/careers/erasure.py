"""Past retention, a departed person's dossiers keep their figures (kind, decision, dates) and lose
what was written about them: the manager's words and HR's reason."""

from django.dispatch import receiver

from perfloop.careers.models import Dossier
from perfloop.org.events import people_erased


@receiver(people_erased, dispatch_uid="careers.erase")
def erase(sender, *, employee_ids, **kwargs) -> None:
    Dossier.objects.filter(employee_id__in=employee_ids).update(recommendation_text="", reason="")
