from django.utils.functional import SimpleLazyObject

from perfloop.home.registry import menu_for, nav_for


def menu(request):
    """The navigation entries this user may see, as the apps registered them (and what the apps
    show beside the user's name, computed only if the page shows the navigation)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": [], "nav_items": []}
    return {"menu": menu_for(request.user), "nav_items": SimpleLazyObject(lambda: nav_for(request.user))}
