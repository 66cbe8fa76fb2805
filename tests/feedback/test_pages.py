"""The stage as people use it, through pages posted as a browser does (CSRF enforced)."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from perfloop.access.models import PrivateRead
from perfloop.feedback.models import Appeal, FeedbackRecord, FeedbackRequest

Status = FeedbackRecord.Status
pytestmark = pytest.mark.django_db


def test_manager_prepares_schedules_holds_and_employee_disputes_then_acknowledges(
    in_feedback, org, browser_like
):
    manager = browser_like("manager")
    overview = reverse("feedback:cycle", args=[in_feedback.pk])
    page = manager.get(overview).content.decode()
    assert "刘洋" in page and 'data-status="none">2<' in page  # 刘洋 and 李组长 have results, no record

    response = manager.submit(overview, reverse("feedback:start", args=[in_feedback.pk, org.employee.pk]), {})
    record = FeedbackRecord.objects.get(employee=org.employee)
    assert response.status_code == 302 and response["Location"] == reverse("feedback:pack", args=[record.pk])

    pack = reverse("feedback:pack", args=[record.pk])
    html = manager.get(pack).content.decode()
    assert "Q3项目提前3天交付" in html and "data-sheet" in html
    response = manager.submit(
        pack,
        pack,
        {
            "goal": "improve",
            "setting": "video",
            "talking_points": "先肯定交付，再谈产品知识",
            "materials": ["data_sheet", "policies"],
        },
    )
    record.refresh_from_db()
    assert (record.setting, record.talking_points, record.materials) == (
        "video",
        "先肯定交付，再谈产品知识",
        ["data_sheet", "policies"],
    )

    page = reverse("feedback:record", args=[record.pk])
    manager.submit(
        page,
        reverse("feedback:schedule", args=[record.pk]),
        {
            "date": "2023-10-09",
            "time": "10:00",
            "minutes": "45",
            "place": "",
            "video_link": "https://meet.example.com/a",
        },
    )
    record.refresh_from_db()
    assert record.starts_at == dt.datetime(2023, 10, 9, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai

    # The guided meeting saves each box as it is typed, with the page's CSRF token in a header.
    meeting = reverse("feedback:meeting", args=[record.pk])
    html = manager.get(meeting).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    saved = manager.post(
        meeting, {"employee_view": "我同意，需要产品培训"}, headers={"X-Autosave": "1", "X-CSRFToken": token}
    )
    assert saved.status_code == 200 and json.loads(saved.content)["saved"] == ["employee_view"]
    record.refresh_from_db()
    assert record.employee_view == "我同意，需要产品培训" and "刘洋" in record.opening  # other boxes kept
    assert (
        manager.post(meeting, {"employee_view": "x"}, headers={"X-Autosave": "1"}).status_code == 403
    )  # no token

    manager.submit(
        meeting,
        reverse("feedback:request_add", args=[record.pk]),
        {"kind": "training", "text": "产品知识培训"},
    )
    assert FeedbackRequest.objects.get(record=record).kind == "training"
    manager.submit(page, reverse("feedback:held", args=[record.pk]), {"held_on": "2023-10-09"})
    record.refresh_from_db()
    assert record.status == Status.HELD

    employee = browser_like("employee")
    assert employee.get(pack).status_code == 403  # never the preparation pack
    html = employee.get(page).content.decode()
    assert "我同意，需要产品培训" in html and "先肯定交付" not in html
    employee.submit(page, reverse("feedback:dispute", args=[record.pk]), {"reason": "产品知识评分未考虑认证"})
    appeal = Appeal.objects.get(record=record)

    hr = browser_like("hr_in_scope")
    assert "产品知识评分未考虑认证" in hr.get(reverse("feedback:appeals")).content.decode()
    hr.submit(
        page, reverse("feedback:appeal_resolve", args=[appeal.pk]), {"outcome": "upheld", "note": "已核实"}
    )
    employee.submit(page, reverse("feedback:acknowledge", args=[record.pk]), {})
    record.refresh_from_db()
    assert record.status == Status.ACKNOWLEDGED

    # HR's openings are private reads on the record's log; the manager's and the employee's are not.
    reads = PrivateRead.objects.filter(ref=f"feedback:{record.pk}")
    assert {r.reader.username for r in reads} == {"hr_in_scope"}
    log = hr.get(reverse("feedback:reads", args=[record.pk])).content.decode()
    assert "Feedback record" in log


def test_locked_record_sends_the_meeting_back_to_the_record(record, org, browser_like):
    from perfloop.feedback import services
    from tests.feedback.conftest import held

    held(record, org)
    services.acknowledge(record=record, by=org.user("employee"))
    manager = browser_like("manager")
    response = manager.get(reverse("feedback:meeting", args=[record.pk]))
    assert response.status_code == 302
    page = reverse("feedback:record", args=[record.pk])
    response = manager.submit(
        page,
        reverse("feedback:amend", args=[record.pk]),
        {"field": "next_steps", "text": "改", "reason": "补充"},
    )
    record.refresh_from_db()
    assert record.next_steps == "改" and record.status == Status.HELD
    assert "补充" in manager.get(page).content.decode()


def test_bad_schedule_is_explained_in_chinese_and_changes_nothing(record, org, browser_like):
    manager = browser_like("manager", language="zh-hans")
    page = reverse("feedback:record", args=[record.pk])
    response = manager.submit(
        page,
        reverse("feedback:schedule", args=[record.pk]),
        {"date": "2023-10-09", "time": "10:00", "minutes": "45"},
        follow=True,
    )
    assert "请填写地点或视频会议链接" in response.content.decode()
    record.refresh_from_db()
    assert record.starts_at is None


def test_cycle_overview_counts_by_status(record, org, client_for):
    from tests.feedback.conftest import held

    held(record, org)
    html = client_for("hr_in_scope").get(reverse("feedback:cycle", args=[record.cycle_id])).content.decode()
    assert (
        'data-status="held">1<' in html
        and 'data-status="planned">0<' in html
        and 'data-status="none">2<' in html
    )  # 李组长, 陈志强
    other = (
        client_for("other_manager").get(reverse("feedback:cycle", args=[record.cycle_id])).content.decode()
    )
    assert "刘洋" not in other and 'data-status="held">0<' in other


def test_home_shows_the_employee_what_waits_for_their_answer(record, org, client_for):
    import datetime as dt

    from perfloop.feedback import services
    from tests.feedback.conftest import held

    assert "刘洋" not in client_for("manager").get("/").content.decode()  # not scheduled yet
    services.schedule(
        record=record,
        by=org.user("manager"),
        starts_at=dt.datetime(2023, 10, 9, 2, tzinfo=dt.UTC),
        minutes=45,
        place="A",
    )
    assert "刘洋" in client_for("manager").get("/").content.decode()  # a conversation coming up
    held(record, org)
    html = client_for("employee").get("/", headers={"accept-language": "en"}).content.decode()
    assert "waiting for your answer" in html


def test_the_coach_warns_as_the_manager_types_and_sums_up_before_saving(record, org, browser_like):
    manager = browser_like("manager", language="zh-hans")
    meeting = reverse("feedback:meeting", args=[record.pk])
    html = manager.get(meeting).content.decode()
    assert 'hx-post="/feedback/coach/"' in html and 'hx-params="employee_view"' in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    fragment = manager.post(
        reverse("feedback:coach"), {"employee_view": "你总是迟交周报。"}, headers={"X-CSRFToken": token}
    ).content.decode()
    assert 'data-rule="absolute"' in fragment and "<mark>总是</mark>" in fragment and "绝对化" in fragment
    clean = manager.post(
        reverse("feedback:coach"),
        {"strengths": "Q3项目提前3天交付，客户满意度95分。"},
        headers={"X-CSRFToken": token},
    ).content.decode()
    assert "data-rule" not in clean
    # A warning, never a block: the sentence is saved, and the summary lists it.
    manager.post(
        meeting, {"next_steps": "你的沟通能力需要加强"}, headers={"X-Autosave": "1", "X-CSRFToken": token}
    )
    record.refresh_from_db()
    assert record.next_steps == "你的沟通能力需要加强"
    summary = manager.get(meeting).content.decode().split('data-testid="coach-summary"')[1]
    assert 'data-rule="vague"' in summary


def test_date_pickers_get_iso_dates_in_chinese(record, client_for):
    """A browser date input takes 2023-10-09 only; Chinese formats dates as 2023/10/09."""
    from django.utils import timezone

    html = client_for("manager").get(
        reverse("feedback:record", args=[record.pk]), headers={"accept-language": "zh-hans"}
    )
    assert f'type="date" name="held_on" value="{timezone.localdate():%Y-%m-%d}"' in html.content.decode()


@pytest.mark.django_db
def test_the_overview_is_searched_and_names_who_has_no_conversation_as_links(org, in_feedback, client_for):
    from perfloop.reviews.models import Result

    hr = client_for("hr_in_scope")
    page = hr.get(f"/feedback/cycles/{in_feedback.pk}/").content.decode()
    missing = page.split('data-testid="without-record"')[1].split("</ul>")[0]
    own = Result.objects.get(cycle=in_feedback, employee=org.employee)
    assert f'href="/reviews/results/{own.pk}/">刘洋</a>' in missing and "李组长" in missing
    found = hr.get(f"/feedback/cycles/{in_feedback.pk}/", {"q": "liuyang"}).content.decode()
    missing = found.split('data-testid="without-record"')[1].split("</ul>")[0]
    assert "刘洋" in missing and "李组长" not in missing


@pytest.mark.django_db
def test_a_conversation_is_planned_only_once_it_has_a_date(record, org, client_for):
    import datetime as dt

    from django.utils import timezone

    from perfloop.feedback import services

    manager = client_for("manager")
    page = manager.get(f"/feedback/{record.pk}/").content.decode()
    assert 'data-testid="record-status">待安排<' in page
    services.schedule(
        record=record,
        by=org.user("manager"),
        starts_at=timezone.now() + dt.timedelta(days=1),
        minutes=45,
        place="A",
    )
    page = manager.get(f"/feedback/{record.pk}/").content.decode()
    assert 'data-testid="record-status">已计划<' in page


@pytest.mark.django_db
def test_the_amendment_form_starts_from_the_current_text(record, org, client_for):
    from perfloop.feedback import services
    from tests.feedback.conftest import held

    held(record, org, opening="今天我们回顾Q3的考核结果", strengths="交付及时")
    services.acknowledge(record=record, by=org.user("employee"))  # answered: changed by amendment
    page = client_for("manager").get(f"/feedback/{record.pk}/").content.decode()
    form = page.split('data-testid="amend-form"')[1].split("</form>")[0]
    assert "今天我们回顾Q3的考核结果</textarea>" in form
    texts = json.loads(page.split('id="current-texts" type="application/json">')[1].split("</script>")[0])
    assert texts["strengths"] == "交付及时"


@pytest.mark.django_db
def test_hr_reminds_the_managers_of_people_without_a_conversation_once_a_day(
    org, in_feedback, browser_like, django_capture_on_commit_callbacks
):
    from perfloop.notify import words
    from perfloop.notify.models import Notification

    hr = browser_like("hr_in_scope", "zh-hans")
    overview = f"/feedback/cycles/{in_feedback.pk}/"
    assert 'data-testid="remind-managers"' in hr.get(overview).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = hr.submit(overview, f"/feedback/cycles/{in_feedback.pk}/remind/", {}, follow=True)
    page = answer.content.decode()
    told = Notification.objects.get(event="feedback.conversations_missing")
    assert told.recipient == org.user("manager")  # 李组长's manager; 刘洋's (李组长) cannot sign in
    assert words.text(told.event, told.params, "zh-hans").startswith("您团队中有")
    assert "已提醒 1 位经理" in page and "没有可登录的上级" in page
    hr.submit(overview, f"/feedback/cycles/{in_feedback.pk}/remind/", {})
    assert Notification.objects.filter(event="feedback.conversations_missing").count() == 1  # today's, once
    assert (
        browser_like("manager").submit(overview, f"/feedback/cycles/{in_feedback.pk}/remind/", {}).status_code
        == 403
    )
