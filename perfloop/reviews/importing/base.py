"""What every kind of the review stage's imports shares: the plan, people and indicators by number, cell parsing, the cycle check."""

from dataclasses import dataclass, field
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perfloop.access.policy import people_q, roles_for
from perfloop.documents.imports import (
    PREVIEW_ROWS,
    NumberOutOfRange,
    RowError,
    parse_decimal,
    preview,
    summary,
)
from perfloop.documents.tables import TableError, read_table
from perfloop.org.models import Employee
from perfloop.reviews.importing.columns import COLUMNS
from perfloop.reviews.models import Indicator, ReviewCycle, Template
from perfloop.reviews.services import DATA_STATUSES, TemplateResolver

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
class ImportPlan:
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


class People:
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

    def find(self, plan: ImportPlan, line: int, number: str, *, role: str = "employee"):
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

    def indicator(self, plan: ImportPlan, line: int, template_id, name: str, number: str, kind: str | None):
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


def read_rows(plan: ImportPlan, content: bytes, filename: str):
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


def decimal_cell(plan, line, value, label, *, positive=False, digits=(14, 4)):
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


def check_cycle(plan: ImportPlan, cycle: ReviewCycle | None) -> bool:
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


def start(kind: str, content: bytes, filename: str, cycle, user):
    """What every cycle data import begins with: a cycle that takes data, and the file's rows."""
    plan = ImportPlan(kind)
    if not check_cycle(plan, cycle):
        return plan, [], None
    rows = read_rows(plan, content, filename)
    plan.rows = len(rows)
    return plan, rows, People(user)
