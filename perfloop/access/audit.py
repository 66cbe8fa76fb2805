"""The record of private reads: every opening of someone else's result, 360 ratings or evidence."""

from perfloop.access.models import READ_KINDS, PrivateRead
from perfloop.access.policy import roles_for

What, Via = PrivateRead.What, PrivateRead.Via


def register_read_kind(code: str, label) -> str:
    """A kind of private record an app keeps (e.g. feedback records), shown by its label in the log."""
    assert len(code) <= PrivateRead._meta.get_field("what").max_length, code
    READ_KINDS[code] = label
    return code


def log_reads(user, employee_ids, whats, via: str, ref: str = "") -> int:
    """Keep who opened whose records (one row per person and kind); reading one's own is not logged."""
    roles = roles_for(user)
    own = roles.employee.pk if roles.employee else None
    reads = [
        PrivateRead(reader=user, employee_id=pk, what=what, via=via, ref=ref)
        for pk in dict.fromkeys(employee_ids)
        if pk != own
        for what in whats
    ]
    PrivateRead.objects.bulk_create(reads, batch_size=2000)
    return len(reads)


def log_result_opened(user, result, via: str, *, shows_reviews: bool) -> None:
    """A result page or its API answer shows the result, its evidence and maybe individual ratings."""
    whats = [What.RESULT, What.EVIDENCE] + ([What.REVIEWS] if shows_reviews else [])
    log_reads(user, [result.employee_id], whats, via, ref=f"result:{result.pk}")


def reads_of(employee):
    return PrivateRead.objects.filter(employee=employee).select_related("reader__employee")
