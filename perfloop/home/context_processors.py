from django.utils.functional import SimpleLazyObject

from perfloop.home.navigation import unwrapped
from perfloop.home.registry import nav_for


def menu(request):
    """What the apps show beside the user's name, computed only if the page shows the navigation
    (the menu itself is the `{% navigation_menu %}` tag: home/navigation.py)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": SimpleLazyObject(lambda: nav_for(unwrapped(request.user)))}
