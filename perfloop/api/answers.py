"""The refusals every app's API operations give, worded the same everywhere."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Status
from ninja.errors import HttpError

# A service's refusal that clashes with the record's state (locked, already answered, a second
# record, a status that does not allow it) is a 409; any other refusal is a 400.
CONFLICTS = {"locked", "conflict"}


def refused(error: ValidationError) -> Status:
    status = 409 if getattr(error, "code", None) in CONFLICTS else 400
    return Status(status, {"detail": " ".join(error.messages)})


def forbidden() -> Status:
    return Status(403, {"detail": _("Your role does not allow this.")})


def not_found() -> Status:
    return Status(404, {"detail": _("Not found.")})


def forbidden_error() -> HttpError:
    """The same refusal raised, for a paged operation (whose answer cannot be a Status)."""
    return HttpError(403, _("Your role does not allow this."))
