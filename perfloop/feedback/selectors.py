"""Read queries of the feedback stage, already scoped to the user."""

from django.db.models import Count, Exists, OuterRef

from perfloop.access.policy import people_q
from perfloop.feedback import rules
from perfloop.feedback.models import Appeal, FeedbackRecord
from perfloop.reviews import totals
from perfloop.reviews.models import Result
from perfloop.reviews.selectors import SUMMARY_FIELDS

Status = FeedbackRecord.Status
ROW_FIELDS = (
    "id",
    "status",
    "starts_at",
    "cancelled",
    "held_on",
    "cycle_id",
    "employee_id",
    "cycle__name",
    "cycle__start_date",
    "employee__name",
    "employee__employee_no",
    "employee__department__name",
)
RELATED = ("cycle", "employee__department", "employee__position", "result", "holder__employee")


def record_for(user, pk: int) -> FeedbackRecord | None:
    return FeedbackRecord.objects.visible_to(user).select_related(*RELATED).filter(pk=pk).first()


def records_for(user, *, cycle=None, status: str = "", reached_only: bool = False, department=None):
    """Records the user sees (their own, their subtree's, their HR scope's);
    `reached_only` leaves out the user's own (a team overview); `department`: of the people scored
    in it or under it (a team report's figure)."""
    records = (
        FeedbackRecord.objects.reached_by(user) if reached_only else FeedbackRecord.objects.visible_to(user)
    )
    if cycle is not None:
        records = records.filter(cycle=cycle)
    if department is not None:
        records = records.filter(result__department__path__under=department.path)
    if status:
        records = records.filter(status=status)
    # A row of a list: not the record's texts, which are most of its size.
    return (
        records.select_related("cycle", "employee__department")
        .only(*ROW_FIELDS)
        # By cycle, then in the order people were added: the (cycle, person) index, no sort.
        .order_by("cycle_id", "employee_id")
    )


COMING_UP = 200  # the soonest conversations a person holds, of which their reach is then checked


def coming_up(user):
    """Scheduled conversations the user holds, soonest first: found from the holder (a few dozen
    rows, by its index), then kept within the user's reach. In one query, SQLite's planner starts
    from the reach instead — every person of the company for company-wide HR."""
    held = list(
        FeedbackRecord.objects.filter(
            holder=user, status=Status.PLANNED, cancelled=False, starts_at__isnull=False
        )
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)[:COMING_UP]
    )
    return records_for(user, reached_only=True).filter(pk__in=held).order_by("starts_at", "pk")


def status_counts(user, cycle, department=None) -> dict[str, int]:
    """Planned, held, acknowledged and disputed records of the user's reach in a cycle: one aggregate."""
    records = FeedbackRecord.objects.filter(cycle=cycle)
    if department is not None:
        records = records.filter(result__department__path__under=department.path)
    rows = records.reached_by(user).order_by().values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Status.values, 0)
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def results_count(user, cycle, department=None) -> int:
    """Results in the user's reach: every record has one, so those with no record are this less the
    records. For HR, from the cycle's stored figures instead of counting their scope's results."""
    if department is not None:
        results = Result.objects.filter(cycle=cycle, department__path__under=department.path)
        return results.reached_by(user).count()
    stored = totals.for_scope(user, cycle)
    if stored is not None:
        return sum(stored["bands"].values()) + stored["pending"]
    return Result.objects.filter(cycle=cycle).reached_by(user).count()


def without_record(user, cycle, department=None):
    """Results in the user's reach with no feedback record yet (who still needs a conversation)."""
    has_record = FeedbackRecord.objects.filter(cycle=cycle, employee_id=OuterRef("employee_id"))
    results = Result.objects.filter(cycle=cycle)
    if department is not None:
        results = results.filter(department__path__under=department.path)
    return (
        results.reached_by(user)
        .filter(~Exists(has_record))
        .only(*SUMMARY_FIELDS)
        .select_related("employee")
        .order_by("employee_id")  # the (cycle, employee) index: a page without a sort
    )


def appeals_for(user, *, status: str = ""):
    """Appeals of records in the user's HR scope (an HR user's own appeal is not theirs to handle)."""
    appeals = Appeal.objects.filter(people_q(user, via=Appeal.people_via, hr_only=True))
    if status:
        appeals = appeals.filter(status=status)
    return appeals.select_related("record__employee__department", "record__cycle")


def record_page(user, record: FeedbackRecord) -> dict:
    """What the record's page shows of it, for this user: the texts and requests once the meeting
    was held (to its holder before), the amendments and appeals, and what the user may do."""
    holds = rules.can_hold(user, record.employee)
    shows_text = holds or record.status != FeedbackRecord.Status.PLANNED
    return {
        "record": record,
        "holds": holds,
        "shows_text": shows_text,
        "requests": list(record.requests.all()) if shows_text else [],
        "amendments": list(record.amendments.select_related("by__employee")) if shows_text else [],
        "appeals": list(record.appeals.select_related("resolved_by__employee")),
        "can_answer": rules.can_answer(user, record),
        "can_resolve": rules.can_resolve_appeals(user, record),
        "can_read_log": rules.can_read_log(user, record),
    }
