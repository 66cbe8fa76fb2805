"""The organisation as a kind of import (registered from OrgConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from perfloop.access.policy import can_import_org
from perfloop.imports.registry import ImportKind, register
from perfloop.org.importing import apply_org_import, plan_org_import


def _plan(content, filename, *, user, cycle=None):
    return plan_org_import(content, filename, user=user)


def _apply(content, filename, *, user, cycle=None):
    return apply_org_import(content, filename, user=user)


def register_kinds():
    register(
        ImportKind(
            "org",
            _("Organisation"),
            plan=_plan,
            apply=_apply,
            permission=can_import_org,
            example_header=["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱"],
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
