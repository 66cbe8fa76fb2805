from django import template

from perfloop.plans.documents import figure

register = template.Library()


@register.filter(name="figure")
def figure_filter(value) -> str:
    """A plan's figure as a person writes it: 80.00 → 80, 63.33 stays, none → —."""
    return figure(value)


@register.filter
def mark_of(marks, pk) -> list:
    """The marks later stages put beside a plan in a list (plans.registry.marks_of)."""
    return marks.get(pk, []) if isinstance(marks, dict) else []
