from django.contrib import admin

from perfloop.access.models import HRAssignment


@admin.register(HRAssignment)
class HRAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "department"]
    list_select_related = ["user", "department"]
    autocomplete_fields = ["user", "department"]
