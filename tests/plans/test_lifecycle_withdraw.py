"""A wrong draft is taken back: deleted while the employee has not seen it, cancelled with a reason
they read once it was sent; an active plan is not withdrawn."""

import pytest
from django.core.exceptions import ValidationError

from perfloop.notify.models import Notification
from perfloop.plans import lifecycle
from perfloop.plans.models import Goal, Plan
from tests.plans.conftest import ready

pytestmark = pytest.mark.django_db


def test_an_unsent_draft_is_deleted_with_its_parts(plan, org, browser_like):
    manager = browser_like("manager", "zh-hans")
    page = f"/plans/{plan.pk}/"
    assert "删除这份草稿" in manager.get(page).content.decode()
    answer = manager.submit(page, f"/plans/{plan.pk}/withdraw/", {})
    assert answer.status_code == 302 and answer["Location"] == "/plans/"
    assert not Plan.objects.filter(pk=plan.pk).exists() and not Goal.objects.filter(plan_id=plan.pk).exists()


def test_a_sent_plan_is_cancelled_with_the_reason_the_employee_reads(
    plan, org, browser_like, django_capture_on_commit_callbacks
):
    plan = ready(plan, org)
    manager = browser_like("manager", "zh-hans")
    page = f"/plans/{plan.pk}/"
    refused = manager.submit(page, f"/plans/{plan.pk}/withdraw/", {"reason": " "})
    plan.refresh_from_db()
    assert refused.status_code == 302 and plan.status == Plan.Status.DRAFT  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        manager.submit(page, f"/plans/{plan.pk}/withdraw/", {"reason": "指标口径有误，将重新起草"})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CANCELLED and plan.cancel_reason == "指标口径有误，将重新起草"
    assert Notification.objects.filter(recipient=org.user("employee"), event="plans.withdrawn").exists()
    seen = browser_like("employee", "zh-hans").get(page).content.decode()
    assert "指标口径有误，将重新起草" in seen and "已取消" in seen and 'data-testid="acknowledge"' not in seen


def test_an_active_plan_is_not_withdrawn(plan, org):
    Plan.objects.filter(pk=plan.pk).update(status="active", first_sent_at=plan.created_at)
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        lifecycle.withdraw(plan=plan, by=org.user("manager"), reason="不要了")
