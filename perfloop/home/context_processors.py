from perfloop.home.registry import menu_for


def menu(request):
    """The navigation entries this user may see, as the apps registered them."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    return {"menu": menu_for(request.user)}
