"""What each rating of a competency means (行为锚定): written by HR on the template's page or in its
file, shown on the review forms; a level left empty reads the general meaning."""

import pytest

from perfloop.documents.writers import csv_bytes
from perfloop.reviews import anchors
from perfloop.reviews.importing.templates import plan_template
from perfloop.reviews.models import Indicator
from tests.reviews.test_template_page import NEW, rows

pytestmark = pytest.mark.django_db


def test_levels_fill_the_gaps_with_the_general_meaning():
    levels = anchors.levels(["很少主动沟通", "", "按时同步进展"])
    assert levels[0] == (1, "很少主动沟通") and levels[2] == (3, "按时同步进展")
    assert levels[1][0] == 2 and levels[1][1] and levels[4][0] == 5


def test_hr_writes_anchors_on_the_template_page(org, browser_like):
    hr = browser_like("hr_in_scope", "zh-hans")
    body = {
        "name": "后端岗", "departments": [org.backend.pk],
        **rows(
            {"name": "代码交付", "weight": "60", "target": "100"},
            {"name": "沟通", "kind": "competency", "weight": "40", "anchors": "很少主动沟通\n\n按时同步进展\n\n带动团队沟通"},
        ),
    }  # fmt: skip
    assert hr.submit(NEW, NEW, body).status_code == 302
    communication = Indicator.objects.get(name="沟通")
    assert communication.anchors == ["很少主动沟通", "", "按时同步进展", "", "带动团队沟通"]
    page = hr.get(f"/reviews/templates/{communication.template_id}/").content.decode()
    assert "很少主动沟通\n\n按时同步进展" in page


def test_a_file_names_anchors_per_level_and_refuses_them_on_a_kpi(org):
    header = ["模板", "指标", "类型", "权重", "目标值", "行为锚定", "适用部门"]
    good = csv_bytes(header, [
        ["后端岗", "代码交付", "kpi", "60", "100", "", "星河测试/研发中心/后端组"],
        ["后端岗", "沟通", "competency", "40", "", "很少沟通|偶尔沟通|按时同步|主动协调|带动团队", "星河测试/研发中心/后端组"],
    ])  # fmt: skip
    plan = plan_template(good, "t.csv")
    assert plan.ok, plan.errors
    bad = csv_bytes(
        header, [["后端岗", "代码交付", "kpi", "100", "100", "好|坏", "星河测试/研发中心/后端组"]]
    )
    plan = plan_template(bad, "t.csv")
    assert not plan.ok and "KPI" in " ".join(e.message for e in plan.errors)
