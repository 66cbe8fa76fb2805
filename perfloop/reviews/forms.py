from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.reviews.models import Band, EvidenceRecord, Indicator, ReviewCycle, RootCause


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


class ActualsForm(forms.Form):
    """One actual value, personal target and note per KPI of the person's template."""

    def __init__(self, *args, indicators, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = [i for i in indicators if i.kind == Indicator.Kind.KPI]
        for ind in self.indicators:
            actual, target, note = current.get(ind.pk, (None, None, ""))
            self.fields[f"actual_{ind.pk}"] = forms.DecimalField(
                label=ind.name, required=False, max_digits=14, decimal_places=4, initial=actual
            )
            self.fields[f"target_{ind.pk}"] = forms.DecimalField(
                label=_("Personal target"),
                required=False,
                max_digits=14,
                decimal_places=4,
                min_value=Decimal("0.0001"),
                initial=target,
            )
            self.fields[f"note_{ind.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500, initial=note
            )

    def rows(self):
        return [
            (ind, self[f"actual_{ind.pk}"], self[f"target_{ind.pk}"], self[f"note_{ind.pk}"])
            for ind in self.indicators
        ]

    def values(self) -> dict[int, dict]:
        return {
            ind.pk: {
                "actual": self.cleaned_data[f"actual_{ind.pk}"],
                "target": self.cleaned_data[f"target_{ind.pk}"],
                "note": self.cleaned_data[f"note_{ind.pk}"],
            }
            for ind in self.indicators
        }


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = EvidenceRecord
        fields = ["date", "indicator", "kind", "what", "impact", "source"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "what": forms.Textarea(attrs={"rows": 2}),
            "impact": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
