"""Imports of a review cycle's data and of templates: parse → check every row → apply all-or-nothing.

Four kinds, each a planner that reads a file and checks it against the database
without writing, and an apply that writes the checked records in bulk:
template (indicators and weights), results (KPI actuals), reviews (360 ratings),
evidence (事例).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perfloop.access.policy import people_q, roles_for
from perfloop.bulk import upsert
from perfloop.documents.imports import (
    PREVIEW_ROWS,
    ImportRefused,
    NumberOutOfRange,
    RowError,
    parse_date,
    parse_decimal,
    preview,
    summary,
    text,
)
from perfloop.documents.tables import Column, TableError, read_table
from perfloop.org.importing import DEPARTMENT_SEPARATORS, DepartmentIndex
from perfloop.org.models import Department, Employee, Position
from perfloop.reviews import rules
from perfloop.reviews.models import (
    EvidenceRecord,
    Indicator,
    KpiActual,
    Relation,
    Review360,
    ReviewCycle,
    Template,
)
from perfloop.reviews.scoring import DEFAULT_CAP
from perfloop.reviews.services import ACTUAL_FIELDS, DATA_STATUSES, TemplateResolver

NAME = 100  # template and indicator names
TEXT = 2000  # comments and evidence texts

COLUMNS = {
    "template": [
        Column("template", ("模板", "template"), max_length=NAME),
        Column("indicator", ("指标", "indicator"), max_length=NAME),
        Column("kind", ("类型", "kind")),
        Column("weight", ("权重", "weight")),
        Column("unit", ("单位", "unit"), required=False, max_length=20),
        Column("target", ("目标值", "target"), required=False),
        Column("direction", ("方向", "direction"), required=False),
        Column("cap", ("封顶", "cap"), required=False),
        Column("requirement", ("岗位要求", "requirement"), required=False),
        Column("positions", ("适用岗位", "positions"), required=False),
        Column("departments", ("适用部门", "departments"), required=False),
    ],
    "results": [
        Column("employee_no", ("工号", "employee_no")),
        Column("indicator", ("指标", "indicator")),
        Column("actual", ("实际值", "actual")),
        Column("target", ("目标值", "target"), required=False),
        Column("note", ("说明", "note"), required=False, max_length=500),
    ],
    "reviews": [
        Column("employee_no", ("工号", "employee_no")),
        Column("reviewer_no", ("评价人工号", "reviewer_no")),
        Column("relation", ("关系", "relation")),
        Column("indicator", ("指标", "indicator")),
        Column("rating", ("评分", "rating")),
        Column("comment", ("评语", "comment"), required=False, max_length=TEXT),
    ],
    "evidence": [
        Column("employee_no", ("工号", "employee_no")),
        Column("date", ("日期", "date")),
        Column("indicator", ("指标", "indicator"), required=False),
        Column("kind", ("性质", "kind", "类型")),
        Column("what", ("事例", "what"), max_length=TEXT),
        Column("impact", ("影响", "impact"), required=False, max_length=TEXT),
        Column("source", ("来源", "source"), required=False, max_length=200),
    ],
}
KIND_WORDS = {
    "kpi": Indicator.Kind.KPI,
    "competency": Indicator.Kind.COMPETENCY,
    "能力": "competency",
    "胜任力": "competency",
    "素质": "competency",
}
DIRECTION_WORDS = {
    "higher": "higher",
    "越高越好": "higher",
    "高": "higher",
    "lower": "lower",
    "越低越好": "lower",
    "低": "lower",
}


@cache
def _ui_words(choices, extra: tuple) -> dict:
    """The words a file may use for a choice: its code, what the UI shows in each language, and `extra`."""
    words = dict(extra)
    for value, label in choices.choices:
        words[value] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                words[str(label).lower()] = value
    return words


def kind_words() -> dict:
    return _ui_words(Indicator.Kind, tuple(KIND_WORDS.items()))


def direction_words() -> dict:
    return _ui_words(Indicator.Direction, tuple(DIRECTION_WORDS.items()))


RELATION_WORDS = {
    "self": "self",
    "自评": "self",
    "manager": "manager",
    "上级": "manager",
    "peer": "peer",
    "同事": "peer",
    "subordinate": "subordinate",
    "下属": "subordinate",
    "customer": "customer",
    "客户": "customer",
}
EVIDENCE_WORDS = {
    "positive": "positive",
    "正面": "positive",
    "正向": "positive",
    "negative": "negative",
    "负面": "negative",
    "负向": "negative",
}


@dataclass
class Plan:
    kind: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0
    records: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    groups: set = field(default_factory=set)  # the people (or templates) the rows are about
    blank: int = 0  # rows of a fill-in file left without values: skipped
    read: list = field(default_factory=list, repr=False)  # the rows as read, for the preview

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line: int, message: str) -> None:
        self.errors.append(RowError(line, message))

    def add(self, record, *, exists: bool) -> None:
        self.records.append(record)
        self.groups.add(record["employee"])
        if exists:
            self.to_update += 1
        else:
            self.to_create += 1

    def summary(self) -> dict:
        notes = list(self.notes)
        if self.blank:
            notes.append(
                ngettext(
                    "%(n)d row without values was skipped.",
                    "%(n)d rows without values were skipped.",
                    self.blank,
                )
                % {"n": self.blank}
            )
        return summary(
            kind=self.kind,
            rows=self.rows,
            to_create=self.to_create,
            to_update=self.to_update,
            unchanged=self.unchanged,
            notes=notes,
            errors=self.errors,
            groups=len(self.groups),
            shown=preview(COLUMNS[self.kind], self.read, self.errors),
        )


class _People:
    """Employees by number, with the template that applies to each and the user's scope."""

    def __init__(self, user):
        roles = roles_for(user) if user is not None else None
        # Whom the user's HR rights reach, from the access core (operators' commands: everyone).
        self.reachable = None
        if roles is not None and not roles.is_admin:
            self.reachable = set(
                Employee.objects.filter(people_q(user, hr_only=True)).values_list("pk", flat=True)
            )
        self.own = roles.employee.pk if roles is not None and roles.employee else None
        self.resolver = TemplateResolver()
        self.by_no = {
            no: (pk, position_id, department_id)
            for no, pk, position_id, department_id in Employee.objects.values_list(
                "employee_no", "id", "position_id", "department_id"
            )
        }
        self.indicators = {(i.template_id, i.name): i for i in Indicator.objects.all()}
        self.template_names = dict(Template.objects.values_list("id", "name"))

    def find(self, plan: Plan, line: int, number: str, *, role: str = "employee"):
        """(employee id, template id) or None after reporting why."""
        if not number:
            plan.error(line, _("Employee number is missing."))
            return None
        found = self.by_no.get(number)
        if found is None:
            plan.error(line, _("Unknown employee number %(no)s.") % {"no": number})
            return None
        pk, position_id, department_id = found
        if role == "employee" and self.reachable is not None and pk not in self.reachable:
            if pk == self.own:
                plan.error(
                    line,
                    _("%(no)s is you: data about yourself is entered by another HR user.") % {"no": number},
                )
            else:
                plan.error(line, _("Employee %(no)s is outside your HR scope.") % {"no": number})
            return None
        return pk, self.resolver.template_id(position_id, department_id)

    def indicator(self, plan: Plan, line: int, template_id, name: str, number: str, kind: str | None):
        if template_id is None:
            plan.error(line, _("No review template applies to employee %(no)s.") % {"no": number})
            return None
        indicator = self.indicators.get((template_id, name))
        if indicator is None:
            template = self.template_names.get(template_id, "")
            plan.error(
                line,
                _("Indicator “%(name)s” is not in template “%(template)s” that applies to %(no)s.")
                % {"name": name, "template": template, "no": number},
            )
            return None
        if kind == Indicator.Kind.KPI and indicator.kind != kind:
            plan.error(
                line, _("“%(name)s” is a competency: its ratings come from 360 reviews.") % {"name": name}
            )
            return None
        if kind == Indicator.Kind.COMPETENCY and indicator.kind != kind:
            plan.error(
                line, _("“%(name)s” is a KPI: its actual values come from the results file.") % {"name": name}
            )
            return None
        return indicator


def _read(plan: Plan, content: bytes, filename: str):
    try:
        rows = read_table(content, filename, COLUMNS[plan.kind])
    except TableError as exc:
        plan.error(0, str(exc))
        return []
    for row in rows:
        for message in row.errors:
            plan.error(row.line, message)
    plan.read = rows[:PREVIEW_ROWS]
    return rows


def _decimal(plan, line, value, label, *, positive=False, digits=(14, 4)):
    try:
        number = parse_decimal(value, digits)
    except NumberOutOfRange as exc:
        plan.error(
            line,
            _("%(field)s “%(value)s” is too large: it must be smaller than %(limit)s.")
            % {"field": label, "value": value, "limit": f"{exc.limit:,}"},
        )
        return None
    except ValueError:
        plan.error(line, _("%(field)s “%(value)s” is not a number.") % {"field": label, "value": value})
        return None
    if positive and number <= 0:
        plan.error(line, _("%(field)s must be greater than 0.") % {"field": label})
        return None
    return number


def _check_cycle(plan: Plan, cycle: ReviewCycle | None) -> bool:
    if cycle is None:
        plan.error(0, _("Choose the review cycle the data belongs to."))
        return False
    if cycle.status not in DATA_STATUSES:
        plan.error(
            0,
            _("The cycle is “%(status)s”: data can be imported while it is draft or open.")
            % {"status": cycle.get_status_display()},
        )
        return False
    return True


def _start(kind: str, content: bytes, filename: str, cycle, user):
    """What every cycle data import begins with: a cycle that takes data, and the file's rows."""
    plan = Plan(kind)
    if not _check_cycle(plan, cycle):
        return plan, [], None
    rows = _read(plan, content, filename)
    plan.rows = len(rows)
    return plan, rows, _People(user)


def plan_results(content, filename, *, cycle, user=None) -> Plan:
    plan, rows, people = _start("results", content, filename, cycle, user)
    seen: dict[tuple, int] = {}
    existing = set(KpiActual.objects.filter(cycle=cycle).values_list("employee_id", "indicator_id"))
    for row in rows:
        v, line = row.values, row.line
        if v["actual"] is None and v.get("target") is None and not text(v.get("note")):
            plan.blank += 1
            continue
        before = len(plan.errors)
        number = text(v["employee_no"])
        person = people.find(plan, line, number)
        indicator = None
        name = text(v["indicator"])
        if not name:
            plan.error(line, _("Indicator is missing."))
        elif person is not None:
            indicator = people.indicator(plan, line, person[1], name, number, Indicator.Kind.KPI)
        actual = None if v["actual"] is None else _decimal(plan, line, v["actual"], _("Actual value"))
        target = (
            None if v.get("target") is None else _decimal(plan, line, v["target"], _("Target"), positive=True)
        )
        if v["actual"] is None and v.get("target") is None:
            plan.error(line, _("Actual value is missing."))
        note = text(v.get("note"))
        if person is not None and indicator is not None:
            key = (person[0], indicator.pk)
            if key in seen:
                plan.error(
                    line,
                    _("%(no)s / %(name)s appears twice (also on line %(other)d).")
                    % {"no": number, "name": name, "other": seen[key]},
                )
            seen.setdefault(key, line)
        if len(plan.errors) == before:
            plan.add(
                {
                    "cycle": cycle.pk,
                    "employee": person[0],
                    "indicator": indicator.pk,
                    "actual": actual,
                    "target": target,
                    "note": note,
                },
                exists=key in existing,
            )
    return plan


def plan_reviews(content, filename, *, cycle, user=None) -> Plan:
    plan, rows, people = _start("reviews", content, filename, cycle, user)
    seen: dict[tuple, int] = {}
    existing = set(
        Review360.objects.filter(cycle=cycle).values_list("employee_id", "reviewer_id", "indicator_id")
    )
    for row in rows:
        v, line = row.values, row.line
        if v["rating"] is None and not text(v.get("comment")):
            plan.blank += 1
            continue
        before = len(plan.errors)
        number, reviewer_no = text(v["employee_no"]), text(v["reviewer_no"])
        person = people.find(plan, line, number)
        reviewer = people.find(plan, line, reviewer_no, role="reviewer") if reviewer_no else None
        if not reviewer_no:
            plan.error(line, _("Reviewer's employee number is missing."))
        relation = RELATION_WORDS.get(text(v["relation"]).lower())
        if relation is None:
            plan.error(
                line,
                _(
                    "Relation “%(value)s” is unknown; use self, manager, peer, subordinate or customer "
                    "(自评, 上级, 同事, 下属, 客户)."
                )
                % {"value": text(v["relation"])},
            )
        elif (
            person is not None
            and reviewer is not None
            and (relation == Relation.SELF) != (person[0] == reviewer[0])
        ):
            plan.error(
                line, _("A self review must have the employee as reviewer, and only a self review may.")
            )
        name = text(v["indicator"])
        indicator = None
        if not name:
            plan.error(line, _("Indicator is missing."))
        elif person is not None:
            indicator = people.indicator(plan, line, person[1], name, number, Indicator.Kind.COMPETENCY)
        rating = _decimal(plan, line, v["rating"], _("Rating")) if v["rating"] is not None else None
        if v["rating"] is None:
            plan.error(line, _("Rating is missing."))
        elif rating is not None and (rating != rating.to_integral_value() or not 1 <= rating <= 5):
            plan.error(
                line, _("Rating %(value)s must be a whole number from 1 to 5.") % {"value": v["rating"]}
            )
        if len(plan.errors) == before:
            key = (person[0], reviewer[0], indicator.pk)
            if key in seen:
                plan.error(
                    line,
                    _("%(reviewer)s has already rated %(no)s on %(name)s on line %(other)d.")
                    % {"reviewer": reviewer_no, "no": number, "name": name, "other": seen[key]},
                )
                continue
            seen[key] = line
            plan.add(
                {
                    "cycle": cycle.pk,
                    "employee": person[0],
                    "reviewer": reviewer[0],
                    "indicator": indicator.pk,
                    "relation": relation,
                    "rating": int(rating),
                    "comment": text(v.get("comment")),
                },
                exists=key in existing,
            )
    return plan


def plan_evidence(content, filename, *, cycle, user=None) -> Plan:
    plan, rows, people = _start("evidence", content, filename, cycle, user)
    existing = set(EvidenceRecord.objects.filter(cycle=cycle).values_list("employee_id", "date", "what"))
    for row in rows:
        v, line = row.values, row.line
        if all(v.get(f) is None for f in ("date", "kind", "what", "impact", "source")):
            plan.blank += 1
            continue
        before = len(plan.errors)
        number = text(v["employee_no"])
        person = people.find(plan, line, number)
        try:
            date = parse_date(v["date"]) if v["date"] is not None else None
        except ValueError:
            date = None
            plan.error(
                line, _("Date “%(value)s” is not a date; write it as 2024-03-01.") % {"value": v["date"]}
            )
        if v["date"] is None:
            plan.error(line, _("Date is missing."))
        indicator = None
        name = text(v.get("indicator"))
        if name and person is not None:
            indicator = people.indicator(plan, line, person[1], name, number, None)
        kind = EVIDENCE_WORDS.get(text(v["kind"]).lower())
        if kind is None:
            plan.error(
                line,
                _("Kind “%(value)s” is unknown; use positive or negative (正面, 负面).")
                % {"value": text(v["kind"])},
            )
        what = text(v["what"])
        if not what:
            plan.error(line, _("Describe what happened."))
        if len(plan.errors) == before:
            if (person[0], date, what) in existing:
                plan.unchanged += 1
                continue
            existing.add((person[0], date, what))
            plan.groups.add(person[0])
            plan.records.append(
                EvidenceRecord(
                    cycle=cycle,
                    employee_id=person[0],
                    date=date,
                    indicator=indicator,
                    kind=kind,
                    what=what,
                    impact=text(v.get("impact")),
                    source=text(v.get("source")),
                )
            )
            plan.to_create += 1
    return plan


@dataclass
class _TemplateRow:
    line: int
    template: str
    indicator: str
    kind: str
    weight: Decimal
    unit: str
    target: Decimal | None
    direction: str
    cap: Decimal
    requirement: Decimal | None
    positions: list[str] | None
    departments: list[int] | None


def _names(value) -> list[str]:
    """A cell listing names: 销售代表;销售主管 (also ；)."""
    return [n.strip() for n in text(value).replace("；", ";").split(";") if n.strip()]


def _department(plan: Plan, line: int, index: DepartmentIndex, path: str) -> int | None:
    names = tuple(n for n in DEPARTMENT_SEPARATORS.split(path) if n)
    try:
        found, missing = index.resolve(names)
    except ValueError:
        plan.error(
            line, _("Department “%(name)s” exists in several places; write its full path.") % {"name": path}
        )
        return None
    if found is None or missing:
        plan.error(line, _("Unknown department “%(name)s”.") % {"name": path})
        return None
    return found.pk


def plan_template(content, filename, *, cycle=None, user=None) -> Plan:
    plan = Plan("template")
    rows = _read(plan, content, filename)
    plan.rows = len(rows)
    known_positions = set(Position.objects.values_list("name", flat=True))
    index = DepartmentIndex()
    parsed: list[_TemplateRow] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        v, line = row.values, row.line
        before = len(plan.errors)
        template, name = text(v["template"]), text(v["indicator"])
        if not template:
            plan.error(line, _("Template name is missing."))
        if not name:
            plan.error(line, _("Indicator is missing."))
        if template and name:
            if (template, name) in seen:
                plan.error(
                    line,
                    _(
                        "Indicator “%(name)s” appears twice in template “%(template)s” (also on line %(other)d)."
                    )
                    % {"name": name, "template": template, "other": seen[(template, name)]},
                )
            seen.setdefault((template, name), line)
        kind = kind_words().get(text(v["kind"]).lower())
        if kind is None:
            plan.error(
                line, _("Kind “%(value)s” is unknown; use kpi or competency.") % {"value": text(v["kind"])}
            )
        weight = (
            _decimal(plan, line, v["weight"], _("Weight"), positive=True, digits=(5, 2))
            if v["weight"] is not None
            else None
        )
        if v["weight"] is None:
            plan.error(line, _("Weight is missing."))
        target = None
        if v.get("target") is not None:
            target = _decimal(plan, line, v["target"], _("Target"), positive=True)
        elif kind == Indicator.Kind.KPI:
            plan.error(line, _("A KPI needs a target value."))
        direction = direction_words().get(text(v.get("direction")).lower() or "higher")
        if direction is None:
            plan.error(
                line,
                _("Direction “%(value)s” is unknown; use higher or lower.") % {"value": text(v["direction"])},
            )
        cap = DEFAULT_CAP
        if v.get("cap") is not None:
            cap = _decimal(plan, line, v["cap"], _("Cap"), positive=True, digits=(6, 2))
            if cap is not None and cap < 100:
                plan.error(line, _("The cap must be at least 100%."))
        requirement = None
        if v.get("requirement") is not None:
            requirement = _decimal(
                plan, line, v["requirement"], _("Required score"), positive=True, digits=(6, 2)
            )
        # A column left out of the file leaves the template's assignments as they are.
        positions = _names(v["positions"]) if "positions" in v else None
        for p in positions or []:
            if p not in known_positions:
                plan.error(line, _("Unknown position “%(name)s”.") % {"name": p})
        departments = None
        if "departments" in v:
            departments = [
                d for d in (_department(plan, line, index, n) for n in _names(v["departments"])) if d
            ]
        if len(plan.errors) == before:
            parsed.append(
                _TemplateRow(
                    line,
                    template,
                    name,
                    kind,
                    weight,
                    text(v.get("unit")),
                    target,
                    direction,
                    cap,
                    requirement,
                    positions,
                    departments,
                )
            )

    by_template: dict[str, list[_TemplateRow]] = defaultdict(list)
    for r in parsed:
        by_template[r.template].append(r)
    owner: dict[tuple[str, object], str] = {}
    for name, items in by_template.items():
        total = sum(r.weight for r in items)
        if total != 100:
            plan.error(
                items[0].line,
                _("The weights of template “%(template)s” add up to %(total)s%%, not 100%%.")
                % {"template": name, "total": f"{total.normalize():f}"},
            )
        for r in items:
            for p in r.positions or []:
                if owner.setdefault(("position", p), name) != name:
                    plan.error(
                        r.line,
                        _("Position “%(position)s” is in two templates: “%(a)s” and “%(b)s”.")
                        % {"position": p, "a": owner[("position", p)], "b": name},
                    )
            for d in r.departments or []:
                if owner.setdefault(("department", d), name) != name:
                    plan.error(
                        r.line,
                        _("A department is in two templates: “%(a)s” and “%(b)s”.")
                        % {"a": owner[("department", d)], "b": name},
                    )
    # Indicators left out of a template's new version may go only if no cycle has data for them.
    existing = {
        t.name: t
        for t in Template.objects.filter(name__in=by_template).prefetch_related(
            "indicators", "departments", "positions"
        )
    }
    _check_template_scope(plan, by_template, existing, user)
    used = set(KpiActual.objects.values_list("indicator_id", flat=True).distinct()) | set(
        Review360.objects.values_list("indicator_id", flat=True).distinct()
    )
    for name, template in existing.items():
        keep = {r.indicator for r in by_template[name]}
        for ind in template.indicators.all():
            if ind.name not in keep and ind.pk in used:
                plan.error(
                    by_template[name][0].line,
                    _(
                        "Template “%(template)s” drops “%(name)s”, which has data in a cycle; keep it in the file."
                    )
                    % {"template": name, "name": ind.name},
                )
    plan.groups = set(by_template)
    if plan.ok:
        plan.records = list(by_template.items())
        plan.to_create = len([n for n in by_template if n not in existing])
        plan.to_update = len(by_template) - plan.to_create
    return plan


def _check_template_scope(plan: Plan, by_template: dict, existing: dict, user) -> None:
    """Each template, as it is and as the file makes it, must apply within the user's HR scope."""
    paths = dict(Department.objects.values_list("id", "path"))
    for name, items in by_template.items():
        current = existing.get(name)
        departments = {d.pk for d in current.departments.all()} if current else set()
        has_positions = bool(current and current.positions.all())
        for r in items:
            departments |= set(r.departments or [])
            has_positions = has_positions or bool(r.positions)
        if not rules.can_change_template(user, [paths[d] for d in departments], has_positions):
            plan.error(
                items[0].line,
                _(
                    "Template “%(template)s” applies beyond your HR scope; it can be changed only by HR "
                    "whose scope covers every department it applies to (company-wide HR for a template "
                    "by position)."
                )
                % {"template": name},
            )


def _write_results(plan: Plan, user) -> None:
    now = timezone.now()
    for record in plan.records:
        record["updated_by"], record["updated_at"] = getattr(user, "pk", None), now
    upsert(KpiActual, plan.records, unique=["cycle", "employee", "indicator"], update=ACTUAL_FIELDS)


def _write_reviews(plan: Plan, user) -> None:
    upsert(
        Review360,
        plan.records,
        unique=["cycle", "employee", "reviewer", "indicator"],
        update=["relation", "rating", "comment"],
    )


def _write_evidence(plan: Plan, user) -> None:
    for record in plan.records:
        record.created_by = user
    EvidenceRecord.objects.bulk_create(plan.records, batch_size=2000)


def _write_templates(plan: Plan, user) -> None:
    _apply_templates(plan.records, user)


# Each kind: how its file is checked, and how a checked file is written.
KIND_STEPS = {
    "template": (plan_template, _write_templates),
    "results": (plan_results, _write_results),
    "reviews": (plan_reviews, _write_reviews),
    "evidence": (plan_evidence, _write_evidence),
}


def plan_import(kind: str, content: bytes, filename: str, *, cycle=None, user=None) -> Plan:
    planner, _write = KIND_STEPS[kind]
    return planner(content, filename, cycle=cycle, user=user)


@transaction.atomic
def apply_import(kind: str, content: bytes, filename: str, *, cycle=None, user=None) -> Plan:
    """Check again and write everything, or nothing when any row is wrong."""
    planner, write = KIND_STEPS[kind]
    plan = planner(content, filename, cycle=cycle, user=user)
    if not plan.ok:
        raise ImportRefused(plan)
    write(plan, user)
    return plan


def _apply_templates(templates: list[tuple[str, list[_TemplateRow]]], user) -> None:
    """Templates are few and small: each change is saved one by one so that its history keeps the author."""
    positions = dict(Position.objects.values_list("name", "id"))
    for name, rows in templates:
        template = Template.objects.filter(name=name).first() or Template(name=name)
        template._history_user = user
        template.save()
        current = {i.name: i for i in template.indicators.all()}
        for order, r in enumerate(rows):
            values = {
                "kind": r.kind,
                "weight": r.weight,
                "unit": r.unit,
                "target": r.target,
                "direction": r.direction,
                "cap": r.cap,
                "requirement": r.requirement,
                "order": order,
            }
            indicator = current.pop(r.indicator, None) or Indicator(template=template, name=r.indicator)
            for field_name, value in values.items():
                setattr(indicator, field_name, value)
            indicator._history_user = user
            indicator.save()
        for indicator in current.values():
            indicator._history_user = user
            indicator.delete()
        # A position or department follows one template: taking it here takes it from any other.
        if rows[0].positions is not None:
            wanted = {positions[p] for r in rows for p in r.positions}
            Template.positions.through.objects.filter(position_id__in=wanted).exclude(
                template=template
            ).delete()
            template.positions.set(wanted)
        if rows[0].departments is not None:
            wanted = {d for r in rows for d in r.departments}
            Template.departments.through.objects.filter(department_id__in=wanted).exclude(
                template=template
            ).delete()
            template.departments.set(wanted)
