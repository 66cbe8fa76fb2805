"""Past retention, a departed person's plans keep their figures (baselines, targets, dates, states)
and lose what was written about them."""

from django.dispatch import receiver

from perfloop.org.events import people_erased
from perfloop.plans.models import Action, Adjustment, Comment, Goal, Milestone, Plan, Support


@receiver(people_erased, dispatch_uid="plans.erase")
def erase(sender, *, employee_ids, **kwargs) -> None:
    plans = Plan.objects.filter(employee_id__in=employee_ids)
    plans.update(title="—")
    Goal.objects.filter(plan__in=plans).update(description="—", means="")
    Action.objects.filter(plan__in=plans).update(text="—", owner_name="")
    Support.objects.filter(plan__in=plans).update(text="—", person="", owner_name="—")
    Milestone.objects.filter(plan__in=plans).update(title="—")
    Comment.objects.filter(plan__in=plans).update(text="—")
    Adjustment.objects.filter(plan__in=plans).update(reason="—", label="", old={}, new={})
