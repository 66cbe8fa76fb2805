"""The plan stage as people use it, through pages posted as a browser does (CSRF enforced)."""

import json

import pytest
from django.urls import reverse

from perfloop.access.models import PrivateRead
from perfloop.notify.models import Notification
from perfloop.plans import sources
from perfloop.plans.models import BulkRun, Plan, PlanTemplate
from perfloop.reviews.models import Result
from tests.plans.conftest import END, START, ready
from tests.plans.smart_cases import GUIDE

pytestmark = pytest.mark.django_db


def test_manager_drafts_from_the_sources_and_the_employee_acknowledges(record, org, browser_like):
    manager = browser_like("manager", "zh-hans")
    new = reverse("plans:new") + "?employee=E0001"
    page = manager.get(new).content.decode()
    assert "产品知识 63.33分，岗位要求 80分" in page and "参加产品培训" in page and "将成为支持承诺" in page
    keys = [c["key"] for c in sources.improvement_items(record.result)][:1]  # one item of three
    response = manager.submit(
        new,
        reverse("plans:new"),
        {
            "employee": org.employee.pk,
            "title": "刘洋的绩效改进计划",
            "start_date": START.isoformat(),
            "end_date": END.isoformat(),
            "brief_every": "week",
            "brief_minutes": "15",
            "formal_every": "month",
            "formal_minutes": "60",
            "chosen": [f"request:{r.pk}" for r in record.requests.all()] + keys,
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan", args=[plan.pk])
    url = reverse("plans:plan", args=[plan.pk])

    # A deadline outside the plan: the form comes back with the reason, in the user's language.
    goal = {"description": GUIDE["text"], "metric": "产品知识测试分数", "unit": "分", "baseline": "65",
            "target": "85", "direction": "up", "means": "每周2次产品知识学习", "deadline": "2024-06-30"}  # fmt: skip
    response = manager.submit(url, reverse("plans:goal_add", args=[plan.pk]), goal)
    assert response.status_code == 400 and "截止日期须在计划周期内" in response.content.decode()
    assert plan.goals.count() == 1
    manager.submit(url, reverse("plans:goal_add", args=[plan.pk]), {**goal, "deadline": "2023-11-16"})
    drafted, saved = plan.goals.all()  # the improvement item chosen, then the goal typed
    assert drafted.linked and saved.missing == ["R"] and str(saved.target) == "85.00"

    response = manager.submit(url, reverse("plans:submit", args=[plan.pk]), {})
    assert response.status_code == 302
    page = manager.get(url).content.decode()
    assert "待员工确认" in page and 'data-testid="submit-plan"' not in page

    employee = browser_like("employee", "en")
    page = employee.get(url).content.decode()
    assert 'data-testid="answer"' in page and "Goals" in page and "Send to the employee" not in page
    employee.submit(
        url, reverse("plans:comment", args=[plan.pk]), {"text": "希望增加导师", "disagrees": "on"}
    )
    plan.refresh_from_db()
    assert not plan.awaiting_employee and plan.comments.get().disagrees
    manager.submit(url, reverse("plans:submit", args=[plan.pk]), {})
    employee.submit(url, reverse("plans:acknowledge", args=[plan.pk]), {})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE
    assert "Active" in employee.get(url).content.decode()


def test_a_plan_whose_goals_miss_m_or_t_is_not_sent(plan, org, browser_like):
    manager = browser_like("manager", "en")
    url = reverse("plans:plan", args=[plan.pk])
    page = manager.get(url).content.decode()
    assert "Before the plan can become active" not in page  # the goals from the result are complete…
    goal = plan.goals.first()
    manager.submit(
        url,
        reverse("plans:goal_update", args=[plan.pk, goal.pk]),
        {"description": goal.description, "metric": goal.metric, "direction": "up", "deadline": ""},
    )
    response = manager.submit(url, reverse("plans:submit", args=[plan.pk]), {}, follow=True)
    assert (
        "Goal 1: give it a target figure (measurable) and a deadline (time-bound)."
        in response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.submitted_at is None


def test_the_parser_fills_the_goal_form(org, browser_like):
    manager = browser_like("manager")
    response = manager.post(reverse("plans:parse"), {"text": GUIDE["text"]})
    assert response.status_code == 403  # a page form's endpoint: the CSRF token is required
    page = reverse("plans:index")
    html = manager.get(page).content.decode()
    token = (
        html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        if "csrfmiddlewaretoken" in html
        else ""
    )
    response = manager.post(reverse("plans:parse"), {"text": GUIDE["text"]}, headers={"X-CSRFToken": token})
    found = json.loads(response.content)
    assert (found["baseline"], found["target"], found["means"]) == (65, 85, GUIDE["means"])


def test_employees_see_only_their_own_plans(plan, org, browser_like):
    url = reverse("plans:plan", args=[plan.pk])
    for role in ("other_employee", "other_manager", "hr_out_of_scope", "admin"):
        assert browser_like(role).get(url).status_code in (403, 404)
    assert browser_like("employee").get(url).status_code == 404  # a draft not sent yet
    assert "刘洋的绩效改进计划" not in browser_like("employee").get("/").content.decode()
    ready(plan, org)
    assert browser_like("employee").get(url).status_code == 200
    assert not PrivateRead.objects.exists()  # the employee and the owner are not logged
    assert browser_like("hr_in_scope").get(url).status_code == 200
    assert PrivateRead.objects.get().what == "plan"


def rows(prefix, *entries) -> dict:
    """A formset's fields as a page posts them: the management form and each row's boxes."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(entries)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "50"}  # fmt: skip
    for n, entry in enumerate(entries):
        data |= {f"{prefix}-{n}-{k}": v for k, v in entry.items()}
    return data


def test_hr_keeps_a_template_and_drafts_plans_for_a_cycle_in_bulk(
    in_feedback, org, browser_like, django_capture_on_commit_callbacks
):
    scored = in_feedback
    Result.objects.filter(cycle=scored, employee=org.employee).update(band="unsatisfactory")
    hr = browser_like("hr_in_scope", "zh-hans")
    page = reverse("plans:templates")
    form = hr.get(page).content.decode()
    assert '<option value="mentor">导师</option>' in form  # kinds offered in the reader's language
    body = {
        "name": "能力不足：专项学习提升", "root_cause": "skills", "indicator_name": "产品知识", "weeks": "6",
        **rows("goals", {"description": "使{indicator}从{baseline}{unit}提升至{target}{unit}",
                         "metric": "{indicator}", "unit": "{unit}", "means": "每周2次学习"}),
        **rows("actions", {"text": "参加公司产品培训课程"}, {"text": "完成5个客户案例分析"}),
        **rows("support", {"kind": "mentor", "text": "安排导师"}, {"kind": "nonsense", "text": "x"}),
    }  # fmt: skip
    response = hr.submit(page, page, body)
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    assert not PlanTemplate.objects.exists() and 'value="参加公司产品培训课程"' in response.content.decode()
    body |= rows(
        "support", {"kind": "mentor", "text": "安排导师"}, {"kind": "time", "text": ""}
    )  # blank: no entry
    hr.submit(page, page, body)
    template = PlanTemplate.objects.get()
    assert template.support == [{"kind": "mentor", "text": "安排导师"}]
    assert template.actions == ["参加公司产品培训课程", "完成5个客户案例分析"]
    assert template.goals[0]["means"] == "每周2次学习" and "weeks" not in template.goals[0]
    edit = hr.get(f"/plans/templates/{template.pk}/").content.decode()
    assert 'value="安排导师"' in edit and 'value="完成5个客户案例分析"' in edit  # opened again as saved

    bulk = reverse("plans:bulk")
    body = {
        "cycle": scored.pk,
        "template": template.pk,
        "bands": ["unsatisfactory"],
        "start_date": "2023-10-16",
    }
    preview = hr.submit(bulk, bulk, body).content.decode()  # first who would get a plan
    drafted = preview.split('data-testid="bulk-drafted"')[1].split("</table>")[0]
    assert "刘洋" in drafted and "陈志强" in drafted and not Plan.objects.exists()  # the owner named
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.submit(bulk, bulk, {**body, "confirm": "1"}, follow=True)
    assert "已起草1份计划" in response.content.decode()
    plan = Plan.objects.get()
    assert plan.owner == org.user("manager")
    told = Notification.objects.get(recipient=org.user("manager"), event="plans.drafted")
    assert told.url == plan.get_absolute_url()
    again = hr.submit(bulk, bulk, body).content.decode()
    assert (
        "刘洋" in again.split('data-testid="bulk-planned"')[1] and 'data-testid="bulk-confirm"' not in again
    )
    hr.submit(bulk, bulk, {**body, "confirm": "1"})
    assert Plan.objects.count() == 1
    # A wrong run is undone: its drafts not yet sent go; one already sent stays.
    Result.objects.filter(cycle=scored, employee=org.lead).update(band="unsatisfactory")
    with django_capture_on_commit_callbacks(execute=True):
        hr.submit(bulk, bulk, {**body, "confirm": "1"})
    run = BulkRun.objects.order_by("-pk").first()
    assert run.drafted == 1 and Plan.objects.get(bulk_run=run).employee == org.lead
    first = Plan.objects.exclude(bulk_run=run).get()
    Plan.objects.filter(pk=first.pk).update(submitted_at=first.created_at, first_sent_at=first.created_at)
    page = hr.get(bulk).content.decode()
    assert page.count('data-testid="bulk-undo"') == 2
    for each in BulkRun.objects.all():
        hr.submit(bulk, f"/plans/bulk/{each.pk}/undo/", {})
    assert list(Plan.objects.values_list("pk", flat=True)) == [first.pk]  # the sent one is kept
    assert BulkRun.objects.filter(undone_at__isnull=False).count() == 2
    assert browser_like("manager").get(bulk).status_code == 403


def test_print_page_and_both_languages(plan, org, browser_like):
    plan = ready(plan, org)
    zh = browser_like("manager", "zh-hans").get(reverse("plans:print", args=[plan.pk])).content.decode()
    en = browser_like("manager", "en").get(reverse("plans:print", args=[plan.pk])).content.decode()
    assert "员工绩效改进计划" in zh and "行动项" in zh and "2023年10月16日" in zh
    assert "Performance Improvement Plan" in en and "Action items" in en and "16 Oct 2023" in en


@pytest.mark.parametrize(
    "language, sent, draft", [("en", "Sent to the employee", "Draft"), ("zh-hans", "已发给员工", "草稿")]
)
def test_a_plan_sent_to_the_employee_is_not_called_a_draft(plan, org, browser_like, language, sent, draft):
    ready(plan, org)
    for role in ("manager", "employee"):
        page = browser_like(role, language).get(reverse("plans:plan", args=[plan.pk])).content.decode()
        assert f'data-testid="plan-status">{sent}<' in page
    listed = browser_like("manager", language).get(reverse("plans:index")).content.decode()
    assert f">{sent}</span>" in listed and f">{draft}</span>" not in listed
