"""Team plans 团队改进计划: a common problem of a department acted on by the team as a whole.

A team plan is a plan (goals, actions, support, milestones, cadence, check-ins, closure, lesson)
whose subject is a department. It is drafted from a common problem of the team report — an
indicator that many of the department fall short on — with a goal on the team's figure, the share
of the department meeting that indicator ("跨部门协作 达标率从40%提升到80%", read by the SMART
parser), and started by those who own it (`lifecycle.start`): nobody is asked to acknowledge it.
The figure of every cycle scored after the plan's own is read from the cycle's stored indicator
totals, so that the plan's progress comes from the next review by itself.
"""

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from perfloop.access.policy import reaches_department
from perfloop.org.models import Department, Employee
from perfloop.plans import events, guards, registry, smart
from perfloop.plans.models import Every, Goal, Plan
from perfloop.reviews import totals
from perfloop.reviews.models import ReviewCycle

WEEKS = 12  # a team plan runs a quarter by default: until the next cycle's results
LATER_CYCLES = 4  # the figure is read for at most this many cycles after the plan's own


def meeting_shares(department: Department, cycles: list, names: list[str]) -> dict[tuple[int, str], tuple]:
    """(cycle id, indicator) → (people scored on it, share meeting it in %) for the department and
    everything under it, from the cycles' stored totals (one aggregate read)."""
    sums = totals.indicator_sums(cycles, Q(department__path__under=department.path), names)
    return {
        key: (scored, (Decimal(100 * (scored - short)) / scored).quantize(Decimal("0.1")))
        for key, (scored, short) in sums.items()
        if scored
    }


def target_for(baseline: Decimal) -> int:
    """A target two thirds of the way from the baseline to everyone, in steps of 5 (40% → 80%)."""
    return min(100, math.ceil((float(baseline) + (100 - float(baseline)) * 2 / 3) / 5) * 5)


def goal_sentence(name: str, baseline: Decimal, target: int, weeks: int, lang: str) -> str:
    """The goal as one sentence in the reader's language ("zh" or "en"), the way people type one."""
    figure = f"{baseline.normalize():f}"
    if lang == "zh":
        return f"{weeks}周内，{name} 达标率从{figure}%提升到{target}%"
    return f"Within {weeks} weeks, raise the share meeting {name} from {figure}% to {target}%"


@transaction.atomic
def draft(
    *, by, department: Department, cycle: ReviewCycle, indicator: str, today: dt.date, weeks: int = WEEKS
) -> Plan:
    """A team plan on a common problem: the department's share meeting `indicator` in `cycle` as the
    baseline of its first goal."""
    if not reaches_department(by, department):
        raise PermissionDenied
    # One open team plan per problem: drafts for the department take turns (a row lock).
    Department.objects.select_for_update().filter(pk=department.pk).first()
    if open_on(department, [indicator]):
        raise guards.conflict(_("The department already has a team plan under way on this indicator."))
    if cycle.status not in ReviewCycle.PUBLISHED:
        raise ValidationError(
            _("A team plan starts from a cycle whose results are published."), code="invalid"
        )
    scored, baseline = meeting_shares(department, [cycle], [indicator]).get((cycle.pk, indicator), (0, None))
    if baseline is None:
        raise ValidationError(_("Nobody in this department was scored on this indicator."), code="invalid")
    if scored < (least := registry.smallest_group()):
        # The team's figure would single people out (the team report's smallest group).
        raise ValidationError(
            _(
                "Fewer than %(n)s people of this department were scored on this indicator: act on it in their own plans."
            )
            % {"n": least},
            code="invalid",
        )
    title = _("%(department)s: %(indicator)s") % {"department": department.name, "indicator": indicator}
    plan = Plan.objects.create(
        department=department, owner=by, cycle=cycle, title=title[:200], start_date=today,
        end_date=today + dt.timedelta(weeks=weeks), brief_every=Every.TWO_WEEKS, brief_minutes=30,
        formal_every=Every.MONTH, formal_minutes=60,
    )  # fmt: skip
    # Written and read in the reader's language, whatever the indicator's name is written in.
    lang = "zh" if translation.get_language() == "zh-hans" else "en"
    sentence = goal_sentence(indicator, baseline, target_for(baseline), weeks, lang)
    parsed = smart.parse(sentence, lang, today)
    Goal.objects.create(
        plan=plan, description=sentence, metric=parsed.metric or indicator, unit=parsed.unit or "%",
        baseline=baseline, target=Decimal(str(parsed.target)), direction=Goal.Direction.UP,
        deadline=min(parsed.deadline or plan.end_date, plan.end_date), source=indicator,
    )  # fmt: skip
    events.emit(events.DRAFTED_TEAM, plan, by)
    return plan


def open_on(department: Department, indicators: list[str]) -> dict[str, int]:
    """Indicator → the id of the department's team plan on it that has not ended (one query)."""
    if not indicators:
        return {}
    return dict(
        Goal.objects.filter(
            plan__department=department, source__in=indicators,
            plan__status__in=(Plan.Status.DRAFT, Plan.Status.ACTIVE, Plan.Status.CLOSING),
        ).values_list("source", "plan_id")
    )  # fmt: skip


def member(plan: Plan, number: str) -> Employee:
    """The person of the team an action is assigned to, by employee number."""
    number = (number or "").strip()[:32]
    found = (
        Employee.objects.filter(
            employee_no=number, status=Employee.Status.ACTIVE, department__path__under=plan.department.path
        ).first()
        if number
        else None
    )
    if found is None:
        raise ValidationError(_("No one in this department has this employee number."), code="invalid")
    return found


def figures(plan: Plan) -> list[dict]:
    """Per goal on an indicator, the team's figure in the plan's cycle and each cycle scored after
    it (at most LATER_CYCLES): [{"goal", "cycles": [(cycle, people, share)]}], the share None when
    fewer people than the organisation's smallest group were scored."""
    if not plan.is_team or plan.cycle_id is None:
        return []
    goals = [g for g in plan.goals.all() if g.source]
    if not goals:
        return []
    later = list(
        ReviewCycle.objects.published()
        .filter(start_date__gt=plan.cycle.start_date)
        .order_by("start_date", "pk")[:LATER_CYCLES]
    )
    cycles = [plan.cycle, *later]
    shares = meeting_shares(plan.department, cycles, [g.source for g in goals])
    least = registry.smallest_group()
    rows = []
    for goal in goals:
        found = [(c, *shares.get((c.pk, goal.source), (0, None))) for c in cycles]
        # Fewer people than the smallest group: not shown, as in the team report.
        found = [(c, n, share if n >= least else None) for c, n, share in found]
        rows.append({"goal": goal, "cycles": found, "latest": found[-1][2] if len(found) > 1 else None})
    return rows
