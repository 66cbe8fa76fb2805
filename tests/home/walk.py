"""URL-walk declarations of the home and accounts routes (see tests/access/test_url_walk.py)."""

from tests.access.walk_roles import PUBLIC, SIGNED_IN

DECLARED = {
    "home:index": ("get", SIGNED_IN),
    "accounts:login": ("get", PUBLIC),
    "accounts:logout": ("post", PUBLIC),
    "accounts:set_language": ("post", PUBLIC),
}
