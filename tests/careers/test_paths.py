"""The development path: set by company-wide HR (or an administrator) as a browser posts it, with
requirements typed as "indicator level"; a person's standing against the next step in figures,
seen by them and those whose rights reach them, a read by others logged."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from perfloop.access.models import HRAssignment, PrivateRead
from perfloop.careers import paths
from perfloop.careers.models import Step
from tests.careers.factories import PositionFactory
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("沟通能力 80", [("沟通能力", Decimal(80))]),
        ("沟通能力：85；团队协作 ≥ 90.5", [("沟通能力", Decimal(85)), ("团队协作", Decimal("90.5"))]),
        (
            "Code review on time 95\nDelivery: 100",
            [("Code review on time", Decimal(95)), ("Delivery", Decimal(100))],
        ),
        ("", []),
    ],
)
def test_requirements_are_read_as_people_type_them(typed, read):
    assert paths.parse_requirements(typed) == read


@pytest.mark.parametrize("typed", ["沟通能力", "沟通能力 很好", "沟通能力 80; 沟通能力 90"])
def test_a_requirement_without_a_level_or_named_twice_is_refused(typed):
    with pytest.raises(ValidationError):
        paths.parse_requirements(typed)


def test_company_wide_hr_sets_the_path_and_others_read_it(org, browser_like):
    company = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company, department=org.company)
    engineer, senior = PositionFactory(name="工程师"), PositionFactory(name="高级工程师")
    hr = Client(enforce_csrf_checks=True, headers={"accept-language": "zh-hans"})
    hr.force_login(company)
    page = hr.get("/careers/paths/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    typed = {"csrfmiddlewaretoken": token, "position": engineer.pk, "next_position": senior.pk,
             "requirements": "沟通能力 很好"}  # fmt: skip
    wrong = hr.post("/careers/paths/", typed)
    assert wrong.status_code == 400 and "沟通能力 很好" in wrong.content.decode()
    hr.post("/careers/paths/", {**typed, "requirements": "沟通能力 85\n交付 100"})
    step = Step.objects.get()
    assert [(r.indicator, r.level) for r in step.requirements.all()] == [("沟通能力", 85), ("交付", 100)]
    shown = browser_like("employee", language="zh-hans").get("/careers/paths/").content.decode()
    assert "高级工程师" in shown and "沟通能力 ≥ 85" in shown and 'data-testid="step-form"' not in shown
    department_hr = browser_like("hr_in_scope")
    assert 'data-testid="step-form"' not in department_hr.get("/careers/paths/").content.decode()
    assert department_hr.post(f"/careers/paths/{step.pk}/remove/").status_code == 403


def test_the_standing_shows_figures_and_logs_a_read_by_others(org, history, browser_like):
    person = browser_like("employee", language="zh-hans").get(f"/careers/standing/{org.employee.pk}/")
    text = person.content.decode()
    assert "高级工程师" in text and "104" in text and "已达成 2 / 2 项要求" in text
    assert not PrivateRead.objects.exists()  # one's own
    manager = (
        browser_like("manager", language="en").get(f"/careers/standing/{org.employee.pk}/").content.decode()
    )
    assert "2 of 2 requirements met" in manager
    assert (
        PrivateRead.objects.filter(employee=org.employee, what="result", reader__username="manager").count()
        == 1
    )
    assert browser_like("other_manager").get(f"/careers/standing/{org.employee.pk}/").status_code == 404
    assert browser_like("other_employee").get(f"/careers/standing/{org.employee.pk}/").status_code == 404
