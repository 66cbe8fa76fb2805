import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perfloop.feedback.models import RECORD_TEXTS, Appeal, FeedbackRecord, FeedbackRequest
from perfloop.feedback.preparation import MATERIALS
from perfloop.feedback.services import TEXT_LIMIT
from perfloop.home.forms import BootstrapMixin, DateInput, TimeInput


def _text(label, rows=3, required=False):
    return forms.CharField(
        label=label, required=required, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": rows})
    )


def coached(form, coach_url: str | None, names) -> None:
    """Ask the language coach about each box as it is typed (htmx, debounced); the findings go to the
    next `.coach` element after the box (the template puts one there, and the form carries the CSRF
    token in `hx-headers`). Any stage's form where feedback is written uses it."""
    if not coach_url:
        return
    for name in names:
        form.fields[name].widget.attrs.update(
            {
                "hx-post": coach_url,
                "hx-trigger": "input changed delay:700ms",
                "hx-target": "next .coach",
                "hx-swap": "innerHTML",
                "hx-params": name,  # this box alone (the CSRF token goes in the form's hx-headers)
            }
        )


class PackForm(BootstrapMixin, forms.Form):
    goal = forms.ChoiceField(label=_("Conversation goal"), choices=FeedbackRecord.Goal.choices)
    setting = forms.ChoiceField(label=_("Setting"), choices=FeedbackRecord.Setting.choices)
    talking_points = _text(_("Talking points"), rows=12)
    materials = forms.MultipleChoiceField(
        label=_("Materials ready"),
        choices=list(MATERIALS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, coach_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].widget.attrs["class"] = "form-check-input"
        coached(self, coach_url, ["talking_points"])


class ScheduleForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=10, max_value=480, initial=45)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    video_link = forms.URLField(label=_("Video link"), required=False, max_length=500, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("place") or cleaned.get("video_link")):
            self.add_error("place", _("Give a place or a video link."))
        return cleaned

    @property
    def starts_at(self) -> dt.datetime:
        """The date and time as typed, in the organisation's time zone."""
        naive = dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive)


class RecordTextsForm(BootstrapMixin, forms.Form):
    """The texts of the record, in the guided meeting's order."""

    opening = _text(_("Positive opening"))
    strengths = _text(_("Strengths, with their figures"), rows=4)
    improvements = _text(_("Improvement items, with their figures"), rows=4)
    employee_view = _text(_("The employee’s view"), rows=4)
    agreed_direction = _text(_("Agreed direction"))
    next_steps = _text(_("Next steps"))

    field_order = list(RECORD_TEXTS)

    def __init__(self, *args, coach_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        coached(self, coach_url, RECORD_TEXTS)


class RequestForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=FeedbackRequest.Kind.choices)
    text = forms.CharField(label=_("Request"), max_length=TEXT_LIMIT)


class HeldForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())


class DisputeForm(BootstrapMixin, forms.Form):
    reason = _text(_("What do you disagree with, and why?"), required=True)


class AmendmentForm(BootstrapMixin, forms.Form):
    field = forms.ChoiceField(label=_("Field"))
    text = _text(_("New text"), rows=4)
    reason = _text(_("Reason for the change"), rows=2, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = RecordTextsForm.base_fields
        self.fields["field"].choices = [(name, labels[name].label) for name in RECORD_TEXTS]


class ResolveForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Appeal.Outcome.choices)
    note = _text(_("Resolution note"), required=True)


class TemplateForm(forms.Form):
    file = forms.FileField(label=_("Word template (.docx)"))
