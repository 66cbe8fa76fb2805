"""Review templates: indicators, weights, and the positions and departments they apply to."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from perfloop.documents.imports import text
from perfloop.org.importing import DEPARTMENT_SEPARATORS, DepartmentIndex
from perfloop.org.models import Department, Position
from perfloop.reviews import anchors, rules
from perfloop.reviews.importing.base import ImportPlan, decimal_cell, direction_words, kind_words, read_rows
from perfloop.reviews.importing.columns import ANCHOR
from perfloop.reviews.models import Indicator, KpiActual, Review360, Template
from perfloop.reviews.scoring import DEFAULT_CAP


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
    anchors: list[str] | None
    positions: list[str] | None
    departments: list[int] | None


def _names(value) -> list[str]:
    """A cell listing names: 销售代表;销售主管 (also ；)."""
    return [n.strip() for n in text(value).replace("；", ";").split(";") if n.strip()]


def _department(plan: ImportPlan, line: int, index: DepartmentIndex, path: str) -> int | None:
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


class _RowReader:
    """Reads one template row at a time, remembering the indicators already seen."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        self.known_positions = set(Position.objects.values_list("name", flat=True))
        self.index = DepartmentIndex()
        self.seen: dict[tuple[str, str], int] = {}

    def read(self, row) -> _TemplateRow | None:
        v, line = row.values, row.line
        before = len(self.plan.errors)
        template, name = self.names(line, text(v["template"]), text(v["indicator"]))
        kind, weight, target, direction, cap, requirement = self.measure(line, v)
        # A column left out of the file leaves the template's anchors and assignments as they are.
        anchors = self.anchors(line, kind, v["anchors"]) if "anchors" in v else None
        positions = self.positions(line, v["positions"]) if "positions" in v else None
        departments = self.departments(line, v["departments"]) if "departments" in v else None
        if len(self.plan.errors) > before:
            return None
        return _TemplateRow(
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
            anchors,
            positions,
            departments,
        )

    def names(self, line: int, template: str, name: str) -> tuple[str, str]:
        plan = self.plan
        if not template:
            plan.error(line, _("Template name is missing."))
        if not name:
            plan.error(line, _("Indicator is missing."))
        if template and name:
            if (template, name) in self.seen:
                plan.error(
                    line,
                    _(
                        "Indicator “%(name)s” appears twice in template “%(template)s” (also on line %(other)d)."
                    )
                    % {"name": name, "template": template, "other": self.seen[(template, name)]},
                )
            self.seen.setdefault((template, name), line)
        return template, name

    def measure(self, line: int, v: dict) -> tuple:
        """Kind, weight, target, direction, cap and required score."""
        plan = self.plan
        kind = kind_words().get(text(v["kind"]).lower())
        if kind is None:
            plan.error(
                line, _("Kind “%(value)s” is unknown; use kpi or competency.") % {"value": text(v["kind"])}
            )
        weight = None
        if v["weight"] is None:
            plan.error(line, _("Weight is missing."))
        else:
            weight = decimal_cell(plan, line, v["weight"], _("Weight"), positive=True, digits=(5, 2))
        target = None
        if v.get("target") is not None:
            target = decimal_cell(plan, line, v["target"], _("Target"), positive=True)
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
            cap = decimal_cell(plan, line, v["cap"], _("Cap"), positive=True, digits=(6, 2))
            if cap is not None and cap < 100:
                plan.error(line, _("The cap must be at least 100%."))
        requirement = None
        if v.get("requirement") is not None:
            requirement = decimal_cell(
                plan, line, v["requirement"], _("Required score"), positive=True, digits=(6, 2)
            )
        return kind, weight, target, direction, cap, requirement

    def anchors(self, line: int, kind: str | None, value) -> list[str]:
        levels = anchors.parse(text(value))
        if levels and kind == Indicator.Kind.KPI:
            self.plan.error(line, _("Behaviour anchors describe a competency's ratings, not a KPI."))
        if len(levels) > 5:
            self.plan.error(line, _("Behaviour anchors: at most five levels, one per line, level 1 first."))
        if any(len(level) > ANCHOR for level in levels):
            self.plan.error(line, _("Behaviour anchors: at most %(n)s characters per level.") % {"n": ANCHOR})
        return levels

    def positions(self, line: int, value) -> list[str]:
        positions = _names(value)
        for p in positions:
            if p not in self.known_positions:
                self.plan.error(line, _("Unknown position “%(name)s”.") % {"name": p})
        return positions

    def departments(self, line: int, value) -> list[int]:
        return [d for d in (_department(self.plan, line, self.index, n) for n in _names(value)) if d]


def plan_template(content, filename, *, cycle=None, user=None) -> ImportPlan:
    plan = ImportPlan("template")
    return plan_rows(plan, read_rows(plan, content, filename), user)


@dataclass(frozen=True)
class Row:
    """A template row as a file's reader gives it: its cells by column, and its line."""

    values: dict
    line: int


def plan_rows(plan: ImportPlan, rows: list, user) -> ImportPlan:
    """The rows of one or more templates checked as one change (from a file, or from the template's
    page): each row, weights adding up to 100, a position or department in one template, the
    indicators with data kept, the user's HR scope."""
    plan.rows = len(rows)
    reader = _RowReader(plan)
    by_template: dict[str, list[_TemplateRow]] = defaultdict(list)
    for row in rows:
        parsed = reader.read(row)
        if parsed is not None:
            by_template[parsed.template].append(parsed)
    _check_weights_and_owners(plan, by_template)
    existing = {
        t.name: t
        for t in Template.objects.filter(name__in=by_template).prefetch_related(
            "indicators", "departments", "positions"
        )
    }
    _check_template_scope(plan, by_template, existing, user)
    _check_dropped_indicators(plan, by_template, existing)
    plan.groups = set(by_template)
    if plan.ok:
        plan.records = list(by_template.items())
        plan.to_create = len([n for n in by_template if n not in existing])
        plan.to_update = len(by_template) - plan.to_create
    return plan


def _check_weights_and_owners(plan: ImportPlan, by_template: dict[str, list[_TemplateRow]]) -> None:
    """Weights add up to 100%; a position or department follows one template in the file."""
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


def _check_dropped_indicators(plan: ImportPlan, by_template: dict, existing: dict) -> None:
    """Indicators left out of a template's new version may go only if no cycle has data for them."""
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


def _check_template_scope(plan: ImportPlan, by_template: dict, existing: dict, user) -> None:
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


def write(plan: ImportPlan, user) -> None:
    _apply_templates(plan.records, user)


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
            if r.anchors is not None:
                values["anchors"] = r.anchors
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


def save_from_page(*, name: str, positions, departments, indicators: list[dict], user) -> ImportPlan:
    """A template as its page sends it, checked exactly as a file's rows (one row per indicator,
    its number the row's), and saved when nothing is wrong. The page says whom it applies to."""
    from django.db import transaction

    from perfloop.org.selectors import department_path_names

    plan = ImportPlan("template")
    if not indicators:
        plan.error(0, _("Add at least one indicator."))
        return plan
    paths = department_path_names()
    shared = {
        "template": name,
        "positions": ";".join(p.name for p in positions),
        "departments": ";".join(paths[d.pk] for d in departments),
    }
    rows = [Row({**shared, **{k: v for k, v in i.items() if k != "name"}, "indicator": i["name"]}, n)
            for n, i in enumerate(indicators, start=1)]  # fmt: skip
    plan = plan_rows(plan, rows, user)
    if plan.ok:
        with transaction.atomic():
            write(plan, user)
    return plan
