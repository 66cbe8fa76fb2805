"""Who may use imports. Each kind says who may import it (`ImportKind.permission`)."""

from django.db.models import Q

from perfloop.access.policy import roles_for
from perfloop.imports.models import Import


def can_use_imports(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_admin


def visible_imports(user):
    """An import file holds people's data: its uploader sees it, and admins see organisation files."""
    roles = roles_for(user)
    if roles.is_admin:
        return Import.objects.filter(Q(uploaded_by=user) | Q(kind="org"))
    if roles.is_hr:
        return Import.objects.filter(uploaded_by=user)
    return Import.objects.none()
