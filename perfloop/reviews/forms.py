from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.home.forms import BootstrapMixin, DateInput
from perfloop.org.forms import DepartmentField
from perfloop.reviews import scoring
from perfloop.reviews.analysis import falls_short
from perfloop.reviews.models import Band, EvidenceRecord, Indicator, Relation, ReviewCycle, RootCause


class CycleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ReviewCycle
        fields = ["name", "kind", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
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
        # Root causes explain shortfalls: only the indicators that fall short are offered.
        self.fields["indicator"].choices = [
            (i["indicator_id"], i["name"]) for i in breakdown if falls_short(i)
        ]


def _plain(value: Decimal | None) -> str | None:
    """24.0000 as "24", as a person would type it."""
    return None if value is None else f"{value.normalize():f}"


class ActualsForm(forms.Form):
    """One actual value, personal target and note per KPI of the person's template."""

    def __init__(self, *args, indicators, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = [i for i in indicators if i.kind == Indicator.Kind.KPI]
        for ind in self.indicators:
            actual, target, note = current.get(ind.pk, (None, None, ""))
            self.fields[f"actual_{ind.pk}"] = forms.DecimalField(
                label=ind.name, required=False, max_digits=14, decimal_places=4, initial=_plain(actual)
            )
            self.fields[f"target_{ind.pk}"] = forms.DecimalField(
                label=_("Personal target"),
                required=False,
                max_digits=14,
                decimal_places=4,
                min_value=Decimal("0.0001"),
                initial=_plain(target),
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


class EvidenceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = EvidenceRecord
        fields = ["date", "indicator", "kind", "what", "impact", "source"]
        widgets = {
            "date": DateInput(),
            "what": forms.Textarea(attrs={"rows": 2}),
            "impact": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].empty_label = _("(no particular indicator)")
        self.fields["kind"].choices = EvidenceRecord.Kind.choices  # one must be chosen: no blank entry


class CycleSettingsForm(forms.Form):
    """Band thresholds, 360 relation weights and the distribution guide of one cycle."""

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        for band in scoring.BANDS[:-1]:
            self.fields[f"threshold_{band}"] = forms.DecimalField(
                label=Band(band).label,
                min_value=0,
                max_value=150,
                decimal_places=1,
                initial=cycle.thresholds.get(band),
            )
        for relation in Relation.values:
            self.fields[f"weight_{relation}"] = forms.IntegerField(
                label=Relation(relation).label,
                min_value=0,
                max_value=100,
                initial=cycle.relation_weights.get(relation, 0),
            )
        self.fields["raters_min"] = forms.IntegerField(
            label=_("Raters per relation"),
            min_value=1,
            max_value=20,
            initial=cycle.min_raters,
        )
        for band in scoring.BANDS:
            self.fields[f"guide_{band}"] = forms.IntegerField(
                label=Band(band).label,
                min_value=0,
                max_value=100,
                required=False,
                initial=cycle.distribution_guide.get(band),
            )

    def group(self, prefix):
        return [self[name] for name in self.fields if name.startswith(prefix)]

    def clean(self):
        cleaned = super().clean()
        limits = [cleaned.get(f"threshold_{b}") for b in scoring.BANDS[:-1]]
        if None not in limits and any(a <= b for a, b in zip(limits, limits[1:], strict=False)):
            raise forms.ValidationError(_("Each band's lowest score must be above the next band's."))
        if all(not cleaned.get(f"weight_{r}") for r in Relation.values):
            raise forms.ValidationError(_("At least one 360° relation needs a weight above 0."))
        return cleaned

    def settings(self) -> dict:
        data = self.cleaned_data
        return {
            "thresholds": {b: float(data[f"threshold_{b}"]) for b in scoring.BANDS[:-1]},
            "relation_weights": {r: data[f"weight_{r}"] for r in Relation.values},
            "min_raters": data["raters_min"],
            "distribution_guide": {
                b: data[f"guide_{b}"] for b in scoring.BANDS if data.get(f"guide_{b}") is not None
            },
        }


class TeamFilterForm(forms.Form):
    """The team view's search, filters and order (GET); what is not valid is ignored."""

    SORTS = [
        ("-composite", _("Composite score, highest first")),
        ("composite", _("Composite score, lowest first")),
        ("name", _("Name")),
        ("department", _("Department")),
        ("band", _("Band, best first")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department = DepartmentField()
    band = forms.ChoiceField(label=_("Band"), required=False, choices=[("", _("All bands")), *Band.choices])
    incomplete = forms.BooleanField(label=_("Incomplete only"), required=False)
    # The people falling short on an indicator (a common problem of the team report).
    short_on = forms.CharField(label=_("Falling short on"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class TemplatePageForm(forms.Form):
    """A review template on its page: its name and whom it applies to (its indicators below)."""

    name = forms.CharField(label=_("Template name"), max_length=100)
    positions = forms.ModelMultipleChoiceField(
        label=_("Positions"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )  # fmt: skip
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )  # fmt: skip

    def __init__(self, *args, positions, departments, renaming=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["positions"].queryset = positions
        self.fields["departments"].queryset = departments
        self.fields["departments"].label_from_instance = lambda d: "\u3000" * d.depth + d.name
        if not renaming:  # a template's name is its key (the file names it too)
            self.fields["name"].disabled = True


class IndicatorRowForm(BootstrapMixin, forms.Form):
    """One indicator of the template; a row left without a name is not an indicator."""

    id_prefix = "indicator"
    name = forms.CharField(label=_("Indicator"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Indicator.Kind.choices)
    weight = forms.DecimalField(label=_("Weight (%)"), max_digits=5, decimal_places=2, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=4, required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=Indicator.Direction.choices)
    cap = forms.DecimalField(label=_("Cap (%)"), max_digits=6, decimal_places=2, initial=scoring.DEFAULT_CAP)
    requirement = forms.DecimalField(
        label=_("Required score"), max_digits=6, decimal_places=2, required=False
    )
    anchors = forms.CharField(
        label=_("Behaviour anchors"), required=False, max_length=1005,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("One line per rating, 1 first")}),
    )  # fmt: skip


IndicatorRows = forms.formset_factory(
    IndicatorRowForm, extra=3, can_delete=True, max_num=60, validate_max=True
)
