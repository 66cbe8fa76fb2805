from django import template

from perfloop.home import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation_menu(context) -> str:
    return navigation.menu_html(context["request"].user)


@register.simple_tag(takes_context=True)
def language_switch(context) -> str:
    return navigation.language_switch_html(context["request"], context.get("csrf_token", ""))
