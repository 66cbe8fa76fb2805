from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.home.forms import BootstrapMixin
from perfloop.notify.registry import EVENT_TYPES


class WebhookForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    url = forms.CharField(label=_("Address (https)"), max_length=500)
    events = forms.MultipleChoiceField(label=_("Events"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = [(name, kind.label) for name, kind in sorted(EVENT_TYPES.items())]
        self.fields["events"].widget.attrs["class"] = "form-check-input"
