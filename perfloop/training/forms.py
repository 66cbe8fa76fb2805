from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.home.forms import BootstrapMixin, DateInput
from perfloop.org.forms import DepartmentField
from perfloop.training.sessions import MOST_SEATS


class SessionForm(BootstrapMixin, forms.Form):
    course = forms.CharField(label=_("Course"), max_length=200)
    provider = forms.CharField(label=_("Provider"), max_length=200, required=False)
    topic = forms.CharField(label=_("Indicator or competency"), max_length=100, required=False)
    department = DepartmentField(empty_label=_("Any department"))
    starts = forms.DateField(label=_("From"), widget=DateInput())
    ends = forms.DateField(label=_("To"), widget=DateInput())
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=MOST_SEATS)
    cost = forms.DecimalField(label=_("Cost"), min_value=0, max_digits=14, decimal_places=2, required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
