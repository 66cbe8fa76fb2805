"""A person's online reviews for their data export: the forms they wrote (their self-assessment
among them) with what they wrote, and the forms about them counted by relation and status —
never who wrote them nor what."""

from django.db.models import Count

from perfloop.access.personal_data import Section
from perfloop.rounds.models import Nomination, ReviewForm


def forms_written(employee, for_self: bool) -> list[dict]:
    found = ReviewForm.objects.filter(reviewer=employee).select_related("round__cycle", "employee")
    return [
        {"cycle": f.round.cycle.name, "reviewed": f.employee.name, "relation": f.relation, "status": f.status,
         "answers": f.answers, "overall": f.overall, "achievements": f.achievements,
         "difficulties": f.difficulties, "requests": f.requests, "submitted_at": f.submitted_at}
        for f in found.order_by("round__opens_on", "employee__employee_no")
    ]  # fmt: skip


def forms_about(employee, for_self: bool) -> list[dict]:
    found = (
        ReviewForm.objects.filter(employee=employee)
        .exclude(reviewer=employee)
        .values("round__cycle__name", "relation", "status")
        .annotate(forms=Count("pk"))
        .order_by("round__cycle__name", "relation", "status")
    )
    return [
        {
            "cycle": r["round__cycle__name"],
            "relation": r["relation"],
            "status": r["status"],
            "forms": r["forms"],
        }
        for r in found
    ]


def nominations_made(employee, for_self: bool) -> list[dict]:
    """The colleagues the person proposed to review them (their own choice, so theirs to read)."""
    found = (
        Nomination.objects.filter(employee=employee, proposed_by=employee.user_id).select_related(
            "round__cycle", "reviewer"
        )
        if employee.user_id
        else Nomination.objects.none()
    )
    return [
        {"cycle": n.round.cycle.name, "reviewer": n.reviewer.name, "relation": n.relation, "status": n.status}
        for n in found.order_by("pk")
    ]


SECTIONS = (
    Section("review_forms_written", forms_written, 25),
    Section("review_forms_about_them", forms_about, 26),
    Section("reviewers_proposed", nominations_made, 27),
)
