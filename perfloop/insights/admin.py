from django.contrib import admin

from perfloop.insights.models import ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ["min_group", "problem_share"]

    def has_add_permission(self, request):
        return not ReportSettings.objects.exists()  # one setting for the organisation
