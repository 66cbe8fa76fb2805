import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from perfloop.imports.models import Import
from perfloop.reviews.models import Calibration, KpiActual, Result, ReviewCycle, RootCause
from perfloop.reviews.services import change_status
from tests.org.helpers import csv_bytes
from tests.reviews.conftest import RESULTS_HEADER


def result_of(org, cycle):
    return Result.objects.get(cycle=cycle, employee=org.employee)


def to_feedback(cycle, org):
    for status in ("calibrating", "feedback"):
        cycle = change_status(
            cycle=cycle, to=status, by=org.user("hr_in_scope"), reason="测试中有未完成的结果"
        )
    return cycle


@pytest.mark.django_db
def test_employee_sees_own_result_only_from_feedback_on(scored, org, client_for):
    url = f"/reviews/results/{result_of(org, scored).pk}/"
    assert client_for("employee").get(url).status_code == 404
    assert client_for("manager").get(url).status_code == 200
    to_feedback(scored, org)
    assert client_for("employee").get(url).status_code == 200
    for role in ("other_employee", "other_manager", "hr_out_of_scope", "admin"):
        assert client_for(role).get(url).status_code in (403, 404), role


@pytest.mark.django_db
def test_result_page_explains_the_score(scored, org):
    to_feedback(scored, org)
    client = Client(headers={"accept-language": "zh-CN"})
    client.force_login(org.user("employee"))
    page = client.get(f"/reviews/results/{result_of(org, scored).pk}/").content.decode()
    assert "81.5" in page and "良好" in page
    assert "代码交付：实际 95个，目标 100个（完成95%），差5个。" in page
    assert "产品知识 63.33分，岗位要求 80分，差16.67分。" in page
    assert "Q3项目提前3天交付" in page and "客户满意度95分" in page
    # The manager's mean is shown; one peer's rating is not (fewer than 3 raters), nor any comment.
    assert "上级 4" in page
    assert "同事 3" not in page and "其他（合并）" not in page
    # ... and the page says so, so that the score still adds up for the employee.
    assert "同事的评价人少于3人：不单独显示" in page and "得分计入了全部评分" in page
    assert "individual-reviews" not in page
    # The manager's comment is theirs to read (the manager is named anyway), without a name beside it.
    comments = page.split('data-testid="review-comments"')[1].split("</section>")[0]
    assert "配合积极" in comments and "李组长" not in comments
    # Two competencies make no radar; the score chart is always there.
    assert 'data-chart="score-chart"' in page and 'data-chart="radar-chart"' not in page


@pytest.mark.django_db
def test_hr_sees_individual_ratings_and_can_calibrate(scored, org):
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    result = result_of(org, scored)
    client = Client(headers={"accept-language": "en"})
    client.force_login(org.user("hr_in_scope"))
    page = client.get(f"/reviews/results/{result.pk}/").content.decode()
    assert "配合积极" in page and "Change the band" in page
    response = client.post(f"/reviews/results/{result.pk}/calibration/", {"band": "excellent", "reason": ""})
    assert response.status_code == 302 and not Calibration.objects.exists()
    client.post(f"/reviews/results/{result.pk}/calibration/", {"band": "excellent", "reason": "项目贡献突出"})
    result.refresh_from_db()
    assert result.band == "excellent"
    page = client.get(f"/reviews/results/{result.pk}/").content.decode()
    assert "项目贡献突出" in page and "Calibrated; computed band: Good" in page
    # The manager sees the reason too; the employee does not.
    manager_page = Client()
    manager_page.force_login(org.user("manager"))
    assert "项目贡献突出" in manager_page.get(f"/reviews/results/{result.pk}/").content.decode()
    to_feedback_cycle = change_status(
        cycle=scored, to="feedback", by=org.user("hr_in_scope"), reason="测试中有未完成的结果"
    )
    assert to_feedback_cycle.status == "feedback"
    employee_page = Client()
    employee_page.force_login(org.user("employee"))
    assert "项目贡献突出" not in employee_page.get(f"/reviews/results/{result.pk}/").content.decode()


@pytest.mark.django_db
def test_manager_tags_a_root_cause(scored, org, client_for):
    result = result_of(org, scored)
    knowledge = next(i["indicator_id"] for i in result.breakdown if i["name"] == "产品知识")
    client = client_for("manager")
    client.post(
        f"/reviews/results/{result.pk}/root-causes/",
        {"indicator": knowledge, "cause": "skills", "note": "缺培训"},
    )
    assert RootCause.objects.get().note == "缺培训"
    client.post(f"/reviews/results/{result.pk}/root-causes/", {"indicator": knowledge, "cause": "bogus"})
    assert RootCause.objects.count() == 1
    team = client.get(f"/reviews/cycles/{scored.pk}/team/").content.decode()
    assert "技能欠缺" in team


@pytest.mark.django_db
def test_team_view_shows_distribution_common_problems_and_exports(scored, org, client_for):
    scored.distribution_guide = {"good": 10}
    scored.save()
    client = client_for("hr_in_scope")
    page = client.get(f"/reviews/cycles/{scored.pk}/team/").content.decode()
    assert 'data-testid="guide-warning"' in page
    problems = page.split('data-testid="common-problems"')[1].split("</section>")[0]
    # 代码交付: 1 of the 2 people scored is under target; 产品知识: 1 of 1 under the requirement.
    assert "代码交付" in problems and "产品知识" in problems and "团队协作" not in problems
    response = client.get(f"/reviews/cycles/{scored.pk}/team.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    other = client_for("other_manager").get(f"/reviews/cycles/{scored.pk}/team/").content.decode()
    assert "刘洋" not in other


@pytest.mark.django_db
def test_hr_runs_a_cycle_in_the_browser_flow(cycle, org, client_for):
    client = client_for("hr_in_scope")
    response = client.post(
        "/reviews/cycles/",
        {"name": "", "kind": "quarter", "start_date": "2024-01-01", "end_date": "2023-01-01"},
    )
    assert response.status_code == 200 and ReviewCycle.objects.count() == 1
    content = csv_bytes([("E0001", "代码交付", "95", "", "")], header=RESULTS_HEADER)
    client.post(
        "/imports/upload/results/", {"target": cycle.pk, "file": SimpleUploadedFile("r.csv", content)}
    )
    record = Import.objects.get()
    assert record.target == cycle and record.summary["to_create"] == 1 and not KpiActual.objects.exists()
    client.post(f"/imports/{record.pk}/apply/")
    assert KpiActual.objects.count() == 1
    client.post(f"/reviews/cycles/{cycle.pk}/score/")
    # Everyone in the test organisation holds the position the template names.
    assert Result.objects.filter(cycle=cycle).count() == 6
    client.post(f"/reviews/cycles/{cycle.pk}/status/", {"to": "closed"})
    cycle.refresh_from_db()
    assert cycle.status == "open"
    client.post(f"/reviews/cycles/{cycle.pk}/status/", {"to": "calibrating"})
    cycle.refresh_from_db()
    assert cycle.status == "calibrating"


@pytest.mark.django_db
def test_data_import_by_a_manager_is_refused(cycle, client_for):
    content = csv_bytes([("E0001", "代码交付", "95", "", "")], header=RESULTS_HEADER)
    response = client_for("manager").post(
        "/imports/upload/results/", {"target": cycle.pk, "file": SimpleUploadedFile("r.csv", content)}
    )
    assert response.status_code == 403 and not Import.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["team", "result"])
def test_review_pages_queries_do_not_grow(url, django_assert_max_num_queries):
    import datetime as dt

    from django.core.management import call_command

    from perfloop.access.models import HRAssignment
    from perfloop.org.models import Department, Employee
    from perfloop.reviews.models import Indicator, Template
    from perfloop.reviews.services import score_cycle
    from tests.org.factories import UserFactory

    counts = []
    for size in (30, 600):
        call_command("generate_org", "--employees", str(size), "--seed", str(size))
        company = Department.objects.get(name=f"生成集团{size}", parent=None)
        template, _ = Template.objects.get_or_create(name="通用")
        if not template.indicators.exists():
            Indicator.objects.create(template=template, name="交付", kind="kpi", weight=100, target=100)
        template.departments.add(company)
        cycle = ReviewCycle.objects.create(
            name=f"c{size}", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 3, 31), status="open"
        )
        in_company = Employee.objects.filter(department__path__under=company.path)
        KpiActual.objects.bulk_create(
            KpiActual(cycle=cycle, employee=e, indicator=template.indicators.get(), actual=e.pk % 130)
            for e in in_company
        )
        score_cycle(cycle=cycle)
        user = UserFactory(username=f"hr{size}")
        HRAssignment.objects.create(user=user, department=company)
        client = Client()
        client.force_login(user)
        target = (
            f"/reviews/cycles/{cycle.pk}/team/"
            if url == "team"
            else f"/reviews/results/{Result.objects.filter(cycle=cycle, employee__in=in_company).first().pk}/"
        )
        with django_assert_max_num_queries(25) as captured:
            assert client.get(target).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_hr_enters_actuals_and_a_manager_adds_evidence(cycle, org, client_for):
    url = f"/reviews/cycles/{cycle.pk}/people/{org.employee.pk}/"
    from perfloop.reviews.models import EvidenceRecord, Indicator

    delivery = Indicator.objects.get(name="代码交付")
    hr = client_for("hr_in_scope")
    page = hr.get(url).content.decode()
    assert 'data-testid="actuals-form"' in page
    response = hr.post(url, {"action": "actuals", f"actual_{delivery.pk}": "abc"})
    assert response.status_code == 200 and not KpiActual.objects.exists()
    hr.post(url, {"action": "actuals", f"actual_{delivery.pk}": "97", f"target_{delivery.pk}": "110"})
    saved = KpiActual.objects.get()
    assert (saved.actual, saved.target) == (97, 110)

    manager = client_for("manager")
    assert 'data-testid="actuals-form"' not in manager.get(url).content.decode()
    manager.post(url, {"action": "actuals", f"actual_{delivery.pk}": "1"})
    assert KpiActual.objects.get().actual == 97  # managers do not enter actuals
    manager.post(
        url,
        {
            "action": "evidence",
            "date": "2023-08-01",
            "kind": "positive",
            "what": "主动分享技术方案",
            "indicator": delivery.pk,
        },
    )
    assert EvidenceRecord.objects.get().created_by == org.user("manager")
    assert client_for("other_manager").get(url).status_code == 404
    assert client_for("employee").get(url).status_code == 403


@pytest.mark.django_db
def test_a_reviewer_sees_only_the_reviews_they_wrote(scored, org, client_for):
    lead_page = client_for("other_employee").get("/reviews/my-reviews/").content.decode()
    # 周销售 (E0002) rated 刘洋 as a peer: only that row, and never the manager's comment.
    assert "团队协作" in lead_page and "配合积极" not in lead_page
    assert "产品知识测试65分" not in lead_page


@pytest.mark.django_db
def test_hr_changes_thresholds_weights_and_guide(scored, org, client_for):
    client = client_for("hr_in_scope")
    data = {
        "threshold_excellent": "95",
        "threshold_good": "81",
        "threshold_satisfactory": "70",
        "threshold_needs_improvement": "60",
        "weight_self": "0",
        "weight_manager": "100",
        "weight_peer": "0",
        "weight_subordinate": "0",
        "weight_customer": "0",
        "guide_excellent": "10",
        "raters_min": "1",
    }
    client.post(f"/reviews/cycles/{scored.pk}/settings/", {**data, "threshold_good": "99"})
    scored.refresh_from_db()
    assert scored.thresholds["good"] == 80  # refused: bands must descend
    client.post(f"/reviews/cycles/{scored.pk}/settings/", data)
    scored.refresh_from_db()
    assert scored.thresholds["good"] == 81 and scored.relation_weights["manager"] == 100
    assert scored.distribution_guide == {"excellent": 10} and scored.min_raters == 1
    client.post(f"/reviews/cycles/{scored.pk}/score/")
    result = Result.objects.get(cycle=scored, employee=org.employee)
    # Manager ratings only now: 团队协作 4 × 20 = 80, 产品知识 3 × 20 = 60 → 38 + 16 + 16 + 12 = 82.0
    assert result.composite == 82 and result.band == "good"
    assert client_for("manager").post(f"/reviews/cycles/{scored.pk}/settings/", data).status_code == 403


@pytest.mark.django_db
def test_small_rater_groups_are_merged_or_hidden_for_all_but_hr(scored, org, client_for):
    """One peer and one subordinate: hidden below 3 raters, merged as "others" at 2, shown at 1."""
    from perfloop.reviews.models import Indicator, Review360
    from perfloop.reviews.services import score_cycle

    Review360.objects.create(
        cycle=scored,
        employee=org.employee,
        reviewer=org.other_manager,
        indicator=Indicator.objects.get(name="团队协作"),
        relation="subordinate",
        rating=5,
    )
    score_cycle(cycle=scored)
    to_feedback(scored, org)
    result = result_of(org, scored)

    def relations(role):
        body = client_for(role).get(f"/api/v1/results/{result.pk}").json()
        return next(i["by_relation"] for i in body["breakdown"] if i["name"] == "团队协作")

    assert set(relations("employee")) == {"manager"}
    assert set(relations("manager")) == {"manager"}
    assert set(relations("hr_in_scope")) == {"manager", "peer", "subordinate"}
    ReviewCycle.objects.filter(pk=scored.pk).update(min_raters=2)
    assert relations("employee")["others"] == {"mean": "4.00", "count": 2}
    page = client_for("employee").get(f"/reviews/results/{result.pk}/").content.decode()
    assert "其他（合并） 4（2 人评价）" in page and "同事 3" not in page
    assert "同事、下属的评价人均少于2人：合并显示为“其他”" in page
    ReviewCycle.objects.filter(pk=scored.pk).update(min_raters=1)
    assert set(relations("employee")) == {"manager", "peer", "subordinate"}
