"""The demo company 星河科技: departments, people and the four demo logins.

Built through the organisation import so the demo exercises the same path as
real data. Deterministic: the same seed gives the same company.
"""

import datetime as dt
import random

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import import_string

from perfloop.access.models import HRAssignment
from perfloop.accounts.services import give_accounts
from perfloop.documents.writers import csv_bytes
from perfloop.org.importing import apply_org_import
from perfloop.org.models import Department, Employee
from perfloop.org.names import make_name_generator

DEMO_PASSWORD = "perfloop-demo"
COMPANY = "星河科技"

# (team path, lead's position, staff position, staff count): staff report to the lead.
TEAMS = [
    ("研发中心/后端组", "后端组长", "后端工程师", 10),
    ("研发中心/前端组", "前端组长", "前端工程师", 7),
    ("研发中心/测试组", "测试组长", "测试工程师", 6),
    ("销售部/华东销售组", "销售主管", "销售代表", 9),
    ("销售部/华南销售组", "销售主管", "销售代表", 8),
    ("客户服务部/热线组", "客服主管", "客服专员", 9),
]
DEPARTMENT_HEADS = {
    "研发中心": "研发总监",
    "产品部": "产品总监",
    "销售部": "销售总监",
    "市场部": "市场经理",
    "客户服务部": "客服经理",
    "人力资源部": "人力资源经理",
    "财务部": "财务经理",
}
# Departments without sub-teams: staff report to the head.
FLAT_STAFF = {
    "产品部": ("产品经理", 6),
    "市场部": ("市场专员", 6),
    "人力资源部": ("人力资源专员", 4),
    "财务部": ("会计", 4),
}
# The people behind the demo logins, named so that the README can name them.
NAMED_PEOPLE = {"ceo": "王建国", "研发中心": "陈志强", "人力资源部": "赵敏", "architect": "刘洋"}
DEMO_LOGINS = [
    ("admin", "admin", "系统管理员 · system administrator"),
    ("hr", "HR", "人力资源经理 · HR for the whole company"),
    ("manager", "manager", "研发总监 · head of 研发中心 (reports two levels deep)"),
    ("employee", "employee", "架构师 · one of the manager's direct reports"),
]


def demo_rows(seed: int = 2023) -> list[dict]:
    rng = random.Random(seed)
    next_name = make_name_generator(seed, reserved=frozenset(NAMED_PEOPLE.values()))
    rows: list[dict] = []

    def add(name, department, position, manager_no):
        number = f"XH{len(rows) + 1:04d}"
        hire = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(0, 13 * 365))
        rows.append(
            {
                "工号": number,
                "姓名": name,
                "部门": f"{COMPANY}/{department}" if department else COMPANY,
                "岗位": position,
                "直属上级工号": manager_no or "",
                "入职日期": hire.isoformat(),
                "邮箱": f"{number.lower()}@xinghe.example.com",
            }
        )
        return number

    ceo = add(NAMED_PEOPLE["ceo"], "", "总经理", None)
    heads = {}
    for department, position in DEPARTMENT_HEADS.items():
        name = NAMED_PEOPLE.get(department) or next_name()
        heads[department] = add(name, department, position, ceo)
    add(NAMED_PEOPLE["architect"], "研发中心", "架构师", heads["研发中心"])
    for path, lead_position, staff_position, count in TEAMS:
        lead = add(next_name(), path, lead_position, heads[path.split("/")[0]])
        for _ in range(count):
            add(next_name(), path, staff_position, lead)
    for department, (position, count) in FLAT_STAFF.items():
        for _ in range(count):
            add(next_name(), department, position, heads[department])
    return rows


def demo_file(seed: int = 2023) -> bytes:
    rows = demo_rows(seed)
    return csv_bytes(list(rows[0]), [list(r.values()) for r in rows])


def _accounts_for_everyone() -> None:
    """Every demo employee signs in with their employee number and the demo password."""
    people = list(Employee.objects.filter(user__isnull=True).only("id", "employee_no", "email", "user"))
    give_accounts(people, password_hash=make_password(DEMO_PASSWORD))


@transaction.atomic
def seed_demo(seed: int = 2023) -> None:
    apply_org_import(demo_file(seed), "demo.csv")
    users = get_user_model()
    admin, _ = users.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.is_staff = admin.is_superuser = True
    logins = {
        "admin": (admin, None),
        "hr": (users.objects.get_or_create(username="hr")[0], NAMED_PEOPLE["人力资源部"]),
        "manager": (users.objects.get_or_create(username="manager")[0], NAMED_PEOPLE["研发中心"]),
        "employee": (users.objects.get_or_create(username="employee")[0], NAMED_PEOPLE["architect"]),
    }
    for user, employee_name in logins.values():
        user.set_password(DEMO_PASSWORD)
        user.save()
        if employee_name:
            Employee.objects.filter(name=employee_name, employee_no__startswith="XH").update(user=user)
    _accounts_for_everyone()
    company = Department.objects.get(name=COMPANY, parent=None)
    HRAssignment.objects.get_or_create(user=logins["hr"][0], department=company)
    # The HR person's own records are handled by someone else: her manager, the CEO, as a second
    # HR person for her department (access/hr_scopes.py), as the setup checklist asks.
    hr_person = Employee.objects.select_related("manager").get(user=logins["hr"][0])
    if hr_person.manager and hr_person.manager.user_id:
        HRAssignment.objects.get_or_create(user_id=hr_person.manager.user_id, department=hr_person.department)
    # Each stage adds its own demo data on top: an app names its loader as `demo` in its AppConfig.
    for config in apps.get_app_configs():
        if getattr(config, "demo", None):
            import_string(config.demo)(hr_user=logins["hr"][0], seed=seed)
