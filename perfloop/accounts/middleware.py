from django.utils import translation

from perfloop.accounts.services import SESSION_LANGUAGE_KEY, SUPPORTED_LANGUAGES


class UserLanguageMiddleware:
    """Use the language a signed-in user chose; otherwise LocaleMiddleware's pick from the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        language = session.get(SESSION_LANGUAGE_KEY) if session is not None else None
        if language in SUPPORTED_LANGUAGES and request.user.is_authenticated:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
