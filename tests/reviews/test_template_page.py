"""Review templates written on the page: indicators with kind, weight, target, direction, cap and
required score, whom the template applies to, the same checks as an imported file (weights add up
to 100, a KPI needs a target, data kept, HR scope), and nothing saved while anything is wrong."""

import pytest

from perfloop.reviews.models import Indicator, Template
from tests.org.factories import PositionFactory

pytestmark = pytest.mark.django_db
NEW = "/reviews/templates/new/"


def rows(*indicators, extra=0) -> dict:
    data = {
        "indicators-TOTAL_FORMS": str(len(indicators) + extra), "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0", "indicators-MAX_NUM_FORMS": "60",
    }  # fmt: skip
    for n, row in enumerate(indicators):
        base = {
            "kind": "kpi",
            "direction": "higher",
            "cap": "120",
            "unit": "",
            "target": "",
            "requirement": "",
        }
        data |= {f"indicators-{n}-{k}": v for k, v in {**base, **row}.items()}
    for n in range(len(indicators), len(indicators) + extra):
        data |= {
            f"indicators-{n}-kind": "kpi",
            f"indicators-{n}-direction": "higher",
            f"indicators-{n}-cap": "120",
        }
    return data


def test_hr_writes_a_template_on_the_page(org, browser_like):
    hr = browser_like("hr_in_scope", "zh-hans")
    body = {
        "name": "后端岗",
        "departments": [org.backend.pk],
        **rows(
            {"name": "代码交付", "weight": "60", "unit": "个", "target": "100"},
            {"name": "缺陷率", "weight": "40", "unit": "%", "target": "2", "direction": "lower"},
            extra=1,  # an empty row is no indicator
        ),
    }
    answer = hr.submit(NEW, NEW, body)
    assert answer.status_code == 302
    template = Template.objects.get(name="后端岗")
    assert list(template.departments.all()) == [org.backend]
    assert [(i.name, i.weight, i.direction) for i in template.indicators.all()] == [
        ("代码交付", 60, "higher"), ("缺陷率", 40, "lower"),
    ]  # fmt: skip
    # Opened again, it shows what it holds; an indicator removed goes.
    page = hr.get(f"/reviews/templates/{template.pk}/").content.decode()
    assert 'value="代码交付"' in page and 'value="缺陷率"' in page
    edit = {
        "departments": [org.backend.pk],
        **rows(
            {"name": "代码交付", "weight": "100", "unit": "个", "target": "100"},
            {"name": "缺陷率", "weight": "0", "DELETE": "on"},
        ),
    }
    assert (
        hr.submit(
            f"/reviews/templates/{template.pk}/", f"/reviews/templates/{template.pk}/", edit
        ).status_code
        == 302
    )
    assert list(template.indicators.values_list("name", flat=True)) == ["代码交付"]


def test_weights_that_do_not_add_up_and_a_kpi_without_target_are_refused_and_nothing_saved(org, browser_like):
    hr = browser_like("hr_in_scope", "zh-hans")
    body = {
        "name": "后端岗",
        "departments": [org.backend.pk],
        **rows({"name": "代码交付", "weight": "60", "target": "100"}, {"name": "缺陷率", "weight": "30"}),
    }
    answer = hr.submit(NEW, NEW, body)
    page = answer.content.decode()
    assert answer.status_code == 400 and not Template.objects.exists()
    assert "指标 2： KPI 指标需要目标值。" in page  # the row's number, as a file's line
    assert "权重合计为 60%，不是 100%" in page  # of the rows that can be read
    assert 'value="代码交付"' in page  # what was typed is kept


def test_a_template_beyond_the_hr_scope_is_refused(org, browser_like):
    position = PositionFactory(name="销售代表")
    hr = browser_like("hr_in_scope")  # HR for 研发中心 only: a template by position applies everywhere
    body = {
        "name": "销售岗",
        "positions": [position.pk],
        **rows({"name": "回款", "weight": "100", "target": "10"}),
    }
    answer = hr.submit(NEW, NEW, body)
    assert answer.status_code == 400 and not Indicator.objects.exists()
    assert "beyond your HR scope" in answer.content.decode()


def test_only_hr_opens_the_page(org, client_for):
    assert client_for("manager").get(NEW).status_code == 403
    assert client_for("employee").get(NEW).status_code == 403
