"""URL-walk declarations of careers: the target (刘洋) has an open promotion dossier, a position on
the development path and a communicated decision of an earlier dossier."""

from django.utils import timezone

from perfloop.careers.models import Dossier
from tests.access.walk_roles import SIGNED_IN, TEAM_VIEWERS
from tests.careers.factories import DossierFactory, PositionFactory, RequirementFactory

READERS = {"manager", "hr_in_scope"}  # the target's manager and HR in scope
STANDING = {"employee", "manager", "hr_in_scope"}

DECLARED = {
    "careers:index": ("get", TEAM_VIEWERS),
    "careers:new": ("get", {"hr_in_scope"}),
    "careers:mine": ("get", SIGNED_IN),
    "careers:dossier": ("get", READERS),
    "careers:recommend": ("post", {"manager"}),  # nothing typed: told what is missing
    "careers:decide": ("post", {"hr_in_scope"}),
    "careers:communicate": ("post", {"hr_in_scope"}),  # not decided yet: told so
    "careers:document": ("get", READERS),
    "careers:paths": ("get", SIGNED_IN),
    "careers:step_remove": ("post", {"admin"}),  # company-wide HR too: none in the walk
    "careers:standing": ("get", STANDING),
    "api:dossiers": ("get", TEAM_VIEWERS),
    "api:dossier_open": ("post", {"hr_in_scope"}),  # one open already: 409
    "api:dossier": ("get", READERS),
    "api:dossier_recommend": ("post", {"manager"}),
    "api:dossier_decide": ("post", {"hr_in_scope"}),
    "api:dossier_communicate": ("post", {"hr_in_scope"}),
    "api:dossier_document": ("get", READERS),
    "api:my_career_decisions": ("get", SIGNED_IN),
    "api:development_path": ("get", SIGNED_IN),
    "api:development_step_set": ("post", {"admin"}),
    "api:development_step_remove": ("delete", {"admin"}),
    "api:employee_standing": ("get", STANDING),
}
ABOUT_TARGET = {
    "careers:new", "careers:dossier", "careers:recommend", "careers:decide", "careers:communicate",
    "careers:document", "careers:standing", "api:dossier_open", "api:dossier", "api:dossier_recommend",
    "api:dossier_decide", "api:dossier_communicate", "api:dossier_document", "api:employee_standing",
}  # fmt: skip
PAYLOAD = {
    "api:dossier_open": lambda org: {
        "employee": org.employee.pk,
        "kind": "transfer",
        "department": org.rd.pk,
    },
    "api:dossier_recommend": {"recommendation": "recommend", "text": "连续三个季度超出目标"},
    "api:dossier_decide": {"decision": "not_now", "reason": "半年后再评估"},
    "api:development_step_set": lambda org: {
        "position": PositionFactory(name="高级工程师").pk,
        "next_position": PositionFactory(name="技术专家").pk,
        "requirements": [{"indicator": "专业技能", "level": 90}],
    },
}


def arguments(org) -> dict:
    engineer = PositionFactory(name="工程师")
    org.employee.position = engineer
    org.employee.save(update_fields=["position"])
    requirement = RequirementFactory(
        step__position=engineer, step__next_position=PositionFactory(name="高级工程师")
    )
    other = RequirementFactory(step__position=engineer, step__next_position=PositionFactory(name="产品经理"))
    dossier = DossierFactory(employee=org.employee, opened_by=org.user("hr_in_scope"))
    DossierFactory(  # an earlier one, decided and told to the target
        employee=org.employee, decision=Dossier.Decision.NOT_NOW, reason="再观察", decided_at=timezone.now(),
        communicated_at=timezone.now(),
    )  # fmt: skip
    by_pk = {"pk": dossier.pk}
    return {
        "careers:new": {"employee": org.employee.pk}, "careers:dossier": by_pk, "careers:recommend": by_pk,
        "careers:decide": by_pk, "careers:communicate": by_pk, "careers:document": by_pk,
        "careers:step_remove": {"pk": requirement.step_id}, "careers:standing": {"pk": org.employee.pk},
        "api:dossier": {"dossier_id": dossier.pk}, "api:dossier_recommend": {"dossier_id": dossier.pk},
        "api:dossier_decide": {"dossier_id": dossier.pk}, "api:dossier_communicate": {"dossier_id": dossier.pk},
        "api:dossier_document": {"dossier_id": dossier.pk},
        "api:development_step_remove": {"step_id": other.step_id},
        "api:employee_standing": {"employee_id": org.employee.pk},
    }  # fmt: skip
