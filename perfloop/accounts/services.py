from django.conf import settings

from perfloop.accounts.models import Profile

SESSION_LANGUAGE_KEY = "perfloop_language"
SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def remember_language(*, user, language: str) -> None:
    """Keep the user's chosen language for every later visit and device."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(language)
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def saved_language(user) -> str:
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""
