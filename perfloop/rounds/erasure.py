"""Past retention, a departed person's online reviews keep their figures (ratings, statuses, dates)
and lose what was written about them and by them."""

from django.db.models import Q
from django.dispatch import receiver

from perfloop.org.events import people_erased
from perfloop.rounds.models import ReviewForm


@receiver(people_erased, dispatch_uid="rounds.erase")
def erase(sender, *, employee_ids, **kwargs) -> None:
    forms = ReviewForm.objects.filter(Q(employee_id__in=employee_ids) | Q(reviewer_id__in=employee_ids))
    changed = []
    for form in forms.only("pk", "answers").iterator(2000):
        form.answers = {k: {**a, "comment": ""} for k, a in form.answers.items()}
        changed.append(form)
    ReviewForm.objects.bulk_update(changed, ["answers"], batch_size=2000)
    forms.update(overall="", difficulties="", achievements=[], requests=[], reopened_reason="")
