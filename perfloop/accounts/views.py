from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.accounts.services import SESSION_LANGUAGE_KEY, SUPPORTED_LANGUAGES, remember_language


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@require_POST
def set_language(request):
    """Switch the language: kept in a cookie, the session, and the user's profile when signed in."""
    language = request.POST.get("language", "")
    if language not in SUPPORTED_LANGUAGES:
        return HttpResponseBadRequest(_("Unknown language."))
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    if request.user.is_authenticated:
        remember_language(user=request.user, language=language)
        request.session[SESSION_LANGUAGE_KEY] = language
    return response
