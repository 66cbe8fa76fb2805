from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop import inputs
from perfloop.home.forms import BootstrapMixin
from perfloop.insights.models import Lesson
from perfloop.reviews.models import RootCause


class LessonForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    done = forms.CharField(
        label=_("What was done"), max_length=inputs.TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    worked = forms.CharField(
        label=_("What worked"),
        required=False,
        max_length=inputs.TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    root_cause = forms.ChoiceField(label=_("Root cause"), required=False)
    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=100)
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=200, help_text=_("Separated by commas")
    )
    sharing = forms.ChoiceField(label=_("Shared with"), choices=Lesson.Sharing.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].choices = [("", "—"), *RootCause.Cause.choices]


class LessonSearchForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    root_cause = forms.ChoiceField(label=_("Root cause"), required=False)
    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].choices = [("", _("Any root cause")), *RootCause.Cause.choices]


class TeamReportForm(forms.Form):
    """Which team report: a department of the reader's, a cycle, with its sub-departments or not."""

    department = forms.ModelChoiceField(label=_("Department"), queryset=None, required=False)
    cycle = forms.ModelChoiceField(label=_("Review cycle"), queryset=None, required=False)
    scope = forms.ChoiceField(
        label=_("People counted"),
        required=False,
        choices=[("subtree", _("With sub-departments")), ("level", _("This level only"))],
    )

    def __init__(self, *args, departments, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["cycle"].queryset = cycles
