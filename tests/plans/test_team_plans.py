"""Team plans 团队改进计划: drafted on a common problem of a department, its goal on the team's
figure, owned by those whose rights reach the department, seen by the people with actions on it,
started without anyone's acknowledgement, and its figure read from the next cycle."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from perfloop.insights import lessons
from perfloop.insights.models import Lesson
from perfloop.org.services import rebuild_paths
from perfloop.plans import editing, lifecycle, rules, selectors, teams
from perfloop.plans.models import Plan
from perfloop.plans.tracking import closing
from perfloop.plans.tracking.models import Closure
from tests.api.conftest import api_client, send  # noqa: F401  (the API's clients, as real ones are)
from tests.org.factories import EmployeeFactory
from tests.reviews.factories import ResultFactory, ReviewCycleFactory, ScoredIndicatorFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 6)
PROBLEM = "跨部门协作"


def _scores(cycle, people, short: int):
    """Everyone in `people` scored on the problem's indicator, the first `short` of them short."""
    for n, person in enumerate(people):
        result = ResultFactory(cycle=cycle, employee=person)
        ScoredIndicatorFactory(
            result=result, name=PROBLEM, short=n < short, gap=Decimal(8) if n < short else None, score=70
        )


@pytest.fixture
def backend(org):
    """后端组 in 2026年Q2 (published): five people scored on 跨部门协作, three short (40% meet it)."""
    people = [org.lead, org.employee] + [
        EmployeeFactory(name=n, department=org.backend, manager=org.lead) for n in ("甲", "乙", "丙")
    ]
    rebuild_paths()
    q2 = ReviewCycleFactory(
        name="2026年Q2", start_date=dt.date(2026, 4, 1), end_date=dt.date(2026, 6, 30), status="feedback"
    )
    _scores(q2, people[::-1], short=3)  # 刘洋 and 李组长 meet it
    return q2, people


def _draft(org, q2, language="zh-hans"):
    with translation.override(language):
        return teams.draft(
            by=org.user("manager"), department=org.backend, cycle=q2, indicator=PROBLEM, today=TODAY
        )


def test_a_team_plan_is_drafted_on_a_common_problem_with_its_goal_on_the_teams_figure(org, backend):
    q2, _people = backend
    plan = _draft(org, q2)
    assert plan.is_team and plan.employee_id is None and plan.department == org.backend
    assert plan.status == Plan.Status.DRAFT and plan.cycle == q2 and plan.owner == org.user("manager")
    goal = plan.goals.get()
    assert goal.description == "12周内，跨部门协作 达标率从40%提升到80%"
    assert (goal.metric, goal.unit, goal.baseline, goal.target) == ("跨部门协作 达标率", "%", 40, 80)
    assert goal.deadline == TODAY + dt.timedelta(weeks=12) == plan.end_date and goal.source == PROBLEM
    assert goal.missing == ["A"]  # measurable, relevant (the indicator), time-bound: it can start
    assert lifecycle.unmet(plan) == []
    with pytest.raises(ValidationError) as again:  # one open team plan per problem
        _draft(org, q2)
    assert again.value.code == "conflict"
    assert lifecycle.withdraw(plan=plan, by=org.user("manager")) is None  # never seen: deleted
    english = _draft(org, q2, "en").goals.get()
    assert english.description == "Within 12 weeks, raise the share meeting 跨部门协作 from 40% to 80%"
    assert english.baseline == 40 and english.target == 80


def test_a_team_plan_needs_a_published_cycle_and_someone_scored_on_the_indicator(org, backend):
    q2, _people = backend
    with pytest.raises(ValidationError):
        teams.draft(
            by=org.user("manager"), department=org.backend, cycle=q2, indicator="没有的指标", today=TODAY
        )
    q2.status = "calibrating"
    q2.save()
    with pytest.raises(ValidationError):
        _draft(org, q2)
    assert not Plan.objects.filter(department__isnull=False).exists()


@pytest.mark.parametrize(
    ("role", "owns"),
    [("manager", True), ("hr_in_scope", True), ("other_manager", False), ("hr_out_of_scope", False),
     ("employee", False), ("admin", False)],
)  # fmt: skip
def test_who_owns_a_team_plan(org, backend, role, owns):
    plan = _draft(org, backend[0])
    user = org.user(role)
    assert rules.owns(user, plan) is owns
    assert Plan.objects.visible_to(user).filter(pk=plan.pk).exists() is owns
    assert Plan.objects.reached_by(user).filter(pk=plan.pk).exists() is owns
    if not owns:
        with pytest.raises(PermissionDenied):
            lifecycle.start(plan=plan, by=user)


def test_hr_over_their_own_department_does_not_own_its_team_plan(org, backend):
    from perfloop.access.models import HRAssignment

    HRAssignment.objects.create(user=org.user("employee"), department=org.rd)
    plan = _draft(org, backend[0])
    assert not rules.owns(org.user("employee"), plan)
    assert not Plan.objects.reached_by(org.user("employee")).filter(pk=plan.pk).exists()


def test_a_manager_owns_the_team_plans_only_of_departments_they_head(org, backend):
    """A team lead heads their group while everyone in it reports to them; once a peer reporting
    elsewhere joins it, the group's figures are no longer theirs to read whole."""
    from perfloop.access.policy import reaches_department
    from tests.org.factories import UserFactory

    plan = _draft(org, backend[0])
    org.lead.user = lead = UserFactory(username="lead")
    org.lead.save()
    assert reaches_department(lead, org.backend) and rules.owns(lead, plan)
    assert not reaches_department(lead, org.rd)  # the division is their manager's
    EmployeeFactory(name="戊", department=org.backend, manager=org.manager)  # a peer's report
    rebuild_paths()
    lead = type(lead).objects.get(pk=lead.pk)  # a new request: the rights stamp moved
    assert not reaches_department(lead, org.backend) and not rules.owns(lead, plan)
    assert not Plan.objects.visible_to(lead).filter(pk=plan.pk).exists()
    assert rules.owns(type(lead).objects.get(username="manager"), plan)  # the head still does


def test_a_team_too_small_to_be_counted_gets_no_team_plan(org, backend):
    q2, people = backend
    from perfloop.insights.models import ReportSettings

    ReportSettings.objects.update_or_create(pk=1, defaults={"min_group": 6})
    with pytest.raises(ValidationError, match="6"):
        _draft(org, q2)
    ReportSettings.objects.filter(pk=1).update(min_group=5)
    plan = _draft(org, q2)
    q3 = ReviewCycleFactory(
        name="2026年Q3", start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 9, 30), status="feedback"
    )
    _scores(q3, people[:4], short=1)  # one left: four people
    [row] = teams.figures(plan)
    assert [(n, share) for _c, n, share in row["cycles"]] == [(5, Decimal("40.0")), (4, None)]


def test_the_people_with_actions_see_the_started_plan_and_tick_off_their_own(org, backend):
    plan = _draft(org, backend[0])
    manager, employee, other = org.user("manager"), org.user("employee"), org.user("other_employee")
    mine = editing.add_action(plan=plan, by=manager, text="梳理跨部门接口人清单", assignee="E0001")
    theirs = editing.add_action(plan=plan, by=manager, text="每周跨部门例会", assignee="L0001")
    assert (mine.assignee, mine.owner_name, mine.owner) == (org.employee, "刘洋", "other")
    with pytest.raises(ValidationError):  # not of the department
        editing.add_action(plan=plan, by=manager, text="x", assignee="E0002")
    with pytest.raises(ValidationError):  # "the employee" means nobody on a team plan
        editing.add_action(plan=plan, by=manager, text="x", owner="employee")
    assert not Plan.objects.visible_to(employee).filter(pk=plan.pk).exists()  # a draft: not yet
    with pytest.raises(ValidationError):  # a team plan is started, never sent to anyone
        lifecycle.submit(plan=plan, by=manager)
    lifecycle.start(plan=plan, by=manager)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE and plan.acknowledged_at is not None
    assert Plan.objects.visible_to(employee).filter(pk=plan.pk).exists()
    assert not Plan.objects.reached_by(employee).filter(pk=plan.pk).exists()  # not theirs to own
    assert not Plan.objects.visible_to(other).filter(pk=plan.pk).exists()
    assert list(selectors.my_plans(employee)) == [plan]  # among their own plans
    mine.plan, theirs.plan = plan, plan
    assert rules.can_mark_action(employee, mine) and not rules.can_mark_action(employee, theirs)
    assert not rules.can_edit(employee, plan) and not rules.can_answer(employee, plan)
    assert not rules.is_logged_read(org.user("hr_in_scope"), plan)  # about no one person
    editing.mark_action(action=mine, by=employee, status="done")
    with pytest.raises(PermissionDenied):
        editing.mark_action(action=theirs, by=employee, status="done")


def test_a_team_plan_closes_with_its_result_goes_on_or_ends_and_leaves_a_lesson(org, backend):
    plan = _draft(org, backend[0])
    manager = org.user("manager")
    lifecycle.start(plan=plan, by=manager)
    goal = plan.goals.get()
    closing.close(plan=plan, by=manager, result="met", today=TODAY, readings=[(goal.pk, "80")])
    with pytest.raises(ValidationError):  # a team is not promoted
        closing.decide_outcome(plan=plan, by=manager, outcome="promotion_candidate", reason="", today=TODAY)
    closing.decide_outcome(plan=plan, by=manager, outcome="none", reason="达标", today=TODAY)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED and plan.closure.result == Closure.Result.MET
    with pytest.raises(PermissionDenied):  # nobody acknowledges a team's outcome
        closing.acknowledge(plan=plan, by=org.user("employee"))
    lesson = lessons.write(
        plan=plan, by=manager, title="跨部门协作流程优化方案", done="接口人清单和每周例会", sharing="team"
    )
    assert lesson.sharing == Lesson.Sharing.DEPARTMENT and lesson.department == org.backend
    assert lessons.visible(org.user("employee")).filter(pk=lesson.pk).exists()
    assert not lessons.visible(org.user("other_employee")).filter(pk=lesson.pk).exists()


def test_an_extended_team_plan_carries_its_department_over(org, backend):
    plan = _draft(org, backend[0])
    manager = org.user("manager")
    lifecycle.start(plan=plan, by=manager)
    goal = plan.goals.get()
    closing.close(plan=plan, by=manager, result="not_met", today=TODAY, readings=[(goal.pk, "50")])
    follow = closing.decide_outcome(plan=plan, by=manager, outcome="extend", reason="未达标", today=TODAY)
    assert follow.extension.department == org.backend and follow.extension.employee_id is None


def test_the_teams_figure_is_read_from_each_later_cycle(org, backend, client_for):
    q2, people = backend
    plan = _draft(org, q2)
    q3 = ReviewCycleFactory(
        name="2026年Q3", start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 9, 30), status="feedback"
    )
    _scores(q3, people, short=1)  # four of five meet it now
    ReviewCycleFactory(
        name="2026年Q4", start_date=dt.date(2026, 10, 1), end_date=dt.date(2026, 12, 31), status="open"
    )  # not published
    [row] = teams.figures(plan)
    assert [(c.name, n, share) for c, n, share in row["cycles"]] == [
        ("2026年Q2", 5, Decimal("40.0")), ("2026年Q3", 5, Decimal("80.0")),
    ]  # fmt: skip
    assert row["latest"] == Decimal("80.0")
    lifecycle.start(plan=plan, by=org.user("manager"))
    client = client_for("manager")
    page = client.get(reverse("followup:close", args=[plan.pk])).content.decode()
    assert f'name="final_{row["goal"].pk}" value="80.0"' in page  # the closure's final reading


def test_the_team_report_starts_a_team_plan_from_a_common_problem(org, backend, browser_like):
    q2, _people = backend
    client = browser_like("manager", "zh-hans")
    report = f"{reverse('insights:team')}?department={org.backend.pk}&cycle={q2.pk}"
    page = client.get(report).content.decode()
    assert 'data-testid="start-team-plan"' in page
    response = client.submit(
        report,
        reverse("plans:team_new"),
        {"department": org.backend.pk, "cycle": q2.pk, "indicator": PROBLEM},
    )
    plan = Plan.objects.get(department=org.backend)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert 'data-testid="team-plan-link"' in client.get(report).content.decode()  # one per problem
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "团队改进计划" in page or 'data-testid="team-plan"' in page
    assert 'data-testid="start-plan"' in page and 'data-testid="team-figures"' in page
    response = client.submit(plan.get_absolute_url(), reverse("plans:start", args=[plan.pk]), {})
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.status == Plan.Status.ACTIVE
    other = browser_like("other_manager")
    assert other.post(reverse("plans:team_new"), {"department": org.backend.pk, "cycle": q2.pk,
                                                  "indicator": PROBLEM}).status_code == 403  # fmt: skip


def test_team_plans_through_the_plans_api(org, backend, api_client):  # noqa: F811
    q2, _people = backend
    manager, employee = api_client("manager"), api_client("employee")
    body = {"department": org.backend.pk, "cycle": q2.pk, "indicator": PROBLEM}
    assert send(api_client("other_manager"), "post", "/api/v1/team-plans", body)[0] == 403
    assert send(manager, "post", "/api/v1/team-plans", {**body, "indicator": "没有"})[0] == 400
    status, plan = send(manager, "post", "/api/v1/team-plans", body)
    assert status == 201 and plan["employee_id"] is None and plan["department_id"] == org.backend.pk
    assert plan["name"] == "后端组" and plan["goals"][0]["baseline"] == "40.00"
    url = f"/api/v1/plans/{plan['id']}"
    status, plan = send(manager, "post", f"{url}/actions", {"text": "接口人清单", "assignee": "E0001"})
    assert status == 201 and plan["actions"][0]["assignee_id"] == org.employee.pk
    assert send(manager, "post", f"{url}/submit")[0] == 409
    assert send(employee, "get", url)[0] == 404  # a draft
    status, plan = send(manager, "post", f"{url}/start")
    assert status == 200 and plan["status"] == "active"
    assert send(manager, "post", f"{url}/start")[0] == 409
    status, rows = send(employee, "get", "/api/v1/plans")
    assert status == 200 and [(r["name"], r["employee_no"]) for r in rows["items"]] == [("后端组", "")]
    action = plan["actions"][0]["id"]
    assert send(employee, "patch", f"{url}/actions/{action}", {"status": "done"})[0] == 200


@pytest.mark.django_db(transaction=True)
def test_racing_drafts_and_starts_make_one_team_plan_and_start_it_once(org, backend):
    """Two heads clicking at once (real connections): one plan per problem, started once."""
    from tests.races import race, refused

    q2, _people = backend
    outcomes = race(lambda: _draft(org, q2), lambda: _draft(org, q2))
    assert sum(isinstance(o, Plan) for o in outcomes) == 1
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
    plan = Plan.objects.get(department=org.backend)
    first, second = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    manager = org.user("manager")
    outcomes = race(
        lambda: lifecycle.start(plan=first, by=manager), lambda: lifecycle.start(plan=second, by=manager)
    )
    assert sum(isinstance(o, Plan) for o in outcomes) == 1
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
