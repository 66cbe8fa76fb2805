from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department = forms.ModelChoiceField(label=_("Department"), queryset=None, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Active")), ("left", _("Left")), ("all", _("All"))],
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].label_from_instance = lambda d: "\u3000" * d.depth + d.name


class OrgImportForm(forms.Form):
    file = forms.FileField(
        label=_("Organisation file (XLSX or CSV)"),
        help_text=_(
            "Columns: 工号/employee_no, 姓名/name, 部门/department, 岗位/position, "
            "直属上级工号/manager_no, 入职日期/hire_date, 邮箱/email."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.PERFLOOP_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload
