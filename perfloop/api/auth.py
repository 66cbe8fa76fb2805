from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from perfloop.api.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


# Session (with CSRF on unsafe methods) for the browser, bearer token for scripts.
AUTH = [django_auth, TokenAuth()]
