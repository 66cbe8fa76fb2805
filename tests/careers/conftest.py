"""刘洋 (the target, 工程师 of 后端组) over three published cycles: scores rising 80 → 86 → 94, a
calibration in the second, an improvement plan closed with its outcome, a development plan under
way, evidence, a lesson they wrote; the path 工程师 → 高级工程师 asks 交付 100 and 沟通能力 85."""

import datetime as dt

import pytest

from perfloop.plans.models import Plan
from perfloop.reviews.models import Calibration
from tests.careers.factories import PositionFactory, RequirementFactory
from tests.followup.factories import ClosureFactory
from tests.insights.factories import LessonFactory
from tests.plans.factories import PlanFactory
from tests.reviews.factories import EvidenceFactory, ResultFactory, ReviewCycleFactory, ScoredIndicatorFactory


def breakdown(score: int) -> list[dict]:
    return [
        {"indicator_id": 1, "name": "交付", "kind": "kpi", "unit": "%", "weight": "60", "requirement": None,
         "actual": str(score), "target": "100", "achievement": str(score), "score": str(score),
         "contribution": "0", "direction": "higher", "cap": "120", "personal_target": False},
        {"indicator_id": 2, "name": "沟通能力", "kind": "competency", "unit": "", "weight": "40",
         "requirement": None, "score": "90", "contribution": "0", "top_quarter": True},
    ]  # fmt: skip


@pytest.fixture
def history(org):
    engineer, senior = PositionFactory(name="工程师"), PositionFactory(name="高级工程师")
    org.employee.position = engineer
    org.employee.save(update_fields=["position"])
    RequirementFactory(step__position=engineer, step__next_position=senior, indicator="交付", level=100)
    RequirementFactory(step=engineer_step(engineer), indicator="沟通能力", level=85)
    results = []
    for n, (name, score, band) in enumerate([("2026年Q1", 80, "good"), ("2026年Q2", 86, "good"),
                                             ("2026年Q3", 104, "excellent")]):  # fmt: skip
        cycle = ReviewCycleFactory(name=name, status="closed" if n < 2 else "feedback",
                                   start_date=dt.date(2026, 1 + 3 * n, 1), end_date=dt.date(2026, 3 + 3 * n, 28))  # fmt: skip
        result = ResultFactory(cycle=cycle, employee=org.employee, composite=score, computed_band=band,
                               breakdown=breakdown(score))  # fmt: skip
        ScoredIndicatorFactory(result=result, name="交付", score=score, short=score < 100)
        ScoredIndicatorFactory(result=result, name="沟通能力", score=90)
        results.append(result)
    Calibration.objects.create(result=results[1], from_band="fair", to_band="good", reason="跨部门项目贡献未计入",
                               by=org.user("hr_in_scope"))  # fmt: skip
    improving = PlanFactory(employee=org.employee, owner=org.user("manager"), status="closed", title="交付提升计划",
                            cycle=results[0].cycle, result=results[0])  # fmt: skip
    ClosureFactory(plan=improving, result="met", outcome="promotion_candidate", decided_by=org.user("manager"),
                   closed_by=org.user("manager"))  # fmt: skip
    PlanFactory(employee=org.employee, owner=org.user("manager"), status="active", title="架构能力发展",
                kind=Plan.Kind.DEVELOPMENT)  # fmt: skip
    EvidenceFactory(cycle=results[2].cycle, employee=org.employee, date=dt.date(2026, 8, 3),
                    what="主导订单服务重构", impact="接口延迟下降40%")  # fmt: skip
    LessonFactory(title="重构前先补测试", author=org.user("employee"), department=org.backend)
    return results, improving


def engineer_step(engineer):
    from perfloop.careers.models import Step

    return Step.objects.get(position=engineer)
