"""Where a person stands against the next step of their development path: for each position their
own leads to, each requirement beside their score in their latest published result — figures,
met or not, and nothing said when there is no score."""

from dataclasses import dataclass
from decimal import Decimal

from perfloop.careers.models import Step
from perfloop.reviews.models import Result, ReviewCycle, ScoredIndicator


@dataclass
class Need:
    indicator: str
    level: Decimal
    score: Decimal | None  # None: the latest result does not score it

    @property
    def met(self) -> bool | None:
        return None if self.score is None else self.score >= self.level

    @property
    def short_by(self) -> Decimal | None:
        return None if self.score is None or self.met else self.level - self.score


@dataclass
class NextStep:
    position: str
    needs: list[Need]

    @property
    def met(self) -> int:
        return sum(1 for n in self.needs if n.met)


def latest_result(employee) -> Result | None:
    return (
        Result.objects.filter(employee=employee, cycle__status__in=ReviewCycle.PUBLISHED)
        .select_related("cycle")
        .order_by("-cycle__end_date", "-pk")
        .first()
    )


def steps_from(position_id: int | None):
    if position_id is None:
        return Step.objects.none()
    return (
        Step.objects.filter(position_id=position_id)
        .select_related("next_position")
        .prefetch_related("requirements")
    )


def standing(employee, result: Result | None) -> list[NextStep]:
    """Three queries whatever the path: the steps, their requirements, the result's scores."""
    steps = list(steps_from(employee.position_id))
    if not steps:
        return []
    scores = (
        dict(ScoredIndicator.objects.filter(result=result).values_list("name", "score")) if result else {}
    )
    return [
        NextStep(
            step.next_position.name,
            [Need(r.indicator, r.level, scores.get(r.indicator)) for r in step.requirements.all()],
        )
        for step in steps
    ]
