from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop import inputs
from perfloop.feedback.forms import coached
from perfloop.home.forms import BootstrapMixin, DateInput
from perfloop.plans.forms import FIGURE
from perfloop.plans.tracking.models import CheckIn, Closure


def _text(label):
    return forms.CharField(
        label=label, required=False, max_length=inputs.TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )


class CheckInForm(BootstrapMixin, forms.Form):
    """A check-in, with one reading box per goal of the plan (reading_<goal id>)."""

    id_prefix = "checkin"

    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=CheckIn.Kind.choices)
    on_track = forms.NullBooleanField(label=_("On track?"), required=False)
    notes = _text(_("Notes"))
    deviations = _text(_("Deviations"))
    corrections = _text(_("Corrective actions"))
    support_asked = _text(_("Support asked"))
    support_given = _text(_("Support given"))
    recognition = _text(_("Recognition of good behaviour"))

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        coached(self, reverse("feedback:coach"), ["notes", "deviations", "corrections", "recognition"])
        self.goal_fields = []
        for goal in goals:
            name = f"reading_{goal.pk}"
            label = f"{goal.metric or goal.description[:40]}" + (f" ({goal.unit})" if goal.unit else "")
            self.fields[name] = forms.DecimalField(label=label, **FIGURE)
            self.fields[name].widget.attrs["class"] = "form-control"
            self.goal_fields.append((goal.pk, self[name]))

    def readings(self) -> list[tuple[int, object, str]]:
        return [
            (goal_id, self.cleaned_data[f"reading_{goal_id}"], "")
            for goal_id, _field in self.goal_fields
            if self.cleaned_data.get(f"reading_{goal_id}") is not None
        ]


class ReadingForm(BootstrapMixin, forms.Form):
    id_prefix = "reading"
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int)
    taken_on = forms.DateField(label=_("Date"), widget=DateInput())
    value = forms.DecimalField(label=_("Reading"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [(g.pk, g.metric or g.description[:40]) for g in goals]


class CloseForm(BootstrapMixin, forms.Form):
    """Closure: a final reading box per goal (final_<goal id>), the result and, if it differs from
    the suggestion, why."""

    id_prefix = "close"

    result = forms.ChoiceField(label=_("Result"), choices=Closure.Result.choices)
    reason = forms.CharField(
        label=_("Reason (when the result differs from the suggestion)"),
        required=False,
        max_length=inputs.TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        coached(self, reverse("feedback:coach"), ["reason"])
        self.goal_fields = []
        for row in goals:
            goal = row.goal
            name = f"final_{goal.pk}"
            label = f"{goal.metric or goal.description[:40]}" + (f" ({goal.unit})" if goal.unit else "")
            self.fields[name] = forms.DecimalField(label=label, **FIGURE)
            self.fields[name].widget.attrs["class"] = "form-control"
            self.goal_fields.append((row, self[name]))

    def readings(self) -> list[tuple[int, object]]:
        return [
            (row.goal.pk, self.cleaned_data[f"final_{row.goal.pk}"])
            for row, _field in self.goal_fields
            if self.cleaned_data.get(f"final_{row.goal.pk}") is not None
        ]


class OutcomeForm(BootstrapMixin, forms.Form):
    id_prefix = "outcome"
    outcome = forms.ChoiceField(
        label=pgettext_lazy("plan outcome", "Outcome"), choices=Closure.Outcome.choices
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=inputs.TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, team: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        coached(self, reverse("feedback:coach"), ["reason"])
        if team:  # a team is not promoted or moved: its plan goes on, or ends here
            self.fields["outcome"].choices = [
                (value, label) for value, label in Closure.Outcome.choices if value in Closure.TEAM_OUTCOMES
            ]
