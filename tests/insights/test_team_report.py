"""The team report against a small organisation whose right answers are known by hand, and the
small-group rule at 4, 5 and 6 people and by subtraction."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from perfloop.insights.models import ReportSettings
from perfloop.insights.team import figures, scope
from perfloop.reviews.models import CycleTransition
from tests.feedback.factories import AppealFactory, FeedbackRecordFactory, FeedbackRequestFactory
from tests.followup.factories import ClosureFactory
from tests.org.factories import EmployeeFactory
from tests.plans.factories import GoalFactory, PlanFactory, SupportFactory
from tests.reviews.factories import (
    IndicatorFactory,
    ResultFactory,
    ReviewCycleFactory,
    RootCauseFactory,
    ScoredIndicatorFactory,
)

BANDS = {92: "excellent", 84: "good", 72: "satisfactory", 65: "needs_improvement", 66: "needs_improvement"}


def _result(cycle, person, composite, band, computed=None, **extra):
    return ResultFactory(
        cycle=cycle, employee=person, composite=composite, band=band, computed_band=computed or band, **extra
    )


@pytest.fixture
def team(org):
    """研发中心 in 2026年Q2, its results published on 1 July, and 2026年Q1 before it (see each test)."""
    today = timezone.localdate()
    q1 = ReviewCycleFactory(
        name="2026年Q1", start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 3, 31), status="closed"
    )
    q2 = ReviewCycleFactory(
        name="2026年Q2", start_date=dt.date(2026, 4, 1), end_date=dt.date(2026, 6, 30), status="feedback"
    )
    moved = CycleTransition.objects.create(cycle=q2, from_status="calibrating", to_status="feedback")
    CycleTransition.objects.filter(pk=moved.pk).update(at=timezone.make_aware(dt.datetime(2026, 7, 1, 9)))
    a, b, c, d = (
        EmployeeFactory(name=n, department=org.backend, manager=org.lead) for n in ("甲", "乙", "丙", "丁")
    )
    from perfloop.org.services import rebuild_paths

    rebuild_paths()
    m, lead, e = org.manager, org.lead, org.employee
    r = {
        m: _result(q2, m, 92, "excellent"),
        lead: _result(q2, lead, 84, "good"),
        e: _result(q2, e, 72, "satisfactory", computed="needs_improvement"),
        a: _result(q2, a, 65, "needs_improvement"),
        b: _result(q2, b, 66, "needs_improvement"),
        c: _result(q2, c, 58, "unsatisfactory"),
        d: _result(q2, d, 40, "", computed="", complete=False),
    }
    collaboration = IndicatorFactory(name="跨部门协作")
    for person, gap in ((m, None), (lead, None), (e, 20), (a, 30), (b, 10), (c, 40)):
        ScoredIndicatorFactory(
            result=r[person], name="跨部门协作", short=gap is not None, gap=gap, score=100 - (gap or 0)
        )
        ScoredIndicatorFactory(
            result=r[person], name="产品知识", short=person == c, gap=5 if person == c else None
        )
    for person, cause in ((a, "goals"), (b, "goals"), (c, "skills")):
        RootCauseFactory(result=r[person], indicator=collaboration, cause=cause, by=org.user("manager"))
    held = {e: ("acknowledged", 5), a: ("disputed", 10), b: ("held", 3), c: ("planned", None)}
    records = {
        person: FeedbackRecordFactory(
            result=r[person], status=status, held_on=dt.date(2026, 7, day) if day else None
        )
        for person, (status, day) in held.items()
    }
    FeedbackRequestFactory(record=records[e], kind="training")
    FeedbackRequestFactory(record=records[a], kind="resources")
    AppealFactory(record=records[a], status="open")
    AppealFactory(record=records[b], status="resolved")
    started = {"cycle": q2, "start_date": today - dt.timedelta(days=3), "status": "active"}
    mine = PlanFactory(employee=e, **started)
    SupportFactory(
        plan=mine,
        due=today - dt.timedelta(days=2),
        status="done",
        done_at=timezone.now() - dt.timedelta(days=3),
    )
    theirs = PlanFactory(employee=a, **started)
    SupportFactory(plan=theirs, due=today - dt.timedelta(days=1))  # open, overdue: off track
    PlanFactory(employee=b, cycle=q2)  # a draft
    ClosureFactory(
        plan=PlanFactory(employee=c, cycle=q2, status="closed"), result="not_met", outcome="role_change"
    )
    PlanFactory(employee=d, cycle=q2, status="cancelled")  # withdrawn as wrong: not counted
    # 2026年Q1: 刘洋 closed a plan on 跨部门协作; 甲 and 乙 were in the same band without one.
    earlier = _result(q1, e, 60, "needs_improvement")
    ScoredIndicatorFactory(result=earlier, name="跨部门协作", short=True, gap=50, score=50)
    _result(q1, a, 64, "needs_improvement")
    _result(q1, b, 62, "needs_improvement")
    _result(q1, m, 90, "excellent")
    closed = PlanFactory(employee=e, cycle=q1, status="closed")
    GoalFactory(plan=closed, indicator=collaboration)
    return q1, q2, (a, b, c, d)


def test_every_figure_of_a_team_is_the_one_counted_by_hand(org, team):
    _q1, q2, _people = team
    hr = org.user("hr_in_scope")
    report = figures.report(hr, scope.scope_for(hr, org.rd.pk), q2)
    assert report.size == 7 and not report.hidden
    r = report.results
    assert {b["band"]: (b["computed"], b["count"]) for b in r["bands"]} == {
        "excellent": (1, 1), "good": (1, 1), "satisfactory": (0, 1), "needs_improvement": (3, 2), "unsatisfactory": (1, 1),
    }  # fmt: skip
    assert (r["pending"], r["complete"], r["calibrated"]) == (1, 6, 1)
    assert [(s["from"], s["count"]) for s in r["histogram"]] == [
        (55, 1), (60, 0), (65, 2), (70, 1), (75, 0), (80, 1), (85, 0), (90, 1),
    ]  # fmt: skip
    [problem] = report.problems  # 产品知识: 1 of 6, under 30%
    assert (problem["name"], problem["short"], problem["scored"], problem["share"]) == (
        "跨部门协作",
        4,
        6,
        66.7,
    )
    assert problem["median_gap"] == Decimal(25)
    assert problem["causes"] == [("goals", 2), ("skills", 1)]
    assert report.requests == {"training": 1, "resources": 1}
    c = report.conversations
    assert (c["records"], c["held"], c["without"]) == (4, 3, 3)
    assert (c["statuses"]["acknowledged"], c["statuses"]["disputed"], c["statuses"]["planned"]) == (1, 1, 1)
    assert c["median_days"] == 4  # 2, 4 and 9 days after 1 July
    assert (c["appeals_open"], c["appeals_resolved"]) == (1, 1)
    p = report.plans
    assert (p["total"], p["active"], p["statuses"]["draft"], p["statuses"]["closed"]) == (4, 2, 1, 1)
    assert (p["tracks"]["off_track"], p["tracks"]["no_data"], p["reasons"]["support_overdue"]) == (1, 1, 1)
    assert p["checkins_on_time"] == 2
    assert (p["support_due"], p["support_kept"]) == (2, 1)
    assert p["closed"] == {"not_met": 1}
    assert report.outcomes == {"role_change": 1}
    worked = report.worked
    assert worked["cycle"].name == "2026年Q1"
    assert {row["band"]: (row.get("with"), row.get("without")) for row in worked["by_band"]} == {
        "needs_improvement": ({"n": 1, "change": Decimal("12.0")}, {"n": 2, "change": Decimal("2.5")}),
        "excellent": (None, {"n": 1, "change": Decimal("2.0")}),
    }
    assert worked["indicators"] == [{"name": "跨部门协作", "n": 1, "change": Decimal("30.0")}]


def test_a_level_only_counts_the_departments_own_people_and_nobody_counts_themself(org, team):
    _q1, q2, _people = team
    hr = org.user("hr_in_scope")
    assert figures.report(hr, scope.scope_for(hr, org.rd.pk, level=True), q2).size == 1  # 陈志强
    # The manager reads his reporting line, never his own result.
    manager = org.user("manager")
    report = figures.report(manager, scope.scope_for(manager, org.rd.pk), q2)
    assert report.size == 6 and not report.hidden
    # ...and no line about fewer than five: the changes of one and two people are left out.
    assert [p["name"] for p in report.problems] == ["跨部门协作"]  # scored for 5 of his people
    assert report.worked["by_band"] == [] and report.worked["indicators"] == []


@pytest.mark.parametrize(("people", "shown"), [(4, False), (5, True), (6, True)])
def test_a_manager_sees_a_team_broken_down_from_five_people(org, people, shown):
    cycle = ReviewCycleFactory(status="feedback")
    for n in range(people):
        ResultFactory(
            cycle=cycle, employee=EmployeeFactory(department=org.backend, manager=org.lead), composite=80 + n
        )
    from perfloop.org.services import rebuild_paths

    rebuild_paths()
    manager = org.user("manager")
    report = figures.report(manager, scope.scope_for(manager, org.backend.pk), cycle)
    assert report.size == people
    assert report.hidden == ("" if shown else scope.SMALL)
    assert bool(report.results) is shown
    hr = org.user("hr_in_scope")  # HR in scope sees every figure
    assert figures.report(hr, scope.scope_for(hr, org.backend.pk), cycle).results


def test_a_department_is_not_shown_when_its_parent_minus_it_gives_fewer_than_five(org):
    cycle = ReviewCycleFactory(status="feedback")
    for n in range(6):
        ResultFactory(
            cycle=cycle, employee=EmployeeFactory(department=org.backend, manager=org.lead), composite=70 + n
        )
    for n in range(2):  # two people directly in 研发中心
        ResultFactory(
            cycle=cycle, employee=EmployeeFactory(department=org.rd, manager=org.manager), composite=60 + n
        )
    from perfloop.org.services import rebuild_paths

    rebuild_paths()
    manager = org.user("manager")
    assert not figures.report(manager, scope.scope_for(manager, org.rd.pk), cycle).hidden  # 8 people
    backend = figures.report(manager, scope.scope_for(manager, org.backend.pk), cycle)
    assert backend.hidden == scope.SUBTRACTION  # 8 − 6 would give the two in 研发中心
    assert (
        figures.report(manager, scope.scope_for(manager, org.rd.pk, level=True), cycle).hidden == scope.SMALL
    )
    ReportSettings.objects.create(min_group=3)  # the organisation's setting, never below 3
    assert (
        figures.report(manager, scope.scope_for(manager, org.backend.pk), cycle).hidden == scope.SUBTRACTION
    )
    ResultFactory(cycle=cycle, employee=EmployeeFactory(department=org.rd, manager=org.manager))
    rebuild_paths()
    assert not figures.report(manager, scope.scope_for(manager, org.backend.pk), cycle).hidden  # 9 − 6 = 3
    hr = org.user("hr_in_scope")
    assert not figures.report(hr, scope.scope_for(hr, org.backend.pk), cycle).hidden


def test_reports_are_read_by_managers_and_hr_of_the_department_only(org):
    assert scope.scope_for(org.user("manager"), org.backend.pk) is not None
    assert scope.scope_for(org.user("manager"), org.sales.pk) is None
    assert scope.scope_for(org.user("hr_out_of_scope"), org.rd.pk) is None
    assert scope.scope_for(org.user("employee"), None) is None
    assert not scope.can_read(org.user("employee"))
    assert scope.scope_for(org.user("manager"), None).department == org.rd  # his own, by default


def test_the_median_of_counted_values():
    assert figures.median({}) is None
    assert figures.median({Decimal(10): 1, Decimal(20): 1, Decimal(30): 1}) == 20
    assert figures.median({10: 2, 40: 2}) == 25


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_report_page_shows_each_section_linked_to_its_people(org, team, browser_like, language):
    _q1, q2, _people = team
    page = browser_like("hr_in_scope", language).get(f"/insights/team/?department={org.rd.pk}&cycle={q2.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-problem="跨部门协作"' in html and 'data-problem="产品知识"' not in html
    assert (
        f'href="/reviews/cycles/{q2.pk}/team/?department={org.rd.pk}&amp;band=needs_improvement">2</a>'
        in html
    )
    assert ("共性问题" if language == "zh-hans" else "Common problems") in html
    assert ("是否有效" if language == "zh-hans" else "Did it work?") in html
    assert f'href="/plans/?cycle={q2.pk}&amp;department={org.rd.pk}&amp;status=closed">1</a>' in html


def test_a_report_asked_of_another_department_is_refused(org, client_for):
    assert client_for("manager").get(f"/insights/team/?department={org.sales.pk}").status_code == 400
    assert client_for("employee").get("/insights/team/").status_code == 403


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_report_as_a_workbook_and_a_pdf_for_the_meeting(org, team, browser_like, language):
    import io

    from openpyxl import load_workbook

    from tests.feedback.test_documents import pdf_text

    _q1, q2, _people = team
    client = browser_like("hr_in_scope", language)
    url = f"/insights/team/?department={org.rd.pk}&cycle={q2.pk}"
    answer = client.get(url + "&format=xlsx")
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    problems = book["共性问题" if language == "zh-hans" else "Common problems"]
    assert problems.freeze_panes == "A2"
    assert [c.value for c in problems[2]][:4] == ["跨部门协作", 6, 4, 66.7]
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for s in book for row in s for c in row
    )
    answer = client.get(url + "&format=pdf")
    text = pdf_text(answer.content)
    assert "跨部门协作" in text and "研发中心" in text
    assert ("共性问题" if language == "zh-hans" else "Common problems") in text


def test_a_common_problem_links_to_the_people_falling_short_on_it(org, team, browser_like):
    _q1, q2, (a, b, c, _d) = team
    client = browser_like("hr_in_scope", "zh-hans")
    html = client.get(f"/insights/team/?department={org.rd.pk}&cycle={q2.pk}").content.decode()
    link = f"/reviews/cycles/{q2.pk}/team/?department={org.rd.pk}&amp;short_on=%E8%B7%A8%E9%83%A8%E9%97%A8%E5%8D%8F%E4%BD%9C"
    assert link in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    for person in (org.employee, a, b, c):  # the four falling short on 跨部门协作
        assert person.name in listed
    assert org.lead.name not in listed.split('data-testid="team-results"')[1]


def test_the_conversation_figures_link_to_the_departments_people(org, team, browser_like):
    _q1, q2, (a, b, c, d) = team
    from tests.feedback.factories import FeedbackRecordFactory

    outside = ResultFactory(cycle=q2, employee=org.other_employee)  # 销售部: not in 研发中心's report
    FeedbackRecordFactory(result=outside, status="planned")
    client = browser_like("hr_in_scope", "en")
    from perfloop.access.models import HRAssignment

    HRAssignment.objects.create(user=org.user("hr_in_scope"), department=org.sales)  # HR of both
    html = client.get(f"/insights/team/?department={org.rd.pk}&cycle={q2.pk}").content.decode()
    link = f"/feedback/cycles/{q2.pk}/?department={org.rd.pk}&amp;status=planned"
    assert link in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert c.name in listed and org.other_employee.name not in listed  # 丙's planned record only
    everyone = client.get(f"/feedback/cycles/{q2.pk}/?status=planned").content.decode()
    assert org.other_employee.name in everyone
    without = client.get(f"/feedback/cycles/{q2.pk}/?department={org.rd.pk}").content.decode()
    assert d.name in without and 'data-status="none">3<' in without  # 陈志强, 李组长, 丁
