from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.reviews.models import Band, ReviewCycle, RootCause


class CycleForm(forms.ModelForm):
    class Meta:
        model = ReviewCycle
        fields = ["name", "kind", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class CalibrationForm(forms.Form):
    band = forms.ChoiceField(label=_("New band"), choices=Band.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RootCauseForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    cause = forms.ChoiceField(label=_("Root cause"), choices=RootCause.Cause.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, breakdown, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i["indicator_id"], i["name"]) for i in breakdown]
