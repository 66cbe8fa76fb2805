"""What each rating of a competency means (行为锚定): the template's own words for an indicator,
else the general meaning of the level."""

from django.utils.translation import gettext_lazy as _

LEVELS = (
    _("Far below expectations: rarely shows this, even with help"),
    _("Below expectations: shows it sometimes, with help"),
    _("Meets expectations: shows it reliably in everyday work"),
    _("Above expectations: shows it in difficult situations too"),
    _("A model for others: others learn it from them"),
)


def levels(anchors: list | None) -> list[tuple[int, str]]:
    """(rating, meaning) for 1 to 5."""
    own = list(anchors or [])
    return [
        (n, (own[n - 1].strip() if n - 1 < len(own) and own[n - 1] and own[n - 1].strip() else str(general)))
        for n, general in enumerate(LEVELS, start=1)
    ]


def parse(text: str) -> list[str]:
    """Anchors as a file cell or a text box holds them: one level per line (or separated by |),
    level 1 first; empty when nothing is written."""
    parts = [p.strip() for p in text.replace("|", "\n").splitlines()]
    while parts and not parts[-1]:
        parts.pop()
    return parts
