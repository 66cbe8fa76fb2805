"""The setup checklist on the administrator's and HR's home: each step a link for whoever takes
it, ticked as the data shows it done, gone once the company is set up."""

import re

import pytest
from django.test import Client

from perfloop.reviews.models import ReviewCycle
from tests.org.factories import UserFactory
from tests.reviews.factories import ReviewCycleFactory, TemplateFactory

STEPS = ["organisation", "hr-people", "accounts", "templates", "cycle", "publish"]


def steps(html: str) -> dict[str, tuple[bool, str]]:
    """step key → (done, link or "")."""
    found = {}
    for key, done, body in re.findall(
        r'data-testid="setup-([\w-]+)" data-done="(\w+)">(.*?)</li>', html, re.S
    ):
        link = re.search(r'href="([^"]+)"', body)
        found[key] = (done == "true", link.group(1) if link else "")
    return found


@pytest.mark.django_db
def test_the_first_administrator_of_an_empty_company_sees_every_step_to_take():
    admin = UserFactory(username="founder", is_superuser=True, is_staff=True)
    client = Client(headers={"accept-language": "zh-hans"})
    client.force_login(admin)
    html = client.get("/").content.decode()
    shown = steps(html)
    assert list(shown) == STEPS and not any(done for done, _link in shown.values())
    assert shown["organisation"][1] == "/imports/" and shown["hr-people"][1] == "/access/hr/"
    assert shown["accounts"][1] == "/accounts/invitations/"
    assert shown["templates"][1] == "" and "HR 的步骤" in html  # the administrator is not HR
    assert "0/6 步已完成" in html


@pytest.mark.django_db
def test_steps_are_ticked_from_the_data_and_hr_gets_the_links_of_theirs(org, client_for):
    html = client_for("hr_in_scope").get("/").content.decode()
    shown = steps(html)
    assert shown["organisation"][0] and shown["hr-people"][0] and shown["accounts"][0]
    assert shown["templates"] == (False, "/reviews/templates/") and shown["hr-people"][1] == ""
    TemplateFactory()
    ReviewCycleFactory(status=ReviewCycle.Status.DRAFT)
    shown = steps(client_for("hr_in_scope").get("/").content.decode())
    assert shown["templates"][0] and shown["cycle"][0] and not shown["publish"][0]


@pytest.mark.django_db
def test_the_checklist_is_gone_once_a_cycle_is_published_and_never_shown_to_employees(org, client_for):
    assert 'data-testid="section-setup"' not in client_for("employee").get("/").content.decode()
    assert 'data-testid="section-setup"' not in client_for("manager").get("/").content.decode()
    TemplateFactory()
    ReviewCycleFactory(status=ReviewCycle.Status.FEEDBACK)
    assert 'data-testid="section-setup"' not in client_for("admin").get("/").content.decode()
