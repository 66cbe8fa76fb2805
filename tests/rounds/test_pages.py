"""The round's pages as people use them: CSRF enforced, in both languages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from perfloop.rounds.models import ReviewForm, ReviewRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_like(browser_like, org, company_hr):
    org.users["company_hr"] = company_hr
    return browser_like("company_hr", "zh-hans")


def test_hr_opens_a_round_on_its_page(hr_like, setup):
    today = timezone.localdate()
    response = hr_like.submit(reverse("rounds:new"), reverse("rounds:new"), {
        "cycle": setup.cycle.pk, "relations": ["self", "manager", "peer"], "opens_on": today.isoformat(),
        "deadline": (today + dt.timedelta(days=14)).isoformat(), "peers_min": 2, "peers_max": 4,
        "nominated_by": "employee", "reviewer_cap": 6, "privacy": "confidential",
    })  # fmt: skip
    round = ReviewRound.objects.get()
    assert response.status_code == 302 and response["Location"] == round.get_absolute_url()
    assert ReviewForm.objects.filter(round=round, relation="self").exists()
    page = hr_like.get(round.get_absolute_url()).content.decode()
    assert "按部门" in page and "已提交" in page


def test_a_wrong_round_keeps_what_was_typed_and_says_why(hr_like, setup):
    today = timezone.localdate()
    response = hr_like.submit(reverse("rounds:new"), reverse("rounds:new"), {
        "cycle": setup.cycle.pk, "relations": ["self"], "opens_on": today.isoformat(),
        "deadline": (today - dt.timedelta(days=1)).isoformat(), "peers_min": 5, "peers_max": 2,
        "nominated_by": "employee", "reviewer_cap": 6, "privacy": "attributed",
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400 and not ReviewRound.objects.exists()
    assert "截止日期不能早于" in page and 'value="attributed" selected' in page


def self_form(round_, org):
    return ReviewForm.objects.get(round=round_, employee=org.employee, relation="self")


def test_the_form_shows_each_levels_meaning_and_keeps_what_was_typed(round_, org, setup, browser_like):
    client = browser_like("employee", "zh-hans")
    url = self_form(round_, org).get_absolute_url()
    page = client.get(url).content.decode()
    assert "很少主动沟通" in page and "带动团队沟通" in page  # the template's anchors
    assert "在日常工作中稳定做到" in page  # an empty level reads the general meaning
    response = client.submit(url, url, {
        f"rating_{setup.communication.pk}": "4", f"comment_{setup.communication.pk}": "上周按时同步进展",
        "achievement_what_1": "Q3项目提前3天交付", "achievement_date_1": "2026-11-02", "submit": "1",
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400 and "请先为 协作 评分" in page
    assert "上周按时同步进展" in page and "Q3项目提前3天交付" in page
    assert self_form(round_, org).status == "open"


def test_typing_is_saved_and_a_submitted_form_is_read_only(round_, org, setup, browser_like):
    client = browser_like("employee")
    form = self_form(round_, org)
    url = form.get_absolute_url()
    html = client.get(url).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    saved = client.post(url, {f"comment_{setup.communication.pk}": "按时", "csrfmiddlewaretoken": token},
                        headers={"X-Autosave": "1"})  # fmt: skip
    assert saved.status_code == 200 and "at" in saved.json()
    client.submit(url, url, {
        f"rating_{setup.communication.pk}": "4", f"rating_{setup.teamwork.pk}": "5", "submit": "1",
    })  # fmt: skip
    form.refresh_from_db()
    assert form.status == "submitted"
    page = client.get(url).content.decode()
    assert "<fieldset disabled>" in page and 'data-testid="submit-review"' not in page
    inbox = client.get(reverse("rounds:inbox")).content.decode()
    assert "Submitted" in inbox


def test_the_employee_proposes_by_number_and_the_manager_approves(round_, org, setup, browser_like):
    employee = browser_like("employee")
    url = reverse("rounds:nominations", args=[round_.pk])
    employee.submit(
        url, reverse("rounds:nominate", args=[round_.pk]), {"reviewer": "P0001", "relation": "peer"}
    )
    manager = browser_like("manager", "zh-hans")
    page = manager.get(f"{url}?employee={org.employee.pk}").content.decode()
    assert "赵一" in page and "批准" in page
    nomination = round_.nominations.get()
    manager.submit(
        f"{url}?employee={org.employee.pk}",
        reverse("rounds:decide", args=[nomination.pk]),
        {"decision": "approve"},
    )
    assert ReviewForm.objects.filter(round=round_, employee=org.employee, reviewer=setup.peers[0]).exists()


def test_colleagues_are_found_within_the_organisation(round_, org, browser_like):
    page = browser_like("employee").get(reverse("rounds:people", args=[round_.pk]) + "?q=赵").content.decode()
    assert "赵一" in page and "P0001" in page
