"""The self-assessment reaches the feedback conversation: the preparation pack and the guided
meeting show it under the employee's view, and only once it is submitted."""

import pytest

from tests.feedback.factories import FeedbackRecordFactory
from tests.reviews.factories import ResultFactory
from tests.rounds.factories import ReviewFormFactory, ReviewRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record_and_form(setup, org):
    setup.cycle.status = "feedback"
    setup.cycle.save()
    result = ResultFactory(cycle=setup.cycle, employee=org.employee, template=setup.template)
    record = FeedbackRecordFactory(result=result, holder=org.user("manager"))
    form = ReviewFormFactory(
        round=ReviewRoundFactory(cycle=setup.cycle), employee=org.employee, reviewer=org.employee, relation="self",
        template=setup.template, status="draft",
        achievements=[{"what": "支付模块重构提前一周上线", "impact": "故障率下降50%", "date": "2026-11-02"}],
        difficulties="跨部门排期冲突多", requests=[{"kind": "training", "text": "希望参加架构设计培训"}],
    )  # fmt: skip
    return record, form


@pytest.mark.parametrize("page", ["pack", "meeting"])
def test_the_submitted_self_assessment_is_the_employees_view(record_and_form, client_for, page):
    record, form = record_and_form
    url = f"/feedback/{record.pk}/{page}/"
    client = client_for("manager")
    draft = client.get(url)
    assert draft.status_code == 200 and "支付模块重构" not in draft.content.decode()  # a draft is theirs
    form.status = "submitted"
    form.save()
    html = client.get(url).content.decode()
    assert 'data-testid="employee-view"' in html
    assert "支付模块重构提前一周上线 — 故障率下降50%" in html and "跨部门排期冲突多" in html
    assert "希望参加架构设计培训" in html
