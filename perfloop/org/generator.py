"""A large generated organisation for benchmarks: bulk inserts, paths computed before insert.

Shape: one company, divisions, departments and teams of about 40; each unit has
a head reporting to the head of the unit above; staff report to their team head.
"""

import datetime as dt
import math
import random

from django.db import transaction

from perfloop.bulk import refresh_statistics
from perfloop.org.models import Department, Employee, Position
from perfloop.org.names import make_name_generator
from perfloop.org.spelling import spelling_of

TEAM_SIZE = 40
TEAMS_PER_DEPARTMENT = 12
BATCH = 2000


@transaction.atomic
def generate_org(*, employees: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    next_name = make_name_generator(seed)
    prefix = f"G{seed}-"
    company = Department.objects.create(name=f"生成集团{seed}", parent=None)
    company.path, company.depth = f"/{company.pk}/", 0
    company.save(update_fields=["path", "depth"])

    teams = max(1, employees // TEAM_SIZE)
    divisions = max(1, math.isqrt(teams) // 3)
    per_division = math.ceil(teams / divisions)
    # Departments of about a dozen teams (≈500 people), as in a real company.
    departments_per_division = max(1, math.ceil(per_division / TEAMS_PER_DEPARTMENT))

    levels: list[list[Department]] = [[company]]
    division_units = [Department(name=f"事业部{i + 1}", parent=company) for i in range(divisions)]
    levels.append(_insert_departments(division_units))
    dept_units = [
        Department(name=f"部门{d + 1}-{i + 1}", parent=division)
        for d, division in enumerate(levels[1])
        for i in range(departments_per_division)
    ]
    levels.append(_insert_departments(dept_units))
    team_units = [Department(name=f"团队{i + 1}", parent=levels[2][i % len(levels[2])]) for i in range(teams)]
    levels.append(_insert_departments(team_units))

    positions = {
        name: Position.objects.get_or_create(name=name)[0]
        for name in ("总裁", "事业部总经理", "部门经理", "团队主管", "工程师", "专员")
    }
    head_titles = ["总裁", "事业部总经理", "部门经理", "团队主管"]
    counter = 0

    def new_employee(department, position, manager):
        nonlocal counter
        counter += 1
        name = next_name()
        return Employee(
            employee_no=f"{prefix}{counter:06d}",
            name=name,
            spelling=spelling_of(name),
            department=department,
            position=positions[position],
            manager=manager,
            manager_path=manager.reports_prefix if manager else "/",
            hire_date=dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(0, 15 * 365)),
            email=f"{prefix.lower()}{counter:06d}@example.com",
        )

    # Heads level by level, so each level's manager ids exist before the next is built.
    head_of: dict[int, Employee] = {}
    for depth, units in enumerate(levels):
        batch = [new_employee(unit, head_titles[depth], head_of.get(unit.parent_id)) for unit in units]
        Employee.objects.bulk_create(batch, batch_size=BATCH)
        head_of.update({unit.pk: head for unit, head in zip(units, batch, strict=True)})

    remaining = max(0, employees - counter)
    team_list = levels[-1]
    staff = [
        new_employee(team, rng.choice(("工程师", "专员")), head_of[team.pk])
        for team in (team_list[i % len(team_list)] for i in range(remaining))
    ]
    Employee.objects.bulk_create(staff, batch_size=BATCH)
    refresh_statistics(Department, Employee)
    return {"employees": counter, "departments": sum(len(level) for level in levels), "company": company}


def _insert_departments(units: list[Department]) -> list[Department]:
    Department.objects.bulk_create(units, batch_size=BATCH)
    for unit in units:
        unit.path = f"{unit.parent.path}{unit.pk}/"
        unit.depth = unit.parent.depth + 1
    Department.objects.bulk_update(units, ["path", "depth"], batch_size=BATCH)
    return units
