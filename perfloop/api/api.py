import copy

from django.apps import apps
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from perfloop.api.auth import AUTH
from perfloop.api.parser import NulFreeParser


class PerfLoopAPI(NinjaAPI):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schemas: dict[tuple[str, str], dict] = {}

    def get_openapi_operation_id(self, operation) -> str:
        """Short and stable for generated clients: the operation's URL name in camelCase
        (`plan_checkins_add` → `planCheckinsAdd`), not the module path of its function."""
        head, *rest = (operation.url_name or operation.view_func.__name__).split("_")
        return head + "".join(word.capitalize() for word in rest)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Built once per process and language (the operations are fixed at start-up; building
        takes most of a second), a copy each time."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, translation.get_language())
        if key not in self._schemas:
            self._schemas[key] = self._schema(path_prefix)
        return copy.deepcopy(self._schemas[key])

    def _schema(self, path_prefix: str):
        """A download is described by its own media types, a document (DOCX, PDF) as bytes and an
        .ics as text: ninja adds a JSON string beside them, which made generated clients decode a
        Word file as text."""
        schema = super().get_openapi_schema(path_prefix=path_prefix)
        for path in schema["paths"].values():
            for operation in path.values():
                # A NUL character in any query parameter, known or not, is refused with 400 by the
                # parser (api/parser.py) before the operation runs: every operation may answer it.
                operation["responses"].setdefault(400, BAD_REQUEST)
                content = operation["responses"].get(200, {}).get("content", {})
                if len(content) > 1 and "application/json" in content:
                    del content["application/json"]
                    for kind, media in content.items():
                        text = kind.startswith("text/")
                        media["schema"] = (
                            {"type": "string"} if text else {"type": "string", "format": "binary"}
                        )
        return schema


BAD_REQUEST = {
    "description": "Bad Request",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}
api = PerfLoopAPI(
    title="PerfLoop API",
    version="1",
    description="PerfLoop (绩效闭环): review results to measured improvement. "
    "Authenticate with the session (and its CSRF token) or, from a script, `Authorization: Bearer <token>` (no CSRF token) "
    "from `python manage.py issue_token USERNAME`.",
    auth=AUTH,
    parser=NulFreeParser(),
    urls_namespace="api",
)
# Each app that names an `api_router` on its AppConfig adds its operations, in app order.
for config in apps.get_app_configs():
    if getattr(config, "api_router", None):
        api.add_router("/", import_string(config.api_router))


@api.exception_handler(ValidationError)
def validation_failed(request, exc):
    return api.create_response(
        request, {"detail": _("Invalid request parameters."), "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(HttpError)
def refused(request, exc):
    """A refusal with its reason. ninja words every body its parser refuses "Cannot parse request
    body"; the parser's own reason (a NUL, a body that is not an object) is the one to give, in
    the user's language; JSON that does not parse is told so."""
    cause = exc.__cause__
    if isinstance(cause, HttpError):
        exc = cause
    elif isinstance(cause, ValueError) and str(exc).startswith("Cannot parse request body"):
        return api.create_response(request, {"detail": _("The body is not valid JSON.")}, status=400)
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)
