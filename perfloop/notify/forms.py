from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.home.forms import BootstrapMixin
from perfloop.notify.models import ChatRobot


class RobotForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ChatRobot.Kind.choices)
    name = forms.CharField(label=_("Robot name"), max_length=100)
    webhook = forms.URLField(label=_("Webhook URL"), max_length=500, assume_scheme="https")
    secret = forms.CharField(label=_("Signing secret (DingTalk, Feishu)"), max_length=200, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False, empty_label=_("The whole organisation")
    )

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
