from perfloop.access.policy import people_q, roles_for
from perfloop.careers.models import Dossier

RELATED = ("employee__department", "employee__position", "position", "department")


def dossiers_for(user):
    """The dossiers of the people the user's rights reach (never their own), newest first."""
    return Dossier.objects.filter(people_q(user, via="employee__")).select_related(*RELATED)


def dossier_for(user, pk: int) -> Dossier | None:
    return dossiers_for(user).filter(pk=pk).order_by().first()


def communicated_to(user):
    """The decisions communicated to the user about themself."""
    employee = roles_for(user).employee
    if employee is None:
        return Dossier.objects.none()
    return Dossier.objects.filter(employee=employee, communicated_at__isnull=False).select_related(*RELATED)


def decisions_by_employee(user, employee_ids) -> dict[int, Dossier]:
    """The latest dossier of each of these people, for a list's marks."""
    found = dossiers_for(user).filter(employee_id__in=employee_ids)
    latest: dict[int, Dossier] = {}
    for dossier in found.order_by("opened_at", "pk"):
        latest[dossier.employee_id] = dossier
    return latest
