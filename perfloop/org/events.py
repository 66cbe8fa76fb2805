"""What the organisation tells the other apps. Sent inside the writing transaction (not on
commit): what they do about it commits, or rolls back, with the change itself."""

from django.dispatch import Signal

# Employees marked 离职 (by import or by an administrator): `user_ids` of their accounts and `by`,
# the user who recorded it. Their access ends at once; their records stay.
people_left = Signal()


def announce_leaving(employees, *, by=None) -> None:
    """Tell the other apps who left; only those with an account have access to end."""
    user_ids = [e.user_id for e in employees if e.user_id]
    if user_ids:
        people_left.send(sender="org", user_ids=user_ids, by=by)


# Departed people whose records are past the organisation's retention (`org.retention.purge`):
# `employee_ids`, and `user_ids` of their accounts. Each app erases the personal text it keeps
# about them (the figures stay, for team reports), inside the purge's transaction.
people_erased = Signal()
