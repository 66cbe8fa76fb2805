from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from perfloop.accounts.services import SESSION_LANGUAGE_KEY, saved_language


@receiver(user_logged_in)
def load_language_on_login(sender, request, user, **kwargs):
    # The session carries the preference so that later requests need no query for it.
    language = saved_language(user)
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE_KEY] = language
