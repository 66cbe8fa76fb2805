"""Read queries for the organisation, always scoped through the access layer."""

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from perfloop.access.policy import managed_employees, rights_key, visible_departments, visible_employees
from perfloop.org.models import Department, Employee
from perfloop.org.spelling import typed


def _with_relations(qs: QuerySet[Employee]) -> QuerySet[Employee]:
    return qs.select_related("department", "position", "manager")


def search_q(q: str, prefix: str = "", *, position: bool = True) -> Q:
    """People found by part of their name, their number, their name typed in pinyin ("zhangwei",
    "zw") or their position; `prefix` reaches the employee through a relation ("employee__")."""
    found = Q(**{f"{prefix}name__icontains": q}) | Q(**{f"{prefix}employee_no__icontains": q})
    if latin := typed(q):
        found |= Q(**{f"{prefix}spelling__contains": latin})
    if position:
        found |= Q(**{f"{prefix}position__name__icontains": q})
    return found


def directory(user, *, department: Department | None = None, q: str = "", status: str = "active"):
    qs = _with_relations(visible_employees(user))
    if department is not None:
        qs = qs.filter(department__path__under=department.path)
    if q:
        qs = qs.filter(search_q(q) | Q(email__icontains=q))
    if status in {Employee.Status.ACTIVE, Employee.Status.LEFT}:
        qs = qs.filter(status=status)
    return qs.order_by("department__path", "employee_no")


def team(user, *, q: str = ""):
    qs = _with_relations(managed_employees(user)).filter(status=Employee.Status.ACTIVE)
    if q:
        qs = qs.filter(search_q(q))
    return qs.order_by("manager_path", "employee_no")


TABLE_FIELDS = (
    "id",
    "employee_no",
    "name",
    "status",
    "manager_id",
    "hire_date",
    "department__name",
    "position__name",
    "manager__name",
)


def people_table(rows) -> list[dict]:
    """A page of people (`.values(*TABLE_FIELDS)`) as the directory and team tables show them:
    plain values and links made once here, so that the template only prints them."""
    statuses = dict(Employee.Status.choices)
    return [
        {
            "id": row["id"],
            "url": reverse("org:employee_detail", args=[row["id"]]),
            "employee_no": row["employee_no"],
            "name": row["name"],
            "left": row["status"] == Employee.Status.LEFT,
            "status": statuses[row["status"]],
            "manager_id": row["manager_id"],
            "department": row["department__name"],
            "position": row["position__name"] or "—",
            "manager": row["manager__name"] or "—",
            "hire_date": date_format(row["hire_date"]) if row["hire_date"] else "—",
        }
        for row in rows
    ]


def employee_for(user, pk: int) -> Employee | None:
    return _with_relations(visible_employees(user)).filter(pk=pk).first()


def department_choices(user) -> QuerySet[Department]:
    return visible_departments(user).only("id", "name", "path", "depth").order_by("path")


def department_options(form, user, kind: str = "visible") -> str:
    """The department filter's options, indented by depth, selected as sent: built here (a
    template loop over a company's tree of 550 departments costs tens of milliseconds a page),
    and kept per process for the user until the organisation or their rights change."""
    key = rights_key(user)
    key = key and (*key, kind)  # `kind` names the form's set of departments
    options = _OPTIONS.get(key) if key else None
    if options is None:
        options = [
            (str(d.pk), format_html('<option value="{}">{}</option>', d.pk, "\u3000" * d.depth + d.name))
            for d in form.fields["department"].queryset
        ]
        if key:
            if len(_OPTIONS) >= 1000:
                _OPTIONS.clear()
            _OPTIONS[key] = options
    chosen = str(form["department"].value() or "")
    return mark_safe(
        "".join(html.replace('">', '" selected>', 1) if pk == chosen else html for pk, html in options)
    )


# (user id, rights stamp) → each department's option, unselected
_OPTIONS: dict[tuple, list[tuple[str, str]]] = {}


def department_path_names() -> dict[int, str]:
    """Each department's full name as the organisation import writes it: 总部/研发中心/后端组."""
    names = dict(Department.objects.values_list("id", "name"))
    paths = dict(Department.objects.values_list("id", "path"))
    return {
        pk: "/".join(names[int(i)] for i in path.strip("/").split("/") if i) for pk, path in paths.items()
    }


def nearest_managers_with_login(employees) -> dict[int, int]:
    """Employee id → the user of their nearest manager up the chain who can sign in (one query)."""
    chains = {e.pk: [int(i) for i in e.manager_path.strip("/").split("/") if i] for e in employees}
    ids = {i for chain in chains.values() for i in chain}
    logins = dict(Employee.objects.filter(pk__in=ids, user__isnull=False).values_list("pk", "user_id"))
    owners = {}
    for pk, chain in chains.items():
        found = next((logins[i] for i in reversed(chain) if i in logins), None)
        if found is not None:
            owners[pk] = found
    return owners
