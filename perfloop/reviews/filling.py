"""Fill-in files: an import file pre-filled from this organisation, so that HR only types values.

For a cycle's data: one row per person in the user's HR scope and indicator of the template
that applies to them (values already entered are filled in); for templates: the templates as
they are. Rows left blank are skipped on import, so a partly filled file is fine.
"""

from collections import defaultdict

from perfloop.access.policy import people_q, roles_for
from perfloop.org.models import Employee
from perfloop.org.selectors import department_path_names
from perfloop.reviews.models import Indicator, KpiActual, Template
from perfloop.reviews.services import TemplateResolver

HEADERS = {
    "results": ["工号", "姓名", "指标", "单位", "实际值", "目标值", "说明"],
    "reviews": ["工号", "姓名", "评价人工号", "评价人", "关系", "指标", "评分", "评语"],
    "evidence": ["工号", "姓名", "日期", "指标", "性质", "事例", "影响", "来源"],
    "template": [
        "模板", "指标", "类型", "权重", "单位", "目标值", "方向", "封顶", "岗位要求", "适用岗位", "适用部门",
    ],
}  # fmt: skip


def _people(user):
    """(id, number, name, template id, manager number, manager name) of the people in HR scope."""
    people = Employee.objects.filter(status=Employee.Status.ACTIVE)
    if not roles_for(user).is_admin:
        people = people.filter(people_q(user, hr_only=True))
    resolver = TemplateResolver()
    for pk, no, name, position_id, department_id, manager_no, manager_name in people.order_by(
        "employee_no"
    ).values_list(
        "id", "employee_no", "name", "position_id", "department_id", "manager__employee_no", "manager__name"
    ):
        yield pk, no, name, resolver.template_id(position_id, department_id), manager_no, manager_name


def _indicators(kind: str) -> dict[int, list[Indicator]]:
    by_template = defaultdict(list)
    for indicator in Indicator.objects.filter(kind=kind).order_by("template_id", "pk"):
        by_template[indicator.template_id].append(indicator)
    return by_template


def _number(value):
    return "" if value is None else float(value)


def _results(user, cycle):
    kpis = _indicators(Indicator.Kind.KPI)
    entered = {
        (a.employee_id, a.indicator_id): a
        for a in KpiActual.objects.filter(cycle=cycle).only(
            "employee_id", "indicator_id", "actual", "target", "note"
        )
    }
    for pk, no, name, template_id, _manager_no, _manager_name in _people(user):
        for indicator in kpis.get(template_id, []):
            actual = entered.get((pk, indicator.pk))
            yield [
                no,
                name,
                indicator.name,
                indicator.unit,
                _number(actual.actual) if actual else "",
                _number(actual.target) if actual else "",
                actual.note if actual else "",
            ]


def _reviews(user, cycle):
    competencies = _indicators(Indicator.Kind.COMPETENCY)
    for _pk, no, name, template_id, manager_no, manager_name in _people(user):
        for indicator in competencies.get(template_id, []):
            yield [no, name, no, name, "自评", indicator.name, "", ""]
            if manager_no:
                yield [no, name, manager_no, manager_name, "上级", indicator.name, "", ""]


def _evidence(user, cycle):
    for _pk, no, name, *_rest in _people(user):
        yield [no, name, "", "", "", "", "", ""]


def _templates(user, cycle=None):
    departments = department_path_names()
    templates = Template.objects.prefetch_related("indicators", "positions", "departments").order_by("name")
    for template in templates:
        positions = ";".join(p.name for p in template.positions.all())
        applies_to = ";".join(departments.get(d.pk, d.name) for d in template.departments.all())
        for i in template.indicators.all():
            yield [
                template.name,
                i.name,
                i.kind,
                float(i.weight),
                i.unit,
                _number(i.target),
                i.direction if i.kind == Indicator.Kind.KPI else "",
                float(i.cap) if i.kind == Indicator.Kind.KPI else "",
                _number(i.requirement),
                positions,
                applies_to,
            ]


ROWS = {"results": _results, "reviews": _reviews, "evidence": _evidence, "template": _templates}


def fill_in(code: str, user, target=None):
    """(header, rows) of the fill-in file of one kind."""
    return HEADERS[code], ROWS[code](user, target)
