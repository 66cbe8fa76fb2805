"""What careers adds to the shared pages: menu entries, the next steps on a person's page, and a
dossier beside each candidate on the outcome lists."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.access.policy import is_self
from perfloop.careers import rules, selectors
from perfloop.careers.models import Dossier
from perfloop.home.registry import REPORTS, MenuItem, PageAction, add_menu_item, add_page_action
from perfloop.insights.registry import add_outcome_marks

# The outcomes that make someone a candidate for a dossier, and the kind it opens with.
CANDIDATES = {"promotion_candidate": Dossier.Kind.PROMOTION, "role_change": Dossier.Kind.TRANSFER}


def _new(employee, kind=Dossier.Kind.PROMOTION, cycle=None) -> str:
    query = {"kind": kind, **({"cycle": cycle.pk} if cycle else {})}
    return f"{reverse('careers:new', args=[employee.pk])}?{urlencode(query)}"


def _dossier_of(user, employee) -> tuple[str, str] | None:
    if not rules.can_open(user, employee):
        return None
    found = selectors.dossiers_for(user).filter(employee=employee, decision="").first()
    if found is not None:
        return _("Open the dossier"), found.get_absolute_url()
    return _("Promotion or transfer dossier"), _new(employee)


def _standing_of(user, employee) -> tuple[str, str] | None:
    if employee.position_id is None or not rules.can_see_standing(user, employee):
        return None
    return _("Development path"), reverse("careers:standing", args=[employee.pk])


def _decisions_of(user, employee) -> tuple[str, str] | None:
    """On one's own page: the decisions about one's career communicated so far."""
    return (_("Decisions about my career"), reverse("careers:mine")) if is_self(user, employee) else None


def _state(dossier) -> str:
    if dossier.waiting:
        return _("approved, effective %(day)s") % {"day": date_format(dossier.effective_date, "DATE_FORMAT")}
    return dossier.get_decision_display() if dossier.decided else _("waiting for a decision")


def _marks(user, plans, cycle) -> dict[int, tuple[str, str]]:
    """A dossier's decision beside each candidate who has one, else a way to open one (HR)."""
    dossiers = selectors.decisions_by_employee(user, [p.employee_id for p in plans])
    found = {}
    for plan in plans:
        dossier = dossiers.get(plan.employee_id)
        outcome = getattr(getattr(plan, "closure", None), "outcome", "")
        if dossier is not None:
            found[plan.pk] = (
                _("Dossier: %(state)s") % {"state": _state(dossier)},
                dossier.get_absolute_url(),
            )
        elif outcome in CANDIDATES and rules.can_open(user, plan.employee):
            found[plan.pk] = (_("Open a dossier"), _new(plan.employee, CANDIDATES[outcome], cycle))
    return found


def register():
    add_menu_item(MenuItem("dossiers", gettext_lazy("Promotion and transfer dossiers"), "careers:index",
                           rules.can_list, order=62, group=REPORTS))  # fmt: skip
    add_menu_item(MenuItem("paths", gettext_lazy("Development path"), "careers:paths", rules.can_list,
                           order=63, group=REPORTS))  # fmt: skip
    add_page_action(PageAction("dossier", "employee", _dossier_of, order=40))
    add_page_action(PageAction("standing", "employee", _standing_of, order=41))
    add_page_action(PageAction("career-decisions", "employee", _decisions_of, order=42))
    add_outcome_marks(_marks)
