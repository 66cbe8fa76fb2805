"""Configuring the organisation's group robots: administrators and company-wide HR for the whole
organisation, HR for the departments in their scope. One function per write."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.access.policy import hr_departments, is_company_wide_hr, roles_for
from perfloop.notify import robots
from perfloop.notify.models import ChatRobot


def can_manage(user) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_hr


def _may_cover(user, department) -> bool:
    if roles_for(user).is_admin:
        return True
    if department is None:
        return is_company_wide_hr(user)
    return hr_departments(user).filter(pk=department.pk).exists()


def visible(user):
    if roles_for(user).is_admin or is_company_wide_hr(user):
        return ChatRobot.objects.select_related("department")
    return ChatRobot.objects.filter(department__in=hr_departments(user)).select_related("department")


@transaction.atomic
def add(*, by, kind: str, name: str, webhook: str, secret: str = "", department=None) -> ChatRobot:
    if not can_manage(by) or not _may_cover(by, department):
        raise PermissionDenied
    if kind not in ChatRobot.Kind.values:
        raise ValidationError(_("Choose the service from the list."), code="invalid")
    if not may_post(kind, webhook.strip()):
        raise ValidationError(
            _(
                "Use the service's own https address (%(hosts)s); another host is allowed only when "
                "the administrator names it in PERFLOOP_ROBOT_HOSTS."
            )
            % {"hosts": ", ".join(robots.ROBOTS[kind].hosts)},
            code="invalid",
        )
    return ChatRobot.objects.create(
        kind=kind, name=name.strip()[:100], webhook=webhook.strip(), secret=secret.strip(), department=department,
        created_by=by,
    )  # fmt: skip


@transaction.atomic
def remove(*, robot: ChatRobot, by) -> None:
    if not _may_cover(by, robot.department):
        raise PermissionDenied
    robot.delete()


def may_post(kind: str, webhook: str) -> bool:
    return robots.allowed(kind, webhook, settings.PERFLOOP_ROBOT_HOSTS)


def test(*, robot: ChatRobot, by) -> robots.Answer:
    """A test message; the service's own answer comes back to be shown."""
    if not _may_cover(by, robot.department):
        raise PermissionDenied
    if not may_post(robot.kind, robot.webhook):
        return robots.Answer(False, 0, None, _("this host is not allowed for robots"), failure="not_allowed")
    message = robots.Message(title="PerfLoop 绩效闭环", text=_("This is a test message from PerfLoop."))
    return robots.post(robot.kind, robot.webhook, robot.secret, message)
