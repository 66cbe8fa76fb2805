from django.contrib import admin

from perfloop.notify.models import EventRule


@admin.register(EventRule)
class EventRuleAdmin(admin.ModelAdmin):
    """The organisation's own rules (also on the *Notification rules* page); the defaults are in
    notify/audience.py."""

    list_display = ["event", "employee", "manager", "hr", "email", "chat", "days", "changed_by", "changed_at"]
    readonly_fields = ["changed_by", "changed_at"]
