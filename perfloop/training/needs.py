"""Training needs 培训需求, rolled up from the loop for the people the viewer's rights reach: by
indicator or competency (a need without one under "") and by the person's department, each
source counted in people of its own so that every figure says where it comes from —

- skills gaps: results whose root cause for an indicator is 技能欠缺 (lacking skills);
- training requests: feedback conversations in which the person asked for training;
- development goals: goals of development plans under way, by the indicator they build on;
- training budget: the support commitments of kind training budget on plans under way, committed
  (not dropped), spent (given) and open, on the line of the plan's first indicator.

Each source is one grouped query: the lines are as many as topics × departments, whatever the
number of people."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from perfloop.access.policy import people_q
from perfloop.feedback.models import FeedbackRequest
from perfloop.plans.models import Goal, ItemStatus, Plan, Support
from perfloop.reviews.models import RootCause

UNDER_WAY = (Plan.Status.DRAFT, Plan.Status.ACTIVE, Plan.Status.CLOSING)


@dataclass
class Line:
    topic: str  # the indicator or competency; "" when the need names none
    department_id: int
    skills_gaps: int = 0  # people
    requests: int = 0  # people
    development_goals: int = 0  # people
    committed: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    @property
    def open(self) -> Decimal:
        return self.committed - self.spent


# The four sources, each read for lines (grouped) and for the people behind one line.


def _skills_gaps():
    return RootCause.objects.filter(cause=RootCause.Cause.SKILLS)


def _training_requests():
    return FeedbackRequest.objects.filter(kind=FeedbackRequest.Kind.TRAINING)


def _development_goals():
    return Goal.objects.filter(plan__kind=Plan.Kind.DEVELOPMENT, plan__status__in=UNDER_WAY)


def budgets():
    """Training budgets committed on plans under way, each with its line's topic: the plan's first indicator."""
    first_indicator = Goal.objects.filter(plan=OuterRef("plan"), indicator__isnull=False).order_by("pk")
    return (
        Support.objects.filter(kind=Support.Kind.BUDGET, plan__status__in=UNDER_WAY, amount__isnull=False)
        .exclude(status=ItemStatus.DROPPED)
        .annotate(topic=Subquery(first_indicator.values("indicator__name")[:1]))
    )


def needs(user) -> list[Line]:
    """The lines for this viewer, busiest first."""
    lines: dict[tuple[str, int], Line] = {}

    def line(topic, department_id) -> Line:
        key = (topic or "", department_id)
        if key not in lines:
            lines[key] = Line(*key)
        return lines[key]

    gaps = (
        _skills_gaps().filter(people_q(user, via="result__employee__"))
        .values("indicator__name", "result__employee__department_id")
        .annotate(people=Count("result__employee_id", distinct=True))
    )  # fmt: skip
    for row in gaps:
        line(row["indicator__name"], row["result__employee__department_id"]).skills_gaps = row["people"]
    requests = (
        _training_requests().filter(people_q(user, via="record__employee__"))
        .values("record__employee__department_id")
        .annotate(people=Count("record__employee_id", distinct=True))
    )  # fmt: skip
    for row in requests:
        line("", row["record__employee__department_id"]).requests = row["people"]
    goals = (
        _development_goals().filter(people_q(user, via="plan__employee__"))
        .values("indicator__name", "plan__employee__department_id")
        .annotate(people=Count("plan__employee_id", distinct=True))
    )  # fmt: skip
    for row in goals:
        line(row["indicator__name"], row["plan__employee__department_id"]).development_goals = row["people"]
    committed = (
        budgets().filter(people_q(user, via="plan__employee__"))
        .values("topic", "plan__employee__department_id")
        .annotate(committed=Sum("amount"), spent=Sum("amount", filter=Q(status=ItemStatus.DONE)))
    )  # fmt: skip
    for row in committed:
        found = line(row["topic"], row["plan__employee__department_id"])
        found.committed, found.spent = row["committed"] or Decimal(0), row["spent"] or Decimal(0)
    return sorted(
        lines.values(),
        key=lambda x: (
            -(x.skills_gaps + x.requests + x.development_goals),
            -x.committed,
            x.topic,
            x.department_id,
        ),
    )


def kept(user) -> list[Line]:
    """The lines, kept per process until anything they count changes (the figures stamp moves on
    root causes, requests, plans, goals and support; the rights stamp on people and departments)."""
    from perfloop.insights.team import stored

    return stored.remembered(("training-needs", user.pk), lambda: needs(user))


def people_of(user, topic: str, department_id: int):
    """The people behind one line (as the viewer's rights reach them), by name: those with a
    skills gap, a training request, a development goal or a training budget there."""
    from perfloop.org.models import Employee

    topic = topic or None  # a need that names no indicator: training requests stand there
    if topic is None:
        sources = Q(pk__in=_training_requests().values("record__employee_id"))
    else:
        sources = Q(pk__in=_skills_gaps().filter(indicator__name=topic).values("result__employee_id"))
    sources |= Q(pk__in=_development_goals().filter(indicator__name=topic).values("plan__employee_id"))
    sources |= Q(pk__in=budgets().filter(topic=topic).values("plan__employee_id"))
    return (
        Employee.objects.filter(people_q(user), sources, department_id=department_id)
        .only("pk", "name", "employee_no")
        .order_by("employee_no")
    )


def total(lines: list[Line]) -> Line:
    """The budgets of every line together (people are not added up: one person may be on several)."""
    found = Line("", 0)
    for each in lines:
        found.committed += each.committed
        found.spent += each.spent
    return found
