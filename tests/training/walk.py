"""URL-walk declarations of training: needs for HR and managers, each for the people they reach;
sessions for HR, who enrol and mark the people of their scope (the target is 刘洋, of 研发中心)."""

from perfloop.training.models import Enrolment, Session
from tests.access.walk_roles import HR, TEAM_VIEWERS

DECLARED = {
    "training:needs": ("get", TEAM_VIEWERS),
    "training:people": ("get", TEAM_VIEWERS),
    "training:export": ("get", TEAM_VIEWERS),
    "training:sessions": ("get", HR),
    "training:session_new": ("get", HR),
    "training:session": ("get", HR),
    "training:enrol": ("post", HR),  # nobody ticked: told so
    "training:sessions_export": ("get", HR),
    "training:attendance": ("post", {"hr_in_scope"}),
    "training:enrolment_remove": ("post", {"hr_in_scope"}),
    "api:training_needs": ("get", TEAM_VIEWERS),
    "api:training_people": ("get", TEAM_VIEWERS),
    "api:training_sessions": ("get", HR),
    "api:training_session_create": ("post", HR),
    "api:training_session": ("get", HR),
    "api:training_enrolments": ("get", HR),
    "api:training_enrol": ("post", {"hr_in_scope"}),  # out of scope: 404, as for nobody
    "api:training_attendance": ("put", {"hr_in_scope"}),
    "api:training_enrolment_remove": ("delete", {"hr_in_scope"}),
}
ABOUT_TARGET = {
    "training:attendance", "training:enrolment_remove", "api:training_enrol", "api:training_attendance",
    "api:training_enrolment_remove",
}  # fmt: skip
PAYLOAD = {
    "api:training_session_create": {
        "course": "沟通技巧",
        "starts": "2026-12-10",
        "ends": "2026-12-11",
        "seats": 10,
    },
    "api:training_enrol": lambda org: {"employees": [org.employee.pk]},
    "api:training_attendance": {"attended": True},
}


def arguments(org) -> dict:
    session = Session.objects.create(
        course="结构化表达", starts="2026-12-10", ends="2026-12-11", seats=20, department=org.backend
    )
    # The target enrolled thrice: marked, removed on the page, removed over the API.
    marked, page, api = (Enrolment.objects.create(session=s, employee=org.employee) for s in (
        session, Session.objects.create(course="复盘方法", starts="2026-12-10", ends="2026-12-10", seats=5),
        Session.objects.create(course="客户沟通", starts="2026-12-12", ends="2026-12-12", seats=5),
    ))  # fmt: skip
    return {
        "training:session": {"pk": session.pk}, "training:enrol": {"pk": session.pk},
        "training:attendance": {"pk": marked.pk}, "training:enrolment_remove": {"pk": page.pk},
        "api:training_session": {"session_id": session.pk}, "api:training_enrolments": {"session_id": session.pk},
        "api:training_enrol": {"session_id": session.pk}, "api:training_attendance": {"enrolment_id": marked.pk},
        "api:training_enrolment_remove": {"enrolment_id": api.pk},
    }  # fmt: skip
