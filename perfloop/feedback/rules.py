"""Who may do what with feedback conversations, on the access core.

A conversation is private: the employee, the managers above them and HR in scope; admins are
not given it (they run the system, they do not read conversations). The preparation pack is for
those who hold the conversation, never for the employee.
"""

from perfloop.access.policy import is_company_wide_hr, is_hr_for, is_self, reaches, roles_for
from perfloop.feedback.models import FeedbackRecord

Status = FeedbackRecord.Status


def can_use_feedback(user) -> bool:
    roles = roles_for(user)
    return roles.is_employee or roles.is_manager or roles.is_hr


def can_view_overview(user) -> bool:
    """A cycle's feedback overview: managers for their subtree, HR for their scope."""
    roles = roles_for(user)
    return roles.is_manager or roles.is_hr


def can_hold(user, employee) -> bool:
    """Prepare, schedule, hold and record: the person's managers, or HR in scope standing in."""
    return reaches(user, employee)


def can_see_pack(user, record: FeedbackRecord) -> bool:
    return reaches(user, record.employee)


def can_answer(user, record: FeedbackRecord) -> bool:
    """The employee acknowledges or disputes a held record (again after an amendment or an appeal)."""
    return is_self(user, record.employee) and record.status == Status.HELD


def can_resolve_appeals(user, record: FeedbackRecord) -> bool:
    return is_hr_for(user, record.employee)


def can_handle_appeals(user) -> bool:
    return roles_for(user).is_hr


def can_read_log(user, record: FeedbackRecord) -> bool:
    """Who opened this record: HR in scope."""
    return is_hr_for(user, record.employee)


def is_logged_read(user, record: FeedbackRecord) -> bool:
    """Openings by anyone but the employee and the one holding the conversation are private reads."""
    return not is_self(user, record.employee) and user.pk != record.holder_id


def can_manage_template(user) -> bool:
    """The organisation's Word layout of the record: administrators and company-wide HR."""
    return roles_for(user).is_admin or is_company_wide_hr(user)


def can_read_document(user, record: FeedbackRecord) -> bool:
    """The record as a document: those who hold it, and the employee once it is held."""
    return reaches(user, record.employee) or (
        is_self(user, record.employee) and record.status != Status.PLANNED
    )


def can_remind_managers(user) -> bool:
    """HR asks the managers of the people still without a conversation to hold one."""
    return roles_for(user).is_hr
