"""Past retention, a departed person's results keep their figures (scores, bands, ratings, for team
reports) and lose the words written about them."""

from django.dispatch import receiver

from perfloop.org.events import people_erased
from perfloop.reviews.models import EvidenceRecord, KpiActual, Review360


@receiver(people_erased, dispatch_uid="reviews.erase")
def erase(sender, *, employee_ids, **kwargs) -> None:
    KpiActual.objects.filter(employee_id__in=employee_ids).update(note="")
    Review360.objects.filter(employee_id__in=employee_ids).update(comment="")
    EvidenceRecord.objects.filter(employee_id__in=employee_ids).update(what="—", impact="", source="")
