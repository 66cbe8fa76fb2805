from django import template

from perfloop.home.registry import actions_for

register = template.Library()


@register.inclusion_tag("includes/page_actions.html", takes_context=True)
def page_actions(context, page: str, obj) -> dict:
    """The loop's next steps from this page (registered by the stages that take them)."""
    return {"actions": actions_for(page, context["request"].user, obj)}
