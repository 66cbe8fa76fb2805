"""Listening to the domain apps' events (sent after their transaction commits): each becomes
notifications for those it concerns. The domain apps import nothing of this app."""

import uuid

from perfloop.feedback.events import feedback_event
from perfloop.notify.dispatch import raise_event
from perfloop.plans.events import plan_event


def connect() -> None:
    plan_event.connect(on_plan_event, dispatch_uid="notify-plans")
    feedback_event.connect(on_feedback_event, dispatch_uid="notify-feedback")


def _occurrence() -> str:
    # An act happens once; its signal is sent once after commit. The key keeps a retry of the same
    # signal from notifying twice.
    return uuid.uuid4().hex


def on_plan_event(sender, *, kind, plan_id, by_user_id=None, **extra):
    from perfloop.plans.models import Plan

    plan = Plan.objects.select_related("employee__department").filter(pk=plan_id).first()
    if plan is None:
        return
    raise_event(
        event=f"plans.{kind}", key=f"plans.{kind}:{plan_id}:{_occurrence()}", employee=plan.employee,
        manager_user_id=plan.owner_id, by_user_id=by_user_id,
        params={"title": plan.title, "name": plan.employee.name}, url=plan.get_absolute_url(),
    )  # fmt: skip


def on_feedback_event(sender, *, kind, record_id, by_user_id=None, **extra):
    from perfloop.feedback.models import FeedbackRecord

    record = (
        FeedbackRecord.objects.select_related("employee__department", "cycle").filter(pk=record_id).first()
    )
    if record is None:
        return
    when = record.starts_at.isoformat() if record.starts_at else ""
    raise_event(
        event=f"feedback.{kind}", key=f"feedback.{kind}:{record_id}:{_occurrence()}", employee=record.employee,
        manager_user_id=record.holder_id, by_user_id=by_user_id,
        params={"name": record.employee.name, "cycle": record.cycle.name, "when": when, "record": record.pk},
        url=record.get_absolute_url(),
    )  # fmt: skip
