from django import forms
from django.utils.translation import gettext_lazy as _

from perfloop.home.forms import BootstrapMixin
from perfloop.notify import audience, registry
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


def rules_from(data) -> dict:
    """The rules as posted by the rules page: for each event, the boxes ticked (`<event>|who`,
    `<event>|channels`) and, for an event announced ahead, `<event>|days`. A days value that is
    not a number is passed on as 0, which the service refuses with its reason."""
    wanted = {}
    for event, default in audience.defaults().items():
        days = None
        if default.days is not None:
            raw = data.get(f"{event}|days", "").strip()
            days = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 0
        wanted[event] = registry.Rule(
            tuple(w for w in registry.WHO if w in data.getlist(f"{event}|who")),
            tuple(c for c in registry.CHANNELS if c in data.getlist(f"{event}|channels")),
            days,
        )
    return wanted
