"""A promotion or transfer dossier: the basis over three cycles read right and bounded; opened by
HR in scope, recommended by the manager, decided by HR — an approved transfer moves the person
through the organisation's own service with its history — and seen by the person only once
communicated, without the committee's reason. Pages as a browser posts them (CSRF)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from perfloop.access.models import PrivateRead
from perfloop.careers import basis, dossiers
from perfloop.careers.models import Dossier
from perfloop.notify.models import Notification
from perfloop.org.models import Employee
from tests.careers.factories import DossierFactory
from tests.feedback.test_documents import pdf_text
from tests.plans.factories import PlanFactory
from tests.races import race, refused
from tests.reviews.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def test_the_basis_over_three_cycles(org, history):
    found = basis.basis(Employee.objects.get(pk=org.employee.pk))
    assert [c.result.cycle.name for c in found.cycles] == ["2026年Q3", "2026年Q2", "2026年Q1"]
    assert found.trend == 24  # 104 − 80
    assert [x.reason for x in found.cycles[1].calibrations] == ["跨部门项目贡献未计入"]
    assert [s["name"] for s in found.cycles[0].strengths] == ["交付", "沟通能力"]
    assert [i["name"] for i in found.cycles[2].items] == ["交付"]  # 80 of 100: an improvement item then
    assert [p.title for p in found.plans] == ["架构能力发展", "交付提升计划"]
    assert found.evidence[0].what == "主导订单服务重构" and found.lessons[0].title == "重构前先补测试"
    (step,) = found.steps
    assert step.position == "高级工程师"
    assert [(n.indicator, n.level, n.score, n.met) for n in step.needs] == [("交付", 100, 104, True),
                                                                         ("沟通能力", 85, 90, True)]  # fmt: skip
    assert len(basis.basis(org.employee, cycles=2).cycles) == 2


def test_the_basis_costs_the_same_queries_however_long_the_history(org, history):
    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            basis.basis(org.employee)
        return len(queries)

    before = cost()
    results, _plan = history
    for n in range(40):
        PlanFactory(employee=org.employee, owner=org.user("manager"), status="closed", title=f"计划{n}")
        EvidenceFactory(
            cycle=results[0].cycle, employee=org.employee, date=dt.date(2026, 1, 1), what=f"事例{n}"
        )
    assert cost() == before
    found = basis.basis(org.employee)
    assert len(found.plans) == basis.MOST_PLANS and len(found.evidence) == basis.MOST_EVIDENCE


def test_hr_opens_the_manager_recommends_and_an_approved_transfer_moves_the_person(
    org, history, browser_like, django_capture_on_commit_callbacks
):
    hr = browser_like("hr_in_scope", language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        opened = hr.submit(f"/careers/new/{org.employee.pk}/", f"/careers/new/{org.employee.pk}/",
                           {"kind": "transfer", "department": org.rd.pk})  # fmt: skip
    dossier = Dossier.objects.get()
    assert opened.status_code == 302 and dossier.department == org.rd
    asked = Notification.objects.get(recipient=org.user("manager"), event="careers.recommendation_asked")
    assert asked.url == f"/careers/{dossier.pk}/"
    manager = browser_like("manager", language="zh-hans")
    page = manager.get(f"/careers/{dossier.pk}/").content.decode()
    assert (
        "调岗依据" in page and "跨部门项目贡献未计入" in page and "主导订单服务重构" in page and "+24" in page
    )
    assert 'data-testid="decide-form"' not in page  # the manager recommends, HR decides
    manager.submit(f"/careers/{dossier.pk}/", f"/careers/{dossier.pk}/recommend/",
                   {"r-recommendation": "recommend", "r-text": "三个季度交付持续提升"})  # fmt: skip
    wrong = hr.submit(f"/careers/{dossier.pk}/", f"/careers/{dossier.pk}/decide/",
                      {"d-decision": "approved", "d-reason": "岗位需要", "d-effective_date": ""})  # fmt: skip
    assert (
        wrong.status_code == 400
        and "生效日期" in wrong.content.decode()
        and "岗位需要" in wrong.content.decode()
    )
    today = timezone.localdate()
    hr.submit(f"/careers/{dossier.pk}/", f"/careers/{dossier.pk}/decide/",
              {"d-decision": "approved", "d-reason": "岗位需要", "d-effective_date": today.isoformat()})  # fmt: skip
    moved = Employee.objects.get(pk=org.employee.pk)  # effective today: at once
    assert moved.department == org.rd  # through the organisation's service:
    latest = moved.history.order_by("-history_date", "-history_id").first()
    assert latest.department_id == org.rd.pk and latest.history_user == org.user("hr_in_scope")
    assert moved.history.filter(department_id=org.backend.pk).exists()  # the history kept
    dossier.refresh_from_db()
    assert (dossier.decision, dossier.effective_date, dossier.recommendation) == (
        "approved", today, "recommend")  # fmt: skip
    assert dossier.applied_at is not None
    reads = PrivateRead.objects.filter(employee=org.employee, what="dossier")
    assert set(reads.values_list("reader__username", flat=True)) == {"manager", "hr_in_scope"}


def test_the_person_sees_the_decision_once_communicated_and_never_the_reason(
    org, history, browser_like, django_capture_on_commit_callbacks
):
    dossier = dossiers.open_dossier(by=org.user("hr_in_scope"), employee=org.employee, kind="transfer",
                                    department=org.rd)  # fmt: skip
    dossiers.decide(dossier=dossier, by=org.user("hr_in_scope"), decision="not_now", reason="编制冻结至明年")
    person = browser_like("employee", language="zh-hans")
    assert "暂缓" not in person.get("/careers/mine/").content.decode()
    assert person.get(f"/careers/{dossier.pk}/").status_code in (403, 404)
    hr = browser_like("hr_in_scope", language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        hr.submit(f"/careers/{dossier.pk}/", f"/careers/{dossier.pk}/communicate/", {})
    mine = person.get("/careers/mine/").content.decode()
    assert "暂缓" in mine and "编制冻结" not in mine
    told = Notification.objects.get(recipient=org.user("employee"), event="careers.decision")
    assert "编制冻结" not in str(told.params)
    assert browser_like("hr_out_of_scope").get(f"/careers/{dossier.pk}/").status_code == 404
    assert browser_like("other_manager").get(f"/careers/{dossier.pk}/").status_code == 404
    again = hr.submit(f"/careers/{dossier.pk}/", f"/careers/{dossier.pk}/communicate/", {}, follow=True)
    assert "已告知" in again.content.decode() or "already" in again.content.decode()


def test_the_documents_carry_the_basis_in_both_languages(org, history, client_for):
    dossier = DossierFactory(employee=org.employee, opened_by=org.user("hr_in_scope"))
    hr = client_for("hr_in_scope")
    for language, title in (("zh-hans", "晋升依据"), ("en", "Promotion dossier")):
        word = hr.get(f"/careers/{dossier.pk}/document/?format=docx", headers={"accept-language": language})
        document = Document(io.BytesIO(word.content))
        text = "\n".join([p.text for p in document.paragraphs] +
                         [c.text for t in document.tables for row in t.rows for c in row.cells])  # fmt: skip
        assert (
            title in text
            and "2026年Q1" in text
            and "跨部门项目贡献未计入" in text
            and "重构前先补测试" in text
        )
        pdf = hr.get(f"/careers/{dossier.pk}/document/?format=pdf", headers={"accept-language": language})
        assert pdf["Content-Type"] == "application/pdf" and title in pdf_text(pdf.content)
    assert PrivateRead.objects.filter(employee=org.employee, what="dossier", via="export").count() == 4


def test_the_outcome_list_shows_the_candidate_as_decided(org, history, client_for):
    _results, plan = history
    hr = client_for("hr_in_scope")
    listed = hr.get(f"/insights/outcomes/?cycle={plan.cycle_id}").content.decode()
    assert f"/careers/new/{org.employee.pk}/?kind=promotion&amp;cycle={plan.cycle_id}" in listed
    dossier = dossiers.open_dossier(by=org.user("hr_in_scope"), employee=org.employee, kind="promotion",
                                    position=Dossier._meta.get_field("position").related_model.objects.get(name="高级工程师"),
                                    cycle=plan.cycle)  # fmt: skip
    dossiers.decide(dossier=dossier, by=org.user("hr_in_scope"), decision="approved", reason="达标",
                    effective_date=timezone.localdate())  # fmt: skip
    listed = hr.get(
        f"/insights/outcomes/?cycle={plan.cycle_id}", headers={"accept-language": "en"}
    ).content.decode()
    assert "Dossier: Approved" in listed
    assert Employee.objects.get(pk=org.employee.pk).position.name == "高级工程师"


def test_an_approval_for_a_later_date_takes_effect_on_that_date_once(org, history, client_for):
    """Decided now, effective next month: the person keeps their role until the reminders' timer
    runs on the date, which moves them through the organisation's service in the decider's name."""
    _results, plan = history
    hr = org.user("hr_in_scope")
    later = timezone.localdate() + dt.timedelta(days=30)
    dossier = dossiers.open_dossier(by=hr, employee=org.employee, kind="transfer", department=org.rd,
                                    cycle=plan.cycle)  # fmt: skip
    decided = dossiers.decide(
        dossier=dossier, by=hr, decision="approved", reason="岗位需要", effective_date=later
    )
    assert decided.waiting and Employee.objects.get(pk=org.employee.pk).department == org.backend
    page = client_for("hr_in_scope").get(f"/careers/{dossier.pk}/", headers={"accept-language": "en"})
    assert "Not yet: on its effective date" in page.content.decode()
    listed = (
        client_for("hr_in_scope")
        .get(f"/insights/outcomes/?cycle={plan.cycle_id}", headers={"accept-language": "en"})
        .content.decode()
    )
    assert "Dossier: approved, effective" in listed
    with pytest.raises(dossiers.ValidationError) as another:  # still open until it takes effect
        dossiers.open_dossier(by=hr, employee=org.employee, kind="promotion", department=org.rd)
    assert another.value.code == "conflict"
    call_command("send_reminders", today=later - dt.timedelta(days=1), stdout=io.StringIO())
    assert Employee.objects.get(pk=org.employee.pk).department == org.backend
    call_command("send_reminders", today=later, stdout=io.StringIO())
    moved = Employee.objects.get(pk=org.employee.pk)
    latest = moved.history.order_by("-history_date", "-history_id").first()
    assert moved.department == org.rd and latest.history_user == hr
    dossier.refresh_from_db()
    assert dossier.applied_at is not None and not dossier.waiting
    assert dossiers.apply_due(later) == 0 and moved.history.filter(department_id=org.rd.pk).count() == 1
    page = client_for("hr_in_scope").get(f"/careers/{dossier.pk}/", headers={"accept-language": "en"})
    assert "Not yet" not in page.content.decode()


def test_an_approval_not_yet_in_effect_may_be_decided_again_and_is_told_again(
    org, history, browser_like, django_capture_on_commit_callbacks
):
    hr = org.user("hr_in_scope")
    later = timezone.localdate() + dt.timedelta(days=30)
    dossier = dossiers.open_dossier(by=hr, employee=org.employee, kind="transfer", department=org.rd)
    dossiers.decide(dossier=dossier, by=hr, decision="approved", reason="岗位需要", effective_date=later)
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.communicate(dossier=dossier, by=hr)
    page = browser_like("hr_in_scope", language="en")
    shown = page.get(f"/careers/{dossier.pk}/").content.decode()
    assert 'data-testid="decide-again"' in shown and 'data-testid="decide-form"' in shown
    again = page.submit(f"/careers/{dossier.pk}/", f"/careers/{dossier.pk}/decide/",
                        {"d-decision": "not_now", "d-reason": "本人希望留在原团队", "d-effective_date": ""})  # fmt: skip
    assert again.status_code == 302
    dossier.refresh_from_db()
    assert dossier.decision == "not_now" and dossier.communicated_at is None  # to be told again
    person = browser_like("employee", language="zh-hans")
    assert "暂缓" not in person.get("/careers/mine/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        dossiers.communicate(dossier=dossier, by=hr)
    assert "暂缓" in person.get("/careers/mine/").content.decode()
    assert Notification.objects.filter(recipient=org.user("employee"), event="careers.decision").count() == 2
    assert (
        dossiers.apply_due(later) == 0 and Employee.objects.get(pk=org.employee.pk).department == org.backend
    )
    with pytest.raises(dossiers.ValidationError) as decided:  # no longer waiting: decided for good
        dossiers.decide(dossier=dossier, by=hr, decision="rejected", reason="x")
    assert decided.value.code == "conflict"


def test_an_approval_that_can_no_longer_take_effect_waits_and_hr_hears_why(
    org, history, django_capture_on_commit_callbacks
):
    hr = org.user("hr_in_scope")
    later = timezone.localdate() + dt.timedelta(days=7)
    dossier = dossiers.open_dossier(by=hr, employee=org.employee, kind="transfer", department=org.rd)
    dossiers.decide(dossier=dossier, by=hr, decision="approved", reason="岗位需要", effective_date=later)
    hr.hr_assignments.update(department=org.backend)  # by then HR over the person's team alone
    assert dossiers.apply_due(later) == 0
    dossier.refresh_from_db()
    assert dossier.waiting and Employee.objects.get(pk=org.employee.pk).department == org.backend
    told = Notification.objects.get(event="careers.not_applied")
    assert told.recipient == hr and "研发中心" in str(told.params["reason"])
    assert (
        dossiers.apply_due(later) == 0
        and Notification.objects.filter(event="careers.not_applied").count() == 1
    )
    # Decided again (HR over the department once more), then refused again on its date: told again.
    hr.hr_assignments.update(department=org.rd)
    dossiers.decide(dossier=dossier, by=hr, decision="approved", reason="岗位需要", effective_date=later)
    hr.hr_assignments.update(department=org.backend)
    assert dossiers.apply_due(later) == 0
    assert Notification.objects.filter(event="careers.not_applied").count() == 2
    # Someone who left before the date is not moved.
    Employee.objects.filter(pk=org.employee.pk).update(status=Employee.Status.LEFT)
    assert dossiers.apply_due(later) == 0


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_one_is_told_it_was_decided(org, history):
    dossier = DossierFactory(employee=org.employee, opened_by=org.user("hr_in_scope"))
    hr = org.user("hr_in_scope")
    outcomes = race(*(lambda d=d: dossiers.decide(dossier=dossier, by=hr, decision=d, reason="委员会意见")
                      for d in ("not_now", "rejected")))  # fmt: skip
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
    assert Dossier.objects.get(pk=dossier.pk).decision in ("not_now", "rejected")


def test_one_open_dossier_a_person_and_nobody_decides_their_own(org, history):
    hr = org.user("hr_in_scope")
    dossiers.open_dossier(by=hr, employee=org.employee, kind="transfer", department=org.rd)
    with pytest.raises(dossiers.ValidationError) as second:
        dossiers.open_dossier(by=hr, employee=org.employee, kind="transfer", department=org.rd)
    assert second.value.code == "conflict"
    with pytest.raises(dossiers.PermissionDenied):
        dossiers.open_dossier(by=org.user("manager"), employee=org.lead, kind="transfer", department=org.rd)
    with pytest.raises(dossiers.ValidationError):  # nothing proposed
        dossiers.open_dossier(by=hr, employee=org.lead, kind="promotion")


def test_past_retention_a_dossier_keeps_its_figures_and_loses_its_words(org, history):
    from perfloop.org.events import people_erased

    dossier = DossierFactory(employee=org.employee, recommendation="recommend", recommendation_text="主导重构",
                             decision="approved", reason="岗位需要", effective_date=dt.date(2027, 1, 1))  # fmt: skip
    people_erased.send(sender="org", employee_ids=[org.employee.pk], user_ids=[org.user("employee").pk])
    dossier.refresh_from_db()
    assert (dossier.recommendation_text, dossier.reason) == ("", "")
    assert (dossier.decision, dossier.effective_date) == ("approved", dt.date(2027, 1, 1))


@pytest.mark.django_db(transaction=True)
def test_the_kept_basis_follows_every_write_it_reads(org, history):
    from perfloop.reviews.models import Calibration

    results, _plan = history
    employee = Employee.objects.get(pk=org.employee.pk)
    first = basis.kept(employee)
    assert basis.kept(employee) is first  # read from memory while nothing changed
    Calibration.objects.create(result=results[2], from_band="good", to_band="excellent", reason="年度最佳项目",
                               by=org.user("hr_in_scope"))  # fmt: skip
    assert [c.reason for c in basis.kept(employee).cycles[0].calibrations] == ["年度最佳项目"]
    EvidenceFactory(
        cycle=results[2].cycle, employee=org.employee, date=dt.date(2026, 9, 1), what="带教两名新人"
    )
    assert basis.kept(employee).evidence[0].what == "带教两名新人"
