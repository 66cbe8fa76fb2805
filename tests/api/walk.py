"""URL-walk declarations of the API's own routes (each app declares its operations)."""

from tests.access.walk_roles import PUBLIC

DECLARED = {
    "api:openapi-json": ("get", PUBLIC),
    "api:openapi-view": ("get", PUBLIC),
    "api:api-root": ("get", set()),  # the API's bare prefix answers 404 to everyone
}
