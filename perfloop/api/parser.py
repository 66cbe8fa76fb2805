"""Request parsing that refuses NUL characters: PostgreSQL text cannot hold them, so a body or
parameter carrying one is answered 400 before it reaches a query, on every database alike. Every
operation's body is a JSON object: anything else (an array, a number) is refused too, since a
schema whose fields are all optional would read it as an empty change."""

import json

from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.parser import Parser


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _refuse():
    raise HttpError(400, _("Text may not contain NUL characters."))


class NulFreeParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise HttpError(400, _("The body must be a JSON object."))
        if _has_nul(data):
            _refuse()
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        if any(_has_nul(v) for v in result.values() if not hasattr(v, "read")):
            _refuse()
        return result
