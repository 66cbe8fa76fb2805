from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.org.forms import DepartmentField
from perfloop.org.models import Department, Employee


class NameHRForm(forms.Form):
    """An administrator names a person HR for a department (and everything under it)."""

    employee = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Employee.objects.filter(status=Employee.Status.ACTIVE),
        error_messages={"required": _("Choose the person."), "invalid_choice": _("Choose the person.")},
    )
    department = DepartmentField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.only("id", "name", "path", "depth")
        self.fields["department"].required = True
        self.fields["department"].label = _("HR for")
