"""A person's career decisions for their data export: those communicated to them, as they see them
(the outcome, the new role and the date — not the committee's reason)."""

from perfloop.access.personal_data import Section
from perfloop.careers.models import Dossier


def decisions(employee, for_self: bool) -> list[dict]:
    found = Dossier.objects.filter(employee=employee, communicated_at__isnull=False).select_related(
        "position", "department"
    )
    return [
        {"kind": d.kind, "decision": d.decision, "effective_date": d.effective_date,
         "position": d.position.name if d.position else "", "department": d.department.name if d.department else "",
         "communicated_at": d.communicated_at}
        for d in found.order_by("communicated_at", "pk")
    ]  # fmt: skip


SECTIONS = (Section("career_decisions", decisions, 41),)
