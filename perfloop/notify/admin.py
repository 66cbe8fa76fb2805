from django import forms
from django.contrib import admin

from perfloop.notify.audience import RULES
from perfloop.notify.models import ChannelOff


class ChannelOffForm(forms.ModelForm):
    event = forms.ChoiceField(choices=[(e, e) for e in sorted(RULES)])

    class Meta:
        model = ChannelOff
        fields = ["event", "channel"]


@admin.register(ChannelOff)
class ChannelOffAdmin(admin.ModelAdmin):
    """The organisation turns a channel off for an event (the defaults: notify/audience.py)."""

    form = ChannelOffForm
    list_display = ["event", "channel"]
