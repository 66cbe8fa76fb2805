"""A person's training sessions for their data export: course, dates and their attendance."""

from perfloop.access.personal_data import Section
from perfloop.training.models import Enrolment


def sessions(employee, for_self: bool) -> list[dict]:
    found = (
        Enrolment.objects.filter(employee=employee)
        .select_related("session")
        .order_by("session__starts", "pk")
    )
    return [
        {"course": e.session.course, "provider": e.session.provider, "from": e.session.starts,
         "to": e.session.ends, "attended": e.attended}
        for e in found
    ]  # fmt: skip


SECTIONS = (Section("training_sessions", sessions, 40),)
