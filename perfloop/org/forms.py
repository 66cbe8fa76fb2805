from django import forms
from django.utils.translation import gettext_lazy as _


class DepartmentField(forms.ModelChoiceField):
    """A department of the tree, indented by its depth; the form sets the departments in scope."""

    def __init__(self, **kwargs):
        super().__init__(queryset=None, label=_("Department"), required=False, **kwargs)

    def label_from_instance(self, obj):
        return "\u3000" * obj.depth + obj.name


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department = DepartmentField()
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Active")), ("left", _("Left")), ("all", _("All"))],
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
