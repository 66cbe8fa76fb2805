from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.documents.bounds import BoundExceeded, check_size


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (XLSX or CSV)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except BoundExceeded as exc:
            raise forms.ValidationError(str(exc)) from exc
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload
