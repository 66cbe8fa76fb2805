"""Retention: departed people's records are kept the organisation's years (3 by default) after they
left; `manage.py purge --dry-run` lists who is past it and changes nothing, `purge` erases their
personal fields and keeps the figures; every run is kept."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from perfloop.feedback.models import FeedbackRecord
from perfloop.org.models import Employee, PurgeRun, Retention
from perfloop.plans.models import Plan
from perfloop.reviews.models import Result
from tests.feedback.conftest import held, in_feedback, record  # noqa: F401
from tests.org.helpers import HEADER_ZH, csv_bytes
from tests.reviews.conftest import cycle, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def _purge(*args) -> str:
    out = io.StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def test_leaving_by_import_keeps_the_day(org):
    from perfloop.org.importing import apply_org_import

    rows = [("E0001", "刘洋", "星河测试/研发中心/后端组", "", "L0001", "", "", "离职")]
    apply_org_import(csv_bytes(rows, header=[*HEADER_ZH, "状态"]), "leave.csv")
    assert Employee.objects.get(employee_no="E0001").left_on == timezone.localdate()


def test_purge_lists_then_erases_those_past_retention_and_keeps_the_figures(record, org):  # noqa: F811
    held(record, org, strengths="客户沟通主动", improvements="产品知识不足")
    Plan.objects.create(employee=org.employee, owner=org.user("manager"), title="刘洋的改进计划",
                        start_date="2023-10-16", end_date="2023-12-15", status="closed")  # fmt: skip
    today = timezone.localdate()
    Employee.objects.filter(pk=org.employee.pk).update(
        status="left", left_on=today - dt.timedelta(days=3 * 366)
    )
    Employee.objects.filter(pk=org.other_employee.pk).update(
        status="left", left_on=today - dt.timedelta(days=700)
    )
    composite = Result.objects.get(employee=org.employee).composite

    listed = _purge("--dry-run")
    assert "1 due" in listed and "E0001" in listed and "刘洋" in listed and "E0002" not in listed
    assert Employee.objects.get(pk=org.employee.pk).name == "刘洋"  # nothing changed
    assert FeedbackRecord.objects.get(pk=record.pk).strengths == "客户沟通主动"

    assert "1 erased" in _purge()
    gone = Employee.objects.get(pk=org.employee.pk)
    assert gone.employee_no == f"ERASED-{gone.pk}" and "刘洋" not in gone.name and gone.email == ""
    assert gone.user is None and gone.erased_at is not None
    assert not Employee.history.filter(id=gone.pk, name="刘洋").exists()
    account = org.user("employee")
    account.refresh_from_db()
    assert account.username == f"erased-{account.pk}" and not account.is_active
    assert not type(account).history.filter(id=account.pk, username="employee").exists()
    texts = FeedbackRecord.objects.get(pk=record.pk)
    assert (texts.strengths, texts.improvements) == ("", "")
    assert Plan.objects.get(employee=gone).title == "—"
    assert Result.objects.get(employee=gone).composite == composite  # the figures stay
    assert Employee.objects.get(pk=org.other_employee.pk).name == "周销售"  # within retention

    assert "0 erased" in _purge()  # nothing twice
    runs = list(PurgeRun.objects.order_by("at", "pk").values_list("dry_run", "people"))
    assert runs == [(True, [gone.pk]), (False, [gone.pk]), (False, [])]


def test_the_organisation_sets_how_long(org):
    today = timezone.localdate()
    Employee.objects.filter(pk=org.other_employee.pk).update(
        status="left", left_on=today - dt.timedelta(days=700)
    )
    assert "0 due" in _purge("--dry-run")
    Retention.objects.create(years=1)
    assert "1 due" in _purge("--dry-run")
