"""A small organisation with one user per role, shared by the tests.

星河测试 (company)
├── 研发中心 rd ── 后端组 backend
└── 销售部 sales
ceo ─┬─ manager (研发中心 head) ── lead (后端组) ── employee
     └─ other_manager (销售部 head) ── other_employee
hr_in_scope: HR for 研发中心; hr_out_of_scope: HR for 销售部; admin: superuser.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from perfloop.access.models import HRAssignment
from perfloop.org.models import Department, Employee
from perfloop.org.services import rebuild_paths
from tests.org.factories import DepartmentFactory, EmployeeFactory, UserFactory

ROLES = [
    "anonymous",
    "employee",
    "other_employee",
    "manager",
    "other_manager",
    "hr_in_scope",
    "hr_out_of_scope",
    "admin",
]


@dataclass
class Org:
    company: Department
    rd: Department
    backend: Department
    sales: Department
    ceo: Employee
    manager: Employee
    lead: Employee
    employee: Employee
    other_manager: Employee
    other_employee: Employee
    users: dict

    def user(self, role):
        return self.users[role]


def build_org() -> Org:
    company = DepartmentFactory(name="星河测试")
    rd = DepartmentFactory(name="研发中心", parent=company)
    backend = DepartmentFactory(name="后端组", parent=rd)
    sales = DepartmentFactory(name="销售部", parent=company)
    users = {role: UserFactory(username=role) for role in ROLES if role != "anonymous"}
    users["anonymous"] = AnonymousUser()
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    ceo = EmployeeFactory(employee_no="C0001", name="王总", department=company)
    manager = EmployeeFactory(
        employee_no="M0001", name="陈志强", department=rd, manager=ceo, user=users["manager"]
    )
    lead = EmployeeFactory(employee_no="L0001", name="李组长", department=backend, manager=manager)
    employee = EmployeeFactory(
        employee_no="E0001", name="刘洋", department=backend, manager=lead, user=users["employee"]
    )
    other_manager = EmployeeFactory(
        employee_no="M0002", name="孙经理", department=sales, manager=ceo, user=users["other_manager"]
    )
    other_employee = EmployeeFactory(
        employee_no="E0002",
        name="周销售",
        department=sales,
        manager=other_manager,
        user=users["other_employee"],
    )
    HRAssignment.objects.create(user=users["hr_in_scope"], department=rd)
    HRAssignment.objects.create(user=users["hr_out_of_scope"], department=sales)
    rebuild_paths()
    for obj in (company, rd, backend, sales, ceo, manager, lead, employee, other_manager, other_employee):
        obj.refresh_from_db()
    return Org(
        company, rd, backend, sales, ceo, manager, lead, employee, other_manager, other_employee, users
    )


@pytest.fixture
def org(db) -> Org:
    return build_org()


@pytest.fixture
def client_for(client, org):
    """A test client signed in as the given role (anonymous: not signed in)."""
    from django.test import Client

    def make(role):
        c = Client()
        if role != "anonymous":
            c.force_login(org.user(role))
        return c

    return make


@pytest.fixture
def browser_like(org):
    """browser_like(role): a CSRF-enforcing client whose `submit(page, action, data)` posts a form
    as a browser does: with the CSRF token the page's own form carries (none on the page: 403)."""
    import re

    from django.test import Client

    def make(role, language="en"):
        c = Client(enforce_csrf_checks=True, headers={"accept-language": language})
        if role != "anonymous":
            c.force_login(org.user(role))

        def submit(page, action, data, **extra):
            html = c.get(page).content.decode()
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            token = found.group(1) if found else ""
            return c.post(action, {**data, "csrfmiddlewaretoken": token}, **extra)

        c.submit = submit
        return c

    return make


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free loopback port, as the default mailer; its `messages`."""
    import socket

    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    inbox = Inbox()
    with socket.socket() as probe:  # a free port on this machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    settings.PERFLOOP_SENDS_MAIL = True
    yield inbox
    controller.stop()


# Tests that start processes of their own (workers, servers, a second manage.py) run on one xdist
# worker, one after another: they measure rates and wait on each other's output.
STARTS_PROCESSES = ("tests/notify/test_worker.py", "tests/notify/test_robots.py", "tests/benchmarks/",
                    "tests/home/test_backup.py", "tests/access/test_two_servers.py")  # fmt: skip


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


# Run in the first database's pass only: the load smoke drives every page under gunicorn and wrk
# (the pages themselves are tested on both databases; `make loadtest DATABASE_URL=…` measures
# PostgreSQL).
FIRST_DATABASE_ONLY = ("tests/benchmarks/test_loadtest.py",)


def _touches_the_database(item) -> bool:
    if any(part in str(item.fspath) for part in FIRST_DATABASE_ONLY):
        return False
    return (
        item.get_closest_marker("django_db") is not None
        or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))
        or any(part in str(item.fspath) for part in STARTS_PROCESSES)
    )


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="run only the tests that reach the database (`make test`'s second database: the others ran on the first)",
    )  # fmt: skip


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(part in str(item.fspath) for part in STARTS_PROCESSES):
            item.add_marker(pytest.mark.xdist_group("processes"))
    if config.getoption("--database-tests-only"):
        kept = [item for item in items if _touches_the_database(item)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(autouse=True)
def setup_checklist_asks_again():
    """A company is set up for good, so a process stops asking once it is (perfloop/home/setup.py);
    each test's database starts another company."""
    from perfloop.home import setup

    setup._COMPLETE = False
