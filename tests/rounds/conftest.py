import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from perfloop.access.models import HRAssignment
from perfloop.org.services import rebuild_paths
from perfloop.rounds import services
from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.org.factories import EmployeeFactory, UserFactory
from tests.reviews.factories import IndicatorFactory, ReviewCycleFactory, TemplateFactory


@dataclass
class Setup:
    cycle: object
    template: object
    communication: object
    teamwork: object
    peers: list


@pytest.fixture
def setup(org) -> Setup:
    """An open cycle whose template (the whole company's) has a KPI and two competencies, and
    three more colleagues in the back-end group to review 刘洋."""
    cycle = ReviewCycleFactory(
        name="2026年Q4", start_date=dt.date(2026, 10, 1), end_date=dt.date(2026, 12, 31)
    )
    template = TemplateFactory(name="通用")
    template.departments.add(org.company)
    IndicatorFactory(template=template, name="交付", kind="kpi", weight=50, target=100, order=0)
    communication = IndicatorFactory(
        template=template, name="沟通", kind="competency", weight=25, target=None, order=1,
        anchors=["很少主动沟通", "", "按时同步进展", "", "带动团队沟通"],
    )  # fmt: skip
    teamwork = IndicatorFactory(
        template=template, name="协作", kind="competency", weight=25, target=None, order=2
    )
    peers = [
        EmployeeFactory(employee_no=f"P000{n}", name=name, department=org.backend, manager=org.lead)
        for n, name in enumerate(("赵一", "钱二", "孙三"), start=1)
    ]
    rebuild_paths()
    for peer in peers:
        peer.refresh_from_db()
    return Setup(cycle, template, communication, teamwork, peers)


@pytest.fixture
def company_hr(org):
    user = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=user, department=org.company)
    return user


@pytest.fixture
def round_(setup, company_hr):
    """A confidential round over the whole organisation, opened yesterday, due in ten days (the
    round's own service writes its forms: what these tests are about)."""
    return services.open_round(
        by=company_hr, cycle=setup.cycle, relations=["self", "manager", "peer", "subordinate"],
        opens_on=timezone.localdate() - dt.timedelta(days=1), deadline=timezone.localdate() + dt.timedelta(days=10),
        peers_min=2, peers_max=3, reviewer_cap=3,
    )  # fmt: skip
