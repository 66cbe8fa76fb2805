"""Free text and figures as people type them, checked the same way by every stage: a text is
trimmed, required where it must be, refused — never cut — when longer than its limit or holding a
NUL; a figure is a finite decimal with two places. The message names the field, in the user's
language."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TEXT_LIMIT = 2000  # a free-text answer: a record's part, a reason, a comment


def text(value, label, *, required=True, limit=TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("%(field)s: this field is required.") % {"field": label}, code="invalid")
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit}, code="invalid"
        )
    if "\x00" in value:
        raise ValidationError(
            _("%(field)s: the text holds a NUL character.") % {"field": label}, code="invalid"
        )
    return value


def number(value, label) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        found = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(_("%(field)s: enter a number.") % {"field": label}, code="invalid") from None
    if not found.is_finite() or abs(found) >= Decimal("1e12"):
        raise ValidationError(_("%(field)s: enter a number.") % {"field": label}, code="invalid")
    return found.quantize(Decimal("0.01"))
