from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Kinds of private read this app logs (the access core's read log).
RECORD_READ = "feedback"
PACK_READ = "fb_pack"


class FeedbackConfig(AppConfig):
    name = "perfloop.feedback"
    label = "feedback"
    url_prefix = "feedback/"
    api_router = "perfloop.feedback.api.router"
    # After the review stage's demo (its cycle in feedback): one conversation already scheduled.
    demo = "perfloop.feedback.demo.seed_feedback"
    verbose_name = _("Feedback conversations")

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.feedback import erasure, personal_data  # noqa: F401  (erasure: its receivers)

        add_sections(personal_data.SECTIONS)
        from perfloop.access.audit import register_read_kind
        from perfloop.feedback import ui

        register_read_kind(RECORD_READ, _("Feedback record"))
        register_read_kind(PACK_READ, _("Feedback preparation pack"))
        ui.register()
        from perfloop.feedback import notifications

        notifications.register()
