"""HR's lists of a cycle's outcomes 结果应用: promotion and raise candidates, plans extended, role
changes, and plans with no outcome yet; for HR's own scope, a page at a time, and as XLSX."""

from typing import Literal

from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from perfloop.access import audit
from perfloop.access.models import PrivateRead
from perfloop.access.policy import people_q
from perfloop.documents.writers import xlsx_bytes
from perfloop.plans.apps import PLAN_READ
from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import Closure

PENDING = "pending"
Group = Literal["promotion_candidate", "raise_candidate", "extend", "role_change", "none", "pending"]
GROUPS = [*Closure.Outcome.values, PENDING]
GROUP_LABELS = {**dict(Closure.Outcome.choices), PENDING: _("No outcome yet")}
# The export's headers are Chinese, as HR files them.
HEADERS = [
    "工号",
    "姓名",
    "部门",
    "计划",
    "计划状态",
    "结果",
    "结果应用",
    "理由",
    "决定人",
    "HR确认",
    "员工确认",
]
FIELDS = (
    "id", "title", "status", "employee_id", "employee__employee_no", "employee__name",
    "employee__department__name", "closure__result", "closure__outcome", "closure__outcome_reason",
    "closure__decided_by__username", "closure__decided_by__employee__name", "closure__checked_at",
    "closure__acknowledged_at",
)  # fmt: skip


def latest_with_outcomes(cycles: list):
    """Of these cycles (newest first), the newest where some plan has a recorded result: the list
    opens there, not on a new draft cycle with nothing in it yet."""
    found = set(
        Plan.objects.filter(cycle_id__in=[c.pk for c in cycles], closure__isnull=False)
        .values_list("cycle_id", flat=True)
        .distinct()
    )
    return next((c for c in cycles if c.pk in found), cycles[0] if cycles else None)


def _group_q(group: str) -> Q:
    if group == PENDING:
        return Q(closure__isnull=True) | Q(closure__outcome="")
    return Q(closure__outcome=group)


def plans_of(user, cycle, group: str = ""):
    """The cycle's plans (drafts left out) of the people in the user's HR scope, in one group or all."""
    plans = Plan.objects.filter(cycle=cycle).exclude(status=Plan.Status.DRAFT)
    plans = plans.filter(people_q(user, via="employee__", hr_only=True))
    if group:
        plans = plans.filter(_group_q(group))
    return plans.order_by("employee__department__path", "employee__employee_no", "pk")


def log_listed(user, plans, via: str) -> None:
    """The lists show each plan's result, outcome and its reason: private reads of those people."""
    audit.log_reads(user, [p.employee_id for p in plans], [PLAN_READ], via, ref="outcomes")


def rows(plans) -> list[dict]:
    return list(plans.values(*FIELDS))


def counts(user, cycle) -> dict[str, int]:
    """How many plans in each group: one query."""
    per_outcome = {
        row["closure__outcome"] or PENDING: row["n"]
        for row in plans_of(user, cycle).order_by().values("closure__outcome").annotate(n=Count("pk"))
    }
    return {group: per_outcome.get(group, 0) for group in GROUPS}


def workbook(user, cycle, group: str = "") -> bytes:
    """The list as XLSX; whose outcomes left the system this way is logged, as any export of results."""
    ids = plans_of(user, cycle, group).values_list("employee_id", flat=True)
    audit.log_reads(user, ids.iterator(chunk_size=2000), [PrivateRead.What.EXPORT], PrivateRead.Via.EXPORT,
                    ref=f"outcomes:{cycle.pk}")  # fmt: skip
    with translation.override("zh-hans"):
        return _workbook(user, cycle, group)


def _workbook(user, cycle, group: str) -> bytes:
    results = dict(Closure.Result.choices)
    statuses = dict(Plan.Status.choices)
    body = [
        [
            r["employee__employee_no"],
            r["employee__name"],
            r["employee__department__name"],
            r["title"],
            str(statuses.get(r["status"], r["status"])),
            str(results.get(r["closure__result"], "")),
            str(GROUP_LABELS[r["closure__outcome"] or PENDING]),
            r["closure__outcome_reason"] or "",
            # A person by their name; an account with no employee record (an administrator) by its login.
            r["closure__decided_by__employee__name"] or r["closure__decided_by__username"] or "",
            "是" if r["closure__checked_at"] else "否",
            "是" if r["closure__acknowledged_at"] else "否",
        ]  # fmt: skip
        for r in plans_of(user, cycle, group).values(*FIELDS).iterator(chunk_size=2000)
    ]
    return xlsx_bytes(HEADERS, body, title="结果应用")
