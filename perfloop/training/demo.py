"""The demo company's training needs and a session answering the largest: in the latest published
cycle, the shortfalls of some people are put down to lacking skills (as their managers would tag
them), and a course is planned for the line with the most people, its people enrolled."""

import datetime as dt

from perfloop.org.models import Department, Employee
from perfloop.reviews import analysis, services
from perfloop.reviews.models import Result, ReviewCycle
from perfloop.training import needs, sessions

PEOPLE = 16  # shortfalls tagged: enough for a few lines


def seed_training(*, hr_user, seed: int) -> None:
    cycle = ReviewCycle.objects.filter(status__in=ReviewCycle.PUBLISHED).order_by("-end_date").first()
    if cycle is None:
        return
    tagged = 0
    for result in (
        Result.objects.filter(cycle=cycle).select_related("employee__department").order_by("composite", "pk")
    ):
        short = [item for item in result.breakdown if analysis.falls_short(item)]
        if not short or result.employee.user_id == hr_user.pk:
            continue
        item = short[0]
        services.tag_root_cause(result=result, indicator_id=item["indicator_id"], cause="skills",
                                note=f"{item['name']}：方法和工具掌握不够", by=hr_user)  # fmt: skip
        tagged += 1
        if tagged == PEOPLE:
            break
    lines = [line for line in needs.needs(hr_user) if line.topic]
    if not lines:
        return
    top = lines[0]
    session = sessions.plan_session(
        by=hr_user, course=f"{top.topic}专项训练营", provider="公司培训中心", topic=top.topic,
        department=Department.objects.get(pk=top.department_id), starts=dt.date(2026, 12, 15),
        ends=dt.date(2026, 12, 16), seats=20, cost=8000,
    )  # fmt: skip
    people = Employee.objects.filter(
        pk__in=needs.people_of(hr_user, top.topic, top.department_id).values("pk")
    )
    sessions.enrol(session=session, employees=list(people.select_related("department")), by=hr_user)
