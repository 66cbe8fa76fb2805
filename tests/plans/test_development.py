"""Development plans 个人发展计划: the plan machinery for someone to build on, drafted from the
result's strengths with their figures, the person's career wishes (职业发展, in the conversation or
their self-assessment) and a target position; support includes a stretch assignment or a rotation
with its dates; worded as development throughout, never as improvement."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from perfloop.feedback.models import FeedbackRequest
from perfloop.org.models import Position
from perfloop.plans import documents, drafting, editing, smart, sources
from perfloop.plans.models import Plan
from perfloop.reviews.models import Result
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.plans.conftest import END, START
from tests.rounds.factories import ReviewFormFactory, ReviewRoundFactory


@pytest.fixture
def strong(record, org):
    """刘洋's result with 代码交付 above its target (120 of 100): a strength 优势项; a career wish
    in the conversation beside the training request."""
    result = Result.objects.get(pk=record.result_id)
    for item in result.breakdown:
        if item["name"] == "代码交付":
            item.update(actual="120", achievement="120.00", score="120.00")
    result.save(update_fields=["breakdown"])
    FeedbackRequest.objects.create(record=record, kind="career", text="两年内成为后端技术负责人")
    record.result = result
    return record


def draft(record, org, **extra):
    with translation.override("en"):
        chosen = [
            c["key"]
            for c in sources.candidates(record.result, record, kind="development", employee=org.employee)
        ]
        return drafting.create(
            employee=org.employee, by=org.user("manager"), title="刘洋的个人发展计划", start_date=START,
            end_date=END, result=record.result, feedback=record, chosen=chosen, kind="development", **extra,
        )  # fmt: skip


@pytest.mark.django_db
def test_strengths_and_career_wishes_are_offered_and_improvement_items_are_not(strong, org):
    with translation.override("en"):
        offered = sources.candidates(strong.result, strong, kind="development", employee=org.employee)
        improvement = sources.candidates(strong.result, strong)
    keys = [c["key"] for c in offered]
    assert any(k.startswith("strength:") for k in keys) and not any(k.startswith("indicator:") for k in keys)
    strength = next(c for c in offered if c["key"].startswith("strength:"))
    assert strength["baseline"] == Decimal("120") and "120" in strength["sentence"]  # with its figures
    wish = next(c for c in offered if c.get("kind") == "career")
    assert wish["becomes"] == "goal" and wish["text"] == "两年内成为后端技术负责人"
    # An improvement plan is offered neither strengths nor a career wish.
    assert not any(c["key"].startswith("strength:") or c.get("kind") == "career" for c in improvement)


@pytest.mark.django_db
def test_a_development_plan_drafts_goals_from_strengths_and_wishes_and_aims_at_a_position(strong, org):
    lead = Position.objects.create(name="技术负责人")
    plan = draft(strong, org, target_position=lead)
    assert plan.kind == "development" and plan.target_position == lead
    goals = list(plan.goals.all())
    built = next(g for g in goals if g.indicator_id)
    assert (
        built.description.startswith("Build on") and built.baseline == Decimal("120") and built.target is None
    )
    assert any(g.description == "两年内成为后端技术负责人" for g in goals)  # the wish, to make measurable
    assert [s.kind for s in plan.support.all()] == ["budget"]  # the training request


@pytest.mark.django_db
def test_a_career_wish_in_the_self_assessment_is_a_source(strong, org):
    round_ = ReviewRoundFactory(cycle=strong.cycle)
    ReviewFormFactory(
        round=round_, employee=org.employee, reviewer=org.employee, relation="self", template=strong.result.template,
        status="submitted", submitted_at=dt.datetime(2023, 10, 1, tzinfo=dt.UTC),
        requests=[{"kind": "training", "text": "Go 进阶课程"}, {"kind": "career", "text": "希望尝试架构设计方向"}],
    )  # fmt: skip
    wishes = sources.wishes(org.employee)
    assert [w["text"] for w in wishes] == ["希望尝试架构设计方向"]
    plan = draft(strong, org)
    assert plan.goals.filter(description="希望尝试架构设计方向").exists()


@pytest.mark.django_db
def test_only_a_development_plan_aims_at_a_position(strong, org):
    with pytest.raises(ValidationError):
        drafting.create(
            employee=org.employee, by=org.user("manager"), title="x", start_date=START, end_date=END,
            target_position=Position.objects.create(name="技术负责人"),
        )  # fmt: skip
    with pytest.raises(ValidationError):
        drafting.create(
            employee=org.employee, by=org.user("manager"), title="x", start_date=START, end_date=END, kind="sideways"
        )  # fmt: skip


@pytest.mark.django_db
def test_a_rotation_or_stretch_assignment_runs_between_its_dates(strong, org):
    plan = draft(strong, org)
    manager = org.user("manager")
    add = dict(plan=plan, by=manager, kind="rotation", text="到架构组轮岗一个月", owner_name="陈志强")
    with pytest.raises(ValidationError):
        editing.add_support(**add)  # no dates
    with pytest.raises(ValidationError):
        editing.add_support(**add, starts=dt.date(2023, 11, 20), due=dt.date(2023, 11, 1))  # ends first
    rotation = editing.add_support(**add, starts=dt.date(2023, 11, 1), due=dt.date(2023, 11, 30))
    assert (rotation.starts, rotation.due) == (dt.date(2023, 11, 1), dt.date(2023, 11, 30))


@pytest.mark.django_db
def test_its_documents_say_development_not_improvement(strong, org):
    plan = draft(strong, org, target_position=Position.objects.create(name="技术负责人"))
    with translation.override("zh-hans"):
        html = documents.html(Plan.objects.get(pk=plan.pk), for_browser=True)
        name = documents.response(plan, "pdf")["Content-Disposition"]
    assert "个人发展计划" in html and "技术负责人" in html and "改进" not in html
    assert "%E4%B8%AA%E4%BA%BA%E5%8F%91%E5%B1%95%E8%AE%A1%E5%88%92" in name  # 个人发展计划-…


@pytest.mark.parametrize(
    ("sentence", "metric", "target", "deadline"),
    [
        ("6个月内独立负责一个客户项目", "客户项目", 1, dt.date(2027, 6, 6)),
        (
            "Within 6 months, lead one customer project on your own",
            "customer project on your own",
            1,
            dt.date(2027, 6, 6),
        ),
        ("By 2027-03-31, mentor 2 new hires", "new hires", 2, dt.date(2027, 3, 31)),
    ],
)
def test_the_goal_reader_reads_development_goals_as_well_as_figures(sentence, metric, target, deadline):
    parsed = smart.parse(sentence, today=dt.date(2026, 12, 6))
    assert (parsed.metric, parsed.target, parsed.deadline) == (metric, target, deadline)


@pytest.mark.django_db
def test_the_page_drafts_a_development_plan_from_its_sources(strong, org, browser_like):
    Position.objects.create(name="技术负责人")
    manager = browser_like("manager", language="zh-hans")
    page = manager.get("/plans/new/", {"employee": "E0001", "kind": "development"}).content.decode()
    assert "新建个人发展计划" in page and "优势项" in page and "两年内成为后端技术负责人" in page
    assert "待改进项" not in page and 'name="target_position"' in page
    offered = re.findall(r'name="chosen" value="([^"]+)"', page)
    typed = {"employee": org.employee.pk, "kind": "development", "title": "刘洋的个人发展计划",
             "start_date": "2023-10-16", "end_date": "2023-12-15", "brief_every": "week", "brief_minutes": 15,
             "formal_every": "month", "formal_minutes": 60, "chosen": offered}  # fmt: skip
    refused = manager.submit(
        "/plans/new/?employee=E0001&kind=development", "/plans/new/", {**typed, "target_position": "宇航员"}
    )
    assert refused.status_code == 400 and "没有这个名称的岗位" in refused.content.decode()
    assert 'value="刘洋的个人发展计划"' in refused.content.decode()  # what was typed stays
    done = manager.submit(
        "/plans/new/?employee=E0001&kind=development",
        "/plans/new/",
        {**typed, "target_position": "技术负责人"},
    )
    plan = Plan.objects.get()
    assert (
        done.status_code == 302 and plan.kind == "development" and plan.target_position.name == "技术负责人"
    )
    shown = manager.get(f"/plans/{plan.pk}/").content.decode()
    assert (
        "个人发展计划" in shown
        and "目标岗位：技术负责人" in shown.replace(": ", "：")
        and "待改进项" not in shown
    )


@pytest.mark.django_db
def test_a_strong_result_offers_a_development_plan(strong, org, client_for):
    result = Result.objects.get(pk=strong.result_id)
    assert result.band == "good"
    page = client_for("manager").get(f"/reviews/results/{result.pk}/", headers={"accept-language": "en"})
    assert "Start a development plan" in page.content.decode() and "kind=development" in page.content.decode()


@pytest.mark.django_db
def test_the_api_drafts_a_development_plan_aiming_at_a_position(strong, org, api_client):  # noqa: F811
    lead = Position.objects.create(name="技术负责人")
    body = {"employee": org.employee.pk, "kind": "development", "target_position": lead.pk, "title": "个人发展计划",
            "start_date": "2023-10-16", "end_date": "2023-12-15", "result": strong.result_id, "feedback": strong.pk,
            "chosen": [c["key"] for c in sources.candidates(strong.result, strong, kind="development", employee=org.employee)]}  # fmt: skip
    status, made = send(api_client("manager"), "post", "/api/v1/plans", body)
    assert status == 201 and made["kind"] == "development" and made["target_position"] == "技术负责人"
    assert any(g["description"] == "两年内成为后端技术负责人" for g in made["goals"])
    status, refused = send(api_client("manager"), "post", "/api/v1/plans", {**body, "kind": "improvement"})
    assert status == 400 and refused["detail"]  # only a development plan aims at a position
    assert send(api_client("manager"), "post", "/api/v1/plans", {**body, "target_position": 999999})[0] == 404
    status, listed = send(api_client("manager"), "get", "/api/v1/plans")
    assert status == 200 and [p["kind"] for p in listed["items"]] == ["development"]
    status, added = send(api_client("manager"), "post", f"/api/v1/plans/{made['id']}/support", {
        "kind": "stretch", "text": "主导一次跨团队技术评审", "owner_name": "陈志强", "starts": "2023-11-01", "due": "2023-11-30",
    })  # fmt: skip
    stretch = next(s for s in added["support"] if s["kind"] == "stretch")
    assert status == 201 and (stretch["starts"], stretch["due"]) == ("2023-11-01", "2023-11-30")
