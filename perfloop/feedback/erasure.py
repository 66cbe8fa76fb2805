"""Past retention, the conversations about a departed person keep their dates and states only."""

from django.dispatch import receiver

from perfloop.feedback.models import RECORD_TEXTS, Amendment, Appeal, FeedbackRecord, FeedbackRequest
from perfloop.org.events import people_erased


@receiver(people_erased, dispatch_uid="feedback.erase")
def erase(sender, *, employee_ids, **kwargs) -> None:
    records = FeedbackRecord.objects.filter(employee_id__in=employee_ids)
    records.update(
        **dict.fromkeys(RECORD_TEXTS, ""), dispute_reason="", talking_points="", place="", video_link=""
    )
    FeedbackRequest.objects.filter(record__in=records).update(text="—")
    Amendment.objects.filter(record__in=records).update(old_text="", new_text="", reason="—")
    Appeal.objects.filter(record__in=records).update(reason="—", note="")
