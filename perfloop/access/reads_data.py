"""Who opened a person's records (the private-read log), for their data export."""

from perfloop.access.models import PrivateRead
from perfloop.access.personal_data import Section


def reads(employee, for_self: bool) -> list[dict]:
    found = PrivateRead.objects.filter(employee=employee).select_related("reader").order_by("at")
    return [
        {"at": r.at, "reader": r.reader.get_username(), "what": r.what_label, "how": r.get_via_display(),
         "record": r.ref}
        for r in found
    ]  # fmt: skip


# What a person's data export holds of this app.
SECTIONS = (Section("reads_of_records", reads, 90),)
