"""Writes on the development path 发展路径: a position's next step with what it requires, set and
taken off by company-wide HR or an administrator (positions are the whole company's)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.careers import rules
from perfloop.careers.models import Requirement, Step

MOST_REQUIREMENTS = 20


def parse_requirements(text: str) -> list[tuple[str, Decimal]]:
    """ "沟通能力 80; 团队协作 85" (or one a line, "name: level"): the indicator as results name it,
    the level on its score's scale."""
    found = []
    for raw in (text or "").replace("；", ";").replace("\n", ";").split(";"):
        part = raw.strip().replace("：", ":").replace("≥", " ").replace(">=", " ")
        if not part:
            continue
        name, _sep, level = part.replace(":", " ").rpartition(" ")
        name = name.strip()
        number = inputs.number(level, _("Level")) if name else None
        if not name or number is None:
            raise ValidationError(
                _("Write each requirement as an indicator and a level, e.g. “沟通能力 80”: %(part)s")
                % {"part": part},
                code="invalid",
            )
        found.append((inputs.text(name, _("Indicator or competency"), limit=100), number))
    if len(found) > MOST_REQUIREMENTS:
        raise ValidationError(
            _("At most %(n)s requirements a step.") % {"n": MOST_REQUIREMENTS}, code="invalid"
        )
    if len({n for n, _level in found}) != len(found):
        raise ValidationError(_("Name each indicator once."), code="invalid")
    return found


@transaction.atomic
def set_step(*, by, position, next_position, requirements: list[tuple[str, Decimal]]) -> Step:
    """The step from one position to another, with its requirements (those given replace any before)."""
    if not rules.can_set_paths(by):
        raise PermissionDenied
    if position.pk == next_position.pk:
        raise ValidationError(_("A position cannot lead to itself."), code="invalid")
    step, _made = Step.objects.get_or_create(
        position=position, next_position=next_position, defaults={"created_by": by}
    )
    Requirement.objects.filter(step=step).delete()
    Requirement.objects.bulk_create(
        [Requirement(step=step, indicator=n, level=level) for n, level in requirements]
    )
    return step


@transaction.atomic
def remove_step(*, by, step: Step) -> None:
    if not rules.can_set_paths(by):
        raise PermissionDenied
    step.delete()
