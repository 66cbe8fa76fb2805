"""Who does what with careers. A dossier: HR in scope opens and decides it, and says when the
decision is communicated; the person's managers read it and recommend; the person sees the
decision once communicated, never the deliberation. The development path: company-wide HR and
administrators set it (positions are the whole company's); a person's standing is read by them and
by those whose rights reach them."""

from perfloop.access.policy import (
    can_administer,
    can_manage,
    is_company_wide_hr,
    is_hr_for,
    is_self,
    reaches,
    roles_for,
)


def can_list(user) -> bool:
    roles = user.is_authenticated and roles_for(user)
    return bool(roles) and (roles.is_hr or roles.is_manager)


def can_open(user, employee) -> bool:
    return is_hr_for(user, employee)


def can_read(user, dossier) -> bool:
    return reaches(user, dossier.employee)


def recommends(user, dossier) -> bool:
    """The person's managers give the recommendation."""
    return can_manage(user, dossier.employee)


def decides(user, dossier) -> bool:
    """HR in scope decide and say when the decision was communicated."""
    return is_hr_for(user, dossier.employee)


def can_recommend(user, dossier) -> bool:
    return not dossier.decided and recommends(user, dossier)


def can_decide(user, dossier) -> bool:
    """Undecided, or approved and not yet in effect (HR may still change their mind)."""
    return (not dossier.decided or dossier.waiting) and decides(user, dossier)


def can_communicate(user, dossier) -> bool:
    return dossier.decided and dossier.communicated_at is None and decides(user, dossier)


def sees_decision(user, dossier) -> bool:
    """The person, once the decision has been communicated to them."""
    return dossier.communicated_at is not None and is_self(user, dossier.employee)


def can_set_paths(user) -> bool:
    return user.is_authenticated and (is_company_wide_hr(user) or can_administer(user))


def signed_in(user) -> bool:
    """The development path, and one's own decisions once communicated."""
    return user.is_authenticated


def can_see_standing(user, employee) -> bool:
    return is_self(user, employee) or reaches(user, employee)
