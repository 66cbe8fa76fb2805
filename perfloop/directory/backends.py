"""The authentication backend of DingTalk, WeCom and Feishu sign-ins: a code from the service
becomes the person's directory id, then the employee `signin` finds (or the reason why not)."""

import logging

from django.core.exceptions import PermissionDenied

from perfloop.accounts.backends import ModelBackend
from perfloop.accounts.views import SIGNIN_REFUSAL
from perfloop.directory import methods, signin
from perfloop.directory.service_signin import SERVICES
from perfloop.directory.sync import Unavailable

log = logging.getLogger("perfloop.directory")


class ServiceCodeBackend:
    def authenticate(
        self, request, service=None, service_code=None, redirect_uri="", verifier="", in_app=False
    ):
        found = methods.method(service) if service in SERVICES else None
        if request is None or not service_code or found is None:
            return None
        try:
            claims = SERVICES[service]().claims_for_code(
                found, service_code, redirect_uri=redirect_uri, verifier=verifier, in_app=in_app
            )
        except signin.Refused as refused:
            setattr(request, SIGNIN_REFUSAL, str(refused))
            raise PermissionDenied from None
        except Unavailable as failure:  # the service refused the app, or did not answer
            log.warning("%s sign-in failed: %s", service, failure)
            setattr(request, SIGNIN_REFUSAL, str(failure))
            raise PermissionDenied from None
        return signin.signed_in(request, claims)

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)
