"""The demo company's online review round: the next quarter's, open over the whole company and
confidential, due in a week. 刘洋 (employee) has proposed three colleagues: two approved by his
manager 陈志强 (manager), one waiting for him; his self-assessment is half written. About half of
everyone else's reviews are in, so that HR's progress page has something to show."""

import datetime as dt
import random

from django.utils import timezone

from perfloop.org.models import Employee
from perfloop.reviews.models import Indicator, ReviewCycle
from perfloop.rounds import services
from perfloop.rounds.models import ReviewForm

COMMENTS = (
    "上周评审会上主动同步了风险，项目按期交付。",
    "接口文档写得清楚，联调时间缩短了一半。",
    "跨组协作时响应及时，帮助我们解决了线上问题。",
    "需求变更时能先确认影响再动手，返工少了。",
    "代码评审意见具体，新人上手更快。",
)


def seed_rounds(hr_user, seed: int = 0) -> None:
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.DRAFT).order_by("start_date").first()
    if cycle is None:
        return
    today = timezone.localdate()
    round = services.open_round(
        by=hr_user, cycle=cycle, relations=["self", "manager", "peer", "subordinate"],
        opens_on=today - dt.timedelta(days=3), deadline=today + dt.timedelta(days=7),
        peers_min=2, peers_max=4, reviewer_cap=8,
    )  # fmt: skip
    architect = Employee.objects.select_related("manager", "department").get(
        name="刘洋", employee_no__startswith="XH"
    )
    colleagues = list(
        Employee.objects.filter(department__path__under=architect.department.path, status="active")
        .exclude(pk__in=[architect.pk, architect.manager_id])
        .exclude(manager=architect)
        .order_by("employee_no")[:40]
    )
    # Colleagues with room under the cap (a team head already reviews each of their people).
    colleagues = [c for c in colleagues if services.load(round, c.pk) < round.reviewer_cap - 1][:3]
    nominations = [
        services.nominate(round=round, employee=architect, reviewer=c, by=architect.user) for c in colleagues
    ]
    for nomination in nominations[:2]:
        services.decide(nomination=nomination, approve=True, by=architect.manager.user)
    competencies = {
        template_id: [str(pk) for pk in pks] for template_id, pks in _competencies_by_template().items()
    }
    own = ReviewForm.objects.get(round=round, employee=architect, relation="self")
    first = competencies.get(own.template_id, [])[:1]
    services.save(
        form=own, by=architect.user,
        data={
            "answers": {key: {"rating": 4, "comment": "牵头完成了支付模块重构，上线后故障率下降一半。"} for key in first},
            "achievements": [{"what": "支付模块重构提前一周上线", "impact": "线上故障率下降50%",
                              "date": (today - dt.timedelta(days=20)).isoformat()}],
            "difficulties": "跨部门需求排期冲突多，等待时间长。",
            "requests": [{"kind": "training", "text": "希望参加架构设计培训"}],
        },
    )  # fmt: skip
    # Half of everyone else's reviews are in (not the demo logins' own, which are theirs to write).
    rng = random.Random(seed)
    logins = {architect.pk, architect.manager_id}
    now = timezone.now()
    done = []
    for form in (
        ReviewForm.objects.filter(round=round).exclude(reviewer_id__in=logins).only("pk", "template_id")
    ):
        if rng.random() < 0.5:
            keys = competencies.get(form.template_id, [])
            form.answers = {
                k: {"rating": rng.choice((3, 4, 4, 5)), "comment": rng.choice(COMMENTS)} for k in keys
            }
            form.answered = len(keys)
            form.status = ReviewForm.Status.SUBMITTED
            form.submitted_at = now - dt.timedelta(hours=rng.randint(1, 60))
            done.append(form)
    ReviewForm.objects.bulk_update(done, ["answers", "answered", "status", "submitted_at"], batch_size=500)


def _competencies_by_template() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for template_id, pk in (
        Indicator.objects.filter(kind=Indicator.Kind.COMPETENCY)
        .order_by("order", "pk")
        .values_list("template_id", "pk")
    ):
        found.setdefault(template_id, []).append(pk)
    return found
