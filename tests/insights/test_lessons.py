"""Lessons: written from a closed plan, seen by sharing level and scope, found by any part of a word
in Chinese or English (through the search indexes, on both databases), offered to a new plan."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from perfloop.insights import lessons
from perfloop.reviews.models import RootCause
from tests.api.conftest import send
from tests.plans.factories import GoalFactory, PlanFactory
from tests.reviews.factories import IndicatorFactory, ResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(following):
    plan, goal = following
    plan.status = "closed"
    plan.save()
    return plan


def _write(plan, org, title, sharing, **more):
    return lessons.write(
        plan=plan,
        by=org.user("manager"),
        title=title,
        done="每周与测试同步一次接口变更",
        sharing=sharing,
        **more,
    )


def _titles(user, q="", **filters):
    return sorted(lessons.search(lessons.visible(user), q, **filters).values_list("title", flat=True))


def test_chinese_and_english_substrings_of_any_length(closed, org):
    _write(closed, org, "跨部门协作流程优化方案", "company", tags="协作, 流程", root_cause="goals")
    _write(closed, org, "Weekly API Review with QA", "company", worked="Fewer Regressions")
    _write(closed, org, "产品知识学习计划", "company", indicator="产品知识")
    reader = org.user("other_employee")
    assert _titles(reader, "部门协作") == ["跨部门协作流程优化方案"]  # four characters, mid-word
    assert _titles(reader, "协作") == ["跨部门协作流程优化方案"]  # two: the short-piece index
    assert _titles(reader, "案") == ["跨部门协作流程优化方案"]  # one, at the very end
    assert _titles(reader, "产品") == ["产品知识学习计划"]
    assert _titles(reader, "测试") == sorted(
        ["产品知识学习计划", "跨部门协作流程优化方案", "Weekly API Review with QA"]
    )
    assert _titles(reader, "regress") == ["Weekly API Review with QA"]  # case-insensitive
    assert _titles(reader, "qa") == ["Weekly API Review with QA"]
    assert _titles(reader, "协作 流程") == ["跨部门协作流程优化方案"]  # every word
    assert _titles(reader, "销售额") == []
    assert _titles(reader, '"') == [] and _titles(reader, 'a"b OR c*') == []  # no query syntax gets through
    assert _titles(reader, root_cause="goals") == ["跨部门协作流程优化方案"]
    assert _titles(reader, indicator="产品知识") == ["产品知识学习计划"]


def test_who_sees_a_lesson(closed, org):
    _write(closed, org, "团队", "team")
    _write(closed, org, "部门", "department")
    _write(closed, org, "公司", "company")
    seen = {role: _titles(org.user(role)) for role in ("employee", "manager", "other_manager", "other_employee",
                                                        "hr_in_scope", "hr_out_of_scope", "admin")}  # fmt: skip
    assert seen == {
        "employee": ["公司", "团队", "部门"],  # in the team and the department (后端组)
        "manager": ["公司", "团队", "部门"],  # the author
        "other_manager": ["公司"],
        "other_employee": ["公司"],
        "hr_in_scope": ["公司", "团队", "部门"],
        "hr_out_of_scope": ["公司"],
        "admin": [],
    }


def test_writing_a_lesson_needs_a_closed_plan_and_rights(following, org, api_client):
    plan, goal = following
    with pytest.raises(ValidationError):
        _write(plan, org, "太早", "team")
    plan.status = "closed"
    plan.save()
    body = {
        "plan": plan.pk,
        "title": "跨部门协作流程优化方案",
        "done": "每周同步",
        "sharing": "company",
        "tags": "协作，流程",
    }
    assert send(api_client("employee"), "post", "/api/v1/lessons", body)[0] == 403
    assert send(api_client("other_manager"), "post", "/api/v1/lessons", body)[0] == 404
    assert send(api_client("manager"), "post", "/api/v1/lessons", {**body, "sharing": "world"})[0] == 422
    status, made = send(api_client("manager"), "post", "/api/v1/lessons", body)
    assert status == 201 and made["tags"] == ["协作", "流程"] and made["department"] == "后端组"
    status, found = send(api_client("other_employee"), "get", "/api/v1/lessons?q=协作")
    assert status == 200 and [i["id"] for i in found["items"]] == [made["id"]]
    assert send(api_client("other_employee"), "get", "/api/v1/lessons?q=" + "长" * 101)[0] == 422


def test_the_lessons_page_and_a_new_plan_offered_lessons(closed, org, browser_like):
    _write(closed, org, "跨部门协作流程优化方案", "company", root_cause="skills")
    page = browser_like("other_employee", "zh-hans").get(reverse("insights:lessons"), {"q": "协作"})
    assert "跨部门协作流程优化方案" in page.content.decode()

    manager = browser_like("manager", "zh-hans")
    form = reverse("insights:lesson_add", args=[closed.pk])
    response = manager.submit(form, form, {"title": "复盘", "done": "", "sharing": "team"})
    assert response.status_code == 400 and 'class="errorlist' in response.content.decode()

    closed_page = manager.get(reverse("plans:plan", args=[closed.pk])).content.decode()
    assert 'data-testid="write-lesson"' in closed_page  # the way to write one, once the plan is finished
    other = browser_like("employee", "zh-hans").get(reverse("plans:plan", args=[closed.pk]))
    assert 'data-testid="write-lesson"' not in other.content.decode()

    indicator = IndicatorFactory()
    result = ResultFactory(employee=org.employee, template=indicator.template)
    draft = PlanFactory(employee=org.employee, owner=org.user("manager"), result=result, cycle=result.cycle)
    GoalFactory(plan=draft, indicator=indicator, source=indicator.name)
    page = reverse("plans:plan", args=[draft.pk])
    assert 'data-testid="plan-lessons"' not in manager.get(page).content.decode()
    RootCause.objects.create(result=draft.result, indicator=indicator, cause="skills", by=org.user("manager"))
    html = manager.get(page).content.decode()
    assert 'data-testid="plan-lessons"' in html and "跨部门协作流程优化方案" in html


@pytest.mark.django_db
def test_the_lessons_filter_is_styled_like_the_other_lists(org, client_for):
    page = client_for("manager").get("/insights/lessons/").content.decode()
    assert '<select name="root_cause" class="form-select"' in page
