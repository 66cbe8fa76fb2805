"""What every app's forms share."""

from django import forms
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property
from django.utils.translation import gettext_noop

# Django's label of a select's empty choice has no zh-Hans translation in Django's own catalogue;
# ours, searched first, carries it.
gettext_noop("- Select an option -")


class BootstrapMixin:
    """Give every widget Bootstrap's class, so that templates can render fields as they are. A
    form shown beside others on one page names an `id_prefix`, so that no two fields share an id."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    """A browser date picker: it takes ISO dates only, whatever the language formats dates as."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class FormRenderer(Jinja2):
    """Form widgets through Django's Jinja2 widget templates: the same HTML (but for whitespace
    between options) at half the cost, which counts on pages with several forms (a plan's page has
    six). A widget that has a Django template only (the admin's) is rendered by Django."""

    @cached_property
    def fallback(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
