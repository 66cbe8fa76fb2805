from django import template
from django.core.exceptions import ObjectDoesNotExist

register = template.Library()


@register.filter
def person(user) -> str:
    """A user as people know them: the linked employee's name, else the login name.

    Querysets that show many users select `…__employee` along, so this asks nothing more.
    """
    if user is None:
        return ""
    try:
        employee = user.employee
    except (ObjectDoesNotExist, AttributeError):
        employee = None
    return employee.name if employee is not None else user.get_username()
