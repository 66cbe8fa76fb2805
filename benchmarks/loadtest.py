"""Load benchmark: PerfLoop under gunicorn beside a bare Django view, driven by wrk.

    make loadtest                                   # 20,000 employees, SQLite, 3 rounds of 5 s a page
    DATABASE_URL=postgres://… make loadtest         # the same on PostgreSQL (that database is emptied)
    .venv/bin/python benchmarks/loadtest.py --employees 300 --duration 1 --rounds 1 --no-record

Production settings (PERFLOOP_DEBUG=0, collected and compressed static files), the generated
organisation with a scored review cycle, each page requested as the role that uses it. Each page's
run follows a run of the bare view (benchmarks/bare: one 20-row query rendered into a template,
same gunicorn, same Python, same kind of database), round after round; figures are medians over the
rounds. Any answer outside 2xx fails the run.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
LUA = str(ROOT / "benchmarks" / "wrk_report.lua")
# Targets of the performance issue, on 2 cores at 20 connections.
# The decided targets: the signed-in layout alone, one object's page, a list or report.
P99_TARGET_MS = {"layout": 100, "single": 100, "list": 150}
RATIO_TARGET = {"layout": 0.70, "single": 0.30, "list": 0.20}


@dataclass
class Page:
    name: str
    role: str
    path: str
    kind: str  # "layout", "single" or "list"
    runs: list[dict] = field(default_factory=list)
    bare_runs: list[dict] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def remove_sqlite(database: str) -> None:
    """A SQLite database with its write-ahead log, so that each run starts from nothing."""
    for suffix in ("", "-wal", "-shm"):
        Path(database + suffix).unlink(missing_ok=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed: apt-get install wrk")
    return found


def app_environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "PERFLOOP_DEBUG": "0",
            "PERFLOOP_SECRET_KEY": "load-benchmark-only-" + "x" * 40,
            "PERFLOOP_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PERFLOOP_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "benchmarks.layout.settings",  # PerfLoop's, with the layout page
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def earlier_quarters(cycle, rng) -> None:
    """Three closed quarters before the cycle, for the team report's trends and "did it work": the
    cycle's results and scored indicators copied with composites a little lower each quarter back."""
    import datetime as dt

    from perfloop.reviews.models import Result, ReviewCycle, ScoredIndicator

    source = list(cycle.results.values_list("pk", "employee_id", "department_id", "template_id", "composite",
                                            "complete", "band", "computed_band"))  # fmt: skip
    scored = {}
    for result_id, name, short, score, gap in ScoredIndicator.objects.filter(result__cycle=cycle).values_list(
        "result_id", "name", "short", "score", "gap"
    ):
        scored.setdefault(result_id, []).append((name, short, score, gap))
    for back in (1, 2, 3):
        month = cycle.start_date.year * 12 + cycle.start_date.month - 1 - 3 * back
        start = dt.date(month // 12, month % 12 + 1, 1)
        end = (start + dt.timedelta(days=92)).replace(day=1) - dt.timedelta(days=1)
        earlier = ReviewCycle.objects.create(name=f"{start.year}年Q{(start.month - 1) // 3 + 1}", start_date=start,
                                             end_date=end, status=ReviewCycle.Status.CLOSED)  # fmt: skip
        copies = Result.objects.bulk_create(
            (Result(cycle=earlier, employee_id=e, department_id=d, template_id=t, complete=c, band=b, computed_band=cb,
                    composite=None if p is None else max(0, p - back * rng.randint(0, 4)), breakdown=[], rule_version="1",
                    computed_at=dt.datetime(start.year, start.month, 1, tzinfo=dt.UTC))
             for _pk, e, d, t, p, c, b, cb in source),
            batch_size=5000,
        )  # fmt: skip
        ScoredIndicator.objects.bulk_create(
            (ScoredIndicator(result=copy, name=name, short=short, score=score, gap=gap)
             for (pk, *_rest), copy in zip(source, copies, strict=True) for name, short, score, gap in scored.get(pk, ())),
            batch_size=5000,
        )  # fmt: skip
    from perfloop.bulk import refresh_statistics

    refresh_statistics(Result)
    refresh_statistics(ScoredIndicator)


def prepare(employees: int) -> dict:
    """Build the organisation and a scored cycle; return the pages with their credentials."""
    import datetime as dt
    import random

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from perfloop.access.models import HRAssignment
    from perfloop.api.models import ApiToken
    from perfloop.bulk import refresh_statistics
    from perfloop.org.generator import generate_org
    from perfloop.org.models import Department, Employee
    from perfloop.reviews.models import Indicator, KpiActual, ReviewCycle, Template
    from perfloop.reviews.services import score_cycle

    call_command("migrate", verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    company = generate_org(employees=employees, seed=1)["company"]

    template = Template.objects.create(name="负载测试岗")
    template.departments.add(company)
    indicators = [
        Indicator.objects.create(
            template=template, name=f"指标{i + 1}", kind="kpi", weight=20, unit="分", target=100, order=i
        )
        for i in range(5)
    ]
    cycle = ReviewCycle.objects.create(
        name="2026年Q3", start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 9, 30), status="open"
    )
    rng = random.Random(3)
    KpiActual.objects.bulk_create(
        (
            KpiActual(cycle=cycle, employee_id=e, indicator=i, actual=round(rng.uniform(50, 130), 1))
            for e in Employee.objects.values_list("id", flat=True)
            for i in indicators
        ),
        batch_size=5000,
    )
    refresh_statistics(KpiActual)  # as an import of that size does
    score_cycle(cycle=cycle)
    ReviewCycle.objects.filter(pk=cycle.pk).update(status=ReviewCycle.Status.FEEDBACK)
    earlier_quarters(cycle, rng)

    # HR over the largest department (≈480 people); the head of a division (its whole subtree);
    # an employee of that department who reads their own result.
    paths = list(Employee.objects.values_list("department__path", flat=True))
    size = {
        d: sum(p.startswith(d.path) for p in paths) for d in Department.objects.filter(parent__parent=company)
    }
    department = max(size, key=size.get)
    users = get_user_model().objects
    hr = users.create_user("load-hr")
    HRAssignment.objects.create(user=hr, department=department)
    division = Department.objects.filter(parent=company).order_by("pk").first()
    head = Employee.objects.get(department=division, manager__department=company)
    head.user = users.create_user("load-manager")
    head.save(update_fields=["user"])
    staff = Employee.objects.filter(department__path__startswith=department.path, position__name="工程师")
    member = staff.order_by("pk")[5]
    member.user = users.create_user("load-employee")
    member.save(update_fields=["user"])
    # HR of the whole company: every list over all 20,000 people.
    company_hr = users.create_user("load-company-hr")
    HRAssignment.objects.create(user=company_hr, department=company)

    def cookie(user) -> str:
        client = Client()
        client.force_login(user)
        return f"Cookie: {settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    headers = {
        "hr": cookie(hr),
        "manager": cookie(head.user),
        "employee": cookie(member.user),
        "hr-token": f"Authorization: Bearer {ApiToken.issue(hr)}",
        "company-hr": cookie(company_hr),
        "company-hr-token": f"Authorization: Bearer {ApiToken.issue(company_hr)}",
    }
    # A feedback record for everyone (a third held, an appeal on every tenth), as a cycle in feedback has.
    from perfloop.feedback.models import Appeal, FeedbackRecord

    meetings_from = dt.datetime(2026, 10, 8, 1, 0, tzinfo=dt.UTC)
    records = FeedbackRecord.objects.bulk_create(
        (
            FeedbackRecord(
                cycle=cycle,
                employee_id=employee_id,
                result_id=result_id,
                holder=hr,
                status="held" if result_id % 3 == 0 else "planned",
                # the planned ones scheduled over the coming weeks, a meeting every few minutes
                starts_at=None if result_id % 3 == 0 else meetings_from + dt.timedelta(minutes=7 * result_id),
                strengths="需求交付数：完成目标的120%。",
                improvements="产品知识测试 65分，岗位要求 80分，差15分。",
            )
            for result_id, employee_id in cycle.results.values_list("pk", "employee_id")
        ),
        batch_size=5000,
    )
    Appeal.objects.bulk_create(
        (Appeal(record=r, reason="评分未考虑认证") for r in records[::10]), batch_size=5000
    )
    refresh_statistics(FeedbackRecord)
    result = cycle.results.get(employee=member)
    other = (
        cycle.results.filter(employee__department__path__startswith=department.path)
        .exclude(pk=result.pk)
        .first()
    )
    other_record = FeedbackRecord.objects.get(result=other)
    # 2,000 improvement plans (one person in ten, drawn at random), each with two goals, actions, support and a milestone.
    from django.utils import timezone

    from perfloop.plans.models import Action, Goal, Milestone, Plan, Support

    starts = dt.date(2026, 10, 19)
    people = list(cycle.results.values_list("pk", "employee_id"))
    drawn = sorted(rng.sample(people, min(2000, len(people) // 10 or 1)))
    plans = Plan.objects.bulk_create(
        (
            Plan(employee_id=employee_id, owner=hr, cycle=cycle, result_id=result_id, title="绩效改进计划",
                 start_date=starts, end_date=starts + dt.timedelta(weeks=8), status="active")
            for result_id, employee_id in drawn
        ),
        batch_size=5000,
    )  # fmt: skip
    Goal.objects.bulk_create(
        (
            Goal(plan=p, description=f"目标{n}", metric="产品知识测试分数", unit="分", baseline=65, target=85,
                 means="每周2次学习", deadline=p.end_date, source="产品知识")
            for p in plans for n in (1, 2)
        ),
        batch_size=5000,
    )  # fmt: skip
    Action.objects.bulk_create(
        (Action(plan=p, text="参加公司产品培训课程", due=p.end_date) for p in plans), batch_size=5000
    )
    Support.objects.bulk_create(
        (Support(plan=p, kind="mentor", text="导师每周辅导", person="王工", owner_name="HR") for p in plans),
        batch_size=5000,
    )
    Milestone.objects.bulk_create(
        (Milestone(plan=p, title="2周内完成前3章", due=p.start_date + dt.timedelta(weeks=2)) for p in plans),
        batch_size=5000,
    )
    # 200 team plans, the load manager's division's first, each with a goal on the team's figure and
    # three actions assigned to people of its department (the plan lists test who has one).
    members: dict[int, list[int]] = {}
    for department_id, employee_id in Employee.objects.order_by("pk").values_list("department_id", "pk"):
        if len(members.setdefault(department_id, [])) < 3:
            members[department_id].append(employee_id)
    members[member.department_id] = [member.pk, *members[member.department_id]][:3]  # the load employee's
    first = [division.pk, member.department_id]
    chosen = [*first, *(d for d in sorted(members) if d not in first)][:200]
    team_plans = Plan.objects.bulk_create(
        Plan(department_id=d, owner=hr, cycle=cycle, title="跨部门协作", start_date=starts,
             end_date=starts + dt.timedelta(weeks=12), status="active", first_sent_at=timezone.now())
        for d in chosen
    )  # fmt: skip
    Goal.objects.bulk_create(
        Goal(plan=p, description="12周内，跨部门协作 达标率从40%提升到80%", metric="跨部门协作 达标率", unit="%",
             baseline=40, target=80, deadline=p.end_date, source="跨部门协作")
        for p in team_plans
    )  # fmt: skip
    Action.objects.bulk_create(
        Action(plan=p, text="每周跨部门例会", owner="other", owner_name="组员", assignee_id=e, due=p.end_date)
        for p in team_plans for e in members.get(p.department_id, [])
    )  # fmt: skip
    # Ten weekly check-ins on each (20,000), each with a reading of the first goal.
    from perfloop.plans.tracking.models import CheckIn, Reading

    checkins = CheckIn.objects.bulk_create(
        (CheckIn(plan=p, held_on=p.start_date + dt.timedelta(weeks=w), kind="brief", notes="进展顺利", by=hr)
         for p in plans for w in range(10)),
        batch_size=5000,
    )  # fmt: skip
    first_goal = dict(
        Goal.objects.filter(plan__in=plans).order_by("plan_id", "-pk").values_list("plan_id", "pk")
    )
    Reading.objects.bulk_create(
        (Reading(goal_id=first_goal[c.plan_id], checkin=c, taken_on=c.held_on, value=70, by=hr, confirmed_by=hr)
         for c in checkins),
        batch_size=5000,
    )  # fmt: skip
    # 1,000 more plans, closed, with their results and outcomes; 2,000 lessons at every sharing level.
    from perfloop.insights.lessons import grams
    from perfloop.insights.models import Lesson
    from perfloop.plans.tracking.models import Closure

    others = sorted(rng.sample(sorted(set(people) - set(drawn)), min(1000, len(people) // 20 or 1)))
    closed = Plan.objects.bulk_create(
        (
            Plan(employee_id=employee_id, owner=hr, cycle=cycle, result_id=result_id, title="已结束的改进计划",
                 start_date=starts - dt.timedelta(weeks=12), end_date=starts - dt.timedelta(weeks=4), status="closed")
            for result_id, employee_id in others
        ),
        batch_size=5000,
    )  # fmt: skip
    outcomes = ["promotion_candidate", "raise_candidate", "extend", "role_change", "none", ""]
    Closure.objects.bulk_create(
        (Closure(plan=p, result=rng.choice(["met", "partly_met", "not_met"]), suggested="met", closed_by=hr,
                 outcome=(o := rng.choice(outcomes)), outcome_reason="理由" if o else "", decided_by=hr if o else None)
         for p in closed),
        batch_size=5000,
    )  # fmt: skip
    topics = ["跨部门协作流程优化方案", "产品知识专项学习", "客户投诉处理复盘", "Weekly code review habit",
              "新人导师制", "Time management for sprints", "销售话术演练", "需求变更沟通机制"]  # fmt: skip
    departments = list(Department.objects.values_list("pk", "path"))
    managers = list(
        Employee.objects.filter(manager__isnull=False).values_list("manager_path", flat=True)[:2000]
    )
    rows = []
    for n in range(2000):
        title = f"{topics[n % len(topics)]}（第{n}期）"
        done = f"{rng.choice(topics)}：每周复盘一次，记录问题和改进措施，第{n}次实践"
        sharing = ("team", "department", "company")[n % 3]
        dept_id, dept_path = rng.choice(departments)
        scope = {"team": managers[n % len(managers)], "department": dept_path, "company": ""}[sharing]
        text = f"{title} {done}".lower()
        rows.append(Lesson(title=title, done=done, sharing=sharing, department_id=dept_id, scope_path=scope,
                           root_cause=rng.choice(["skills", "goals", "resources"]), search_text=text,
                           grams=grams(text), author=hr))  # fmt: skip
    Lesson.objects.bulk_create(rows, batch_size=2000)
    # The employee's inbox: 500 notifications, and 1,000 e-mails that failed (HR's delivery log).
    from perfloop.notify.models import Delivery, Notification

    notes = Notification.objects.bulk_create(
        Notification(recipient=member.user, event="plans.submitted", key=f"load-{n}", url="/plans/",
                     params={"title": f"计划{n}", "name": member.name})
        for n in range(1500)
    )  # fmt: skip
    Delivery.objects.bulk_create(
        Delivery(
            notification=n, channel="email", status="failed", tries=1, last_error="550 mailbox unavailable"
        )
        for n in notes[500:]
    )
    refresh_statistics(Plan)
    refresh_statistics(CheckIn)
    refresh_statistics(Reading)
    refresh_statistics(Closure)
    refresh_statistics(Lesson)
    refresh_statistics(Notification)
    refresh_statistics(Delivery)
    # A company-wide online review round on the next quarter: the forms the reporting line gives.
    from perfloop.rounds import services as rounds
    from perfloop.rounds.models import ReviewForm

    next_quarter = ReviewCycle.objects.create(
        name="2026年Q4", start_date=dt.date(2026, 10, 1), end_date=dt.date(2026, 12, 31), status="open"
    )
    today = dt.date.today()
    review_round = rounds.open_round(
        by=company_hr, cycle=next_quarter, relations=["self", "manager", "peer", "subordinate"], opens_on=today,
        deadline=today + dt.timedelta(days=14),
    )  # fmt: skip
    from benchmarks.run import competency_template

    ReviewForm.objects.filter(round=review_round).update(template=competency_template("负载测试能力"))
    refresh_statistics(ReviewForm)
    head_form = ReviewForm.objects.filter(round=review_round, reviewer=head).order_by("pk").first()
    own_form = ReviewForm.objects.get(round=review_round, employee=member, relation="self")
    team_plan = Plan.objects.filter(department=division).first()
    plan_of_other = (
        Plan.objects.filter(employee__department__path__startswith=department.path).first()
        or Plan.objects.first()
    )
    # A promotion dossier for someone of HR's department, over their four quarters.
    from perfloop.careers import dossiers
    from perfloop.org.models import Position

    dossier = dossiers.open_dossier(
        by=hr, employee=Employee.objects.select_related("department", "position").get(pk=other.employee_id),
        kind="promotion", position=Position.objects.exclude(pk=other.employee.position_id).order_by("pk").first(),
    )  # fmt: skip
    pages = [
        Page("layout only", "hr", "/benchmark/layout/", "layout"),
        Page("home", "employee", "/", "single"),
        Page("my result", "employee", reverse("reviews:result_detail", args=[result.pk]), "single"),
        Page("home", "manager", "/", "single"),
        Page("team page", "manager", reverse("org:team"), "list"),
        Page("home", "hr", "/", "single"),
        Page("org directory", "hr", reverse("org:directory"), "list"),
        Page("employee page", "hr", reverse("org:employee_detail", args=[member.pk]), "single"),
        Page("result page", "hr", reverse("reviews:result_detail", args=[other.pk]), "single"),
        Page("cycle list", "hr", reverse("reviews:cycle_list"), "list"),
        Page("cycle page", "hr", reverse("reviews:cycle_detail", args=[cycle.pk]), "list"),
        Page("cycle team view", "hr", reverse("reviews:team", args=[cycle.pk]), "list"),
        Page("imports", "hr", reverse("imports:index"), "list"),
        Page("feedback overview", "hr", reverse("feedback:cycle", args=[cycle.pk]), "list"),
        Page("feedback record", "hr", reverse("feedback:record", args=[other_record.pk]), "single"),
        Page("appeals", "hr", reverse("feedback:appeals"), "list"),
        Page("API employees", "hr-token", "/api/v1/employees", "list"),
        Page("API cycle results", "hr-token", f"/api/v1/cycles/{cycle.pk}/results", "list"),
        Page("API result", "hr-token", f"/api/v1/results/{other.pk}", "single"),
        Page("API feedback", "hr-token", f"/api/v1/feedback?cycle={cycle.pk}", "list"),
        Page("plans list", "manager", reverse("plans:index"), "list"),
        Page("plan page", "hr", reverse("plans:plan", args=[plan_of_other.pk]), "single"),
        Page("API plans", "hr-token", "/api/v1/plans", "list"),
        Page("team plan page", "manager", reverse("plans:plan", args=[team_plan.pk]), "single"),
        Page("plans list", "employee", reverse("plans:index"), "list"),
        Page("API plan", "hr-token", f"/api/v1/plans/{plan_of_other.pk}", "single"),
        Page("follow-up", "manager", reverse("followup:due") + "?scope=team", "list"),
        Page("API due", "hr-token", "/api/v1/checkins/due?scope=team", "list"),
        Page("outcomes", "hr", reverse("insights:outcomes") + f"?cycle={cycle.pk}", "list"),
        Page("API candidates", "hr-token", f"/api/v1/cycles/{cycle.pk}/candidates", "list"),
        Page("lessons search", "manager", reverse("insights:lessons") + "?q=%E5%8D%8F%E4%BD%9C", "list"),
        Page("API lessons", "hr-token", "/api/v1/lessons?q=%E5%A4%8D%E7%9B%98", "list"),
        Page("inbox", "employee", reverse("notify:inbox"), "list"),
        Page("deliveries", "hr", reverse("notify:deliveries"), "list"),
        Page("API deliveries", "hr-token", "/api/v1/deliveries?status=failed", "list"),
        Page("chat robots", "hr", reverse("notify:robots"), "list"),
        Page("notification rules", "hr", reverse("notify:rules"), "single"),
        # The lists again as HR of the whole company (20,000 people).
        Page("home", "company-hr", "/", "single"),
        Page("org directory", "company-hr", reverse("org:directory"), "list"),
        Page("cycle team view", "company-hr", reverse("reviews:team", args=[cycle.pk]), "list"),
        Page("feedback overview", "company-hr", reverse("feedback:cycle", args=[cycle.pk]), "list"),
        Page("outcomes", "company-hr", reverse("insights:outcomes") + f"?cycle={cycle.pk}", "list"),
        Page("deliveries", "company-hr", reverse("notify:deliveries"), "list"),
        Page("API employees", "company-hr-token", "/api/v1/employees", "list"),
        Page("API cycle results", "company-hr-token", f"/api/v1/cycles/{cycle.pk}/results", "list"),
        Page("API feedback", "company-hr-token", f"/api/v1/feedback?cycle={cycle.pk}", "list"),
        Page("API plans", "company-hr-token", "/api/v1/plans", "list"),
        # The team report (团队效能): a department's, a manager's line, the whole company's.
        Page("team report", "hr", reverse("insights:team"), "single"),
        Page("team report", "manager", reverse("insights:team"), "single"),
        Page("team report", "company-hr", reverse("insights:team"), "list"),
        Page("team trends", "company-hr", reverse("insights:team_trends"), "list"),
        Page("compare departments", "company-hr", reverse("insights:departments"), "list"),
        # Training needs 培训需求 rolled up over the whole company.
        Page("training needs", "company-hr", reverse("training:needs"), "list"),
        Page("training sessions", "company-hr", reverse("training:sessions"), "list"),
        # Career development: a promotion dossier (four quarters, plans, evidence), the list of them.
        Page("dossier", "hr", reverse("careers:dossier", args=[dossier.pk]), "single"),
        Page("API dossier", "hr-token", f"/api/v1/dossiers/{dossier.pk}", "single"),
        Page("dossiers", "company-hr", reverse("careers:index"), "list"),
        Page("API team report", "company-hr-token", "/api/v1/reports/team", "list"),
        # Online reviews: the reviewer's inbox and form, HR's progress over the whole company.
        Page("reviews to write", "manager", reverse("rounds:inbox"), "list"),
        Page("review form", "manager", reverse("rounds:form", args=[head_form.pk]), "single"),
        Page("reviews to write", "employee", reverse("rounds:inbox"), "list"),
        Page("self-assessment", "employee", reverse("rounds:form", args=[own_form.pk]), "single"),
        Page("round progress", "company-hr", reverse("rounds:round", args=[review_round.pk]), "list"),
        Page(
            "round progress by reviewer",
            "company-hr",
            reverse("rounds:round", args=[review_round.pk]) + "?section=reviewer",
            "list",
        ),
    ]
    sizes = {
        "department": size[department],
        "team": Employee.objects.filter(manager_path__startswith=head.reports_prefix).count(),
        "employees": len(paths),
    }
    connection.close()
    return {"pages": pages, "headers": headers, "sizes": sizes, "vendor": connection.vendor}


def prepare_bare(database: str, database_url: str) -> dict:
    """The bare site on the same kind of database as PerfLoop's run: a SQLite file beside, or the
    run's PostgreSQL (its own table)."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="benchmarks.bare.settings", BARE_DATABASE=database)
    env["PYTHONPATH"] = str(ROOT)
    if database_url.startswith("postgres"):
        env["BARE_DATABASE_URL"] = database_url
    remove_sqlite(database)
    subprocess.run([PYTHON, "-m", "django", "migrate", "--run-syncdb", "-v0"], env=env, cwd=ROOT, check=True)
    fill = (
        "from benchmarks.bare.models import Item; Item.objects.all().delete(); "
        "Item.objects.bulk_create(Item(name=f'项目 {i}', amount=i * 7) for i in range(200))"
    )
    subprocess.run([PYTHON, "-m", "django", "shell", "-c", fill], env=env, cwd=ROOT, check=True)
    return env


def start(wsgi: str, env: dict, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, wsgi, "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return server, base
        except urllib.error.HTTPError:
            return server, base  # it answers (a redirect to the login page is an answer)
        except OSError:
            if server.poll() is not None:
                sys.exit(f"{wsgi} did not start:\n{log.read_text()}")
            time.sleep(0.1)
    server.terminate()
    sys.exit(f"{wsgi} did not answer within 30 s:\n{log.read_text()}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(url: str, header: str | None) -> None:
    """Each page answers 200 for its role before it is measured."""
    request = urllib.request.Request(url)
    if header:
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    try:
        status = urllib.request.build_opener(NoRedirect).open(request, timeout=60).status
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 200:
        sys.exit(f"{url} answered {status}, not 200")


def wrk(binary: str, url: str, header: str | None, args) -> dict:
    command = [binary, "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s"]
    command += ["--timeout", "10s", "-s", LUA]
    if header:
        command += ["-H", header]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


CHROMIUM = "/usr/bin/chromium"
# When the charts were drawn: the page's mark, or the load event where charts are drawn before it.
CHARTS_DRAWN = (
    '(performance.getEntriesByName("charts-drawn")[0] || {startTime: '
    'performance.getEntriesByType("navigation")[0].loadEventEnd}).startTime'
)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]


def first_visits(base: str, headers: dict, pages: list[Page], visits: int) -> list[str]:
    """A first visit in Chromium with an empty cache: navigation timing until the load event
    (the page, its styles and its deferred scripts, charts drawn), median of `visits`."""
    from playwright.sync_api import sync_playwright

    lines = ["| page | role | load event ms | charts drawn ms | bytes transferred |", "|---|---|---|---|---|"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page in pages:
            name, value = headers[page.role].split(": ", 1)
            if name != "Cookie":
                continue  # API answers are not opened in a browser
            cookie_name, cookie_value = value.split("=", 1)
            timings, sizes, drawn = [], [], []
            # The first visit only warms the server; a single visit (a smoke run) is taken as it comes.
            warm = 1 if visits > 1 else 0
            for _ in range(visits + warm):
                context = browser.new_context()
                context.add_cookies([{"name": cookie_name, "value": cookie_value, "url": base}])
                tab = context.new_page()
                tab.goto(base + page.path, wait_until="load")
                timings.append(tab.evaluate('performance.getEntriesByType("navigation")[0].loadEventEnd'))
                if tab.locator("[data-chart]").count():
                    tab.wait_for_selector("[data-chart]:not([data-rendered])", state="detached")
                    drawn.append(tab.evaluate(CHARTS_DRAWN))
                sizes.append(
                    tab.evaluate(
                        'performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))'
                        ".reduce((n, e) => n + e.transferSize, 0)"
                    )
                )
                context.close()
            charts = f"{statistics.median(drawn[warm:]):.0f}" if drawn else "—"
            lines.append(
                f"| {page.name} | {page.role} | {statistics.median(timings[warm:]):.0f} | {charts} | "
                f"{statistics.median(sizes[warm:]) / 1024:.0f} KiB |"
            )
        browser.close()
    return lines


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def report(pages: list[Page], prepared: dict, args) -> tuple[str, int]:
    sizes = prepared["sizes"]
    lines = [
        f"{sizes['employees']} employees; HR over a department of {sizes['department']}, "
        f"a manager of {sizes['team']}; gunicorn {args.workers} workers, wrk {args.connections} "
        f"connections, {args.rounds} rounds of {args.duration} s, medians.",
        "",
        "| page | role | req/s | p50 ms | p99 ms | bare req/s | ratio | non-2xx | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    bad = 0
    for p in pages:
        rps, bare = median(p.runs, "rps"), median(p.bare_runs, "rps")
        p99 = median(p.runs, "p99")
        non2xx = sum(r["non2xx"] + r["socket_errors"] for r in p.runs)
        bad += non2xx
        ratio = rps / bare
        met = p99 <= P99_TARGET_MS[p.kind] and ratio >= RATIO_TARGET[p.kind]
        lines.append(
            f"| {p.name} | {p.role} | {rps:.0f} | {median(p.runs, 'p50'):.0f} | {p99:.0f} | {bare:.0f} "
            f"| {ratio:.0%} | {non2xx} | {'met' if met else 'missed'} |"
        )
    return "\n".join(lines), bad


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=20000)
    parser.add_argument("--duration", type=int, default=5, help="seconds per run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default=str(ROOT / "benchmarks" / "load.sqlite3"))
    parser.add_argument("--no-record", action="store_true", help="do not append to benchmarks/results.md")
    parser.add_argument(
        "--bare-once",
        action="store_true",
        help="time the bare site once a round, not beside each page (a smoke run)",
    )
    parser.add_argument(
        "--together",
        type=int,
        default=1,
        help="pages put under load at once (a smoke run: the figures then tell only that every answer was 2xx)",
    )
    parser.add_argument(
        "--plain-static",
        action="store_true",
        help="static files without their compressed copies (a smoke run: the bytes transferred are then not a figure)",
    )
    parser.add_argument("--visits", type=int, default=5, help="first visits in Chromium per page (0: none)")
    parser.add_argument(
        "--prepare-only", action="store_true", help="build the database and stop (for profiling)"
    )
    parser.add_argument(
        "--only", default="", help="only the pages whose name holds one of these texts (e.g. plan,lessons)"
    )
    args = parser.parse_args()

    binary = ensure_wrk()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        remove_sqlite(args.database)
        database_url = f"sqlite:///{args.database}"
    env = app_environment(database_url)
    if args.plain_static:
        env["PERFLOOP_PLAIN_STATIC"] = "1"
    os.environ.update(env)
    started = time.perf_counter()
    prepared = prepare(args.employees)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    print(f"prepared in {time.perf_counter() - started:.0f} s", flush=True)
    if args.prepare_only:
        return

    logs = Path(tempfile.mkdtemp(prefix="perfloop-load-"))
    bare_env = prepare_bare(str(logs / "bare.sqlite3"), database_url)
    app, app_url = start("perfloop.wsgi:application", env, args.workers, logs / "app.log")
    bare, bare_url = start("benchmarks.bare.wsgi:application", bare_env, args.workers, logs / "bare.log")
    pages, headers = prepared["pages"], prepared["headers"]
    pages = prepared["pages"] = [p for p in pages if any(t in p.name for t in args.only.split(","))]
    try:
        check(bare_url + "/", None)
        for p in pages:
            check(app_url + p.path, headers[p.role])
        for round_ in range(args.rounds):
            shared = wrk(binary, bare_url + "/", None, args) if args.bare_once else None
            if args.together > 1:  # a smoke run: several pages at once, each answer checked
                with ThreadPoolExecutor(args.together) as pool:
                    for p, run in zip(
                        pages,
                        pool.map(lambda p: wrk(binary, app_url + p.path, headers[p.role], args), pages),
                        strict=True,
                    ):
                        p.runs.append(run)
                        p.bare_runs.append(shared or run)
                continue
            for p in pages:
                p.bare_runs.append(shared or wrk(binary, bare_url + "/", None, args))
                p.runs.append(wrk(binary, app_url + p.path, headers[p.role], args))
                print(
                    f"round {round_ + 1}: {p.name} ({p.role}) {p.runs[-1]['rps']:.0f} req/s, "
                    f"p99 {p.runs[-1]['p99']:.0f} ms; bare {p.bare_runs[-1]['rps']:.0f} req/s",
                    flush=True,
                )
        browser = first_visits(app_url, headers, pages, args.visits) if args.visits else []
    finally:
        for server in (app, bare):
            server.terminate()
            server.wait()
    table, bad = report(pages, prepared, args)
    if browser:
        table += "\n\nFirst visit in Chromium, empty cache, warm server (navigation timing, median):\n\n"
        table += "\n".join(browser)
    print(table)
    if not args.no_record:
        with (ROOT / "benchmarks" / "results.md").open("a", encoding="utf-8") as f:
            f.write(f"\n## Load: {time.strftime('%Y-%m-%d %H:%M %Z')} · {prepared['vendor']}\n\n{table}\n")
    if bad:
        sys.exit(f"{bad} answers were not 2xx (or the connection failed); see {logs}")


if __name__ == "__main__":
    main()
