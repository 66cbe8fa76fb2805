from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.careers.models import Dossier
from perfloop.home.forms import BootstrapMixin, DateInput
from perfloop.org.forms import DepartmentField
from perfloop.org.models import Position


def _positions():
    return forms.ModelChoiceField(
        label=_("New position"), queryset=Position.objects.all(), required=False, empty_label=_("Unchanged")
    )


class OpenForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Dossier.Kind.choices)
    position = _positions()
    department = DepartmentField(empty_label=_("Unchanged"))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].label = _("New department")


class RecommendForm(BootstrapMixin, forms.Form):
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Dossier.Recommendation.choices)
    text = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Dossier.Decision.choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    effective_date = forms.DateField(label=_("Effective date"), required=False, widget=DateInput())
    position = _positions()
    department = DepartmentField(empty_label=_("As proposed"))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].label = _("New department")
        self.fields["position"].empty_label = _("As proposed")


class StepForm(BootstrapMixin, forms.Form):
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.all())
    next_position = forms.ModelChoiceField(label=_("Leads to"), queryset=Position.objects.all())
    requirements = forms.CharField(
        label=_("Requirements"), max_length=2000, required=False,
        help_text=_("One per line or separated by semicolons: the indicator as results name it and the level, e.g. 沟通能力 80"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
