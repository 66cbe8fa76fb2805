from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.home.forms import BootstrapMixin, DateInput
from perfloop.org.forms import DepartmentField
from perfloop.reviews.models import Relation
from perfloop.rounds.models import RELATIONS, Nominator, Privacy


class RoundForm(BootstrapMixin, forms.Form):
    cycle = forms.ModelChoiceField(label=_("Review cycle"), queryset=None)
    department = DepartmentField(empty_label=_("The whole organisation"))
    relations = forms.MultipleChoiceField(
        label=_("Relations collected"),
        choices=[(r.value, r.label) for r in RELATIONS],
        widget=forms.CheckboxSelectMultiple,
        initial=[Relation.SELF, Relation.MANAGER, Relation.PEER, Relation.SUBORDINATE],
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    peers_min = forms.IntegerField(label=_("Fewest peers per person"), min_value=0, max_value=20, initial=3)
    peers_max = forms.IntegerField(label=_("Most peers per person"), min_value=1, max_value=20, initial=6)
    nominated_by = forms.ChoiceField(label=_("Who names the peers"), choices=Nominator.choices)
    reviewer_cap = forms.IntegerField(
        label=_("Most reviews asked of one reviewer"), min_value=1, max_value=100, initial=8
    )
    privacy = forms.ChoiceField(label=_("Privacy"), choices=Privacy.choices)

    def __init__(self, *args, cycles, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["department"].queryset = departments
        self.fields["relations"].widget.attrs.pop("class", None)

    def clean(self):
        cleaned = super().clean()
        opens, deadline = cleaned.get("opens_on"), cleaned.get("deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("The deadline cannot be before the round opens."))
        low, high = cleaned.get("peers_min"), cleaned.get("peers_max")
        if low is not None and high is not None and high < low:
            self.add_error("peers_max", _("The most peers cannot be fewer than the fewest."))
        return cleaned


class ReopenForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=1000)


def round_form(user, data=None) -> RoundForm:
    """The new-round form for this HR user: cycles still taking data, departments of their scope."""
    from django.utils import timezone

    from perfloop.access.policy import hr_departments
    from perfloop.reviews.models import ReviewCycle

    return RoundForm(
        data,
        cycles=ReviewCycle.objects.filter(status__in=(ReviewCycle.Status.DRAFT, ReviewCycle.Status.OPEN)),
        departments=hr_departments(user),
        initial={
            "opens_on": timezone.localdate(),
            "deadline": timezone.localdate() + timezone.timedelta(days=14),
        },
    )
