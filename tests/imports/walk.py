"""URL-walk declarations of the imports app (the organisation file is the kind walked)."""

from perfloop.imports.models import Import
from tests.access.walk_roles import HR_OR_ADMIN, UPLOADER_OR_ADMIN

DECLARED = {
    "imports:index": ("get", HR_OR_ADMIN),
    "imports:upload": ("post", HR_OR_ADMIN),  # the organisation file: HR and admins
    "imports:example": ("get", HR_OR_ADMIN),
    "imports:fill_in": ("get", HR_OR_ADMIN),
    "imports:detail": ("get", UPLOADER_OR_ADMIN),
    "imports:apply": ("post", UPLOADER_OR_ADMIN),
    "api:import_file": ("post", HR_OR_ADMIN),  # the organisation file, as on the page
}
FILES = {"api:import_file": ("o.csv", "工号,姓名,部门\n".encode())}


def arguments(org) -> dict:
    record = Import.objects.create(
        kind="org",
        filename="x.csv",
        content=b"",
        uploaded_by=org.user("hr_in_scope"),
        summary={"ok": False, "errors": [{"line": 0, "message": "empty"}], "error_count": 1},
    )
    return {
        "imports:detail": {"pk": record.pk},
        "imports:apply": {"pk": record.pk},
        "imports:upload": {"kind": "org"},
        "api:import_file": {"kind": "org"},
        "imports:example": {"kind": "org"},
        "imports:fill_in": {"kind": "org"},
    }
