from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from perfloop.access.models import HRAssignment
from perfloop.org.models import Employee


class HRAssignmentForm(forms.ModelForm):
    class Meta:
        model = HRAssignment
        fields = ["user", "department"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        # An admin who made themself HR could read every private record: scopes come from someone else.
        if user == self.acting_user:
            raise forms.ValidationError(_("You cannot give yourself an HR scope; ask another administrator."))
        # A scope goes to a real person: an account HR invited for an active employee, not one an
        # administrator made up and knows the password of.
        if not Employee.objects.filter(user=user, status=Employee.Status.ACTIVE).exists():
            raise forms.ValidationError(_("An HR scope goes only to the account of an active employee."))
        return user


@admin.register(HRAssignment)
class HRAssignmentAdmin(SimpleHistoryAdmin):
    form = HRAssignmentForm
    list_display = ["user", "department"]
    list_select_related = ["user", "department"]
    autocomplete_fields = ["user", "department"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.acting_user = request.user
        return form
