"""Reads of the follow-up wing: the plans a user follows and their stored agenda."""

from django.utils import timezone

from perfloop.access.policy import roles_for
from perfloop.plans.models import Plan
from perfloop.plans.tracking import agenda


def plans_in(user, scope: str):
    """Plans the user follows: their own ("mine"), or those their manager or HR rights reach ("team")."""
    if scope == "team":
        return Plan.objects.reached_by(user)
    own = roles_for(user).employee
    return Plan.objects.visible_to(user).filter(employee=own) if own else Plan.objects.none()


def agenda_of(user, scope: str):
    """The stored agenda of the plans the user follows, with what a row shows of its plan."""
    return (
        agenda.due(plans_in(user, scope), timezone.localdate())
        .select_related("plan__employee__department", "plan__department")
        .only(*AGENDA_FIELDS)
    )


AGENDA_FIELDS = (
    "id", "kind", "what", "due", "missed", "plan_id", "plan__title", "plan__employee_id",
    "plan__employee__name", "plan__employee__department__name", "plan__department__name",
)  # fmt: skip
