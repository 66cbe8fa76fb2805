from django import template

from perfloop.plans.documents import figure

register = template.Library()


@register.filter(name="figure")
def figure_filter(value) -> str:
    """A plan's figure as a person writes it: 80.00 → 80, 63.33 stays, none → —."""
    return figure(value)
