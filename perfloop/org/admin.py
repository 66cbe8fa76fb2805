from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from perfloop.org.events import announce_leaving
from perfloop.org.models import Department, Employee, Position, PurgeRun, Retention
from perfloop.org.services import rebuild_paths, would_create_cycle


class DepartmentAdminForm(admin.ModelAdmin.form):
    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if self.instance.pk and parent is not None and parent.path.startswith(self.instance.path):
            raise ValidationError({"parent": _("A department cannot be placed under itself.")})
        return cleaned


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    form = DepartmentAdminForm
    list_display = ["name", "parent", "depth"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rebuild_paths()


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class EmployeeAdminForm(admin.ModelAdmin.form):
    def clean(self):
        cleaned = super().clean()
        if would_create_cycle(self.instance, cleaned.get("manager")):
            raise ValidationError({"manager": _("This manager would put the reporting line in a loop.")})
        return cleaned


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    form = EmployeeAdminForm
    list_display = ["employee_no", "name", "department", "position", "manager", "status"]
    list_select_related = ["department", "position", "manager"]
    list_filter = ["status"]
    search_fields = ["employee_no", "name", "email"]
    autocomplete_fields = ["department", "position", "manager"]
    # An account is linked to an employee by HR's invitation only: linked here, an administrator's
    # own account would reach a manager's people (perfloop/accounts/admin.py).
    readonly_fields = ["user", "left_on", "erased_at"]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.left_on = timezone.localdate() if obj.status == Employee.Status.LEFT else None
        super().save_model(request, obj, form, change)
        rebuild_paths()
        if change and "status" in form.changed_data and obj.status == Employee.Status.LEFT:
            announce_leaving([obj], by=request.user)


@admin.register(Retention)
class RetentionAdmin(admin.ModelAdmin):
    list_display = ["years"]

    def has_add_permission(self, request):
        return not Retention.objects.exists()  # one setting for the organisation


@admin.register(PurgeRun)
class PurgeRunAdmin(admin.ModelAdmin):
    list_display = ["at", "dry_run", "years", "left_before"]
    readonly_fields = ["at", "dry_run", "years", "left_before", "people"]

    def has_add_permission(self, request):
        return False  # written by `manage.py purge` only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
