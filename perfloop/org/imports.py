"""The organisation as a kind of import (registered from OrgConfig.ready())."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.access.policy import can_import_org, people_q, roles_for
from perfloop.imports.registry import ImportKind, register
from perfloop.org.importing import apply_org_import, plan_org_import
from perfloop.org.models import Employee
from perfloop.org.selectors import department_path_names


def _plan(content, filename, *, user, target=None):
    return plan_org_import(content, filename, user=user)


def _apply(content, filename, *, user, target=None):
    return apply_org_import(content, filename, user=user)


def _describe(summary: dict) -> str:
    return _("%(rows)d people: %(create)d to add, %(update)d to change, %(unchanged)d unchanged.") % {
        "rows": summary["rows"],
        "create": summary["to_create"],
        "update": summary["to_update"],
        "unchanged": summary["unchanged"],
    }


def _fill_in(user, target=None):
    """The organisation as it stands, in the user's scope: a file to correct and upload again."""
    people = (
        Employee.objects.filter(people_q(user, hr_only=True))
        if not roles_for(user).is_admin
        else Employee.objects.all()
    )
    departments = department_path_names()
    rows = (
        [no, name, departments.get(department_id, ""), position or "", manager or "", hired, email, mobile]
        for no, name, department_id, position, manager, hired, email, mobile in people.filter(
            status=Employee.Status.ACTIVE
        )
        .order_by("employee_no")
        .values_list(
            "employee_no",
            "name",
            "department_id",
            "position__name",
            "manager__employee_no",
            "hire_date",
            "email",
            "mobile",
        )
    )
    return HEADER, rows


HEADER = ["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱", "手机"]


def register_kinds():
    register(
        ImportKind(
            "org",
            gettext_lazy("Organisation"),
            plan=_plan,
            apply=_apply,
            permission=can_import_org,
            describe=_describe,
            fill_in=_fill_in,
            example_header=HEADER,
            example_rows=[
                ["E0001", "王建国", "总部", "总经理", "", "2015-03-01", "wang.jianguo@example.com"],
                [
                    "E0002",
                    "李晓红",
                    "总部/研发中心",
                    "研发总监",
                    "E0001",
                    "2017-07-15",
                    "li.xiaohong@example.com",
                ],
                [
                    "E0003",
                    "张伟",
                    "总部/研发中心/后端组",
                    "高级工程师",
                    "E0002",
                    "2020-09-01",
                    "zhang.wei@example.com",
                ],
            ],
        )
    )
